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
        at, fid = position
        moved = c.execute(update(s.api_cursors).where(s.api_cursors.c.name == name)
                          .values(updated_at=at, flow_id=fid)).rowcount
        if not moved:
            try:
                with c.begin_nested():
                    c.execute(insert(s.api_cursors).values(name=name, updated_at=at,
                                                           flow_id=fid))
            except IntegrityError:  # another dispatcher made it first
                c.execute(update(s.api_cursors).where(s.api_cursors.c.name == name)
                          .values(updated_at=at, flow_id=fid))
    return queued


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
    r = s.api_remote_flows.c
    with ledger.engine.begin() as c:
        known = c.execute(select(r.tracking_id).where(
            r.target == row["target"], r.tracking_id == row["tracking_id"])).first()
        if known is None:
            c.execute(insert(s.api_remote_flows).values(**row))
        else:
            c.execute(update(s.api_remote_flows).where(
                r.target == row["target"], r.tracking_id == row["tracking_id"])
                .values(**{k: v for k, v in row.items() if v is not None}))


def remote_flows(ledger: Ledger, flow_id: str | None = None) -> list[dict[str, Any]]:
    r = s.api_remote_flows.c
    stmt = select(s.api_remote_flows).order_by(r.submitted_at)
    if flow_id is not None:
        stmt = stmt.where(r.flow_id == flow_id)
    with ledger.reader.connect() as c:
        return [dict(x._mapping) for x in c.execute(stmt).all()]


def api_deliveries(ledger: Ledger) -> list[dict[str, Any]]:
    """Deliveries made to Flow Service targets (an http:// or https:// target)."""
    d = s.deliveries.c
    stmt = (select(d.flow_id, d.seq, d.target, d.file_name, d.at)
            .where(or_(d.target.like("https://%"), d.target.like("http://%")))
            .order_by(d.at, d.flow_id, d.seq))
    with ledger.reader.connect() as c:
        return [dict(r._mapping) for r in c.execute(stmt).all()]


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
