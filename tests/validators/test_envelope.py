"""The Factur-X container checks: XMP, PDF/A-3 identification, /AF, MIME type.

PDFs are real: made by factur-x (edi.samples), then changed with pikepdf the way a
careless or hostile writer would, or written bare with pypdf (no XMP, no /AF).
"""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfWriter

from edi import samples
from edi.config import Settings
from edi.model import Document, FlowError, Profile, Reason, Severity
from edi.parsers import facturx, read, unpack
from edi.parsers.rules import LAYER_REASONS, channels
from edi.rules import catalogue
from edi.validators import validate
from edi.validators.envelope import RULES, EnvelopeLayer
from edi.validators.envelope_settings import EnvelopeSettings
from tests.conformance.corpus import CORPUS, corpus_files
from tests.conftest import require_shared

SETTINGS = Settings()


def changed(data: bytes, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    """``data`` opened with pikepdf, changed, saved."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=False)
    return out.getvalue()


def xmp_replaced(data: bytes, old: bytes, new: bytes) -> bytes:
    def change(pdf: pikepdf.Pdf) -> None:
        xmp = pdf.Root.Metadata.read_bytes()
        assert old in xmp, old
        pdf.Root.Metadata = pdf.make_stream(xmp.replace(old, new))
    return changed(data, change)


def invoice_spec(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    return pdf.Root.AF[0]


def bare_pdf(attachments: dict[str, bytes]) -> bytes:
    """A plain PDF (pypdf) embedding files in its name tree: no XMP, no /AF."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    for name, content in attachments.items():
        writer.add_attachment(name, content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def judged(data: bytes, settings: Settings = SETTINGS) -> Document:
    """One PDF through the xml layer and the envelope layer (scenario decided)."""
    doc = unpack("f.pdf", data, settings.limits)[0]
    tree = read(doc, settings.limits)
    validate(doc, tree, [EnvelopeLayer(settings)], settings)
    return doc


def rules_of(doc: Document) -> list[str]:
    return [f.rule_id for f in doc.findings if f.layer == "envelope"]


def test_a_factur_x_pdf_of_each_profile_passes() -> None:
    for profile in (Profile.MINIMUM, Profile.BASIC_WL, Profile.BASIC, Profile.EN16931,
                    Profile.EXTENDED, Profile.EXTENDED_CTC_FR, Profile.XRECHNUNG):
        doc = judged(samples.facturx_pdf(profile))
        assert rules_of(doc) == [], (profile, doc.findings)
        assert doc.reason is None


def test_xmp_saying_basic_for_an_en16931_xml_is_irrecevable() -> None:
    pdf = xmp_replaced(samples.facturx_pdf(Profile.EN16931),
                       b"<fx:ConformanceLevel>EN 16931<", b"<fx:ConformanceLevel>BASIC<")
    doc = judged(pdf)
    assert rules_of(doc) == ["FX-PDF-XMP-LEVEL"]
    finding = doc.findings[0]
    assert finding.severity is Severity.FATAL
    assert "'BASIC'" in finding.message and "'EN 16931'" in finding.message
    assert (doc.reason, doc.status.code) == (Reason.IRR_TYPE_F, 501)


def test_a_plain_pdf_carrying_factur_x_xml_without_xmp_nor_af_is_irrecevable() -> None:
    doc = judged(bare_pdf({"factur-x.xml": samples.cii_invoice()}))
    assert {"FX-PDF-XMP-MISSING", "FX-PDF-AF", "FX-PDF-AF-RELATIONSHIP"} <= set(rules_of(doc))
    assert doc.reason is Reason.IRR_TYPE_F
    assert doc.status.code == 501


@pytest.mark.parametrize("old, new, rule", [
    (b"<pdfaid:part>3<", b"<pdfaid:part>2<", "FX-PDF-PDFA"),
    (b"<pdfaid:conformance>B<", b"<pdfaid:conformance>X<", "FX-PDF-PDFA"),
    (b"<fx:DocumentFileName>factur-x.xml<", b"<fx:DocumentFileName>other.xml<",
     "FX-PDF-XMP-FILENAME"),
    (b"<fx:DocumentType>INVOICE<", b"<fx:DocumentType>ORDER<", "FX-PDF-XMP-TYPE"),
    (b"<fx:Version>1.0<", b"<fx:Version>9.9<", "FX-PDF-XMP-VERSION"),
    (b"<pdfaProperty:name>Version</pdfaProperty:name>",
     b"<pdfaProperty:name>Versio</pdfaProperty:name>", "FX-PDF-XMP-SCHEMA"),
    (b"urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#", b"urn:example:other#",
     "FX-PDF-XMP-SCHEMA"),
    (b"<x:xmpmeta", b"<!DOCTYPE x [<!ENTITY e 'e'>]><x:xmpmeta", "FX-PDF-XMP-MALFORMED"),
    (b"</x:xmpmeta>", b"</x:xmpmet>", "FX-PDF-XMP-MALFORMED"),
])
def test_each_xmp_defect_has_its_rule(old: bytes, new: bytes, rule: str) -> None:
    doc = judged(xmp_replaced(samples.facturx_pdf(), old, new))
    assert rules_of(doc) == [rule], doc.findings
    assert doc.reason is LAYER_REASONS[rule]


def test_xmp_properties_as_attributes_are_read() -> None:
    """Adobe-style XMP writes simple properties as attributes of rdf:Description."""
    pdf = xmp_replaced(samples.facturx_pdf(), b"""<rdf:Description>
      <pdfaid:part>3</pdfaid:part>
      <pdfaid:conformance>B</pdfaid:conformance>
    </rdf:Description>""", b"""<rdf:Description rdf:about="" pdfaid:part="3" """
                           b"""pdfaid:conformance="B"/>""")
    assert rules_of(judged(pdf)) == []


def test_missing_xmp_relationship_and_mime_each_have_their_rule() -> None:
    def strip(pdf: pikepdf.Pdf) -> None:
        spec = invoice_spec(pdf)
        del spec["/AFRelationship"]
        del spec.EF.F["/Subtype"]
        del pdf.Root["/Metadata"]
    doc = judged(changed(samples.facturx_pdf(), strip))
    assert sorted(rules_of(doc)) == ["FX-PDF-AF-RELATIONSHIP", "FX-PDF-MIME",
                                     "FX-PDF-XMP-MISSING"]


@pytest.mark.parametrize("relationship", ["Data", "Source", "Alternative"])
def test_the_allowed_relationships_pass(relationship: str) -> None:
    def relate(pdf: pikepdf.Pdf) -> None:
        invoice_spec(pdf).AFRelationship = pikepdf.Name("/" + relationship)
    assert rules_of(judged(changed(samples.facturx_pdf(), relate))) == []


def test_another_relationship_is_refused() -> None:
    def relate(pdf: pikepdf.Pdf) -> None:
        invoice_spec(pdf).AFRelationship = pikepdf.Name("/Supplement")
    doc = judged(changed(samples.facturx_pdf(), relate))
    assert rules_of(doc) == ["FX-PDF-AF-RELATIONSHIP"]
    assert "'Supplement'" in doc.findings[0].message


def test_an_invoice_not_in_af_is_refused() -> None:
    def unlink(pdf: pikepdf.Pdf) -> None:
        del pdf.Root["/AF"]
    assert rules_of(judged(changed(samples.facturx_pdf(), unlink))) == ["FX-PDF-AF"]


def test_severity_is_set_by_scenario() -> None:
    """Fatal to a French platform (B2B domestic here), a warning out of scope."""
    basic = xmp_replaced(samples.facturx_pdf(), b"<fx:ConformanceLevel>EN 16931<",
                         b"<fx:ConformanceLevel>BASIC<")
    assert judged(basic).findings[0].severity is Severity.FATAL
    foreign = xmp_replaced(samples.facturx_pdf(buyer_country="DE", buyer_siret=None,
                                               buyer_siren=None, buyer_vat="DE123456789"),
                           b"<fx:ConformanceLevel>EN 16931<", b"<fx:ConformanceLevel>BASIC<")
    doc = judged(foreign)
    assert doc.scenario is not None and doc.scenario.name == "out of scope"
    assert [(f.rule_id, f.severity) for f in doc.findings] == [
        ("FX-PDF-XMP-LEVEL", Severity.WARNING)]
    assert doc.reason is None


def test_by_rule_overrides_the_scenario() -> None:
    settings = dataclasses.replace(SETTINGS, raw={"envelope": {
        "by_rule": ["FX-PDF-XMP-LEVEL=warning"]}})
    basic = xmp_replaced(samples.facturx_pdf(), b"<fx:ConformanceLevel>EN 16931<",
                         b"<fx:ConformanceLevel>BASIC<")
    doc = judged(basic, settings)
    assert doc.findings[0].severity is Severity.WARNING and doc.reason is None
    assert settings.section(EnvelopeSettings).overrides == {"FX-PDF-XMP-LEVEL": "warning"}


def test_a_second_invoice_stream_in_af_stays_the_xml_layers_refusal() -> None:
    """One invoice XML per PDF is EDI-PDF-XML-TWICE (the xml layer), reused as it is."""
    other = samples.cii_invoice(number="OTHER-1")

    def second(pdf: pikepdf.Pdf) -> None:
        stream = pdf.make_stream(other)
        stream.Type = pikepdf.Name.EmbeddedFile
        spec = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Filespec, F=pikepdf.String("factur-x.xml"),
            UF=pikepdf.String("factur-x.xml"), AFRelationship=pikepdf.Name.Data,
            EF=pikepdf.Dictionary(F=stream)))
        pdf.Root.AF = pikepdf.Array([spec])

    with pytest.raises(FlowError) as caught:
        judged(changed(samples.facturx_pdf(), second))
    assert caught.value.rule_id == "EDI-PDF-XML-TWICE"


