"""The optimised stylesheets (edi/validators/optimise): built from the installed official
files by the build step, judged equal to them, and used only when proven.

The differential sample here is the corpus the brief names plus 300 seeded mutations; the
full run (10,000 mutations, the CEN unit-test sets too) is ``bench/optimised.py`` and
``python -m edi.validators.optimise``, which records it in the MANIFEST.
"""

from __future__ import annotations

import types
from pathlib import Path

import pytest
from lxml import etree

from edi import samples
from edi.config import Settings
from edi.model import Profile, Syntax
from edi.validators.optimise import OPTIMISED_DIR, read_manifest, sha256_of, transform, usable
from edi.validators.optimise.build import schema_names
from edi.validators.optimise.prove import Mutator, Sample, load_corpus, prove, same_svrl
from edi.validators.optimise.transform import optimise as optimise_file
from edi.validators.optimise.transform import pattern_targets
from edi.validators.schematron import RULE_SETS, EN16931Layer, process_engine
from edi.validators.schematron_settings import SchematronSettings

NSMAP = {"ram": "urn:ram", "rsm": "urn:rsm"}


def test_the_node_a_pattern_matches_is_named_by_its_last_step() -> None:
    assert pattern_targets("//ram:A/ram:B[ram:C = 'x/y|z']", NSMAP) == {"{urn:ram}B"}
    assert pattern_targets("/rsm:X/ram:A | ram:B[1][@k]", NSMAP) == {"{urn:ram}A",
                                                                     "{urn:ram}B"}
    assert pattern_targets("ram:A/@schemeID", NSMAP) == {"{}schemeID"}
    for unnamed in ("//*[not(*)]", "ram:A/node()", "/", "ram:*", "key('k', 'v')",
                    "ram:A | *"):
        assert pattern_targets(unnamed, NSMAP) is None, unnamed


SKELETON = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:svrl="http://purl.oclc.org/dsdl/svrl" xmlns:ram="urn:ram" version="2.0">
  <xsl:template match="text()" priority="-1"/>
  <xsl:template match="/">
    <svrl:schematron-output>
      <svrl:active-pattern><xsl:apply-templates/></svrl:active-pattern>
      <xsl:apply-templates select="/" mode="M1"/>
      <svrl:active-pattern><xsl:apply-templates/></svrl:active-pattern>
      <xsl:apply-templates select="/" mode="M2"/>
      <svrl:active-pattern><xsl:apply-templates/></svrl:active-pattern>
      <xsl:apply-templates select="/" mode="M3"/>
    </svrl:schematron-output>
  </xsl:template>
  <xsl:template match="//ram:Code" priority="1000" mode="M1">
    <svrl:fired-rule context="//ram:Code"><xsl:attribute name="id">C1</xsl:attribute>
      <xsl:attribute name="document"><xsl:value-of select="document-uri(/)"/></xsl:attribute>
    </svrl:fired-rule>
    <xsl:variable name="v" select="."/>
    <xsl:choose>
      <xsl:when test="string-length($v)=0 or
          document('codes.xml')/codedb/cl[@id=2]/enumeration[@value=$v]"/>
      <xsl:otherwise>
        <svrl:failed-assert test="document('codes.xml')" id="R1" location="{name()}">
          <svrl:text>bad code</svrl:text></svrl:failed-assert>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select="@*|*" mode="M1"/>
  </xsl:template>
  <xsl:template match="text()" priority="-1" mode="M1"/>
  <xsl:template match="@*|node()" priority="-2" mode="M1">
    <xsl:apply-templates select="@*|*" mode="M1"/>
  </xsl:template>
  <xsl:template match="ram:Rare/@flag" priority="1000" mode="M2">
    <svrl:fired-rule><xsl:attribute name="role" select="name()"/></svrl:fired-rule>
    <svrl:successful-report id="R2"><svrl:text>rare flag</svrl:text></svrl:successful-report>
  </xsl:template>
  <xsl:template match="text()" priority="-1" mode="M2"/>
  <xsl:template match="@*|node()" priority="-2" mode="M2">
    <xsl:apply-templates select="@*|*" mode="M2"/>
  </xsl:template>
  <xsl:template match="*[not(*)]" priority="1000" mode="M3">
    <svrl:successful-report id="R3"><svrl:text>leaf</svrl:text></svrl:successful-report>
  </xsl:template>
  <xsl:template match="text()" priority="-1" mode="M3"/>
  <xsl:template match="@*|node()" priority="-2" mode="M3">
    <xsl:apply-templates select="*" mode="M3"/>
  </xsl:template>
