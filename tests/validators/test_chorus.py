"""Chorus Pro deposit rules on real sample invoices against a directory imported for the
test: every rule made to pass and to fail, and the scenario that decides when they run."""

from __future__ import annotations

import os
import time
import types
from pathlib import Path

import pytest
from lxml import etree

from edi import parsers, samples
from edi.config import Settings
from edi.directory import cached, import_accounts, import_directory, import_orders
from edi.model import Document, Invoice, Profile, Severity
from edi.validators.chorus import RULES, ChorusLayer, business_key, service_code
from tests.validators.sample_invoices import read, siret

SELLER = "41234567000019"                    # the samples' default supplier
IBAN = "FR7630004000310001234567865"         # the samples' default account
PLAIN, INACTIVE, ENG, SVC, EITHER = (siret(20000000 + i) for i in range(5))
HEADER = ("TypeIdentifiant;Identifiant;RaisonSociale;EmetteurEdi;RecepteurEdi;"
          "GestionStatutMiseEnPaiement;GestionEngagement;GestionService;"
          "GestionServiceEngagement;EstMOA;EstMOAUniquement;StructureActive")


def structure(ident: str, name: str, eng: bool = False, svc: bool = False,
              either: bool = False, active: bool = True) -> str:
    flags = [False, False, False, eng, svc, either, False, False, active]
    return ";".join(["SIRET", ident, name, *("true" if f else "false" for f in flags)])


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A working directory whose var/directory.sqlite holds the test's directory."""
    (tmp_path / "structures.csv").write_text("\n".join([
        HEADER,
        structure(PLAIN, "MAIRIE SANS EXIGENCE"),
        structure(INACTIVE, "ANCIEN SYNDICAT", active=False),
        structure(ENG, "HOPITAL ENGAGEMENT", eng=True),
        structure(SVC, "UNIVERSITE SERVICES", svc=True),
        structure(EITHER, "REGION SERVICE OU ENGAGEMENT", either=True),
    ]) + "\n")
    (tmp_path / "services.csv").write_text(
        "IdentifiantStructure;CodeService;LibelleService;ServiceActif;GestionEngagement\n"
        f"{SVC};SERV-FIN-01;FINANCES;true;false\n"
        f"{SVC};SERV-OLD;ANCIEN;false;false\n"
        f"{SVC};SERV-EJ;ACHATS;true;true\n"
        f"{EITHER};SERV-REG;REGION;true;false\n")
    store = tmp_path / "var" / "directory.sqlite"
    import_directory(store, tmp_path / "structures.csv", tmp_path / "services.csv")
    return tmp_path


def settings(base: Path, **chorus: object) -> Settings:
    return Settings(base_dir=base, raw=types.MappingProxyType({"chorus": chorus}))


def with_routing_code(syntax: str, code: str, **overrides: object) -> bytes:
    """A sample invoice whose buyer carries BT-46 with scheme 0224 (``code``), where
    BR-FR-24/BR-FR-26 read it: a PartyIdentification (UBL; EN 16931 allows one, UBL-SR-16,
    so give ``buyer_siret=None``), a second GlobalID after the SIRET's (CII)."""
    if syntax == "ubl":
        data = samples.ubl_invoice(**overrides)
        party, close = b"<cac:AccountingCustomerParty>", b"</cbc:EndpointID>"
        extra = (f'<cac:PartyIdentification><cbc:ID schemeID="0224">{code}</cbc:ID>'
                 "</cac:PartyIdentification>")
    else:
        data = samples.cii_invoice(Profile.EN16931, **overrides)
        party, close = b"<ram:BuyerTradeParty>", b"</ram:GlobalID>"
        extra = f'<ram:GlobalID schemeID="0224">{code}</ram:GlobalID>'
    at = data.index(close, data.index(party)) + len(close)
    return data[:at] + extra.encode() + data[at:]


def read_bytes(data: bytes) -> tuple[Document, etree._ElementTree]:
    doc = Document(seq=1, name="sample.xml", content=data)
    return doc, parsers.read(doc, Settings().limits)