def test_readers_that_differ_are_always_fatal() -> None:
    """What qpdf reads is compared with what pypdf gave the xml layer; a differential
    between the two parsers cannot be built on demand, so qpdf's reading is altered."""
    data = samples.facturx_pdf(buyer_country="DE", buyer_siret=None, buyer_siren=None,
                               buyer_vat="DE123456789")
    doc = judged(data)
    assert rules_of(doc) == []
    invoice = facturx.envelope(data, 10**8).invoice
    assert invoice is not None
    found: list[tuple[str, str, str]] = []
    layer = EnvelopeLayer(SETTINGS)
    layer._readers(doc, dataclasses.replace(invoice, content=b"<other/>"), found)
    findings = layer._findings(doc, found)
    assert [(f.rule_id, f.severity) for f in findings] == [
        ("FX-PDF-READERS-DIFFER", Severity.FATAL)]   # even out of scope
    assert doc.reason is Reason.IRR_SYNTAX


def test_a_pdf_qpdf_cannot_read_is_a_finding() -> None:
    doc = Document(1, "f.pdf", b"%PDF-1.7\nnot a pdf at all\n%%EOF\n")
    with pytest.raises(facturx.EnvelopeError):
        facturx.envelope(doc.content, 1000)
    findings = EnvelopeLayer(SETTINGS).check(doc, None)  # type: ignore[arg-type]
    assert [f.rule_id for f in findings] == ["FX-PDF-UNREADABLE"]


