"""Run a generated native rule set on an invoice: the SVRL entries saxonche would write.

Within each pattern, the first rule (highest priority) whose context matches a node takes
it, as the compiled Schematron's templates do; the entries come in the SVRL's order
(pattern, then document order of the context nodes, then assert order). A ``Fallback``
from any rule means the native result is not certain for this invoice: the caller judges
it with saxonche instead.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from lxml import etree

from edi.validators.native.runtime import Document, Fallback

__all__ = ["Entry", "Fallback", "NativeRuleSet", "full_path", "load_module"]


@dataclass(frozen=True)
class Entry:
    """One failed assert (or successful report), as the SVRL would carry it."""

    report: bool
    id: str
    flag: str
    location: str        # Saxon's full path: /*:Invoice[namespace-uri()='...'][1]/...
    text: str


def full_path(node: etree._Element, cache: dict[etree._Element, str]) -> str:
    """The compiled Schematron's ``schematron-get-full-path`` of an element."""
    found = cache.get(node)
    if found is not None:
        return found
    parent = node.getparent()
    head = full_path(parent, cache) if parent is not None else ""
    tag = node.tag
    position = 1 + sum(1 for sibling in node.itersiblings(preceding=True) if sibling.tag == tag)
    qname = etree.QName(node)
    if qname.namespace:
        step = f"/*:{qname.localname}[namespace-uri()='{qname.namespace}'][{position}]"
    else:
        step = f"/{qname.localname}[{position}]"
    cache[node] = head + step
    return head + step


def _under(node: etree._Element, up: tuple[str, ...], rooted: bool) -> bool:
    """Whether ``node``'s parents, nearest first, have these names (``*`` any), and the
    farthest of them is the root element when ``rooted``."""
    parent = node.getparent()
    for name in up:
        if parent is None or (name != "*" and parent.tag != name):
            return False
        parent = parent.getparent()
    return parent is None if rooted else True


def load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class NativeRuleSet:
    """A generated rule set module, ready to judge invoices."""

    def __init__(self, key: str, module: ModuleType) -> None:
        self.key = key
        self.module = module
        self.patterns = module.PATTERNS
        self.complete = all(ctx is not None for _, rules in self.patterns
                            for ctx, *_ in rules)
        # the names a match-form context ends on: a rule none of whose names is in the
        # invoice matches nothing (in XPath 1.0 and 2.0 alike), and is skipped whole
        self.names = {id(ctx): frozenset(tag for tag, *_ in ctx)
                      for _, rules in self.patterns for ctx, *_ in rules
                      if isinstance(ctx, tuple)}

    def candidates(self, context: object, doc: etree._ElementTree,
                   root: etree._Element) -> list[etree._Element]:
        """The nodes a rule context matches, in document order: an XPath selection, or
        (name, test, parents, rooted) forms looked up in the invoice's index of elements
        by name (``compiler._match_form``)."""
        if not isinstance(context, tuple):
            return context(doc)   # type: ignore[operator]
        index = self._elements(root)
        found: list[etree._Element] = []
        for tag, test, up, rooted in context:
            nodes = index.get(tag, ())
            if up is not None:
                nodes = [n for n in nodes if _under(n, up, rooted)]
            found.extend(nodes if test is None else [n for n in nodes if test(n)])
        if len(context) > 1:
            found = sorted({id(n): n for n in found}.values(), key=Document.position)
        return found

    def _elements(self, root: etree._Element) -> dict[object, list[etree._Element]]:
        """The invoice's elements by name, in document order (built once per invoice)."""
        if self._index is None:
            index: dict[object, list[etree._Element]] = {}
            for el in root.iter():
                index.setdefault(el.tag, []).append(el)
            self._index = index
        return self._index

    def judge(self, tree: etree._ElementTree | etree._Element) -> list[Entry]:
        """The entries of this rule set on ``tree``; raises Fallback when not certain."""
        if not self.complete:
            raise Fallback(f"{self.key}: some rules are not native")
        doc = tree if isinstance(tree, etree._ElementTree) else tree.getroottree()
        root = doc.getroot()
        Document.start(root)
        self._index: dict[object, list[etree._Element]] | None = None
        G = self.module.global_lets(doc)
        present = self._elements(root).keys()
        paths: dict[etree._Element, str] = {}
        order: dict[etree._Element, int] | None = None
        out: list[Entry] = []
        for _mode, rules in self.patterns:
            claimed: set[etree._Element] = set()
            found: list[tuple[etree._Element, int, Entry]] = []
            contributing = 0
            for context, doubt, rule, _priority, table in rules:
                names = self.names.get(id(context))
                if names is not None and names.isdisjoint(present):
                    continue
                if doubt is not None and doubt(doc):
                    raise Fallback(f"{self.key}: a rule context may differ in XPath 1.0")
                matched = False
                for node in self.candidates(context, doc, root):
                    if node in claimed:
                        continue
                    claimed.add(node)
                    matched = True
                    if rule is None:
                        continue
                    fired = rule(node, G)
                    for index in sorted(fired):
                        report, rule_id, flag, text = table[index]
                        dynamic = fired[index]
                        if dynamic is not None:
                            text = " ".join(dynamic.split())
                        found.append((node, index, Entry(report, rule_id, flag,
                                                         full_path(node, paths), text)))
                contributing += matched
            if contributing > 1 and len(found) > 1:
                if order is None:
                    order = {el: i for i, el in enumerate(root.iter())}
                found.sort(key=lambda item: (order[item[0]], ))
            out.extend(entry for _, _, entry in found)
        return out
