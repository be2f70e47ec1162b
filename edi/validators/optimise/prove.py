"""The differential proof: original and optimised stylesheet, same invoices, same SVRL.

Every corpus invoice of a rule set's syntax (../shared/corpus: the EN 16931 examples and
test files, the Factur-X/ZUGFeRD correct and fail files, the XML inside their PDFs) and
seeded mutations of them (numbers, dates, codes, amounts and attributes changed, elements
removed and duplicated) are judged by both stylesheets in one saxonche processor; the two
SVRL reports must be identical (every failed-assert and successful-report with its id,
flag, location, test and text, in the same order, and everything around them) but for the
trace elements rewrite 5 removes (``svrl:fired-rule``, ``svrl:active-pattern``) and the
indentation between elements: ``verdict_view``. A transform error must be an error on both
sides.

saxonche is imported inside functions only, and the processor is this process's engine's
(``process_engine()``), created and used in the calling thread.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edi.validators.optimise.transform import TRACE

SVRL = "http://purl.oclc.org/dsdl/svrl"
_STYLESHEET_PLACE = re.compile(r"file:\S+|\b(line|column|char) \d+|\S+\.xslt?\b")

# The corpus the brief names, and the CEN unit-test files (full proof only).
CORE_DIRS = (("en16931", "ubl", "examples"), ("en16931", "cii", "examples"),
             ("en16931", "test", "testfiles"), ("facturx", "ZUGFeRDv2", "correct"),
             ("facturx", "ZUGFeRDv2", "fail"))
EXTRA_DIRS = (("en16931", "test", "Invoice-unit-UBL"), ("en16931", "test", "CreditNote-unit-UBL"),
              ("en16931", "test", "cii"))

UBL_NAMESPACES = ("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
                  "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2")
CII_NAMESPACE = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"


@dataclass(frozen=True)
class Sample:
    """One invoice to judge: where it comes from, its syntax, its XML text."""

    name: str
    syntax: str       # "UBL" or "CII"
    xml: str


def syntax_of(root: etree._Element) -> str | None:
    namespace = etree.QName(root).namespace
    if namespace in UBL_NAMESPACES:
        return "UBL"
    if namespace == CII_NAMESPACE:
        return "CII"
    return None


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data.lstrip(b"\xef\xbb\xbf"), parser)


def load_corpus(corpus: Path, full: bool = False) -> list[Sample]:
    """The UBL and CII invoices under ``corpus`` (PDFs: their embedded invoice XML)."""
    from edi.config import Limits
    from edi.model import FlowError
    from edi.parsers.facturx import extract

    samples = []
    for parts in CORE_DIRS + (EXTRA_DIRS if full else ()):
        folder = corpus.joinpath(*parts)
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".xml", ".pdf")):
            data = path.read_bytes()
            if data.startswith(b"%PDF"):
                try:
                    _name, data = extract(data, Limits())
                except FlowError:
                    continue   # no invoice inside: nothing a stylesheet judges
            try:
                root = _parse(data)
            except etree.XMLSyntaxError:
                continue       # not well-formed: the xml layer refuses it before any rule
            name = str(path.relative_to(corpus))
            if etree.QName(root).localname == "testSet":   # CEN unit tests: one per <test>
                invoices = [(f"{name}#{n}", el) for n, el in enumerate(root.iterfind(
                    f"{{{etree.QName(root).namespace}}}test/*"), 1)]
            else:
                invoices = [(name, root)]
            for shown, invoice in invoices:
                syntax = syntax_of(invoice)
                if syntax:
                    text = etree.tostring(copy.deepcopy(invoice), encoding="unicode")
                    samples.append(Sample(shown, syntax, text))
    return samples


# ---------------------------------------------------------------------------------------
# The mutator

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DATE_102 = re.compile(r"^\d{8}$")
_DATE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

POOLS: dict[str, tuple[str, ...]] = {
    "unit": ("C62", "H87", "EA", "XPP", "KGM", "LTR", "HUR", "DAY", "MTR", "ZZ", "h87", "PCE",
             "X1A", "NAR", "SET", "ZZZ", ""),
    "currency": ("EUR", "USD", "GBP", "SEK", "CHF", "XXX", "eur", "EU", ""),
    "country": ("FR", "DE", "IT", "BE", "ES", "NL", "GB", "XI", "SE", "US", "XX", "fr", ""),
    "vat_category": ("S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B", "X", "s"),
    "scheme": ("0002", "0009", "0088", "0060", "0225", "0199", "9957", "9920", "0204",
               "EM", "SEPA", "VA", "FC", "0007", "XYZ", ""),
    "document_type": ("380", "381", "384", "389", "386", "751", "261", "383", "393", "999"),
    "format": ("102", "610", "203", "2", "ZZZ"),
    "mime": ("application/pdf", "image/png", "text/csv", "application/zip", "text/plain"),
    "payment_means": ("30", "58", "31", "49", "59", "10", "48", "57", "1", "ZZZ"),
    "allowance_reason": ("95", "100", "102", "104", "ZZZ", "AA", "ABL", "FC", "999"),
}
_POOL_OF_NAME = (
    (re.compile(r"unitCode|UnitCode|BasisQuantity|BilledQuantity"), "unit"),
    (re.compile(r"currencyID|CurrencyCode"), "currency"),
    (re.compile(r"CountryID|IdentificationCode|CountrySubentity"), "country"),
    (re.compile(r"CategoryCode|TaxCategory"), "vat_category"),
    (re.compile(r"schemeID|schemeAgencyID|listID|EndpointID"), "scheme"),
    (re.compile(r"TypeCode"), "document_type"),
    (re.compile(r"^format$"), "format"),
    (re.compile(r"mimeCode"), "mime"),
    (re.compile(r"PaymentMeansCode"), "payment_means"),
    (re.compile(r"ReasonCode"), "allowance_reason"),
)
OPERATIONS = ("value", "value", "attribute", "remove", "duplicate")


def _pool(name: str) -> tuple[str, ...]:
    for pattern, pool in _POOL_OF_NAME:
        if pattern.search(name):
            return POOLS[pool]
    return ()


class Mutator:
    """Seeded mutations of corpus invoices: same seed, same mutants."""

    def __init__(self, samples: list[Sample], seed: int) -> None:
        self.random = random.Random(seed)
        self.seen: dict[str, set[str]] = {}   # element/attribute local name -> values seen
        for sample in samples:
            for el in _parse(sample.xml.encode("utf-8")).iter():
                if not isinstance(el.tag, str):
                    continue
                if len(el) == 0 and el.text and el.text.strip():
                    self.seen.setdefault(etree.QName(el).localname, set()).add(el.text.strip())
                for attr, value in el.attrib.items():
                    self.seen.setdefault(etree.QName(attr).localname, set()).add(value)
        self.seen_sorted = {k: sorted(v) for k, v in self.seen.items()}

    def mutate(self, sample: Sample, number: int) -> Sample:
        root = _parse(sample.xml.encode("utf-8"))
        done = []
        for _ in range(self.random.randint(1, 3)):
            operation = self.random.choice(OPERATIONS)
            done.append(getattr(self, f"_{operation}")(root))
        name = f"{sample.name} #m{number} ({'; '.join(done)})"
        return Sample(name, sample.syntax, etree.tostring(root, encoding="unicode"))

    def _other(self, name: str, current: str) -> str:
        """A value seen elsewhere for this field, one of its pool, or a junk variant."""
        choices = [v for v in self.seen_sorted.get(name, ()) if v != current][:200]
        pool = [v for v in _pool(name) if v != current]
        roll = self.random.random()
        if choices and roll < 0.45:
            return self.random.choice(choices)
        if pool and roll < 0.9:
            return self.random.choice(pool)
        return self.random.choice(("", " ", current.lower(), current + "X", current[:1],
                                   current + " "))

    def _number(self, text: str) -> str:
        value = float(text)
        decimals = len(text.split(".")[1]) if "." in text else 0
        shown = f"{{:.{decimals}f}}"
        return self.random.choice((
            shown.format(value + 1), shown.format(value - 1), shown.format(-value),
            shown.format(value * 2), shown.format(value + 0.01), shown.format(value - 0.01),
            "0", "0.00", f"{value:.4f}", str(round(value)), "", "1,5", "abc", "1e3",
            shown.format(value / 3)))

    def _date(self, text: str, iso: bool) -> str:
        fmt = "%Y-%m-%d" if iso else "%Y%m%d"
        try:
            day = dt.datetime.strptime(text, fmt)
        except ValueError:
            return "20240101"
        shifted = day + dt.timedelta(days=self.random.randint(-400, 400))
        return self.random.choice((
            shifted.strftime(fmt), shifted.strftime("%Y%m%d"), shifted.strftime("%Y-%m-%d"),
            "20231301", "19991231", "21000101", "20240230", text[:6], ""))

    def _value(self, root: etree._Element) -> str:
        leaves = [el for el in root.iter() if isinstance(el.tag, str) and len(el) == 0
                  and el is not root]
        if not leaves:
            return "value: no leaf"
        el = self.random.choice(leaves)
        text = (el.text or "").strip()
        name = etree.QName(el).localname
        if _DATE_102.match(text):
            new = self._date(text, iso=False)
        elif _DATE_ISO.match(text):
            new = self._date(text, iso=True)
        elif _NUMBER.match(text):
            new = self._number(text)
        else:
            new = self._other(name, text)
        el.text = new
        return f"{name} {text[:20]!r}->{new[:20]!r}"

    def _attribute(self, root: etree._Element) -> str:
        owners = [el for el in root.iter() if isinstance(el.tag, str) and el.attrib]
        if not owners:
            return "attribute: none"
        el = self.random.choice(owners)
        attr = self.random.choice(sorted(el.attrib))
        name = etree.QName(attr).localname
        if self.random.random() < 0.2:
            del el.attrib[attr]
            return f"@{name} removed"
        current = el.get(attr)
        new = self._number(current) if _NUMBER.match(current) and not _pool(name) \
            else self._other(name, current)
        el.set(attr, new)
        return f"@{name} {current[:20]!r}->{new[:20]!r}"

    def _candidates(self, root: etree._Element) -> list[etree._Element]:
        return [el for el in root.iter() if isinstance(el.tag, str) and el is not root]

    def _remove(self, root: etree._Element) -> str:
        candidates = self._candidates(root)
        if not candidates:
            return "remove: nothing"
        el = self.random.choice(candidates)
        el.getparent().remove(el)
        return f"removed {etree.QName(el).localname}"

    def _duplicate(self, root: etree._Element) -> str:
        candidates = self._candidates(root)
        if not candidates:
            return "duplicate: nothing"
        el = self.random.choice(candidates)
        twin = copy.deepcopy(el)
        twin.tail = el.tail
        el.addnext(twin)
        return f"duplicated {etree.QName(el).localname}"


def mutants(samples: list[Sample], syntax: str, count: int, seed: int) -> Iterator[Sample]:
    """``count`` seeded mutants of the ``syntax`` samples."""
    pool = [s for s in samples if s.syntax == syntax]
    if not pool or count <= 0:
        return
    mutator = Mutator(pool, seed)
    for number in range(count):
        yield mutator.mutate(mutator.random.choice(pool), number)


# ---------------------------------------------------------------------------------------
# The differential run

@dataclass
class RuleSetProof:
    """What the differential run found for one rule set."""

    key: str
    corpus: int = 0
    mutations: int = 0
    differences: int = 0
    errors_both: int = 0          # a transform error on both sides (equal outcomes)
    seconds_original: float = 0.0
    seconds_optimised: float = 0.0
    rules_fired: set[str] = field(default_factory=set)   # failed/reported ids seen
    examples: list[str] = field(default_factory=list)    # the first differences

    @property
    def invoices(self) -> int:
        return self.corpus + self.mutations

    @property
    def ms_original(self) -> float:
        return 1000 * self.seconds_original / max(self.invoices, 1)

    @property
    def ms_optimised(self) -> float:
        return 1000 * self.seconds_optimised / max(self.invoices, 1)

    def as_record(self) -> dict[str, object]:
        return {"passed": self.differences == 0 and self.invoices > 0,
                "corpus_invoices": self.corpus, "mutations": self.mutations,
                "differences": self.differences, "errors_on_both_sides": self.errors_both,
                "distinct_rules_fired": len(self.rules_fired),
                "ms_per_invoice_original": round(self.ms_original, 2),
                "ms_per_invoice_optimised": round(self.ms_optimised, 2),
                "first_differences": self.examples}


def _entries(svrl: str) -> list[tuple[str, ...]]:
    root = etree.fromstring(svrl.encode("utf-8"))
    out = []
    for el in root.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        text = " ".join("".join(el.itertext()).split())
        out.append((etree.QName(el).localname, el.get("id") or "", el.get("flag") or "",
                    el.get("location") or "", text))
    return out


_VIEW_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False,
                               no_network=True, huge_tree=True)


def verdict_view(svrl: str) -> bytes:
    """The SVRL as the proof compares it: without the trace elements (their content, if
    any, kept in their place), blank text between elements dropped, canonical XML."""
    root = etree.fromstring(svrl.encode("utf-8"), _VIEW_PARSER)
    etree.strip_tags(root, *(f"{{{SVRL}}}{local}" for local in TRACE))
    return etree.tostring(root, method="c14n")


def same_svrl(original: str | None, optimised: str | None) -> bool:
    """The proof's equality of two transform outcomes (an SVRL, or "ERROR ...")."""
    if original is None or optimised is None:
        return False
    if original == optimised:
        return True
    if original.startswith("ERROR ") or optimised.startswith("ERROR "):
        return False
    return verdict_view(original) == verdict_view(optimised)


