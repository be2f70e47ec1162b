"""Validation workers: spawned processes that may die; their flows are never lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from edi import samples
from tests.e2e.conftest import Workspace


def _drop_batch(ws: Workspace, n: int) -> None:
    for i in range(n):
        ws.drop(f"{i:02d}.xml", samples.ubl_invoice(number=f"W-{i}"))


def test_a_worker_that_dies_is_replaced_and_its_flows_retried(ws: Workspace,
                                                              tmp_path: Path) -> None:
    ws.configure(extra="")
    toml = (ws.root / "edi.toml").read_text().replace("workers = 1", "workers = 2")
    (ws.root / "edi.toml").write_text(toml)
    _drop_batch(ws, 6)
    flag = tmp_path / "crashed-once"
    ws.env = {"EDI_CRASH_ONCE": str(flag)}
    proc = ws.edi("process", crash_at="examining:2")
    assert flag.exists(), "the worker crash hook did not fire"
    assert "worker died" in proc.stderr
    flows = ws.flows()
    assert sorted(f["status"] for f in flows) == ["IN_INTEGRE"] * 6
    assert len(ws.files("outbox")) == 6


def test_a_flow_that_kills_every_worker_is_an_incident_not_a_loss(ws: Workspace) -> None:
    _drop_batch(ws, 1)
    proc = ws.edi("process", crash_at="examining")  # every worker dies on it
    assert "worker died" in proc.stderr
    [flow] = ws.flows()
    assert flow["status"] == "IN_INCIDENTE"
    detail = ws.db().execute("select detail from flows").fetchone()[0]
    assert "died twice" in detail
    assert [p.name for p in ws.files("archive")] == ["00.xml"]
    ws.env = {}
    out = ws.edi("reprocess", flow["flow_id"]).stdout
    assert "IN_INTEGRE" in out


def test_a_defect_while_examining_costs_one_flow_not_the_run(ws: Workspace) -> None:
    """A layer that raises (a bug, not a finding) makes that flow an incident; the
    others are decided, and the processor goes on."""
    ws.configure(layers=("xml", "xsd", "boom"))
    toml = (ws.root / "edi.toml").read_text().replace(
        "[validation]\n", '[validation]\nplugins = ["boom=boom_layer:Boom"]\n')
    (ws.root / "edi.toml").write_text(toml)
    plugin = ws.root / "boom_layer.py"
    plugin.write_text(
        "from edi.model import Reason\n"
        "class Boom:\n"
        "    name = 'boom'\n"
        "    reason = Reason.REJ_SEMAN\n"
        "    def __init__(self, settings): pass\n"
        "    def applies(self, doc): return True\n"
        "    def check(self, doc, tree):\n"
        "        if doc.invoice.number == 'BAD-1':\n"
        "            raise RuntimeError('defect in a layer')\n"
        "        return []\n")
    ws.env = {"PYTHONPATH": str(ws.root)}  # the plugin's module, for the spawned workers
    ws.drop("good.xml", samples.ubl_invoice(number="GOOD-1"))
    ws.drop("bad.xml", samples.ubl_invoice(number="BAD-1"))
    proc = ws.edi("process")
    statuses = {f["file_name"]: f["status"] for f in ws.flows()}
    assert statuses == {"good.xml": "IN_INTEGRE", "bad.xml": "IN_INCIDENTE"}
    assert "defect in a layer" in proc.stderr
    detail = ws.db().execute(
        "select detail from flows where file_name = 'bad.xml'").fetchone()[0]
    assert "RuntimeError: defect in a layer" in detail


def _status(ws: Workspace) -> dict[str, str]:
    """{file name: status}; empty while the ledger is not created yet."""
    if ws.ledger:  # PostgreSQL
        from psycopg.errors import UndefinedTable

        with closing(ws.db()) as db:
            try:
                return dict(db.execute("select file_name, status from flows").fetchall())
            except UndefinedTable:  # edi is still starting
                return {}
    ledger = ws.root / "var" / "edi.sqlite"
    if not ledger.exists():
        return {}
    with closing(sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)) as db:
        try:
            return dict(db.execute("select file_name, status from flows").fetchall())
        except sqlite3.OperationalError:  # no such table: edi is still starting
            return {}


def _start(ws: Workspace, *args: str) -> subprocess.Popen[str]:
    """`edi ARGS` running in the background, as a service manager would start it."""
    env = {**os.environ, **ws.env}
    env.pop("EDI_CRASH_AT", None)
    env.pop("EDI_CONFIG", None)
    return subprocess.Popen([sys.executable, "-m", "edi.cli", *args], cwd=ws.root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _until(check: Callable[[], bool], what: str, proc: subprocess.Popen[str],
           timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if proc.poll() is not None:
            raise AssertionError(f"edi exited {proc.returncode} before {what}:\n"
                                 f"{proc.communicate()[1]}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"no {what} after {timeout} s:\n{proc.communicate()[1]}")
        time.sleep(0.1)


def test_a_flow_over_the_time_limit_is_an_incident_and_the_others_go_through(
        ws: Workspace) -> None:
    ws.configure(extra="task_timeout = 2\n")  # goes in [validation], the last table
    for name in ("a.xml", "b-hang.xml", "c.xml", "d.xml"):  # one chunk, the hang inside
        ws.drop(name, samples.ubl_invoice(number=f"T-{name[0]}"))
    ws.env = {"EDI_HANG_ON": "hang"}
    proc = ws.edi("process")
    assert _status(ws) == {"a.xml": "IN_INTEGRE", "b-hang.xml": "IN_INCIDENTE",
                           "c.xml": "IN_INTEGRE", "d.xml": "IN_INTEGRE"}
    with closing(ws.db()) as db:
        detail = db.execute("select detail from flows where file_name = 'b-hang.xml'"
                            ).fetchone()[0]
    assert "took longer than 2 s" in detail
    assert "took longer than 2 s" in proc.stderr
    assert sorted(p.name.split("_", 1)[1] for p in ws.files("outbox")) == [
        "T-a.xml", "T-c.xml", "T-d.xml"]
    # nothing wrong with the flow itself: without the hang it goes through
    ws.env = {}
    [flow_id] = [f["flow_id"] for f in ws.flows() if f["file_name"] == "b-hang.xml"]
    assert "IN_INTEGRE" in ws.edi("reprocess", flow_id).stdout


def test_sigterm_stops_watch_within_seconds_despite_a_stuck_worker(ws: Workspace) -> None:
    """A worker stuck on a flow cannot hold the stop: after the grace it is killed, the
    flows in hand stay unfinished, and the next start finishes them."""
    ws.configure(extra="task_timeout = 600\n")
    toml = ws.root / "edi.toml"
    toml.write_text(toml.read_text().replace("[intake]\n", "[intake]\nstop_grace = 1\n"))
    for name in ("a-hang.xml", "b.xml", "c.xml"):
        ws.drop(name, samples.ubl_invoice(number=f"S-{name[0]}"))
    ws.env = {"EDI_HANG_ON": "hang"}
    watch = _start(ws, "watch")
    _until(lambda: _status(ws).get("a-hang.xml") == "IN_EN_COURS_TRAITEMENT_CPP",
           "flow in the workers' hands", watch)
    time.sleep(0.5)  # the worker is in the hang by now (if not, the stop is only easier)
    watch.send_signal(signal.SIGTERM)
    try:
        _, err = watch.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        watch.kill()
        raise AssertionError(f"edi watch still running 15 s after SIGTERM:\n"
                             f"{watch.communicate()[1]}") from None
    assert watch.returncode == 0, err
    assert "Traceback" not in err
    assert "stopped cleanly" in err and "did not finish" in err
    terminal = {"IN_INTEGRE", "IN_REJETE", "IN_INCIDENTE", "IN_INTEGRE_PARTIEL"}
    assert _status(ws)["a-hang.xml"] not in terminal
    ws.env = {}
    ws.edi("process")
    assert set(_status(ws).values()) == {"IN_INTEGRE"}
    assert len(ws.files("outbox")) == 3
