"""Factur-X PDFs: the embedded XML found and judged; broken PDFs refused by name."""

from __future__ import annotations

import base64
import io
import logging
import os
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from edi import samples
from edi.config import Limits
from edi.model import Container, FlowError, Profile, Reason, Syntax
from edi.parsers import read, unpack
from edi.parsers.facturx import extract
from edi.parsers.rules import RULES
from tests.conftest import require_shared

LIMITS = Limits()


def refused(data: bytes, limits: Limits = LIMITS) -> FlowError:
    with pytest.raises(FlowError) as caught:
        for doc in unpack("f.pdf", data, limits):
            read(doc, limits)
    return caught.value


def pdf_with(attachments: dict[str, bytes] | list[tuple[str, bytes]], pages: int = 1,
             password: str | None = None) -> bytes:
    """A PDF embedding ``attachments`` in its name tree (a list may repeat a name)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    items = attachments.items() if isinstance(attachments, dict) else attachments
    for name, data in items:
        writer.add_attachment(name, data)
    if password is not None:
        writer.encrypt(password, algorithm="AES-128")
    return written(writer)


def written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def name_tree(writer: PdfWriter) -> ArrayObject:
    """The /Names array of the writer's embedded-files name tree (add_attachment's)."""
    return writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]


@pytest.mark.parametrize("profile", [Profile.MINIMUM, Profile.BASIC_WL, Profile.BASIC,
                                     Profile.EN16931, Profile.EXTENDED, Profile.XRECHNUNG])
def test_sample_pdf_of_each_profile(profile: Profile) -> None:
    doc = unpack("f.pdf", samples.facturx_pdf(profile, number="PDF-7"), LIMITS)[0]
    read(doc, LIMITS)
    assert (doc.container, doc.syntax, doc.profile) == (Container.PDF, Syntax.CII, profile)
    assert doc.document_type == "Factur-X PDF" and doc.format == "FACTURX"
    assert doc.invoice.number == "PDF-7"


def test_extract_prefers_the_standard_name() -> None:
    xml = samples.cii_invoice(number="REAL")
    pdf = pdf_with({"a-notes.xml": b"<notes/>", "factur-x.xml": xml})
    assert extract(pdf, LIMITS) == ("factur-x.xml", xml)


def test_pdf_without_embedded_xml() -> None:
    err = refused(pdf_with({}))
    assert (err.reason, err.rule_id) == (Reason.IRR_TYPE_F, "EDI-PDF-NO-XML")
    assert "no embedded file" in err.message


def test_pdf_with_only_other_attachments() -> None:
    err = refused(pdf_with({"cgv.txt": b"conditions"}))
    assert err.rule_id == "EDI-PDF-NO-XML" and "'cgv.txt'" in err.message


def test_encrypted_pdf() -> None:
    err = refused(pdf_with({"factur-x.xml": samples.cii_invoice()}, password=""))
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-PDF-ENCRYPTED")


def test_truncated_pdf() -> None:
    pdf = samples.facturx_pdf()
    err = refused(pdf[: len(pdf) * 2 // 3])
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-PDF-MALFORMED")
    assert "truncated" in err.message


def test_garbage_after_a_pdf_header() -> None:
    err = refused(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-PDF-MALFORMED")


def test_too_many_pages() -> None:
    err = refused(pdf_with({"factur-x.xml": samples.cii_invoice()}, pages=3),
                  Limits(max_pdf_pages=2))
    assert (err.reason, err.rule_id) == (Reason.IRR_TAILLE_F, "EDI-PDF-PAGES")


def test_zugferd1_pdf_is_recognised() -> None:
    xml = (b'<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0">'
           b"</rsm:CrossIndustryDocument>")
    err = refused(pdf_with({"ZUGFeRD-invoice.xml": xml}))
    assert (err.reason, err.rule_id) == (Reason.IRR_TYPE_F, "EDI-TYPE-ZUGFERD1")


def test_orderx_pdf_is_recognised_as_an_order() -> None:
    xml = (b'<rsm:SCRDMCCBDACIOMessageStructure xmlns:rsm="urn:un:unece:uncefact:data:'
           b'SCRDMCCBDACIOMessageStructure:100"/>')
    [doc] = unpack("f.pdf", pdf_with({"order-x.xml": xml}), LIMITS)
    read(doc, LIMITS)   # an order, judged by edi.parsers.order (tests/parsers/test_order.py)
    assert (doc.syntax, doc.document_type, doc.invoice) == (Syntax.ORDER, "Order-X (PDF)",
                                                            None)


def test_hostile_xml_inside_a_pdf_gets_the_xml_verdict() -> None:
    xml = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    err = refused(pdf_with({"factur-x.xml": xml}))
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-XML-XXE")


# --- one invoice XML per PDF -----------------------------------------------------------

INVOICE_A = samples.cii_invoice(number="FA-1", iban="FR7630004000310001234567865")
INVOICE_B = samples.cii_invoice(number="FA-1", iban="FR7630006000011234567890189")


@pytest.mark.parametrize("second", ["factur-x.xml", "zugferd-invoice.xml", "ZUGFeRD-invoice.xml",
                                    "xrechnung.xml"])
def test_two_different_invoice_xmls_are_refused(second: str) -> None:
    err = refused(pdf_with([("factur-x.xml", INVOICE_A), (second, INVOICE_B)]))
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-PDF-XML-TWICE")
    assert "EDI-PDF-XML-TWICE" in RULES
    assert f"'factur-x.xml' ({len(INVOICE_A):,} bytes" in err.message
    assert f"{second!r} ({len(INVOICE_B):,} bytes" in err.message


def test_the_same_invoice_embedded_twice_is_one_invoice() -> None:
    pdf = pdf_with([("factur-x.xml", INVOICE_A), ("factur-x.xml", INVOICE_A)])
    assert extract(pdf, LIMITS) == ("factur-x.xml", INVOICE_A)


def test_an_order_beside_the_invoice_is_no_second_invoice() -> None:
    order = b'<rsm:SCRDMCCBDACIOMessageStructure xmlns:rsm="urn:x"/>'
    pdf = pdf_with([("order-x.xml", order), ("factur-x.xml", INVOICE_A)])
    assert extract(pdf, LIMITS) == ("factur-x.xml", INVOICE_A)


def test_a_second_invoice_only_in_the_associated_files_is_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("factur-x.xml", INVOICE_A)
    writer.add_attachment("factur-x.xml", INVOICE_B)
    names = name_tree(writer)
    hidden = names[3]
    del names[2:4]  # B leaves the name tree: only /AF, as Factur-X readers use it, has it
    writer.root_object[NameObject("/AF")] = ArrayObject([names[1], hidden])
    err = refused(written(writer))
    assert (err.rule_id, err.location) == ("EDI-PDF-XML-TWICE", "/Root/AF")


def test_the_sample_pdf_lists_its_xml_in_the_name_tree_and_in_af_once_judged() -> None:
    doc = unpack("f.pdf", samples.facturx_pdf(number="AF-1"), LIMITS)[0]
    read(doc, LIMITS)
    assert doc.invoice.number == "AF-1"


def test_an_invoice_deep_in_the_name_tree_is_found() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("factur-x.xml", INVOICE_A)
    tree = writer.root_object["/Names"]["/EmbeddedFiles"]
    leaf = DictionaryObject({NameObject("/Names"): tree["/Names"]})
    middle = DictionaryObject({NameObject("/Kids"): ArrayObject([leaf])})
    del tree["/Names"]
    tree[NameObject("/Kids")] = ArrayObject([middle])  # two levels: pypdf alone sees none
    assert extract(written(writer), LIMITS) == ("factur-x.xml", INVOICE_A)


def test_a_second_invoice_deep_in_the_name_tree_is_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("factur-x.xml", INVOICE_A)
    writer.add_attachment("xrechnung.xml", INVOICE_B)
    tree = writer.root_object["/Names"]["/EmbeddedFiles"]
    names = tree["/Names"]
    deep = DictionaryObject({NameObject("/Kids"): ArrayObject([
        DictionaryObject({NameObject("/Names"): ArrayObject(names[2:4])})])})
    tree[NameObject("/Kids")] = ArrayObject([
        DictionaryObject({NameObject("/Names"): ArrayObject(names[0:2])}), deep])
    del tree["/Names"]
    err = refused(written(writer))
    assert err.rule_id == "EDI-PDF-XML-TWICE" and "'xrechnung.xml'" in err.message


def test_a_loop_in_the_name_tree_is_walked_once() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("factur-x.xml", INVOICE_A)
    tree_ref = writer.root_object["/Names"].raw_get("/EmbeddedFiles")
    tree_ref.get_object()[NameObject("/Kids")] = ArrayObject([tree_ref])  # its own kid
    assert extract(written(writer), LIMITS) == ("factur-x.xml", INVOICE_A)


def test_a_pdf_whose_invoice_carries_a_12_mb_attachment_is_read() -> None:
    payload = os.urandom(9 * 1024 * 1024)
    reference = (b"<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>ANNEXE-1"
                 b"</ram:IssuerAssignedID><ram:TypeCode>916</ram:TypeCode>"
                 b'<ram:AttachmentBinaryObject mimeCode="application/pdf" filename="a.pdf">'
                 + base64.b64encode(payload) + b"</ram:AttachmentBinaryObject>"
                 b"</ram:AdditionalReferencedDocument>")
    end = b"</ram:ApplicableHeaderTradeAgreement>"
    xml = samples.cii_invoice(number="BIG-1").replace(end, reference + end, 1)
    assert len(xml) > 12_000_000
    doc = unpack("f.pdf", pdf_with({"factur-x.xml": xml}), LIMITS)[0]
    tree = read(doc, LIMITS)
    assert doc.invoice.number == "BIG-1"
    assert base64.b64decode(tree.getroot().findtext(".//{*}AttachmentBinaryObject")) == payload


def corpus_files() -> list[Path]:
    root = require_shared("corpus", "facturx", "ZUGFeRDv2")
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in (".pdf", ".xml"))


def test_factur_x_corpus_never_crashes_and_reads_key_terms(caplog) -> None:
    """Every corpus file parses, or gets a specific EDI- rule; parsed ones have BT-1/2/112."""
    caplog.set_level(logging.ERROR)
    files = corpus_files()
    assert len(files) >= 60
    parsed = 0
    for path in files:
        try:
            docs = unpack(path.name, path.read_bytes(), LIMITS)
            read(docs[0], LIMITS)
        except FlowError as exc:
            assert exc.rule_id.startswith("EDI-"), path
            continue
        parsed += 1
        inv = docs[0].invoice
        assert inv.number and inv.issue_date and inv.total_with_vat, path
        assert docs[0].profile is not None, path
        assert (docs[0].container is Container.PDF) == (path.suffix == ".pdf"), path
    assert parsed == len(files)  # all of them are ZUGFeRD 2.x / Factur-X


@pytest.mark.parametrize("name, profile, number, issued, total", [
    ("intarsys/MINIMUM/zugferd_2p0_MINIMUM.pdf", Profile.MINIMUM, "471102", "2018-03-05",
     "235.62"),
    ("intarsys/BASIC/zugferd_2p0_BASIC_Einfach.pdf", Profile.BASIC, "471102", "2018-03-05",
     "235.62"),
    ("intarsys/EXTENDED/zugferd_2p0_EXTENDED_Warenrechnung.pdf", Profile.EXTENDED,
     "R87654321012345", "2018-08-06", "518.99"),
    ("FNFE-factur-x-examples/Facture_FR_BASICWL.pdf", Profile.BASIC_WL, "FA-2017-0010",
     "2017-11-13", "671.15"),
    ("FNFE-factur-x-examples/Avoir_FR_type381_BASIC.pdf", Profile.BASIC, "AV-2017-0005",
     "2017-11-16", "233.47"),
    ("Mustangproject/testout-XR.xml", Profile.XRECHNUNG, "123", "2020-12-22", "1.00"),
])
def test_corpus_key_terms(name: str, profile: Profile, number: str, issued: str,
                          total: str) -> None:
    path = require_shared("corpus", "facturx", "ZUGFeRDv2", "correct", name)
    doc = unpack(path.name, path.read_bytes(), LIMITS)[0]
    read(doc, LIMITS)
    assert doc.profile is profile
    assert (doc.invoice.number, doc.invoice.issue_date, doc.invoice.total_with_vat) == \
        (number, issued, total)
