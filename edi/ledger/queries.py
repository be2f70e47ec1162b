"""Read-only aggregates for the dashboard, the metrics and the daily report.

Kept beside the ledger so that SQL stays inside ``edi/ledger/``. Every function takes a
``Ledger`` and opens one short read transaction: readers never block the processor.
Time windows use ``received_at`` (UTC), like the "Suivi des flux" table.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select

from edi.ledger import FlowQuery, Ledger, _aware, _plain
from edi.ledger import schema as s
from edi.ledger.filters import filters
from edi.model import TERMINAL_FLOW_STATUSES, FlowStatus, Severity

UNFINISHED = tuple(str(x) for x in FlowStatus if x not in TERMINAL_FLOW_STATUSES)
REJECTED = (str(FlowStatus.IN_REJETE),)
ACCEPTED = (str(FlowStatus.IN_INTEGRE), str(FlowStatus.IN_INTEGRE_PARTIEL))


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return start, start + timedelta(days=1)


def flows_per_day(ledger: Ledger, since: datetime,
                  until: datetime | None = None) -> list[dict[str, Any]]:
    """[{day, status, count}] for flows received in [since, until), oldest day first."""
    f = s.flows.c
    day = func.date(f.received_at).label("day")
    where = [f.received_at >= since] + ([f.received_at < until] if until else [])
    stmt = (select(day, f.status, func.count().label("count"))
            .where(*where).group_by(day, f.status).order_by(day, f.status))
    with ledger.connection() as c:
        return [{"day": str(r.day), "status": r.status, "count": r.count}
                for r in c.execute(stmt)]


def oldest_unfinished(ledger: Ledger) -> dict[str, Any] | None:
    """The unfinished flow received first: the one most likely stuck."""
    f = s.flows.c
    stmt = (select(f.flow_id, f.file_name, f.status, f.received_at, f.attempts,
                   f.next_attempt_at, f.detail)
            .where(f.status.in_(UNFINISHED)).order_by(f.received_at, f.flow_id).limit(1))
    with ledger.connection() as c:
        row = c.execute(stmt).first()
    return _plain(row._mapping) if row else None


def pending_retries(ledger: Ledger) -> int:
    """Flows waiting for another attempt: for their target (IN_EN_ATTENTE_TRAITEMENT_CPP with
    a next attempt), or put back by an operator (IN_EN_ATTENTE_RETRAITEMENT_CPP)."""
    f = s.flows.c
    with ledger.connection() as c:
        return c.execute(select(func.count()).select_from(s.flows).where(or_(
            f.status == str(FlowStatus.IN_EN_ATTENTE_RETRAITEMENT_CPP),
            (f.status == str(FlowStatus.IN_EN_ATTENTE_TRAITEMENT_CPP))
            & f.next_attempt_at.is_not(None)))).scalar_one()


def verdicts(ledger: Ledger, since: datetime, until: datetime | None = None,
             per_day: list[dict[str, Any]] | None = None) -> dict[str, int]:
    """Flow counts per status for flows received in [since, until).

    Summed from ``flows_per_day`` (pass it when already computed): grouped by status
    alone, SQLite prefers the status index and scans every flow to skip a sort.
    """
    counts: dict[str, int] = {}
    for r in per_day if per_day is not None else flows_per_day(ledger, since, until):
        counts[r["status"]] = counts.get(r["status"], 0) + r["count"]
    return counts


def rejected_share(counts: dict[str, int]) -> float | None:
    """Rejected flows among finished ones (None when nothing finished yet)."""
    rejected = sum(counts.get(x, 0) for x in REJECTED)
    finished = sum(counts.get(str(x), 0) for x in TERMINAL_FLOW_STATUSES)
    return rejected / finished if finished else None


def flow_id_floor(at: datetime) -> str:
    """The smallest flow id received at or after ``at`` (ids sort by reception time:
    ``edi.model.new_flow_id``), so a time window on findings needs no join with flows."""
    at = at.astimezone(UTC)
    return f"F{at:%Y%m%dT%H%M%S}{at.microsecond:06d}"


def top_rejecting_rules(ledger: Ledger, limit: int = 10, since: datetime | None = None,
                        until: datetime | None = None) -> list[dict[str, Any]]:
    """Rules with the most fatal findings, with how many flows they hit.

    The window is a flow id range (index-only over ``(severity, rule_id, flow_id)``);
    without one the whole ledger counts.
    """
    fd = s.findings.c
    where = [fd.severity == str(Severity.FATAL)]
    if since:
        where.append(fd.flow_id >= flow_id_floor(since))
    if until:
        where.append(fd.flow_id < flow_id_floor(until))
    stmt = (select(fd.rule_id, func.count().label("findings"),
                   func.count(func.distinct(fd.flow_id)).label("flows"))
            .where(*where).group_by(fd.rule_id)
            .order_by(func.count().desc(), fd.rule_id).limit(limit))
    with ledger.connection() as c:
        return [{"rule_id": r.rule_id, "findings": r.findings, "flows": r.flows}
                for r in c.execute(stmt)]


def top_reasons(ledger: Ledger, since: datetime, until: datetime,
                limit: int = 10) -> list[dict[str, Any]]:
    """Flow-level rejection reasons (REJ_SEMAN, DOUBLON, IRR_SYNTAX...) in a window."""
    f = s.flows.c
    stmt = (select(f.reason, func.count().label("count"))
            .where(f.received_at >= since, f.received_at < until, f.reason.is_not(None))
            .group_by(f.reason).order_by(func.count().desc(), f.reason).limit(limit))
    with ledger.connection() as c:
        return [{"reason": r.reason, "count": r.count} for r in c.execute(stmt)]




def count_capped(ledger: Ledger, q: FlowQuery, cap: int) -> tuple[int, bool]:
    """How many flows match, counting at most ``cap`` (pagination over a million rows).

    Returns (count, capped). Counting every match of a broad filter costs a scan per page
    view; past ``cap`` the list says "cap+" instead.
    """
    inner = select(s.flows.c.flow_id).where(*filters(q)).limit(cap + 1).subquery()
    with ledger.connection() as c:
        n = c.execute(select(func.count()).select_from(inner)).scalar_one()
    return min(n, cap), n > cap


# -- metrics (computed at scrape time) -------------------------------------------------

def flows_by_status_format(ledger: Ledger) -> list[tuple[str, str, int]]:
    f = s.flows.c
    with ledger.connection() as c:
        return [(r[0], r[1] or "", r[2]) for r in c.execute(
            select(f.status, f.format, func.count()).group_by(f.status, f.format))]


def invoices_by_status(ledger: Ledger) -> dict[str, int]:
    """{verdict: invoices}; lifecycle messages (CDAR) are no invoices and are left out."""
    i = s.invoices.c
    with ledger.connection() as c:
        return dict(c.execute(select(i.status, func.count())
                              .where(or_(i.format.is_(None), i.format != "CDAR"))
                              .group_by(i.status)).all())


def rejections_by_rule(ledger: Ledger) -> dict[str, int]:
    fd = s.findings.c
    with ledger.connection() as c:
        return dict(c.execute(select(fd.rule_id, func.count())
                              .where(fd.severity == str(Severity.FATAL))
                              .group_by(fd.rule_id)).all())


def last_scans(ledger: Ledger) -> dict[str, datetime]:
    """When the watcher last scanned each interface's directory."""
    with ledger.connection() as c:
        return {r.interface: _aware(r.at)
                for r in c.execute(select(s.scans.c.interface, s.scans.c.at))}


def day_flows(ledger: Ledger, day: date) -> list[dict[str, Any]]:
    """Every flow received on ``day`` (UTC), in order, for the daily report."""
    start, end = _day_bounds(day)
    f = s.flows.c
    stmt = (select(f.flow_id, f.received_at, f.finished_at, f.file_name, f.interface,
                   f.format, f.status, f.reason, f.supplier, f.buyer, f.invoice_count,
                   f.accepted_count, f.seconds)
            .where(f.received_at >= start, f.received_at < end).order_by(f.flow_id))
    with ledger.connection() as c:
        return [_plain(r._mapping) for r in c.execute(stmt)]


def day_window(day: date) -> tuple[datetime, datetime]:
    return _day_bounds(day)


def flow_findings(ledger: Ledger, flow_id: str) -> list[dict[str, Any]]:
    """Findings on the flow itself (seq 0: unreadable file, bad archive...), in order."""
    fd = s.findings.c
    stmt = (select(fd.rule_id, fd.severity, fd.layer, fd.location, fd.message)
            .where(fd.flow_id == flow_id, fd.seq == 0).order_by(fd.id))
    with ledger.connection() as c:
        return [dict(r._mapping) for r in c.execute(stmt)]