def test_envelope_decoding_stops_at_the_cap() -> None:
    big = b"<x>" + b" " * 2_000_000 + b"</x>"
    env = facturx.envelope(bare_pdf({"factur-x.xml": samples.cii_invoice(),
                                     "big.xml": big}), 100_000)
    other = next(a for a in env.attachments if a.name == "big.xml")
    assert other.truncated and len(other.content) == 100_001


def test_every_rule_is_in_the_catalogue_with_both_channel_names() -> None:
    rules = catalogue().rules
    for rule_id in RULES:
        assert rule_id in LAYER_REASONS
        cdar, flow_service = channels(rule_id)
        assert rules[rule_id].layer == "envelope"
        assert cdar in rules[rule_id].note and flow_service in rules[rule_id].note


# -- the corpora: what the envelope layers say of every file, file by file --------------

# Reviewed (issue 15's report), keyed by path under ../shared/corpus, with each finding's
# severity. No PDF gets a container finding: every one carries a PDF/A-3 XMP with the
# Factur-X (or ZUGFeRD 2.0) extension schema consistent with its XML, and its invoice XML
# in /AF with Data or Alternative and text/xml. The attachment findings, each a real
# defect of the file:
EXPECTED_ENVELOPE_FINDINGS: dict[str, list[tuple[str, str]]] = {
    # BG-24 "Betriebskostenabrechnung.pdf" is an empty AttachmentBinaryObject (the PDF
    # embeds the statement under another name, AWV_13_Betriebskosten.pdf): an empty
    # attachment, IRR_VID_PJ. Its Schematron verdict was already "rejected" (FX-SCH-UNUSED).
    "facturx/ZUGFeRDv2/correct/intarsys/EN16931/"
    "zugferd_2p0_EN16931_Betriebskostenabrechnung.pdf": [("ATT-EMPTY", "fatal")],
    # CEN's maximal test files attach "testfilnamn.abc" (text/csv): .abc is not on the
    # reform's list, IRR_EXT_DOC. EN 16931 accepts them: the one verdict change (accepted
    # -> IRRECEVABLE), a platform's refusal the official rules do not make.
    "en16931/test/testfiles/CreditNote-Max_content.xml": [("ATT-EXT", "fatal")],
    "en16931/test/testfiles/Invoice-Max_content.xml": [("ATT-EXT", "fatal")],
    # Placeholder bytes under application/pdf: "Testing Base64 encoding" (CEN), a PDF
    # base64-encoded twice (CEN CII examples), 0c 0d (Mustang). ATT-CONTENT is a warning by
    # default ([attachments] content_check): their verdicts stand.
    "en16931/ubl/examples/ubl-tc434-example2.xml": [("ATT-CONTENT", "warning")],
    "en16931/ubl/examples/ubl-tc434-example5.xml": [("ATT-CONTENT", "warning")],
    "en16931/cii/examples/CII_business_example_01.xml": [("ATT-CONTENT", "warning")],
    "en16931/cii/examples/CII_example2.xml": [("ATT-CONTENT", "warning")],
    "en16931/cii/examples/CII_example5.xml": [("ATT-CONTENT", "warning")],
    "en16931/test/testfiles/ubl-tc434-test-1.xml": [("ATT-CONTENT", "warning")],
    "facturx/ZUGFeRDv2/correct/Mustangproject/testout-XR-Edge.xml":
        [("ATT-CONTENT", "warning"), ("ATT-CONTENT", "warning")],
}
CORPORA = (("en16931", "ubl"), ("en16931", "cii"), ("en16931", "test", "testfiles"), CORPUS[1:])


