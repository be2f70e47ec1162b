"""Orders first, as the guide says: an Order-X dropped into the inbox becomes an
engagement; invoices against it are accepted and the remaining amount falls; one over
the rest gets the finding; an order change raises the amount, a cancellation closes it."""

from __future__ import annotations

import json

from edi import samples
from tests.directory.test_orders_accounts import order_x
from tests.e2e.conftest import Workspace
from tests.e2e.test_chorus import NANTES, import_directory
from tests.e2e.test_depositor import reports
from tests.e2e.test_engagements import SELLER, orders
from tests.parsers.test_facturx import pdf_with
from tests.parsers.test_order import ubl_order

NUMBER = "EJ-OX-0001"


def invoice(number: str) -> bytes:    # 4,932.00 with VAT
    return samples.ubl_invoice(number=number, buyer_siret=NANTES, buyer_reference="SVC00030",
                               purchase_order=NUMBER, lines=1, unit_price="4110.00")


def flow_of(ws: Workspace, name: str) -> dict:
    [found] = [f for f in ws.flows() if f["file_name"] == name]
    return found


def test_an_orderx_in_the_inbox_becomes_the_engagement_invoices_consume(
        ws: Workspace) -> None:
    ws.configure(layers=("xml", "xsd", "chorus"))
    import_directory(ws)
    ws.drop("order.xml", order_x(number=NUMBER, buyer=NANTES, seller=SELLER,
                                 total="6000.00"))
    ws.edi("process")
    flow = flow_of(ws, "order.xml")
    assert (flow["status"], flow["reason"]) == ("IN_INTEGRE", None)
    report = json.loads(next(p for p in ws.files("reports")
                             if p.name == f"{flow['flow_id']}.cr.json").read_text())
    [doc] = report["invoices"]
    assert doc["document_type"] == "Order-X" and doc["findings"] == []
    notes = [r.get("note", "") for r in doc["rule_sets"]]
    assert any(f"engagement {NUMBER} of buyer {NANTES}" in n and "recorded" in n
               for n in notes), notes
    assert ws.files("outbox") == []        # an order is not an invoice to deliver
    assert orders(ws)[NUMBER]["remaining"] == "6000.00"

    ws.drop("first.xml", invoice("OX-INV-1"))
    ws.edi("process")
    assert reports(ws)["OX-INV-1"]["status"] == "DEPOSEE"
    assert orders(ws)[NUMBER]["remaining"] == "1068.00"
    ws.drop("second.xml", invoice("OX-INV-2"))
    ws.edi("process")
    second = reports(ws)["OX-INV-2"]
    assert [f["rule_id"] for f in second["findings"]] == ["CPRO-ENG-MONTANT"]

    ws.drop("change.pdf", pdf_with({"order-x.xml": order_x(
        number=NUMBER, buyer=NANTES, seller=SELLER, type_code="230", total="12000.00")}))
    ws.edi("process")
    assert (flow_of(ws, "change.pdf")["status"], flow_of(ws, "change.pdf")["format"]) == (
        "IN_INTEGRE", "ORDER")
    changed = orders(ws)[NUMBER]
    assert (changed["amount"], changed["remaining"]) == ("12000.00", "2136.00")

    ws.drop("cancel.xml", order_x(number=NUMBER, buyer=NANTES, seller=SELLER, purpose="1",
                                  total="12000.00"))
    ws.edi("process")
    assert orders(ws)[NUMBER]["open"] is False
    ws.drop("late.xml", invoice("OX-INV-3"))
    ws.edi("process", "--layers", "xml,xsd,chorus")
    late = reports(ws)["OX-INV-3"]
    assert late["status"] == "REJETEE"
    assert [f["rule_id"] for f in late["findings"]] == ["CPRO-ENG-CLOS"]


def test_orders_that_do_not_hold_and_a_ubl_order(ws: Workspace) -> None:
    ws.configure(layers=("xml", "xsd", "chorus"))
    ws.drop("bad.xml", order_x(number="EJ-BAD", buyer="12345678901234"))
    ws.drop("ubl.xml", ubl_order(number="PO-UBL-9", buyer=NANTES, seller=SELLER,
                                 total="2400.00"))
    ws.edi("process")
    bad = flow_of(ws, "bad.xml")
    assert (bad["status"], bad["reason"]) == ("IN_REJETE", "REJ_SEMAN")
    assert flow_of(ws, "ubl.xml")["status"] == "IN_INTEGRE"
    found = orders(ws)
    assert "EJ-BAD" not in found and found["PO-UBL-9"]["amount"] == "2400.00"
