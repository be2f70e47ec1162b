"""Webhook callbacks: each flow's acknowledgement, to the clients that subscribed.

The dispatcher (a thread beside the server) reads the ledger's flows in ``updated_at``
order from a cursor kept in ``api_cursors``; for every webhook whose client may see the
flow and whose filters (flowTypes, flowDirection, ackStatus) it passes, it queues one
event per acknowledgement status the flow reaches, with the cursor's move, in one
transaction (``api_webhook_outbox``); the lifecycle messages we wrote (flows of their own,
``In``, ``CustomerInvoiceLC``) likewise, from a second cursor. Queued events are posted
until the subscriber answers 2xx, with backoff; none is lost across a restart, and one
may come more than once (at least once): the body is the specification's ``Flow`` object, and the
``Edi-Event-Id`` header (``<flowId>:<ackStatus>:<webhookId>``) lets a subscriber drop
repeats.

Signature, as ``createWebhook`` describes it: the SHA-256 fingerprint of the JSON body as
sent, ``@`` and the epoch seconds (hex digits), HMAC-SHA-256 under the signing key (the
bytes of the base64 ``signingKey``), base64: ``Afnor-Signature``; the seconds go in
``Afnor-Signature-Timestamp``. ``verify`` checks one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import random
import threading
import time
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from edi.config import Settings
from edi.flowservice import client as http
from edi.flowservice import models
from edi.flowservice.settings import ENV_CLIENT, FlowServiceSettings
from edi.ledger import flowservice as fs
from edi.model import utcnow

if TYPE_CHECKING:
    from edi.ledger import Ledger

log = logging.getLogger(__name__)

CURSOR = "webhooks"
LIFECYCLE_CURSOR = "webhooks-lifecycle"
SETTLE = 2.0   # seconds: a flow's update is read once every commit before it is visible


def signature(key_b64: str, body: bytes, timestamp: int) -> str:
    fingerprint = hashlib.sha256(body + b"@" + str(timestamp).encode()).hexdigest()
    mac = hmac.new(base64.b64decode(key_b64), fingerprint.encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def verify(key_b64: str, body: bytes, headers: dict[str, str], max_age: float = 300) -> bool:
    """Whether a callback's ``Afnor-Signature`` is ours and recent."""
    return check(key_b64, body, headers, max_age) is None


STALE = "stale"       # no, or an unreadable, or too old (or too new) a timestamp
FORGED = "forged"     # a signature that is not the key's over this body and timestamp


def check(key_b64: str, body: bytes, headers: dict[str, str], max_age: float = 300
          ) -> str | None:
    """What is wrong with a callback's signature (``STALE``, ``FORGED``), or None: the
    timestamp within ``max_age`` seconds of our clock, then the HMAC compared in
    constant time."""
    lowered = {k.lower(): v for k, v in headers.items()}
    stamp = lowered.get("afnor-signature-timestamp", "")
    if not stamp.isdigit() or abs(time.time() - int(stamp)) > max_age:
        return STALE
    try:
        expected = signature(key_b64, body, int(stamp))
    except (ValueError, TypeError):   # binascii.Error is a ValueError: a key not base64
        return FORGED
    if not hmac.compare_digest(expected.encode(), lowered.get("afnor-signature", "").encode()):
        return FORGED
    return None


def event_id(flow_id: str, ack: str, webhook_id: str) -> str:
    return f"{flow_id}:{ack}:{webhook_id}"