</xsl:stylesheet>
"""
CODES = """<codedb><cl id="1"><enumeration value="X"/></cl>
<cl id="2"><enumeration value="A"/><enumeration value="B"/></cl></codedb>"""


def test_a_skeleton_is_rewritten_and_still_reports_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transform, "MIN_PATTERN_WALKS", 1)   # guard even 3 walks
    (tmp_path / "codes.xml").write_text(CODES)
    source = tmp_path / "rules.xslt"
    source.write_text(SKELETON)
    data, changes = optimise_file(source)
    assert (changes.empty_walks, changes.guarded_walks, changes.kept_walks) == (3, 2, 1)
    assert changes.targeted_walks == 1   # M1 (M2's rule does not recurse, M3's is unnamed)
    assert (changes.codelist_documents, changes.codelist_key_lookups) == (1, 1)
    # the trace: M1's fired-rule and the three emptied active-patterns go; M2's computes
    assert (changes.fired_rules, changes.active_patterns) == (1, 3)
    optimised = tmp_path / "optimised.xslt"
    optimised.write_bytes(data)
    text = data.decode()
    assert "document('codes.xml')\" id=\"R1\"" in text   # the SVRL's copy of the test stays

    engine = process_engine()
    original = engine.compiler.compile_stylesheet(stylesheet_file=str(source))
    twin = engine.compiler.compile_stylesheet(stylesheet_file=str(optimised))
    (name, file), = changes.params.items()
    twin.set_parameter(name, engine.processor.parse_xml(xml_file_name=str(tmp_path / file)))
    invoices = ('<r xmlns:ram="urn:ram"><ram:Code>A</ram:Code><ram:Code>X</ram:Code></r>',
                '<r xmlns:ram="urn:ram"><ram:Rare flag="1"><ram:Code/></ram:Rare></r>',
                '<r xmlns:ram="urn:ram"><ram:Other flag="1">B</ram:Other></r>',
                # nested and repeated: the targeted walk must report in the walk's order
                '<r xmlns:ram="urn:ram"><ram:Code>Z<ram:Code>A</ram:Code></ram:Code>'
                '<x><ram:Code>Q</ram:Code></x><ram:Code>X</ram:Code></r>')
    reports = []
    for xml in invoices:
        node = engine.processor.parse_xml(xml_text=xml)
        out = original.transform_to_string(xdm_node=node)
        theirs = twin.transform_to_string(xdm_node=node)
        assert same_svrl(out, theirs), xml
        assert "fired-rule" not in theirs or 'role="' in theirs   # only M2's stays
        reports.append(out)
    assert reports[0].count('id="R1"') == 1 and 'id="R2"' in reports[1]
    assert 'id="R2"' not in reports[2] and 'id="R3"' in reports[2]


def test_the_proof_ignores_the_trace_and_nothing_else() -> None:
    def svrl(trace: bool, location: str = "/r[1]", text: str = "bad") -> str:
        fired = '<svrl:fired-rule context="//x"/>\n  ' if trace else ""
        active = '<svrl:active-pattern id="P1" document=""/>\n  ' if trace else ""
        return ('<svrl:schematron-output xmlns:svrl="http://purl.oclc.org/dsdl/svrl">\n  '
                f'{active}{fired}<svrl:failed-assert id="R1" flag="fatal" '
                f'location="{location}"><svrl:text>{text}</svrl:text></svrl:failed-assert>'
                '\n</svrl:schematron-output>')

    assert same_svrl(svrl(True), svrl(False))
    assert not same_svrl(svrl(True), svrl(False, location="/r[2]"))
    assert not same_svrl(svrl(True), svrl(False, text="bad."))
    assert not same_svrl(svrl(True), "ERROR no report")
    assert same_svrl("ERROR x", "ERROR x")


def test_the_generated_files_are_the_build_of_the_installed_official_files() -> None:
    entries = read_manifest()["rule_sets"]
    assert set(entries) == set(RULE_SETS)
    for key, entry in entries.items():
        source = RULE_SETS[key].path
        assert entry["source_sha256"] == sha256_of(source), f"{key}: official file changed"
        data, changes = optimise_file(source, schema_names("UBL" if "UBL" in key else "CII"))
        assert (OPTIMISED_DIR / entry["output"]).read_bytes() == data, key
        assert entry["sha256"] == sha256_of(OPTIMISED_DIR / entry["output"])
        assert entry["changes"] == changes.as_dict(), key


def test_the_engine_uses_an_optimised_file_only_when_its_proof_passed() -> None:
    entry = dict(read_manifest()["rule_sets"]["Factur-X EN16931"])
    entry["proof"] = {"passed": True, "differences": 0}
    assert usable(entry) is not None
    assert usable({**entry, "proof": {"passed": False, "differences": 0}}) is None
    assert usable({**entry, "proof": {"passed": True, "differences": 2}}) is None
    assert usable({**entry, "source_sha256": "0" * 64}) is None     # official file changed
    assert usable({**entry, "sha256": "0" * 64}) is None            # optimised file edited
    params = {name: {**p, "sha256": "0" * 64} for name, p in entry["params"].items()}
    assert usable({**entry, "params": params}) is None              # code list changed


def _label(optimised: bool) -> str:
    from edi.model import Container, Document

    config = Settings(raw=types.MappingProxyType({"schematron": {"optimised": optimised}}))
    assert config.section(SchematronSettings).optimised is optimised
    data = samples.ubl_invoice()
    doc = Document(1, "sample", data, container=Container.XML, syntax=Syntax.UBL,
                   profile=Profile.EN16931)
    EN16931Layer(config).check(doc, etree.ElementTree(etree.fromstring(data)))
    return doc.rule_sets[0].label


def test_the_report_names_the_official_version_and_says_optimised() -> None:
    proven = usable(read_manifest()["rule_sets"]["EN16931-UBL"]) is not None
    label = _label(True)
    assert label.startswith("EN16931-UBL 1.3.") and label.endswith("; optimised)") is proven
    assert "optimised" not in _label(False)


def test_the_mutator_is_seeded_and_mutates() -> None:
    base = Sample("s", "UBL", samples.ubl_invoice().decode("utf-8"))
    first = [Mutator([base], 5).mutate(base, n) for n in range(20)]
    again = [Mutator([base], 5).mutate(base, n) for n in range(20)]
    assert first == again
    assert sum(m.xml != base.xml for m in first) >= 15


@pytest.mark.slow
def test_original_and_optimised_give_identical_svrl_on_the_corpus_and_mutations(
        shared: Path) -> None:
    invoices = load_corpus(shared / "corpus")
    assert len(invoices) > 100
    manifest = read_manifest()
    proofs = prove(list(manifest["rule_sets"]), invoices, 300, 2026, OPTIMISED_DIR, manifest)
    assert sum(p.mutations for p in proofs.values()) == 300
    for key, proof in proofs.items():
        assert proof.differences == 0, (key, proof.examples)
        assert proof.rules_fired, f"{key}: no rule fired on any invoice: nothing was compared"


GUARDED = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:svrl="http://purl.oclc.org/dsdl/svrl" xmlns:ram="urn:ram" version="2.0">
  <xsl:template match="/">
    <svrl:schematron-output><xsl:apply-templates select="/" mode="M1"/></svrl:schematron-output>
  </xsl:template>
  <xsl:template match="/r" priority="1000" mode="M1">{asserts}
    <xsl:apply-templates select="*" mode="M1"/>
  </xsl:template>
  <xsl:template match="text()" priority="-1" mode="M1"/>
  <xsl:template match="@*|node()" priority="-2" mode="M1">
    <xsl:apply-templates select="*" mode="M1"/>
  </xsl:template>
</xsl:stylesheet>
"""
ASSERT = """
    <!--ASSERT -->
    <xsl:choose>
      <xsl:when test="{test}"/>
      <xsl:otherwise>
        <svrl:failed-assert test="{test}" id="{id}" location="{{name()}}">
          <svrl:text>{id} <xsl:value-of select="count(ram:A/*)"/></svrl:text>
        </svrl:failed-assert>
      </xsl:otherwise>
    </xsl:choose>"""
