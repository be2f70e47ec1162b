"""The Flow Service's SQL (edi/flowservice/): submissions, visibility, search, webhooks
and their outbox, and the flows our https:// targets submitted elsewhere.

A submitted flow's source is ``api://<client>/<trackingId>`` (``source_of``): it is
written in the same transaction as the flow itself (``Ledger.receive``), so "this
trackingId was already submitted" never depends on a second write that a crash could
lose. ``api_submissions`` adds the rest of the ``flowInfo``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sqlalchemy import and_, delete, func, insert, or_, select, true, update
from sqlalchemy.exc import IntegrityError

from edi.ledger import Ledger
from edi.ledger import schema as s

INTERFACE = "api"


def source_of(client: str, tracking_id: str | None) -> str:
    return f"api://{quote(client, safe='')}/{quote(tracking_id or '', safe='')}"


@dataclass(frozen=True)
class Visibility:
    """Whose flows a caller sees: its own submissions, and those of its structures."""

    client: str
    structures: tuple[str, ...] = ()
    everything: bool = False

    def clause(self) -> Any:
        f = s.flows.c
        if self.everything:
            return true()
        own = and_(f.interface == INTERFACE, _starts(f.source, source_of(self.client, None)))
        if not self.structures:
            return own
        return or_(own, func.substr(f.supplier, 1, 9).in_(self.structures),
                   func.substr(f.buyer, 1, 9).in_(self.structures))


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _starts(column: Any, prefix: str) -> Any:
    return column.like(_escaped(prefix) + "%", escape="\\")


# -- submissions ---------------------------------------------------------------------------

def record_submissions(ledger: Ledger, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        with ledger.engine.begin() as c:
            c.execute(insert(s.api_submissions), list(rows))


def submissions(ledger: Ledger, flow_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    if not flow_ids:
        return {}
    with ledger.reader.connect() as c:
        rows = c.execute(select(s.api_submissions).where(
            s.api_submissions.c.flow_id.in_(list(flow_ids)))).all()
    return {r.flow_id: dict(r._mapping) for r in rows}


def already_submitted(ledger: Ledger, client: str, tracking_id: str | None,
                      sha256: str) -> tuple[str, str] | None:
    """(flow id, why) of this client's flow with that trackingId, or with those bytes."""
    f = s.flows.c
    with ledger.reader.connect() as c:
        if tracking_id:
            fid = c.execute(select(f.flow_id).where(
                f.interface == INTERFACE, f.source == source_of(client, tracking_id))
                .order_by(f.flow_id).limit(1)).scalar()
            if fid is not None:
                return fid, f"trackingId {tracking_id!r} was already submitted as {fid}"
        fid = c.execute(select(f.flow_id).where(
            f.sha256 == sha256, f.interface == INTERFACE,
            _starts(f.source, source_of(client, None)))
            .order_by(f.flow_id).limit(1)).scalar()
    if fid is not None:
        return fid, f"the same bytes (sha256 {sha256}) were already submitted as {fid}"
    return None


def visible_flow(ledger: Ledger, flow_id: str, who: Visibility) -> dict[str, Any] | None:
    with ledger.reader.connect() as c:
        row = c.execute(select(s.flows).where(s.flows.c.flow_id == flow_id,
                                              who.clause())).first()
    return dict(row._mapping) if row else None


def search(ledger: Ledger, who: Visibility, *, after: tuple[datetime, str] | None,
           updated_before: datetime | None, tracking_id: str | None,
           limit: int) -> list[dict[str, Any]]:
    """Flows in (updated_at, flow_id) order, strictly after ``after``."""
    f = s.flows.c
    where = [who.clause()]
    if after is not None:
        at, fid = after
        where.append(or_(f.updated_at > at, and_(f.updated_at == at, f.flow_id > fid)))
    if updated_before is not None:
        where.append(f.updated_at < updated_before)
    if tracking_id is not None:
        where.append(f.interface == INTERFACE)
        where.append(f.source.like("api://%/" + _escaped(quote(tracking_id, safe="")),
                                   escape="\\"))
    stmt = select(s.flows).where(*where).order_by(f.updated_at, f.flow_id).limit(limit)
    with ledger.reader.connect() as c:
        return [dict(r._mapping) for r in c.execute(stmt).all()]


