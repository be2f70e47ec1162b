"""Detection by content: every input gets a container and syntax, or a specific refusal."""

from __future__ import annotations

import io
import tarfile
import zipfile

import pytest

from edi import samples
from edi.config import Limits
from edi.model import Container, FlowError, Profile, Reason, Syntax
from edi.parsers import read, unpack
from edi.parsers.detect import Kind, sniff
from tests.conftest import require_shared

LIMITS = Limits()


def parsed(data: bytes, name: str = "flow.bin"):
    docs = unpack(name, data, LIMITS)
    assert len(docs) == 1
    read(docs[0], LIMITS)
    return docs[0]


def refused(data: bytes, name: str = "flow.bin", limits: Limits = LIMITS) -> FlowError:
    with pytest.raises(FlowError) as caught:
        for doc in unpack(name, data, limits):
            read(doc, limits)
    return caught.value


@pytest.mark.parametrize("data, kind", [
    (b"", Kind.EMPTY), (b" \n", Kind.EMPTY), (b"%PDF-1.7\n", Kind.PDF),
    (b"PK\x03\x04rest", Kind.ZIP), (b"\x1f\x8b\x08", Kind.GZIP),
    (b"<?xml version='1.0'?><a/>", Kind.XML), (b"\xef\xbb\xbf<a/>", Kind.XML),
    (b"\xff\xfe<\x00a\x00", Kind.XML), (b"\n\n  <a/>", Kind.XML),
    (b"Bonjour, voici la facture.\n", Kind.TEXT), (b"\x00\x01\x02\x03binary", Kind.BINARY),
])
def test_sniff_reads_the_first_bytes(data: bytes, kind: Kind) -> None:
    assert sniff(data) is kind


def test_extension_is_ignored_content_decides() -> None:
    doc = parsed(samples.facturx_pdf(), name="facture.xml")
    assert doc.container is Container.PDF and doc.document_type == "Factur-X PDF"
    doc = parsed(samples.ubl_invoice(), name="invoice.pdf")
    assert doc.container is Container.XML and doc.syntax is Syntax.UBL


def test_ubl_invoice_and_credit_note() -> None:
    doc = parsed(samples.ubl_invoice())
    assert (doc.syntax, doc.profile, doc.document_type) == (Syntax.UBL, Profile.EN16931,
                                                            "UBL Invoice")
    doc = parsed(samples.ubl_credit_note())
    assert doc.document_type == "UBL CreditNote" and doc.invoice.type_code == "381"


@pytest.mark.parametrize("profile", list(Profile))
def test_cii_profile_comes_from_the_guideline_id(profile: Profile) -> None:
    doc = parsed(samples.cii_invoice(profile))
    assert (doc.syntax, doc.container, doc.profile) == (Syntax.CII, Container.XML, profile)


@pytest.mark.parametrize("guideline, profile", [
    ("urn:cen.eu:en16931:2017:compliant:factur-x.eu:1p0:basic", Profile.BASIC),
    ("urn:ferd:CrossIndustryDocument:invoice:1p0:comfort", Profile.EN16931),
    ("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_2.3", Profile.XRECHNUNG),
    ("urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0",
     Profile.EN16931),
])
def test_published_variants_of_guideline_ids(guideline: str, profile: Profile) -> None:
    xml = samples.cii_invoice().replace(b"<ram:ID>urn:cen.eu:en16931:2017</ram:ID>",
                                        f"<ram:ID>{guideline}</ram:ID>".encode())
    assert parsed(xml).profile is profile


def test_unknown_guideline_is_refused_as_unsupported_type() -> None:
    xml = samples.cii_invoice().replace(b"<ram:ID>urn:cen.eu:en16931:2017</ram:ID>",
                                        b"<ram:ID>urn:example:my-own-profile</ram:ID>")
    err = refused(xml)
    assert (err.reason, err.rule_id) == (Reason.IRR_TYPE_F, "EDI-TYPE-PROFILE")
    assert "urn:example:my-own-profile" in err.message


def test_empty_file() -> None:
    err = refused(b"")
    assert (err.reason, err.rule_id) == (Reason.IRR_VIDE_F, "EDI-EMPTY")


def test_plain_text() -> None:
    err = refused(b"Facture 2025-001\nMontant : 1200 EUR\n", name="facture.xml")
    assert (err.reason, err.rule_id) == (Reason.IRR_TYPE_F, "EDI-TYPE-TEXT")
    assert "Facture 2025-001" in err.message


def test_unknown_binary() -> None:
    err = refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert (err.reason, err.rule_id) == (Reason.IRR_TYPE_F, "EDI-TYPE-UNKNOWN")


def test_file_over_the_size_cap() -> None:
    err = refused(samples.ubl_invoice(), limits=Limits(max_file_bytes=1000))
    assert (err.reason, err.rule_id) == (Reason.IRR_TAILLE_F, "EDI-FILE-SIZE")


