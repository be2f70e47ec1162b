"""`edi rules` lists the official BR-FR-CDV rules of the shipped CDAR Schematron: the ids
the findings of a refused CDAR message carry, with their text and flag."""

from __future__ import annotations

import json

from click.testing import CliRunner

from edi.commands.rules import command as rules_command
from edi.lifecycle import check
from edi.rules import _asserts
from tests.lifecycle.helpers import status_message
from tests.lifecycle.test_cdar import judged


def listed(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(rules_command, [*args, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    return out if isinstance(out, list) else [out]


def test_every_assert_of_the_cdar_schematron_is_listed_with_its_text_and_flag() -> None:
    asserts = _asserts(str(check.SCHEMATRON_PATH))
    by_id = {r["rule_id"]: r for r in listed("--layer", "cdar")}
    assert len(asserts) > 30
    for raw_id, flag, text in asserts:
        assert raw_id is not None
        rule = by_id[raw_id]
        assert rule["text"] == text
        assert rule["severity"] == ("warning" if flag == "warning" else "fatal")
        assert any("BR-FR-CDV-Schematron-CDAR.xslt" in str(s) for s in rule["sources"])
    assert {r["severity"] for r in by_id.values()} == {"fatal", "warning"}


def test_the_ids_a_refused_message_carries_are_explained() -> None:
    found = judged(status_message(212))   # no amount: BR-FR-CDV-14
    assert "BR-FR-CDV-14_MDT-207" in found
    for rule_id in found:
        (rule,) = listed(rule_id)
        assert rule["rule_id"] == rule_id and rule["text"]


def test_the_family_prefix_lists_them_in_the_plain_listing() -> None:
    result = CliRunner().invoke(rules_command, ["BR-FR-CDV-CL"])
    assert result.exit_code == 0, result.output
    assert "BR-FR-CDV-CL-06" in result.stdout
    assert "cdar" in result.stdout
