"""A delivery target that submits invoices to an XP Z12-013 Flow Service
(``https://<platform>/<base path>`` in the route table; ``http://`` too, for loopback).

Each invoice is one ``POST /v1/flows`` whose ``trackingId`` is our delivery's
deterministic name (``<flow id>_<invoice number>.<ext>``, or the flow id and a digest of
that name when longer than the 64 characters a trackingId may have). So nothing is
submitted twice: ``exists`` asks the platform (``POST /v1/flows/search`` by trackingId)
before a redo sends, and a submission the platform already holds (a retry after an
answer lost on the way back) is answered ``AlreadyExistingFlow`` and counted delivered.

Refused (connection), timed out, 429, 5xx: transient, the flow waits under
``[delivery]``; a connection that dropped after the request was written is also
``uncertain`` (the retry looks before sending). 400, 401, 403, 413, 422 otherwise: not
transient (the platform will not take it as it is). The platform's token comes from
``[[flow_service.platform]]`` (``edi/flowservice/settings.py``); ``edi flow-service
follow`` (and ``edi watch``, ``edi/flowservice/follow.py``) reads back the platform's flow
ids, acknowledgements and lifecycle statuses, and its webhooks bring them as they happen
(``edi/flowservice/hooks.py``).
"""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING

from edi.config import ConfigError
from edi.routing.base import DeliveryError

if TYPE_CHECKING:
    from edi.config import Settings
    from edi.durable import DurableBatch
    from edi.flowservice.client import Answer, FlowServiceClient
    from edi.routing.ssh import SshOptions

TRACKING_MAX = 64
TRANSIENT = {408, 425, 429, 500, 502, 503, 504}


def tracking_id(file_name: str) -> str:
    """The trackingId of a delivery: its name, or (too long) its flow id + a digest."""
    if len(file_name) <= TRACKING_MAX:
        return file_name
    digest = hashlib.sha256(file_name.encode("utf-8", "surrogateescape")).hexdigest()
    head = file_name.split("_", 1)[0][:TRACKING_MAX - 17]
    return f"{head}-{digest[:16]}"


def flow_of(tid: str) -> str:
    """Our flow id a trackingId of ours starts with (either form of ``tracking_id``)."""
    if "_" in tid:
        return tid.split("_", 1)[0]
    head, sep, digest = tid.rpartition("-")
    return head if sep and len(digest) == 16 else tid


class FlowServiceTarget:
    def __init__(self, name: str, client: FlowServiceClient) -> None:
        self.name = name
        self.client = client

    def _answer(self, what: str, call: object) -> Answer:
        from edi.flowservice.client import Unreachable

        try:
            return call()  # type: ignore[operator, no-any-return]
        except Unreachable as exc:
            raise DeliveryError(f"{self.name}: {what}: {exc}", transient=True,
                                uncertain=exc.sent) from exc

    def deliver(self, file_name: str, content: bytes,
                batch: DurableBatch | None = None) -> None:
        tid = tracking_id(file_name)
        answer = self._answer(f"submitting {file_name}", lambda: self.client.submit(
            file_name, content, tracking_id=tid))
        if answer.status == 202:
            return
        code = _error_code(answer)
        if answer.status == 422 and code == "AlreadyExistingFlow":
            return   # ours, from an attempt whose answer was lost: delivered once
        raise DeliveryError(f"{self.name}: {file_name} refused: HTTP {answer.status} "
                            f"{code or ''} {_message(answer)}".rstrip(),
                            transient=answer.status in TRANSIENT)

    def exists(self, file_name: str) -> bool:
        tid = tracking_id(file_name)
        answer = self._answer(f"looking for {tid}", lambda: self.client.search(
            {"trackingId": tid}, limit=1))
        if answer.status != 200:
            raise DeliveryError(f"{self.name}: searching trackingId {tid}: HTTP "
                                f"{answer.status} {_message(answer)}",
                                transient=answer.status in TRANSIENT)
        return bool((answer.json() or {}).get("results"))

    def check(self) -> str:
        health = self._answer("healthcheck", lambda: self.client.call("GET", "/v1/healthcheck"))
        if health.status != 200:
            raise DeliveryError(f"{self.name}: /v1/healthcheck answered {health.status}")
        found = self._answer("search", lambda: self.client.search({}, limit=1))
        if found.status != 200:
            raise DeliveryError(f"{self.name}: an authenticated search answered "
                                f"{found.status} {_message(found)}", transient=False)
        return "Flow Service healthy; authenticated search answered 200"

    def close(self) -> None:
        return None


def _error_code(answer: Answer) -> str | None:
    try:
        body = answer.json()
    except ValueError:
        return None
    return body.get("errorCode") if isinstance(body, dict) else None


def _message(answer: Answer) -> str:
    try:
        body = answer.json()
    except ValueError:
        return answer.body[:200].decode("utf-8", "replace")
    if isinstance(body, dict) and body.get("errorMessage"):
        return str(body["errorMessage"])[:300]
    return answer.body[:200].decode("utf-8", "replace")


def check_url(url: str, ssh: SshOptions) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if not parts.hostname:
        raise ConfigError(f"{url!r}: a Flow Service URL needs a host")


def client_for(url: str, settings: Settings) -> FlowServiceClient:
    from edi.flowservice.client import FlowServiceClient
    from edi.flowservice.settings import FlowServiceSettings, platform_for

    platform = platform_for(settings.section(FlowServiceSettings), url)
    if platform is None:
        raise DeliveryError(f"{url}: no [[flow_service.platform]] entry gives this Flow "
                            "Service's token", transient=False)
    token = os.environ.get(platform.token_env) if platform.token_env else None
    secret = os.environ.get(platform.secret_env) if platform.secret_env else None
    if platform.token_env and not token:
        raise DeliveryError(f"{url}: ${platform.token_env} is not set", transient=False)
    if not platform.token_env and not secret:
        raise DeliveryError(f"{url}: ${platform.secret_env} is not set", transient=False)
    return FlowServiceClient(url, token=token, client_id=platform.client_id,
                             client_secret=secret, token_url=platform.token_url,
                             ca_file=settings.path(platform.ca_file) if platform.ca_file
                             else None, timeout=platform.timeout)


def build(name: str, url: str, settings: Settings, ssh: SshOptions) -> FlowServiceTarget:
    return FlowServiceTarget(name, client_for(url, settings))
