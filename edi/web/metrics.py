"""``/metrics``: gauges computed from the ledger at scrape time, plus process counters.

Computing from the ledger (not from in-process counters) is what lets ``edi serve`` in
its own process report what ``edi watch`` did. The process counters of
``edi.web.counters`` live in prometheus-client's default registry and are appended when
that registry has them (``edi watch --serve``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from edi.config import Settings
from edi.ledger import Ledger, queries
from edi.model import utcnow


class LedgerCollector(Collector):
    """Reads the ledger on each scrape; a handful of grouped counts over indexes."""

    def __init__(self, ledger: Ledger, settings: Settings) -> None:
        self.ledger = ledger
        self.settings = settings

    def collect(self) -> Iterator[Metric]:
        flows = GaugeMetricFamily("edi_flows", "Flows in the ledger by status and format",
                                  labels=["status", "format"])
        for status, fmt, n in queries.flows_by_status_format(self.ledger):
            flows.add_metric([status, fmt], n)
        yield flows

        invoices = GaugeMetricFamily("edi_invoices", "Invoices in the ledger by verdict "
                                     "(DEPOSEE, REJETEE, IRRECEVABLE); CDAR "
                                     "lifecycle messages are no invoices",
                                     labels=["status"])
        for status, n in queries.invoices_by_status(self.ledger).items():
            invoices.add_metric([status], n)
        yield invoices

        from edi.ledger import lifecycle
        from edi.lifecycle.codes import label

        statuses = GaugeMetricFamily("edi_invoice_lifecycle", "Invoices by their latest "
                                     "lifecycle status (BR-FR-CDV-CL-06)",
                                     labels=["code", "label"])
        with self.ledger.connection() as c:
            for code, n in lifecycle.counts_by_status(c).items():
                statuses.add_metric([str(code), label(code) or ""], n)
        yield statuses

        rules = GaugeMetricFamily("edi_rejections_by_rule",
                                  "Fatal findings in the ledger by rule id",
                                  labels=["rule_id"])
        for rule, n in queries.rejections_by_rule(self.ledger).items():
            rules.add_metric([rule], n)
        yield rules

        yield GaugeMetricFamily("edi_inbox_backlog", "Files waiting in the inbox folder",
                                value=inbox_backlog(self.settings))

        now = utcnow()
        oldest = queries.oldest_unfinished(self.ledger)
        age = (now - oldest["received_at"]).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily("edi_oldest_unfinished_flow_age_seconds",
                                "Age of the oldest flow not yet in a terminal status "
                                "(0 when none)", value=max(age, 0.0))

        yield GaugeMetricFamily("edi_delivery_retries_pending",
                                "Flows waiting for a delivery retry "
                                "(IN_EN_ATTENTE_RETRAITEMENT_CPP)",
                                value=queries.pending_retries(self.ledger))

        scans = GaugeMetricFamily("edi_last_scan_timestamp",
                                  "Unix time (seconds) of the watcher's last directory scan",
                                  labels=["interface"])
        for interface, at in queries.last_scans(self.ledger).items():
            scans.add_metric([interface], at.timestamp())
        yield scans


def inbox_backlog(settings: Settings) -> int:
    """Files in the inbox the watcher would take (dotfiles and ignored suffixes aside)."""
    inbox: Path = settings.path(settings.paths.inbox)
    ignored = tuple(settings.intake.ignore_suffixes)
    try:
        with os.scandir(inbox) as entries:
            return sum(1 for e in entries if not e.name.startswith(".")
                       and not e.name.endswith(ignored) and e.is_file(follow_symlinks=False))
    except FileNotFoundError:
        return 0


class Metrics:
    """The ledger registry of one app; ``render()`` is the body of ``/metrics``."""

    def __init__(self, ledger: Ledger, settings: Settings) -> None:
        self.registry = CollectorRegistry(auto_describe=False)
        self.registry.register(LedgerCollector(ledger, settings))

    def render(self) -> bytes:
        return generate_latest(self.registry) + generate_latest(REGISTRY)
