"""The rules catalogue: every rule id edi-flux can report, with its layer, severity and text.

The official rules are read from the very XSLT files that judge invoices, so the
catalogue cannot drift from the verdicts. Our own layers contribute by convention, with
nothing to register: any module of ``edi.parsers`` or ``edi.validators`` that exposes
``RULES`` (a dict of rule id -> ``(severity, text, ...)``) is read, its layer named by its
``LAYER`` attribute when it has one.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from lxml import etree

XSL = "http://www.w3.org/1999/XSL/Transform"
SVRL = "http://purl.oclc.org/dsdl/svrl"
CONTRIBUTING_PACKAGES = ("edi.parsers", "edi.validators")
PACKAGE_LAYERS = {"edi.parsers": "xml"}   # a package's default layer when a module names none


@dataclass(frozen=True)
class Rule:
    rule_id: str
    layer: str
    severity: str                  # "fatal" or "warning", as the source flags it
    text: str
    sources: tuple[str, ...] = ()  # rule sets (with versions) or modules that define it
    note: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"rule_id": self.rule_id, "layer": self.layer, "severity": self.severity,
                "text": self.text, "sources": list(self.sources), "note": self.note}


FX_NOTE = ("Factur-X container rule: binding as the official Factur-X Schematron states it, "
           "fatal by default in a Factur-X PDF and in plain CII ([schematron] "
           "fx_severity_pdf / fx_severity_xml)")


def schematron_rules() -> list[Rule]:
    """The rules of every official rule set, as the layers will report them."""
    from edi.validators.schematron import RULE_SETS, rule_identity, rule_set_label

    out: list[Rule] = []
    for key, rule_set in RULE_SETS.items():
        label = rule_set_label(key)
        for raw_id, flag, text in _asserts(str(rule_set.path)):
            rule_id, number = rule_identity(raw_id, text, report=False)
            note = FX_NOTE if rule_id.startswith("FX-SCH") else ""
            if number:
                note = f"numbered {number} in {key}"
            severity = "warning" if flag in ("warning", "information", "info") else "fatal"
            out.append(Rule(rule_id, rule_set.layer, severity, text, (label,), note))
    return out


@cache
def _asserts(path: str) -> tuple[tuple[str | None, str, str], ...]:
    """(id, flag, text) of each failed-assert of a compiled Schematron (per-process cache).

    Reports without id are Factur-X's 'not used in this profile' checks: one rule,
    FX-SCH-UNUSED, described by the schematron layer's own RULES.
    """
    tree = etree.parse(path, etree.XMLParser(huge_tree=True, remove_comments=True))
    found = []
    for el in tree.iter(f"{{{SVRL}}}failed-assert"):
        attrs = {a.get("name"): " ".join(a.itertext()).strip()
                 for a in el.findall(f"{{{XSL}}}attribute")}
        text_el = el.find(f"{{{SVRL}}}text")
        found.append((attrs.get("id") or None, (attrs.get("flag") or "fatal").lower(),
                      _text(text_el) if text_el is not None else ""))
    return tuple(found)


def _text(el: etree._Element) -> str:
    """The rule text, with each computed value shown as {xpath}."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == f"{{{XSL}}}value-of":
            parts.append("{" + child.get("select", "") + "}")
        else:
            parts.append("".join(child.itertext()))
        tail = child.tail or ""
        parts.append(tail if tail.strip() else "")  # as XSLT strips whitespace-only text
    return " ".join("".join(parts).split())


def module_rules(problems: list[str]) -> list[Rule]:
    """The RULES of every module of our own layers that has one. A module that does not
    import is named in ``problems`` (the catalogue is then incomplete, and says so)."""
    out: list[Rule] = []
    for package_name in CONTRIBUTING_PACKAGES:
        try:
            package = importlib.import_module(package_name)
        except ImportError as exc:
            problems.append(f"{package_name}: not imported ({exc}); its rules are not listed")
            continue
        for info in pkgutil.iter_modules(package.__path__, package_name + "."):
            if info.name.endswith("_settings") or info.ispkg:
                continue
            try:
                module = importlib.import_module(info.name)
            except ImportError as exc:
                problems.append(f"{info.name}: not imported ({exc}); its rules are not listed")
                continue
            rules = getattr(module, "RULES", None)
            if not isinstance(rules, Mapping):
                continue
            layer = getattr(module, "LAYER", None)
            if not isinstance(layer, str):
                layer = PACKAGE_LAYERS.get(package_name, info.name.rsplit(".", 1)[-1])
            out.extend(_contributed(rules, layer, info.name))
    return out


def _contributed(rules: Mapping[str, object], layer: str, source: str) -> Iterable[Rule]:
    """A module's rules. An entry with a ``catalogue_entry()`` method says its own
    (severity, text, note) — e.g. the identifier checks, whose note says in which scenario
    a check is fatal and which text makes it so; otherwise (severity, text, ...)."""
    for rule_id, value in rules.items():
        describe = getattr(value, "catalogue_entry", None)
        if callable(describe):
            severity, text, note = describe()
            yield Rule(rule_id, layer, str(severity).lower(), text, (source,), note)
            continue
        parts = list(value) if isinstance(value, tuple | list) else [value]
        severity = str(getattr(parts[0], "value", parts[0])).lower() if parts else "fatal"
        text = " / ".join(str(p) for p in parts[1:])
        note = FX_NOTE if rule_id.startswith("FX-SCH") else ""
        yield Rule(rule_id, layer, severity, text, (source,), note)


@dataclass(frozen=True)
class Catalogue:
    rules: dict[str, Rule]
    problems: tuple[str, ...] = ()   # contributing modules that could not be read


@cache
def catalogue() -> Catalogue:
    """Rule id -> Rule, merged across rule sets: the first text (CEN's own wording for the
    CEN rules), the most severe flag, every source. Built once per process."""
    problems: list[str] = []
    merged: dict[str, Rule] = {}
    for rule in [*module_rules(problems), *schematron_rules()]:
        known = merged.get(rule.rule_id)
        if known is None:
            merged[rule.rule_id] = rule
            continue
        sources = known.sources + tuple(s for s in rule.sources if s not in known.sources)
        severity = "fatal" if "fatal" in (known.severity, rule.severity) else known.severity
        layers = known.layer.split(",")
        layer = ",".join(layers + [x for x in rule.layer.split(",") if x not in layers])
        merged[rule.rule_id] = Rule(known.rule_id, layer, severity, known.text or rule.text,
                                    sources, known.note or rule.note)
    rules = dict(sorted(merged.items(), key=lambda item: _natural(item[0])))
    return Catalogue(rules, tuple(problems))


def _natural(rule_id: str) -> list[object]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", rule_id)]


def explain(rule_id: str) -> Rule | None:
    rules = catalogue().rules
    return rules.get(rule_id) or rules.get(rule_id.upper())
