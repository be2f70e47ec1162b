"""UN/CEFACT CII CrossIndustryInvoice (D16B and D22B alike) -> Invoice, and its profile.

D16B (Factur-X 1.0) and D22B (EXTENDED-CTC-FR) share one namespace: what tells them apart
is the guideline id (BT-24), which also decides which schema and rules judge the invoice.
The XPath expressions are compiled once, at import (see ubl.py).
"""

from __future__ import annotations

import re

from lxml import etree

from edi import namespaces
from edi.model import Invoice, Profile
from edi.parsers import terms
from edi.parsers.rules import error
from edi.parsers.terms import Terms

NS = {p: namespaces.NS[p] for p in ("rsm", "ram", "udt")}
ROOT_NS = NS["rsm"]

# Guideline ids (BT-24) of the Factur-X / ZUGFeRD 2.x profiles, as published.
GUIDELINES: dict[str, Profile] = {
    "urn:factur-x.eu:1p0:minimum": Profile.MINIMUM,
    "urn:zugferd.de:2p0:minimum": Profile.MINIMUM,
    "urn:factur-x.eu:1p0:basicwl": Profile.BASIC_WL,
    "urn:zugferd.de:2p0:basicwl": Profile.BASIC_WL,
    "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic": Profile.BASIC,
    "urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic": Profile.BASIC,
    "urn:cen.eu:en16931:2017": Profile.EN16931,
    "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended": Profile.EXTENDED,
    "urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended": Profile.EXTENDED,
    "urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr":
        Profile.EXTENDED_CTC_FR,
}
_COMPLIANT = "urn:cen.eu:en16931:2017#compliant#"
# Older spellings met in published examples, by their last segment: Factur-X 1.0 drafts
# wrote ':compliant:factur-x.eu:1p0:basic', and the EN 16931 CII examples still carry
# ZUGFeRD 1.0's 'urn:ferd:CrossIndustryDocument:invoice:1p0:comfort' on a CII root
# (ZUGFeRD 2.0 renamed COMFORT to EN 16931). The factur-x library reads them the same way.
_LAST_SEGMENT: dict[str, Profile] = {
    "minimum": Profile.MINIMUM,
    "basicwl": Profile.BASIC_WL,
    "basic": Profile.BASIC,
    "comfort": Profile.EN16931,
    "en16931": Profile.EN16931,
    "extended": Profile.EXTENDED,
    "extended-ctc-fr": Profile.EXTENDED_CTC_FR,
}
_SEGMENT = re.compile(r"[:#]")


def _string(path: str) -> etree.XPath:
    return etree.XPath(f"normalize-space({path})", namespaces=NS, smart_strings=False)


_GUIDELINE = _string("rsm:ExchangedDocumentContext"
                     "/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID")  # BT-24
_NUMBER = _string("rsm:ExchangedDocument/ram:ID")                               # BT-1
_ISSUE_DATE = _string("rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString")  # BT-2
_TYPE_CODE = _string("rsm:ExchangedDocument/ram:TypeCode")                      # BT-3
_TX = "rsm:SupplyChainTradeTransaction/"
_AGREEMENT = _TX + "ram:ApplicableHeaderTradeAgreement/"
_SETTLEMENT = _TX + "ram:ApplicableHeaderTradeSettlement/"
_MEANS = _SETTLEMENT + "ram:SpecifiedTradeSettlementPaymentMeans/"
_SUM = _SETTLEMENT + "ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
_CURRENCY = _string(_SETTLEMENT + "ram:InvoiceCurrencyCode")                    # BT-5
_BUYER_REFERENCE = _string(_AGREEMENT + "ram:BuyerReference")                   # BT-10
# BT-21/BT-22: the French "BAR" note, where BR-FR-11/BR-FR-20 read it.
_TREATMENT = _string("rsm:ExchangedDocument/ram:IncludedNote"
                     "[normalize-space(ram:SubjectCode)='BAR'][1]/ram:Content")
_PURCHASE_ORDER = _string(_AGREEMENT + "ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID")
_PAYMENT_MEANS = _string(_MEANS + "ram:TypeCode")                              # BT-81
_IBAN = _string(f"({_MEANS}ram:PayeePartyCreditorFinancialAccount/ram:IBANID"
                f"|{_MEANS}ram:PayeePartyCreditorFinancialAccount/ram:ProprietaryID)[1]")
