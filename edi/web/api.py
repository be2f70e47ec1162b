"""The JSON API behind the dashboard, and its OpenAPI description.

The pages and the API parse filters with the same function (``flow_query``), so what an
ops tool gets from ``/api/flows`` is exactly what the list page shows.

The API never shows where things live on the server (``Public``): files are reached by
their download links, a flow's source is named relative to the inbox, and paths in
messages become the name of the folder's setting (``<outbox>/FA-1.xml``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from starlette.datastructures import QueryParams

from edi.config import FOLDERS, Settings
from edi.ledger import FlowQuery
from edi.model import FlowStatus

MAX_LIMIT = 500
COUNT_CAP = 10_000
FORMATS = ("UBL", "CII", "FACTURX")

# Flow columns published by the API: internal paths (archive_path) stay private.
FLOW_FIELDS = ("flow_id", "file_name", "interface", "source", "format", "status", "reason",
               "detail", "received_at", "updated_at", "finished_at", "attempts",
               "next_attempt_at", "invoice_count", "accepted_count", "supplier", "buyer",
               "size", "sha256", "seconds")
INVOICE_FIELDS = ("seq", "name", "number", "issue_date", "type_code", "format", "profile",
                  "seller_name", "seller_id", "buyer_name", "buyer_id", "currency",
                  "total_with_vat", "status", "status_code", "reason", "output_name",
                  "findings", "lifecycle", "lifecycle_status")


class BadQuery(ValueError):
    """A filter the API cannot understand; answered with 400 and this message."""


@dataclass(frozen=True)
class Listing:
    query: FlowQuery
    params: dict[str, str]     # the filters as given, to rebuild links (pagination)


def _parse_time(value: str, name: str, end: bool) -> datetime:
    """An ISO date (whole day; ``until`` includes it) or an ISO date-time (UTC if naive)."""
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            start = datetime(d.year, d.month, d.day, tzinfo=UTC)
            return start + timedelta(days=1) if end else start
        t = datetime.fromisoformat(value.upper())  # RFC 3339 allows "t" and "z"
        if t.tzinfo:
            t = t.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise BadQuery(f"{name}: expected an ISO date (2025-03-14) or date-time "
                       f"(2025-03-14T10:00:00Z), got {value!r}") from exc
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _int(params: QueryParams, name: str, default: int, low: int, high: int,
         strict: bool = False) -> int:
    raw = params.get(name)
    if raw is None or (raw == "" and not strict):
        return default
    try:
        n = int(raw)
    except ValueError as exc:
        raise BadQuery(f"{name}: expected an integer, got {raw!r}") from exc
    if not low <= n <= high:
        raise BadQuery(f"{name}: expected {low}..{high}, got {n}")
    return n


def flow_query(params: QueryParams, page_size: int, strict: bool = False) -> Listing:
    """FlowQuery from query parameters: status (repeatable or comma-separated), since,
    until, format, supplier, buyer, q (flow id, invoice number or SIRET), limit, offset.

    The HTML form sends empty fields for "any"; ``strict`` (the API) refuses an empty
    date, format or number instead, as the OpenAPI description says (an empty status
    is the empty array: any status).
    """
    if strict:
        empty = [k for k in ("since", "until", "format", "limit", "offset")
                 if any(v.strip() == "" for v in params.getlist(k))]
        if empty:
            raise BadQuery(f"{empty[0]}: empty value; leave the parameter out instead")
    statuses: list[str] = []
    for raw in params.getlist("status"):
        parts = [x.strip() for x in raw.split(",")] if raw.strip() else []  # "" = any
        if strict and not all(parts):
            raise BadQuery(f"status: empty item in {raw!r}")
        statuses += [x for x in parts if x]
    unknown = [x for x in statuses if x not in FlowStatus.__members__]
    if unknown:
        raise BadQuery(f"status: unknown {unknown}; expected some of "
                       f"{[str(x) for x in FlowStatus]}")
    fmt = (params.get("format") or "").strip() or None
    if fmt is not None and fmt not in FORMATS:
        raise BadQuery(f"format: expected one of {list(FORMATS)}, got {fmt!r}")
    since = params.get("since") or None
    until = params.get("until") or None
    q = FlowQuery(
        status=tuple(statuses),
        since=_parse_time(since, "since", end=False) if since else None,
        until=_parse_time(until, "until", end=True) if until else None,
        format=fmt,
        supplier=(params.get("supplier") or "").strip() or None,
        buyer=(params.get("buyer") or "").strip() or None,
        search=(params.get("q") or "").strip() or None,
        limit=_int(params, "limit", page_size, 1, MAX_LIMIT, strict),
        offset=_int(params, "offset", 0, 0, 10_000_000, strict),
    )
    kept = {k: v for k, v in (("status", ",".join(statuses)), ("since", since or ""),
                              ("until", until or ""), ("format", fmt or ""),
                              ("supplier", q.supplier or ""), ("buyer", q.buyer or ""),
                              ("q", q.search or "")) if v}
    return Listing(q, kept)


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


# An absolute path in free text (not a URL's path, not a relative one): its folders go.
_ABSOLUTE = re.compile(r"(?<![\w.:/~<>-])/(?:[^\s'\"/<>]+/)+")


@dataclass(frozen=True)
class Public:
    """What the API may publish of the ledger: the same data without server paths.

    ``roots`` are the configured folders (as written and resolved), longest first, with the
    name that replaces them; ``inbox`` is the inbox's own prefix.
    """

    roots: tuple[tuple[str, str], ...]
    inbox: tuple[str, ...]

    @classmethod
    def of(cls, settings: Settings) -> Public:
        roots: dict[str, str] = {}
        for name in FOLDERS:
            folder = settings.path(getattr(settings.paths, name))
            for form in (os.path.abspath(folder), str(folder.resolve())):
                roots.setdefault(form, f"<{name}>")
        base = settings.base_dir
        for form in (os.path.abspath(base), str(base.resolve())):
            roots.setdefault(form, "<base>")
        inbox = settings.path(settings.paths.inbox)
        roots.pop("/", None)   # a base dir of / names nothing worth hiding, and every path
        ordered = sorted(roots.items(), key=lambda kv: len(kv[0]), reverse=True)
        return cls(tuple(ordered), tuple({os.path.abspath(inbox) + "/",
                                          str(inbox.resolve()) + "/"}))

    def text(self, value: str) -> str:
        """Configured folders named by their setting, wherever they appear."""
        for root, name in self.roots:
            if root in value:
                value = re.sub(re.escape(root) + r"(?=/|$|[^\w.-])", name, value)
        return value

    def detail(self, value: str | None) -> str | None:
        """A message: configured folders by name, any other absolute path by its last part."""
        if value is None:
            return None
        return _ABSOLUTE.sub(".../", self.text(value))

    def source(self, value: str | None) -> str | None:
        """Where a flow came from: relative to the inbox, or its sftp:// URL as recorded."""
        if value is None or "://" in value:
            return value
        for prefix in self.inbox:
            if value.startswith(prefix):
                return value[len(prefix):]
        return os.path.basename(value) if os.path.isabs(value) else value

    def value(self, value: Any) -> Any:
        """``jsonable(value)`` with every string's configured folders named."""
        value = jsonable(value)
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value

    def history(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**self.value(e), "detail": self.detail(e.get("detail"))} for e in events]

    def overview(self, data: dict[str, Any]) -> dict[str, Any]:
        out = self.value(data)
        if out.get("oldest_unfinished"):
            oldest = out["oldest_unfinished"]
            out["oldest_unfinished"] = {**oldest, "detail": self.detail(oldest.get("detail"))}
        return out


