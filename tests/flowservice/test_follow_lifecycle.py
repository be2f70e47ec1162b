"""``edi flow-service follow`` takes the lifecycle statuses the platform we delivered to
publishes: two real instances on 127.0.0.1, A delivering to B (in the ``platform`` role)
over TLS; B's CDAR lifecycle flows, found by ``POST /v1/flows/search`` and downloaded
once each, show on A's invoices with ``source`` naming B."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from edi.ledger import schema as s
from edi.samples import ubl_invoice
from tests.flowservice.conftest import TOKEN, Instance, make_instance, self_signed
from tests.flowservice.test_delivery import _b_flows, _drop, _free_port, _rows, _sender, _wait


def _platform(instances: list[Instance], tmp_path: Path, port: int) -> Instance:
    cert, key = self_signed(tmp_path)
    b = make_instance(instances, tmp_path / "b")
    b.configure(flow_service=f'tls_cert = "{cert}"\ntls_key = "{key}"', port=port,
                extra='[lifecycle]\nrole = "platform"\nname = "Plateforme B"\n')
    return b


def _edi(inst: Instance, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "B_TOKEN": TOKEN}
    env.pop("EDI_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "edi.cli", *args], cwd=inst.root,
                          capture_output=True, text=True, env=env, timeout=120, check=True)


def _follow(a: Instance) -> list[dict[str, Any]]:
    return [json.loads(line) for line in
            _edi(a, "flow-service", "follow", "--json").stdout.splitlines()]


def _lifecycle_flows(b: Instance, ca: Path) -> list[dict[str, Any]]:
    return [f for f in _b_flows(b, ca) if f["flowType"] == "CustomerInvoiceLC"]


def test_follow_files_the_receiver_s_statuses_on_the_delivered_invoice_once(
        instances: list[Instance], tmp_path: Path) -> None:
    port = _free_port()
    b = _platform(instances, tmp_path, port)
    b.start()
    a = _sender(instances, tmp_path, port)
    a.start()
    _drop(a, "one.xml", ubl_invoice(number="LC-1"))
    ca = tmp_path / "ca.pem"
    _wait(lambda: [f["status"] for f in _rows(a, s.flows)] == ["IN_INTEGRE"],
          what="A delivered its invoice")
    _wait(lambda: len(_lifecycle_flows(b, ca)) >= 2, what="B published 200 and 201")
    published = {f["flowId"] for f in _lifecycle_flows(b, ca)}

    first = _follow(a)
    taken = [r for r in first if "lifecycle_flow" in r]
    assert {r["lifecycle_flow"] for r in taken} == published
    assert all(r["filed"] >= 1 and r["detail"] is None for r in taken), taken
    assert {r["ack_status"] for r in first if "tracking_id" in r} == {"Ok"}

    flow_id = _rows(a, s.flows)[0]["flow_id"]
    invoice = json.loads(_edi(a, "flow", flow_id, "--json").stdout)["invoices"][0]
    statuses = {(st["code"], st["label"]) for st in invoice["lifecycle"]}
    assert statuses == {(200, "Déposée"), (201, "Émise par la plateforme")}, statuses
    assert {st["source"] for st in invoice["lifecycle"]} == {f"127.0.0.1:{port}"}
    events = _rows(a, s.lifecycle_events)
    assert {e["carried_by"] for e in events} == published
    assert all(e["flow_id"] == flow_id for e in events)   # matched to our invoice

    second = _follow(a)
    assert [r for r in second if "lifecycle_flow" in r] == []   # nothing downloaded again
    assert len(_rows(a, s.lifecycle_events)) == len(events)
