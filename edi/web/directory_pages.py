"""The dashboard's depositing structures and orders: pages and their JSON.

``/structures`` and ``/orders`` (HTML), ``/api/structures`` and ``/api/orders`` (JSON):
the structures registered with `edi structures add` (their accounts counted, not shown:
an IBAN is not for a dashboard), the connections ``[depositors]`` binds to each, and the
engagements with what accepted invoices took from them. Read-only, like the rest.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from edi.config import Settings
from edi.directory.views import order_rows, structure_rows
from edi.ledger import Ledger


def routes(settings: Settings, ledger: Ledger, templates: Jinja2Templates) -> list[Route]:
    from edi.validators.chorus_settings import ChorusSettings
    from edi.validators.depositor_settings import DepositorSettings

    store = settings.path(settings.section(ChorusSettings).directory)
    bound = {c.name: [v.replace(" ", "") for v in (*c.structures, *c.mandated)]
             for c in settings.section(DepositorSettings).connection}

    def structures() -> list[dict[str, Any]]:
        return structure_rows(store, bound)

    def orders(request: Request) -> list[dict[str, Any]]:
        return order_rows(store, ledger.reader, request.query_params.get("buyer") or None)

    def page_structures(request: Request) -> Response:
        return templates.TemplateResponse(request, "structures.html",
                                          {"structures": structures()})

    def page_orders(request: Request) -> Response:
        return templates.TemplateResponse(request, "orders.html", {"orders": orders(request)})

    def api_structures(request: Request) -> Response:
        return JSONResponse({"structures": structures()})

    def api_orders(request: Request) -> Response:
        return JSONResponse({"orders": orders(request)})

    return [Route("/structures", page_structures), Route("/orders", page_orders),
            Route("/api/structures", api_structures), Route("/api/orders", api_orders)]