def findings(base: Path, syntax: str = "ubl", settings_: Settings | None = None,
             routing_code: str | None = None, **overrides: object):
    if routing_code is None:
        doc, tree = read(syntax, **overrides)
    else:
        doc, tree = read_bytes(with_routing_code(syntax, routing_code, **overrides))
    layer = ChorusLayer(settings_ or settings(base, reload_check_seconds=0.0))
    assert layer.applies(doc)
    return layer.check(doc, tree)


def ids(base: Path, **overrides: object) -> list[str]:
    return [f.rule_id for f in findings(base, **overrides)]


# --- the scenario --------------------------------------------------------------------

@pytest.mark.parametrize("syntax", ["ubl", "cii"])
def test_a_compliant_invoice_passes_and_the_report_names_the_scenario(
        base: Path, syntax: str) -> None:
    doc, tree = read(syntax, buyer_siret=PLAIN)
    layer = ChorusLayer(settings(base))
    assert layer.applies(doc)
    assert layer.check(doc, tree) == []
    assert doc.rule_sets[-1].note == "scenario: B2G Chorus Pro"
    assert "5 structures" in doc.rule_sets[-1].source


def test_no_directory_no_rules(tmp_path: Path) -> None:
    doc, _ = read(buyer_siret=PLAIN)
    assert not ChorusLayer(settings(tmp_path)).applies(doc)


def test_buyer_absent_from_the_directory_is_b2b(base: Path) -> None:
    """A private buyer (valid SIRET, not a Chorus Pro structure) is not judged by the
    deposit rules: no CPRO-DEST-INCONNU, no 20-character invoice number limit."""
    for overrides in ({"buyer_siret": siret(99999999), "number": "F" * 25},
                      {"buyer_siret": None, "buyer_siren": "130025265"}):
        doc, _ = read(**overrides)
        assert not ChorusLayer(settings(base)).applies(doc)


def test_buyer_siret_mode_is_kept_for_older_configurations(base: Path) -> None:
    doc, _ = read(buyer_siret=siret(99999999))
    assert ChorusLayer(settings(base, applies="buyer-siret")).applies(doc)
    assert not ChorusLayer(settings(base, applies="directory")).applies(doc)


def test_a_14_digit_legal_identifier_is_a_siret(base: Path) -> None:
    doc, tree = read(buyer_siret=None, buyer_siren=INACTIVE)
    layer = ChorusLayer(settings(base, identifiers=False))
    assert layer.applies(doc)
    assert [f.rule_id for f in layer.check(doc, tree)] == ["CPRO-DEST-INACTIF"]


def test_scenario_overrides(base: Path) -> None:
    doc, _ = read(buyer_siret=PLAIN)
    assert not ChorusLayer(settings(base, applies="never")).applies(doc)
    doc.interface = "b2b"
    assert not ChorusLayer(settings(base, by_interface=["b2b=never"])).applies(doc)
    assert ChorusLayer(settings(base, by_interface=["other=never"])).applies(doc)
    foreign, _ = read(buyer_siret=None, buyer_siren=None)
    assert ChorusLayer(settings(base, applies="always")).applies(foreign)


# --- buyer -----------------------------------------------------------------------------

def test_buyer_must_be_known_on_a_chorus_pro_only_interface(base: Path) -> None:
    only = settings(base, by_interface=["chorus=always"], reload_check_seconds=0.0)
    doc, tree = read(buyer_siret=siret(99999999))
    doc.interface = "chorus"
    layer = ChorusLayer(only)
    assert layer.applies(doc)
    assert "CPRO-DEST-INCONNU" in [f.rule_id for f in layer.check(doc, tree)]
    assert "CPRO-DEST-INCONNU" not in ids(base, buyer_siret=PLAIN)


def test_an_unknown_establishment_of_a_public_entity_is_b2g(base: Path) -> None:
    """The SIREN is a public entity's, the SIRET no structure of the directory: Chorus Pro
    is the way to that buyer, and it refuses the SIRET."""
    other_establishment = siret(20000000, establishment=2)   # PLAIN's SIREN
    assert other_establishment[:9] == PLAIN[:9]
    assert "CPRO-DEST-INCONNU" in ids(base, buyer_siret=other_establishment)


