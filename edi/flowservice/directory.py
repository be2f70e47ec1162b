"""The XP Z12-013 Directory Service (1.3.0), read-only, from the directory we hold:
Chorus Pro's public structures and their services (``edi directory import``).

Mounted beside the Flow Service at ``/directory-service`` (the description's server URL
ends in its service name, as the Flow Service's does):

    GET /v1/siret/code-insee:{siret}                           a facility (a structure)
    GET /v1/siren/code-insee:{siren}                           its legal unit
    GET /v1/routing-code/siret:{siret}/code:{routing-identifier}  a service, as routing code
    POST /v1/siren/search, /v1/siret/search, /v1/routing-code/search   searches
    GET /v1/healthcheck
    GET /v1/directory-line/code:{addressing-identifier}        a directory line
    POST /v1/directory-line/search                             their search

Every Chorus Pro structure is a public entity (``entityType`` Public); a legal unit is
the SIRETs of one SIREN (its name the first establishment's, active when one of them is);
a service is a routing code of its structure (``routingIdentifierType`` 0224, as the
description's example, with the structure's address).

The searches take the description's ``filters`` (each ``{op, value}`` with the operators
it allows: ``strict`` an exact match, ``contains``/``startWith`` case-insensitive for ASCII
letters, as SQLite's LIKE), ``sorting``, ``fields``, ``include`` (the legal unit, the
facility), ``limit`` (default 50, at most 1000) and ``ignore``, and answer
``totalNumberOfResults`` exactly. What the Chorus Pro export does not hold: a filter on
``facilityType`` (main or secondary facility) or ``countrySubdivision`` answers 501;
``entityType`` PrivateVatRegistered matches nothing; sorting on a field we hold no value
for (``instructions``, ``facilityType``, ``entityType``) leaves the order as it is.

Directory lines come from ``edi directory import-lines`` only (``edi.directory.lines``):
a line is an addressing identifier (SIREN, SIRET, suffix or routing code) *with the
platform registered to receive for it* and its dates of effect. The Chorus Pro export says
which structures are public, not which addresses have a line nor under which platform and
since when; a line made up from it ("Chorus Pro serves every public structure") would be a
guess that routing would then trust. So while no lines were imported both directory-line
operations answer 501. A line's status is that of today: Enabled, Upcoming (its
``effectiveDate`` is later) or Disabled (past its ``endDate``); the one-line GET answers
Enabled or Disabled only, as its schema allows (an upcoming line has no platform yet). The
description has no field for the platform's id and name nor the dates: a line carries
them as ``platformId``, ``platformName``, ``effectiveDate`` and ``endDate`` beside its
own fields (the schemas allow further properties), unless ``fields`` asks for others.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Awaitable, Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from edi.flowservice.auth import Authenticator, AuthError


def error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"errorCode": code, "errorMessage": message}, status_code=status)


def _address(extra: dict[str, Any]) -> dict[str, Any]:
    out = {"addressLine1": extra.get("Adresse"), "addressLine2": extra.get("ComplementAdresse1"),
           "addressLine3": extra.get("ComplementAdresse2"), "postalCode": extra.get("CodePostal"),
           "locality": extra.get("Ville"), "countryCode": extra.get("CodePays"),
           "countryName": extra.get("LibellePays")}
    return {k: v for k, v in out.items() if v}


class Directory:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _rows(self, sql: str, *params: object) -> list[sqlite3.Row]:
        from edi.directory.store import connect_ro

        if not self.path.is_file():
            return []
        conn = connect_ro(self.path)
        try:
            conn.row_factory = sqlite3.Row
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def facility(self, siret: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM structures s WHERE identifier = ? AND "
                          "id_type = 'SIRET'", siret)
        return _facility(rows[0]) if rows else None

    def legal_unit(self, siren: str) -> dict[str, Any] | None:
        rows = self._rows(f"SELECT * FROM ({_LEGAL_UNITS}) WHERE siren = ?", siren)
        return _legal_unit(rows[0]) if rows else None

    def routing_code(self, siret: str, code: str) -> dict[str, Any] | None:
        rows = self._rows(f"{_ROUTING_CODES} WHERE v.identifier = ? AND v.code = ?",
                          siret, code)
        return _routing_code(rows[0]) if rows else None

    def _search(self, body: dict[str, Any], base: str, where: tuple[list[str], list[object]]
                | None, order: str) -> tuple[int, list[sqlite3.Row]]:
        limit, ignore = _page(body)
        if where is None:
            return 0, []
        conditions, params = where
        sql = base + "".join(f" AND {c}" for c in conditions)   # base: ... WHERE <its own>
        total = self._rows(f"SELECT count(*) AS n FROM ({sql})", *params)
        rows = self._rows(f"{sql} ORDER BY {order} LIMIT ? OFFSET ?", *params, limit, ignore)
        return (total[0]["n"] if total else 0), rows

    def search_siren(self, body: dict[str, Any]) -> dict[str, Any]:
        fields = _fields(body, SIREN_FIELDS)
        order = _order(body.get("sorting", []), _SIREN_SORT, SIREN_FIELDS, "siren")
        total, rows = self._search(body, f"SELECT * FROM ({_LEGAL_UNITS}) WHERE 1",
                                   _where(body.get("filters", {}), _SIREN_FILTERS,
                                          "searchSirenFilters", True), order)
        return {"search": body, "totalNumberOfResults": total,
                "results": [_keep(_legal_unit(r), fields) for r in rows]}

    def search_siret(self, body: dict[str, Any]) -> dict[str, Any]:
        fields = _fields(body, SIRET_FIELDS)
        include = _include(body, ("siren",))
        order = _order(body.get("sorting", []), _SIRET_SORT, SIRET_FIELDS, "s.identifier")
        total, rows = self._search(body, "SELECT * FROM structures s WHERE s.id_type = "
                                   "'SIRET'", _where(body.get("filters", {}), _SIRET_FILTERS,
                                          "searchSiretFilters"),
                                   order)
        results = []
        for r in rows:
            out = _keep(_facility(r), fields)
            if "siren" in include and (unit := self.legal_unit(r["identifier"][:9])):
                out["legalUnit"] = unit
            results.append(out)
        return {"search": body, "totalNumberOfResults": total, "results": results}

    def search_routing_code(self, body: dict[str, Any]) -> dict[str, Any]:
        fields = _fields(body, ROUTING_FIELDS)
        include = _include(body, ("siren", "siret"))
        order = _order(body.get("sorting", []), _ROUTING_SORT, ROUTING_FIELDS,
                       "v.identifier, v.code")
        total, rows = self._search(body, f"{_ROUTING_CODES} WHERE 1",
                                   _where(body.get("filters", {}), _ROUTING_FILTERS,
                                          "routingCodeSearchFilters"), order)
        results = []
        for r in rows:
            out = _keep(_routing_code(r), fields)
            if "siren" in include and (unit := self.legal_unit(r["identifier"][:9])):
                out["legalUnit"] = unit
            if "siret" in include and (facility := self.facility(r["identifier"])):
                out["facility"] = facility
            results.append(out)
        return {"search": body, "totalNumberOfResults": total, "results": results}


    # -- directory lines (edi.directory.lines) -------------------------------------------

    def lines_held(self) -> bool:
        """True when lines were imported (an older store has no such table)."""
        rows = self._rows("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' "
                          "AND name = 'directory_lines'")
        return bool(rows and rows[0]["n"]) and bool(
            self._rows("SELECT 1 FROM directory_lines LIMIT 1"))

    def _line(self, r: sqlite3.Row, include: set[str], fields: set[str] | None,
              unique: bool) -> dict[str, Any]:
        from edi.directory.lines import row_line

        line = row_line(r)
        status = line.status(date.today())
        if unique and status == "Upcoming":
            status = "Disabled"
        out: dict[str, Any] = {"addressingIdentifier": line.addressing_identifier,
                               "siren": line.siren, "siret": line.siret,
                               "routingIdentifier": line.routing_identifier,
                               "addressingSuffix": line.suffix}
        out = {k: v for k, v in out.items() if v is not None and (fields is None
                                                                  or k in fields)}
        if fields is None:
            extra = {"platformType": line.platform_type, "directoryLineStatus": status,
                     "platformId": line.platform_id, "platformName": line.platform_name,
                     "effectiveDate": line.effective, "endDate": line.end}
            out.update({k: v for k, v in extra.items() if v is not None})
        if "siren" in include and (unit := self.legal_unit(line.siren)):
            out["legalUnit"] = unit
        if "siret" in include and line.siret and (facility := self.facility(line.siret)):
            out["facility"] = facility
        if "routingCode" in include and line.siret and line.routing_identifier and \
                (code := self.routing_code(line.siret, line.routing_identifier)):
            code.pop("siret", None)
            code["managesLegalCommitment"] = code.pop("managesLegalCommitmentCode")
            out["routingCode"] = code
        return out

    def directory_line(self, addressing: str, include: set[str], fields: set[str] | None
                       ) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM directory_lines WHERE addressing_identifier = ?",
                          addressing)
        return self._line(rows[0], include, fields, True) if rows else None

    def search_lines(self, body: dict[str, Any]) -> dict[str, Any]:
        fields = _fields(body, LINE_FIELDS)
        include = _include(body, ("siren", "siret", "routingCode"))
        order = _order(body.get("sorting", []), _LINE_SORT, LINE_FIELDS,
                       "l.addressing_identifier")
        total, rows = self._search(body, "SELECT * FROM directory_lines l WHERE 1",
                                   _where(body.get("filters", {}), _LINE_FILTERS,
                                          "searchDirectoryLineFilters"), order)
        return {"search": body, "totalNumberOfResults": total,
                "results": [self._line(r, include, fields, False) for r in rows]}


LINE_FIELDS = ("addressingIdentifier", "siren", "siret", "routingIdentifier",
               "addressingSuffix")
_LINE_FILTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "addressingIdentifier": ("l.addressing_identifier", ("contains", "strict")),
    "siren": ("l.siren", ("strict",)),
    "siret": ("l.siret", ("strict",)),
    "routingIdentifier": ("l.routing_identifier", ("contains", "strict")),
    "addressingSuffix": ("l.suffix", ("contains", "strict")),
}
_LINE_SORT = {"addressingIdentifier": "l.addressing_identifier", "siren": "l.siren",
              "siret": "l.siret", "routingIdentifier": "l.routing_identifier",
              "addressingSuffix": "l.suffix"}
SIREN_FIELDS = ("siren", "businessName", "entityType", "administrativeStatus", "instructions")
SIRET_FIELDS = ("siret", "siren", "name", "facilityType", "administrativeStatus",
                "siretInstructions", "address", "pmStatus", "pmOnly", "managesPaymentStatus",
                "managesLegalCommitment", "managesLegalCommitmentOrService",
                "serviceCodeStatus")
ROUTING_FIELDS = ("siret", "routingIdentifierType", "routingCodeName", "routingIdentifier",
                  "managesLegalCommitmentCode", "administrativeStatus", "address")
# A legal unit: the SIRETs of one SIREN; its name the first establishment's (SQLite takes
# a bare column from the row min() chose), active when one establishment is.
_LEGAL_UNITS = ("SELECT substr(identifier, 1, 9) AS siren, min(identifier) AS first, "
                "name AS businessName, max(active) AS active FROM structures "
                "WHERE id_type = 'SIRET' GROUP BY substr(identifier, 1, 9)")
_ROUTING_CODES = ("SELECT v.identifier AS identifier, v.code AS code, v.name AS name, "
                  "v.active AS active, v.engagement_required AS engagement_required, "
                  "s.extra AS extra FROM services v LEFT JOIN structures s "
                  "ON s.identifier = v.identifier AND s.id_type = 'SIRET'")


def _facility(r: sqlite3.Row) -> dict[str, Any]:
    siret = r["identifier"]
    out: dict[str, Any] = {
        "siret": siret, "siren": siret[:9], "name": r["name"][:100],
        "administrativeStatus": "A" if r["active"] else "C",
        "b2gAdditionalData": {
            "pm": bool(r["est_moa"]), "pmOnly": bool(r["est_moa_uniquement"]),
            "managesPaymentStatus": bool(r["gestion_statut_mep"]),
            "managesLegalCommitmentCode": bool(r["gestion_engagement"]),
            "managesLegalCommitmentOrServiceCode": bool(r["gestion_service_engagement"]),
            "serviceCodeStatus": bool(r["gestion_service"])}}
    address = _address(json.loads(r["extra"] or "{}"))
    if address:
        out["address"] = address
    return out


def _legal_unit(r: sqlite3.Row) -> dict[str, Any]:
    return {"siren": r["siren"], "businessName": r["businessName"][:150],
            "entityType": "Public", "administrativeStatus": "A" if r["active"] else "C"}


def _routing_code(r: sqlite3.Row) -> dict[str, Any]:
    out: dict[str, Any] = {"routingIdentifier": r["code"], "siret": r["identifier"],
                           "routingIdentifierType": "0224",
                           "managesLegalCommitmentCode": bool(r["engagement_required"]),
                           "administrativeStatus": "A" if r["active"] else "C"}
    if r["name"].strip():
        out["routingCodeName"] = r["name"][:100]
    address = _address(json.loads(r["extra"] or "{}"))
    if address:
        out["address"] = address
    return out


# -- searches ----------------------------------------------------------------------------

class SearchError(Exception):
    """A search body we cannot read (400), or a filter on what we do not hold (501)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
