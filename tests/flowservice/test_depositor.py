"""Through the Flow Service API (a real `edi flow-service`): the API connection deposits
only for the structures bound to it; an invoice in another supplier's name is rejected
with Chorus Pro's reason, like through the inbox and SFTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from edi.samples import ubl_invoice
from tests.conftest import require_shared
from tests.e2e.test_chorus import NANTES
from tests.flowservice.conftest import Instance, make_instance
from tests.flowservice.test_app import _flow_row

OURS = "41234567000019"
STRANGER = "55210055400013"


def edi(root: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "EDI_CONFIG"}
    done = subprocess.run([sys.executable, "-m", "edi.cli", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_api_deposits_only_for_its_structures(instances: list[Instance],
                                                  tmp_path: Path) -> None:
    inst = make_instance(instances, tmp_path / "edi")
    inst.configure(layers=("xml", "xsd", "depositor", "chorus"),
                   extra=f'\n[[depositors.connection]]\nname = "api"\nstructures = ["{OURS}"]\n')
    folder = require_shared("directory")
    edi(inst.root, "directory", "import", str(folder / "annuaire-structures.csv"),
        "--services", str(folder / "annuaire-services.csv"))
    edi(inst.root, "structures", "add", OURS, "--name", "ACME Services", "--yes")
    inst.start()
    client = inst.client()
    ids = {}
    for name, seller in (("ours.xml", OURS), ("theirs.xml", STRANGER)):
        answer = client.submit(name, ubl_invoice(number=f"API-{name[:-4]}", seller_siret=seller,
                                                 buyer_siret=NANTES,
                                                 buyer_reference="SVC00030"),
                               tracking_id=name)
        assert answer.status == 202, answer.body
        ids[name] = answer.json()["flowId"]
    for flow_id in ids.values():
        inst.wait_ack(flow_id)
    ours, theirs = (_flow_row(inst, ids[n]) for n in ("ours.xml", "theirs.xml"))
    assert ours is not None and theirs is not None
    assert ours["status"] == "IN_INTEGRE"
    assert (theirs["status"], theirs["reason"], theirs["interface"]) == (
        "IN_REJETE", "REJ_SEMAN", "api")
    report = json.loads((inst.root / "reports" / f"{ids['theirs.xml']}.cr.json").read_text())
    dep = [f for f in report["invoices"][0]["findings"] if f["layer"] == "depositor"]
    assert [f["rule_id"] for f in dep] == ["DEP-FOUR-NON-AUTORISE", "DEP-FOUR-NON-REFERENCE"]
    assert f"connection api:env may not deposit for supplier {STRANGER}" in dep[0]["message"]