def test_unknown_root_element() -> None:   # a UBL Order is an order now: a despatch advice
    err = refused(b'<?xml version="1.0"?>\n<DespatchAdvice xmlns="urn:oasis:names:'
                  b'specification:ubl:schema:xsd:DespatchAdvice-2"><ID>1</ID></DespatchAdvice>')
    assert (err.reason, err.rule_id) == (Reason.IRR_TYPE_F, "EDI-TYPE-ROOT")
    assert "DespatchAdvice-2}DespatchAdvice" in err.message
    assert err.location == "/DespatchAdvice (line 2)"


def test_invoice_root_in_a_foreign_namespace_is_unknown() -> None:
    err = refused(b'<Invoice xmlns="urn:example:not-ubl"/>')
    assert err.rule_id == "EDI-TYPE-ROOT"


def test_zugferd1_is_recognised_and_refused() -> None:
    err = refused(b'<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:'
                  b'invoice:1p0"/>')
    assert (err.reason, err.rule_id) == (Reason.IRR_TYPE_F, "EDI-TYPE-ZUGFERD1")
    assert "ZUGFeRD 1.0" in err.message


def test_fatturapa_is_recognised_and_refused() -> None:
    err = refused(b'<?xml version="1.0" encoding="UTF-8"?>\n<p:FatturaElettronica versione="FPA12"'
                  b' xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2">'
                  b"<FatturaElettronicaHeader/></p:FatturaElettronica>")
    assert (err.reason, err.rule_id) == (Reason.IRR_TYPE_F, "EDI-TYPE-FATTURAPA")


def test_orderx_is_recognised_as_an_order() -> None:
    [doc] = unpack("o.xml", b'<rsm:SCRDMCCBDACIOMessageStructure xmlns:rsm="urn:un:unece:'
                            b'uncefact:data:SCRDMCCBDACIOMessageStructure:100"/>', LIMITS)
    read(doc, LIMITS)   # an order, judged by edi.parsers.order (tests/parsers/test_order.py)
    assert (doc.syntax, doc.document_type, doc.invoice) == (Syntax.ORDER, "Order-X", None)


