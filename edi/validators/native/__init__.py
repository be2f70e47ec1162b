"""The native engine: official Schematron rules compiled into lxml XPath 1.0 + Python
(issue 17, item 3), with saxonche as the reference.

``compiler.py`` reads a rule set's compiled Schematron (the very file saxonche runs) and
writes a Python module per rule set into ``edi/validators/artefacts/native/``;
``prove.py`` runs saxonche and the native module on the corpus and on seeded mutations and
compares, per invoice, the failed asserts and reports (kind, id, flag, location, text);
``build.py`` regenerates the modules and their MANIFEST.json in one command::

    .venv/bin/python -m edi.validators.native                 # build, prove (10,000)
    .venv/bin/python -m edi.validators.native --mutations 2000 --rule-set EN16931-CII

The engine (schematron.py, ``[schematron] engine``) judges natively only a rule set whose
MANIFEST entry records a passed proof (zero differences) for the installed official file
(same sha256) and the module the proof ran (same sha256), whose every rule compiled, and
which pays: faster than saxonche in the proof's own timing, fallbacks counted (``pays``).
On an invoice where the native module is not certain (``runtime.Fallback``: a dynamic
error Saxon would raise, an XPath 1.0 reading in doubt) saxonche judges that invoice.

This module imports neither saxonche nor the engine.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

NATIVE_DIR = Path(__file__).resolve().parent.parent / "artefacts" / "native"
MANIFEST_PATH = NATIVE_DIR / "MANIFEST.json"
MIN_MUTATIONS = 10_000   # a proof on fewer mutated invoices does not ship a rule set


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(path: Path = MANIFEST_PATH) -> dict[str, object]:
    if not path.is_file():
        return {"rule_sets": {}}
    return json.loads(path.read_text("utf-8"))


def module_name(key: str) -> str:
    return "rules_" + key.replace(" ", "_").replace("-", "_")


def pays(proof: dict[str, object]) -> bool:
    """Whether judging natively is faster than saxonche, as the proof measured both on
    the same invoices: an invoice the native module falls back on costs its native
    attempt and then a saxonche run. Saxonche's time is its faster stylesheet's: the
    proven optimised twin when the proof measured one, which production runs instead."""
    try:
        saxon = float(proof["ms_per_invoice_saxon"])   # type: ignore[arg-type]
        if proof.get("ms_per_invoice_saxon_optimised") is not None:
            saxon = min(saxon, float(proof["ms_per_invoice_saxon_optimised"]))   # type: ignore[arg-type]
        native = float(proof["ms_per_invoice_native"])   # type: ignore[arg-type]
        invoices = int(proof["corpus_invoices"]) + int(proof["mutations"])   # type: ignore[call-overload]
        fallbacks = int(proof["fallbacks_to_saxon"])   # type: ignore[call-overload]
    except (KeyError, TypeError, ValueError):
        return False
    return invoices > 0 and native + saxon * fallbacks / invoices < saxon


def proven(entry: dict[str, object], native_dir: Path = NATIVE_DIR) -> Path | None:
    """The module file of a MANIFEST entry when the engine may use it, else None."""
    from edi.validators.stylesheets import RULE_SETS

    proof = entry.get("proof") or {}
    if not proof.get("passed") or proof.get("differences") != 0:   # type: ignore[union-attr]
        return None
    if int(proof.get("mutations", 0)) < MIN_MUTATIONS:   # type: ignore[union-attr]
        return None   # the bar: at least 10,000 mutated invoices
    if not pays(proof):   # type: ignore[arg-type]
        return None   # equal but slower: saxonche keeps judging
    if entry.get("asserts_compiled") != entry.get("asserts_total"):
        return None
    source = RULE_SETS[str(entry["rule_set"])].path
    module = native_dir / str(entry["output"])
    if not source.is_file() or not module.is_file():
        return None
    if sha256_of(source) != entry["source_sha256"] or sha256_of(module) != entry["sha256"]:
        return None
    return module


@cache
def native_rule_set(key: str) -> object | None:
    """The proven native rule set ``key`` (an engine.NativeRuleSet), or None."""
    entry = read_manifest()["rule_sets"].get(key)   # type: ignore[union-attr]
    module = proven(entry) if entry else None
    if module is None:
        return None
    from edi.validators.native.engine import NativeRuleSet, load_module

    return NativeRuleSet(key, load_module(module, f"edi_native_{module_name(key)}"))


@cache
def complete_rule_set(key: str) -> object | None:
    """The native rule set ``key`` whose every assert compiled, proven or not
    (``[schematron] engine = "native"``, for measurement), or None."""
    entry = read_manifest()["rule_sets"].get(key)   # type: ignore[union-attr]
    if not entry or entry.get("asserts_compiled") != entry.get("asserts_total"):
        return None
    module = NATIVE_DIR / str(entry["output"])
    if not module.is_file():
        return None
    from edi.validators.native.engine import NativeRuleSet, load_module

    return NativeRuleSet(key, load_module(module, f"edi_native_{module_name(key)}"))
