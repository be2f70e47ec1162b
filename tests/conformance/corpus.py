"""Reading the Factur-X/ZUGFeRD corpus into Documents, for the conformance tests and the
script that writes their reviewed verdicts.

The profile comes from the guideline id (BT-24), as the parsers decide it; it is spelled
out here so that the verdict file does not change when the parsers do.
"""

from __future__ import annotations

import logging
from pathlib import Path

from lxml import etree

from edi.config import Settings
from edi.model import Container, Document, Profile, Syntax
from edi.validators.schematron import BRFRLayer, EN16931Layer

CORPUS = ("corpus", "facturx", "ZUGFeRDv2")
GUIDELINE = ("string(/*/*[local-name()='ExchangedDocumentContext']"
             "/*[local-name()='GuidelineSpecifiedDocumentContextParameter']/*[local-name()='ID'])")


def profile_of(guideline: str) -> Profile | None:
    """Factur-X 1.0 and ZUGFeRD 2.x guideline ids -> profile (basicwl before basic)."""
    g = guideline.strip().lower()
    for token, profile in (("minimum", Profile.MINIMUM), ("basicwl", Profile.BASIC_WL),
                           ("basic", Profile.BASIC), ("extended", Profile.EXTENDED),
                           ("xrechnung", Profile.XRECHNUNG)):
        if token in g:
            return profile
    return Profile.EN16931 if g == "urn:cen.eu:en16931:2017" else None


def corpus_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in (".pdf", ".xml"))


def load(path: Path) -> tuple[Document, etree._ElementTree]:
    """The invoice of a Factur-X PDF or CII XML file, with its container and profile."""
    data = path.read_bytes()
    container = Container.PDF if data.startswith(b"%PDF") else Container.XML
    xml = data
    if container is Container.PDF:
        from facturx import get_xml_from_pdf

        logging.getLogger("facturx").setLevel(logging.ERROR)
        _name, xml = get_xml_from_pdf(data, check_xsd=False)
    tree = etree.ElementTree(etree.fromstring(xml.lstrip(b"\xef\xbb\xbf")))
    doc = Document(1, path.name, data, container=container, syntax=Syntax.CII,
                   profile=profile_of(str(tree.xpath(GUIDELINE))))
    return doc, tree


def judge(layers: list[EN16931Layer | BRFRLayer], path: Path) -> dict[str, object]:
    """One file's Schematron verdict, as kept in facturx_verdicts.json."""
    doc, tree = load(path)
    findings = []
    for layer in layers:
        if layer.applies(doc):
            findings += layer.check(doc, tree)
    fatal = sorted({f.rule_id for f in findings if f.fatal})
    return {"profile": doc.profile.value if doc.profile else None,
            "container": doc.container.value if doc.container else None,
            "verdict": "rejected" if fatal else "accepted",
            "fatal": fatal,
            "rule_sets": [r.label for r in doc.rule_sets]}


def schematron_layers(settings: Settings | None = None) -> list[EN16931Layer | BRFRLayer]:
    settings = settings or Settings()
    return [EN16931Layer(settings), BRFRLayer(settings)]