def describe_difference(original: str | None, optimised: str | None) -> str:
    if original is None or optimised is None or original.startswith("ERROR ") \
            or optimised.startswith("ERROR "):
        return f"outcomes differ: original {(original or '')[:150]!r}, optimised " \
               f"{(optimised or '')[:150]!r}"
    a, b = _entries(original), _entries(optimised)
    if a == b:
        return "same asserts and reports, SVRL differs elsewhere (beyond the trace)"
    only_a = [e for e in a if e not in b][:2]
    only_b = [e for e in b if e not in a][:2]
    return f"only in original: {only_a}; only in optimised: {only_b}"


class Differential:
    """Both stylesheets of some rule sets, compiled in this process's engine."""

    def __init__(self, keys: list[str], optimised_dir: Path,
                 manifest: dict[str, object]) -> None:
        from edi.validators.schematron import RULE_SETS, process_engine

        self.engine = process_engine()
        self.processor = self.engine.processor
        compiler = self.engine.compiler
        self.pairs: dict[str, tuple[object, object]] = {}
        documents: dict[Path, object] = {}
        for key in keys:
            entry = manifest["rule_sets"][key]   # type: ignore[index]
            source = RULE_SETS[key].path
            original = compiler.compile_stylesheet(stylesheet_file=str(source))
            optimised = compiler.compile_stylesheet(
                stylesheet_file=str(optimised_dir / entry["output"]))
            for name, param in entry.get("params", {}).items():
                path = source.parent / param["file"]
                if path not in documents:
                    documents[path] = self.processor.parse_xml(xml_file_name=str(path))
                optimised.set_parameter(name, documents[path])
            self.pairs[key] = (original, optimised)

    def _run(self, executable: object, node: object) -> tuple[str | None, float]:
        """(SVRL, seconds); a transform error as ``ERROR <message>``, the message without
        the stylesheet's file name and line numbers, which differ by construction."""
        from saxonche import PySaxonApiError

        started = time.perf_counter()
        try:
            out = executable.transform_to_string(xdm_node=node)  # type: ignore[attr-defined]
        except PySaxonApiError as exc:
            out = "ERROR " + _STYLESHEET_PLACE.sub("", str(exc))
        return out, time.perf_counter() - started

    def judge(self, key: str, sample: Sample, proof: RuleSetProof) -> bool:
        """Judge ``sample`` by both stylesheets of ``key``; True when the SVRL is equal."""
        node = self.processor.parse_xml(xml_text=sample.xml)
        original, optimised = self.pairs[key]
        first, second = (original, optimised) if proof.invoices % 2 else (optimised, original)
        out_first, t_first = self._run(first, node)
        out_second, t_second = self._run(second, node)
        if first is original:
            out_a, out_b, t_a, t_b = out_first, out_second, t_first, t_second
        else:
            out_a, out_b, t_a, t_b = out_second, out_first, t_second, t_first
        proof.seconds_original += t_a
        proof.seconds_optimised += t_b
        if out_a == out_b and out_a is not None and out_a.startswith("ERROR "):
            proof.errors_both += 1
            return True
        if same_svrl(out_a, out_b):
            assert out_a is not None
            if "failed-assert" in out_a or "successful-report" in out_a:
                proof.rules_fired.update(e[1] or e[4][:40] for e in _entries(out_a))
            return True
        proof.differences += 1
        if len(proof.examples) < 5:
            proof.examples.append(f"{sample.name}: {describe_difference(out_a, out_b)}")
        return False


