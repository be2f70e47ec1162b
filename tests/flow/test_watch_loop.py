"""The watch loop's timing of rounds: hints, scan_interval, and the quick rounds that
follow a round which concluded flows (its own claim holds watchdog's hints back)."""

from __future__ import annotations

import time
import types
from pathlib import Path

import pytest

from edi import config
from edi.flow import run
from edi.model import FlowStatus


def _watch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, concluded: list[bool],
           scan_interval: float) -> list[float]:
    """When each round started, the rounds concluding flows as ``concluded`` says (one
    entry per round; the loop stops after the last), with no source and so no hint."""
    starts: list[float] = []

    def round_(processor: object, sources: object, stop: run.Stop) -> dict[str, FlowStatus]:
        starts.append(time.monotonic())
        if len(starts) == len(concluded):
            stop.request("the test's last round")
        return {"f": FlowStatus.IN_INTEGRE} if concluded[len(starts) - 1] else {}

    monkeypatch.setattr(run, "run_round", round_)
    monkeypatch.setattr(run, "start_up", lambda processor, stop: {})
    toml = tmp_path / "edi.toml"
    toml.write_text(f"[intake]\nscan_interval = {scan_interval}\n")
    settings = config.load(toml, base_dir=tmp_path)
    run.watch(types.SimpleNamespace(ledger=None), settings, [], run.Stop())  # type: ignore[arg-type]
    return starts


def _gaps(starts: list[float]) -> list[float]:
    return [b - a for a, b in zip(starts, starts[1:], strict=False)]


def test_after_a_round_that_concluded_flows_the_next_ones_come_quickly(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    starts = _watch(monkeypatch, tmp_path, [True, False, False], scan_interval=30)
    gaps = _gaps(starts)
    assert all(run.FOLLOW_UP_POLL * 0.9 <= g < run.FOLLOW_UP_POLL + 0.5 for g in gaps), gaps


def test_a_round_that_concluded_nothing_waits_for_the_scan_interval(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    starts = _watch(monkeypatch, tmp_path, [False, False], scan_interval=1.0)
    assert starts[1] - starts[0] >= 0.95


def test_the_quick_rounds_end_after_the_follow_up(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    rounds = int(run.FOLLOW_UP / run.FOLLOW_UP_POLL) + 3
    starts = _watch(monkeypatch, tmp_path, [True] + [False] * rounds, scan_interval=1.0)
    assert max(_gaps(starts)) >= 0.95   # back to scan_interval
    assert starts[-1] - starts[0] < run.FOLLOW_UP + 3.0
