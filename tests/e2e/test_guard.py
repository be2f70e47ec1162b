"""One instance per folder set, through the real `edi watch` and `edi process`."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from edi import samples
from tests.e2e.conftest import Workspace
from tests.e2e.test_workers import _start, _status, _until

pytestmark = pytest.mark.sqlite_only  # reads the guard's rows in the SQLite file itself


def _holders(db: Path) -> list[tuple[str, int, str]]:
    """(scope, pid, heartbeat) of every held scope; none while the ledger is not made."""
    if not db.exists():
        return []
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as c:
        try:
            return c.execute("select scope, pid, heartbeat_at from instances").fetchall()
        except sqlite3.OperationalError:  # no such table yet
            return []


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return err


def test_a_second_instance_exits_at_once_naming_the_first_which_goes_on(
        ws: Workspace) -> None:
    db = ws.root / "var" / "edi.sqlite"
    watch = _start(ws, "watch")
    try:
        _until(lambda: {pid for _, pid, _ in _holders(db)} == {watch.pid}, "guard held",
               watch)
        for command in ("process", "watch"):
            second = ws.edi(command, check=False)
            assert second.returncode == 3, second.stderr
            [line] = second.stderr.strip().splitlines()
            assert line.startswith(f"edi {command}: ")
            assert "`edi watch`" in line and f"pid {watch.pid}" in line
            assert str(ws.inbox.resolve()) in line
        part = ws.inbox / ".after.xml"  # written whole, then renamed in: watch is running
        part.write_bytes(samples.ubl_invoice(number="G-1"))
        part.rename(ws.inbox / "after.xml")
        _until(lambda: _status(ws).get("after.xml") == "IN_INTEGRE", "flow processed",
               watch)
    finally:
        if watch.poll() is None:
            _stop(watch)
    assert _holders(db) == []  # released on a clean exit
    ws.edi("process")


def _killed_holder(ws: Workspace, stale: float) -> int:
    """Start `edi watch` with ``instance_stale_after = stale``, SIGKILL it once it holds
    its guard; returns its pid (its rows stay behind: nobody released them)."""
    toml = ws.root / "edi.toml"
    toml.write_text(toml.read_text().replace(
        "[intake]\n", f"[intake]\ninstance_stale_after = {stale}\n"))
    db = ws.root / "var" / "edi.sqlite"
    watch = _start(ws, "watch")
    _until(lambda: bool(_holders(db)), "guard held", watch)
    watch.kill()
    watch.communicate(timeout=60)
    assert {pid for _, pid, _ in _holders(db)} == {watch.pid}
    return watch.pid


def test_after_a_sigkill_a_restart_on_the_same_host_takes_over_at_once(
        ws: Workspace) -> None:
    pid = _killed_holder(ws, stale=600)  # its silence alone would keep it for 10 minutes
    ws.drop("a.xml", samples.ubl_invoice(number="K-1"))
    proc = ws.edi("process")
    assert "taking over" in proc.stderr and f"pid {pid}), whose process is gone" in proc.stderr
    assert _status(ws) == {"a.xml": "IN_INTEGRE"}
    assert _holders(ws.root / "var" / "edi.sqlite") == []


def test_a_holder_on_another_host_is_taken_over_once_its_heartbeat_is_stale(
        ws: Workspace) -> None:
    _killed_holder(ws, stale=8)
    db = ws.root / "var" / "edi.sqlite"
    with closing(sqlite3.connect(db)) as c:  # as if it had run on a host sharing the ledger
        c.execute("update instances set host = 'elsewhere', heartbeat_at = ?",
                  (datetime.now(UTC).replace(tzinfo=None).isoformat(" "),))
        c.commit()
    refused = ws.edi("process", check=False)
    assert refused.returncode == 3 and "on host elsewhere" in refused.stderr
    [(_, _, beat), *_] = _holders(db)
    last = datetime.fromisoformat(beat).replace(tzinfo=UTC)
    while (datetime.now(UTC) - last).total_seconds() < 8.5:  # the claim lapses
        time.sleep(0.1)
    ws.drop("a.xml", samples.ubl_invoice(number="K-1"))
    proc = ws.edi("process")
    assert "taking over" in proc.stderr and "silent for" in proc.stderr
    assert _status(ws) == {"a.xml": "IN_INTEGRE"}


def test_another_inbox_on_the_same_ledger_is_refused_until_leases_exist(
        tmp_path: Path) -> None:
    """Recovery takes every unfinished flow of a ledger: a second instance on another inbox
    would take the first one's flows in hand, so it is refused, and says why."""
    ledger = tmp_path / "shared.sqlite"
    spaces = []
    for name in ("north", "south"):
        ws = Workspace(tmp_path / name)
        ws.root.mkdir()
        ws.configure(extra="")
        toml = ws.root / "edi.toml"
        toml.write_text(f'[paths]\nledger = "sqlite:///{ledger}"\n\n' + toml.read_text())
        spaces.append(ws)
    north, south = spaces
    watch = _start(north, "watch")
    try:
        _until(lambda: len(_holders(ledger)) == 3, "guard held", watch)
        south.drop("s.xml", samples.ubl_invoice(number="N-1"))
        refused = south.edi("process", check=False)
        assert refused.returncode == 3, refused.stderr
        assert "the ledger is in use by `edi watch`" in refused.stderr
        assert (south.inbox / "s.xml").exists(), "nothing claimed by the refused instance"
        assert watch.poll() is None
    finally:
        _stop(watch)
    south.edi("process")
    with closing(sqlite3.connect(ledger)) as c:
        [(status,)] = c.execute("select status from flows where file_name = 's.xml'")
    assert status == "IN_INTEGRE"
