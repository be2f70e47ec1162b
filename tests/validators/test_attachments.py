"""Attachment rules: BG-24 in UBL and CII, and a PDF's other embedded files.

Each case of issue 15's "where we stand" (an .exe, '../../etc/passwd', an empty
attachment) is asserted with its reason; the invoices are the suite's own samples with a
BG-24 added where the XSD wants it (they stay XSD-valid).
"""

from __future__ import annotations

import base64
import dataclasses
import io

import pytest
from pypdf import PdfReader, PdfWriter

from edi import samples
from edi.config import ConfigError, Settings, load
from edi.model import Document, Profile, Reason, Severity
from edi.parsers import read, unpack
from edi.parsers.rules import LAYER_REASONS, channels
from edi.rules import catalogue
from edi.validators import validate
from edi.validators.attachments import RULES, AttachmentsLayer, content_matches
from edi.validators.xsd import XsdLayer

SETTINGS = Settings()
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def ubl_with(*attachments: tuple[str | None, str | None, bytes | str]) -> bytes:
    """A UBL sample with one BG-24 per (filename, mimeCode, content) — content as bytes
    (base64-encoded here) or as the element's literal text."""
    refs = []
    for i, (name, mime, content) in enumerate(attachments, 1):
        attrs = (f' mimeCode="{mime}"' if mime is not None else "") + \
            (f' filename="{name}"' if name is not None else "")
        text = content if isinstance(content, str) else base64.b64encode(content).decode()
        refs.append(f"<cac:AdditionalDocumentReference><cbc:ID>PJ-{i}</cbc:ID>"
                    f"<cac:Attachment><cbc:EmbeddedDocumentBinaryObject{attrs}>{text}"
                    "</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"
                    "</cac:AdditionalDocumentReference>")
    return samples.ubl_invoice().replace(b"<cac:AccountingSupplierParty>",
                                         "".join(refs).encode() +
                                         b"<cac:AccountingSupplierParty>", 1)


def cii_with(*attachments: tuple[str | None, str | None, bytes],
             profile: Profile = Profile.EN16931) -> bytes:
    refs = []
    for i, (name, mime, content) in enumerate(attachments, 1):
        attrs = (f' mimeCode="{mime}"' if mime is not None else "") + \
            (f' filename="{name}"' if name is not None else "")
        refs.append(f"<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>PJ-{i}"
                    "</ram:IssuerAssignedID><ram:TypeCode>916</ram:TypeCode>"
                    f"<ram:Name>PJA</ram:Name><ram:AttachmentBinaryObject{attrs}>"
                    f"{base64.b64encode(content).decode()}</ram:AttachmentBinaryObject>"
                    "</ram:AdditionalReferencedDocument>")
    return samples.cii_invoice(profile).replace(
        b"</ram:ApplicableHeaderTradeAgreement>",
        "".join(refs).encode() + b"</ram:ApplicableHeaderTradeAgreement>", 1)


def facturx_with(files: dict[str, tuple[str | None, bytes]]) -> bytes:
    """A sample Factur-X PDF with other embedded files: name -> (MIME, bytes)."""
    reader = PdfReader(io.BytesIO(samples.facturx_pdf()))
    writer = PdfWriter(clone_from=reader)
    for name, (mime, content) in files.items():
        spec = writer.add_attachment(name, content)
        if mime:
            from pypdf.generic import NameObject
            spec.pdf_object["/EF"]["/F"].get_object()[NameObject("/Subtype")] = \
                NameObject("/" + mime)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def judged(data: bytes, name: str = "f.xml", settings: Settings = SETTINGS,
           xsd: bool = False) -> Document:
    doc = unpack(name, data, settings.limits)[0]
    tree = read(doc, settings.limits)
    layers = [XsdLayer(settings)] if xsd else []
    validate(doc, tree, [*layers, AttachmentsLayer(settings)], settings)
    return doc


def rules_of(doc: Document) -> list[str]:
    return [f.rule_id for f in doc.findings if f.layer == "attachments"]


