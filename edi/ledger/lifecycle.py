"""The lifecycle's SQL: filing statuses (idempotently), matching them to invoices, and
reading an invoice's timeline (``edi.lifecycle`` says what the statuses mean).

A status is matched to an invoice by its number (MDT-87) and the seller's SIREN (MDT-129
against BT-30, or the first 9 digits of the BT-29 SIRET); the issue date (MDT-100) and
type (MDT-91) narrow it when both sides have them. An accepted invoice is preferred, then
the latest. A status no invoice matches is kept unmatched (``flow_id`` null) and matched
when an invoice with that number and SIREN is recorded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, tuple_, update
from sqlalchemy.engine import Connection

from edi.ledger import schema as s
from edi.lifecycle import codes
from edi.lifecycle.cdar import Filed

E = s.lifecycle_events.c
# Timeline order: the time a status was set (MDT-78, to the second as CDAR states it), then
# its sequence number (MDT-124-2; none counts as 0, the same on every backend), then the
# order of filing.
TIMELINE_ORDER = (E.at, func.coalesce(E.sequence, 0), E.id)
I = s.invoices.c  # noqa: E741 (the invoices table, as the queries read)


def file(c: Connection, filed: Sequence[Filed], now: datetime) -> int:
    """File statuses not filed before (by key); returns how many are new."""
    if not filed:
        return 0
    keys = list({f.key for f in filed})
    known = set(c.execute(select(E.key).where(E.key.in_(keys))).scalars())
    rows: list[dict[str, Any]] = []
    for f in filed:
        if f.key in known:
            continue
        known.add(f.key)
        flow_id, seq = f.flow_id, f.seq
        st = f.status
        if flow_id is None:
            flow_id, seq = match(c, st.invoice_number, st.issuer_siren, st.issue_date,
                                 st.type_code) or (None, None)
        rows.append({
            "key": f.key, "flow_id": flow_id, "seq": seq,
            "invoice_number": st.invoice_number, "seller_siren": st.issuer_siren,
            "issue_date": st.issue_date, "type_code": st.type_code, "code": st.code,
            "at": st.at, "sequence": st.sequence, "reason_code": st.reason_code,
            "reason": st.reason, "action_code": st.action_code, "action": st.action,
            "data": json.dumps(st.data_dicts()) if st.data else None, "source": st.source,
            "issuer_role": st.issuer_role, "message_id": st.message_id,
            "carried_by": f.carried_by, "message_file": f.message_file, "recorded_at": now})
    if rows:
        c.execute(insert(s.lifecycle_events), rows)
        refresh_latest(c, {(r["flow_id"], r["seq"]) for r in rows if r["flow_id"]})
    return len(rows)


def refresh_latest(c: Connection, invoices: set[tuple[str, int]]) -> None:
    """``lifecycle_latest`` of these invoices, from their statuses in timeline order."""
    if not invoices:
        return
    L = s.lifecycle_latest.c  # noqa: N806
    flow_ids = list({fid for fid, _ in invoices})
    latest: dict[tuple[str, int], tuple[int, datetime]] = {}
    for r in c.execute(select(E.flow_id, E.seq, E.code, E.at).where(E.flow_id.in_(flow_ids))
                       .order_by(*TIMELINE_ORDER)):
        if (r.flow_id, r.seq) in invoices:
            latest[(r.flow_id, r.seq)] = (r.code, r.at)
    if latest:
        c.execute(s.lifecycle_latest.delete().where(tuple_(L.flow_id, L.seq).in_(list(latest))))
        c.execute(insert(s.lifecycle_latest), [
            {"flow_id": fid, "seq": seq, "code": code, "at": at}
            for (fid, seq), (code, at) in latest.items()])


def siren(identifier: str | None) -> str | None:
    """A SIREN from what the ledger keeps of a party (SIRET, SIREN or VAT)."""
    if not identifier:
        return None
    value = identifier.strip().replace(" ", "")
    if value[:9].isdigit() and len(value) in (9, 14):
        return value[:9]
    if value.upper().startswith("FR") and len(value) == 13 and value[4:].isdigit():
        return value[4:]     # French VAT: FR + 2 check digits + SIREN
    return None


def _seller_siren(row: Any) -> str | None:
    data = json.loads(row.data) if row.data else {}
    return siren(data.get("seller_siren")) or siren(data.get("seller_siret")) or \
        siren(row.seller_id) or siren(data.get("seller_vat"))


def match(c: Connection, number: str | None, seller: str | None, issue_date: str | None,
          type_code: str | None) -> tuple[str, int] | None:
    """The (flow id, seq) of the invoice a status names, or None."""
    if not number:
        return None
    rows = c.execute(select(I.flow_id, I.seq, I.seller_id, I.data, I.status, I.issue_date,
                            I.type_code).where(I.number == number)).all()
    found = []
    for r in rows:
        if seller and _seller_siren(r) != seller:
            continue
        if issue_date and r.issue_date and r.issue_date != issue_date:
            continue
        if type_code and r.type_code and r.type_code != type_code:
            continue
        found.append(r)
    if not found:
        return None
    best = max(found, key=lambda r: (r.status == "DEPOSEE", r.flow_id))
    return best.flow_id, best.seq


def match_waiting(c: Connection, invoices: Iterable[tuple[str, int, str | None]]) -> int:
    """Unmatched statuses that the newly recorded invoices (flow id, seq, number) answer;
    returns how many were matched."""
    numbers = {n for _, _, n in invoices if n}
    if not numbers:
        return 0
    waiting = c.execute(select(E.id, E.invoice_number, E.seller_siren, E.issue_date,
                               E.type_code).where(E.flow_id.is_(None),
                                                  E.invoice_number.in_(numbers))).all()
    matched: set[tuple[str, int]] = set()
    for w in waiting:
        found = match(c, w.invoice_number, w.seller_siren, w.issue_date, w.type_code)
        if found:
            c.execute(update(s.lifecycle_events).where(E.id == w.id)
                      .values(flow_id=found[0], seq=found[1]))
            matched.add(found)
    refresh_latest(c, matched)
    return len(matched)


def timelines(c: Connection, invoices: Sequence[tuple[str, int]]
              ) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """{(flow id, seq): its statuses, oldest first}: by the time each was set (MDT-78),
    then its sequence number (MDT-124-2), then the order of filing — a status that arrived
    late takes its place, none is lost."""
    out: dict[tuple[str, int], list[dict[str, Any]]] = {}
    flow_ids = list({fid for fid, _ in invoices})
    if not flow_ids:
        return out
    wanted = set(invoices)
    rows = c.execute(select(s.lifecycle_events).where(E.flow_id.in_(flow_ids))
                     .order_by(*TIMELINE_ORDER)).all()
    for r in rows:
        if (r.flow_id, r.seq) in wanted:
            out.setdefault((r.flow_id, r.seq), []).append(entry(r))
    return out


def unmatched(c: Connection, limit: int = 100) -> list[dict[str, Any]]:
    rows = c.execute(select(s.lifecycle_events).where(E.flow_id.is_(None))
                     .order_by(E.id.desc()).limit(limit)).all()
    return [{**entry(r), "invoice_number": r.invoice_number, "seller_siren": r.seller_siren,
             "carried_by": r.carried_by} for r in rows]


def entry(r: Any) -> dict[str, Any]:
    at = r.at if r.at.tzinfo else r.at.replace(tzinfo=UTC)
    return {"code": r.code, "label": codes.label(r.code), "at": at.isoformat(),
            "reason_code": r.reason_code, "reason": r.reason, "source": r.source,
            "action_code": r.action_code, "data": json.loads(r.data) if r.data else [],
            "message_id": r.message_id, "carried_by": r.carried_by,
            "message_file": r.message_file}


def attach(invoices: list[dict[str, Any]], c: Connection) -> None:
    """Each invoice dict (``Ledger.invoices``) gets ``lifecycle`` and ``lifecycle_status``."""
    found = timelines(c, [(i["flow_id"], i["seq"]) for i in invoices])
    for inv in invoices:
        inv["lifecycle"] = found.get((inv["flow_id"], inv["seq"]), [])
        inv["lifecycle_status"] = inv["lifecycle"][-1]["code"] if inv["lifecycle"] else None


def invoice_rows(c: Connection, *, status: int | None = None, supplier: str | None = None,
                 buyer: str | None = None, min_amount: float | None = None,
                 max_amount: float | None = None, older_than: datetime | None = None,
                 limit: int = 100) -> list[dict[str, Any]]:
    """Invoices (accepted or not), latest first, with their lifecycle, filtered by latest
    lifecycle status, supplier or buyer (identifier prefix), amount with VAT, issue date."""
    stmt = select(s.invoices).where(or_(I.format.is_(None), I.format != "CDAR"))
    if status is not None:
        L = s.lifecycle_latest.c  # noqa: N806
        stmt = stmt.join(s.lifecycle_latest, and_(L.flow_id == I.flow_id, L.seq == I.seq)) \
            .where(L.code == status)
    if supplier:
        stmt = stmt.where(I.seller_id.startswith(supplier))
    if buyer:
        stmt = stmt.where(I.buyer_id.startswith(buyer))
    if older_than is not None:
        stmt = stmt.where(and_(I.issue_date.is_not(None),
                               I.issue_date < older_than.date().isoformat()))
    if status is not None:       # newest first along ix_lifecycle_latest_code
        stmt = stmt.order_by(s.lifecycle_latest.c.flow_id.desc(), I.seq)
    else:
        stmt = stmt.order_by(I.flow_id.desc(), I.seq)
    if min_amount is None and max_amount is None:
        stmt = stmt.limit(limit)  # amounts are text: filtered below, past the SQL
    out: list[dict[str, Any]] = []
    for r in c.execute(stmt):
        total = _number(r.total_with_vat)
        if min_amount is not None and (total is None or total < min_amount):
            continue
        if max_amount is not None and (total is None or total > max_amount):
            continue
        out.append({k: v for k, v in r._mapping.items() if k not in ("id", "data")})
        if len(out) >= limit:
            break
    attach(out, c)
    return out


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def counts_by_status(c: Connection) -> dict[int, int]:
    """{latest lifecycle code: invoices now in it} (the overview, /metrics)."""
    L = s.lifecycle_latest.c  # noqa: N806
    return {int(code): int(n) for code, n in
            c.execute(select(L.code, func.count()).group_by(L.code).order_by(L.code))}


def day_counts(c: Connection, start: datetime, end: datetime) -> list[tuple[int, int]]:
    """(code, statuses filed) between ``start`` and ``end`` (the daily report)."""
    return [(int(code), int(n)) for code, n in c.execute(
        select(E.code, func.count()).where(E.recorded_at >= start, E.recorded_at < end)
        .group_by(E.code).order_by(E.code))]


# -- our messages not yet taken by a target (lifecycle_outbox) -------------------------

def queue_sends(c: Connection, status_key: str, name: str, refs: Sequence[str],
                at: datetime) -> None:
    """The targets ``refs`` still to take our message ``name``: due at once."""
    for ref in refs:
        c.execute(insert(s.lifecycle_outbox).values(
            target=ref, name=name, status_key=status_key, attempts=0, next_attempt_at=at,
            last_error=None, created_at=at))


def due_sends(c: Connection, now: datetime, limit: int = 100) -> list[dict[str, Any]]:
    o = s.lifecycle_outbox.c
    rows = c.execute(select(s.lifecycle_outbox).where(o.next_attempt_at <= now)
                     .order_by(o.next_attempt_at, o.id).limit(limit)).all()
    return [dict(r._mapping) for r in rows]


def take_send(c: Connection, row: dict[str, Any], until: datetime) -> bool:
    """Take one due row for this process: its ``next_attempt_at`` moved to ``until`` if
    nobody moved it since we read it (compare-and-set: of two processes, one gets it)."""
    o = s.lifecycle_outbox.c
    return bool(c.execute(update(s.lifecycle_outbox).where(
        o.id == row["id"], o.next_attempt_at == row["next_attempt_at"])
        .values(next_attempt_at=until)).rowcount)


def sent(c: Connection, row_id: int) -> None:
    c.execute(s.lifecycle_outbox.delete().where(s.lifecycle_outbox.c.id == row_id))


def send_failed(c: Connection, row_id: int, attempts: int, next_at: datetime,
                error: str) -> None:
    c.execute(update(s.lifecycle_outbox).where(s.lifecycle_outbox.c.id == row_id).values(
        attempts=attempts, next_attempt_at=next_at, last_error=error[:2000]))


def pending_sends(c: Connection) -> list[dict[str, Any]]:
    """Every message still waiting for a target, oldest first."""
    o = s.lifecycle_outbox.c
    return [dict(r._mapping) for r in c.execute(
        select(s.lifecycle_outbox).order_by(o.created_at, o.id)).all()]
