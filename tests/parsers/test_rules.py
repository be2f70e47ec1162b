"""The rule catalogue names every EDI- rule the code can raise, with the right reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from edi.model import Reason
from edi.parsers.rules import RULES, error, reason_of

SOURCES = [Path(__file__).resolve().parents[2] / "edi" / p for p in
           ("parsers", "validators/xml_safety.py", "validators/xsd.py")]


def raised_rule_ids() -> set[str]:
    found: set[str] = set()
    for source in SOURCES:
        for path in ([source] if source.is_file() else sorted(source.glob("*.py"))):
            if path.name == "rules.py":
                continue
            found |= set(re.findall(r'"(EDI-[A-Z0-9-]+)"', path.read_text()))
    return found


def test_every_raised_rule_is_catalogued() -> None:
    raised = raised_rule_ids()
    assert len(raised) > 25
    assert raised <= set(RULES)


@pytest.mark.parametrize("rule, reason", [
    ("EDI-EMPTY", Reason.IRR_VIDE_F), ("EDI-TYPE-TEXT", Reason.IRR_TYPE_F),
    ("EDI-PDF-NO-XML", Reason.IRR_TYPE_F), ("EDI-XML-DTD", Reason.IRR_SYNTAX),
    ("EDI-ARCHIVE-COUNT", Reason.IRR_TAILLE_F), ("EDI-PDF-ENCRYPTED", Reason.IRR_SYNTAX),
])
def test_reasons(rule: str, reason: Reason) -> None:
    assert reason_of(rule) is reason
    assert error(rule, "m").reason is reason


def test_an_uncatalogued_rule_cannot_be_raised() -> None:
    with pytest.raises(KeyError):
        error("EDI-NOT-A-RULE", "m")