def flows_updated_after(ledger: Ledger, after: tuple[datetime, str] | None,
                        limit: int) -> list[dict[str, Any]]:
    return search(ledger, Visibility("", everything=True), after=after, updated_before=None,
                  tracking_id=None, limit=limit)


# -- webhooks ------------------------------------------------------------------------------

def add_webhook(ledger: Ledger, row: dict[str, Any]) -> None:
    with ledger.engine.begin() as c:
        c.execute(insert(s.api_webhooks).values(**row))


def webhooks(ledger: Ledger, client: str | None = None) -> list[dict[str, Any]]:
    w = s.api_webhooks.c
    stmt = select(s.api_webhooks).order_by(w.created_at, w.webhook_id)
    if client is not None:
        stmt = stmt.where(w.client == client)
    with ledger.reader.connect() as c:
        rows = [dict(r._mapping) for r in c.execute(stmt).all()]
    for r in rows:
        r["flow_types"] = json.loads(r["flow_types"]) if r["flow_types"] else None
    return rows


def delete_webhook(ledger: Ledger, client: str, webhook_id: str) -> bool:
    w = s.api_webhooks.c
    with ledger.engine.begin() as c:
        gone = c.execute(delete(s.api_webhooks).where(
            w.webhook_id == webhook_id, w.client == client)).rowcount
        if gone:
            c.execute(delete(s.api_webhook_outbox).where(
                s.api_webhook_outbox.c.webhook_id == webhook_id,
                s.api_webhook_outbox.c.delivered_at.is_(None)))
    return bool(gone)


def cursor(ledger: Ledger, name: str) -> tuple[datetime, str] | None:
    with ledger.reader.connect() as c:
        row = c.execute(select(s.api_cursors).where(s.api_cursors.c.name == name)).first()
    return (row.updated_at, row.flow_id) if row else None


def enqueue(ledger: Ledger, events: Sequence[dict[str, Any]], name: str,
            position: tuple[datetime, str]) -> int:
    """Queue callbacks (an event id already queued is not queued again) and move the
    cursor, in one transaction: what was read is queued, or read again after a crash."""
    queued = 0
    with ledger.engine.begin() as c:
        for event in events:
            seen = c.execute(select(s.api_webhook_outbox.c.event_id).where(
                s.api_webhook_outbox.c.event_id == event["event_id"])).first()
            if seen is None:
                c.execute(insert(s.api_webhook_outbox).values(**event))
                queued += 1
        _set_cursor(c, name, position)
    return queued


def move_cursor(ledger: Ledger, name: str, position: tuple[datetime, str]) -> None:
    """Set the cursor ``name`` (``edi flow-service follow``: how far a platform's flows
    were read, ``follow:<target>``)."""
    with ledger.engine.begin() as c:
        _set_cursor(c, name, position)


def _set_cursor(c: Any, name: str, position: tuple[datetime, str]) -> None:
    at, fid = position
    moved = c.execute(update(s.api_cursors).where(s.api_cursors.c.name == name)
                      .values(updated_at=at, flow_id=fid)).rowcount
    if not moved:
        try:
            with c.begin_nested():
                c.execute(insert(s.api_cursors).values(name=name, updated_at=at,
                                                       flow_id=fid))
        except IntegrityError:  # another process made it first
            c.execute(update(s.api_cursors).where(s.api_cursors.c.name == name)
                      .values(updated_at=at, flow_id=fid))


def due_events(ledger: Ledger, now: datetime, limit: int = 50) -> list[dict[str, Any]]:
    o = s.api_webhook_outbox.c
    stmt = (select(s.api_webhook_outbox, s.api_webhooks.c.callback_url,
                   s.api_webhooks.c.signing_key)
            .join(s.api_webhooks, s.api_webhooks.c.webhook_id == o.webhook_id)
            .where(o.delivered_at.is_(None), o.next_attempt_at <= now)
            .order_by(o.next_attempt_at, o.event_id).limit(limit))
    with ledger.reader.connect() as c:
        return [dict(r._mapping) for r in c.execute(stmt).all()]