INT32 = 2**31 - 1   # limit and ignore are int32
_ADDRESS_LINES = ("(coalesce(json_extract(s.extra, '$.Adresse'), '') || ' ' || "
                  "coalesce(json_extract(s.extra, '$.ComplementAdresse1'), '') || ' ' || "
                  "coalesce(json_extract(s.extra, '$.ComplementAdresse2'), ''))")
_POSTAL = "json_extract(s.extra, '$.CodePostal')"
_LOCALITY = "json_extract(s.extra, '$.Ville')"
_STATUS = {"A": 1, "C": 0}

# filter -> (SQL expression, the operators the description allows, how a value is read)
_SIRET_FILTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "siret": ("s.identifier", ("strict",)),
    "siren": ("substr(s.identifier, 1, 9)", ("strict",)),
    "name": ("s.name", ("contains", "strict", "startWith")),
    "addressLines": (_ADDRESS_LINES, ("contains", "startWith")),
    "postalCode": (_POSTAL, ("strict", "startWith")),
    "locality": (_LOCALITY, ("contains", "strict", "startWith")),
    "administrativeStatus": ("s.active", ("strict",)),
}
_SIREN_FILTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "siren": ("siren", ("strict",)),
    "businessName": ("businessName", ("contains", "strict", "startWith")),
    "administrativeStatus": ("active", ("strict",)),
}
_ROUTING_FILTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "routingIdentifier": ("v.code", ("contains", "strict")),
    "siret": ("v.identifier", ("strict",)),
    "routingCodeName": ("v.name", ("contains", "strict")),
    "administrativeStatus": ("v.active", ("strict",)),
    "addressLines": (_ADDRESS_LINES, ("contains", "startWith")),
    "postalCode": (_POSTAL, ("strict", "startWith")),
    "locality": (_LOCALITY, ("contains", "strict", "startWith")),
}
# Filters the description has but the Chorus Pro directory does not hold.
_NOT_HELD = {"facilityType": "whether a facility is the main one (P) or secondary (S)",
             "countrySubdivision": "the country subdivision"}

