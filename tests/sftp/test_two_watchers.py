"""Two `edi watch` processes poll one SFTP partner (issue 16): before downloading a remote
file, a process claims it in the ledger (``remote_claims``, edi/intake/sftp.py), so the
two never both take one file, even when one of them is SIGKILLed mid-way and restarted.

Two "nodes" (separate working directories, each its own work area, archive and outbox;
``EDI_NODE`` tells them apart as two machines would be) on one PostgreSQL ledger, a real
sshd, one partner folder holding 100 invoices. At the end: every remote file is exactly
one flow, every flow is terminal with one terminal status event, the partner's folder is
empty (``after = "delete"``), no staging folder holds a leftover, no original is archived
by both nodes, each invoice is once in the union of the two outboxes, and no claim is left.

Several instances share a ledger on PostgreSQL only (on SQLite the single-instance guard
allows one), so this test skips on SQLite.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from edi.ledger import Ledger
from edi.samples import cii_invoice, ubl_invoice
from tests.conftest import BACKEND
from tests.sftp.conftest import REPO, listing
from tests.sftp.sshd import Sshd

pytestmark = [
    pytest.mark.slow,
    pytest.mark.sshd,
    pytest.mark.skipif(BACKEND != "postgresql", reason=(
        "two `edi watch` on one ledger need PostgreSQL: on SQLite the single-instance "
        "guard allows one (run with EDI_TEST_LEDGER=postgresql)")),
]

PARTNER = "acme"
INTERFACE = f"sftp:{PARTNER}"
INVOICES = 100
LEASE = 2.0
TERMINAL = ("IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE", "IN_INCIDENTE")


class Node:
    """One working directory where `edi watch` runs, as on a machine of its own."""

    def __init__(self, root: Path, name: str, ledger: str, server: Sshd,
                 inbound: Path) -> None:
        self.root = root
        self.name = name
        self.logs: list[Path] = []
        (root / "inbox").mkdir(parents=True)
        (root / "edi.toml").write_text(f"""
[paths]
ledger = "{ledger}"

[intake]
quiet_period = 0.2
scan_interval = 0.3
lease = {LEASE}

[validation]
layers = ["xml", "xsd"]
workers = 1

[routes]
default = ["outbox"]