@pytest.mark.shared
def test_the_corpora_get_the_reviewed_envelope_findings() -> None:
    from edi.validators.attachments import AttachmentsLayer

    corpus = require_shared("corpus")
    verdicts = json.loads((Path(__file__).parents[1] / "conformance" /
                           "facturx_verdicts.json").read_text("utf-8"))["files"]
    layers = [EnvelopeLayer(SETTINGS), AttachmentsLayer(SETTINGS)]
    got: dict[str, list[tuple[str, str]]] = {}
    pdfs = 0
    for parts in CORPORA:
        for path in corpus_files(require_shared("corpus", *parts)):
            name = path.relative_to(corpus).as_posix()
            pdfs += path.suffix.lower() == ".pdf"
            doc = unpack(path.name, path.read_bytes(), SETTINGS.limits)[0]
            try:
                tree = read(doc, SETTINGS.limits)
            except FlowError:
                continue  # refused by the xml layer, as before
            validate(doc, tree, layers, SETTINGS)
            if doc.findings:
                got[name] = sorted((f.rule_id, str(f.severity)) for f in doc.findings)
    assert pdfs >= 50
    assert set(verdicts) >= {k.removeprefix("facturx/ZUGFeRDv2/") for k in got
                             if k.startswith("facturx/")}
    assert got == EXPECTED_ENVELOPE_FINDINGS
