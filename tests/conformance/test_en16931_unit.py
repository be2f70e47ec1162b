"""The 1,140 official EN 16931 unit tests (VEFA testSets), run through our Schematron layer.

Each test is a fragment (not XSD-valid) that tests the Schematron alone: ``<success>`` =
the rule must not fire, ``<error>`` = it must fire as fatal, ``<warning>`` = as warning.
The layer, not the bare XSLT, is under test: rule ids, flags and the profile choice are
ours to get right.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from edi.config import Settings
from edi.model import Container, Document, Profile, Severity, Syntax
from edi.validators.schematron import EN16931Layer
from tests.conftest import SHARED, require_shared

VEFA = "{http://difi.no/xsd/vefa/validator/1.0}"
UNIT = ("corpus", "en16931", "test")
FOLDERS = ("Invoice-unit-UBL", "CreditNote-unit-UBL", "cii")
SYNTAX = {"tc434-ubl": Syntax.UBL, "tc434-cii": Syntax.CII}


@dataclass(frozen=True)
class UnitTest:
    file: str
    index: int


def collect() -> list:
    root = SHARED.joinpath(*UNIT)
    if not root.is_dir():
        return [pytest.param(None, id="corpus-absent")]
    params = []
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.xml")):
            count = len(etree.parse(str(path)).getroot().findall(f"{VEFA}test"))
            rel = f"{folder}/{path.name}"
            params += [pytest.param(UnitTest(rel, i), id=f"{rel}#{i + 1}") for i in range(count)]
    return params


@pytest.fixture(scope="session")
def en16931() -> EN16931Layer:
    return EN16931Layer(Settings())


@pytest.mark.shared
@pytest.mark.parametrize("case", collect())
def test_official_unit_test(case: UnitTest | None, en16931: EN16931Layer) -> None:
    root = require_shared(*UNIT)
    assert case is not None
    test_set = etree.parse(str(root / case.file)).getroot()
    syntax = SYNTAX[test_set.get("configuration")]
    test = test_set.findall(f"{VEFA}test")[case.index]
    expect = test.find(f"{VEFA}assert")
    invoice = next(el for el in test if isinstance(el.tag, str) and el is not expect)
    tree = etree.ElementTree(etree.fromstring(etree.tostring(copy.deepcopy(invoice))))
    doc = Document(1, Path(case.file).name, b"", container=Container.XML, syntax=syntax,
                   profile=Profile.EN16931)

    findings = en16931.check(doc, tree)

    fired = {(f.rule_id, f.severity) for f in findings}
    assert not any(f.rule_id == "SCH-ENGINE" for f in findings), findings
    for rule in expect.findall(f"{VEFA}success"):
        assert not any(r == rule.text for r, _ in fired), f"{rule.text} fired: {findings}"
    for rule in expect.findall(f"{VEFA}error"):
        assert (rule.text, Severity.FATAL) in fired, f"{rule.text} not fatal: {findings}"
    for rule in expect.findall(f"{VEFA}warning"):
        assert (rule.text, Severity.WARNING) in fired, f"{rule.text} no warning: {findings}"