_BIC = _string(_MEANS + "ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID")  # BT-86
_NET = _string(_SUM + "ram:TaxBasisTotalAmount")                                # BT-109
_VAT = _string(f"({_SUM}ram:TaxTotalAmount[@currencyID=normalize-space("
               f"../../ram:InvoiceCurrencyCode)]|{_SUM}ram:TaxTotalAmount)[1]")  # BT-110
_GROSS = _string(_SUM + "ram:GrandTotalAmount")                                 # BT-112
_DUE = _string(_SUM + "ram:DuePayableAmount")                                   # BT-115
_LINES = etree.XPath(f"count({_TX}ram:IncludedSupplyChainTradeLineItem)", namespaces=NS)
_SELLER = etree.XPath(_AGREEMENT + "ram:SellerTradeParty", namespaces=NS)
_BUYER = etree.XPath(_AGREEMENT + "ram:BuyerTradeParty", namespaces=NS)

# Party level, relative to ram:SellerTradeParty / ram:BuyerTradeParty.
_NAME = _string("ram:Name")
_SIRET = _string("(ram:GlobalID[@schemeID='0009']|ram:ID[@schemeID='0009']"
                 "|ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0009'])[1]")
_SIREN = _string("(ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0002']"
                 "|ram:GlobalID[@schemeID='0002'])[1]")
_VAT_ID = _string("ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']")
# BT-29/BT-46 with scheme 0224: BR-FR-24/BR-FR-26 (CII) read it in ram:GlobalID; see
# terms.py for what the Chorus Pro rules make of it.
_ROUTING = _string("(ram:GlobalID[@schemeID='0224']|ram:ID[@schemeID='0224'])[1]")
_COUNTRY = _string("ram:PostalTradeAddress/ram:CountryID")


def guideline(root: etree._Element) -> str:
    return _GUIDELINE(root)


def profile(root: etree._Element) -> Profile:
    """The Factur-X profile named by the guideline id (BT-24), or a FlowError."""
    value = _GUIDELINE(root)
    found = GUIDELINES.get(value)
    if found is not None:
        return found
    last = _SEGMENT.split(value)[-1].lower()
    if last in _LAST_SEGMENT:
        return _LAST_SEGMENT[last]
    if "xrechnung" in value.lower():
        return Profile.XRECHNUNG
    if value.startswith(_COMPLIANT):  # another CIUS of EN 16931 (e.g. Peppol): judge as it
        return Profile.EN16931
    found_text = f"is {value!r}" if value else "is missing"
    raise error("EDI-TYPE-PROFILE",
                f"the guideline id (BT-24) {found_text}; expected a Factur-X / ZUGFeRD 2.x "
                "profile (MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED, EXTENDED-CTC-FR) or "
                "XRechnung, e.g. 'urn:cen.eu:en16931:2017'",
                "/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext")


def parse(root: etree._Element) -> Invoice:
    """The EN 16931 terms of a CII invoice (absent terms are None)."""
    return terms.read(root, TERMS)


def _iso_date(value: str) -> str | None:
    """CII dates are format 102 (yyyymmdd); the model speaks ISO 8601 (yyyy-mm-dd)."""
    if len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value or None


TERMS = Terms(
    header={"number": _NUMBER, "issue_date": _ISSUE_DATE, "type_code": _TYPE_CODE,
            "currency": _CURRENCY, "treatment": _TREATMENT,
            "buyer_reference": _BUYER_REFERENCE,
            "purchase_order": _PURCHASE_ORDER, "payment_means": _PAYMENT_MEANS,
            "iban": _IBAN, "bic": _BIC, "total_without_vat": _NET, "total_vat": _VAT,
            "total_with_vat": _GROSS, "amount_due": _DUE},
    lines=_LINES,
    parties={"seller": _SELLER, "buyer": _BUYER},
    party={"name": _NAME, "siret": _SIRET, "siren": _SIREN, "vat": _VAT_ID,
           "country": _COUNTRY, "routing_code": _ROUTING},
    convert={"issue_date": _iso_date, "treatment": terms.bar_treatment},
)
