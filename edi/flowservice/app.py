"""The Flow Service's HTTP API (XP Z12-013 Flow Service 1.3.0), over the ledger.

    POST   /v1/flows               multipart flowInfo + file: 202 FullFlowInfo
    POST   /v1/flows/search        SearchFlowParams: 200 SearchFlowContent
    GET    /v1/flows/{flowId}      docType Metadata (the Flow), Original, Converted,
                                   ReadableView (the file, when we have it)
    GET    /v1/webhooks  POST /v1/webhooks  DELETE /v1/webhooks/{webhookUid}
    GET    /v1/healthcheck         200 (authenticated: the description's security is global)
    POST   /v1/token               OAuth2 client credentials (edi/flowservice/auth.py)
    GET    /v1/openapi.json        the official description this server implements
    /directory-service/v1/...      the Directory Service, read-only (directory.py)

Errors are the specification's ``Error`` object (``errorCode``, ``errorMessage``). A
resubmission (the same trackingId, or the same bytes, from the same client) makes no
second flow: it is answered 422 with ``errorCode`` ``AlreadyExistingFlow`` (the
``ReasonCodeEnum`` value for "the flow has already been sent and received") and
``instance`` ``/v1/flows/<the existing flowId>``; an ``sha256`` that is not the file's is
422 ``ChecksumMismatch``, and nothing is kept of that upload.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import secrets
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Message, Receive

from edi.config import Settings
from edi.durable import StorageUnavailable
from edi.flowservice import models, spec
from edi.flowservice.auth import Authenticator, AuthError, Caller, basic_credentials
from edi.flowservice.settings import FlowServiceSettings
from edi.ledger import flowservice as fs
from edi.model import utcnow

if TYPE_CHECKING:
    from edi.intake.api import ApiIntake
    from edi.ledger import Ledger

log = logging.getLogger(__name__)

SLACK = 64 * 1024   # multipart framing and flowInfo beyond the file's own bytes
DOC_TYPES = ("Metadata", "Original", "Converted", "ReadableView")


class TooLarge(Exception):
    pass


def error(status: int, code: str, message: str | None, **extra: str) -> JSONResponse:
    body: dict[str, Any] = {"errorCode": code}
    if message is not None:
        body["errorMessage"] = message
    body.update(extra)
    return JSONResponse(body, status_code=status)


def _limited(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise TooLarge(f"the request passed {limit} bytes")
        return message

    return wrapped


def check_flow_info(raw: Any) -> dict[str, Any]:
    """The ``FlowInfo`` of a submission, or ValueError saying what is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("flowInfo: expected a JSON object")
    known = {"trackingId", "name", "processingRule", "flowSyntax", "flowProfile", "sha256"}
    info = {k: v for k, v in raw.items() if k in known}
    for key in ("flowSyntax", "name"):
        if key not in info:
            raise ValueError(f"flowInfo: {key} is required")
    for key in known & set(info):
        if not isinstance(info[key], str):
            raise ValueError(f"flowInfo.{key}: expected a string, got {info[key]!r}")
    for key, schema in (("flowSyntax", "FlowSyntax"), ("processingRule", "ProcessingRule"),
                        ("flowProfile", "FlowProfile")):
        if key in info and info[key] not in spec.enum(schema):
            raise ValueError(f"flowInfo.{key}: {info[key]!r} is not one of "
                             f"{list(spec.enum(schema))}")
    if len(info["name"]) > 255:
        raise ValueError("flowInfo.name: expected at most 255 characters")
    if info.get("trackingId") == "":
        del info["trackingId"]   # no trackingId given
    if len(info.get("trackingId", "")) > 64:
        raise ValueError("flowInfo.trackingId: expected at most 64 characters")
    sha = info.get("sha256")
    if sha is not None and not (len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)):
        raise ValueError(f"flowInfo.sha256: {sha!r} is not 64 lowercase hex digits")
    return info


