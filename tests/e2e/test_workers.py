"""Validation workers: spawned processes that may die; their flows are never lost."""

from __future__ import annotations

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
