"""Identifier checks on real sample invoices: each rule made to pass and to fail."""

from __future__ import annotations

import pytest
from stdnum import luhn
from stdnum.fr import siret as stdsiret

from edi.model import Severity
from edi.validators.identifiers import RULES, IdentifiersLayer, check_invoice
from edi.validators.scenario import Scenario
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


# --- severity: warnings by default, fatal only where the B2G scenario says so ----------

def _severities(b2g: bool, **overrides: object) -> dict[str, str]:
    doc, tree = read(**overrides)
    assert doc.invoice is not None
    return {f.rule_id: f.severity for f in check_invoice(doc.invoice, tree, b2g=b2g)}


def test_no_identifier_finding_is_fatal_by_default() -> None:
    """No official rule set checks check digits: our verdict must not be harsher."""
    found = _severities(False, seller_siret="41234567000018", seller_siren="412345670",
                        iban="FR7630004000310001234567800", bic="BNPA12PP")
    assert {"ID-SIRET", "ID-IBAN-58", "ID-BIC"} <= set(found)
    assert set(found.values()) == {Severity.WARNING}


def test_the_b2g_scenario_makes_only_cited_checks_fatal() -> None:
    found = _severities(True, seller_siret="41234567000018", seller_siren="412345670",
                        iban="FR7630004000310001234567800", bic="BNPA12PP")
    assert found["ID-SIRET"] is Severity.FATAL and found["ID-IBAN-58"] is Severity.FATAL
    assert found["ID-BIC"] is Severity.WARNING       # no Chorus Pro text makes it fatal
    for rule_id, rule in RULES.items():
        if rule.b2g is Severity.FATAL:
            assert "Chorus Pro" in rule.basis, rule_id  # the text that says so


def test_the_layer_reads_the_scenario() -> None:
    doc, tree = read(iban="FR7630004000310001234567800")
    layer = IdentifiersLayer()
    for b2g, expected in ((False, Severity.WARNING), (True, Severity.FATAL)):
        doc.scenario = Scenario("test", "test", b2g=b2g, french_rules=True)
        assert {f.severity for f in layer.check(doc, tree)} == {expected}


def test_edi_rules_cites_what_makes_a_check_fatal() -> None:
    from edi.rules import catalogue

    rule = catalogue().rules["ID-IBAN"]
    assert rule.severity == "warning"
    assert "fatal in the B2G Chorus Pro scenario" in rule.note
    assert "spécifications externes" in rule.note
    assert "no official rule set" in catalogue().rules["ID-BIC"].note
