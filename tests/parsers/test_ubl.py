"""UBL 2.1 -> Invoice: every EN 16931 term the model names, from samples and official examples."""

from __future__ import annotations

import pytest

from edi import samples
from edi.config import Limits
from edi.model import Invoice, Syntax
from edi.parsers import read, unpack
from tests.conftest import require_shared

LIMITS = Limits()


def invoice_of(data: bytes, name: str = "i.xml") -> Invoice:
    doc = unpack(name, data, LIMITS)[0]
    read(doc, LIMITS)
    assert doc.syntax is Syntax.UBL
    return doc.invoice


def test_every_term_of_the_sample() -> None:
    inv = invoice_of(samples.ubl_invoice())
    s = samples.sample()
    assert inv.to_dict() == {
        "number": s.number, "issue_date": s.issue_date, "type_code": "380", "currency": "EUR",
        "buyer_reference": s.buyer_reference, "purchase_order": s.purchase_order,
        "seller_name": s.seller_name, "seller_siret": s.seller_siret,
        "seller_siren": s.seller_siren, "seller_vat": s.seller_vat, "seller_country": "FR",
        "buyer_name": s.buyer_name, "buyer_siret": s.buyer_siret, "buyer_siren": s.buyer_siren,
        "buyer_vat": s.buyer_vat, "buyer_country": "FR", "payment_means": "58",
        "iban": s.iban, "bic": s.bic, "total_without_vat": "4110.00", "total_vat": "822.00",
        "total_with_vat": "4932.00", "amount_due": "4932.00", "line_count": 3,
        "treatment": None, "seller_routing_code": None, "buyer_routing_code": None,
    }


def test_overrides_are_read_back_and_absent_terms_are_none() -> None:
    inv = invoice_of(samples.ubl_invoice(number="N-1", lines=5, purchase_order=None,
                                         buyer_reference=None, buyer_siret=None,
                                         buyer_siren=None, seller_country="BE", bic=None))
    assert (inv.number, inv.line_count, inv.seller_country) == ("N-1", 5, "BE")
    assert inv.purchase_order is None and inv.buyer_reference is None
    assert inv.buyer_siret is None and inv.buyer_siren is None and inv.bic is None


def test_credit_note() -> None:
    inv = invoice_of(samples.ubl_credit_note(lines=2))
    assert (inv.type_code, inv.number, inv.line_count) == ("381", "AV-2025-000045", 2)


def test_siret_as_legal_registration_and_vat_in_the_document_currency() -> None:
    xml = samples.ubl_invoice().replace(
        b'<cbc:CompanyID schemeID="0002">412345670</cbc:CompanyID>',
        b'<cbc:CompanyID schemeID="0009">41234567000126</cbc:CompanyID>')
    xml = xml.replace(b"<cac:LegalMonetaryTotal>",
                      b'<cac:TaxTotal><cbc:TaxAmount currencyID="USD">900.00</cbc:TaxAmount>'
                      b"</cac:TaxTotal><cac:LegalMonetaryTotal>")
    inv = invoice_of(xml)
    assert inv.seller_siret == "41234567000019"  # the party identifier comes first
    assert inv.seller_siren is None
    assert inv.total_vat == "822.00"


# (file, BT-1, BT-2, BT-3, BT-109, BT-110, BT-112, BT-115, lines)
OFFICIAL = [
    ("ubl-tc434-example1.xml", "12115118", "2015-01-09", "380", "229.60", "20.73", "250.33",
     "250.33", 20),
    ("ubl-tc434-example2.xml", "TOSL108", "2013-06-30", "380", "1436.50", "365.28", "1801.78",
     "801.78", 5),
    ("ubl-tc434-example5.xml", "TOSL110", "2013-04-10", "380", "4000.00", "675.00", "4675.00",
     "2337.50", 3),
    ("ubl-tc434-creditnote1.xml", "018304 / 28865", "2019-09-23", "381", "100.11", "0.00",
     "100.11", "100.11", 1),
    ("BIS3_Invoice_negativ.XML", "12345", "2019-01-25", "380", "-625743.54", "-156435.89",
     "-782179.43", "-782179.43", 1),
]


@pytest.mark.parametrize("row", OFFICIAL, ids=[r[0] for r in OFFICIAL])
def test_official_examples_key_terms(row: tuple) -> None:
    name, *expected = row
    path = require_shared("corpus", "en16931", "ubl", "examples", name)
    inv = invoice_of(path.read_bytes(), name)
    assert [inv.number, inv.issue_date, inv.type_code, inv.total_without_vat, inv.total_vat,
            inv.total_with_vat, inv.amount_due, inv.line_count] == expected


def test_every_official_ubl_example_parses() -> None:
    folder = require_shared("corpus", "en16931", "ubl", "examples")
    files = sorted(folder.iterdir())
    assert len(files) >= 19
    for path in files:
        inv = invoice_of(path.read_bytes(), path.name)
        assert inv.number and inv.issue_date and inv.currency, path.name
        assert inv.total_with_vat and inv.amount_due and inv.line_count >= 1, path.name
        assert inv.seller_name and inv.buyer_name, path.name
