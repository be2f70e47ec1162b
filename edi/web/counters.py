"""Process counters for ``edi watch --serve``, in prometheus-client's default registry.

The pipeline increments them; ``/metrics`` shows them beside the ledger gauges when the
dashboard is served from inside the processor. A separate ``edi serve`` process never
imports this module, so it shows no counters that would always read zero.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import Counter, Histogram

FLOWS_PROCESSED = Counter(
    "edi_flows_processed", "Flows that reached a terminal status in this process",
    ["status", "format"])
STAGE_SECONDS = Histogram(
    "edi_stage_seconds", "Time spent per pipeline stage (claim, detect, parse, validate, "
    "route, report) in this process", ["stage"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
DELIVERY_RETRIES = Counter(
    "edi_delivery_retries", "Deliveries scheduled for retry after a technical failure")


def flow_processed(status: str, format: str | None) -> None:
    FLOWS_PROCESSED.labels(status=status, format=format or "").inc()


@contextmanager
def stage(name: str) -> Iterator[None]:
    """``with stage("parse"): ...`` observes the block's duration, even when it raises."""
    start = time.perf_counter()
    try:
        yield
    finally:
        STAGE_SECONDS.labels(stage=name).observe(time.perf_counter() - start)


def delivery_retry() -> None:
    DELIVERY_RETRIES.inc()


def observe(stage_name: str, seconds: float) -> None:
    """The pipeline's hook: one observation of a stage's duration."""
    STAGE_SECONDS.labels(stage=stage_name).observe(seconds)