def test_allowed_attachments_pass_in_ubl_and_cii() -> None:
    ok = [("bon-livraison.pdf", "application/pdf", PDF_BYTES),
          ("plan.png", "image/png", PNG_BYTES), ("releve.csv", "text/csv", b"a;b\n1;2\n")]
    for data in (ubl_with(*ok), cii_with(*ok)):
        doc = judged(data, xsd=True)
        assert doc.findings == [] and doc.reason is None


def test_an_exe_attachment_is_irrecevable_ext_doc() -> None:
    exe = b"MZ\x90\x00" + b"\x00" * 60
    for data in (ubl_with(("setup.exe", "application/x-msdownload", exe)),
                 cii_with(("setup.exe", "application/x-msdownload", exe))):
        doc = judged(data, xsd=True)
        assert rules_of(doc) == ["ATT-TYPE", "ATT-EXT"]
        assert (doc.reason, doc.status.code) == (Reason.IRR_EXT_DOC, 501)
        assert channels("ATT-TYPE") == ("IRR_EXT_DOC", "AttachmentTypeError")


def test_bytes_that_are_not_the_declared_type_are_a_warning_or_refused() -> None:
    """Our own check beyond the reform's: a warning by default (the official EN 16931
    examples carry placeholder bytes), IRR_EXT_DOC with content_check = "fatal"."""
    data = ubl_with(("facture.pdf", "application/pdf", b"MZ\x90\x00" + b"\x00" * 60))
    doc = judged(data)
    assert [(f.rule_id, f.severity) for f in doc.findings] == [
        ("ATT-CONTENT", Severity.WARNING)]
    assert "4d 5a 90 00" in doc.findings[0].message and doc.reason is None
    strict = dataclasses.replace(SETTINGS, raw={"attachments": {"content_check": "fatal"}})
    doc = judged(data, settings=strict)
    assert [(f.rule_id, f.severity) for f in doc.findings] == [("ATT-CONTENT", Severity.FATAL)]
    assert doc.reason is Reason.IRR_EXT_DOC


def test_an_extension_of_another_type_is_refused() -> None:
    doc = judged(ubl_with(("plan.png", "application/pdf", PDF_BYTES)))
    assert rules_of(doc) == ["ATT-EXT"]


def test_a_path_as_name_is_irrecevable_nom_pj() -> None:
    for data in (ubl_with(("../../etc/passwd", "text/csv", b"root:x:0:0\n")),
                 cii_with(("../../etc/passwd", "text/csv", b"root:x:0:0\n"))):
        doc = judged(data, xsd=True)
        assert rules_of(doc)[0] == "ATT-NAME-PATH"
        assert (doc.reason, doc.status.code) == (Reason.IRR_NOM_PJ, 501)


@pytest.mark.parametrize("name, rule", [
    ("C:evil.pdf", "ATT-NAME-PATH"), ("..", "ATT-NAME-PATH"), ("a\\b.pdf", "ATT-NAME-PATH"),
    ("fac|ture.pdf", "ATT-NAME-CHARS"), ("fac\x01ture.pdf", "ATT-NAME-CHARS"),
    ("x" * 101 + ".pdf", "ATT-NAME-LENGTH"), ("", "ATT-NAME-MISSING"),
    (None, "ATT-NAME-MISSING"),
])
def test_each_name_rule(name: str | None, rule: str) -> None:
    if name and "\x01" in name:
        # XML 1.0 cannot carry U+0001: a PDF's embedded file name can
        doc = judged(facturx_with({name: ("application/pdf", PDF_BYTES)}), name="f.pdf")
    else:
        doc = judged(ubl_with((name, "application/pdf", PDF_BYTES)))
    assert rule in rules_of(doc)
    assert doc.reason is Reason.IRR_NOM_PJ


def test_an_empty_attachment_is_irrecevable_vid_pj() -> None:
    for data in (ubl_with(("vide.pdf", "application/pdf", b"")),
                 cii_with(("vide.pdf", "application/pdf", b""))):
        doc = judged(data, xsd=True)
        assert rules_of(doc) == ["ATT-EMPTY"]
        assert (doc.reason, doc.status.code) == (Reason.IRR_VID_PJ, 501)
        assert channels("ATT-EMPTY") == ("IRR_VID_PJ", "EmptyAttachement")