def event_delivered(ledger: Ledger, event_id: str, at: datetime) -> None:
    o = s.api_webhook_outbox.c
    with ledger.engine.begin() as c:
        c.execute(update(s.api_webhook_outbox).where(o.event_id == event_id)
                  .values(delivered_at=at, attempts=o.attempts + 1, last_error=None))


def event_failed(ledger: Ledger, event_id: str, error: str, next_at: datetime) -> None:
    o = s.api_webhook_outbox.c
    with ledger.engine.begin() as c:
        c.execute(update(s.api_webhook_outbox).where(o.event_id == event_id)
                  .values(attempts=o.attempts + 1, last_error=error,
                          next_attempt_at=next_at))


def outbox(ledger: Ledger) -> list[dict[str, Any]]:
    with ledger.reader.connect() as c:
        return [dict(r._mapping) for r in c.execute(
            select(s.api_webhook_outbox).order_by(s.api_webhook_outbox.c.created_at)).all()]


# -- what our targets submitted to a platform ----------------------------------------------

def record_remote(ledger: Ledger, row: dict[str, Any]) -> None:
    """What a platform said of one delivery (a follow's answer or a webhook): a terminal
    acknowledgement is never replaced by a Pending one that arrives late."""
    r = s.api_remote_flows.c
    where = (r.target == row["target"], r.tracking_id == row["tracking_id"])
    with ledger.engine.begin() as c:
        known = c.execute(select(r.ack_status).where(*where)).first()
        if known is None:
            try:
                with c.begin_nested():
                    c.execute(insert(s.api_remote_flows).values(**row))
                return
            except IntegrityError:   # recorded meanwhile (a webhook and a follow at once)
                known = c.execute(select(r.ack_status).where(*where)).first()
        values = {k: v for k, v in row.items() if v is not None}
        if known is not None and known.ack_status in TERMINAL_ACKS and \
                values.get("ack_status") not in (None, *TERMINAL_ACKS):
            values = {k: v for k, v in values.items()
                      if k not in ("ack_status", "detail")}
        c.execute(update(s.api_remote_flows).where(*where).values(**values))


def remote_flows(ledger: Ledger, flow_id: str | None = None) -> list[dict[str, Any]]:
    r = s.api_remote_flows.c
    stmt = select(s.api_remote_flows).order_by(r.submitted_at)
    if flow_id is not None:
        stmt = stmt.where(r.flow_id == flow_id)
    with ledger.reader.connect() as c:
        return [dict(x._mapping) for x in c.execute(stmt).all()]


TERMINAL_ACKS = ("Ok", "Error")   # a platform's acknowledgement that will not change


def _api_target() -> Any:
    d = s.deliveries.c
    return or_(d.target.like("https://%"), d.target.like("http://%"))


def api_deliveries(ledger: Ledger, unsettled: bool = False) -> list[dict[str, Any]]:
    """Deliveries made to Flow Service targets (an http:// or https:// target); with
    ``unsettled``, those whose platform's acknowledgement is not recorded as terminal yet
    (Ok or Error: not asked again). A trackingId shortened to a digest (a name over 64
    characters, see ``edi.routing.flowservice.tracking_id``) is not its file name: such
    deliveries are left to the caller to sort, with ``settled`` holding their
    ``(target, tracking id)``."""
    d, r = s.deliveries.c, s.api_remote_flows.c
    stmt = (select(d.flow_id, d.seq, d.target, d.file_name, d.at).where(_api_target())
            .order_by(d.at, d.flow_id, d.seq))
    if unsettled:
        stmt = stmt.where(~select(r.tracking_id).where(
            r.target == d.target, r.flow_id == d.flow_id, r.tracking_id == d.file_name,
            r.ack_status.in_(TERMINAL_ACKS)).exists())
    with ledger.reader.connect() as c:
        return [dict(x._mapping) for x in c.execute(stmt).all()]


def settled(ledger: Ledger, flow_ids: Sequence[str]) -> set[tuple[str, str]]:
    """``(target, tracking id)`` of these flows' deliveries acknowledged Ok or Error."""
    r = s.api_remote_flows.c
    if not flow_ids:
        return set()
    with ledger.reader.connect() as c:
        return {(x.target, x.tracking_id) for x in c.execute(
            select(r.target, r.tracking_id).where(r.flow_id.in_(list(set(flow_ids))),
                                                   r.ack_status.in_(TERMINAL_ACKS)))}


