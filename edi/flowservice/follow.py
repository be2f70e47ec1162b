"""Following what the platforms we deliver to say of our invoices: the flow id and
acknowledgement of each delivery, and the lifecycle statuses they publish (CDAR flows).

``edi flow-service follow`` runs it once; ``edi watch`` runs it beside its loop, each
platform every ``[[flow_service.platform]] follow_every`` seconds (``Follower``: a thread
of its own, so that a platform slow to answer never holds the flows in hand, and a
platform's failure is said and tried again at the next period); the webhook callbacks a
platform sends (``edi/flowservice/hooks.py``) record the same things as they happen.

What a run asks, per target:

- the acknowledgement of each delivery not recorded Ok or Error yet, by its trackingId
  (a terminal one is not asked again);
- the lifecycle flows updated after the target's cursor (``api_cursors``, named
  ``follow:<target>``): the cursor moves past a flow once it is handled for good (filed,
  refused by the rules, or answered 4xx) and settled, updated ``SETTLE`` seconds or more
  before the platform's clock (its ``Date``) when it answered, since a flow being
  committed there as we read may carry an earlier ``updatedAt`` than one we saw. A flow
  that could not be had (the platform down, 5xx) holds the cursor before it. A crash
  between filing and moving the cursor lists those flows again: each is filed once
  (its ``carried_by``, the remote ref, is looked at before any download).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from edi.flowservice.client import Unreachable, moment
from edi.flowservice.settings import FlowServiceSettings, Platform, platform_for
from edi.ledger import flowservice as fs
from edi.model import utcnow
from edi.routing.base import DeliveryError
from edi.routing.flowservice import TRACKING_MAX, TRANSIENT, client_for, flow_of, tracking_id

if TYPE_CHECKING:
    from edi.config import Settings
    from edi.flowservice.client import FlowServiceClient
    from edi.ledger import Ledger

log = logging.getLogger(__name__)

SETTLE = 3.0              # seconds: see the module's docstring
CURSOR_PREFIX = "follow:"
CURSOR_MAX = 60           # api_cursors.name


def cursor_name(target: str) -> str:
    """``follow:<target>``, or within the column's 60 characters a digest of the target."""
    name = CURSOR_PREFIX + target
    if len(name) <= CURSOR_MAX:
        return name
    return CURSOR_PREFIX + "sha256:" + hashlib.sha256(target.encode()).hexdigest()[:45]


def follow(ledger: Ledger, settings: Settings, platforms: Collection[str] | None = None
           ) -> list[dict[str, Any]]:
    """One run over every Flow Service target we delivered to (or those of
    ``platforms``, their urls): one row per delivery asked, then one per lifecycle flow
    taken (``lifecycle_flow``) or per target not reached."""
    conf = settings.section(FlowServiceSettings)

    def wanted(target: str) -> bool:
        p = platform_for(conf, target)
        return platforms is None or (p is not None and p.url in platforms)

    clients: dict[str, FlowServiceClient] = {}
    down: dict[str, str] = {}    # target -> why, for the rest of this run

    def client(target: str) -> FlowServiceClient | None:
        if target not in clients and target not in down:
            try:
                clients[target] = client_for(target, settings)
            except DeliveryError as exc:
                down[target] = str(exc)
        return clients.get(target)

    out: list[dict[str, Any]] = []
    pending = [d for d in fs.api_deliveries(ledger, unsettled=True) if wanted(d["target"])]
    done = fs.settled(ledger, [d["flow_id"] for d in pending
                               if len(d["file_name"]) > TRACKING_MAX])
    for d in pending:
        tid = tracking_id(d["file_name"])
        if (d["target"], tid) in done:
            continue
        row = ack_row(d, tid, None)
        c = client(d["target"])
        if c is None:
            row["detail"] = f"not asked: {down[d['target']]}"
            out.append(row)
            continue
        try:
            answer = c.search({"trackingId": tid}, limit=1)
            found = (answer.json() or {}).get("results") if answer.status == 200 else None
            if found:
                row = ack_row(d, tid, found[0])
            else:
                row["detail"] = f"HTTP {answer.status}: not found by trackingId"
        except (Unreachable, ValueError) as exc:
            row["detail"] = f"not reached: {exc}"
            down[d["target"]] = row["detail"]
            clients.pop(d["target"], None)
        fs.record_remote(ledger, row)
        out.append(row)
    for target in fs.api_targets(ledger):
        if not wanted(target):
            continue
        c = client(target)
        if c is None:
            out.append({"lifecycle_flow": None, "target": target, "filed": 0,
                        "detail": down[target]})
            continue
        out += take_lifecycle(ledger, settings, target, c)
    return out


