"""The instance guard on a real ledger (SQLite or PostgreSQL): held, refused, lapsed,
taken over, released."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from edi.ledger import Ledger
from edi.ledger import schema as s
from edi.ledger.guard import InstanceBusy, InstanceGuard, holders, scopes
from edi.model import utcnow


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    led = Ledger(ledger_url)
    yield led
    led.close()


def _age(ledger: Ledger, seconds: float) -> None:
    """Make every held scope look silent for ``seconds`` (its holder stopped beating)."""
    with ledger.engine.begin() as c:
        c.execute(update(s.instances).values(
            heartbeat_at=utcnow() - timedelta(seconds=seconds)))


def test_a_second_instance_on_the_same_folders_is_refused_naming_the_holder(
        ledger: Ledger, tmp_path: Path) -> None:
    where = scopes(tmp_path / "inbox", tmp_path / "work")
    first = InstanceGuard(ledger, where, "watch", stale_after=30)
    with first:
        second = InstanceGuard(ledger, where, "process", stale_after=30)
        with pytest.raises(InstanceBusy) as refused:
            second.acquire()
        text = str(refused.value)
        assert f"pid {first.pid}" in text and first.host in text
        assert "`edi watch`" in text and str((tmp_path / "inbox").resolve()) in text
        assert "\n" not in text
        assert {h.scope for h in holders(ledger)} == set(where)
        assert first.beat()  # the first one is unaffected
    assert holders(ledger) == []  # released on a clean exit
    with InstanceGuard(ledger, where, "process", stale_after=30):
        pass


def test_a_shared_work_area_or_ledger_is_refused_too(ledger: Ledger, tmp_path: Path) -> None:
    with InstanceGuard(ledger, scopes(tmp_path / "a", tmp_path / "work-a"), "watch"):
        assert len(holders(ledger)) == 3
        for inbox, work, what in (("c", "work-a", "work area"), ("b", "work-b", "ledger")):
            with pytest.raises(InstanceBusy, match=what):
                InstanceGuard(ledger, scopes(tmp_path / inbox, tmp_path / work),
                              "watch").acquire()
        # refused in one transaction: nothing of the refused instance was taken
        assert len(holders(ledger)) == 3


def test_a_silent_holder_is_taken_over_and_learns_it_lost(ledger: Ledger,
                                                          tmp_path: Path) -> None:
    where = scopes(tmp_path / "inbox", tmp_path / "work")
    dead = InstanceGuard(ledger, where, "watch", stale_after=30)
    dead.host = "elsewhere"  # on another host: only its silence tells it is dead
    dead._take()  # held, with no heartbeat thread: as a process that was SIGKILLed
    _age(ledger, 10)
    with pytest.raises(InstanceBusy):  # silent, but not for long enough
        InstanceGuard(ledger, where, "watch", stale_after=30).acquire()
    _age(ledger, 31)
    heir = InstanceGuard(ledger, where, "process", stale_after=30)
    with heir:
        assert {h.pid for h in holders(ledger)} == {heir.pid}
        assert {h.command for h in holders(ledger)} == {"process"}
        assert not dead.beat()  # the old holder, were it alive, finds out
    dead.release()  # releases nothing of the heir's
    assert holders(ledger) == []


def test_the_heartbeat_thread_keeps_the_claim_fresh(ledger: Ledger, tmp_path: Path) -> None:
    where = scopes(tmp_path / "inbox", tmp_path / "work")
    with InstanceGuard(ledger, where, "watch", stale_after=0.6) as guard:
        _age(ledger, 60)
        deadline = time.monotonic() + 10
        while min(h.heartbeat_at for h in holders(ledger)) < utcnow() - timedelta(seconds=30):
            assert time.monotonic() < deadline, "the heartbeat was not renewed"
            time.sleep(0.05)
        assert guard.every <= 0.2


def test_a_holder_whose_claim_was_taken_over_is_told_to_stop(ledger: Ledger,
                                                             tmp_path: Path) -> None:
    where = scopes(tmp_path / "inbox", tmp_path / "work")
    lost: list[str] = []
    guard = InstanceGuard(ledger, where, "watch", stale_after=0.6, on_lost=lost.append)
    with guard:
        with ledger.engine.begin() as c:  # what a successor's takeover leaves behind
            c.execute(update(s.instances).values(owner="successor"))
        deadline = time.monotonic() + 10
        while not lost:
            assert time.monotonic() < deadline, "the loss was not noticed"
            time.sleep(0.05)
    assert "another instance took over" in lost[0]
    assert {h.scope for h in holders(ledger)} == set(where)  # the successor's, kept


def test_on_this_host_a_holder_whose_process_is_gone_is_taken_over_at_once(
        ledger: Ledger, tmp_path: Path) -> None:
    where = scopes(tmp_path / "inbox", tmp_path / "work")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as other:
        holder = InstanceGuard(ledger, where, "watch", stale_after=30)
        holder.pid = other.pid  # a live process of this host holds it, beating or not
        holder._take()
        with pytest.raises(InstanceBusy):
            InstanceGuard(ledger, where, "process", stale_after=30).acquire()
        other.kill()
        other.wait()
    with InstanceGuard(ledger, where, "process", stale_after=30) as heir:
        assert {h.pid for h in holders(ledger)} == {heir.pid}
