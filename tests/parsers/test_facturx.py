"""Factur-X PDFs: the embedded XML found and judged; broken PDFs refused by name."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from pypdf import PdfWriter

from edi import samples
from edi.config import Limits
from edi.model import Container, FlowError, Profile, Reason, Syntax
from edi.parsers import read, unpack
from edi.parsers.facturx import extract
from tests.conftest import require_shared

LIMITS = Limits()


def refused(data: bytes, limits: Limits = LIMITS) -> FlowError:
    with pytest.raises(FlowError) as caught:
        for doc in unpack("f.pdf", data, limits):
            read(doc, limits)
    return caught.value


def pdf_with(attachments: dict[str, bytes], pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    for name, data in attachments.items():
        writer.add_attachment(name, data)
    if password is not None:
        writer.encrypt(password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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


def test_orderx_pdf_is_recognised() -> None:
    xml = (b'<rsm:SCRDMCCBDACIOMessageStructure xmlns:rsm="urn:un:unece:uncefact:data:'
           b'SCRDMCCBDACIOMessageStructure:100"/>')
    err = refused(pdf_with({"order-x.xml": xml}))
    assert err.rule_id == "EDI-TYPE-ORDERX"


def test_hostile_xml_inside_a_pdf_gets_the_xml_verdict() -> None:
    xml = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    err = refused(pdf_with({"factur-x.xml": xml}))
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-XML-XXE")


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
