"""The official stylesheets, mechanically optimised and proven equal (issue 17, item 2).

``transform.py`` rewrites each official compiled Schematron (code lists parsed once per
process and looked up by key, walks that cannot output anything removed or guarded);
``prove.py`` runs the original and the optimised stylesheet on every corpus invoice and on
seeded mutations of them and compares their SVRL byte for byte; ``build.py`` regenerates
``edi/validators/artefacts/optimised/`` and its MANIFEST.json in one command::

    .venv/bin/python -m edi.validators.optimise            # build, then prove (10,000)
    .venv/bin/python -m edi.validators.optimise --mutations 2000

The engine (``schematron.py``) judges with an optimised stylesheet only when
``optimised_stylesheet(key)`` returns it: the MANIFEST says its proof found zero
differences, the official file it was made from is still the one installed (same sha256),
and the optimised file is the one the proof ran (same sha256). Otherwise, and when
``[schematron] optimised = false``, the official file judges.

This module imports neither saxonche nor the engine: the parent process reads it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

OPTIMISED_DIR = Path(__file__).resolve().parent.parent / "artefacts" / "optimised"
MANIFEST_PATH = OPTIMISED_DIR / "MANIFEST.json"


@dataclass(frozen=True)
class OptimisedStylesheet:
    """An optimised stylesheet the engine may use: its file, and the documents to pass as
    its global parameters (parameter name -> path of the official code-list file)."""

    key: str
    path: Path
    params: dict[str, Path]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(path: Path = MANIFEST_PATH) -> dict[str, object]:
    """The MANIFEST, or an empty one when none was built."""
    if not path.is_file():
        return {"rule_sets": {}}
    return json.loads(path.read_text("utf-8"))


def source_path(entry: dict[str, object]) -> Path:
    """The official file an entry was made from, where it is installed now."""
    from edi.validators.stylesheets import RULE_SETS

    return RULE_SETS[str(entry["rule_set"])].path


@cache
def optimised_stylesheet(key: str) -> OptimisedStylesheet | None:
    """The proven optimised stylesheet of rule set ``key``, or None (the official judges)."""
    entry = read_manifest()["rule_sets"].get(key)   # type: ignore[union-attr]
    return usable(entry) if entry else None


def usable(entry: dict[str, object], out_dir: Path = OPTIMISED_DIR) -> OptimisedStylesheet | None:
    """The optimised stylesheet a MANIFEST entry describes, if the engine may use it: its
    proof passed with zero differences, and the official file, the optimised file and the
    code lists are those the proof ran (same sha256)."""
    proof = entry.get("proof") or {}
    if not proof.get("passed") or proof.get("differences") != 0:   # type: ignore[union-attr]
        return None
    source = source_path(entry)
    output = out_dir / str(entry["output"])
    if not source.is_file() or not output.is_file():
        return None
    if sha256_of(source) != entry["source_sha256"] or sha256_of(output) != entry["sha256"]:
        return None
    params = {}
    for name, param in entry.get("params", {}).items():   # type: ignore[union-attr]
        doc = source.parent / param["file"]
        if not doc.is_file() or sha256_of(doc) != param["sha256"]:
            return None
        params[name] = doc
    return OptimisedStylesheet(str(entry["rule_set"]), output, params)