def test_buyer_must_be_active(base: Path) -> None:
    assert "CPRO-DEST-INACTIF" in ids(base, buyer_siret=INACTIVE)
    assert "CPRO-DEST-INACTIF" not in ids(base, buyer_siret=PLAIN)


# --- engagement and service requirements -----------------------------------------------

def test_gestion_engagement_requires_bt13(base: Path) -> None:
    assert "CPRO-ENG-OBLIG" in ids(base, buyer_siret=ENG, purchase_order=None)
    assert "CPRO-ENG-OBLIG" not in ids(base, buyer_siret=ENG)


def test_gestion_service_requires_bt10(base: Path) -> None:
    assert "CPRO-SVC-OBLIG" in ids(base, buyer_siret=SVC, buyer_reference=None)
    assert "CPRO-SVC-OBLIG" not in ids(base, buyer_siret=SVC)


@pytest.mark.parametrize("syntax", ["ubl", "cii"])
def test_service_code_in_bt46_scheme_0224(base: Path, syntax: str) -> None:
    """XP Z12-012 Annex B's BT-46c (routing, scheme 0224) carries the service code."""
    # UBL EN 16931 has one BT-46: the routing code, the buyer known by its SIREN (BT-47).
    buyer = {"buyer_siret": None, "buyer_siren": SVC[:9]} if syntax == "ubl" else \
        {"buyer_siret": SVC}
    assert [f.rule_id for f in findings(base, syntax, buyer_reference=None, **buyer)] == \
        ["CPRO-SVC-OBLIG"]
    found = findings(base, syntax, buyer_reference=None, routing_code="SERV-FIN-01",
                     **buyer)
    assert [f.rule_id for f in found] == []
    unknown = findings(base, syntax, buyer_reference=None, routing_code="SERV-XYZ",
                       **buyer)
    assert [(f.rule_id, f.location) for f in unknown] == [("CPRO-SVC-INCONNU", "BT-46")]
    assert "SERV-XYZ" in unknown[0].message and "BT-46" in unknown[0].message


def test_service_code_prefers_the_routing_code() -> None:
    assert service_code(Invoice(buyer_reference="REF", buyer_routing_code=" SVC ")) == \
        ("SVC", "BT-46")
    assert service_code(Invoice(buyer_reference="REF")) == ("REF", "BT-10")
    assert service_code(Invoice()) == ("", "BT-10")


def test_service_must_be_one_of_the_structure(base: Path) -> None:
    assert "CPRO-SVC-INCONNU" in ids(base, buyer_siret=SVC, buyer_reference="SERV-XYZ")
    assert "CPRO-SVC-INCONNU" not in ids(base, buyer_siret=SVC, buyer_reference="SERV-FIN-01")


def test_service_must_be_active(base: Path) -> None:
    assert "CPRO-SVC-INACTIF" in ids(base, buyer_siret=SVC, buyer_reference="SERV-OLD")
    assert "CPRO-SVC-INACTIF" not in ids(base, buyer_siret=SVC, buyer_reference="SERV-FIN-01")


def test_service_or_engagement(base: Path) -> None:
    assert "CPRO-SVC-OU-ENG" in ids(base, buyer_siret=EITHER, buyer_reference=None,
                                    purchase_order=None)
    assert "CPRO-SVC-OU-ENG" not in ids(base, buyer_siret=EITHER, buyer_reference=None)
    assert "CPRO-SVC-OU-ENG" not in ids(base, buyer_siret=EITHER, buyer_reference="SERV-REG",
                                        purchase_order=None)


def test_service_flagged_engagement_requires_one(base: Path) -> None:
    assert "CPRO-SVC-ENG-OBLIG" in ids(base, buyer_siret=SVC, buyer_reference="SERV-EJ",
                                       purchase_order=None)
    assert "CPRO-SVC-ENG-OBLIG" not in ids(base, buyer_siret=SVC, buyer_reference="SERV-EJ")