TESTS = [("not(ram:A/ram:B)", "G1"), ("not(ram:A/ram:C[@x = '1'])", "G2"),
         ("(count(ram:A/ram:D) &lt;= 1)", "G3"), ("not(ram:A/@k)", "G4"),
         ("not((ram:P|ram:Q)/ram:B)", "G5"), ("not((ram:P|ram:Q)/ram:C/ram:D)", "G6"),
         ("not(ram:E)", "G7"), ("not(ram:E/ram:F)", "G8"),
         ("not(//ram:B)", "K1"), ("ram:Z = 'z' or not(ram:Z)", "K2"),
         ("not(ram:E/ram:G)", "K3"),   # alone between two others: no guard for one
         ("not(ram:A/ram:B[$v = 'r'])", "V1"), ("not(ram:A/ram:C)", "V2")]


def test_asserts_that_hold_when_a_path_is_absent_go_under_one_guard_and_report_the_same(
        tmp_path: Path) -> None:
    asserts = [ASSERT.format(test=test, id=rule) for test, rule in TESTS]
    asserts.insert(11, '\n    <xsl:variable name="v" select="name()"/>')   # ends a run
    source = tmp_path / "rules.xslt"
    source.write_text(GUARDED.format(asserts="".join(asserts)))
    data, changes = optimise_file(source, codelists=False, walks=False, trace=False)
    text = data.decode()
    # G1-G4 (prefix ram:A), G5-G6 ((ram:P|ram:Q)), G7-G8 (ram:E); V1-V2 after the variable
    assert changes.guarded_asserts == 10
    assert 'test="ram:A/(ram:B, ram:C, ram:D, @k)"' in text
    assert 'test="(ram:P|ram:Q)/(ram:B, ram:C/ram:D)"' in text
    assert 'test="ram:E"' in text            # not(ram:E) is one of the paths: the prefix
    assert 'test="ram:A/(ram:B, ram:C)"' in text   # the run after the variable
    assert changes.assert_guards == 4
    assert text.index('name="v"') < text.index('test="ram:A/(ram:B, ram:C)"')
    for test, _ in TESTS:                    # every test is there, as it was
        assert f'<xsl:when test="{test}"/>' in text

    optimised = tmp_path / "optimised.xslt"
    optimised.write_bytes(data)
    engine = process_engine()
    original = engine.compiler.compile_stylesheet(stylesheet_file=str(source))
    twin = engine.compiler.compile_stylesheet(stylesheet_file=str(optimised))
    invoices = ['<r/>', '<r><ram:A/></r>', '<r><ram:A k="1"/></r>',
                '<r><ram:A><ram:B/><ram:C x="2"/></ram:A></r>',
                '<r><ram:A><ram:C x="1"/><ram:D/><ram:D/></ram:A><ram:A><ram:B/></ram:A></r>',
                '<r><ram:Q><ram:C><ram:D/></ram:C></ram:Q><ram:P><ram:B/></ram:P></r>',
                '<r><ram:E/><ram:Z>y</ram:Z></r>', '<r><ram:E><ram:F/><ram:G/></ram:E></r>',
                '<r><x><ram:B/></x><ram:A><ram:D/></ram:A></r>']
    fired = set()
    for xml in invoices:
        node = engine.processor.parse_xml(xml_text=xml.replace("<r", '<r xmlns:ram="urn:ram"', 1))
        out = original.transform_to_string(xdm_node=node)
        assert out == twin.transform_to_string(xdm_node=node), xml
        fired |= {rule for _, rule in TESTS if f'id="{rule}"' in out}
    assert fired == {rule for _, rule in TESTS}   # each assert failed on some invoice


