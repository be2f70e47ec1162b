"""CDAR messages dropped into the inbox: detected, judged, filed on their invoice."""

from __future__ import annotations

import json

from edi.samples import ubl_invoice
from tests.lifecycle.conftest import Workspace
from tests.lifecycle.helpers import status_message


def flow_of(ws: Workspace, name: str) -> dict:
    return next(f for f in ws.flows() if f["file_name"] == name)


def flow_json(ws: Workspace, flow_id: str) -> dict:
    return json.loads(ws.edi("flow", flow_id, "--json").stdout)


def test_an_accepted_invoice_then_its_212_shows_both_statuses(ws: Workspace) -> None:
    ws.configure(extra='[lifecycle]\nrole = "platform"\n')
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    ws.drop("encaissee.xml", status_message(212, amount="1380.00", percent="20.00"))
    ws.edi("process")
    cdar_flow = flow_of(ws, "encaissee.xml")
    assert cdar_flow["status"] == "IN_INTEGRE", cdar_flow
    assert cdar_flow["format"] == "CDAR"
    invoice = flow_json(ws, flow_of(ws, "facture.xml")["flow_id"])["invoices"][0]
    codes = [s["code"] for s in invoice["lifecycle"]]
    assert codes == [200, 201, 212]
    assert invoice["lifecycle_status"] == 212
    last = invoice["lifecycle"][-1]
    assert (last["label"], last["source"]) == ("Encaissée", "cdar")
    assert set(last) >= {"code", "label", "at", "reason_code", "reason", "source"}
    assert last["data"] == [{"type_code": "MEN", "amount": "1380.00", "currency": "EUR",
                             "percent": "20.00"}]
    assert not any(p.name.startswith(flow_of(ws, "encaissee.xml")["flow_id"])
                   for p in ws.files("outbox"))   # a status is filed, not delivered