# --- supplier, lengths and characters --------------------------------------------------

def test_supplier_siret_must_be_valid(base: Path) -> None:
    """Fatal for a public buyer: Chorus Pro checks the supplier's SIRET against INSEE's
    data (the rule's basis, cited in `edi rules`); a warning by default."""
    found = findings(base, buyer_siret=PLAIN, seller_siret="41234567000018",
                     seller_siren="412345670")
    assert ("CPRO-FOUR-SIRET", Severity.FATAL) in [(f.rule_id, f.severity) for f in found]
    assert "CPRO-FOUR-SIRET" not in ids(base, buyer_siret=PLAIN)
    assert RULES["CPRO-FOUR-SIRET"].severity is Severity.WARNING
    assert "INSEE" in RULES["CPRO-FOUR-SIRET"].basis


def test_foreign_supplier_needs_no_siret(base: Path) -> None:
    assert "CPRO-FOUR-SIRET-ABSENT" not in ids(
        base, buyer_siret=PLAIN, seller_siret=None, seller_siren=None, seller_country="DE",
        seller_vat="DE123456789")
    assert "CPRO-FOUR-SIRET-ABSENT" in ids(base, buyer_siret=PLAIN, seller_siret=None)


def test_invoice_number_at_most_20_characters(base: Path) -> None:
    assert "CPRO-NUM-LONG" in ids(base, buyer_siret=PLAIN, number="F" * 21)
    assert "CPRO-NUM-LONG" not in ids(base, buyer_siret=PLAIN, number="F" * 20)


def test_engagement_at_most_50_characters(base: Path) -> None:
    assert "CPRO-ENG-LONG" in ids(base, buyer_siret=PLAIN, purchase_order="E" * 51)
    assert "CPRO-ENG-LONG" not in ids(base, buyer_siret=PLAIN, purchase_order="E" * 50)


def test_service_code_characters(base: Path) -> None:
    assert "CPRO-SVC-CAR" in ids(base, buyer_siret=PLAIN, buyer_reference="SERV/FIN#1")
    assert "CPRO-SVC-CAR" not in ids(base, buyer_siret=PLAIN, buyer_reference="Sérv_FIN-1 A")


# --- engagements -----------------------------------------------------------------------

@pytest.fixture
def orders(base: Path) -> Path:
    other = siret(77777777)
    (base / "orders.csv").write_text(
        "acheteur;engagement;fournisseur;montant;statut\n"
        f"{PLAIN};EJ-OPEN;{SELLER};100000,00;ouvert\n"
        f"{PLAIN};EJ-SIREN;{SELLER[:9]};100000;ouvert\n"
        f"{PLAIN};EJ-CLOSED;{SELLER};100000;soldé\n"
        f"{PLAIN};EJ-OTHER;{other};100000;ouvert\n"
        f"{PLAIN};EJ-SMALL;{SELLER};10.00;ouvert\n")
    import_orders(base / "var" / "directory.sqlite", [base / "orders.csv"])
    return base


def test_engagement_must_be_known_when_the_buyer_has_some(orders: Path) -> None:
    assert "CPRO-ENG-INCONNU" in ids(orders, buyer_siret=PLAIN, purchase_order="EJ-NOPE")
    assert "CPRO-ENG-INCONNU" not in ids(orders, buyer_siret=PLAIN, purchase_order="EJ-OPEN")
    # A buyer whose engagements are unknown accepts any number.
    assert "CPRO-ENG-INCONNU" not in ids(orders, buyer_siret=ENG, purchase_order="EJ-NOPE")


def test_engagement_must_be_open(orders: Path) -> None:
    assert "CPRO-ENG-CLOS" in ids(orders, buyer_siret=PLAIN, purchase_order="EJ-CLOSED")
    assert "CPRO-ENG-CLOS" not in ids(orders, buyer_siret=PLAIN, purchase_order="EJ-OPEN")


def test_engagement_must_be_the_suppliers(orders: Path) -> None:
    assert "CPRO-ENG-FOURN" in ids(orders, buyer_siret=PLAIN, purchase_order="EJ-OTHER")
    assert "CPRO-ENG-FOURN" not in ids(orders, buyer_siret=PLAIN, purchase_order="EJ-SIREN")