def ack_row(delivery: dict[str, Any], tid: str, flow: dict[str, Any] | None
            ) -> dict[str, Any]:
    """An ``api_remote_flows`` row: a delivery, and what the platform's ``Flow`` of it
    says (None: nothing yet)."""
    row: dict[str, Any] = {"target": delivery["target"], "tracking_id": tid,
                           "flow_id": delivery["flow_id"], "remote_flow_id": None,
                           "ack_status": None, "detail": None,
                           "submitted_at": delivery["at"], "checked_at": utcnow()}
    if flow is not None:
        ack = flow.get("acknowledgement") or {}
        row["remote_flow_id"] = flow.get("flowId")
        row["ack_status"] = ack.get("status")
        row["detail"] = json.dumps(ack.get("details"))
    return row


def delivery_of(ledger: Ledger, settings: Settings, platform: Platform, tid: str
                ) -> dict[str, Any] | None:
    """Our delivery to ``platform`` whose trackingId is ``tid``."""
    conf = settings.section(FlowServiceSettings)
    for d in fs.deliveries_of(ledger, flow_of(tid), platform.url):
        if platform_for(conf, d["target"]) == platform and tracking_id(d["file_name"]) == tid:
            return d
    return None


def take_lifecycle(ledger: Ledger, settings: Settings, target: str,
                   client: FlowServiceClient) -> list[dict[str, Any]]:
    """The lifecycle flows ``target`` published since its cursor that we have not taken
    yet: each CDAR downloaded once (``docType=Original``) and filed through the lifecycle
    ingest (XSD + Schematron, matched to our invoice by number and seller SIREN),
    ``source`` naming the platform; then the cursor moved. One row each: what was filed,
    or why nothing was."""
    from edi.lifecycle.ingest import remote_ref, remote_source

    source = remote_source(target)
    name = cursor_name(target)
    position = fs.cursor(ledger, name)
    if position is not None:
        position = (_aware(position[0]), position[1])
    try:
        published, clock = client.lifecycle_flows(position[0] if position else None)
    except (Unreachable, ValueError) as exc:
        return [{"lifecycle_flow": None, "target": target, "filed": 0,
                 "detail": f"not reached: {exc}"}]
    now = utcnow()
    horizon = min(clock or now, now) - timedelta(seconds=SETTLE)
    flows = [f for f in published if isinstance(f, dict) and isinstance(f.get("flowId"), str)]
    refs = {f["flowId"]: remote_ref(f["flowId"]) for f in flows}
    taken = fs.lifecycle_taken(ledger, source, list(refs.values()))
    handled: list[tuple[datetime, str]] = []
    held: list[datetime] = []
    out: list[dict[str, Any]] = []
    for flow in flows:
        remote_id = flow["flowId"]
        done = refs[remote_id] in taken
        if not done:
            row, done = take_one(ledger, settings, source, client, remote_id)
            out.append({"target": target, **row})
            taken.add(refs[remote_id])
        at = moment(flow.get("updatedAt"))
        if at is not None:
            if done:
                handled.append((at, refs[remote_id]))
            else:
                held.append(at)
    moved = _moved(position, handled, held, horizon)
    if moved is not None:
        fs.move_cursor(ledger, name, moved)
    return out


