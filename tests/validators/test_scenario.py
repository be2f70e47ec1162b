"""The scenario of an invoice, decided from what we hold (parties, interface, the Chorus Pro
directory, the configuration), and what it switches on; the layer loop that runs after it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from edi import samples
from edi.config import Settings
from edi.directory import import_directory
from edi.model import Document, Invoice, Reason, Severity
from edi.validators import validate
from edi.validators.identifiers import IdentifiersLayer
from edi.validators.scenario import B2B, OUT_OF_SCOPE, Scenario, decide, scenario_of
from edi.validators.xsd import XsdLayer
from tests.conftest import require_shared
from tests.validators.sample_invoices import read, siret
from tests.validators.test_chorus import read_bytes, with_routing_code

PUBLIC = siret(21690123)                       # a structure of the test directory
PRIVATE = siret(55210055)                      # valid SIRET, absent from the directory
HEADER = ("TypeIdentifiant;Identifiant;RaisonSociale;EmetteurEdi;RecepteurEdi;"
          "GestionStatutMiseEnPaiement;GestionEngagement;GestionService;"
          "GestionServiceEngagement;EstMOA;EstMOAUniquement;StructureActive")


@pytest.fixture
def base(tmp_path: Path) -> Path:
    (tmp_path / "structures.csv").write_text(
        f"{HEADER}\nSIRET;{PUBLIC};MAIRIE EXEMPLE;false;false;false;true;false;false;"
        "false;false;true\n")
    import_directory(tmp_path / "var" / "directory.sqlite", tmp_path / "structures.csv")
    return tmp_path


def settings(base: Path, **raw: dict[str, object]) -> Settings:
    chorus = {"reload_check_seconds": 0.0, **raw.pop("chorus", {})}
    return Settings(base_dir=base, raw=types.MappingProxyType({"chorus": chorus, **raw}))


def scenario(base: Path, interface: str | None = None, settings_: Settings | None = None,
             **overrides: object) -> Scenario:
    doc, _ = read(**overrides)
    doc.interface = interface
    found = decide(doc, settings_ or settings(base))
    assert found is not None
    return found


# --- B2G, B2B, out of scope ------------------------------------------------------------

def test_a_directory_structure_is_b2g(base: Path) -> None:
    found = scenario(base, buyer_siret=PUBLIC)
    assert (found.name, found.b2g, found.french_rules) == ("B2G Chorus Pro", True, True)
    assert found.why == (f"buyer {PUBLIC} (MAIRIE EXEMPLE) is a public structure of the "
                         "Chorus Pro directory")
    assert found.structure == PUBLIC


def test_a_buyer_known_by_its_siren_only_is_b2g(base: Path) -> None:
    found = scenario(base, buyer_siret=None, buyer_siren=PUBLIC[:9])
    assert found.b2g and found.structure == PUBLIC
    assert f"SIREN {PUBLIC[:9]} is a public entity of the Chorus Pro directory" in found.why


def test_a_private_buyer_is_b2b(base: Path) -> None:
    found = scenario(base, buyer_siret=None, buyer_siren=PRIVATE[:9])
    assert (found.name, found.b2g, found.french_rules) == (B2B, False, True)
    assert found.why == (f"buyer {PRIVATE[:9]} is not in the Chorus Pro directory: a "
                         "private company reached through its platform (PA)")
    assert found.to_dict() == {"name": B2B, "why": found.why}


def test_without_a_directory_every_buyer_is_b2b(tmp_path: Path) -> None:
    found = scenario(tmp_path, buyer_siret=PUBLIC)
    assert found.name == B2B and not found.b2g
    assert found.why.startswith("no Chorus Pro directory is loaded")


def test_a_chorus_pro_only_interface_makes_every_buyer_b2g(base: Path) -> None:
    only = settings(base, chorus={"by_interface": ["chorus=always"]})
    found = scenario(base, "chorus", only, buyer_siret=PRIVATE)
    assert found.b2g and found.name == "B2G Chorus Pro"
    assert "interface 'chorus' is declared Chorus Pro-only" in found.why
    assert not scenario(base, "inbox", only, buyer_siret=PRIVATE).b2g
    everywhere = settings(base, chorus={"applies": "always"})
    assert scenario(base, settings_=everywhere, buyer_siret=PRIVATE).b2g


def test_never_and_buyer_siret_modes(base: Path) -> None:
    never = settings(base, chorus={"applies": "never"})
    found = scenario(base, settings_=never, buyer_siret=PUBLIC)
    assert not found.b2g and '[chorus] applies = "never"' in found.why
    legacy = settings(base, chorus={"applies": "buyer-siret"})
    found = scenario(base, settings_=legacy, buyer_siret=PRIVATE)
    assert found.b2g and 'applies = "buyer-siret"' in found.why


def test_a_foreign_buyer_is_out_of_scope(base: Path) -> None:
    found = scenario(base, buyer_siret=None, buyer_siren=None, buyer_country="DE",
                     buyer_vat="DE123456789")
    assert (found.name, found.b2g, found.french_rules) == (OUT_OF_SCOPE, False, False)
    assert found.why == ("buyer country DE is not FR: outside the French e-invoicing "
                         "reform: BR-FR does not judge it")


def test_a_foreign_supplier_of_a_public_buyer_is_b2g_without_br_fr(base: Path) -> None:
    found = scenario(base, buyer_siret=PUBLIC, seller_siret=None, seller_siren=None,
                     seller_country="BE", seller_vat="BE0123456749")
    assert found.b2g and not found.french_rules
    assert "a party is established in BE, not in FR: BR-FR does not judge it" in found.why


def test_a_consumer_is_out_of_scope_unless_a_bar_note_says_otherwise(base: Path) -> None:
    consumer = Invoice(seller_country="FR", buyer_country="FR", buyer_name="M. Martin")
    found = scenario_of(Document(1, "c.xml", b"", invoice=consumer), settings(base), None)
    assert found is not None and found.name == OUT_OF_SCOPE and not found.french_rules
    assert "a consumer (B2C)" in found.why
    declared = Invoice(seller_country="FR", buyer_country="FR", treatment="B2B")
    found = scenario_of(Document(1, "d.xml", b"", invoice=declared), settings(base), None)
    assert found is not None and found.name == B2B and found.french_rules


def test_the_french_rules_setting_is_followed(base: Path) -> None:
    always = settings(base, schematron={"french_rules": "always"})
    found = scenario(base, settings_=always, buyer_country="DE", buyer_siret=None,
                     buyer_siren=None, buyer_vat="DE123456789")
    assert found.name == OUT_OF_SCOPE and found.french_rules
    assert 'french_rules = "always": BR-FR judges it all the same' in found.why
    never = settings(base, schematron={"french_rules": "never"})
    assert not scenario(base, settings_=never, buyer_siret=PRIVATE).french_rules


def test_no_invoice_no_scenario(base: Path) -> None:
    assert decide(Document(1, "x.xml", b""), settings(base)) is None


@pytest.mark.parametrize("syntax", ["ubl", "cii"])
def test_the_bar_note_and_the_routing_code_are_read(syntax: str) -> None:
    data = with_routing_code(syntax, "CDROUT1", buyer_siret=None if syntax == "ubl"
                             else PRIVATE)
    note = {"ubl": (b"<cbc:DocumentCurrencyCode>", b"<cbc:Note>#BAR#B2B</cbc:Note>"),
            "cii": (b"</rsm:ExchangedDocument>", b"<ram:IncludedNote><ram:Content>B2B"
                    b"</ram:Content><ram:SubjectCode>BAR</ram:SubjectCode>"
                    b"</ram:IncludedNote>")}[syntax]
    at = data.index(note[0])
    doc, _ = read_bytes(data[:at] + note[1] + data[at:])
    assert doc.invoice is not None
    assert (doc.invoice.treatment, doc.invoice.buyer_routing_code) == ("B2B", "CDROUT1")


# --- the layer loop ----------------------------------------------------------------------

def test_validate_decides_the_scenario_before_the_layers(base: Path) -> None:
    doc, tree = read(buyer_siret=PUBLIC)
    validate(doc, tree, [], settings(base))
    assert doc.scenario is not None and doc.scenario.b2g


def test_a_schema_error_stops_the_later_layers(base: Path) -> None:
    data = samples.ubl_invoice().replace(b"<cbc:IssueDate>", b"<cbc:Unknown/><cbc:IssueDate>")
    doc, tree = read_bytes(data)
    s = settings(base)
    validate(doc, tree, [XsdLayer(s), IdentifiersLayer(s)], s)
    assert doc.reason is Reason.IRR_SYNTAX
    assert [(r.layer, r.ran) for r in doc.layers] == [("xsd", True), ("identifiers", False)]
    assert doc.layers[1].note == "skipped: IRR_SYNTAX found by the xsd layer"


def test_business_rule_layers_are_independent(base: Path) -> None:
    """An EN 16931 error does not hide a BR-FR one: the depositor learns both at once,
    and the reason is the first fatal layer's."""
    from edi.validators.schematron import BRFRLayer, EN16931Layer

    s = settings(base)
    doc, tree = read_bytes(with_routing_code("cii", "BAD/CODE", buyer_siret=PRIVATE,
                                             currency="ZZZ"))
    validate(doc, tree, [EN16931Layer(s), BRFRLayer(s)], s)
    fatal = {(f.layer, f.rule_id) for f in doc.findings if f.severity is Severity.FATAL}
    assert ("en16931", "BR-CL-04") in fatal
    assert ("br-fr", "BR-FR-24_BT-46") in fatal
    assert [r.ran for r in doc.layers] == [True, True]
    assert doc.reason is Reason.REJ_SEMAN


