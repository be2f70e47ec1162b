"""Many processes, many machines on one PostgreSQL ledger (leases, ``edi.ledger.leases``):
real `edi watch` processes, real SIGKILLs.

Three watchers on one inbox, started 0/3/5 s apart, one SIGKILLed at random twice and
restarted (the scenario of ``bench/scale.py``, which runs it on 1,000 files): every file
one flow, every flow terminal with exactly one terminal status event, nobody crashed,
nothing left in the work area, each accepted invoice once in the outbox. Two nodes
(separate working directories and inboxes, one shared location for archive, outbox and
work): one killed mid-batch, the other finishes its flows once their leases expire, and
declares none missing.

Those two need PostgreSQL (on SQLite one instance runs per ledger: the guard,
tests/e2e/test_guard.py). A node that cannot see the original of a flow claimed on another
node (work areas not shared) waits for that node instead of declaring the flow missing:
that runs on both backends, one node after the other.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bench.scale import TERMINAL, Node, check, drop, mixed_files, run
from edi import samples
from edi.ledger import Ledger
from tests.conftest import BACKEND, POSTGRES_URL
from tests.e2e.conftest import Workspace

pytestmark = pytest.mark.slow
postgresql_only = pytest.mark.skipif(
    BACKEND != "postgresql",
    reason="several instances share a ledger on PostgreSQL only (EDI_TEST_LEDGER=postgresql)")


@postgresql_only
def test_three_watchers_on_one_inbox_one_killed_twice_account_for_every_file(
        tmp_path: Path) -> None:
    result = run(POSTGRES_URL, tmp_path, 400, processes=3, starts=(0.0, 3.0, 5.0),
                 kills=2, batch=16, lease=5.0, timeout=300)
    assert result["kills"] == 2
    assert result["exit_codes"] == [0, 0, 0], result     # the last three stopped cleanly
    assert result["tracebacks"] == 0, result
    for count in ("lost", "doubled", "stuck", "ends_not_one", "incidents",
                  "declared_missing", "claims_left", "work_files", "inbox_files",
                  "outbox_missing", "outbox_twice", "outbox_unexpected"):
        assert result[count] == 0, (count, result)


def _rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as c:
            return [tuple(r) for r in c.execute(text(sql))]
    finally:
        engine.dispose()


def _wait(what: str, until: float, check_: object) -> None:
    while not check_():  # type: ignore[operator]
        if time.monotonic() > until:
            raise AssertionError(f"no {what} in time")
        time.sleep(0.05)


@postgresql_only
def test_two_nodes_one_killed_mid_batch_the_other_finishes_its_flows(
        tmp_path: Path, ledger_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    lease = 3.0
    shared = tmp_path / "shared"       # as one NFS mount both nodes see
    nodes = {name: Node(tmp_path / name) for name in ("node-a", "node-b")}
    for node in nodes.values():
        node.configure(ledger_url, batch=8, lease=lease, paths='shared = "../shared"\n')
    files_a, expected_a = mixed_files(60, seed=1)
    files_b, expected_b = mixed_files(20, seed=2, prefix="B")
    drop(nodes["node-a"].root / "inbox", files_a)
    Ledger(ledger_url).close()         # created at head before the nodes start

    monkeypatch.setenv("EDI_NODE", "node-a")   # two machines: each its own node name
    a = nodes["node-a"].start()
    until = time.monotonic() + 120
    held_by_a = ("select flow_id from flows where lease_owner like 'node-a:%' and status "
                 "not in ('IN_INTEGRE', 'IN_INTEGRE_PARTIEL', 'IN_REJETE', 'IN_INCIDENTE')")
    _wait("flow in node A's hands", until, lambda: _rows(ledger_url, held_by_a) != [])
    a.send_signal(signal.SIGKILL)   # mid-batch: flows claimed, archived, examined...
    a.wait(30)
    orphans = {r[0] for r in _rows(ledger_url, held_by_a)}
    assert orphans, "the kill landed while node A held flows"

    monkeypatch.setenv("EDI_NODE", "node-b")
    b = nodes["node-b"].start()
    drop(nodes["node-b"].root / "inbox", files_b)
    try:
        def a_flows_done() -> bool:
            ids = "', '".join(orphans)
            rows = _rows(ledger_url, f"select status from flows where flow_id in ('{ids}')")
            return all(r[0] in TERMINAL for r in rows)

        _wait("conclusion of node A's flows by node B", time.monotonic() + 120, a_flows_done)
        assert b.poll() is None
        # node A stays dead: its inbox's unclaimed files wait for it; restarted, it
        # takes them, and nothing of what node B concluded is done again
        monkeypatch.setenv("EDI_NODE", "node-a")
        a = nodes["node-a"].start()
        total = len(files_a) + len(files_b)
        _wait("every flow concluded", time.monotonic() + 180, lambda: len(_rows(
            ledger_url, "select flow_id from flows where status in ('IN_INTEGRE', "
            "'IN_INTEGRE_PARTIEL', 'IN_REJETE', 'IN_INCIDENTE')")) == total)
    finally:
        for proc in (a, b):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        codes = [proc.wait(120) for proc in (a, b)]
    assert codes == [0, 0]
    result = check(ledger_url, {**files_a, **files_b}, expected_a | expected_b,
                   shared / "outbox", shared / "var" / "work", nodes["node-a"].root / "inbox")
    for count in ("lost", "doubled", "stuck", "ends_not_one", "incidents",
                  "declared_missing", "claims_left", "work_files", "inbox_files",
                  "outbox_missing", "outbox_twice", "outbox_unexpected"):
        assert result[count] == 0, (count, result)
    assert list((nodes["node-b"].root / "inbox").iterdir()) == []
    # node A's flows in hand at its death were concluded by node B, after their leases
    ids = "', '".join(orphans)
    finishers = _rows(ledger_url, "select distinct lease_owner, lease_expires_at from flows "
                      f"where flow_id in ('{ids}')")
    assert {o.split(":")[0] for o, _ in finishers} == {"node-b"}, finishers
    assert {e for _, e in finishers} == {None}  # concluded: leases given back
    took_over = _rows(ledger_url, "select count(*) from flow_events where flow_id in "
                      f"('{ids}') and status = 'IN_EN_COURS_TRAITEMENT_CPP'")
    assert took_over[0][0] >= len(orphans)
    logs_b = "".join(p.read_text() for p in nodes["node-b"].logs)
    assert "Traceback" not in logs_b


def test_a_node_that_cannot_see_another_node_s_original_waits_for_it(
        tmp_path: Path, ledger_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    lease = 1.0
    a, b = _unshared_nodes(tmp_path, ledger_url, f"lease = {lease}\n")
    a.drop("a.xml", samples.ubl_invoice(number="V-1"))
    monkeypatch.setenv("EDI_NODE", "node-a")
    assert a.edi("process", crash_at="recorded", check=False).returncode == -9
    time.sleep(lease + 0.5)            # node A's lease expires: node B may take the flow
    monkeypatch.setenv("EDI_NODE", "node-b")
    proc = b.edi("process")
    assert "original not visible from node node-b" in proc.stderr
    [(status, detail)] = _rows(ledger_url, "select status, detail from flows")
    assert status == "IN_RECU" and "claimed on node node-a" in detail   # waits, no incident
    monkeypatch.setenv("EDI_NODE", "node-a")
    time.sleep(lease + 0.2)            # its next look is due: node A, restarted, finishes it
    a.edi("process")
    [(status,)] = _rows(ledger_url, "select status from flows")
    assert status == "IN_INTEGRE"
    assert [p.name.split("_", 1)[1] for p in a.files("outbox")] == ["V-1.xml"]


def test_other_node_waits_bounds_the_wait_for_another_node_s_original(
        tmp_path: Path, ledger_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``[intake] other_node_waits = 1``: node B, which cannot see the original node A
    claimed, waits for A once, and at its next look the flow is an incident, said so."""
    lease = 1.0
    a, b = _unshared_nodes(tmp_path, ledger_url, f"lease = {lease}\nother_node_waits = 1\n")
    a.drop("a.xml", samples.ubl_invoice(number="W-1"))
    monkeypatch.setenv("EDI_NODE", "node-a")
    assert a.edi("process", crash_at="recorded", check=False).returncode == -9
    time.sleep(lease + 0.5)
    monkeypatch.setenv("EDI_NODE", "node-b")
    b.edi("process")
    [(status, detail)] = _rows(ledger_url, "select status, detail from flows")
    assert status == "IN_RECU" and "looked at again in 1 s" in detail
    time.sleep(lease + 0.5)            # the one wait is over: missing now
    b.edi("process")
    [(status, detail)] = _rows(ledger_url, "select status, detail from flows")
    assert status == "IN_INCIDENTE", detail
    assert "original missing" in detail and "looked for 2 times from node node-b" in detail


def _unshared_nodes(tmp_path: Path, ledger_url: str, intake: str) -> list[Workspace]:
    """Nodes A and B on one ledger, each its own work area and archive: nothing shared;
    ``intake`` is added to their [intake] settings."""
    nodes = [Workspace(tmp_path / name) for name in ("node-a", "node-b")]
    for ws in nodes:
        ws.root.mkdir()
        ws.configure(extra="")
        toml = ws.root / "edi.toml"
        toml.write_text(f'[paths]\nledger = "{ledger_url}"\n\n' + toml.read_text().replace(
            "[intake]\n", f"[intake]\n{intake}"))
    return nodes
