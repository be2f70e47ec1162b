"""Leases: one process at a time works on a flow, several processes share one ledger.

A flow in hand carries its owner (``flows.lease_owner``: host, pid and a random part, one
per ``Ledger``) and an expiry (``flows.lease_expires_at``), both set in the transaction
that takes the flow and read and compared **by the database's clock** (``now()`` on
PostgreSQL, SQLite's own clock), never a node's. The owner renews every lease it holds
from a heartbeat thread (``Heartbeat``); a process that dies stops renewing, and once its
leases have expired any other process may take its flows up (``take``), on PostgreSQL
with ``SELECT ... FOR UPDATE SKIP LOCKED``, so that two processes never take one flow and
never wait for each other. On SQLite the same statements run under its single write lock
(``BEGIN IMMEDIATE``; the instance guard keeps one process per ledger there).

Every status write checks the owner in its own transaction (the rows are locked until it
commits): a process whose flow was taken over gets ``LeaseLost`` (or the flow among those
a group write left out) and stops touching that flow. A write by the owner whose lease
expired but that nobody took over yet is still the owner's. A lease is given back (a
flow concluded, scheduled for later, or a clean stop) by clearing its expiry only: the
owner stays named, so that a process that lost the flow earlier cannot write it once it
is concluded either.

The same holds for a file on its way into the work area (``intake_claims``: recorded
before the rename, so nothing sits there unrecorded) and for a remote file being
downloaded (``remote_claims``: one process per partner's file).
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
import uuid
import weakref
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, literal_column, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from edi.ledger import schema as s
from edi.model import EdiError

if TYPE_CHECKING:
    from sqlalchemy import Table

log = logging.getLogger(__name__)

LEASE_SECONDS = 30.0        # a lease not renewed for this long may be taken over
OWNER_CHARS = 64
_live_here: set[str] = set()   # owners of this process's open ledgers


class LeaseLost(EdiError):
    """Another process took over a flow this one was working on (its lease had expired):
    this process leaves the flow alone."""

    def __init__(self, flow_ids: Iterable[str], owner: str, doing: str) -> None:
        self.flow_ids = sorted(flow_ids)
        self.owner = owner
        shown = ", ".join(self.flow_ids[:5]) + (
            f" and {len(self.flow_ids) - 5} more" if len(self.flow_ids) > 5 else "")
        super().__init__(
            f"flow(s) {shown}: lease lost while {doing}: another live process owns it "
            f"(this one, {owner}, had stopped renewing its lease, or never held it); left "
            "to that process")


def node_name() -> str:
    """This node's name in lease owners: ``$EDI_NODE``, else the host name (two nodes
    that share a host name, such as containers, set ``EDI_NODE``)."""
    name = os.environ.get("EDI_NODE") or socket.gethostname()
    return "".join(ch for ch in name if ch != ":")[:30]


def node_of(owner: str) -> str:
    return owner.partition(":")[0]


def new_owner() -> str:
    """Who a process is in the ledger: node, pid and a random part (a restart with the
    same pid is someone else)."""
    owner = f"{node_name()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"[:OWNER_CHARS]
    _live_here.add(owner)
    return owner


def closed(owner: str) -> None:
    """``owner``'s ledger is closed: this process no longer speaks for it."""
    _live_here.discard(owner)


def gone(owner: str) -> bool:
    """The owner ran on this node and its process is no more (or it has this very pid
    but is none of this process's ledgers: a container restarted with the same pid and
    host name). Its leases need not wait for their expiry (a restart right after a crash
    takes its flows up at once); an owner on another node is only known dead by its
    silence."""
    from edi.ledger.guard import _alive

    node, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if node != node_name() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return owner not in _live_here
    return not _alive(pid)


def reap(c: Connection) -> int:
    """Free the leases and claims of owners that are ``gone``, and drop the remote claims
    that guard nothing any more.

    A remote claim only locks one download: once its owner is gone or let it expire, the
    file it names may be long concluded and gone from the partner's listing, and nobody
    would ask for that key again. Such rows are deleted (a free row and no row mean the
    same to ``claim_remote``), so none outlives a SIGKILL. Read first, written only when
    there is something to write (a full disk must not fail a round that changes nothing)."""
    f = s.flows.c
    r = s.remote_claims.c
    owners = set(c.execute(select(f.lease_owner).where(f.lease_expires_at.is_not(None))
                           .distinct()).scalars())
    for table in (s.intake_claims, s.remote_claims):
        owners |= set(c.execute(select(table.c.owner).where(table.c.owner.is_not(None))
                                .distinct()).scalars())
    dead = sorted(o for o in owners if gone(o))
    stale = or_(free(s.remote_claims, c.dialect.name), r.owner.in_(dead))
    n = 0
    if c.execute(select(r.key).where(stale).limit(1)).first() is not None:
        n += c.execute(delete(s.remote_claims).where(stale)).rowcount
    if not dead:
        return n
    log.warning("taking up the flows of %s: %s on this host and its process is gone",
                ", ".join(dead), "it ran" if len(dead) == 1 else "they ran")
    n += c.execute(update(s.flows).where(f.lease_expires_at.is_not(None),
                                         f.lease_owner.in_(dead))
                   .values(lease_expires_at=None)).rowcount
    n += c.execute(update(s.intake_claims).where(s.intake_claims.c.owner.in_(dead))
                   .values(expires_at=None)).rowcount
    return n