@pytest.mark.parametrize(("test", "steps"), [
    ("not(cac:A/cbc:B)", ["cac:A", "cbc:B"]),
    ("(count(cac:A[x = '1']/cbc:B) <= 1)", ["cac:A"]),   # up to the first predicate
    ("count(cac:A/cbc:B[normalize-space(cbc:C) = '1']/cbc:D) <= 1", ["cac:A", "cbc:B"]),
    ("not((cac:A | cac:B)/cbc:C/@schemeID)", ["(cac:A|cac:B)", "cbc:C", "@schemeID"]),
    ("not(cbc:X)", ["cbc:X"]),
    ("not(//cbc:X)", None), ("not(cbc:X) or cbc:X = 'a'", None), ("exists(cbc:X)", None),
    ("not(../cbc:X)", None), ("not(cbc:X/text())", None), ("not(@a/cbc:X)", None),
    ("not(cbc:X/(cbc:Y|cbc:Z))", None), ("count(cbc:X) <= $n", None),
    ("count(cbc:X) < 2", None), ("not(cbc:X) and not(cbc:Y)", None),
    ("not(*)", None), ("not(cbc:X[1]/cbc:Y)", ["cbc:X"]), ("not(cbc:X[a]/*)", None),
])
def test_only_tests_that_hold_when_a_name_path_is_absent_are_guarded(
        test: str, steps: list[str] | None) -> None:
    path = transform._absent_path(test)
    assert (transform._name_steps(path) if path else None) == steps


