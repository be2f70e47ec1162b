"""Identifier checks on real sample invoices: each rule made to pass and to fail."""

from __future__ import annotations

import pytest
from stdnum import luhn
from stdnum.fr import siret as stdsiret

from edi.validators.identifiers import RULES, check_invoice
from tests.validators.sample_invoices import read, siren, siret


def rule_ids(syntax: str = "ubl", **overrides: object) -> list[str]:
    doc, tree = read(syntax, **overrides)
    assert doc.invoice is not None
    return [f.rule_id for f in check_invoice(doc.invoice, tree)]


@pytest.mark.parametrize("syntax", ["ubl", "cii"])
def test_default_sample_passes_every_identifier_rule(syntax: str) -> None:
    assert rule_ids(syntax) == []


def test_siren_with_wrong_check_digit_fails() -> None:
    bad = siren(41234567)[:-1] + str((int(siren(41234567)[-1]) + 1) % 10)
    assert "ID-SIREN" in rule_ids(seller_siren=bad, seller_siret=None, seller_vat=None)
    assert "ID-SIREN" not in rule_ids(seller_siren=siren(41234567), seller_siret=None,
                                      seller_vat=None)


def test_siret_with_wrong_check_digit_fails() -> None:
    good = siret(13002526)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert "ID-SIRET" in rule_ids(buyer_siret=bad, buyer_siren=None, buyer_vat=None)
    assert "ID-SIRET" not in rule_ids(buyer_siret=good)


def test_la_poste_siret_follows_its_own_rule() -> None:
    """La Poste's establishments fail Luhn; stdnum knows their sum-of-digits rule."""
    la_poste = "35600000049837"
    assert not luhn.is_valid(la_poste) and stdsiret.is_valid(la_poste)
    assert rule_ids(seller_siret=la_poste) == []
    # A 356000000 SIRET whose digits do not sum to a multiple of 5 is still refused.
    assert "ID-SIRET" in rule_ids(seller_siret="35600000049838")


def test_siret_must_start_with_the_siren() -> None:
    ids = rule_ids(seller_siret=siret(41234567), seller_siren=siren(55555555))
    assert "ID-SIRET-SIREN" in ids
    assert "ID-SIRET-SIREN" not in rule_ids(seller_siret=siret(41234567),
                                            seller_siren=siren(41234567))


def test_french_vat_key() -> None:
    number = siren(41234567)
    good_key = (12 + 3 * (int(number) % 97)) % 97
    bad = f"FR{(good_key + 1) % 97:02d}{number}"
    assert "ID-TVA-FR" in rule_ids(seller_siret=siret(41234567), seller_vat=bad)
    assert "ID-TVA-FR" not in rule_ids(seller_siret=siret(41234567))


def test_vat_number_of_another_company_is_a_warning() -> None:
    other = siren(55555555)
    vat = f"FR{(12 + 3 * (int(other) % 97)) % 97:02d}{other}"
    doc, tree = read(seller_siret=siret(41234567), seller_vat=vat)
    found = {f.rule_id: f for f in check_invoice(doc.invoice, tree)}
    assert found["ID-TVA-SIREN"].severity == "warning"


@pytest.mark.parametrize("syntax", ["ubl", "cii"])
def test_account_that_looks_like_an_iban_must_be_one(syntax: str) -> None:
    bad = "FR7630004000310001234567800"
    assert "ID-IBAN" in rule_ids(syntax, payment_means="30", iban=bad)
    # A proprietary account number is not an IBAN and is left alone outside SEPA.
    assert "ID-IBAN" not in rule_ids("ubl", payment_means="30", iban="12345678")


@pytest.mark.parametrize("syntax", ["ubl", "cii"])
def test_sepa_credit_transfer_requires_a_valid_iban(syntax: str) -> None:
    assert "ID-IBAN-58" in rule_ids(syntax, payment_means="58", iban="12345678")
    assert "ID-IBAN-58" in rule_ids(syntax, payment_means="58",
                                    iban="FR7630004000310001234567800")
    assert "ID-IBAN-58" not in rule_ids(syntax, payment_means="58")


def test_bic() -> None:
    assert "ID-BIC" in rule_ids(bic="BNPA12PP")
    assert "ID-BIC" not in rule_ids(bic="BNPAFRPP")


def test_every_rule_has_both_texts() -> None:
    for rule_id, rule in RULES.items():
        assert rule_id.startswith("ID-") and rule.fr and rule.en