def now_sql(dialect: str) -> ColumnElement[Any]:
    """The database's clock, as a value comparable with the ledger's timestamps."""
    return later_sql(dialect, 0.0)


def later_sql(dialect: str, seconds: float) -> ColumnElement[Any]:
    """The database's clock plus ``seconds``."""
    seconds = float(seconds)
    if dialect == "postgresql":
        return literal_column(f"(now() + interval '{seconds:.6f} seconds')")
    # SQLite: its clock, in the very text form SQLAlchemy stores datetimes in
    # ("YYYY-MM-DD HH:MM:SS.ffffff", UTC), so that comparisons are text comparisons.
    return literal_column(
        f"strftime('%Y-%m-%d %H:%M:%f000', 'now', '{seconds:+.3f} seconds')")


def free(table: Table, dialect: str, owner_col: str = "owner",
         expires_col: str = "expires_at") -> ColumnElement[bool]:
    """Rows nobody owns, or whose owner let the lease expire."""
    owner = table.c[owner_col]
    expires = table.c[expires_col]
    return or_(owner.is_(None), expires.is_(None), expires < now_sql(dialect))


def flow_free(dialect: str) -> ColumnElement[bool]:
    return free(s.flows, dialect, "lease_owner", "lease_expires_at")


def take(c: Connection, owner: str, seconds: float, where: Sequence[ColumnElement[bool]],
         limit: int | None = None) -> list[Any]:
    """The flows matching ``where`` whose lease is free, taken by ``owner`` for
    ``seconds`` (oldest first, at most ``limit``): their rows."""
    dialect = c.dialect.name
    f = s.flows.c
    stmt = (select(s.flows).where(*where, flow_free(dialect)).order_by(f.flow_id)
            .with_for_update(skip_locked=True))
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = list(c.execute(stmt).all())
    if rows:
        c.execute(update(s.flows).where(f.flow_id.in_([r.flow_id for r in rows]))
                  .values(lease_owner=owner, lease_expires_at=later_sql(dialect, seconds)))
    return rows


def renew(c: Connection, owner: str, seconds: float) -> int:
    """Push back the expiry of everything ``owner`` holds (flows, claims); rows another
    transaction of this process has locked are skipped: that one renews them itself."""
    dialect = c.dialect.name
    later = later_sql(dialect, seconds)
    f = s.flows.c
    mine = (select(f.flow_id).where(f.lease_expires_at.is_not(None), f.lease_owner == owner)
            .with_for_update(skip_locked=True))
    n = c.execute(update(s.flows).where(f.flow_id.in_(mine.scalar_subquery()))
                  .values(lease_expires_at=later)).rowcount
    for table in (s.intake_claims, s.remote_claims):
        key = table.primary_key.columns.values()[0]
        rows = select(key).where(table.c.owner == owner).with_for_update(skip_locked=True)
        n += c.execute(update(table).where(key.in_(rows.scalar_subquery()))
                       .values(expires_at=later)).rowcount
    return n


def release(c: Connection, owner: str) -> int:
    """Give back everything ``owner`` holds (a clean stop): another process may take its
    unfinished flows up at once, without waiting for the leases to expire."""
    f = s.flows.c
    n = c.execute(update(s.flows).where(f.lease_expires_at.is_not(None),
                                        f.lease_owner == owner)
                  .values(lease_expires_at=None)).rowcount
    n += c.execute(update(s.intake_claims).where(s.intake_claims.c.owner == owner)
                   .values(owner=None, expires_at=None)).rowcount
    # a remote claim given back is no claim: deleted, not left ownerless (see reap)
    n += c.execute(delete(s.remote_claims).where(s.remote_claims.c.owner == owner)).rowcount
    return n


def remote_key(interface: str, source: str) -> str:
    """The key of a remote file in ``remote_claims`` (a source may be longer than an
    index allows)."""
    return hashlib.sha256(f"{interface}\x00{source}".encode("utf-8", "surrogatepass")
                          ).hexdigest()


class Heartbeat:
    """Renews a ledger's leases every third of their duration, from a daemon thread.

    Holds the ledger weakly: a ledger dropped without ``close`` ends its heartbeat at
    once (the thread is woken, not left asleep until its next beat)."""

    def __init__(self, ledger: Any) -> None:
        self._ledger = weakref.ref(ledger)
        self.every = max(0.05, ledger.lease_seconds / 3)
        self._stop = threading.Event()
        weakref.finalize(ledger, self._stop.set)
        self._thread = threading.Thread(target=self._run, name="edi-lease-heartbeat",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            ledger = self._ledger()
            if ledger is None:
                return
            try:
                with ledger.engine.begin() as c:
                    renew(c, ledger.owner, ledger.lease_seconds)
            except Exception:  # the ledger busy or down a moment: the next beat retries;
                # meanwhile the leases may expire, and every write checks its owner
                log.warning("renewing the leases of %s failed", ledger.owner, exc_info=True)
            del ledger

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=self.every + 35)


__all__ = ["LeaseLost", "Heartbeat", "node_name", "node_of", "new_owner", "closed", "gone",
           "reap", "take", "renew", "release", "now_sql", "later_sql", "free",
           "flow_free", "remote_key", "LEASE_SECONDS"]
