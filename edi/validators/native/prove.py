"""The differential proof of the native engine: saxonche on the official stylesheet and the
native module, same invoices, same failed asserts and reports.

The corpus walker and the seeded mutator are item 2's (optimise/prove.py). Per invoice the
two sides must give the same multiset of (kind, id, flag, location, text), the SVRL
location normalised as the engine does (``short_location``); the order is checked too and
counted apart. An invoice on which the native module falls back (runtime.Fallback) is
judged by saxonche in production, so it is equal by construction; it is counted. A
saxonche transform error on which the native module gives a verdict is a difference.
"""

from __future__ import annotations

import collections
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from edi.validators.native.engine import Entry, Fallback, NativeRuleSet
from edi.validators.optimise import optimised_stylesheet
from edi.validators.optimise.prove import Sample, _entries, mutants, syntax_of_rule_set


@dataclass
class NativeProof:
    key: str
    corpus: int = 0
    mutations: int = 0
    differences: int = 0
    order_differences: int = 0
    fallbacks: int = 0
    saxon_errors: int = 0
    seconds_saxon: float = 0.0
    seconds_saxon_optimised: float | None = None   # the proven optimised twin, if any
    seconds_native: float = 0.0
    rules_fired: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)
    fallback_reasons: collections.Counter[str] = field(default_factory=collections.Counter)

    @property
    def invoices(self) -> int:
        return self.corpus + self.mutations

    @property
    def ms_saxon(self) -> float:
        return 1000 * self.seconds_saxon / max(self.invoices, 1)

    @property
    def ms_saxon_optimised(self) -> float | None:
        if self.seconds_saxon_optimised is None:
            return None
        return 1000 * self.seconds_saxon_optimised / max(self.invoices, 1)

    @property
    def ms_native(self) -> float:
        return 1000 * self.seconds_native / max(self.invoices, 1)

    def as_record(self) -> dict[str, object]:
        return {"passed": self.differences == 0 and self.invoices > 0,
                "corpus_invoices": self.corpus, "mutations": self.mutations,
                "differences": self.differences, "order_differences": self.order_differences,
                "fallbacks_to_saxon": self.fallbacks, "saxon_errors": self.saxon_errors,
                "distinct_rules_fired": len(self.rules_fired),
                "ms_per_invoice_saxon": round(self.ms_saxon, 2),
                **({} if self.ms_saxon_optimised is None else
                   {"ms_per_invoice_saxon_optimised": round(self.ms_saxon_optimised, 2)}),
                "ms_per_invoice_native": round(self.ms_native, 2),
                "first_differences": self.examples,
                "fallback_reasons": dict(self.fallback_reasons.most_common(5))}


def normalised(entries: list[tuple[str, ...]] | list[Entry]) -> list[tuple[object, ...]]:
    from edi.validators.schematron import short_location

    out: list[tuple[object, ...]] = []
    for entry in entries:
        if isinstance(entry, Entry):
            out.append((entry.report, entry.id, entry.flag, short_location(entry.location),
                        entry.text))
        else:
            out.append((entry[0] == "successful-report", entry[1], entry[2],
                        short_location(entry[3]), entry[4]))
    return out


def judge(key: str, native: NativeRuleSet, sample: Sample, proof: NativeProof) -> None:
    from edi.validators.schematron import EngineError, process_engine

    tree = etree.ElementTree(etree.fromstring(sample.xml.encode("utf-8")))
    engine = process_engine()
    started = time.perf_counter()
    try:
        reference: list[tuple[object, ...]] | None = normalised(
            _entries(engine.svrl(key, tree).decode("utf-8")))
    except EngineError:
        reference = None
    proof.seconds_saxon += time.perf_counter() - started
    if optimised_stylesheet(key) is not None:
        # what saxonche runs in production when the native module is not used: the
        # native one must beat that, not only the official stylesheet
        started = time.perf_counter()
        with contextlib.suppress(EngineError):
            engine.svrl(key, tree, optimised=True)
        proof.seconds_saxon_optimised = (proof.seconds_saxon_optimised or 0.0) + \
            time.perf_counter() - started
    started = time.perf_counter()
    try:
        got: list[tuple[object, ...]] | None = normalised(native.judge(tree))
    except Fallback as exc:
        got = None
        proof.fallbacks += 1
        proof.fallback_reasons[str(exc)[:80]] += 1
    proof.seconds_native += time.perf_counter() - started
    if reference is None:
        proof.saxon_errors += 1
    if got is None:
        return
    if reference is None:
        proof.differences += 1
        if len(proof.examples) < 5:
            proof.examples.append(f"{sample.name}: saxonche failed, native judged")
        return
    proof.rules_fired.update(str(e[1]) for e in reference)
    if collections.Counter(reference) != collections.Counter(got):
        proof.differences += 1
        if len(proof.examples) < 5:
            only_ref = list(collections.Counter(reference) - collections.Counter(got))[:2]
            only_got = list(collections.Counter(got) - collections.Counter(reference))[:2]
            proof.examples.append(f"{sample.name[:120]}: only saxonche {only_ref}; "
                                  f"only native {only_got}")
    elif reference != got:
        proof.order_differences += 1


def prove(keys: list[str], modules: dict[str, NativeRuleSet], samples: list[Sample],
          mutations: int, seed: int,
          progress: Callable[[str], None] | None = None) -> dict[str, NativeProof]:
    """Every corpus sample of each rule set's syntax, then ``mutations`` mutants in all,
    dealt round-robin (seeded per rule set, as item 2's proof does)."""
    results = {}
    for index, key in enumerate(keys):
        syntax = syntax_of_rule_set(key)
        proof = NativeProof(key)
        native = modules[key]
        for sample in samples:
            if sample.syntax == syntax:
                judge(key, native, sample, proof)
                proof.corpus += 1
        share = mutations // len(keys) + (1 if index < mutations % len(keys) else 0)
        for mutant in mutants(samples, syntax, share, seed * 1000 + index):
            judge(key, native, mutant, proof)
            proof.mutations += 1
        results[key] = proof
        if progress:
            progress(f"{key}: {proof.invoices} invoices ({proof.mutations} mutations), "
                     f"{proof.differences} differences, {proof.fallbacks} fallbacks, "
                     f"saxonche {proof.ms_saxon:.2f} ms, native {proof.ms_native:.2f} ms")
    return results
