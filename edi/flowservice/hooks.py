"""Our receiving endpoint for the webhook callbacks of a platform we deliver to:
``POST /v1/hooks/{name}`` for each ``[[flow_service.platform]]`` with ``webhook = true``
and that ``name``. The path is ours, not XP Z12-013's: the specification says what a
callback carries and how it is signed, not where a subscriber listens
(``edi flow-service subscribe`` registers it at the platform).

The body is the specification's ``Flow`` object, signed as ``createWebhook`` says; it is
checked (``edi.flowservice.webhooks.check``) under the ``signingKey`` the platform
answered, held in ``$<webhook_key_env>``: a timestamp missing or more than ``MAX_AGE``
seconds from our clock is 400, a signature that is not the key's over this body 401, and
nothing is recorded. Then:

- a lifecycle flow (CustomerInvoiceLC, SupplierInvoiceLC) is downloaded and filed as the
  follow files it (``follow.take_one``), unless it already was (its ``carried_by``);
- any other flow is the acknowledgement of one of our deliveries, found by trackingId,
  recorded as the follow records it (a terminal one is never replaced by a late Pending).

Callbacks come at least once: a repeat (``Edi-Event-Id`` is the flow id, its
acknowledgement status and the webhook: the same event finds the same flow filed, or the
same acknowledgement recorded) changes nothing and is answered 200 ``"repeat": true``, so
no table of event ids is needed and a platform that sends no such header is deduplicated
the same way. What may go better later is answered 503, so the platform sends it again:
the platform unreachable for the download, or a delivery of ours not recorded yet (the
callback outran the conclusion of our flow). A flow that is not ours: 200, ignored.
"""

from __future__ import annotations

import json
import logging
import os
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from edi.flowservice import follow, webhooks
from edi.flowservice.client import LIFECYCLE_FLOW_TYPES
from edi.flowservice.settings import FlowServiceSettings, Platform, platform_named
from edi.ledger import flowservice as fs
from edi.routing.base import DeliveryError
from edi.routing.flowservice import client_for, flow_of

if TYPE_CHECKING:
    from edi.config import Settings
    from edi.ledger import Ledger

log = logging.getLogger(__name__)

PATH = "/v1/hooks/{platform}"
MAX_AGE = 300.0          # seconds a callback's timestamp may be from our clock
MAX_BODY = 1024 * 1024   # a Flow object is a few kilobytes


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"errorCode": code, "errorMessage": message}, status_code=status)


def route(settings: Settings, ledger: Ledger) -> Route:
    conf = settings.section(FlowServiceSettings)

    async def receive(request: Request) -> Response:
        name = request.path_params["platform"]
        platform = platform_named(conf, name)
        if platform is None or not platform.webhook:
            return _error(404, "MISSING_RESOURCE", f"no platform {name!r} whose webhooks "
                          "are received here")
        key = os.environ.get(platform.webhook_key_env or "")
        if not key:
            log.error("webhook of %s: $%s is not set; callbacks are refused (503) until it "
                      "holds the signingKey", name, platform.webhook_key_env)
            return _error(503, "RESOURCE_ERROR", f"the signing key of {name} is not set")
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BODY:
            return _error(413, "INVALID_REQUEST", f"a callback is at most {MAX_BODY} bytes")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return _error(413, "INVALID_REQUEST", f"a callback is at most {MAX_BODY} "
                              "bytes")
        problem = webhooks.check(key, body, dict(request.headers), MAX_AGE)
        if problem == webhooks.STALE:
            log.warning("webhook of %s: Afnor-Signature-Timestamp missing or more than "
                        "%g s away; refused", name, MAX_AGE)
            return _error(400, "INVALID_REQUEST", "Afnor-Signature-Timestamp: expected the "
                          f"epoch seconds of now, within {MAX_AGE:g} s")
        if problem is not None:
            log.warning("webhook of %s: a signature that is not the signing key's; refused",
                        name)
            return _error(401, "INVALID_SIGNATURE", "Afnor-Signature does not match the "
                          "body and timestamp under this webhook's signing key")
        try:
            flow = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            flow = None
        if not isinstance(flow, dict) or not isinstance(flow.get("flowId"), str):
            return _error(400, "INVALID_REQUEST", "expected a Flow object (with flowId)")
        status, answer = await run_in_threadpool(
            take, ledger, settings, platform, flow, request.headers.get("edi-event-id"))
        return JSONResponse(answer, status_code=status)

    return Route(PATH, receive, methods=["POST"])


def take(ledger: Ledger, settings: Settings, platform: Platform, flow: dict[str, Any],
         event: str | None) -> tuple[int, dict[str, Any]]:
    """What one verified callback says, recorded: (HTTP status, answer)."""
    from edi.lifecycle.ingest import remote_ref, remote_source

    remote_id = flow["flowId"]
    said: dict[str, Any] = {"flowId": remote_id}
    if event:
        said["event"] = event[:200]
    if flow.get("flowType") in LIFECYCLE_FLOW_TYPES:
        source = remote_source(platform.url)
        if fs.lifecycle_taken(ledger, source, [remote_ref(remote_id)]):
            return 200, {**said, "repeat": True}
        try:
            client = client_for(platform.url, settings)
        except DeliveryError as exc:
            return 503, {**said, "detail": str(exc)}
        row, done = follow.take_one(ledger, settings, source, client, remote_id)
        if row["filed"]:
            log.info("webhook of %s: %s: %d lifecycle status(es) filed", platform.name,
                     remote_id, row["filed"])
        return (200 if done else 503), {**said, "filed": row["filed"],
                                        "detail": row["detail"]}
    tid = flow.get("trackingId")
    ack = (flow.get("acknowledgement") or {}).get("status")
    if not isinstance(tid, str) or not isinstance(ack, str):
        return 200, {**said, "ignored": "no trackingId or acknowledgement: not a delivery "
                                        "of ours"}
    delivery = follow.delivery_of(ledger, settings, platform, tid)
    if delivery is None:
        if fs.has_flow(ledger, flow_of(tid)):
            return 503, {**said, "detail": f"the delivery {tid} is not recorded yet"}
        return 200, {**said, "ignored": f"trackingId {tid!r} is not a delivery of ours"}
    known = fs.remote_flow(ledger, delivery["target"], tid)
    if known is not None and known["remote_flow_id"] == remote_id and (
            known["ack_status"] == ack or (known["ack_status"] in fs.TERMINAL_ACKS
                                           and ack not in fs.TERMINAL_ACKS)):
        return 200, {**said, "repeat": True, "ackStatus": known["ack_status"]}
    fs.record_remote(ledger, follow.ack_row(delivery, tid, flow))
    log.info("webhook of %s: %s acknowledged %s (%s)", platform.name, tid, ack, remote_id)
    return 200, {**said, "trackingId": tid, "ackStatus": ack}
