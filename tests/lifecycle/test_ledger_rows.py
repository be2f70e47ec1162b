"""What the ledger records of a CDAR lifecycle message: a message that was filed, not a
deposited invoice (edi.ledger.rows), and no invoice in its flow's counts."""

from __future__ import annotations

import json
import urllib.request

from edi.config import load
from edi.samples import ubl_invoice
from tests.lifecycle.conftest import Workspace
from tests.lifecycle.helpers import NUMBER, status_message
from tests.web.conftest import free_port


def by_name(ws: Workspace) -> dict[str, dict]:
    return {f["file_name"]: f for f in ws.flows()}


def flow_json(ws: Workspace, flow_id: str) -> dict:
    return json.loads(ws.edi("flow", flow_id, "--json").stdout)


def ledger_rows(ws: Workspace, flow_id: str) -> list[tuple]:
    db = ws.db()
    try:
        return list(db.execute("SELECT seq, status, status_code, number FROM invoices "
                               "WHERE flow_id = ? ORDER BY seq", (flow_id,)))
    finally:
        db.close()


def test_a_filed_cdar_is_recorded_as_a_lifecycle_message_not_an_invoice(
        ws: Workspace) -> None:
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    ws.drop("encaissee.xml", status_message(212, amount="1380.00", percent="20.00"))
    ws.edi("process")
    flows = by_name(ws)
    message, invoice = flows["encaissee.xml"], flows["facture.xml"]
    assert message["status"] == "IN_INTEGRE", message

    assert ledger_rows(ws, message["flow_id"]) == [(1, "MESSAGE_CDAR", 0, None)]
    assert (message["invoice_count"], message["accepted_count"]) == (0, 0)
    assert (invoice["invoice_count"], invoice["accepted_count"]) == (1, 1)
    assert ledger_rows(ws, invoice["flow_id"])[0][1:3] == ("DEPOSEE", 200)

    entry = flow_json(ws, message["flow_id"])["invoices"][0]
    assert (entry["status"], entry["status_code"], entry["format"]) == ("MESSAGE_CDAR", 0,
                                                                      "CDAR")
    assert entry["lifecycle"] == []
    assert [(s["code"], s["invoice_number"], s["flow_id"], s["seq"])
            for s in entry["filed"]] == [(212, NUMBER, invoice["flow_id"], 1)]

    text = ws.edi("flow", message["flow_id"]).stdout
    assert "lifecycle message: 1 status(es) filed" in text, text
    assert "DEPOSEE" not in text
    assert "0/0 accepted" in text

    listed = json.loads(ws.edi("invoices", "--json").stdout)
    assert [i["flow_id"] for i in listed] == [invoice["flow_id"]]


def test_a_message_for_an_unknown_invoice_is_filed_unmatched(ws: Workspace) -> None:
    ws.drop("approuvee.xml", status_message(205, number="FA-INCONNUE", issuer_role="BY"))
    ws.edi("process")
    message = by_name(ws)["approuvee.xml"]
    assert message["status"] == "IN_INTEGRE", message
    entry = flow_json(ws, message["flow_id"])["invoices"][0]
    assert entry["status"] == "MESSAGE_CDAR"
    assert [(s["code"], s["flow_id"]) for s in entry["filed"]] == [(205, None)]
    assert (message["invoice_count"], message["accepted_count"]) == (0, 0)


def test_the_same_message_again_under_other_bytes_files_nothing(ws: Workspace) -> None:
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    message = status_message(205, issuer_role="BY", message_id="MSG-205-1")
    ws.drop("une.xml", message)
    ws.edi("process")
    ws.drop("deux.xml", message.replace(b"  ", b" "))   # same message, other bytes
    ws.edi("process")
    flows = by_name(ws)
    first = ws.edi("flow", flows["une.xml"]["flow_id"]).stdout
    again = ws.edi("flow", flows["deux.xml"]["flow_id"]).stdout
    assert "lifecycle message: 1 status(es) filed" in first
    assert "lifecycle message: 0 status(es) filed" in again, again


def test_a_cdar_the_rules_refuse_keeps_its_verdict_and_counts_no_invoice(
        ws: Workspace) -> None:
    broken = status_message(205).replace(b"<ram:TypeCode>23</ram:TypeCode>",
                                         b"<ram:Bogus>23</ram:Bogus>", 1)
    ws.drop("casse.xml", broken)
    ws.edi("process")
    flow = by_name(ws)["casse.xml"]
    assert (flow["status"], flow["reason"]) == ("IN_REJETE", "IRR_SYNTAX")
    [(seq, status, code, _)] = ledger_rows(ws, flow["flow_id"])
    assert (status, code) == ("IRRECEVABLE", 501)
    assert (flow["invoice_count"], flow["accepted_count"]) == (0, 0)
    assert "filed" not in flow_json(ws, flow["flow_id"])["invoices"][0]


def test_the_dashboard_api_and_metrics_show_a_message_not_an_invoice(ws: Workspace) -> None:
    from edi.web.app import serve_in_thread

    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    ws.drop("encaissee.xml", status_message(212, amount="1380.00", percent="20.00"))
    ws.edi("process")
    message = by_name(ws)["encaissee.xml"]
    port = free_port()
    stop = serve_in_thread(load(ws.root / "edi.toml", base_dir=ws.root), "127.0.0.1", port)
    base = f"http://127.0.0.1:{port}"
    try:
        with urllib.request.urlopen(f"{base}/flows/{message['flow_id']}") as r:
            page = r.read().decode("utf-8")
        assert "Lifecycle message: 1 status(es) filed" in page
        assert "DEPOSEE" not in page
        with urllib.request.urlopen(f"{base}/api/flows/{message['flow_id']}") as r:
            api = json.loads(r.read())
        assert [(i["status"], i["status_code"]) for i in api["invoices"]] == [
            ("MESSAGE_CDAR", 0)]
        assert (api["flow"]["invoice_count"], api["flow"]["accepted_count"]) == (0, 0)
        with urllib.request.urlopen(f"{base}/metrics") as r:
            metrics = r.read().decode("utf-8")
        assert 'edi_invoices{status="DEPOSEE"} 1.0' in metrics, metrics
        assert "MESSAGE_CDAR" not in metrics
    finally:
        stop()