def flow_json(row: dict[str, Any], public: Public) -> dict[str, Any]:
    out = {k: public.value(row.get(k)) for k in FLOW_FIELDS}
    out["source"] = public.source(row.get("source"))
    out["detail"] = public.detail(row.get("detail"))
    return out


def lease_json(row: dict[str, Any], public: Public) -> dict[str, Any]:
    """Who holds the flow: its lease owner (``node:pid:id``), that owner's node, and the
    lease's expiry while it is in hand."""
    owner = row.get("lease_owner")
    return {"owner": owner, "node": owner.partition(":")[0] if owner else None,
            "until": public.value(row.get("lease_expires_at"))}


def invoice_json(row: dict[str, Any], public: Public) -> dict[str, Any]:
    return {k: public.value(row.get(k)) for k in INVOICE_FIELDS}


# -- OpenAPI --------------------------------------------------------------------------

def _s(type_: str, nullable: bool = False, **kw: Any) -> dict[str, Any]:
    return {"type": type_, **({"nullable": True} if nullable else {}), **kw}


_DT = {"type": "string", "format": "date-time"}
_DT_N = {**_DT, "nullable": True}

_FINDING = {"type": "object", "additionalProperties": False,
            "required": ["rule_id", "severity", "layer", "location", "message"],
            "properties": {"rule_id": _s("string"),
                           "severity": _s("string", enum=["fatal", "warning"]),
                           "layer": _s("string"), "location": _s("string"),
                           "message": _s("string")}}