class Dispatcher:
    def __init__(self, settings: Settings, ledger: Ledger) -> None:
        self.settings = settings
        self.ledger = ledger
        self.conf = settings.section(FlowServiceSettings)
        self.clients = {c.name: c for c in self.conf.client}
        self.reports = settings.path(settings.paths.reports)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="edi-webhooks", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.conf.webhook_timeout + 5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.collect()
                self.collect_lifecycle()
                self.send_due()
            except Exception:  # a defect must not end callbacks for good: said, retried
                log.exception("webhook dispatcher: one round failed; trying again")
            self._stop.wait(self.conf.webhook_poll)

    def collect(self) -> int:
        """Queue the events of the flows updated since the cursor; how many were queued."""
        settled = utcnow() - timedelta(seconds=SETTLE)
        position = fs.cursor(self.ledger, CURSOR)
        if position is None:   # a first start: events from now on, not the whole history
            fs.enqueue(self.ledger, [], CURSOR, (settled, ""))
            return 0
        hooks = fs.webhooks(self.ledger)
        queued = 0
        while True:
            rows = [r for r in fs.flows_updated_after(self.ledger, position, 200)
                    if _aware(r["updated_at"]) <= settled]
            if not rows:
                return queued
            events = []
            if hooks:
                for obj, row in zip(models.flow_objects(self.ledger, self.reports, rows), rows,
                                    strict=True):
                    for hook in hooks:
                        if self._sees(hook, row) and _passes(hook, obj):
                            events.append(self._event(hook, obj))
            position = (rows[-1]["updated_at"], rows[-1]["flow_id"])
            queued += fs.enqueue(self.ledger, events, CURSOR, position)

    def collect_lifecycle(self) -> int:
        """The same for the lifecycle messages we wrote (each a flow of its own, Ok)."""
        settled = utcnow() - timedelta(seconds=SETTLE)
        position = fs.cursor(self.ledger, LIFECYCLE_CURSOR)
        if position is None:
            fs.enqueue(self.ledger, [], LIFECYCLE_CURSOR, (settled, ""))
            return 0
        hooks = fs.webhooks(self.ledger)
        everything = fs.Visibility("", everything=True)
        queued = 0
        while True:
            rows = [r for r in fs.lifecycle_flows(self.ledger, everything, after=position,
                                                  updated_before=None, limit=200)
                    if _aware(r["updated_at"]) <= settled]
            if not rows:
                return queued
            events = []
            for row in rows:
                obj = models.lifecycle_object(row, self.reports)
                seen = {"interface": row["flow_interface"], "source": row["flow_source"],
                        "supplier": row["flow_supplier"], "buyer": row["flow_buyer"]}
                for hook in hooks:
                    if self._sees(hook, seen) and _passes(hook, obj):
                        events.append(self._event(hook, obj))
            position = (rows[-1]["updated_at"], rows[-1]["fs_id"])
            queued += fs.enqueue(self.ledger, events, LIFECYCLE_CURSOR, position)

    def _sees(self, hook: dict[str, Any], row: dict[str, Any]) -> bool:
        name = hook["client"]
        if name == ENV_CLIENT:
            return True
        if row["interface"] == fs.INTERFACE and (row["source"] or "").startswith(
                fs.source_of(name, None)):
            return True
        client = self.clients.get(name)
        structures = client.structures if client else ()
        return any((row.get(k) or "")[:9] in structures for k in ("supplier", "buyer"))

    def _event(self, hook: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
        now = utcnow()
        ack = obj["acknowledgement"]["status"]
        return {"event_id": event_id(obj["flowId"], ack, hook["webhook_id"]),
                "webhook_id": hook["webhook_id"], "flow_id": obj["flowId"],
                "body": json.dumps(obj, separators=(",", ":")), "created_at": now,
                "attempts": 0, "next_attempt_at": now}

    def send_due(self) -> int:
        sent = 0
        for event in fs.due_events(self.ledger, utcnow()):
            if self._stop.is_set():
                break
            body = event["body"].encode()
            stamp = int(time.time())
            headers = {"Content-Type": "application/json",
                       "Afnor-Signature": signature(event["signing_key"], body, stamp),
                       "Afnor-Signature-Timestamp": str(stamp),
                       "Edi-Event-Id": event["event_id"]}
            try:
                status, answer = http.post(event["callback_url"], body, headers,
                                           timeout=self.conf.webhook_timeout)
                failure = None if 200 <= status < 300 else f"HTTP {status}: {answer[:200]!r}"
            except http.Unreachable as exc:
                failure = str(exc)
            if failure is None:
                fs.event_delivered(self.ledger, event["event_id"], utcnow())
                sent += 1
                continue
            delay = min(self.conf.webhook_backoff_max,
                        self.conf.webhook_backoff_initial * 2 ** min(event["attempts"], 30))
            delay *= 1 + random.uniform(-0.1, 0.1)
            log.warning("webhook %s: %s failed (%s); next attempt in %.0f s",
                        event["webhook_id"], event["event_id"], failure, delay)
            fs.event_failed(self.ledger, event["event_id"], failure,
                            utcnow() + timedelta(seconds=delay))
        return sent


def _passes(hook: dict[str, Any], obj: dict[str, Any]) -> bool:
    if hook["flow_types"] is not None and obj["flowType"] not in hook["flow_types"]:
        return False
    if hook["flow_direction"] and obj["flowDirection"] != hook["flow_direction"]:
        return False
    return not (hook["ack_status"] and obj["acknowledgement"]["status"] != hook["ack_status"])


def _aware(value: Any) -> Any:
    from datetime import UTC

    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