def take_one(ledger: Ledger, settings: Settings, source: str, client: FlowServiceClient,
             remote_id: str) -> tuple[dict[str, Any], bool]:
    """Download one remote lifecycle flow and file it: (its row, whether it is handled for
    good: filed, refused by the rules, or refused by the platform with a 4xx)."""
    from edi.lifecycle.ingest import file_remote

    row: dict[str, Any] = {"lifecycle_flow": remote_id, "filed": 0, "detail": None}
    try:
        answer = client.get(remote_id, "Original")
    except Unreachable as exc:
        row["detail"] = f"not reached: {exc}"
        return row, False
    if answer.status != 200:
        row["detail"] = f"HTTP {answer.status}: {answer.body[:200]!r}"
        return row, answer.status < 500 and answer.status not in TRANSIENT
    try:
        row["filed"], findings = file_remote(ledger, settings, answer.body, source=source,
                                             remote_flow_id=remote_id)
    except SQLAlchemyError as exc:   # filed meanwhile by another process, or the ledger
        row["detail"] = f"not filed: {type(exc).__name__}: {exc}"[:300]
        return row, False
    fatal = [f for f in findings if f.fatal]
    if fatal:
        row["detail"] = "refused: " + "; ".join(f"{f.rule_id} {f.message}" for f in fatal[:3])
    return row, True


def _moved(position: tuple[datetime, str] | None, handled: list[tuple[datetime, str]],
           held: list[datetime], horizon: datetime) -> tuple[datetime, str] | None:
    """The cursor's new position: the last flow handled and settled before any held one
    (``updatedAfter`` is strict: a held flow's own instant stays ahead of it)."""
    bound = min(held, default=None)
    ahead = [p for p in handled if p[0] <= horizon and (bound is None or p[0] < bound)]
    if not ahead:
        return None
    best = max(ahead)
    return best if position is None or best > position else None


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


# -- edi watch ----------------------------------------------------------------------------

class Follower:
    """``edi watch``'s follows: each platform every ``follow_every`` seconds, the first at
    start (what was published while we were stopped)."""

    def __init__(self, settings: Settings, ledger: Ledger, every: dict[str, float]) -> None:
        self.settings = settings
        self.ledger = ledger
        self.every = every
        self.timeout = max((p.timeout for p in settings.section(FlowServiceSettings).platform),
                           default=30.0)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="edi-follow", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.timeout + 5)

    def _run(self) -> None:
        due = dict.fromkeys(self.every, 0.0)
        while not self._stop.is_set():
            now = time.monotonic()
            ready = sorted(url for url, at in due.items() if at <= now)
            if ready:
                self.run(ready)
                for url in ready:
                    due[url] = time.monotonic() + self.every[url]
            self._stop.wait(max(0.05, min(due.values()) - time.monotonic()))

    def run(self, platforms: Collection[str]) -> list[dict[str, Any]]:
        try:
            rows = follow(self.ledger, self.settings, platforms)
        except Exception:  # a defect or the ledger must not end following for good: said
            log.exception("following %s failed; trying again in its next period",
                          ", ".join(platforms))
            return []
        for row in rows:
            if row.get("filed"):
                log.info("%s: %d lifecycle status(es) filed from %s", row["lifecycle_flow"],
                         row["filed"], row["target"])
            elif (row.get("detail") or "").startswith(("not reached", "not asked", "HTTP",
                                                        "refused", "not filed")):
                log.warning("following %s: %s", row["target"], row["detail"])
        return rows


def start_following(settings: Settings, ledger: Ledger) -> Follower | None:
    """The follower of ``edi watch``, started; None when no platform is to be followed."""
    conf = settings.section(FlowServiceSettings)
    every = {p.url: p.follow_every for p in conf.platform if p.follow_every > 0}
    if not every:
        return None
    follower = Follower(settings, ledger, every)
    follower.start()
    return follower
