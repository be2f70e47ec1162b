"""Every file of ../shared/corpus/facturx/ZUGFeRDv2 gets, file by file, the reviewed verdict
and set of fatal rule ids kept in facturx_verdicts.json.

That file is written by make_verdicts.py and reviewed by a person; this test never
rewrites it, so a change of rule version or of our layers shows up as a failing test and
then as a diff to review.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conformance.corpus import CORPUS, corpus_files, judge, schematron_layers
from tests.conftest import require_shared

VERDICTS = json.loads(Path(__file__).with_name("facturx_verdicts.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def layers() -> list:
    return schematron_layers()


@pytest.mark.shared
def test_every_corpus_file_has_a_reviewed_verdict() -> None:
    root = require_shared(*CORPUS)
    on_disk = {p.relative_to(root).as_posix() for p in corpus_files(root)}
    assert on_disk == set(VERDICTS["files"]), "run tests/conformance/make_verdicts.py, review"


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(VERDICTS["files"]))
def test_verdict_matches_the_reviewed_one(name: str, layers: list) -> None:
    path = require_shared(*CORPUS, *name.split("/"))
    expected = VERDICTS["files"][name]

    got = judge(layers, path)

    assert (got["verdict"], got["fatal"]) == (expected["verdict"], expected["fatal"])
    assert got["profile"] == expected["profile"]
    assert got["rule_sets"] == expected["rule_sets"]


def test_the_maintainers_folders_do_not_decide_the_verdict() -> None:
    """Reviewed data, not a copy of correct/ and fail/: the pinned rules disagree with both
    (rules moved on since the maintainers sorted them)."""
    files = VERDICTS["files"]
    assert any(v["verdict"] == "rejected" for k, v in files.items() if k.startswith("correct/"))
    assert any(v["verdict"] == "accepted" for k, v in files.items() if k.startswith("correct/"))
    assert all(v["verdict"] in ("accepted", "rejected") for v in files.values())
