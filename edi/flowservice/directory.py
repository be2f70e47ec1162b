"""The XP Z12-013 Directory Service (1.3.0), read-only, from the directory we hold:
Chorus Pro's public structures and their services (``edi directory import``).

Mounted beside the Flow Service at ``/directory-service`` (the description's server URL
ends in its service name, as the Flow Service's does):

    GET /v1/siret/code-insee:{siret}                           a facility (a structure)
    GET /v1/siren/code-insee:{siren}                           its legal unit
    GET /v1/routing-code/siret:{siret}/code:{routing-identifier}  a service, as routing code
    GET /v1/healthcheck
    the searches and directory lines                           501 Not Implemented

Every Chorus Pro structure is a public entity (``entityType`` Public); a service is a
routing code of its structure (``routingIdentifierType`` 0224, as the description's
example, with the structure's address). Directory lines (which platform serves which
address) are not held: edi-flux knows no platform registry yet.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Awaitable, Callable
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
        rows = self._rows("SELECT * FROM structures WHERE identifier = ? AND id_type = 'SIRET'",
                          siret)
        if not rows:
            return None
        r = rows[0]
        extra = json.loads(r["extra"] or "{}")
        out: dict[str, Any] = {
            "siret": siret, "siren": siret[:9], "name": r["name"][:100],
            "administrativeStatus": "A" if r["active"] else "C",
            "b2gAdditionalData": {
                "pm": bool(r["est_moa"]), "pmOnly": bool(r["est_moa_uniquement"]),
                "managesPaymentStatus": bool(r["gestion_statut_mep"]),
                "managesLegalCommitmentCode": bool(r["gestion_engagement"]),
                "managesLegalCommitmentOrServiceCode": bool(r["gestion_service_engagement"]),
                "serviceCodeStatus": bool(r["gestion_service"])}}
        address = _address(extra)
        if address:
            out["address"] = address
        return out

    def legal_unit(self, siren: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT name, active FROM structures WHERE id_type = 'SIRET' AND "
                          "substr(identifier, 1, 9) = ? ORDER BY identifier", siren)
        if not rows:
            return None
        return {"siren": siren, "businessName": rows[0]["name"][:150], "entityType": "Public",
                "administrativeStatus": "A" if any(r["active"] for r in rows) else "C"}

    def routing_code(self, siret: str, code: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM services WHERE identifier = ? AND code = ?",
                          siret, code)
        if not rows:
            return None
        r = rows[0]
        out: dict[str, Any] = {"routingIdentifier": code, "siret": siret,
                               "routingIdentifierType": "0224",
                               "managesLegalCommitmentCode": bool(r["engagement_required"]),
                               "administrativeStatus": "A" if r["active"] else "C"}
        if r["name"].strip():
            out["routingCodeName"] = r["name"][:100]
        facility = self.facility(siret)
        if facility and facility.get("address"):
            out["address"] = facility["address"]
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

    async def not_implemented(request: Request) -> Response:
        return error(501, "NOT_IMPLEMENTED", "edi-flux serves facilities, legal units and "
                     "routing codes by their identifiers; searches and directory lines are "
                     "not implemented")

    async def health(request: Request) -> Response:
        return Response(status_code=200)

    return Starlette(routes=[
        Route("/v1/siret/code-insee:{siret}", authenticated(siret), methods=["GET"]),
        Route("/v1/siren/code-insee:{siren}", authenticated(siren), methods=["GET"]),
        Route("/v1/routing-code/siret:{siret}/code:{code}", authenticated(routing_code),
              methods=["GET"]),
        Route("/v1/siren/search", authenticated(not_implemented), methods=["POST"]),
        Route("/v1/siret/search", authenticated(not_implemented), methods=["POST"]),
        Route("/v1/routing-code/search", authenticated(not_implemented), methods=["POST"]),
        Route("/v1/directory-line/search", authenticated(not_implemented), methods=["POST"]),
        Route("/v1/directory-line/code:{addressing}", authenticated(not_implemented),
              methods=["GET"]),
        Route("/v1/healthcheck", authenticated(health), methods=["GET"]),
    ])
