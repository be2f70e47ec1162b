"""The dashboard application: pages, JSON API, downloads, health and metrics.

Read-only by construction: every route answers GET (and HEAD) only, and the ledger is
read through its reader engine. Ledger calls are blocking, so endpoints are plain
functions that Starlette runs in its thread pool.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from edi.config import Settings
from edi.ledger import Ledger, queries
from edi.model import FlowStatus, utcnow
from edi.reports import renderers
from edi.web import api, directory_pages
from edi.web.metrics import Metrics
from edi.web.settings import Serve, check_bind, check_password, user_table

HERE = Path(__file__).parent
STATUS_COLORS = {
    "IN_RECU": "#9aa5b1", "IN_EN_ATTENTE_TRAITEMENT_CPP": "#b8c2cc",
    "IN_EN_COURS_TRAITEMENT_CPP": "#4c8bf5", "IN_INTEGRE": "#2e9e5b",
    "IN_INTEGRE_PARTIEL": "#a3c940", "IN_REJETE": "#d64545",
    "IN_EN_ATTENTE_RETRAITEMENT_CPP": "#f0a020", "IN_INCIDENTE": "#7a1f9e",
}
OPEN_PATHS = ("/health", "/static/")  # for load balancers; they reveal no flow data


class Auth:
    """Bearer token, ``?token=`` (sets a cookie, for browsers) or HTTP Basic users.

    Enforced whenever a token or users are configured, whatever the bind address.
    """

    COOKIE = "edi_token"

    def __init__(self, app: ASGIApp, serve: Serve) -> None:
        self.app = app
        self.token = serve.effective_token
        self.users = user_table(serve)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(OPEN_PATHS):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        given = request.query_params.get("token")
        if self.token and given is not None and _same(given, self.token):
            # Trade the token in the URL for a cookie, and drop it from the address bar.
            rest = urlencode([(k, v) for k, v in request.query_params.multi_items()
                              if k != "token"])
            response: Response = RedirectResponse(scope["path"] + ("?" + rest if rest else ""),
                                                  status_code=303)
            response.set_cookie(self.COOKIE, self.token, httponly=True, samesite="strict")
            await response(scope, receive, send)
            return
        if self._allowed(request):
            await self.app(scope, receive, send)
            return
        challenge = 'Basic realm="edi-flux"' if self.users else 'Bearer realm="edi-flux"'
        await JSONResponse({"error": "authentication required"}, status_code=401,
                           headers={"WWW-Authenticate": challenge})(scope, receive, send)

    def _allowed(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        if self.token:
            if scheme.lower() == "bearer" and _same(value.strip(), self.token):
                return True
            cookie = request.cookies.get(self.COOKIE)
            if cookie and _same(cookie, self.token):
                return True
        if self.users and scheme.lower() == "basic":
            try:
                name, _, password = base64.b64decode(value.strip()).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                return False
            stored = self.users.get(name)
            return stored is not None and check_password(stored, password)
        return False


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class SecurityHeaders:
    """No inline script, no framing, no sniffing: the pages show business data."""

    HEADERS = [
        (b"content-security-policy",
         b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
         b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
    ]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + self.HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings, ledger: Ledger | None = None) -> Starlette:
    serve = settings.section(Serve)
    ledger = ledger or Ledger(settings.ledger_url)
    metrics = Metrics(ledger, settings)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(colors=STATUS_COLORS, statuses=[str(x) for x in FlowStatus],
                                 formats=api.FORMATS)
    templates.env.filters["when"] = _when
    archive_root = settings.path(settings.paths.archive).resolve()
    reports_root = settings.path(settings.paths.reports).resolve()
    public = api.Public.of(settings)   # what the API shows: no server path

    def listing(request: Request, strict: bool = False,
                ) -> tuple[api.Listing, list[dict[str, Any]], int, bool]:
        lst = api.flow_query(request.query_params, serve.page_size, strict)
        rows = ledger.flows(lst.query)
        total, capped = queries.count_capped(ledger, lst.query, api.COUNT_CAP)
        return lst, rows, total, capped

    def detail(flow_id: str) -> dict[str, Any] | None:
        row = ledger.row(flow_id)
        if row is None:
            return None
        links = {}
        invoices = ledger.invoices(flow_id)
        original = _archived(row, archive_root, settings)
        withheld = _virus(row, invoices)
        if original is not None and not withheld:
            links["original"] = f"/flows/{flow_id}/original"
        for rendering in renderers.RENDERERS:   # links cr_json, cr_xml...
            if (reports_root / rendering.file_name(flow_id)).is_file():
                links[rendering.kind.replace(".", "_")] = f"/flows/{flow_id}/{rendering.kind}"
        return {"flow": row, "invoices": invoices,
                "findings": queries.flow_findings(ledger, flow_id),
                "history": ledger.history(flow_id), "links": links, "withheld": withheld}

    def overview(days: int) -> dict[str, Any]:
        since = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) \
            - timedelta(days=days - 1)
        per_day = queries.flows_per_day(ledger, since)
        counts = queries.verdicts(ledger, since, per_day=per_day)
        return {"since": since, "per_day": per_day, "counts": counts,
                "oldest_unfinished": queries.oldest_unfinished(ledger),
                "pending_retries": queries.pending_retries(ledger),
                "rejected_share": queries.rejected_share(counts),
                "top_rules": queries.top_rejecting_rules(ledger, 10, since=since),
                "lifecycle": lifecycle_counts()}

    def lifecycle_counts() -> dict[str, int]:
        """Invoices per latest lifecycle status ("212 Encaissée": n)."""
        from edi.ledger import lifecycle as lifecycle_sql
        from edi.lifecycle.codes import label

        with ledger.connection() as c:
            return {f"{code} {label(code) or ''}".strip(): n
                    for code, n in lifecycle_sql.counts_by_status(c).items()}

    def days_param(request: Request) -> int:
        raw = request.query_params.get("days", "14")
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= 366:
            raise api.BadQuery(f"days: expected 1..366, got {raw!r}")
        return int(raw)

    # -- pages ------------------------------------------------------------------------

    def page_overview(request: Request) -> Response:
        try:
            days = days_param(request)
        except api.BadQuery as exc:
            return PlainTextResponse(str(exc), status_code=400)
        data = overview(days)
        return templates.TemplateResponse(request, "overview.html", {
            **data, "days": days, "chart": _chart(data["per_day"], data["since"], days),
            "now": utcnow()})

    def page_flows(request: Request) -> Response:
        try:
            lst, rows, total, capped = listing(request)
        except api.BadQuery as exc:
            return PlainTextResponse(str(exc), status_code=400)
        q = lst.query

        def page_link(offset: int) -> str:
            return "/flows?" + urlencode({**lst.params, "offset": offset, "limit": q.limit})

        return templates.TemplateResponse(request, "flows.html", {
            "flows": rows, "total": total, "capped": capped, "q": q, "params": lst.params,
            "prev": page_link(max(q.offset - q.limit, 0)) if q.offset else None,
            "next": page_link(q.offset + q.limit) if q.offset + q.limit < total else None,
            "api_url": "/api/flows?" + urlencode({**lst.params, "limit": q.limit}),
            "poll_ms": int(serve.poll_seconds * 1000)})

    def page_flow(request: Request) -> Response:
        data = detail(request.path_params["flow_id"])
        if data is None:
            return PlainTextResponse("no such flow", status_code=404)
        return templates.TemplateResponse(request, "flow.html", data)

    def download(request: Request) -> Response:
        flow_id = request.path_params["flow_id"]
        kind = request.path_params["kind"]
        row = ledger.row(flow_id)
        if row is None:
            return PlainTextResponse("no such flow", status_code=404)
        if kind == "original":
            if _virus(row, ledger.invoices(flow_id)):
                return PlainTextResponse(f"the original of {flow_id} is withheld: "
                                         f"{VIRUS_WITHHELD}", status_code=403)
            path = _archived(row, archive_root, settings)
            name = row["file_name"]
            media = "application/octet-stream"
        elif (rendering := renderers.by_kind(kind)) is not None:
            path = reports_root / rendering.file_name(row["flow_id"])
            name = path.name
            media = rendering.media_type
        else:
            return PlainTextResponse("unknown download", status_code=404)
        if path is None or not path.is_file():
            return PlainTextResponse(f"{kind} of {flow_id} is not on disk", status_code=404)
        return FileResponse(path, media_type=media, filename=name)

    # -- API --------------------------------------------------------------------------

    def api_flows(request: Request) -> Response:
        try:
            lst, rows, total, capped = listing(request, strict=True)
        except api.BadQuery as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"total": total, "total_capped": capped,
                             "limit": lst.query.limit, "offset": lst.query.offset,
                             "flows": [api.flow_json(r, public) for r in rows]})

    def api_flow(request: Request) -> Response:
        data = detail(request.path_params["flow_id"])
        if data is None:
            return JSONResponse({"error": "no such flow"}, status_code=404)
        return JSONResponse({"flow": api.flow_json(data["flow"], public),
                             "invoices": [api.invoice_json(i, public)
                                          for i in data["invoices"]],
                             "findings": public.value(data["findings"]),
                             "history": public.history(data["history"]),
                             "lease": api.lease_json(data["flow"], public),
                             "links": data["links"]})

    def lifecycle_download(request: Request) -> Response:
        """A CDAR message edi-flux wrote for one of this flow's invoices."""
        flow_id, name = request.path_params["flow_id"], request.path_params["name"]
        path = reports_root / "lifecycle" / name
        if not name.startswith(f"{flow_id}_") or not name.endswith(".cdar.xml") \
                or "/" in name or not path.is_file():
            return PlainTextResponse("no such lifecycle message", status_code=404)
        return FileResponse(path, media_type="application/xml", filename=name)

    def api_invoices(request: Request) -> Response:
        from edi.ledger import lifecycle as lifecycle_sql
        from edi.lifecycle.query import BadFilter, invoice_filters

        try:
            filters = invoice_filters(request.query_params)
        except BadFilter as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        with ledger.connection() as c:
            rows = lifecycle_sql.invoice_rows(c, **filters)
        return JSONResponse({"invoices": [{"flow_id": r["flow_id"],
                                           **api.invoice_json({**r, "findings": []}, public)}
                                          for r in rows]})

    def api_overview(request: Request) -> Response:
        try:
            days = days_param(request)
        except api.BadQuery as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(public.overview(overview(days)))

    def health(request: Request) -> Response:
        scans = queries.last_scans(ledger)
        last = max(scans.values()) if scans else None
        age = (utcnow() - last).total_seconds() if last else None
        ok = age is not None and age <= serve.health_max_scan_age
        storage = storage_problems(settings, ledger.folder)
        status = "storage" if storage else "ok" if ok else "stale"
        return JSONResponse({"status": status, "last_scan": api.jsonable(last),
                             "age_seconds": age, "max_age_seconds": serve.health_max_scan_age,
                             "storage": storage},
                            status_code=200 if ok and not storage else 503)

    def metrics_endpoint(request: Request) -> Response:
        return Response(metrics.render(), media_type="text/plain; version=0.0.4")

    spec = api.openapi(serve.auth_required)

    def openapi_endpoint(request: Request) -> Response:
        return JSONResponse(spec)

    routes = [
        Route("/", page_overview),
        Route("/flows", page_flows),
        Route("/flows/{flow_id}", page_flow),
        Route("/flows/{flow_id}/{kind}", download),
        Route("/api/flows", api_flows),
        Route("/api/flows/{flow_id}", api_flow),
        Route("/api/overview", api_overview),
        Route("/api/invoices", api_invoices),
        Route("/flows/{flow_id}/lifecycle/{name}", lifecycle_download),
        *directory_pages.routes(settings, ledger, templates),   # structures, orders
        Route("/health", health),
        Route("/metrics", metrics_endpoint),
        Route("/openapi.json", openapi_endpoint),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.ledger = ledger
    if serve.auth_required:
        app.add_middleware(Auth, serve=serve)
    app.add_middleware(SecurityHeaders)
    return app


def storage_problems(settings: Settings, ledger_folder: Path | None) -> list[dict[str, Any]]:
    """Folders that cannot be written: those the processor of this process is waiting on
    (``edi watch --serve``), and, seen from any process, those read-only or with no space
    left. Each names the folder, its path and the error."""
    from edi import durable

    found = {p.folder: {"folder": p.folder, "path": p.path, "errno": p.errno,
                        "error": p.error, "since": api.jsonable(p.since)}
             for p in durable.problems()}
    p = settings.paths
    folders = {name: settings.path(path) for name, path in (
        ("archive", p.archive), ("reports", p.reports), ("rejected", p.rejected),
        ("work", p.work), ("outbox", p.outbox))}
    if ledger_folder is not None:
        folders["ledger"] = ledger_folder
    for problem in durable.probe(folders):
        found.setdefault(str(problem["folder"]), {**problem, "since": None})
    return list(found.values())


VIRUS_WITHHELD = ("the antivirus found a virus in it (IRR_ANTIVIRUS); it stays in the "
                  "archive, never served by the dashboard")


def _virus(row: dict[str, Any], invoices: list[dict[str, Any]]) -> bool:
    """Whether the antivirus flagged this flow or one of its invoices: its files are
    never served (neither inline nor as a download)."""
    return row.get("reason") == "IRR_ANTIVIRUS" or any(
        i.get("reason") == "IRR_ANTIVIRUS" for i in invoices)


def _archived(row: dict[str, Any], archive_root: Path, settings: Settings) -> Path | None:
    """The archived original, only if it really lies under the archive folder."""
    raw = row.get("archive_path")
    if not raw:
        return None
    path = settings.path(Path(raw)).resolve()
    if not path.is_relative_to(archive_root) or not path.is_file():
        return None
    return path


def _when(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _chart(per_day: list[dict[str, Any]], since: datetime, days: int) -> dict[str, Any]:
    """Stacked bars (one per day, one segment per status) as SVG rectangles."""
    width, height, pad = 720, 220, 24
    names = [(since + timedelta(days=i)).date().isoformat() for i in range(days)]
    stacks: dict[str, dict[str, int]] = {d: {} for d in names}
    for r in per_day:
        if r["day"] in stacks:
            stacks[r["day"]][r["status"]] = r["count"]
    top = max((sum(v.values()) for v in stacks.values()), default=0) or 1
    slot = (width - 2 * pad) / days
    bars = []
    for i, day in enumerate(names):
        y: float = height - pad
        for status in STATUS_COLORS:
            n = stacks[day].get(status, 0)
            if not n:
                continue
            h = (height - 2 * pad) * n / top
            y -= h
            bars.append({"x": round(pad + i * slot + slot * 0.15, 1), "y": round(y, 1),
                         "w": round(slot * 0.7, 1), "h": round(h, 1),
                         "color": STATUS_COLORS[status], "title": f"{day} {status}: {n}"})
    labels = [{"x": round(pad + i * slot + slot / 2, 1), "text": d[5:]}
              for i, d in enumerate(names) if days <= 16 or i % (days // 8) == 0]
    return {"width": width, "height": height, "bars": bars, "labels": labels, "top": top,
            "base": height - pad}


def serve_in_thread(settings: Settings, host: str | None = None,
                    port: int | None = None) -> Callable[[], None]:
    """Start the dashboard in a daemon thread (``edi watch --serve``); returns ``stop``.

    Raises BindError before binding anything when the address needs authentication, and
    OSError when the server could not start (port taken).
    """
    import uvicorn

    serve = settings.section(Serve)
    host = host or serve.host
    port = serve.port if port is None else port
    check_bind(serve, host)
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                           lifespan="off", access_log=False))
    thread = threading.Thread(target=server.run, name="edi-serve", daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise OSError(f"the dashboard could not listen on {host}:{port}")
        time.sleep(0.02)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.ledger.close()

    return stop