def test_a_guard_never_skips_a_predicate_the_original_evaluates(tmp_path: Path) -> None:
    """normalize-space() of two nodes is an error: the original raises it on an invoice
    with two ram:T, even though neither ram:N nor ram:M exists; so must the twin (the
    guard tests ram:R, where the predicate is, not ram:R/(ram:N, ram:M))."""
    from saxonche import PySaxonApiError

    tests = [("count(ram:R[normalize-space(ram:T) = '9']/ram:N) &lt;= 1", "E1"),
             ("count(ram:R[normalize-space(ram:T) = '9']/ram:M) &lt;= 1", "E2")]
    source = tmp_path / "rules.xslt"
    source.write_text(GUARDED.format(asserts="".join(
        ASSERT.format(test=test, id=rule) for test, rule in tests)))
    data, changes = optimise_file(source, codelists=False, walks=False, trace=False)
    assert changes.assert_guards == 1 and 'test="ram:R"' in data.decode()
    optimised = tmp_path / "optimised.xslt"
    optimised.write_bytes(data)
    engine = process_engine()
    both = [engine.compiler.compile_stylesheet(stylesheet_file=str(f))
            for f in (source, optimised)]
    bad = engine.processor.parse_xml(
        xml_text='<r xmlns:ram="urn:ram"><ram:R><ram:T>9</ram:T><ram:T>9</ram:T></ram:R></r>')
    for stylesheet in both:
        with pytest.raises(PySaxonApiError, match="more than one item"):
            stylesheet.transform_to_string(xdm_node=bad)
