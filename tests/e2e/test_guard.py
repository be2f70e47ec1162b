"""One instance per folder set, through the real `edi watch` and `edi process`."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from edi import samples
from tests.e2e.conftest import Workspace
from tests.e2e.test_workers import _start, _status, _until


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


def test_after_a_sigkill_the_next_instance_starts_once_the_heartbeat_is_stale(
        ws: Workspace) -> None:
    toml = ws.root / "edi.toml"
    toml.write_text(toml.read_text().replace("[intake]\n",
                                             "[intake]\ninstance_stale_after = 2\n"))
    db = ws.root / "var" / "edi.sqlite"
    watch = _start(ws, "watch")
    _until(lambda: bool(_holders(db)), "guard held", watch)
    watch.kill()
    watch.communicate(timeout=60)
    [(_, pid, beat), _] = _holders(db)
    assert pid == watch.pid  # left behind: nobody released it
    last = datetime.fromisoformat(beat).replace(tzinfo=UTC)
    while (datetime.now(UTC) - last).total_seconds() < 2.5:  # the claim lapses
        time.sleep(0.1)
    ws.drop("a.xml", samples.ubl_invoice(number="K-1"))
    proc = ws.edi("process")
    assert "taking over" in proc.stderr and f"pid {watch.pid}" in proc.stderr
    assert _status(ws) == {"a.xml": "IN_INTEGRE"}
    assert _holders(db) == []


def test_different_inboxes_on_one_ledger_do_not_block_each_other(tmp_path: Path) -> None:
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
        _until(lambda: len(_holders(ledger)) == 2, "guard held", watch)
        south.drop("s.xml", samples.ubl_invoice(number="N-1"))
        south.edi("process")
        with closing(sqlite3.connect(ledger)) as c:
            [(status,)] = c.execute("select status from flows where file_name = 's.xml'")
        assert status == "IN_INTEGRE"
        assert watch.poll() is None
    finally:
        _stop(watch)