_FLOW = {"type": "object", "additionalProperties": False, "required": list(FLOW_FIELDS),
         "properties": {
             "flow_id": _s("string"), "file_name": _s("string"), "interface": _s("string"),
             "source": _s("string", True, description=(
                 "Where the file came from: its name relative to the inbox, or the "
                 "sftp:// URL of the partner's file. Never a path on this server: the "
                 "file itself is the FlowDetail's links.original")),
             "format": _s("string", True),
             "status": _s("string", enum=[str(x) for x in FlowStatus]),
             "reason": _s("string", True),
             "detail": _s("string", True, description=(
                 "The last event's message; a configured folder appears as its "
                 "setting's name (<outbox>/FA-1.xml), any other server path by its "
                 "last part only")),
             "received_at": _DT, "updated_at": _DT, "finished_at": _DT_N,
             "attempts": _s("integer"), "next_attempt_at": _DT_N,
             "invoice_count": _s("integer"), "accepted_count": _s("integer"),
             "supplier": _s("string", True), "buyer": _s("string", True),
             "size": _s("integer"), "sha256": _s("string"), "seconds": _s("number", True)}}

_LIFECYCLE = {"type": "object", "required": ["code", "label", "at", "reason_code", "reason",
                                            "source"],
              "properties": {"code": _s("integer"), "label": _s("string", True), "at": _DT,
                             "reason_code": _s("string", True), "reason": _s("string", True),
                             "source": _s("string", enum=["cdar", "platform", "user"])}}
_INVOICE = {"type": "object", "additionalProperties": False, "required": list(INVOICE_FIELDS),
            "properties": {
                "seq": _s("integer"), "name": _s("string"),
                **{k: _s("string", True) for k in (
                    "number", "issue_date", "type_code", "format", "profile", "seller_name",
                    "seller_id", "buyer_name", "buyer_id", "currency", "total_with_vat",
                    "reason", "output_name")},
                "status": _s("string", enum=["DEPOSEE", "REJETEE", "IRRECEVABLE",
                                              "MESSAGE_CDAR"]),
                "status_code": _s("integer"),
                "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                "lifecycle": {"type": "array", "description": "Lifecycle statuses "
                              "(BR-FR-CDV-CL-06), oldest first", "items": _LIFECYCLE},
                "lifecycle_status": _s("integer", True),
            }}

_ERROR = {"type": "object", "required": ["error"], "properties": {"error": _s("string")}}

# /api/structures and /api/orders (edi/web/directory_pages.py, rows of edi/directory/views.py)
_STRUCTURE = {"type": "object", "additionalProperties": False, "required": [
    "siret", "siren", "name", "address", "kind", "source", "registered_at", "accounts",
    "connections"], "properties": {
        "siret": _s("string", pattern="^[0-9]{14}$"), "siren": _s("string", pattern="^[0-9]{9}$"),
        "name": _s("string"), "address": _s("string"),
        "kind": _s("string", enum=["public", "private"]),
        "source": _s("string", description="Where its name and address came from (a "
                                           "directory and when it was imported, or by hand)"),
        "registered_at": _DT,
        "accounts": _s("integer", minimum=0, description="Bank accounts declared for it "
                                                         "(counted: the IBANs are not shown)"),
        "connections": {"type": "array", "items": _s("string"), "description": (
            "The connections ([[depositors.connection]]: inbox, sftp:<partner>, "
            "api:<client>, api) that may deposit for it")}}}
