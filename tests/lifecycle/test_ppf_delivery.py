"""A PPF target (``[lifecycle] ppf_targets``) that is down makes the flow wait for it and
retry, like any other target (README "Nothing is lost"); nothing is sent twice."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from edi import config, samples
from edi.flow.conductor import Processor
from edi.ledger import Ledger
from edi.model import FlowStatus
from edi.routing import memory
from edi.routing.base import DeliveryError
from edi.routing.table import close_targets
from tests.flow.test_conductor import InProcessExaminer, _run
from tests.lifecycle.conftest import Workspace


@pytest.fixture
def boxes(tmp_path: Path) -> Iterator[tuple[str, str]]:
    names = (f"out-{tmp_path.name}", f"ppf-{tmp_path.name}")
    for name in names:
        memory.BOXES.setdefault(name, {})
    yield names
    for name in names:
        memory.BOXES.pop(name, None)
        memory.FAILING.pop(name, None)
    close_targets()


def _platform(tmp_path: Path, out: str, ppf: str) -> tuple[config.Settings, Ledger, Processor]:
    toml = tmp_path / "edi.toml"
    toml.write_text(f'[routes]\ndefault = ["memory://{out}"]\n'
                    '[delivery]\nbackoff_initial = 60\n'
                    f'[lifecycle]\nrole = "platform"\nppf_targets = ["memory://{ppf}"]\n')
    settings = config.load(toml, base_dir=tmp_path)
    for p in (settings.paths.inbox, settings.paths.archive, settings.paths.reports,
              settings.paths.rejected, settings.paths.work):
        settings.path(p).mkdir(parents=True, exist_ok=True)
    ledger = Ledger(settings.ledger_url)
    return settings, ledger, Processor(settings, ledger,
                                       InProcessExaminer(settings))  # type: ignore[arg-type]


def test_a_ppf_target_down_then_back_makes_the_flow_wait_then_integrate(
        tmp_path: Path, boxes: tuple[str, str]) -> None:
    out, ppf = boxes
    settings, ledger, processor = _platform(tmp_path, out, ppf)
    memory.FAILING[ppf] = DeliveryError("PPF unreachable", transient=True)
    (fid, status), = _run(processor, settings,
                          {"a.xml": samples.ubl_invoice(number="INV-PPF")}).values()
    assert status is FlowStatus.IN_EN_ATTENTE_TRAITEMENT_CPP
    row = ledger.row(fid)
    assert row["next_attempt_at"] is not None and "PPF unreachable" in (row["detail"] or "")
    assert memory.BOXES[ppf] == {}
    assert list(memory.BOXES[out]) == [f"{fid}_INV-PPF.xml"]   # the invoice went out
    assert not (settings.path(settings.paths.reports) / f"{fid}.cr.json").exists()

    del memory.FAILING[ppf]
    processor.requeue(fid)
    assert processor.process([ledger.get(fid)])[fid] is FlowStatus.IN_INTEGRE
    assert list(memory.BOXES[out]) == [f"{fid}_INV-PPF.xml"]   # not sent again
    assert sorted(memory.BOXES[ppf]) == [f"{fid}_1_200_POUR_PPF.cdar.xml"]
    timeline = [e["code"] for e in ledger.invoices(fid)[0]["lifecycle"]]
    assert timeline == [200, 201]                              # filed once each



def _immutable(folder: Path, on: bool) -> bool:
    """chattr +i / -i: a folder even root cannot write (the test runs as root here)."""
    if shutil.which("chattr") is None:
        return False
    flag = "+i" if on else "-i"
    return subprocess.run(["chattr", flag, str(folder)], capture_output=True).returncode == 0


def test_edi_process_waits_for_a_read_only_ppf_folder_then_sends_the_twin(
        ws: Workspace) -> None:
    """End to end: the PPF's folder refuses writes: the flow waits in
    IN_EN_ATTENTE_TRAITEMENT_CPP (its invoice delivered once); writable again, the next
    run sends the twin and the flow is integrated."""
    ppf = ws.root / "ppf"
    ppf.mkdir()
    if os.geteuid() == 0:
        if not _immutable(ppf, True):
            pytest.skip("needs chattr +i to make a folder read-only for root")
    else:
        ppf.chmod(0o555)
    try:
        ws.configure(extra='[delivery]\nbackoff_initial = 0.0\n'
                           f'[lifecycle]\nrole = "platform"\nppf_targets = ["{ppf}"]\n')
        ws.drop("a.xml", samples.ubl_invoice(number="PPF-E2E"))
        ws.edi("process")
        (flow,) = ws.flows()
        assert flow["status"] == "IN_EN_ATTENTE_TRAITEMENT_CPP", flow
        assert list(ppf.iterdir()) == []
    finally:
        if os.geteuid() == 0:
            _immutable(ppf, False)
        else:
            ppf.chmod(0o755)
    ws.edi("process")
    (flow,) = ws.flows()
    assert flow["status"] == "IN_INTEGRE", flow
    assert [p.name for p in ppf.iterdir()] == [f"{flow['flow_id']}_1_200_POUR_PPF.cdar.xml"]
    assert [p.name for p in ws.files("outbox")] == [f"{flow['flow_id']}_PPF-E2E.xml"]