def create_app(settings: Settings, ledger: Ledger, intake: ApiIntake | None) -> Starlette:
    conf = settings.section(FlowServiceSettings)
    auth = Authenticator(conf)
    reports = settings.path(settings.paths.reports)
    archive_root = settings.path(settings.paths.archive).resolve()
    work = settings.path(settings.paths.work)

    def authenticated(handler: Callable[[Request, Caller], Awaitable[Response]],
                      strict_request_id: bool = True,
                      ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                caller = auth.caller(request.headers.get("authorization"))
            except AuthError as exc:
                return error(401, exc.code, str(exc))
            rid = request.headers.get("request-id")
            if strict_request_id and rid is not None and not _is_uuid(rid):
                return error(400, "INVALID_REQUEST_ID", f"Request-Id {rid[:80]!r} is not a "
                             "UUID")
            org = request.headers.get("organization-id")
            if org is not None and not caller.may_act_for(org):
                return error(403, "FORBIDDEN_ACCESS", f"client {caller.name} may not act "
                             f"for organization {org}")
            try:
                response = await handler(request, caller)
            except StorageUnavailable as exc:
                response = error(503, "RESOURCE_ERROR", f"storage unavailable: {exc}")
            except HTTPException as exc:
                response = error(exc.status_code, "INVALID_REQUEST", str(exc.detail))
            return _with_request_id(request, response)

        return endpoint

    def visibility(caller: Caller) -> fs.Visibility:
        return fs.Visibility(caller.name, caller.structures, caller.every_structure)

    def flow_objects(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return models.flow_objects(ledger, reports, rows)

    # -- flows --------------------------------------------------------------------------

    async def create_flow(request: Request, caller: Caller) -> Response:
        if intake is None:
            return error(503, "RESOURCE_ERROR", "this server takes no submissions")
        limit = conf.max_bytes + SLACK
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            return error(413, "FILE_SIZE_EXCEEDED", f"the request is {length} bytes; a "
                         f"flow file is at most {conf.max_bytes} bytes")
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            return error(400, "INVALID_REQUEST", "expected multipart/form-data with parts "
                         "flowInfo and file")
        limited = Request(request.scope, _limited(request.receive, limit))
        try:
            form = await limited.form(max_files=2, max_fields=8)
        except TooLarge:
            return error(413, "FILE_SIZE_EXCEEDED", f"a flow file is at most "
                         f"{conf.max_bytes} bytes")
        try:
            file = form.get("file")
            raw_info = form.get("flowInfo")
            if not isinstance(file, UploadFile):
                return error(400, "MISSING_REQUIRED_FIELD", "part 'file' is missing (or is "
                             "not a file)")
            if raw_info is None:
                return error(400, "MISSING_REQUIRED_FIELD", "part 'flowInfo' is missing")
            text = (await raw_info.read()) if isinstance(raw_info, UploadFile) else raw_info
            try:
                info = check_flow_info(json.loads(text))
            except (ValueError, UnicodeDecodeError) as exc:
                return error(400, "INVALID_FLOW_INFO", str(exc))
            if file.size is not None and file.size > conf.max_bytes:
                return error(413, "FILE_SIZE_EXCEEDED", f"the file is {file.size} bytes; a "
                             f"flow file is at most {conf.max_bytes} bytes")
            try:
                done = await run_in_threadpool(
                    intake.submit, caller, info, file.file,
                    request.headers.get("request-id"), request.headers.get("organization-id"))
            except models.ChecksumMismatch as exc:
                return error(422, "ChecksumMismatch", str(exc))
        finally:
            await form.close()
        if done.flow is None:
            return error(422, "AlreadyExistingFlow", done.why,
                         instance=f"/v1/flows/{done.existing}", details=str(done.existing))
        body: dict[str, Any] = {"flowId": done.flow.flow_id,
                                "submittedAt": models.when(done.flow.received_at),
                                "name": info["name"], "flowSyntax": info["flowSyntax"],
                                "sha256": done.sha256}
        for key in ("trackingId", "processingRule", "flowProfile"):
            if key in info:
                body[key] = info[key]
        return JSONResponse(body, status_code=202)

    async def search_flows(request: Request, caller: Caller) -> Response:
        try:
            raw = await request.body()
            params = json.loads(raw) if raw.strip() else {"where": {}}  # the body is optional
            query = _search_query(params)
        except (ValueError, UnicodeDecodeError) as exc:
            return error(400, "INVALID_REQUEST", str(exc))
        return JSONResponse(await run_in_threadpool(run_search, caller, query))

    def run_search(caller: Caller, q: dict[str, Any]) -> dict[str, Any]:
        """Flows and the lifecycle messages we wrote, merged in (updatedAt, flowId) order,
        filtered, one page at a time from the cursor."""
        where = q["where"]
        after = q["after"]
        lifecycle = _may_hold_lifecycle(where)
        found: list[dict[str, Any]] = []
        last: tuple[datetime, str] | None = None
        more = False
        page = 200
        while not more:
            flows = fs.search(ledger, visibility(caller), after=after,
                              updated_before=where.get("updatedBefore"),
                              tracking_id=where.get("trackingId"), limit=page)
            messages = fs.lifecycle_flows(ledger, visibility(caller), after=after,
                                          updated_before=where.get("updatedBefore"),
                                          limit=page) if lifecycle else []
            objects = [(_key(r["updated_at"], r["flow_id"]), o) for r, o in zip(
                flows, flow_objects(flows), strict=True)]
            objects += [(_key(r["updated_at"], r["fs_id"]), models.lifecycle_object(r, reports))
                        for r in messages]
            objects.sort(key=lambda pair: pair[0])
            full = [rows for rows in (flows, messages) if len(rows) == page]
            horizon = min((objects_last(rows) for rows in full), default=None)
            for key, obj in objects:
                if horizon is not None and key > horizon:
                    break   # the other source may hold flows before this one: next fetch
                after = key
                if _matches(obj, where):
                    if len(found) == q["limit"]:
                        more = True
                        break
                    found.append(obj)
                    last = key
            if not full:
                break
        out: dict[str, Any] = {"limit": q["limit"], "filters": q["filters"], "results": found}
        if more and last is not None:
            out["nextCursor"] = _cursor(last)
        return out

    def objects_last(rows: list[dict[str, Any]]) -> tuple[datetime, str]:
        r = rows[-1]
        return _key(r["updated_at"], r.get("fs_id") or r["flow_id"])

    async def get_flow(request: Request, caller: Caller) -> Response:
        flow_id = request.path_params["flowId"]
        doc_type = request.query_params.get("docType", "Metadata")
        if doc_type not in DOC_TYPES:
            return error(400, "INVALID_REQUEST", f"docType {doc_type!r}: expected one of "
                         f"{list(DOC_TYPES)}")
        event = fs.lifecycle_event_of(flow_id)
        if event is not None:
            return await lifecycle_flow(flow_id, event, doc_type, caller)
        row = await run_in_threadpool(fs.visible_flow, ledger, flow_id, visibility(caller))
        if row is None:
            return error(404, "MISSING_RESOURCE", f"no flow {flow_id} for client {caller.name}")
        if doc_type == "Metadata":
            return JSONResponse((await run_in_threadpool(flow_objects, [row]))[0])
        if row.get("reason") == "IRR_ANTIVIRUS" or any(
                i.get("reason") == "IRR_ANTIVIRUS" for i in ledger.invoices(flow_id)):
            return error(403, "FORBIDDEN_ACCESS", f"the files of {flow_id} are withheld: "
                         "the antivirus found a virus")
        path = _original(row)
        name = row["file_name"]
        if doc_type == "ReadableView" and not name.lower().endswith(".pdf"):
            path = None   # only a Factur-X PDF is its own readable view; we render none
        if doc_type == "Converted":
            path = None   # edi-flux converts nothing: what it delivers is the original
        if path is None:
            return error(404, "MISSING_RESOURCE", f"{doc_type} of {flow_id} is not available")
        return FileResponse(path, media_type="application/octet-stream",
                            headers={"Content-Disposition": f"attachment;filename={_ascii(name)}"})

    async def lifecycle_flow(flow_id: str, event: int, doc_type: str, caller: Caller
                             ) -> Response:
        rows = await run_in_threadpool(lambda: fs.lifecycle_flows(
            ledger, visibility(caller), after=None, updated_before=None, limit=1,
            event_id=event))
        if not rows or rows[0]["fs_id"] != flow_id:
            return error(404, "MISSING_RESOURCE", f"no flow {flow_id} for client {caller.name}")
        if doc_type == "Metadata":
            return JSONResponse(models.lifecycle_object(rows[0], reports))
        path = (reports / rows[0]["message_file"]).resolve()
        if doc_type != "Original" or not path.is_relative_to(reports.resolve()) \
                or not path.is_file():
            return error(404, "MISSING_RESOURCE", f"{doc_type} of {flow_id} is not available")
        return FileResponse(path, media_type="application/octet-stream", headers={
            "Content-Disposition": f"attachment;filename={_ascii(path.name)}"})

    def _original(row: dict[str, Any]) -> Any:
        from pathlib import Path

        from edi.intake.claim import work_name

        raw = row.get("archive_path")
        if raw:
            path = settings.path(Path(raw)).resolve()
            if path.is_relative_to(archive_root) and path.is_file():
                return path
        pending = work / work_name(row["flow_id"], row["file_name"])
        return pending if pending.is_file() else None

    # -- webhooks -----------------------------------------------------------------------

    async def list_webhooks(request: Request, caller: Caller) -> Response:
        rows = await run_in_threadpool(fs.webhooks, ledger, caller.name)
        hooks = [_webhook_json(r) for r in rows]
        return JSONResponse({"count": len(hooks), "webhookIds": [h["webhookId"] for h in hooks],
                             "webhooks": hooks})

    async def create_webhook(request: Request, caller: Caller) -> Response:
        try:
            params = json.loads(await request.body())
            row = _webhook_row(params, caller.name)
        except (ValueError, UnicodeDecodeError) as exc:
            return error(400, "INVALID_REQUEST", str(exc))
        await run_in_threadpool(fs.add_webhook, ledger, row)
        return JSONResponse({"webhookId": row["webhook_id"], "signingKey": row["signing_key"],
                             "createdAt": models.when(row["created_at"])}, status_code=201)

    async def webhooks(request: Request, caller: Caller) -> Response:
        if request.method == "POST":
            return await create_webhook(request, caller)
        return await list_webhooks(request, caller)

    async def delete_webhook(request: Request, caller: Caller) -> Response:
        uid = request.path_params["webhookUid"]
        try:
            uuid.UUID(uid)
        except ValueError:
            return error(400, "INVALID_REQUEST", f"webhookUid {uid!r} is not a UUID")
        if not await run_in_threadpool(fs.delete_webhook, ledger, caller.name, uid):
            return error(404, "MISSING_RESOURCE", f"no webhook {uid} for client {caller.name}")
        return Response(status_code=204)

    # -- the rest -----------------------------------------------------------------------

    async def healthcheck(request: Request, caller: Caller) -> Response:
        return Response(status_code=200)

    async def openapi(request: Request) -> Response:
        return FileResponse(spec.FLOW_SERVICE, media_type="application/json")

    async def token(request: Request) -> Response:
        form = await request.form(max_fields=8)
        try:
            if form.get("grant_type") != "client_credentials":
                return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
            creds = basic_credentials(request.headers.get("authorization")) or (
                str(form.get("client_id") or ""), str(form.get("client_secret") or ""))
            issued, ttl = auth.issue(*creds)
        except AuthError:
            return JSONResponse({"error": "invalid_client"}, status_code=401,
                                headers={"WWW-Authenticate": "Basic"})
        finally:
            await form.close()
        return JSONResponse({"access_token": issued, "token_type": "Bearer",
                             "expires_in": ttl}, headers={"Cache-Control": "no-store"})

    routes: list[BaseRoute] = [
        Route("/v1/flows", authenticated(create_flow), methods=["POST"]),
        Route("/v1/flows/search", authenticated(search_flows), methods=["POST"]),
        Route("/v1/flows/{flowId}", authenticated(get_flow), methods=["GET"]),
        Route("/v1/webhooks", authenticated(webhooks), methods=["GET", "POST"]),
        Route("/v1/webhooks/{webhookUid}", authenticated(delete_webhook), methods=["DELETE"]),
        Route("/v1/healthcheck", authenticated(healthcheck, strict_request_id=False),
              methods=["GET"]),
        Route("/v1/token", token, methods=["POST"]),
        Route("/v1/openapi.json", openapi, methods=["GET"]),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = {404: "MISSING_RESOURCE", 405: "METHOD_NOT_ALLOWED"}.get(exc.status_code,
                                                                        "INVALID_REQUEST")
        response = error(exc.status_code, code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("Flow Service: %s %s failed", request.method, request.url.path)
        return error(500, "INTERNAL_ERROR", f"{type(exc).__name__}: see the server's log")

    from starlette.routing import Mount

    from edi.flowservice.directory import create_directory_app
    from edi.validators.chorus_settings import ChorusSettings

    directory = settings.path(settings.section(ChorusSettings).directory)
    routes.append(Mount("/directory-service", app=create_directory_app(directory, auth)))
    from edi.flowservice.hooks import route as hook_route

    routes.append(hook_route(settings, ledger))   # ours: platforms' webhooks (hooks.py)
    return Starlette(routes=routes, exception_handlers={HTTPException: http_error,
                                                       Exception: internal})


def _with_request_id(request: Request, response: Response) -> Response:
    """The caller's Request-Id back (one of ours when it gave none, or no UUID)."""
    rid = request.headers.get("request-id")
    response.headers["Request-Id"] = rid if rid and _is_uuid(rid) else str(uuid.uuid4())
    return response


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return len(text) == 36


def _ascii(name: str) -> str:
    return "".join(c if 32 < ord(c) < 127 and c not in '";\\' else "_" for c in name)


def _cursor(position: tuple[datetime, str]) -> str:
    at, fid = position
    raw = json.dumps({"created_at": at.isoformat(), "id": fid}).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _uncursor(text: str) -> tuple[datetime, str]:
    try:
        data = json.loads(base64.urlsafe_b64decode(text.encode()))
        at = datetime.fromisoformat(str(data["created_at"]).replace("Z", "+00:00"))
        return (at if at.tzinfo else at.replace(tzinfo=UTC)), str(data["id"])
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise ValueError(f"cursor {text[:80]!r} is not one of ours") from exc


def _date(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected a date-time string")
    try:
        at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"{where}: {value!r} is not an RFC 3339 date-time") from exc
    if at.tzinfo is None:
        raise ValueError(f"{where}: {value!r} has no time zone")
    return at


def _search_query(params: Any) -> dict[str, Any]:
    """SearchFlowParams, checked: ValueError says what is wrong."""
    if not isinstance(params, dict) or not isinstance(params.get("where"), dict):
        raise ValueError("expected a JSON object with 'where' (SearchFlowFilters)")
    limit = params.get("limit", 25)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 100:
        raise ValueError(f"limit: expected 1..100, got {limit!r}")
    raw = params["where"]
    where: dict[str, Any] = {}
    for key in ("updatedAfter", "updatedBefore"):
        if key in raw:
            where[key] = _date(raw[key], f"where.{key}")
    for key, schema in (("processingRule", "ProcessingRule"), ("flowType", "FlowType"),
                        ("flowDirection", "FlowDirection")):
        if key in raw:
            values = raw[key]
            if not isinstance(values, list) or any(v not in spec.enum(schema) for v in values):
                raise ValueError(f"where.{key}: expected a list of {list(spec.enum(schema))}")
            where[key] = set(values)
    if "ackStatus" in raw:
        if raw["ackStatus"] not in spec.enum("FlowAckStatus"):
            raise ValueError(f"where.ackStatus: expected one of "
                             f"{list(spec.enum('FlowAckStatus'))}")
        where["ackStatus"] = raw["ackStatus"]
    if "trackingId" in raw:
        if not isinstance(raw["trackingId"], str) or len(raw["trackingId"]) > 64:
            raise ValueError("where.trackingId: expected a string of at most 64 characters")
        where["trackingId"] = raw["trackingId"]
    after = None
    if "cursor" in params:
        if not isinstance(params["cursor"], str):
            raise ValueError("cursor: expected a string")
        after = _uncursor(params["cursor"])
    elif "updatedAfter" in where:
        after = (where["updatedAfter"], "\uffff")   # strictly after: updatedAt > updatedAfter
    filters = {k: v for k, v in raw.items() if k in (
        "updatedAfter", "updatedBefore", "processingRule", "flowType", "flowDirection",
        "trackingId", "ackStatus")}
    return {"limit": limit, "where": where, "after": after, "filters": filters}


def _key(at: datetime, flow_id: str) -> tuple[datetime, str]:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)), flow_id


LIFECYCLE_TYPES = {"CustomerInvoiceLC"}


def _may_hold_lifecycle(where: dict[str, Any]) -> bool:
    """Whether the filters let lifecycle flows (In, CustomerInvoiceLC, Ok) through."""
    if "trackingId" in where or where.get("ackStatus", "Ok") != "Ok":
        return False
    if "flowDirection" in where and "In" not in where["flowDirection"]:
        return False
    return "flowType" not in where or bool(LIFECYCLE_TYPES & where["flowType"])


def _matches(obj: dict[str, Any], where: dict[str, Any]) -> bool:
    for key in ("processingRule", "flowType", "flowDirection"):
        if key in where and obj[key] not in where[key]:
            return False
    if "ackStatus" in where and obj["acknowledgement"]["status"] != where["ackStatus"]:
        return False
    return not ("trackingId" in where and obj.get("trackingId") != where["trackingId"])


def _webhook_row(params: Any, client: str) -> dict[str, Any]:
    if not isinstance(params, dict):
        raise ValueError("expected a JSON object (WebhookParams)")
    url = params.get("callbackUrl")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ValueError("callbackUrl: expected an http:// or https:// URL")
    types = params.get("flowTypes")
    if "flowTypes" in params and (not isinstance(types, list) or any(
            t not in spec.enum("FlowType") for t in types)):
        raise ValueError(f"flowTypes: expected a list of {list(spec.enum('FlowType'))}")
    for key, schema in (("flowDirection", "FlowDirection"), ("ackStatus", "FlowAckStatus")):
        if key in params and params[key] not in spec.enum(schema):
            raise ValueError(f"{key}: expected one of {list(spec.enum(schema))}")
    return {"webhook_id": str(uuid.uuid4()), "client": client, "callback_url": url,
            "flow_types": json.dumps(types) if types is not None else None,
            "flow_direction": params.get("flowDirection"), "ack_status": params.get("ackStatus"),
            "signing_key": base64.b64encode(secrets.token_bytes(64)).decode(),
            "created_at": utcnow()}


def _webhook_json(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"webhookId": row["webhook_id"], "callbackUrl": row["callback_url"],
                           "createdAt": models.when(row["created_at"])}
    if row["flow_types"] is not None:
        out["flowTypes"] = row["flow_types"]
    for key, col in (("flowDirection", "flow_direction"), ("ackStatus", "ack_status")):
        if row[col] is not None:
            out[key] = row[col]
    return out
