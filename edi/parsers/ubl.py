"""UBL 2.1 Invoice / CreditNote -> Invoice (EN 16931 terms).

The XPath expressions are compiled once, at import: parsing runs thousands of times a
second per core, and compiling an expression costs more than evaluating it.
"""

from __future__ import annotations

from lxml import etree

from edi import namespaces
from edi.model import Invoice
from edi.parsers import terms
from edi.parsers.terms import Terms

NS = {p: namespaces.NS[p] for p in ("cac", "cbc")}
INVOICE_NS = namespaces.NS["ubl"]
CREDIT_NOTE_NS = namespaces.NS["cn"]


def _string(path: str) -> etree.XPath:
    return etree.XPath(f"normalize-space({path})", namespaces=NS, smart_strings=False)


# Document level, relative to the root element (Invoice or CreditNote).
_NUMBER = _string("cbc:ID")                                                     # BT-1
_ISSUE_DATE = _string("cbc:IssueDate")                                          # BT-2
_TYPE_CODE = _string("cbc:InvoiceTypeCode|cbc:CreditNoteTypeCode")             # BT-3
_CURRENCY = _string("cbc:DocumentCurrencyCode")                                 # BT-5
_BUYER_REFERENCE = _string("cbc:BuyerReference")                                # BT-10
# BT-21/BT-22: the French "BAR" note, written "#BAR#B2B" (BR-FR-11/BR-FR-20 read it so).
_TREATMENT = _string("substring-after(cbc:Note[contains(., '#BAR#')][1], '#BAR#')")
_PURCHASE_ORDER = _string("cac:OrderReference/cbc:ID")                          # BT-13
_PAYMENT_MEANS = _string("cac:PaymentMeans/cbc:PaymentMeansCode")               # BT-81
_IBAN = _string("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID")            # BT-84
_BIC = _string("cac:PaymentMeans/cac:PayeeFinancialAccount"
               "/cac:FinancialInstitutionBranch/cbc:ID")                         # BT-86
_NET = _string("cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount")                 # BT-109
_VAT = _string("(cac:TaxTotal/cbc:TaxAmount[@currencyID=normalize-space("
               "../../cbc:DocumentCurrencyCode)]|cac:TaxTotal[1]/cbc:TaxAmount)[1]")  # BT-110
_GROSS = _string("cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount")               # BT-112
_DUE = _string("cac:LegalMonetaryTotal/cbc:PayableAmount")                      # BT-115
_LINES = etree.XPath("count(cac:InvoiceLine|cac:CreditNoteLine)", namespaces=NS)
_SELLER = etree.XPath("cac:AccountingSupplierParty/cac:Party", namespaces=NS)
_BUYER = etree.XPath("cac:AccountingCustomerParty/cac:Party", namespaces=NS)

# Party level, relative to cac:Party.
_NAME = _string("(cac:PartyLegalEntity/cbc:RegistrationName|cac:PartyName/cbc:Name)[1]")
_SIRET = _string("(cac:PartyIdentification/cbc:ID[@schemeID='0009']"
                 "|cac:PartyLegalEntity/cbc:CompanyID[@schemeID='0009'])[1]")
_SIREN = _string("(cac:PartyLegalEntity/cbc:CompanyID[@schemeID='0002']"
                 "|cac:PartyIdentification/cbc:ID[@schemeID='0002'])[1]")
# BT-29/BT-46 with scheme 0224: the private (routing) identifier, where BR-FR-24/BR-FR-26
# look for it (cac:PartyIdentification/cbc:ID[@schemeID='0224']); see terms.py.
_ROUTING = _string("cac:PartyIdentification/cbc:ID[@schemeID='0224']")
_VAT_ID = _string("cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID)='VAT']"
                  "/cbc:CompanyID")
_COUNTRY = _string("cac:PostalAddress/cac:Country/cbc:IdentificationCode")


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
    convert={"treatment": terms.bar_treatment},
)


def parse(root: etree._Element) -> Invoice:
    """The EN 16931 terms of a UBL Invoice or CreditNote (absent terms are None)."""
    return terms.read(root, TERMS)