def test_amount_above_the_remaining_is_a_warning(orders: Path) -> None:
    found = findings(orders, buyer_siret=PLAIN, purchase_order="EJ-SMALL")
    assert [(f.rule_id, f.severity) for f in found] == [("CPRO-ENG-MONTANT", Severity.WARNING)]
    assert ids(orders, buyer_siret=PLAIN, purchase_order="EJ-OPEN") == []


# --- bank accounts ---------------------------------------------------------------------

def test_iban_must_be_declared_when_the_supplier_declared_some(base: Path) -> None:
    other = "FR7610278374560001038740166"
    (base / "accounts.csv").write_text(f"{SELLER[:9]};{IBAN};BNPAFRPP\n")
    import_accounts(base / "var" / "directory.sqlite", base / "accounts.csv")
    assert "CPRO-IBAN-NON-DECLARE" in ids(base, buyer_siret=PLAIN, iban=other)
    assert "CPRO-IBAN-NON-DECLARE" not in ids(base, buyer_siret=PLAIN, iban=IBAN)


def test_undeclared_supplier_may_use_any_iban(base: Path) -> None:
    (base / "accounts.csv").write_text(f"{siret(77777777)};{IBAN};\n")
    import_accounts(base / "var" / "directory.sqlite", base / "accounts.csv")
    assert "CPRO-IBAN-NON-DECLARE" not in ids(base, buyer_siret=PLAIN,
                                              iban="FR7610278374560001038740166")


# --- the per-process directory ---------------------------------------------------------

def test_workers_see_a_new_directory_after_the_check_interval(base: Path) -> None:
    store = base / "var" / "directory.sqlite"
    first = cached(store, check_every=3600)
    (base / "structures.csv").write_text(HEADER + "\n" + structure(PLAIN, "SEULE") + "\n")
    import_directory(store, base / "structures.csv")
    assert cached(store, check_every=3600) is first        # no stat within the interval
    fresh = cached(store, check_every=0)
    assert fresh is not first and len(fresh.structures) == 1  # type: ignore[union-attr]


def test_lookups_do_not_touch_the_disk(base: Path) -> None:
    store = base / "var" / "directory.sqlite"
    layer = ChorusLayer(settings(base, reload_check_seconds=3600))
    doc, tree = read(buyer_siret=PLAIN)
    layer.check(doc, tree)
    os.rename(store, store.with_suffix(".moved"))   # the rules keep working from memory
    started = time.perf_counter()
    assert layer.applies(doc) and layer.check(doc, tree) == []
    assert time.perf_counter() - started < 0.05


# --- duplicates (enforced by the ledger) and the catalogue ----------------------------

def test_business_key() -> None:
    a = Invoice(number=" fa-1 ", issue_date="2025-03-14", seller_siret="41234567000019",
                seller_siren="412345670")
    b = Invoice(number="FA-1", issue_date="2025-12-31", seller_siret="412 345 670 00019")
    assert business_key(a) == business_key(b) == "SIRET:41234567000019|FA-1|2025"
    assert business_key(Invoice(number="FA-1", issue_date="2026-01-02",
                                seller_siret="41234567000019")) != business_key(a)
    assert business_key(Invoice(number="FA-1", issue_date="2025-01-01",
                                seller_vat="DE123456789")) == "VAT:DE123456789|FA-1|2025"
    assert business_key(Invoice(number="FA-1", issue_date="2025-01-01",
                                seller_name="  Acme   GmbH ")) == "NAME:ACME GMBH|FA-1|2025"
    assert business_key(Invoice(number=None, issue_date="2025-01-01",
                                seller_siret="41234567000019")) is None


def test_catalogue() -> None:
    assert "CPRO-DOUBLON" in RULES
    for rule_id, rule in RULES.items():
        assert rule_id.startswith("CPRO-") and rule.fr and rule.en
        assert rule.severity in (Severity.FATAL, Severity.WARNING)
