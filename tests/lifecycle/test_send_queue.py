"""`edi lifecycle set` while a target is down: the status is filed and its message written
once; the target still to reach is queued in the ledger and every round of `edi process`
/ `edi watch` tries it again, until it takes the message, once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from edi.samples import ubl_invoice
from tests.lifecycle.conftest import Workspace


def _immutable(folder: Path, on: bool) -> None:
    """The folder made unwritable even for root (EPERM: a passing failure, retried)."""
    done = subprocess.run(["chattr", "+i" if on else "-i", str(folder)], capture_output=True)
    if on and done.returncode != 0:
        pytest.skip("chattr +i is not supported by this filesystem")


def _platform(ws: Workspace) -> str:
    ws.configure(extra='[lifecycle]\nrole = "platform"\nppf_targets = ["ppf/"]\n'
                       '[delivery]\nbackoff_initial = 0.0\n')
    (ws.root / "ppf").mkdir()
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    return ws.flows()[0]["flow_id"]


def _pending(ws: Workspace) -> list[dict]:
    return json.loads(ws.edi("lifecycle", "pending", "--json").stdout)


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("chattr") is None,
                    reason="needs root and chattr to make a folder unwritable for root")
def test_a_status_set_while_its_target_is_down_is_filed_queued_and_sent_once(
        ws: Workspace) -> None:
    flow_id = _platform(ws)
    twins_before = {p.name for p in (ws.root / "ppf").iterdir()}   # the 200's twin
    _immutable(ws.root / "ppf", True)                 # the PPF's share refuses a while
    try:
        _down_then_back(ws, flow_id, twins_before)
    finally:
        _immutable(ws.root / "ppf", False)


def _down_then_back(ws: Workspace, flow_id: str, twins_before: set[str]) -> None:
    proc = ws.edi("lifecycle", "set", flow_id, "212", "--amount", "10.00", "--vat-rate",
                  "20")
    assert "212 set on invoice FA-2025-000123" in proc.stdout
    assert "not yet taken by ppf/" in proc.stderr and "queued" in proc.stderr, proc.stderr
    # filed at once, and the seller's copy went out: the PPF being down delays nothing else
    invoice = json.loads(ws.edi("flow", flow_id, "--json").stdout)["invoices"][0]
    assert [s["code"] for s in invoice["lifecycle"]].count(212) == 1
    assert any("_212_" in p.name for p in ws.files("outbox"))
    [waiting] = _pending(ws)
    assert waiting["target"] == "ppf/" and waiting["name"].endswith("_POUR_PPF.cdar.xml")
    assert "_212_" in waiting["name"] and waiting["attempts"] == 0

    ws.edi("process")                                  # still down: tried, put off
    [waiting] = _pending(ws)
    assert waiting["attempts"] == 1 and "cannot write" in waiting["last_error"]

    _immutable(ws.root / "ppf", False)                # back
    ws.edi("process")
    assert _pending(ws) == []
    twins = {p.name for p in (ws.root / "ppf").iterdir()} - twins_before
    assert twins == {waiting["name"]}
    assert (ws.root / "ppf" / waiting["name"]).read_bytes() == \
        (ws.root / "reports" / "lifecycle" / waiting["name"]).read_bytes()
    ws.edi("process")                                  # nothing sent twice
    assert {p.name for p in (ws.root / "ppf").iterdir()} - twins_before == twins


def test_a_target_that_refuses_for_good_still_files_nothing(ws: Workspace) -> None:
    """Not a passing failure (the PPF's share is a file, not a folder), and nothing went
    out: the status is refused, as before, and nothing is queued."""
    flow_id = _platform(ws)
    (ws.root / "ppf").rename(ws.root / "ppf-away")
    (ws.root / "ppf").write_bytes(b"not a folder")
    proc = ws.edi("lifecycle", "set", flow_id, "212", "--amount", "10.00", "--vat-rate",
                  "20", check=False)
    assert proc.returncode != 0 and "nothing filed" in proc.stderr
    assert _pending(ws) == []