def test_read_repeats_a_problem_unpack_recorded() -> None:
    """A member found unreadable in unpack raises the same verdict if read anyway."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "just text")
    doc = unpack("a.zip", buffer.getvalue(), LIMITS)[0]
    with pytest.raises(FlowError) as caught:
        read(doc, LIMITS)
    assert caught.value.rule_id == "EDI-TYPE-TEXT"


# -- detection by structure: each kind by its own header, never by a signature somewhere ----

def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _tar(members: dict[str, bytes], mode: str = "w", fmt: int = tarfile.PAX_FORMAT) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode, format=fmt) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _pdfs(n: int) -> dict[str, bytes]:
    return {f"fx-{i}.pdf": samples.facturx_pdf(number=f"FX-{i}") for i in range(n)}


def test_a_stored_zip_of_pdfs_is_a_zip_not_its_first_pdf() -> None:
    """ZIP_STORED (Python's default, zip -0) puts %PDF- at byte 30+: once sniffed as one PDF,
    the flow was accepted with 1 invoice of 3."""
    data = _zip(_pdfs(3))
    assert b"%PDF-" in data[:1024] and sniff(data) is Kind.ZIP
    docs = unpack("lot.zip", data, LIMITS)
    for doc in docs:
        read(doc, LIMITS)
    assert [(d.name, d.container, d.invoice.number) for d in docs] == [
        (f"fx-{i}.pdf", Container.PDF, f"FX-{i}") for i in range(3)]


@pytest.mark.parametrize("fmt", [tarfile.PAX_FORMAT, tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT])
def test_a_plain_tar_of_pdfs_is_a_tar_not_a_truncated_pdf(fmt: int) -> None:
    data = _tar(_pdfs(2), fmt=fmt)
    assert b"%PDF-" in data[:1024] and sniff(data) is Kind.TAR
    docs = unpack("lot.tar", data, LIMITS)
    for doc in docs:
        read(doc, LIMITS)
    assert [d.invoice.number for d in docs] == ["FX-0", "FX-1"]


def test_a_tar_gz_of_pdfs_as_before() -> None:
    data = _tar(_pdfs(2), mode="w:gz")
    assert sniff(data) is Kind.GZIP
    assert [d.name for d in unpack("lot.tgz", data, LIMITS)] == ["fx-0.pdf", "fx-1.pdf"]


def test_a_v7_tar_without_ustar_magic_is_recognised_by_its_checksum() -> None:
    data = bytearray(_tar({"a.xml": samples.ubl_invoice()}, fmt=tarfile.USTAR_FORMAT))
    data[257:265] = bytes(8)  # no magic, no version: a v7 header; fix its checksum
    data[148:156] = b" " * 8
    data[148:156] = b"%06o\x00 " % sum(data[:512])
    assert sniff(bytes(data)) is Kind.TAR
    assert [d.name for d in unpack("old.tar", bytes(data), LIMITS)] == ["a.xml"]


def test_a_broken_tar_checksum_is_not_a_tar() -> None:
    data = bytearray(_tar({"a.xml": samples.ubl_invoice()}, fmt=tarfile.USTAR_FORMAT))
    data[257:265] = bytes(8)
    data[148:156] = b"0000001\x00"
    assert sniff(bytes(data)) is not Kind.TAR


def test_an_empty_zip_is_a_zip() -> None:
    data = _zip({})
    assert data.startswith(b"PK\x05\x06") and sniff(data) is Kind.ZIP
    assert refused(data).rule_id == "EDI-ARCHIVE-EMPTY"


def test_a_zip_behind_a_binary_prefix_is_a_zip() -> None:
    """A self-extracting stub or any binary before the ZIP: found by its end record."""
    data = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200) + _zip({"a.xml": samples.ubl_invoice()})
    assert sniff(data) is Kind.ZIP
    assert [d.name for d in unpack("lot.exe", data, LIMITS)] == ["a.xml"]


def test_a_pdf_with_a_junk_prefix_is_still_a_pdf() -> None:
    doc = parsed(b"\r\nJUNK HEADER\r\n" + samples.facturx_pdf(number="J-1"))
    assert doc.container is Container.PDF and doc.invoice.number == "J-1"


def test_an_xml_mentioning_the_pdf_magic_is_xml() -> None:
    xml = samples.ubl_invoice().replace(b"?>", b"?><!-- not a %PDF-1.7 file -->", 1)
    assert sniff(xml) is Kind.XML
    assert parsed(xml).syntax is Syntax.UBL


def test_a_pdf_with_a_zip_appended_is_a_polyglot() -> None:
    data = samples.facturx_pdf() + _zip({"other.xml": samples.ubl_invoice(number="HIDDEN")})
    assert sniff(data) is Kind.POLYGLOT
    err = refused(data, name="facture.pdf")
    assert (err.reason, err.rule_id) == (Reason.IRR_TYPE_F, "EDI-TYPE-POLYGLOT")
    assert "a PDF" in err.message and "a ZIP archive" in err.message


def test_a_zip_whose_first_bytes_are_a_pdf_header_is_a_polyglot() -> None:
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + _zip({"a.xml": samples.ubl_invoice()})
    err = refused(data)
    assert err.rule_id == "EDI-TYPE-POLYGLOT"
    assert "a PDF" in err.message and "a ZIP archive" in err.message


def test_a_zip_behind_an_xml_document_is_a_polyglot() -> None:
    data = samples.ubl_invoice() + _zip({"a.xml": samples.cii_invoice()})
    err = refused(data)
    assert err.rule_id == "EDI-TYPE-POLYGLOT"
    assert "an XML document" in err.message and "a ZIP archive" in err.message


def test_a_tar_whose_first_name_is_a_pdf_header_is_a_polyglot() -> None:
    data = _tar({"%PDF-1.7": samples.ubl_invoice()}, fmt=tarfile.USTAR_FORMAT)
    err = refused(data)
    assert err.rule_id == "EDI-TYPE-POLYGLOT"
    assert "a PDF" in err.message and "a tar archive" in err.message


def test_a_polyglot_member_is_refused_alone() -> None:
    polyglot = samples.facturx_pdf() + _zip({"x.xml": samples.ubl_invoice()})
    docs = unpack("lot.zip", _zip({"a.xml": samples.ubl_invoice(), "b.pdf": polyglot},
                                  zipfile.ZIP_DEFLATED), LIMITS)
    assert [d.reason for d in docs] == [None, Reason.IRR_TYPE_F]
    assert [f.rule_id for f in docs[1].findings] == ["EDI-TYPE-POLYGLOT"]


@pytest.mark.shared
def test_every_corpus_pdf_is_a_pdf_and_every_corpus_xml_is_xml() -> None:
    corpus = require_shared("corpus")
    found = {".pdf": 0, ".xml": 0}
    wrong = []
    for path in sorted(corpus.rglob("*")):
        expected = {".pdf": Kind.PDF, ".xml": Kind.XML}.get(path.suffix.lower())
        if expected is None or not path.is_file():
            continue
        found[path.suffix.lower()] += 1
        if (kind := sniff(path.read_bytes())) is not expected:
            wrong.append((path.relative_to(corpus).as_posix(), kind))
    assert wrong == []
    assert found[".pdf"] > 40 and found[".xml"] > 300  # the corpus was really read