def test_undecodable_base64_is_a_syntax_error() -> None:
    doc = judged(ubl_with(("a.pdf", "application/pdf", "%%%not base64%%%")))
    assert rules_of(doc) == ["ATT-BASE64"]
    assert doc.reason is Reason.IRR_SYNTAX


def test_size_per_attachment_and_in_total() -> None:
    settings = dataclasses.replace(SETTINGS, raw={"attachments": {
        "max_bytes": 1000, "max_total_bytes": 1500}})
    big = PDF_BYTES + b"0" * 1200
    doc = judged(ubl_with(("a.pdf", "application/pdf", big)), settings=settings)
    assert rules_of(doc) == ["ATT-SIZE"]
    assert (doc.reason, doc.status.code) == (Reason.IRR_TAILLE_PJ, 501)
    two = PDF_BYTES + b"0" * 800
    doc = judged(ubl_with(("a.pdf", "application/pdf", two), ("b.pdf", "application/pdf", two)),
                 settings=settings)
    assert rules_of(doc) == ["ATT-TOTAL"]


def test_the_default_size_cap_is_chorus_pros_10_mb() -> None:
    from edi.validators.attachments_settings import AttachmentSettings

    assert SETTINGS.section(AttachmentSettings).max_bytes == 10_000_000


def test_a_pdfs_other_embedded_files_are_judged() -> None:
    data = facturx_with({"notes.pdf": ("application/pdf", PDF_BYTES),
                         "virus.exe": ("application/x-msdownload", b"MZ" + b"\x00" * 40),
                         "vide.png": ("image/png", b"")})
    doc = judged(data, name="f.pdf")
    by_name = {f.location.rsplit(" ", 1)[-1]: f.rule_id for f in doc.findings}
    assert "'notes.pdf'" not in by_name
    assert [f.rule_id for f in doc.findings if "virus.exe" in f.location] == [
        "ATT-TYPE", "ATT-EXT"]
    assert [f.rule_id for f in doc.findings if "vide.png" in f.location] == ["ATT-EMPTY"]
    assert doc.reason is LAYER_REASONS[doc.findings[0].rule_id]  # the first one's reason
    assert all(f.severity is Severity.FATAL for f in doc.findings)


def test_the_invoice_xml_of_a_pdf_is_not_an_attachment() -> None:
    assert judged(samples.facturx_pdf(), name="f.pdf").findings == []


@pytest.mark.parametrize("mime, content, ok", [
    ("application/pdf", b"junk%PDF-1.7", True), ("application/pdf", b"MZ", False),
    ("image/jpeg", b"\xff\xd8\xff\xe0", True), ("image/jpeg", PNG_BYTES, False),
    ("text/csv", b"a,b\n", True), ("text/csv", b"\x00\x01", False),
    ("application/xml", b"\xef\xbb\xbf<a/>", True), ("text/xml", b"a,b", False),
    ("application/vnd.oasis.opendocument.spreadsheet", b"PK\x03\x04", True),
])
def test_content_signatures(mime: str, content: bytes, ok: bool) -> None:
    assert content_matches(mime, content) is ok


def test_settings_are_checked() -> None:
    with pytest.raises(ConfigError, match="types"):
        dataclasses.replace(SETTINGS, raw={"attachments": {"types": ["pdf"]}}).check()


def test_settings_load_from_toml(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "edi.toml").write_text("[attachments]\nmax_bytes = 5\n", encoding="utf-8")
    settings = load(tmp_path / "edi.toml", base_dir=tmp_path)
    from edi.validators.attachments_settings import AttachmentSettings

    assert settings.section(AttachmentSettings).max_bytes == 5


def test_every_rule_is_catalogued_with_both_channel_names() -> None:
    rules = catalogue().rules
    for rule_id in RULES:
        cdar, flow_service = channels(rule_id)
        assert rule_id in LAYER_REASONS
        entry = rules[rule_id]
        assert entry.layer == "attachments"
        assert entry.severity == ("warning" if rule_id == "ATT-CONTENT" else "fatal")
        assert cdar in entry.note and flow_service in entry.note