[[sftp_intake.partner]]
name = "{PARTNER}"
url = "{server.url(inbound)}"
known_hosts = "{server.known_hosts}"
key_file = "{server.ed25519.private}"
interval = 0.3
after = "delete"
connect_timeout = 2
timeout = 5
""")

    def start(self) -> subprocess.Popen[str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("EDI_CRASH_AT", "EDI_CONFIG", "EDI_HANG_ON")}
        env.update(PYTHONPATH=str(REPO), EDI_NODE=self.name)
        log = self.root / f"watch-{len(self.logs)}.log"
        self.logs.append(log)
        with log.open("w") as out:
            return subprocess.Popen([sys.executable, "-m", "edi.cli", "watch"], cwd=self.root,
                                    env=env, stdout=out, stderr=subprocess.STDOUT, text=True)

    def log_text(self) -> str:
        return "".join(p.read_text(errors="replace") for p in self.logs)

    def files(self, folder: str) -> list[Path]:
        base = self.root / folder
        return [p for p in base.rglob("*") if p.is_file()] if base.exists() else []


def rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as c:
            return [tuple(r) for r in c.execute(text(sql))]
    finally:
        engine.dispose()


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def deposit(inbound: Path) -> dict[str, bytes]:
    """100 invoices, UBL and CII, written under a hidden name and renamed into place."""
    deposited = {}
    for i in range(INVOICES):
        name = f"{'ubl' if i % 2 else 'cii'}-{i:03d}.xml"
        content = (ubl_invoice if i % 2 else cii_invoice)(number=f"TWO-{i:03d}")
        (inbound / f".{name}").write_bytes(content)
        (inbound / f".{name}").rename(inbound / name)
        deposited[name] = content
    return deposited


def test_two_watchers_on_one_partner_one_killed_take_each_remote_file_once(
        tmp_path: Path, sshd: Sshd, remote: Path, ledger_url: str) -> None:
    inbound = remote / "in"
    inbound.mkdir()
    a = Node(tmp_path / "node-a", "node-a", ledger_url, sshd, inbound)
    b = Node(tmp_path / "node-b", "node-b", ledger_url, sshd, inbound)
    deposited = deposit(inbound)
    Ledger(ledger_url).close()    # created at head before the watchers start

    running = {"a": a.start(), "b": b.start()}
    try:
        # SIGKILL node A mid-way: while it holds a remote claim (downloading) if we catch
        # it, with flows of both nodes recorded and files still on the server
        def a_mid_way() -> bool:
            held = rows(ledger_url, "select count(*) from remote_claims "
                        "where owner like 'node-a:%'")[0][0]
            recorded = rows(ledger_url, "select count(*) from flows")[0][0]
            return bool(held) and recorded >= 20

        wait_for(a_mid_way, 120, "node A downloading with 20 flows recorded")
        running["a"].send_signal(signal.SIGKILL)
        assert running["a"].wait(30) == -signal.SIGKILL
        left = listing(inbound)
        assert left, "the kill landed before the partner's folder was emptied"
        running["a"] = a.start()    # restarted at once, as systemd would

        def all_done() -> bool:
            if listing(inbound):
                return False
            found = rows(ledger_url, "select status from flows")
            return len(found) >= INVOICES and all(r[0] in TERMINAL for r in found)

        try:
            wait_for(all_done, 180, "every remote file taken and concluded")
        except AssertionError as exc:
            states = Counter(r[0] for r in rows(ledger_url, "select status from flows"))
            raise AssertionError(f"{exc}: left on the server {listing(inbound)}, flows "
                                 f"{dict(states)}; logs in {a.logs + b.logs}") from None
    finally:
        for proc in running.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        codes = {name: proc.wait(120) for name, proc in running.items()}
    assert codes == {"a": 0, "b": 0}, (codes, a.logs, b.logs)
    for node in (a, b):
        logs = node.log_text()
        assert "Traceback" not in logs, node.logs
        # a file the other node took since the listing is skipped, not a failed download
        assert "no such file or folder while downloading" not in logs, node.logs

    flows = rows(ledger_url, "select flow_id, file_name, source, status, interface from flows")
    names = Counter(f[1] for f in flows)
    assert sorted(names) == sorted(deposited)                        # none lost
    assert [n for n, k in names.items() if k > 1] == []              # none taken twice
    for flow_id, name, source, status, interface in flows:
        assert interface == INTERFACE
        assert source == sshd.url(inbound) + "/" + name
        assert status == "IN_INTEGRE", (flow_id, name, status)
    ends = Counter(r[0] for r in rows(ledger_url, "select flow_id from flow_events where "
                                      "status in ('" + "', '".join(TERMINAL) + "')"))
    assert {f[0]: ends[f[0]] for f in flows} == {f[0]: 1 for f in flows}  # concluded once

    assert listing(inbound) == []                                    # after = "delete"
    # no claim left: not even the SIGKILLed process's, whose file may have been concluded
    # (and removed remotely) before it could give the claim back (leases.reap drops it)
    assert rows(ledger_url, "select key, owner from remote_claims") == []
    assert rows(ledger_url, "select flow_id, owner from intake_claims") == []
    for node in (a, b):                                              # no staging leftover
        assert node.files("var/work") == [], node.name

    # each original archived by one node only, and both nodes took some
    archived = {node.name: [(p.name, p.read_bytes()) for p in node.files("archive")]
                for node in (a, b)}
    assert archived["node-a"] and archived["node-b"], "one node took every file"
    assert sorted(archived["node-a"] + archived["node-b"]) == sorted(deposited.items())
    # each accepted invoice once in the union of the outboxes
    outboxes = sorted(p.read_bytes() for node in (a, b) for p in node.files("outbox"))
    assert outboxes == sorted(deposited.values())
