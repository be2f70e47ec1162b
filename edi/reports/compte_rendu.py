"""The compte rendu (CR) of a flow, in JSON and XML, from one dict.

``build`` makes a JSON-ready dict; ``to_json`` and ``to_xml`` render that same dict. The
XML is written directly, in the order of ``schemas/compte-rendu.xsd``: the dict's key
order is the XSD's sequence order for child elements, which also keeps the JSON stable.
``to_xml_tree`` builds it as an lxml tree; ``to_xml`` writes, as text, the very bytes
lxml's serialiser writes for that tree, indented (the tests hold the two equal). That
the reports ``build`` makes conform to the XSD is established by the tests (every report
shape, real flows and seeded random ones, validated with lxml's XMLSchema
and rendered byte for byte as xmlschema's encoder did), not paid for on every flow:
encoding with xmlschema was most of the cost of processing a flow. Setting
``EDI_CR_VALIDATE_EVERY`` to N validates one XML CR in N against the XSD at run time (1:
every one); one that does not conform raises, so it is never written.

Mapping between the two, names being the JSON keys: a scalar is an attribute of the
record that holds it (the flow's on ``<compte_rendu>``, an invoice's on ``<invoice>``...),
except a finding's message, which is the text of ``<finding>``; a sub-record (seller,
buyer, totals) is a child element; a JSON list is a wrapper element with one child per
item (``_ITEM`` names them); a JSON null is an absent attribute or element. Scalars are
written in their XSD lexical form: booleans ``true``/``false``, integers in decimal,
doubles as Python writes them (``NaN``, ``INF`` and ``-INF`` aside), times as ``build``
made them (ISO 8601 with Z). Children are indented by four spaces, as xmlschema did.

Where the schema files are found: the real files live in ``schemas/`` at the project root
(the issue asks for them there). ``edi/reports/schemas`` is a git-tracked symlink to them,
listed as package data, so a built wheel carries real copies and the package finds them
with ``importlib.resources``; a checkout where the symlink did not survive (Windows
without core.symlinks) falls back to the root folder next to the package.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

from edi.durable import DurableBatch
from edi.model import Document, Finding, Flow, FlowStatus, Invoice, LayerRun, RuleSet, Syntax

NAMESPACE = "urn:edi-flux:compte-rendu:1"
VERSION = 1
XSD_NAME = "compte-rendu.xsd"
JSON_SCHEMA_NAME = "compte-rendu.schema.json"
JSON_SUFFIX = ".cr.json"
XML_SUFFIX = ".cr.xml"
# One XML CR in this many is validated against the XSD at run time (unset or 0: none).
VALIDATE_ENV = "EDI_CR_VALIDATE_EVERY"

# JSON list key -> XML child element name inside the wrapper of the same name.
_ITEM = {"invoices": "invoice", "findings": "finding", "layers": "layer",
         "rule_sets": "rule_set", "history": "event", "lifecycle": "lifecycle_status"}
# The one scalar carried as element text rather than as an attribute: a finding's message,
# the only long free-form value, reads better as text.
_TEXT = "message"

# Characters XML 1.0 cannot carry, and lone surrogates (undecodable file names read with
# surrogateescape) which UTF-8 cannot: a report must be writable whatever was deposited.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# -- schema files ------------------------------------------------------------------------

def schema_path(name: str) -> Path:
    """The path of a published schema file (``XSD_NAME`` or ``JSON_SCHEMA_NAME``)."""
    packaged = resources.files("edi.reports").joinpath("schemas", name)
    if packaged.is_file():
        return Path(str(packaged))
    root = Path(__file__).resolve().parents[2] / "schemas" / name
    if root.is_file():
        return root
    raise FileNotFoundError(f"compte rendu schema {name} is neither in edi/reports/schemas "
                            f"nor in {root.parent}")


@cache
def xml_schema() -> etree.XMLSchema:
    """The compiled XSD (lxml); a per-process cache, compiled only when a CR is checked."""
    return etree.XMLSchema(etree.parse(str(schema_path(XSD_NAME))))


def json_schema() -> dict[str, Any]:
    return json.loads(schema_path(JSON_SCHEMA_NAME).read_text(encoding="utf-8"))


# -- building ----------------------------------------------------------------------------

def build(flow: Flow, documents: Sequence[Document], status: FlowStatus, *,
          reason: str | None, finished_at: datetime, history: list[dict],
          outputs: dict[int, str], rule_sets: Sequence[RuleSet] | None = None,
          scenario: str | None = None, findings: Iterable[Finding] = (),
          lifecycle: Mapping[int, list[dict]] | None = None) -> dict:
    """The compte rendu of ``flow`` as a JSON-ready dict (content bytes are left out).

    A document with ``seq`` 0 stands for the flow itself (the ledger's convention): its
    findings are reported as the flow's, with ``findings``, not as an invoice.
    ``rule_sets`` defaults to those the documents name, in order of first appearance.
    A CDAR lifecycle message claims no invoice status: its entry lists the statuses it
    carried, ``lifecycle`` by seq (``edi.lifecycle.report.carried``).
    """
    invoices = [d for d in documents if d.seq != 0]
    flow_findings = [*findings, *(f for d in documents if d.seq == 0 for f in d.findings)]
    if rule_sets is None:
        rule_sets = list(dict.fromkeys(r for d in documents for r in d.rule_sets))
    if scenario is None:  # the flow's: its invoices' scenarios, by name
        scenario = ", ".join(dict.fromkeys(d.scenario.name for d in invoices
                                           if d.scenario is not None)) or None
    report = {
        "version": VERSION,
        "flow_id": flow.flow_id,
        "file_name": flow.file_name,
        "format": flow.format,
        "interface": flow.interface,
        "sha256": flow.sha256,
        "size": flow.size,
        "received_at": _utc(flow.received_at),
        "finished_at": _utc(finished_at),
        "status": str(status),
        "reason": str(reason) if reason else None,
        "scenario": scenario,
        "rule_sets": _rule_sets(rule_sets),
        # invoices only: a lifecycle message (CDAR) is listed but not counted, as the ledger
        "invoice_count": sum(1 for d in invoices if d.syntax is not Syntax.CDAR),
        "accepted_count": sum(1 for d in invoices if d.syntax is not Syntax.CDAR
                              and not d.fatal),
        "invoices": [_invoice(d, outputs.get(d.seq)) if d.syntax is not Syntax.CDAR
                     else _message(d, (lifecycle or {}).get(d.seq, [])) for d in invoices],
        "findings": [f.to_dict() for f in flow_findings],
        "history": [{"status": str(h["status"]), "at": _utc(h["at"]),
                     "detail": h.get("detail")} for h in history],
    }
    return _writable(report)


def _invoice(d: Document, output: str | None) -> dict[str, Any]:
    inv = d.invoice
    status = d.status
    return {
        "seq": d.seq,
        "name": d.name,
        "number": inv.number if inv else None,
        "issue_date": inv.issue_date if inv else None,
        "type_code": inv.type_code if inv else None,
        "format": d.format,
        "profile": str(d.profile) if d.profile else None,
        "document_type": d.document_type,
        "currency": inv.currency if inv else None,
        "buyer_reference": inv.buyer_reference if inv else None,
        "purchase_order": inv.purchase_order if inv else None,
        "seller": _party(inv, "seller") if inv else None,
        "buyer": _party(inv, "buyer") if inv else None,
        "totals": {"without_vat": inv.total_without_vat, "vat": inv.total_vat,
                   "with_vat": inv.total_with_vat, "amount_due": inv.amount_due}
        if inv else None,
        "line_count": inv.line_count if inv else None,
        "status": status.name,
        "status_code": status.code,
        "reason": str(d.reason) if d.reason else None,
        "output_name": output,
        "scenario": d.scenario.to_dict() if d.scenario is not None else None,
        "rule_sets": _rule_sets(d.rule_sets),
        "layers": [_layer(run) for run in d.layers],
        "findings": [f.to_dict() for f in d.findings],
    }


def _message(d: Document, carried: list[dict]) -> dict[str, Any]:
    """A lifecycle message's entry: no invoice verdict, the statuses it carried."""
    entry = _invoice(d, None)
    del entry["status"], entry["status_code"]
    entry["lifecycle"] = carried
    return entry


def _party(inv: Invoice, role: str) -> dict[str, str | None]:
    return {key: getattr(inv, f"{role}_{key}")
            for key in ("name", "siret", "siren", "vat", "country")}


def _layer(run: LayerRun) -> dict[str, Any]:
    return {"name": run.layer, "ran": run.ran, "seconds": round(max(run.seconds, 0.0), 6),
            "finding_count": run.findings, "note": run.note or None}


def _rule_sets(rule_sets: Iterable[RuleSet]) -> list[dict[str, str | None]]:
    """Each rule set as the layers recorded it: name, version, source, note."""
    return [r.to_dict() for r in rule_sets]


def _utc(value: datetime | str) -> str:
    """ISO 8601 in UTC with 'Z'; a naive time is taken as UTC, as the ledger stores it."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _writable(report: dict) -> dict:
    """``report`` with every text made writable: itself (the commonest case by far) when
    one search over all its texts, joined, finds nothing to replace; else ``_clean``'s
    copy. One regular-expression call per report instead of one per text."""
    texts: list[str] = []
    _texts(report, texts)
    if _UNWRITABLE.search("\n".join(texts)) is None:
        return report
    return _clean(report)


def _texts(value: dict | list, out: list[str]) -> None:
    """Append every text ``value`` holds, however deep (keys aside: ``build`` names them)."""
    for item in (value.values() if type(value) is dict else value):
        kind = type(item)
        if kind is str:
            out.append(item)
        elif kind is dict or kind is list:
            _texts(item, out)
        elif isinstance(item, str):   # as _clean: exact dicts and lists, any text
            out.append(item)


def _clean(value: Any) -> Any:
    """``value`` with every text made writable (``_UNWRITABLE`` replaced); numbers,
    booleans and nulls, most of a report, are passed over without a call."""
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in _PLAIN else _clean(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _PLAIN else _clean(v) for v in value]
    if isinstance(value, str):
        return _UNWRITABLE.sub("\ufffd", value)
    return value


_PLAIN = frozenset({int, float, bool, type(None)})


# -- rendering ---------------------------------------------------------------------------

def to_json(report: dict) -> bytes:
    """UTF-8 JSON, indented, keys in the report's (schema) order, French text unescaped.

    The bytes of ``json.dumps(report, ensure_ascii=False, indent=2)`` plus a newline, made
    by ``_json`` for a ``build`` dict: the standard library encodes indented JSON in pure
    Python, a generator per value, which was the parent's largest cost per flow. Anything
    ``_json`` does not know (a non-text key, a type of value ``build`` never makes) goes
    to ``json.dumps`` itself, which then decides.
    """
    out: list[str] = []
    try:
        _json(report, "\n", out)
    except _NotPlain:
        return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    out.append("\n")
    return "".join(out).encode("utf-8")


class _NotPlain(Exception):
    """A value ``_json`` leaves to ``json.dumps``."""


_quote = json.encoder.encode_basestring   # the C function json.dumps uses for text


def _json(value: Any, newline: str, out: list[str]) -> None:
    """Append ``value`` as ``json.dumps(indent=2, ensure_ascii=False)`` writes it, when
    it is text, a number, a boolean, null, or a dict (text keys) or list of those."""
    kind = type(value)
    if kind is str:
        out.append(_quote(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        opening = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            out.append(opening)
            out.append(_quote(key))
            out.append(": ")
            if type(item) is str:   # the commonest value, without a call
                out.append(_quote(item))
            else:
                _json(item, inner, out)
            opening = "," + inner
        out.append(newline + "}")
    elif kind is list:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        opening = "[" + inner
        for item in value:
            out.append(opening)
            _json(item, inner, out)
            opening = "," + inner
        out.append(newline + "]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        if value != value:
            out.append("NaN")
        elif value in (math.inf, -math.inf):
            out.append("Infinity" if value > 0 else "-Infinity")
        else:
            out.append(float.__repr__(value))
    elif isinstance(value, str):   # a str enum member: json.dumps writes its text
        out.append(_quote(value))
    else:
        raise _NotPlain


def to_xml(report: dict, *, validate: bool | None = None) -> bytes:
    """The XML CR of ``report`` (a ``build`` dict), UTF-8 with an XML declaration.

    ``validate`` True checks it against the XSD and raises ``ValueError`` if it does not
    conform; None (the default) checks one CR in ``EDI_CR_VALIDATE_EVERY``; False never.

    Written as text by ``_element``: the bytes lxml writes for the tree ``_fill`` builds,
    indented (``to_xml_tree``, which the tests hold it to), at a third of the cost, since
    building the tree element by element was the parent's largest cost per flow. A
    record ``_element`` does not know the shape of (text beside children, a type of value
    ``build`` never makes) goes through the tree instead, which then decides.
    """
    if validate or (validate is None and _sampled()):
        check(to_xml_tree(report))
    out = [_DECLARATION, "<compte_rendu"]
    try:
        _element(report, "compte_rendu", 0, out, _ROOT_NAMESPACE)
    except _NotPlain:
        return _tree_bytes(report)
    out.append("\n")
    text = "".join(out)
    if _UNWRITABLE.search(text):   # not from build: lxml refuses it, naming the text
        return _tree_bytes(report)
    return text.encode("utf-8")


def to_xml_tree(report: dict) -> etree._Element:
    """The XML CR of ``report`` as an lxml tree, not indented: what ``to_xml`` writes."""
    root = etree.Element(_TAG["compte_rendu"], nsmap={None: NAMESPACE})
    _fill(root, report)
    return root


def _tree_bytes(report: dict) -> bytes:
    root = to_xml_tree(report)
    etree.indent(root, space="    ")
    return etree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
_ROOT_NAMESPACE = f' xmlns="{NAMESPACE}"'
_INDENT = "    "
# What libxml2 escapes when it writes attribute values and text (UTF-8 output).
_ATTR_SPECIAL = re.compile('[&<>"\r\n\t]')
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"})
_TEXT_SPECIAL = re.compile("[&<>\r]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def _element(record: dict[str, Any], tag: str, depth: int, out: list[str],
             head: str = "") -> None:
    """Append the element ``tag`` holding ``record``, as ``_fill`` then lxml's indent and
    serialiser write it, its start tag's ``<tag`` already in ``out``; ``head`` goes
    first among its attributes (the root's namespace declaration)."""
    if head:
        out.append(head)
    inner: list[str] = []
    text: str | None = None
    pad = "\n" + _INDENT * (depth + 1)
    for key, value in record.items():
        if value is None:
            continue
        kind = type(value)
        if kind is str:
            if key == _TEXT:
                text = value
                continue
        elif kind is list:
            inner.append(f"{pad}<{key}")
            if value:
                inner.append(">")
                item = _ITEM[key]
                item_pad = pad + _INDENT
                for entry in value:
                    if type(entry) is not dict:
                        raise _NotPlain
                    inner.append(f"{item_pad}<{item}")
                    _element(entry, item, depth + 2, inner)
                inner.append(f"{pad}</{key}>")
            else:
                inner.append("/>")
            continue
        elif kind is dict:
            inner.append(f"{pad}<{key}")
            _element(value, key, depth + 1, inner)
            continue
        elif kind is int:
            out.append(f' {key}="{int.__repr__(value)}"')
            continue
        else:
            value = _lexical(key, value)
        if _ATTR_SPECIAL.search(value):
            value = value.translate(_ATTR_ESCAPES)
        out.append(f' {key}="{value}"')
    if inner:
        if text is not None:
            raise _NotPlain
        out.append(">")
        out.extend(inner)
        out.append(f"\n{_INDENT * depth}</{tag}>")
    elif text is not None:
        if _TEXT_SPECIAL.search(text):
            text = text.translate(_TEXT_ESCAPES)
        out.append(f">{text}</{tag}>")
    else:
        out.append("/>")


def check(element: etree._Element) -> None:
    """Raise ``ValueError`` unless ``element`` is a compte rendu conforming to the XSD."""
    schema = xml_schema()
    if not schema.validate(element):
        problems = "; ".join(f"{e.path}: {e.message}" for e in schema.error_log)
        raise ValueError(f"compte rendu of flow {element.get('flow_id')!r} does not conform "
                         f"to {XSD_NAME}: {problems}")


class _Tags(dict[str, str]):
    """Qualified tag of each element name, made once."""

    def __missing__(self, name: str) -> str:
        tag = self[name] = f"{{{NAMESPACE}}}{name}"
        return tag


_TAG = _Tags()


def _fill(element: etree._Element, record: dict[str, Any]) -> None:
    """Put ``record`` into ``element``: scalars as attributes (a finding's message as its
    text), sub-records as child elements, lists as wrappers of ``_ITEM`` children, in the
    record's (the XSD's) order; nulls are left out."""
    subelement = etree.SubElement
    attribute = element.set
    for key, value in record.items():
        if value is None:
            continue
        kind = type(value)
        if kind is str:
            if key == _TEXT:
                element.text = value
            else:
                attribute(key, value)
        elif kind is list:
            wrapper = subelement(element, _TAG[key])
            if value:
                tag = _TAG[_ITEM[key]]
                for item in value:
                    _fill(subelement(wrapper, tag), item)
        elif kind is dict:
            _fill(subelement(element, _TAG[key]), value)
        elif kind is int:  # the commonest non-text scalar, spelled out for speed
            attribute(key, str(value))
        else:
            attribute(key, _lexical(key, value))


def _lexical(key: str, value: object) -> str:
    """A non-text scalar as the XSD writes it (xs:boolean, integers, xs:double)."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "INF" if value > 0 else "-INF"
        return str(value)
    if isinstance(value, str):  # a str subclass (an enum member)
        return str.__str__(value)
    raise TypeError(f"compte rendu field {key!r}: {type(value).__name__} {value!r} has no "
                    f"XML form; expected text, a boolean, an integer or a float")


_rendered = itertools.count()


def _sampled() -> bool:
    every = _validate_every()
    return every > 0 and next(_rendered) % every == 0


@cache
def _validate_every() -> int:
    """``EDI_CR_VALIDATE_EVERY`` read once per process: 0 (unset) never validates."""
    raw = os.environ.get(VALIDATE_ENV, "").strip()
    if not raw:
        return 0
    if not (raw.isascii() and raw.isdigit()):
        raise ValueError(f"{VALIDATE_ENV}={raw!r}: expected a whole number of reports "
                         f"(0: validate none, 1: every one, 1000: one in 1000)")
    return int(raw)


# -- files -------------------------------------------------------------------------------

def paths(folder: Path, flow_id: str) -> tuple[Path, Path]:
    return folder / f"{flow_id}{JSON_SUFFIX}", folder / f"{flow_id}{XML_SUFFIX}"


def write(report: dict, folder: Path) -> tuple[Path, Path]:
    """Write ``<flow_id>.cr.json`` and ``<flow_id>.cr.xml`` durably; a redo overwrites.

    Both are rendered before either is written, so a report that cannot be encoded leaves
    no half pair behind. The directory is fsynced once, after both renames.
    """
    return write_many([report], folder)[0]


def write_many(reports: Sequence[dict], folder: Path) -> list[tuple[Path, Path]]:
    """``write`` for a batch of flows: one directory fsync for all (fsyncs dominate)."""
    folder = Path(folder)
    rendered = [(r["flow_id"], to_json(r), to_xml(r)) for r in reports]
    batch = DurableBatch()
    for flow_id, json_bytes, xml_bytes in rendered:
        json_path, xml_path = paths(folder, flow_id)
        batch.write(json_path, json_bytes)
        batch.write(xml_path, xml_bytes)
    batch.commit()
    return [paths(folder, flow_id) for flow_id, _, _ in rendered]


def read(folder: Path, flow_id: str) -> dict | None:
    """The JSON compte rendu of ``flow_id`` in ``folder``, or None when there is none."""
    try:
        data = paths(Path(folder), flow_id)[0].read_bytes()
    except FileNotFoundError:
        return None
    return json.loads(data)