_MONEY = {"type": "string", "pattern": r"^-?[0-9]+\.[0-9]{2}$"}
_ORDER = {"type": "object", "additionalProperties": False, "required": [
    "buyer", "number", "supplier", "amount", "invoiced", "remaining", "invoices", "status",
    "open", "source"], "properties": {
        "buyer": _s("string"), "number": _s("string"), "supplier": _s("string"),
        "amount": {**_MONEY, "nullable": True, "description": "The engagement's amount, "
                                                              "when known"},
        "invoiced": {**_MONEY, "description": "Taken by the accepted invoices (credit "
                                              "notes give back)"},
        "remaining": {**_MONEY, "nullable": True}, "invoices": _s("integer", minimum=0),
        "status": _s("string"), "open": _s("boolean"),
        "source": _s("string", description="The import or the order flow it came from")}}


def _param(name: str, desc: str, schema: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": desc,
            "schema": schema, **kw}


_TIME = {"anyOf": [{"type": "string", "format": "date"},
                   {"type": "string", "format": "date-time"}]}
FILTERS = [
    _param("status", "Flow status(es), comma-separated or repeated",
           {"type": "array", "items": _s("string", enum=[str(x) for x in FlowStatus])},
           style="form", explode=False),
    _param("since", "Received at or after (ISO date or date-time, UTC)", _TIME),
    _param("until", "Received before (an ISO date includes that whole day)", _TIME),
    _param("format", "Invoice format", _s("string", enum=list(FORMATS))),
    _param("supplier", "Supplier SIRET/SIREN/VAT id (prefix)", _s("string")),
    _param("buyer", "Buyer SIRET/SIREN/VAT id (prefix)", _s("string")),
    _param("q", "Search: flow id, invoice number, file name or SIRET (exact)", _s("string")),
    _param("limit", "Page size", _s("integer", minimum=1, maximum=MAX_LIMIT)),
    _param("offset", "Rows to skip", _s("integer", minimum=0, maximum=10_000_000)),
]