def syntax_of_rule_set(key: str) -> str:
    """The syntax a rule set judges: every UBL one says so in its name."""
    return "UBL" if "UBL" in key else "CII"


def prove(keys: list[str], samples: list[Sample], mutations: int, seed: int,
          optimised_dir: Path, manifest: dict[str, object],
          progress: Callable[[str], None] | None = None,
          warm_up: bool = False) -> dict[str, RuleSetProof]:
    """Judge every sample of each rule set's syntax, then ``mutations`` mutants in all,
    dealt round-robin to the rule sets (each rule set's mutants seeded from ``seed`` and
    its position, so that a rule set's run does not depend on which others run).

    ``warm_up``: first judge the corpus once untimed by both stylesheets (Saxon compiles
    each template on its first use), so that the timings compare warm stylesheets."""
    differential = Differential(keys, optimised_dir, manifest)
    results = {}
    for index, key in enumerate(keys):
        syntax = syntax_of_rule_set(key)
        if warm_up:
            untimed = RuleSetProof(key)
            for sample in samples:
                if sample.syntax == syntax:
                    differential.judge(key, sample, untimed)
        proof = RuleSetProof(key)
        for sample in samples:
            if sample.syntax == syntax:
                differential.judge(key, sample, proof)
                proof.corpus += 1
        share = mutations // len(keys) + (1 if index < mutations % len(keys) else 0)
        for mutant in mutants(samples, syntax, share, seed * 1000 + index):
            differential.judge(key, mutant, proof)
            proof.mutations += 1
        results[key] = proof
        if progress:
            progress(f"{key}: {proof.invoices} invoices ({proof.mutations} mutations), "
                     f"{proof.differences} differences, {proof.ms_original:.1f} -> "
                     f"{proof.ms_optimised:.1f} ms per invoice")
    return results
