"""SIGKILL at every named step, then a restart: every file is accounted for.

Each input file must end with exactly one flow, one archived original (byte-identical),
one terminal status, and each accepted invoice exactly once in the outbox.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from edi import samples
from edi.testing import STEPS
from tests.e2e.conftest import Workspace


def _batch() -> dict[str, bytes]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("z1.xml", samples.ubl_invoice(number="Z-1"))
        z.writestr("z2.xml", b"<broken")
    twin = samples.ubl_invoice(number="T-1")
    return {
        "01.xml": samples.ubl_invoice(number="A-1"),
        "02.xml": samples.cii_invoice(number="A-2"),
        "03.xml": b"garbage",
        "04.zip": buf.getvalue(),
        "05.xml": twin,
        "06.xml": samples.cii_invoice(number="T-1"),   # same invoice as 05: DOUBLON
        "07.xml": samples.ubl_invoice(number="A-7"),
    }


EXPECTED_DELIVERED = {"A-1", "A-2", "Z-1", "T-1", "A-7"}


def _check_accounted(ws: Workspace, inputs: dict[str, bytes]) -> None:
    flows = ws.flows()
    assert sorted(f["file_name"] for f in flows) == sorted(inputs), "one flow per file"
    terminal = {"IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE", "IN_INCIDENTE"}
    assert all(f["status"] in terminal for f in flows), [(f["file_name"], f["status"])
                                                         for f in flows]
    assert not any(f["status"] == "IN_INCIDENTE" for f in flows)
    archived = ws.files("archive")
    assert sorted(p.name for p in archived) == sorted(inputs), "one archived original each"
    for p in archived:
        assert p.read_bytes() == inputs[p.name]
    delivered = [p.name for p in ws.files("outbox")]
    numbers = sorted(n.split("_", 1)[1].rsplit(".", 1)[0] for n in delivered)
    assert numbers == sorted(EXPECTED_DELIVERED), "each accepted invoice exactly once"
    assert ws.files("inbox") == [] and ws.files("var/work") == []


@pytest.mark.parametrize("step", [*STEPS, "delivered:3", "reported:2", "claimed:2"])
def test_a_restart_after_sigkill_accounts_for_every_file(ws: Workspace, step: str) -> None:
    ws.configure(batch=3)  # several batches: a crash lands mid-run, not only at the start
    inputs = _batch()
    for name, data in inputs.items():
        ws.drop(name, data)
    crashed = ws.edi("process", crash_at=step, check=False)
    assert crashed.returncode == -9, f"the crash hook did not fire at {step}: {crashed.stderr}"
    ws.edi("process")
    _check_accounted(ws, inputs)
    # a third run changes nothing
    ws.edi("process")
    _check_accounted(ws, inputs)