def _json(schema: dict[str, Any], desc: str) -> dict[str, Any]:
    return {"description": desc, "content": {"application/json": {"schema": schema}}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def openapi(auth: bool) -> dict[str, Any]:
    bad = _json(_ref("Error"), "A filter could not be understood")
    doc: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "edi-flux Suivi des flux API", "version": "1",
                 "description": "Read-only view of the flow ledger: flows, their invoices "
                                "and findings, status history, and an overview."},
        "paths": {
            "/api/flows": {"get": {
                "summary": "Flows, newest first, with the list page's filters",
                "operationId": "listFlows", "parameters": FILTERS,
                "responses": {"200": _json(_ref("FlowPage"), "A page of flows"),
                              "400": bad}}},
            "/api/flows/{flow_id}": {"get": {
                "summary": "One flow with its invoices, findings and status history",
                "operationId": "getFlow",
                "parameters": [{"name": "flow_id", "in": "path", "required": True,
                                "schema": _s("string")}],
                "responses": {"200": _json(_ref("FlowDetail"), "The flow"),
                              "404": _json(_ref("Error"), "No such flow")}}},
            "/api/overview": {"get": {
                "summary": "Flows per status per day, oldest unfinished flow, pending "
                           "retries, share rejected, top rejecting rules",
                "operationId": "overview",
                "parameters": [_param("days", "Days of history",
                                      _s("integer", minimum=1, maximum=366))],
                "responses": {"200": _json(_ref("Overview"), "The overview"),
                              "400": bad}}},
            "/api/structures": {"get": {
                "summary": "Depositing structures (edi structures add), SIRET order, with "
                           "the connections bound to each",
                "operationId": "listStructures",
                "responses": {"200": _json({"type": "object", "additionalProperties": False,
                                            "required": ["structures"], "properties": {
                                                "structures": {"type": "array",
                                                               "items": _ref("Structure")}}},
                                           "Every registered structure")}}},
            "/api/orders": {"get": {
                "summary": "Engagements (purchase orders), with what accepted invoices "
                           "took and what remains",
                "operationId": "listOrders",
                "parameters": [_param("buyer", "Only this buyer's (its SIRET, spaces "
                                               "ignored)", _s("string"))],
                "responses": {"200": _json({"type": "object", "additionalProperties": False,
                                            "required": ["orders"], "properties": {
                                                "orders": {"type": "array",
                                                           "items": _ref("Order")}}},
                                           "Engagements by buyer and number")}}},
            "/health": {"get": {
                "summary": "Fails (503) when the watcher has not scanned recently",
                "operationId": "health", "security": [],
                "responses": {"200": _json(_ref("Health"), "The watcher scans"),
                              "503": _json(_ref("Health"), "No recent scan, or a "
                                                           "folder that cannot be written")}}},
        },
        "components": {"schemas": {
            "Error": _ERROR, "Finding": _FINDING, "Flow": _FLOW, "Invoice": _INVOICE,
            "Structure": _STRUCTURE, "Order": _ORDER,
            "FlowPage": {"type": "object", "additionalProperties": False,
                         "required": ["total", "total_capped", "limit", "offset", "flows"],
                         "properties": {"total": _s("integer"),
                                        "total_capped": _s("boolean"),
                                        "limit": _s("integer"), "offset": _s("integer"),
                                        "flows": {"type": "array", "items": _ref("Flow")}}},
            "Event": {"type": "object", "required": ["status", "at", "detail"],
                      "properties": {"status": _s("string"), "at": _DT,
                                     "detail": _s("string", True)}},
            "FlowDetail": {"type": "object", "additionalProperties": False,
                           "required": ["flow", "invoices", "findings", "history", "links"],
                           "properties": {
                               "flow": _ref("Flow"),
                               "invoices": {"type": "array", "items": _ref("Invoice")},
                               "findings": {"type": "array", "items": _ref("Finding"),
                                            "description": "Findings on the flow itself "
                                                           "(not on one invoice)"},
                               "history": {"type": "array", "items": _ref("Event")},
                               "lease": {
                                   "type": "object", "additionalProperties": False,
                                   "required": ["owner", "node", "until"],
                                   "description": (
                                       "Which process has the flow (node:pid:id); "
                                       "until: its lease's expiry while it works on "
                                       "the flow, null once given back (concluded, "
                                       "scheduled or stopped cleanly)"),
                                   "properties": {"owner": _s("string", True),
                                                  "node": _s("string", True),
                                                  "until": _DT_N}},
                               "links": {"type": "object",
                                         "description": "Relative download URLs: "
                                                        "original, cr_json, cr_xml",
                                         "additionalProperties": _s("string")}}},
            "Overview": {"type": "object", "required": [
                "since", "per_day", "counts", "oldest_unfinished", "pending_retries",
                "rejected_share", "top_rules"], "properties": {
                    "since": _DT,
                    "per_day": {"type": "array", "items": {
                        "type": "object", "required": ["day", "status", "count"],
                        "properties": {"day": _s("string"), "status": _s("string"),
                                       "count": _s("integer")}}},
                    "counts": {"type": "object", "additionalProperties": _s("integer")},
                    "oldest_unfinished": {"type": "object", "nullable": True},
                    "pending_retries": _s("integer"),
                    "rejected_share": _s("number", True),
                    "lifecycle": {"type": "object", "additionalProperties": _s("integer"),
                                  "description": "Invoices per latest lifecycle status"},
                    "top_rules": {"type": "array", "items": {
                        "type": "object", "required": ["rule_id", "findings", "flows"],
                        "properties": {"rule_id": _s("string"), "findings": _s("integer"),
                                       "flows": _s("integer")}}}}},
            "Health": {"type": "object", "required": ["status", "last_scan", "age_seconds",
                                                      "max_age_seconds"],
                       "properties": {"status": _s("string",
                                                     enum=["ok", "stale", "storage"]),
                                      "last_scan": _DT_N,
                                      "age_seconds": _s("number", True),
                                      "max_age_seconds": _s("number"),
                                      "storage": {"type": "array", "items": {
                                          "type": "object"}}}},
        }},
    }
    if auth:
        doc["components"]["securitySchemes"] = {
            "bearer": {"type": "http", "scheme": "bearer"},
            "basic": {"type": "http", "scheme": "basic"}}
        doc["security"] = [{"bearer": []}, {"basic": []}]
    return doc
