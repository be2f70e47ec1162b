"""Seeing the lifecycle: `edi invoices`, /api/invoices, and the flow page's timeline in a
real browser (Debian's Chromium through Playwright, as tests/web does)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from edi.config import load
from edi.samples import ubl_invoice
from tests.lifecycle.conftest import Workspace
from tests.lifecycle.helpers import status_message
from tests.web.conftest import free_port
from tests.web.test_browser import shot


@pytest.fixture
def cashed(ws: Workspace) -> Workspace:
    """An accepted invoice, then its 212 dropped into the inbox; and a second invoice
    with no status."""
    ws.configure()
    ws.drop("facture.xml", ubl_invoice())
    ws.drop("autre.xml", ubl_invoice(number="FA-2025-000124"))
    ws.edi("process")
    ws.drop("encaissee.xml", status_message(212, amount="1380.00", percent="20.00"))
    ws.edi("process")
    return ws


def invoices(ws: Workspace, *args: str) -> list[dict]:
    return json.loads(ws.edi("invoices", "--json", *args).stdout)


def test_edi_invoices_filters_by_lifecycle_status_and_party(cashed: Workspace) -> None:
    assert [i["number"] for i in invoices(cashed, "--status", "212")] == ["FA-2025-000123"]
    assert invoices(cashed, "--status", "205") == []
    every = invoices(cashed)
    assert sorted(i["number"] for i in every) == ["FA-2025-000123", "FA-2025-000124"]
    assert "CDAR" not in {i["format"] for i in every}          # the message is no invoice
    assert invoices(cashed, "--supplier", "999") == []
    assert len(invoices(cashed, "--min-amount", "1000000")) == 0
    assert len(invoices(cashed, "--older-than", "10")) == 2    # issued 2025-03-14
    proc = cashed.edi("invoices", "--status", "999", check=False)
    assert proc.returncode != 0 and "BR-FR-CDV-CL-06" in proc.stderr


def test_the_api_lists_invoices_and_the_page_shows_the_timeline(cashed: Workspace,
                                                                page: object) -> None:
    from edi.web.app import serve_in_thread

    flow_id = next(f["flow_id"] for f in cashed.flows() if f["file_name"] == "facture.xml")
    settings = load(cashed.root / "edi.toml", base_dir=cashed.root)
    port = free_port()
    stop = serve_in_thread(settings, "127.0.0.1", port)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/invoices?status=212") as r:
            listed = json.loads(r.read())["invoices"]
        assert [(i["flow_id"], i["lifecycle_status"]) for i in listed] == [(flow_id, 212)]
        assert listed[0]["lifecycle"][0]["label"] == "Encaissée"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/flows/{flow_id}") as r:
            detail = json.loads(r.read())
        assert detail["invoices"][0]["lifecycle_status"] == 212
        pg = page
        pg.goto(f"http://127.0.0.1:{port}/flows/{flow_id}")    # type: ignore[attr-defined]
        timeline = pg.inner_text("#lifecycle-1")                # type: ignore[attr-defined]
        assert "212 Encaissée" in timeline and "MEN 1380.00 EUR at 20.00 %" in timeline
        shot(pg, "flow-lifecycle-timeline")
    finally:
        stop()


def test_the_messages_we_wrote_are_downloadable(ws: Workspace, page: object) -> None:
    from edi.web.app import serve_in_thread

    ws.configure(extra='[lifecycle]\nrole = "platform"\n')
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    flow_id = ws.flows()[0]["flow_id"]
    settings = load(ws.root / "edi.toml", base_dir=ws.root)
    port = free_port()
    stop = serve_in_thread(settings, "127.0.0.1", port)
    try:
        pg = page
        pg.goto(f"http://127.0.0.1:{port}/flows/{flow_id}")    # type: ignore[attr-defined]
        links = pg.eval_on_selector_all(                        # type: ignore[attr-defined]
            "#lifecycle-1 a.cdar", "as => as.map(a => a.getAttribute('href'))")
        assert len(links) == 2                                  # 200 and 201
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{links[0]}") as r:
            body = r.read()
        assert b"<ram:ProcessConditionCode>200</ram:ProcessConditionCode>" in body
        shot(pg, "flow-lifecycle-platform")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/flows/{flow_id}/lifecycle/"
                                   "..%2Fedi.toml")
            raise AssertionError("a path outside reports/lifecycle was served")
        except urllib.error.HTTPError as exc:
            assert exc.code == 404
    finally:
        stop()


def test_the_overview_and_metrics_count_invoices_by_lifecycle_status(cashed: Workspace
                                                                     ) -> None:
    from edi.web.app import serve_in_thread

    settings = load(cashed.root / "edi.toml", base_dir=cashed.root)
    port = free_port()
    stop = serve_in_thread(settings, "127.0.0.1", port)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/overview") as r:
            assert json.loads(r.read())["lifecycle"] == {"212 Encaissée": 1}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics") as r:
            metrics = r.read().decode("utf-8")
        assert 'edi_invoice_lifecycle{code="212",label="Encaissée"} 1.0' in metrics
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as r:
            assert "212 Encaissée" in r.read().decode("utf-8")
    finally:
        stop()


def test_the_daily_report_counts_the_statuses_filed(cashed: Workspace) -> None:
    from datetime import UTC, datetime

    out = cashed.edi("report", "daily", "--date", datetime.now(UTC).date().isoformat()).stdout
    summary = next(p for p in out.split() if p.endswith(".summary.csv"))
    rows = (cashed.root / summary).read_text("utf-8").splitlines()
    assert any(r.endswith(",lifecycle,212 Encaissée,1") for r in rows), rows
    page = (cashed.root / summary.replace(".summary.csv", ".html")).read_text("utf-8")
    assert "212 Encaissée" in page