# sorting field -> SQL expression; a field we hold no value for sorts as equal everywhere
_SIRET_SORT = {"siret": "s.identifier", "siren": "substr(s.identifier, 1, 9)",
               "name": "s.name", "administrativeStatus": "s.active DESC",
               "address": _ADDRESS_LINES, "pmStatus": "s.est_moa",
               "pmOnly": "s.est_moa_uniquement", "managesPaymentStatus": "s.gestion_statut_mep",
               "managesLegalCommitment": "s.gestion_engagement",
               "managesLegalCommitmentOrService": "s.gestion_service_engagement",
               "serviceCodeStatus": "s.gestion_service"}
_SIREN_SORT = {"siren": "siren", "businessName": "businessName",
               "administrativeStatus": "active DESC"}
_ROUTING_SORT = {"siret": "v.identifier", "routingIdentifier": "v.code",
                 "routingCodeName": "v.name", "administrativeStatus": "v.active DESC",
                 "managesLegalCommitmentCode": "v.engagement_required",
                 "address": _ADDRESS_LINES}
_B2G_FIELDS = {"pmStatus": "pm", "pmOnly": "pmOnly", "managesPaymentStatus":
               "managesPaymentStatus", "managesLegalCommitment": "managesLegalCommitmentCode",
               "managesLegalCommitmentOrService": "managesLegalCommitmentOrServiceCode",
               "serviceCodeStatus": "serviceCodeStatus"}


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@cache
def _value_schemas(filters_schema: str) -> dict[str, dict[str, Any]]:
    """filter name -> the schema of its ``value``, from the official description we ship
    (its maxLength, pattern, enum)."""
    from edi.flowservice.spec import DIRECTORY_SERVICE

    schemas = json.loads(DIRECTORY_SERVICE.read_bytes())["components"]["schemas"]

    def resolved(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = schemas[node["$ref"].rpartition("/")[2]]
        return node

    out = {}
    for name, ref in schemas[filters_schema]["properties"].items():
        value = resolved(ref).get("properties", {}).get("value")
        if value is not None:
            out[name] = resolved(value)
    return out


def _check_value(name: str, value: str, schema: dict[str, Any]) -> None:
    """``value`` as the description's schema of that filter's value says."""
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        raise SearchError(400, "INVALID_SEARCH", f"filters.{name}.value: {len(value)} "
                          f"characters; at most {schema['maxLength']}")
    if "enum" in schema and value not in schema["enum"]:
        raise SearchError(400, "INVALID_SEARCH", f"filters.{name}.value {value[:40]!r}: "
                          f"expected one of {', '.join(schema['enum'])}")
    if "pattern" in schema and re.search(schema["pattern"], value) is None:
        raise SearchError(400, "INVALID_SEARCH", f"filters.{name}.value {value[:40]!r}: "
                          f"does not match {schema['pattern']}")


def _where(filters: object, known: dict[str, tuple[str, tuple[str, ...]]],
           filters_schema: str, public_only: bool = False
           ) -> tuple[list[str], list[object]] | None:
    """SQL conditions and parameters of the ``filters`` object; None when a filter can
    match nothing we hold (``entityType`` other than Public)."""
    if not isinstance(filters, dict):
        raise SearchError(400, "INVALID_SEARCH", "filters: expected an object")
    where: list[str] = []
    params: list[object] = []
    empty = False
    values = _value_schemas(filters_schema)
    for name, spec in filters.items():
        if not isinstance(spec, dict):
            raise SearchError(400, "INVALID_SEARCH", f"filters.{name}: expected an object "
                              "{op, value}")
        op, value = spec.get("op", "strict"), spec.get("value")
        if name in values:
            if not isinstance(value, str):
                raise SearchError(400, "INVALID_SEARCH", f"filters.{name}.value: expected "
                                  "a string")
            _check_value(name, value, values[name])
        if name in _NOT_HELD:
            raise SearchError(501, "NOT_IMPLEMENTED", f"filters.{name}: the Chorus Pro "
                              f"directory we hold does not say {_NOT_HELD[name]}")
        if public_only and name == "entityType":
            if op != "strict" or value not in ("Public", "PrivateVatRegistered"):
                raise SearchError(400, "INVALID_SEARCH", f"filters.entityType: {value!r} "
                                  "with op 'strict' expected Public or PrivateVatRegistered")
            empty = empty or value != "Public"   # every Chorus Pro structure is public
            continue
        if name not in known:
            raise SearchError(400, "INVALID_SEARCH", f"filters.{name}: not a filter of this "
                              f"search; expected one of {', '.join(sorted(known))}")
        column, ops = known[name]
        if op not in ops:
            raise SearchError(400, "INVALID_SEARCH", f"filters.{name}.op {op!r}: expected "
                              f"one of {', '.join(ops)}")
        if not isinstance(value, str):
            raise SearchError(400, "INVALID_SEARCH", f"filters.{name}.value: expected a "
                              "string")
        if name == "administrativeStatus":
            if value not in _STATUS:
                raise SearchError(400, "INVALID_SEARCH", f"filters.administrativeStatus "
                                  f"{value!r}: expected A or C")
            where.append(f"{column} = ?")
            params.append(_STATUS[value])
        elif op == "strict":
            where.append(f"{column} = ?")
            params.append(value)
        else:
            pattern = _like(value)
            where.append(f"{column} LIKE ? ESCAPE '\\'")
            params.append(f"%{pattern}%" if op == "contains" else f"{pattern}%")
    return None if empty else (where, params)


def _order(sorting: object, known: dict[str, str], fields: tuple[str, ...],
           tiebreak: str) -> str:
    if not isinstance(sorting, list):
        raise SearchError(400, "INVALID_SEARCH", "sorting: expected an array")
    parts: list[str] = []
    for i, item in enumerate(sorting):
        if not isinstance(item, dict) or item.get("field") not in fields or \
                item.get("order", "ascending") not in ("ascending", "descending"):
            raise SearchError(400, "INVALID_SEARCH", f"sorting[{i}]: expected {{field: one "
                              f"of {', '.join(fields)}; order: ascending or descending}}")
        expression = known.get(item["field"])
        if expression is None:   # a field we hold no value for: equal everywhere
            continue
        descending = item.get("order", "ascending") == "descending"
        if expression.endswith(" DESC"):   # A (active) before C when ascending
            expression = expression[:-5]
            descending = not descending
        parts.append(f"{expression} {'DESC' if descending else 'ASC'}")
    return ", ".join([*parts, tiebreak])


def _page(body: dict[str, Any]) -> tuple[int, int]:
    limit, ignore = body.get("limit", DEFAULT_LIMIT), body.get("ignore", 0)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 0 < limit <= MAX_LIMIT:
        raise SearchError(400, "INVALID_SEARCH", f"limit {limit!r}: expected 1 to {MAX_LIMIT}")
    if not isinstance(ignore, int) or isinstance(ignore, bool) or not 0 <= ignore <= INT32:
        raise SearchError(400, "INVALID_SEARCH", f"ignore {ignore!r}: expected 0 to {INT32}")
    return limit, ignore


def _fields(body: dict[str, Any], allowed: tuple[str, ...]) -> set[str] | None:
    if "fields" not in body:
        return None
    fields = body["fields"]
    if not isinstance(fields, list) or any(f not in allowed for f in fields):
        raise SearchError(400, "INVALID_SEARCH", f"fields: expected an array of "
                          f"{', '.join(allowed)}")
    return set(fields) or None


def _include(body: dict[str, Any], allowed: tuple[str, ...]) -> set[str]:
    include = body.get("include", [])
    if not isinstance(include, list) or any(i not in allowed for i in include):
        raise SearchError(400, "INVALID_SEARCH", f"include: expected an array of "
                          f"{', '.join(allowed)}")
    return set(include)


def _keep(payload: dict[str, Any], fields: set[str] | None) -> dict[str, Any]:
    """``payload`` with only the ``fields`` asked (every field when none is)."""
    if fields is None:
        return payload
    out = {k: v for k, v in payload.items() if k in fields and k != "b2gAdditionalData"}
    b2g = {_B2G_FIELDS[f]: payload["b2gAdditionalData"][_B2G_FIELDS[f]]
           for f in fields if f in _B2G_FIELDS and "b2gAdditionalData" in payload}
    if b2g:
        out["b2gAdditionalData"] = b2g
    return out


def create_directory_app(path: Path, auth: Authenticator) -> Starlette:
    directory = Directory(path)

    def authenticated(handler: Callable[[Request], Awaitable[Response]]
                      ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                auth.caller(request.headers.get("authorization"))
            except AuthError as exc:
                return error(401, exc.code, str(exc))
            return await handler(request)

        return endpoint

    def _digits(value: str, n: int, what: str) -> str | None:
        return None if len(value) == n and value.isascii() and value.isdigit() else \
            f"{what} {value[:40]!r}: expected {n} digits"

    async def siret(request: Request) -> Response:
        value = request.path_params["siret"]
        if (bad := _digits(value, 14, "SIRET")) is not None:
            return error(400, "INVALID_SIRET", bad)
        found = await run_in_threadpool(directory.facility, value)
        return JSONResponse(found) if found else error(
            404, "MISSING_RESOURCE", f"no facility {value} in the directory we hold")

    async def siren(request: Request) -> Response:
        value = request.path_params["siren"]
        if (bad := _digits(value, 9, "SIREN")) is not None:
            return error(400, "INVALID_SIREN", bad)
        found = await run_in_threadpool(directory.legal_unit, value)
        return JSONResponse(found) if found else error(
            404, "MISSING_RESOURCE", f"no legal unit {value} in the directory we hold")

    async def routing_code(request: Request) -> Response:
        value = request.path_params["siret"]
        code = request.path_params["code"]
        if (bad := _digits(value, 14, "SIRET")) is not None:
            return error(400, "INVALID_SIRET", bad)
        found = await run_in_threadpool(directory.routing_code, value, code)
        return JSONResponse(found) if found else error(
            404, "MISSING_RESOURCE", f"no routing code {code!r} of {value} in the directory "
            "we hold")

    def searching(run: Callable[[dict[str, Any]], dict[str, Any]], body_required: bool = False
                  ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            raw = await request.body()
            if body_required and not raw.strip():
                return error(400, "INVALID_SEARCH", "no body: this search requires one "
                             "(a JSON object, {} for every result)")
            try:
                body = json.loads(raw) if raw.strip() else {}
            except (ValueError, UnicodeDecodeError) as exc:
                return error(400, "INVALID_SEARCH", f"the body is not JSON: {exc}")
            if not isinstance(body, dict):
                return error(400, "INVALID_SEARCH", "the body: expected a JSON object")
            try:
                return JSONResponse(await run_in_threadpool(run, body))
            except SearchError as exc:
                return error(exc.status, exc.code, exc.message)

        return endpoint

    def no_lines() -> Response:
        return error(501, "NOT_IMPLEMENTED", "edi-flux serves the Chorus Pro directory "
                     "(facilities, legal units, routing codes, and their searches); it holds "
                     "no directory lines: which platform receives for an address, and since "
                     "when, is not in the Chorus Pro export (`edi directory import-lines` "
                     "imports them)")

    def _query_list(request: Request, name: str) -> list[str] | None:
        values = [v for raw in request.query_params.getlist(name) for v in raw.split(",")]
        return [v.strip() for v in values if v.strip()] if values else None

    async def line_search(request: Request) -> Response:
        if not await run_in_threadpool(directory.lines_held):
            return no_lines()
        return await searching(directory.search_lines)(request)

    async def directory_line(request: Request) -> Response:
        if not await run_in_threadpool(directory.lines_held):
            return no_lines()
        value = request.path_params["addressing"]
        if len(value) > 125:
            return error(400, "INVALID_ADDRESSING_IDENTIFIER", f"addressing identifier of "
                         f"{len(value)} characters: expected at most 125")
        query: dict[str, Any] = {}
        for name in ("include", "fields"):
            if (found := _query_list(request, name)) is not None:
                query[name] = found
        try:
            include = _include(query, ("siren", "siret", "routingCode"))
            fields = _fields(query, LINE_FIELDS)
        except SearchError as exc:
            return error(exc.status, exc.code, exc.message)
        line = await run_in_threadpool(directory.directory_line, value, include, fields)
        return JSONResponse(line) if line else error(
            404, "MISSING_RESOURCE", f"no directory line {value!r} in the directory we hold")

    async def health(request: Request) -> Response:
        return Response(status_code=200)

    return Starlette(routes=[
        Route("/v1/siret/code-insee:{siret}", authenticated(siret), methods=["GET"]),
        Route("/v1/siren/code-insee:{siren}", authenticated(siren), methods=["GET"]),
        Route("/v1/routing-code/siret:{siret}/code:{code}", authenticated(routing_code),
              methods=["GET"]),
        Route("/v1/siren/search", authenticated(searching(directory.search_siren)),
              methods=["POST"]),
        Route("/v1/siret/search", authenticated(searching(directory.search_siret)),
              methods=["POST"]),
        Route("/v1/routing-code/search",
              authenticated(searching(directory.search_routing_code, True)), methods=["POST"]),
        Route("/v1/directory-line/search", authenticated(line_search), methods=["POST"]),
        Route("/v1/directory-line/code:{addressing}", authenticated(directory_line),
              methods=["GET"]),
        Route("/v1/healthcheck", authenticated(health), methods=["GET"]),
    ])
