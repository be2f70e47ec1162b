"""Detection by content: every input gets a container and syntax, or a specific refusal."""

from __future__ import annotations

import pytest

from edi import samples
from edi.config import Limits
from edi.model import Container, FlowError, Profile, Reason, Syntax
from edi.parsers import read, unpack
from edi.parsers.detect import Kind, sniff

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


def test_unknown_root_element() -> None:
    err = refused(b'<?xml version="1.0"?>\n<Order xmlns="urn:oasis:names:specification:ubl:'
                  b'schema:xsd:Order-2"><ID>1</ID></Order>')
    assert (err.reason, err.rule_id) == (Reason.IRR_TYPE_F, "EDI-TYPE-ROOT")
    assert "Order-2}Order" in err.message and err.location == "/Order (line 2)"


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


def test_orderx_is_recognised_and_refused() -> None:
    err = refused(b'<rsm:SCRDMCCBDACIOMessageStructure xmlns:rsm="urn:un:unece:uncefact:data:'
                  b'SCRDMCCBDACIOMessageStructure:100"/>')
    assert (err.reason, err.rule_id) == (Reason.IRR_TYPE_F, "EDI-TYPE-ORDERX")


def test_read_repeats_a_problem_unpack_recorded() -> None:
    """A member found unreadable in unpack raises the same verdict if read anyway."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "just text")
    doc = unpack("a.zip", buffer.getvalue(), LIMITS)[0]
    with pytest.raises(FlowError) as caught:
        read(doc, LIMITS)
    assert caught.value.rule_id == "EDI-TYPE-TEXT"