# --- verdict parity with the official rules ----------------------------------------------

@pytest.mark.shared
def test_every_cen_example_is_accepted_with_the_default_layers(tmp_path: Path) -> None:
    """`edi validate` with no configuration file: the identifier checks no official rule
    performs (IBAN, BIC check digits on made-up samples) are warnings, not rejections."""
    corpus = require_shared("corpus", "en16931")
    folders = [corpus / kind / "examples" for kind in ("ubl", "cii")]
    run = subprocess.run([sys.executable, "-m", "edi.cli", "validate", "--json",
                          *map(str, folders)], cwd=tmp_path, capture_output=True,
                         text=True, timeout=600)
    results = json.loads(run.stdout)
    assert len(results) == sum(len(list(f.iterdir())) for f in folders) >= 32
    rejected = {r["file"]: [f["rule_id"] for i in r["invoices"] for f in i["findings"]
                            if f["severity"] == "fatal"] for r in results if not r["valid"]}
    assert rejected == {}
    assert run.returncode == 0
    identifiers = [f for r in results for i in r["invoices"] for f in i["findings"]
                   if f["layer"] == "identifiers"]
    assert identifiers and {f["severity"] for f in identifiers} == {"warning"}
    assert {i["scenario"]["name"] for r in results for i in r["invoices"]} == {OUT_OF_SCOPE}
