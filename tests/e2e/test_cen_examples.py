"""Every official CEN example goes through `edi process` on the embedded defaults and is
integrated: the verdicts issue's promise, end to end (`edi validate` is tested in
tests/validators/test_scenario.py)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import require_shared
from tests.e2e.conftest import Workspace


@pytest.mark.shared
@pytest.mark.slow
def test_every_cen_example_is_integrated_by_edi_process_on_the_defaults(
        ws: Workspace) -> None:
    corpus = require_shared("corpus", "en16931")
    examples = sorted(p for kind in ("ubl", "cii") for p in (corpus / kind / "examples")
                      .iterdir() if p.is_file())
    assert len(examples) >= 32
    (ws.root / "edi.toml").unlink()  # no configuration file: every default layer runs
    for path in examples:
        ws.drop(path.name, path.read_bytes())

    ws.edi("process", timeout=600)

    flows = ws.flows()
    assert sorted(f["file_name"] for f in flows) == sorted(p.name for p in examples)
    # The CEN examples are variations of a few invoices: several share their supplier,
    # number and year. One of each is integrated; the others are that invoice deposited
    # again (DOUBLON, CPRO-DOUBLON), and nothing else may reject any of them.
    by_id = {f["flow_id"]: f for f in flows}
    numbers = {}
    doubles = []
    for f in flows:
        detail = json.loads(ws.edi("flow", f["flow_id"], "--json").stdout)
        [invoice] = detail["invoices"]
        numbers[f["flow_id"]] = invoice["number"]
        fatal = [x for x in invoice["findings"] if x["severity"] == "fatal"]
        assert {x["rule_id"] for x in fatal} <= {"CPRO-DOUBLON"}, (f["file_name"], fatal)
        assert (f["status"] == "IN_REJETE") == bool(fatal), f
        doubles += [(f["flow_id"], x["message"]) for x in fatal]
    for flow_id, message in doubles:  # each names the integrated flow of the same invoice
        first = message.split("already accepted (flow ", 1)[1].split(")", 1)[0]
        assert by_id[first]["status"] == "IN_INTEGRE"
        assert numbers[first] == numbers[flow_id]
    assert len(ws.files("outbox")) == len(flows) - len(doubles)