def api_targets(ledger: Ledger) -> list[str]:
    """The Flow Service targets something was delivered to."""
    d = s.deliveries.c
    with ledger.reader.connect() as c:
        return list(c.execute(select(d.target).distinct().where(_api_target())
                              .order_by(d.target)).scalars())


def deliveries_of(ledger: Ledger, flow_id: str, prefix: str) -> list[dict[str, Any]]:
    """The deliveries of flow ``flow_id`` to targets under ``prefix`` (a platform's url)."""
    d = s.deliveries.c
    stmt = (select(d.flow_id, d.seq, d.target, d.file_name, d.at)
            .where(d.flow_id == flow_id, _starts(d.target, prefix.rstrip("/")))
            .order_by(d.at, d.seq))
    with ledger.reader.connect() as c:
        return [dict(x._mapping) for x in c.execute(stmt).all()]


def remote_flow(ledger: Ledger, target: str, tracking_id: str) -> dict[str, Any] | None:
    r = s.api_remote_flows.c
    with ledger.reader.connect() as c:
        row = c.execute(select(s.api_remote_flows).where(
            r.target == target, r.tracking_id == tracking_id)).first()
    return dict(row._mapping) if row else None


def has_flow(ledger: Ledger, flow_id: str) -> bool:
    with ledger.reader.connect() as c:
        return c.execute(select(s.flows.c.flow_id).where(
            s.flows.c.flow_id == flow_id)).first() is not None


def lifecycle_taken(ledger: Ledger, source: str, refs: Sequence[str]) -> set[str]:
    """Which of these remote lifecycle flows (``carried_by``) were filed from ``source``."""
    e = s.lifecycle_events.c
    if not refs:
        return set()
    with ledger.reader.connect() as c:
        return set(c.execute(select(e.carried_by).distinct().where(
            e.source == source, e.carried_by.in_(list(set(refs))))).scalars())


# -- lifecycle messages as flows ------------------------------------------------------------

LC_MARK = "-LC"   # a lifecycle flow's id: <the invoice's flow id>-LC<lifecycle event id>


def lifecycle_flow_id(flow_id: str, event_id: int) -> str:
    return f"{flow_id}{LC_MARK}{event_id}"


def lifecycle_event_of(flow_service_id: str) -> int | None:
    head, sep, tail = flow_service_id.rpartition(LC_MARK)
    return int(tail) if sep and head and tail.isdigit() else None


def lifecycle_flows(ledger: Ledger, who: Visibility, *, after: tuple[datetime, str] | None,
                    updated_before: datetime | None, limit: int,
                    event_id: int | None = None) -> list[dict[str, Any]]:
    """The CDAR messages we wrote (lifecycle statuses of visible invoices), each a flow:
    ``fs_id`` its Flow Service id, ``updated_at`` when it was recorded, in (updated_at,
    fs_id) order strictly after ``after``."""
    e = s.lifecycle_events.c
    fid = (e.flow_id + LC_MARK + func.cast(e.id, s.String(20)))
    f = s.flows.c
    stmt = (select(s.lifecycle_events, f.file_name.label("invoice_file"), fid.label("fs_id"),
                   f.interface.label("flow_interface"), f.source.label("flow_source"),
                   f.supplier.label("flow_supplier"), f.buyer.label("flow_buyer"))
            .join(s.flows, s.flows.c.flow_id == e.flow_id)
            .where(e.message_file.is_not(None), who.clause()))
    if event_id is not None:
        stmt = stmt.where(e.id == event_id)
    if after is not None:
        at, last = after
        stmt = stmt.where(or_(e.recorded_at > at, and_(e.recorded_at == at, fid > last)))
    if updated_before is not None:
        stmt = stmt.where(e.recorded_at < updated_before)
    stmt = stmt.order_by(e.recorded_at, fid).limit(limit)
    with ledger.reader.connect() as c:
        rows = [dict(r._mapping) for r in c.execute(stmt).all()]
    for r in rows:
        r["updated_at"] = r["recorded_at"]
    return rows
