"""/metrics: ledger gauges computed at scrape time, process counters when present."""

from __future__ import annotations

from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from edi.model import FlowStatus
from tests.web.conftest import Server, add_flow, document, http


def scrape(server: Server) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    reply = http(f"{server.url}/metrics")
    assert reply.status == 200
    out = {}
    for family in text_string_to_metric_families(reply.text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def test_ledger_gauges(server: Server) -> None:
    m = scrape(server)
    assert m[("edi_flows", (("format", "UBL"), ("status", "IN_INTEGRE")))] == 2
    assert m[("edi_flows", (("format", "CII"), ("status", "IN_INTEGRE")))] == 1
    assert m[("edi_invoices", (("status", "REJETEE"),))] == 2
    assert m[("edi_invoices", (("status", "DEPOSEE"),))] == 4
    assert m[("edi_rejections_by_rule", (("rule_id", "BR-FR-12"),))] == 2
    assert ("edi_rejections_by_rule", (("rule_id", "BR-FR-W-01"),)) not in m
    assert m[("edi_delivery_retries_pending", ())] == 1
    assert 20 * 60 - 5 < m[("edi_oldest_unfinished_flow_age_seconds", ())] < 20 * 60 + 60


def test_scrape_sees_new_flows_backlog_and_scans(server: Server) -> None:
    """Another process writes the ledger and the inbox; the next scrape shows it."""
    settings, ledger = server.filled.settings, server.filled.ledger
    before = scrape(server)
    inbox: Path = settings.path(settings.paths.inbox)
    inbox.mkdir(exist_ok=True)
    for name in ("a.xml", "b.pdf", ".hidden", "c.xml.part"):
        (inbox / name).write_bytes(b"x")
    add_flow(ledger, FlowStatus.IN_REJETE, [document("FA-M-1", delivered=False)], "m.xml",
             reason="IRR_SYNTAX")
    ledger.record_scan("inbox")
    after = scrape(server)
    key = ("edi_flows", (("format", "UBL"), ("status", "IN_REJETE")))
    assert after[key] == before[key] + 1
    assert after[("edi_inbox_backlog", ())] == 2
    assert after[("edi_last_scan_timestamp", (("interface", "inbox"),))] > 1.7e9


def test_process_counters_are_appended_when_the_pipeline_uses_them(server: Server) -> None:
    from edi.web import counters

    counters.flow_processed("IN_INTEGRE", "UBL")
    with counters.stage("parse"):
        pass
    counters.delivery_retry()
    m = scrape(server)
    assert m[("edi_flows_processed_total", (("format", "UBL"), ("status", "IN_INTEGRE")))] >= 1
    assert m[("edi_stage_seconds_count", (("stage", "parse"),))] >= 1
    assert m[("edi_delivery_retries_total", ())] >= 1
