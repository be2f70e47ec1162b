"""What accepted invoices took from their engagements, in the ledger (revision 0007).

An engagement (purchase order) is known with its amount in the directory store; what was
invoiced against it lives here, where invoices are accepted. ``consume`` adds each
accepted invoice's amount (a credit note's is negative) to its engagement's total with
one ``UPDATE ... RETURNING`` per invoice: the row serializes two workers, so when two
invoices take the last euro at once, exactly one of them is told it went over. Each
invoice's share is kept (``engagement_uses``): a flow done again consumes nothing more
and is told the same; ``release`` gives a flow's shares back with its business keys
(``Ledger.release_keys``, for a flow taken up from scratch).
An engagement whose amount is set again to what remains (``rebase``, after a CSV import
from Chorus Pro) counts from there. Amounts are integer cents: exact on every backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from edi.ledger import schema as s
from edi.model import utcnow


@dataclass(frozen=True, slots=True)
class Use:
    flow_id: str
    seq: int
    buyer: str
    number: str
    cents: int                 # what the invoice takes (negative: a credit note gives back)
    limit_cents: int | None    # the engagement's amount, when known


@dataclass(frozen=True, slots=True)
class Consumed:
    use: Use
    before_cents: int          # invoiced against the engagement before this invoice
    over_cents: int            # how far this invoice went beyond the amount (0: within)
    again: bool = False        # already consumed by an earlier run of the same flow


def consume(engine: Engine, uses: Sequence[Use]) -> list[Consumed]:
    """Take each use from its engagement, all in one transaction."""
    if not uses:
        return []
    with engine.begin() as c:
        return [_consume(c, u) for u in uses]


def _consume(c: Connection, u: Use) -> Consumed:
    t, used = s.engagement_totals.c, s.engagement_uses.c
    prior = c.execute(select(used.cents, used.over_cents).where(
        used.flow_id == u.flow_id, used.seq == u.seq)).first()
    if prior is not None:
        return Consumed(u, 0, int(prior.over_cents), again=True)
    now = utcnow()
    _ensure(c, u.buyer, u.number, now)
    total, baseline = c.execute(update(s.engagement_totals)
                                .where(and_(t.buyer == u.buyer, t.number == u.number))
                                .values(invoiced_cents=t.invoiced_cents + u.cents,
                                        updated_at=now)
                                .returning(t.invoiced_cents, t.baseline_cents)).one()
    after = int(total) - int(baseline)      # taken since the amount was set
    before = after - u.cents
    over = 0
    if u.limit_cents is not None and u.cents > 0 and after > u.limit_cents:
        over = min(u.cents, after - u.limit_cents)
    c.execute(s.engagement_uses.insert().values(
        flow_id=u.flow_id, seq=u.seq, buyer=u.buyer, number=u.number, cents=u.cents,
        over_cents=over, at=now))
    return Consumed(u, before, over)


def _ensure(c: Connection, buyer: str, number: str, now: datetime) -> None:
    dialect = postgresql if c.dialect.name == "postgresql" else sqlite
    c.execute(dialect.insert(s.engagement_totals).values(
        buyer=buyer, number=number, invoiced_cents=0, baseline_cents=0, updated_at=now)
        .on_conflict_do_nothing())


def rebase(engine: Engine, keys: Sequence[tuple[str, str]]) -> None:
    """The amounts of these engagements (buyer, number) were just set to what remains to
    invoice (a CSV import): count what invoices take from them from now on."""
    t = s.engagement_totals.c
    now = utcnow()
    with engine.begin() as c:
        for buyer, number in keys:
            _ensure(c, buyer, number, now)
            c.execute(update(s.engagement_totals)
                      .where(and_(t.buyer == buyer, t.number == number))
                      .values(baseline_cents=t.invoiced_cents, based_at=now, updated_at=now))


def release(c: Connection, flow_id: str) -> None:
    """Give back what a flow's invoices took (the flow is done again from scratch)."""
    t, used = s.engagement_totals.c, s.engagement_uses.c
    rows = c.execute(select(used.buyer, used.number, used.cents)
                     .where(used.flow_id == flow_id)).all()
    for buyer, number, cents in rows:
        c.execute(update(s.engagement_totals)
                  .where(and_(t.buyer == buyer, t.number == number))
                  .values(invoiced_cents=t.invoiced_cents - cents, updated_at=utcnow()))
    c.execute(s.engagement_uses.delete().where(used.flow_id == flow_id))


def invoiced(engine: Engine) -> dict[tuple[str, str], tuple[int, int]]:
    """(buyer, number) -> (cents invoiced, number of invoices that took from it), since
    its amount was last set."""
    t, used = s.engagement_totals.c, s.engagement_uses.c
    with engine.connect() as c:
        totals = {(b, n): (int(cents) - int(base), since) for b, n, cents, base, since in
                  c.execute(select(t.buyer, t.number, t.invoiced_cents, t.baseline_cents,
                                   t.based_at))}
        counts: dict[tuple[str, str], int] = {}
        for b, n, at in c.execute(select(used.buyer, used.number, used.at)):
            since = totals.get((b, n), (0, None))[1]
            if since is None or at >= since:
                counts[(b, n)] = counts.get((b, n), 0) + 1
    return {k: (v, counts.get(k, 0)) for k, (v, _) in totals.items()}
