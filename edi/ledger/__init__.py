"""The flow ledger: flows, their invoices and findings, and every status change.

The API speaks flows and statuses; SQL and the backend (SQLite in WAL mode by default, any
SQLAlchemy URL such as PostgreSQL) stay inside this package. Opening a ledger brings its
schema to the newest revision (``edi/ledger/migrations``); every value read from an
invoice is made to fit before it is written (``edi/ledger/bounds.py``).

Each ``Ledger`` is one owner of leases (``edi/ledger/leases.py``): the flows it records or
takes up are its own until it concludes them, gives them back (``close``) or stops
renewing them; every status write checks that no other live process owns the flow, and
one that does makes the write ``LeaseLost`` (a group write leaves that flow out and says
so), so several processes, on several machines, can share one ledger.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine, ExceptionContext
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from edi.durable import StorageUnavailable
from edi.ledger import bounds, leases, lifecycle, migrations
from edi.ledger import schema as s
from edi.ledger.filters import filters
from edi.ledger.leases import LeaseLost
from edi.ledger.rows import invoice_row, is_message, party
from edi.model import (
    LIFECYCLE_MESSAGE,
    TERMINAL_FLOW_STATUSES,
    Document,
    Flow,
    FlowStatus,
    InvoiceStatus,
    utcnow,
)
from edi.testing import fail_point, storage_fault

log = logging.getLogger(__name__)

ACCEPTED_FLOW_STATUSES = (FlowStatus.IN_INTEGRE, FlowStatus.IN_INTEGRE_PARTIEL)
WAITING_DETAIL = "waiting for its target"  # events of a flow waiting to be delivered
REQUEUED_DETAIL = "put back by an operator"
RECEIVED_ON = " on node "   # in the IN_RECU event: which node's work area had the file


@dataclass(slots=True)
class Verdict:
    """What ``finish_many`` records for one flow."""

    flow: Flow
    status: FlowStatus
    documents: list[Document]
    reason: str | None
    seconds: float
    outputs: dict[int, str]
    deliveries: list[tuple[int, str, str]] = field(default_factory=list)  # seq, target, name
    lifecycle: list[Any] = field(default_factory=list)  # edi.lifecycle.cdar.Filed to file


@dataclass(frozen=True, slots=True)
class FlowQuery:
    """Filters of the "Suivi des flux" table; every field optional."""

    status: Sequence[str] = ()
    since: datetime | None = None
    until: datetime | None = None
    format: str | None = None
    supplier: str | None = None
    buyer: str | None = None
    search: str | None = None        # flow id, invoice number or SIRET
    limit: int = 100
    offset: int = 0


class Ledger:
    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, future=True)
        self.folder = _folder_of(url)
        self.path = self.folder / Path(url).name if self.folder else None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", self._sqlite_begin)
            if os.environ.get("EDI_STORAGE_FAULT"):
                event.listen(self.engine, "before_cursor_execute", self._injected_full)
        # held weakly: the listener lives on the dialect, which PostgreSQL's keeps past
        # the ledger, and a ledger dropped without close must be freed (its heartbeat ends)
        storage_error = weakref.WeakMethod(self._storage_error)
        event.listen(self.engine, "handle_error",
                     lambda context: (method := storage_error()) and method(context))
        self._migrated = False
        migrations.upgrade(self.engine)
        self._migrated = True
        # Reads take no write lock: the dashboard must never stall the processor.
        self.reader: Engine = self.engine.execution_options(edi_read=True)
        self.dialect = self.engine.dialect.name
        self.owner = leases.new_owner()           # of the leases this ledger takes
        self.lease_seconds = leases.LEASE_SECONDS
        self._heartbeat: leases.Heartbeat | None = None

    def close(self) -> None:
        """Stop renewing leases and give back the flows still held (a clean stop: another
        process takes them up at once), then close the connections."""
        if self._heartbeat is not None:
            self._heartbeat.stop()
            self._heartbeat = None
            try:
                with self.engine.begin() as c:
                    leases.release(c, self.owner)
            except (SQLAlchemyError, StorageUnavailable) as exc:  # they lapse by themselves
                log.warning("could not give back the leases of %s (%s); they expire %g s "
                            "after their last renewal", self.owner, exc, self.lease_seconds)
        leases.closed(self.owner)
        self.engine.dispose()

    # -- leases -------------------------------------------------------------------------

    def _leasing(self) -> None:
        """This ledger holds leases from now on: renew them while it lives."""
        if self._heartbeat is None:
            self._heartbeat = leases.Heartbeat(self)

    def _later(self) -> Any:
        return leases.later_sql(self.dialect, self.lease_seconds)

    def _held(self, c: Connection, flow_ids: Sequence[str]) -> set[str]:
        """Of ``flow_ids``, those this ledger may write: its own (held, or given back
        and taken by nobody since), or never owned by anyone; locked until ``c``
        commits. A flow another process took (even one it has concluded and given back
        since) is not: its last owner stays named until someone takes it again."""
        if not flow_ids:
            return set()
        rows = c.execute(select(s.flows.c.flow_id).where(
            s.flows.c.flow_id.in_(list(flow_ids)), self._writable())
            .order_by(s.flows.c.flow_id).with_for_update()).scalars()
        return set(rows)

    def _writable(self) -> Any:
        f = s.flows.c
        return or_(f.lease_owner == self.owner, f.lease_owner.is_(None))

    def _lease_values(self, release: bool) -> dict[str, Any]:
        if release:  # free for anyone to take; still this one's for writes until then
            return {"lease_owner": self.owner, "lease_expires_at": None}
        self._leasing()
        return {"lease_owner": self.owner, "lease_expires_at": self._later()}

    def reap(self) -> int:
        """Free at once the leases of owners that ran on this host and are gone (a
        restart after a crash need not wait for them to expire)."""
        with self.engine.begin() as c:
            return leases.reap(c)

    def take_abandoned(self, limit: int | None = None) -> list[Flow]:
        """Unfinished flows nobody works on (their owner stopped: a crash, a kill, a
        node gone), taken by this ledger, oldest first; scheduled ones wait for their
        time, and operators' requeues go with the due retries."""
        f = s.flows.c
        where = [f.status.not_in([str(x) for x in TERMINAL_FLOW_STATUSES]
                                 + [str(FlowStatus.IN_EN_ATTENTE_RETRAITEMENT_CPP)]),
                 f.next_attempt_at.is_(None)]
        return self._take(where, limit)

    def take_due(self, now: datetime, limit: int | None = None) -> list[Flow]:
        """``due_retries`` nobody else works on, taken by this ledger."""
        return self._take([_due(now)], limit)

    def take_flow(self, flow_id: str) -> bool:
        """Take one flow (an operator's reprocess): False when another live process
        works on it."""
        return bool(self._take([s.flows.c.flow_id == flow_id], 1))

    def _take(self, where: Sequence[Any], limit: int | None) -> list[Flow]:
        self._leasing()
        with self.engine.begin() as c:
            rows = leases.take(c, self.owner, self.lease_seconds, where, limit)
        return [_flow(r) for r in rows]

    def owned(self, flow_ids: Sequence[str]) -> set[str]:
        """Of ``flow_ids``, those no other live process owns (a read: no lock)."""
        if not flow_ids:
            return set()
        f = s.flows.c
        with self.reader.connect() as c:
            return set(c.execute(select(f.flow_id).where(
                f.flow_id.in_(list(flow_ids)), self._writable())).scalars())

    def lease_of(self, flow_id: str) -> tuple[str | None, datetime | None]:
        """(owner, expiry) of a flow's lease, for messages and tests."""
        f = s.flows.c
        with self.reader.connect() as c:
            row = c.execute(select(f.lease_owner, f.lease_expires_at)
                            .where(f.flow_id == flow_id)).first()
        return (row[0], _aware(row[1])) if row else (None, None)

    # -- intake claims: a file is recorded before it is renamed into the work area ------

    def intend(self, claims: Sequence[tuple[str, str, str | None]]) -> None:
        """Record (flow id, interface, source) of files about to be renamed into the
        work area, owned by this ledger: recovery finds them if the claim stops."""
        if not claims:
            return
        self._leasing()
        with self.engine.begin() as c:
            c.execute(insert(s.intake_claims).values(owner=self.owner,
                                                     expires_at=self._later()),
                      [{"flow_id": fid, "interface": interface, "source": source}
                       for fid, interface, source in claims])

    def withdraw_intents(self, flow_ids: Sequence[str]) -> None:
        """Claims that did not happen (the file was gone: another process took it)."""
        if not flow_ids:
            return
        i = s.intake_claims.c
        with self.engine.begin() as c:
            c.execute(delete(s.intake_claims).where(i.flow_id.in_(list(flow_ids)),
                                                    i.owner == self.owner))

    def adopt_intent(self, flow_id: str, interface: str, source: str | None) -> bool:
        """Record a claim for a work file that has none (left by a version without
        claims): False when another process recorded one first."""
        try:
            self.intend([(flow_id, interface, source)])
        except IntegrityError:
            return False
        return True

    def take_intents(self, own: bool = False) -> list[tuple[str, str, str | None]]:
        """Claims whose process stopped before recording their flow (or, with ``own``,
        this ledger's own), taken by this ledger: (flow id, interface, source)."""
        self._leasing()
        i = s.intake_claims.c
        cond = i.owner == self.owner if own else leases.free(s.intake_claims, self.dialect)
        with self.engine.begin() as c:
            rows = c.execute(select(i.flow_id, i.interface, i.source).where(cond)
                             .order_by(i.flow_id).with_for_update(skip_locked=True)).all()
            if rows and not own:
                c.execute(update(s.intake_claims)
                          .where(i.flow_id.in_([r.flow_id for r in rows]))
                          .values(owner=self.owner, expires_at=self._later()))
        return [(r.flow_id, r.interface, r.source) for r in rows]

    def claimed_ids(self, flow_ids: Sequence[str], intents: bool = True) -> set[str]:
        """Of ``flow_ids``, those the ledger knows: as a flow, or (``intents``) as a
        claim under way."""
        if not flow_ids:
            return set()
        ids = list(flow_ids)
        with self.reader.connect() as c:
            known = set(c.execute(select(s.flows.c.flow_id)
                                  .where(s.flows.c.flow_id.in_(ids))).scalars())
            if intents:
                known |= set(c.execute(select(s.intake_claims.c.flow_id).where(
                    s.intake_claims.c.flow_id.in_(ids))).scalars())
        return known

    # -- remote claims: one process downloads a partner's file --------------------------

    def claim_remote(self, interface: str, source: str) -> bool:
        """Take a remote file for this ledger before downloading it: False when another
        live process has it."""
        self._leasing()
        key = leases.remote_key(interface, source)
        r = s.remote_claims.c
        with self.engine.begin() as c:
            holder = c.execute(select(r.owner).where(r.key == key).with_for_update()
                               ).scalar_one_or_none()
            gone = holder is not None and holder != self.owner and leases.gone(holder)
            done = c.execute(update(s.remote_claims).where(
                r.key == key, or_(r.owner == self.owner, r.owner == holder if gone else
                                  leases.free(s.remote_claims, self.dialect)))
                .values(owner=self.owner, expires_at=self._later())).rowcount
        if done:
            return True
        try:
            with self.engine.begin() as c:
                c.execute(insert(s.remote_claims).values(
                    key=key, interface=interface, source=source, owner=self.owner,
                    expires_at=self._later()))
        except IntegrityError:  # another process has it
            return False
        return True

    def release_remote(self, interface: str, source: str) -> None:
        """The remote file is a recorded flow now (or was left where it is)."""
        r = s.remote_claims.c
        with self.engine.begin() as c:
            c.execute(delete(s.remote_claims).where(
                r.key == leases.remote_key(interface, source), r.owner == self.owner))

    def remote_owners(self) -> set[str]:
        """Owners of remote claims still live (their downloads are under way): not
        expired, and not known dead (``leases.gone``)."""
        r = s.remote_claims.c
        with self.reader.connect() as c:
            owners = set(c.execute(select(r.owner).where(
                r.owner.is_not(None), r.expires_at >= leases.now_sql(self.dialect))
                .distinct()).scalars())
        return {o for o in owners if not leases.gone(o)}

    def _sqlite_begin(self, conn: Connection) -> None:
        # Writers take the write lock at BEGIN, so check-then-insert (duplicates) cannot
        # interleave; readers begin deferred and never block the processor.
        read = conn.get_execution_options().get("edi_read", False)
        conn.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")

    def _injected_full(self, conn: Connection, cursor: Any, statement: str, *_: Any) -> None:
        """``EDI_STORAGE_FAULT`` on the ledger file: our data's writes fail as SQLite's
        do on a full disk (tests only; see edi/testing.py)."""
        verb = statement.lstrip()[:6].upper()
        if verb not in ("INSERT", "UPDATE", "DELETE") or "instances" in statement \
                or not self._migrated:
            return  # the instance guard's own row and the schema's revisions are others
        try:
            storage_fault(self.path)  # type: ignore[arg-type]
        except OSError as exc:
            import sqlite3

            full = sqlite3.OperationalError("database or disk is full")
            full.sqlite_errorcode = 13  # type: ignore[attr-defined]  # SQLITE_FULL
            raise full from exc

    def _storage_error(self, context: ExceptionContext) -> BaseException | None:
        """A full, read-only or failing disk under the ledger: ``StorageUnavailable``
        (the processor waits), never an error of the flow in hand."""
        orig = context.original_exception
        code = getattr(orig, "sqlite_errorcode", None)
        err = None
        if code is not None:
            err = {13: errno.ENOSPC, 8: errno.EROFS, 10: errno.EIO, 14: errno.EACCES,
                   3: errno.EACCES}.get(code & 0xFF)
        elif getattr(orig, "pgcode", None) == "53100":  # PostgreSQL disk_full
            err = errno.ENOSPC
        if err is None:
            return None
        return StorageUnavailable("ledger", self.folder or self.url, err, str(orig))

    # -- intake -------------------------------------------------------------------------

    def receive(self, flows: Iterable[Flow]) -> list[Flow]:
        """Record claimed flows as IN_RECU, owned by this ledger, in one transaction;
        their claims (``intend``) end with it. A flow whose claim another process took
        over meanwhile (this one was silent too long) is left to it: the flows recorded
        are returned."""
        rows = list(flows)
        if not rows:
            return []
        self._leasing()
        i = s.intake_claims.c
        with self.engine.begin() as c:
            ids = [f.flow_id for f in rows]
            others = set(c.execute(select(i.flow_id).where(
                i.flow_id.in_(ids), or_(i.owner.is_(None), i.owner != self.owner))
                .with_for_update()).scalars())
            others |= set(c.execute(select(s.flows.c.flow_id)  # recorded by another already
                                    .where(s.flows.c.flow_id.in_(ids))).scalars())
            if others:
                log.warning("%s", LeaseLost(others, self.owner, "recording claimed files"))
                rows = [f for f in rows if f.flow_id not in others]
            if not rows:
                return []
            c.execute(insert(s.flows).values(lease_owner=self.owner,
                                              lease_expires_at=self._later()),
                      [_flow_row(f) for f in rows])
            node = leases.node_of(self.owner)
            c.execute(insert(s.flow_events), [
                {"flow_id": f.flow_id, "status": str(f.status), "at": f.received_at,
                 "detail": f"received {f.file_name} via {f.interface}{RECEIVED_ON}{node}"}
                for f in rows])
            c.execute(delete(s.intake_claims).where(i.flow_id.in_([f.flow_id for f in rows]),
                                                    i.owner == self.owner))
        return rows

    def find_by_source(self, interface: str, source: str, sha256: str) -> Flow | None:
        """The flow already made from this remote file, if any (SFTP crash recovery)."""
        with self.reader.connect() as c:
            row = c.execute(select(s.flows).where(
                s.flows.c.interface == interface, s.flows.c.source == source,
                s.flows.c.sha256 == sha256).order_by(s.flows.c.flow_id.desc())).first()
        return _flow(row) if row else None

    def integrated_twins(self, flows: Sequence[Flow]) -> dict[str, str]:
        """{flow id: an integrated flow with byte-identical content}, for those that have one."""
        if not flows:
            return {}
        with self.reader.connect() as c:
            rows = c.execute(select(s.flows.c.sha256, s.flows.c.flow_id).where(
                s.flows.c.sha256.in_({f.sha256 for f in flows}),
                s.flows.c.status.in_([str(x) for x in ACCEPTED_FLOW_STATUSES]))).all()
        owners: dict[str, list[str]] = {}
        for sha, fid in rows:
            owners.setdefault(sha, []).append(fid)
        twins = {}
        for f in flows:
            other = [o for o in owners.get(f.sha256, ()) if o != f.flow_id]
            if other:
                twins[f.flow_id] = min(other)
        return twins

    # -- status -------------------------------------------------------------------------

    def set_status(self, flow_id: str, status: FlowStatus, detail: str | None = None,
                   **fields: Any) -> None:
        """One flow to ``status``; ``LeaseLost`` when another live process owns it. A
        terminal status, a next attempt scheduled or a flow put back by an operator gives
        the lease back (any process may take it up then)."""
        now = utcnow()
        release = (status in TERMINAL_FLOW_STATUSES or fields.get("next_attempt_at") is not None
                   or status is FlowStatus.IN_EN_ATTENTE_RETRAITEMENT_CPP)
        values: dict[str, Any] = {"status": str(status), "updated_at": now, **fields,
                                  **self._lease_values(release)}
        if detail is not None:
            values["detail"] = detail
        with self.engine.begin() as c:
            if not self._held(c, [flow_id]):
                raise LeaseLost([flow_id], self.owner, f"setting it {status}")
            c.execute(update(s.flows).where(s.flows.c.flow_id == flow_id).values(**values))
            c.execute(insert(s.flow_events).values(
                flow_id=flow_id, status=str(status), at=now, detail=detail))

    def archived(self, items: Sequence[tuple[str, str, str, int]]) -> set[str]:
        """Flows whose original is archived (durably): IN_EN_ATTENTE_TRAITEMENT_CPP.

        Each item is (flow id, archive path, sha256, size) of the archived bytes: the
        flow's hash is the hash of what the archive holds. Returns the flows left out
        because another live process owns them (their lease was lost).
        """
        if not items:
            return set()
        now = utcnow()
        status = str(FlowStatus.IN_EN_ATTENTE_TRAITEMENT_CPP)
        with self.engine.begin() as c:
            mine = self._held(c, [i[0] for i in items])
            kept = [i for i in items if i[0] in mine]
            if kept:
                c.execute(update(s.flows).where(s.flows.c.flow_id == bindparam("b_id"))
                          .values(status=status, updated_at=now,
                                  archive_path=bindparam("b_path"), sha256=bindparam("b_sha"),
                                  size=bindparam("b_size"), next_attempt_at=None,
                                  **self._lease_values(False)),
                          [{"b_id": fid, "b_path": path, "b_sha": sha, "b_size": size}
                           for fid, path, sha, size in kept])
                c.execute(insert(s.flow_events), [
                    {"flow_id": fid, "status": status, "at": now,
                     "detail": f"archived as {path}"} for fid, path, _, _ in kept])
        return {i[0] for i in items} - mine

    def still_written(self, flow_id: str, sha256: str, size: int, at: datetime,
                      detail: str) -> None:
        """A claimed file that changed since its claim: looked at again from ``at`` (by
        whichever process then; the lease is given back)."""
        with self.engine.begin() as c:
            if not self._held(c, [flow_id]):
                raise LeaseLost([flow_id], self.owner, "waiting for its writer")
            c.execute(update(s.flows).where(s.flows.c.flow_id == flow_id).values(
                sha256=sha256, size=size, next_attempt_at=at, updated_at=utcnow(),
                detail=detail, **self._lease_values(True)))

    def postpone(self, flow_id: str, at: datetime, detail: str) -> None:
        """Look at the flow again from ``at`` (any process then), its status unchanged;
        the lease is given back. ``LeaseLost`` when another live process owns it."""
        with self.engine.begin() as c:
            if not self._held(c, [flow_id]):
                raise LeaseLost([flow_id], self.owner, "postponing it")
            status = c.execute(select(s.flows.c.status)
                               .where(s.flows.c.flow_id == flow_id)).scalar_one()
            c.execute(update(s.flows).where(s.flows.c.flow_id == flow_id).values(
                next_attempt_at=at, updated_at=utcnow(), detail=detail,
                **self._lease_values(True)))
            c.execute(insert(s.flow_events).values(flow_id=flow_id, status=status,
                                                   at=utcnow(), detail=detail))

    def received_on(self, flow_id: str) -> str | None:
        """The node whose work area the flow's file was claimed into (None: unknown, a
        flow recorded before nodes were named)."""
        for change in self.history(flow_id):
            detail = change["detail"] or ""
            if change["status"] == str(FlowStatus.IN_RECU) and RECEIVED_ON in detail:
                return detail.rpartition(RECEIVED_ON)[2]
        return None

    def set_many(self, flow_ids: Sequence[str], status: FlowStatus, detail: str | None = None,
                 ) -> set[str]:
        """Several flows to ``status`` (a scheduled attempt, if any, is now under way);
        returns those left out because another live process owns them."""
        if not flow_ids:
            return set()
        now = utcnow()
        with self.engine.begin() as c:
            mine = self._held(c, flow_ids)
            kept = [f for f in flow_ids if f in mine]
            if kept:
                c.execute(update(s.flows).where(s.flows.c.flow_id.in_(kept))
                          .values(status=str(status), updated_at=now, next_attempt_at=None,
                                  **self._lease_values(False)))
                c.execute(insert(s.flow_events), [
                    {"flow_id": f, "status": str(status), "at": now, "detail": detail}
                    for f in kept])
        return set(flow_ids) - mine

    def reserve_keys(self, flow_id: str, keys: dict[int, str]) -> dict[int, str]:
        """Claim the business keys of a flow's accepted invoices, atomically.

        Returns {seq: flow id holding it} for each key another flow already holds: those
        invoices are duplicates (DOUBLON). Keys this flow already holds (a redo) are fine.
        The primary key on ``business_key`` settles races between processes.
        """
        return self.reserve_keys_many({flow_id: keys}).get(flow_id, {})

    def reserve_keys_many(self, keys: dict[str, dict[int, str]]
                          ) -> dict[str, dict[int, str]]:
        """``reserve_keys`` for several flows in one transaction, in flow order.

        Where another process inserted one of the keys meanwhile (a server database
        without SQLite's write lock), the unique key refuses ours: look again.
        """
        for attempt in range(3):
            try:
                return self._reserve(keys)
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _reserve(self, keys: dict[str, dict[int, str]]) -> dict[str, dict[int, str]]:
        keys = {fid: {seq: bounds.business_key(k) for seq, k in per_flow.items()}
                for fid, per_flow in keys.items()}
        wanted = {k for per_flow in keys.values() for k in per_flow.values()}
        taken: dict[str, dict[int, str]] = {}
        if not wanted:
            return taken
        with self.engine.begin() as c:
            held = dict(c.execute(select(s.accepted_keys.c.business_key,
                                         s.accepted_keys.c.flow_id)
                                  .where(s.accepted_keys.c.business_key.in_(wanted))).all())
            new_rows = []
            for flow_id in sorted(keys):
                seen: set[str] = set()
                for seq, key in sorted(keys[flow_id].items()):
                    owner = held.get(key)
                    if key in seen:  # twins inside one archive: the first one counts
                        taken.setdefault(flow_id, {})[seq] = flow_id
                    elif owner is not None and owner != flow_id:
                        taken.setdefault(flow_id, {})[seq] = owner
                    elif owner is None:
                        held[key] = flow_id
                        new_rows.append({"business_key": key, "flow_id": flow_id, "seq": seq})
                    seen.add(key)
            if new_rows:
                c.execute(insert(s.accepted_keys), new_rows)
        return taken

    def release_keys(self, flow_id: str) -> None:
        """Give back a flow's business keys (it is being reprocessed from scratch), and
        what its invoices took from their engagements."""
        from edi.ledger import engagements

        with self.engine.begin() as c:
            c.execute(s.accepted_keys.delete().where(s.accepted_keys.c.flow_id == flow_id))
            engagements.release(c, flow_id)

    def schedule_retry(self, flow_id: str, attempts: int, at: datetime, detail: str) -> None:
        """The flow waits for its target (IN_EN_ATTENTE_TRAITEMENT_CPP) until ``at``."""
        self.set_status(flow_id, FlowStatus.IN_EN_ATTENTE_TRAITEMENT_CPP,
                        f"{WAITING_DETAIL}: {detail}", attempts=attempts, next_attempt_at=at)

    def waiting_since(self, flow_id: str) -> datetime | None:
        """When the flow began waiting for its target (since it was last put back)."""
        e = s.flow_events.c
        with self.reader.connect() as c:
            rows = c.execute(select(e.at, e.detail).where(e.flow_id == flow_id)
                             .order_by(e.id)).all()
        since = None
        for at, detail in rows:
            detail = detail or ""
            if detail.startswith(REQUEUED_DETAIL):
                since = None
            elif detail.startswith(WAITING_DETAIL) and since is None:
                since = _aware(at)
        return since

    def conclude_attempts(self, flow_ids: Sequence[str]) -> dict[str, int]:
        """{flow id: times it was taken in hand (IN_EN_COURS_TRAITEMENT_CPP) in a row, with
        no other status between}: a flow still unfinished after two such attempts made
        the processor stop twice while concluding it."""
        counts: dict[str, int] = {}
        for fid, history in self.histories(flow_ids).items():
            n = 0
            for ev in reversed(history):
                if ev["status"] != str(FlowStatus.IN_EN_COURS_TRAITEMENT_CPP):
                    break
                n += 1
            counts[fid] = n
        return counts

    def finish(self, flow: Flow, status: FlowStatus, documents: Sequence[Document],
               reason: str | None, seconds: float, outputs: dict[int, str]) -> None:
        """Record the verdict of a flow: its invoices, findings and terminal status."""
        self.finish_many([Verdict(flow, status, list(documents), reason, seconds, outputs)])

    def finish_many(self, verdicts: Sequence[Verdict]) -> list[tuple[Verdict, Exception]]:
        """Record several verdicts, with their deliveries, in one transaction.

        When the group is refused (one row the database will not take), each verdict is
        recorded alone: only the flows refused on their own are returned, with the error,
        for the caller to make incidents. A flow another live process owns is not
        recorded: it is returned with ``LeaseLost``. A full or read-only ledger raises
        ``StorageUnavailable`` instead: nothing is recorded then.
        """
        if not verdicts:
            return []
        try:
            return self._lost(verdicts, self._finish(verdicts))
        except StorageUnavailable:
            raise
        except Exception as exc:
            if len(verdicts) == 1:
                return [(verdicts[0], exc)]
            log.warning("recording %d verdicts together failed (%s: %s); recording them "
                        "one by one", len(verdicts), type(exc).__name__, exc)
        failed: list[tuple[Verdict, Exception]] = []
        for v in verdicts:
            try:
                failed += self._lost([v], self._finish([v]))
            except StorageUnavailable:
                raise
            except Exception as exc:
                failed.append((v, exc))
        return failed

    def _lost(self, verdicts: Sequence[Verdict], lost: set[str]
              ) -> list[tuple[Verdict, Exception]]:
        return [(v, LeaseLost([v.flow.flow_id], self.owner, "recording its verdict"))
                for v in verdicts if v.flow.flow_id in lost]

    def _finish(self, verdicts: Sequence[Verdict]) -> set[str]:
        """Record ``verdicts``; returns the flows left out (another process owns them)."""
        with self.engine.begin() as c:
            mine = self._held(c, [v.flow.flow_id for v in verdicts])
            kept = [v for v in verdicts if v.flow.flow_id in mine]
            if kept:
                self._write_verdicts(c, kept)
        return {v.flow.flow_id for v in verdicts} - mine

    def _write_verdicts(self, c: Connection, verdicts: Sequence[Verdict]) -> None:
        now = utcnow()
        ids = [v.flow.flow_id for v in verdicts]
        invoices, findings, flows, events, deliveries = [], [], [], [], []
        for v in verdicts:
            fid = v.flow.flow_id
            fail_point("record", v.flow.file_name)
            first = next((d.invoice for d in v.documents if d.invoice), None)
            counted = [d for d in v.documents if not is_message(d)]   # invoices only
            accepted = sum(1 for d in counted if not d.fatal)
            for d in v.documents:
                row, extra = bounds.invoice_row(invoice_row(fid, d, v.outputs.get(d.seq)), d)
                invoices.append(row)
                findings += [_finding_row(fid, d.seq, f) for f in [*d.findings, *extra]]
            flows.append({
                "b_id": fid, "status": str(v.status), "reason": v.reason, "updated_at": now,
                "finished_at": now, "format": v.flow.format,
                "invoice_count": len(counted), "accepted_count": accepted,
                "supplier": bounds.identifier(party(first, "seller")) if first else None,
                "buyer": bounds.identifier(party(first, "buyer")) if first else None,
                "next_attempt_at": None, "seconds": v.seconds,
                "lease_owner": self.owner, "lease_expires_at": None})
            events.append({"flow_id": fid, "status": str(v.status), "at": now,
                           "detail": f"{accepted}/{len(counted)} invoice(s) accepted"
                           + (f"; reason {v.reason}" if v.reason else "")})
            deliveries += [{"flow_id": fid, "seq": seq, "target": target, "file_name": name,
                            "at": now} for seq, target, name in v.deliveries]
        f = s.flows.c
        c.execute(s.invoices.delete().where(s.invoices.c.flow_id.in_(ids)))
        c.execute(s.findings.delete().where(s.findings.c.flow_id.in_(ids)))
        if invoices:
            c.execute(insert(s.invoices), invoices)
        if findings:
            c.execute(insert(s.findings), findings)
        c.execute(update(s.flows).where(f.flow_id == bindparam("b_id")).values(
            {k: bindparam(k) for k in flows[0] if k != "b_id"}), flows)
        c.execute(insert(s.flow_events), events)
        if deliveries:
            c.execute(s.deliveries.delete().where(s.deliveries.c.flow_id.in_(ids)))
            c.execute(insert(s.deliveries), deliveries)
        lifecycle.file(c, [f for v in verdicts for f in v.lifecycle], now)
        lifecycle.match_waiting(c, [(r["flow_id"], r["seq"], r["number"])
                                    for r in invoices if r["status"] == "DEPOSEE"])

    # -- deliveries ---------------------------------------------------------------------

    def delivered(self, flow_id: str) -> set[tuple[int, str]]:
        return self.delivered_many([flow_id]).get(flow_id, set())

    def delivered_many(self, flow_ids: Sequence[str]) -> dict[str, set[tuple[int, str]]]:
        """{flow id: {(seq, target)}} of the deliveries already recorded."""
        out: dict[str, set[tuple[int, str]]] = {}
        with self.reader.connect() as c:
            for r in c.execute(select(s.deliveries.c.flow_id, s.deliveries.c.seq,
                                      s.deliveries.c.target)
                               .where(s.deliveries.c.flow_id.in_(list(flow_ids)))):
                out.setdefault(r.flow_id, set()).add((r.seq, r.target))
        return out

    def record_delivery(self, flow_id: str, seq: int, target: str, file_name: str) -> None:
        d = s.deliveries.c
        with self.engine.begin() as c:
            c.execute(s.deliveries.delete().where(d.flow_id == flow_id, d.seq == seq,
                                                  d.target == target))
            c.execute(insert(s.deliveries).values(
                flow_id=flow_id, seq=seq, target=target, file_name=file_name, at=utcnow()))

    def record_scan(self, interface: str) -> None:
        """When an intake last looked (health checks: a stalled watcher is an incident)."""
        now = utcnow()
        for attempt in (1, 2):
            try:
                with self.engine.begin() as c:
                    done = c.execute(update(s.scans).where(s.scans.c.interface == interface)
                                     .values(at=now)).rowcount
                    if not done:
                        c.execute(insert(s.scans).values(interface=interface, at=now))
                return
            except IntegrityError:  # another process inserted it first: update it then
                if attempt == 2:
                    raise

    # -- queries ------------------------------------------------------------------------

    def get(self, flow_id: str) -> Flow | None:
        with self.reader.connect() as c:
            row = c.execute(select(s.flows).where(s.flows.c.flow_id == flow_id)).first()
        return _flow(row) if row else None

    def row(self, flow_id: str) -> dict[str, Any] | None:
        with self.reader.connect() as c:
            row = c.execute(select(s.flows).where(s.flows.c.flow_id == flow_id)).first()
        return _plain(row._mapping) if row else None

    def unfinished(self) -> list[Flow]:
        """Flows not terminal and not scheduled for later (a crash left them in hand)."""
        with self.reader.connect() as c:
            rows = c.execute(select(s.flows).where(
                s.flows.c.status.not_in([str(x) for x in TERMINAL_FLOW_STATUSES]),
                s.flows.c.next_attempt_at.is_(None))
                .order_by(s.flows.c.flow_id)).all()
        return [_flow(r) for r in rows]

    def due_retries(self, now: datetime) -> list[Flow]:
        """Flows whose scheduled attempt is due: waiting for a target, a file still being
        written, or put back by an operator (IN_EN_ATTENTE_RETRAITEMENT_CPP)."""
        with self.reader.connect() as c:
            rows = c.execute(select(s.flows).where(_due(now))
                             .order_by(s.flows.c.flow_id)).all()
        return [_flow(r) for r in rows]

    def history(self, flow_id: str) -> list[dict[str, Any]]:
        return self.histories([flow_id]).get(flow_id, [])

    def histories(self, flow_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """{flow id: its status changes, oldest first}."""
        e = s.flow_events.c
        out: dict[str, list[dict[str, Any]]] = {}
        with self.reader.connect() as c:
            rows = c.execute(select(e.flow_id, e.status, e.at, e.detail)
                             .where(e.flow_id.in_(list(flow_ids))).order_by(e.id)).all()
        for r in rows:
            out.setdefault(r.flow_id, []).append(
                {"status": r.status, "at": _aware(r.at), "detail": r.detail})
        return out

    def invoices(self, flow_id: str) -> list[dict[str, Any]]:
        """A flow's invoices, each with its findings (seq 0 findings are the flow's)."""
        with self.reader.connect() as c:
            inv = c.execute(select(s.invoices).where(s.invoices.c.flow_id == flow_id)
                            .order_by(s.invoices.c.seq)).all()
            fnd = c.execute(select(s.findings).where(s.findings.c.flow_id == flow_id)
                            .order_by(s.findings.c.id)).all()
        by_seq: dict[int, list[dict[str, Any]]] = {}
        for f in fnd:
            by_seq.setdefault(f.seq, []).append(
                {k: getattr(f, k) for k in ("rule_id", "severity", "layer", "location",
                                            "message")})
        out = []
        for r in inv:
            d = _plain(r._mapping)
            d.pop("id", None)
            d["data"] = json.loads(d["data"]) if d.get("data") else None
            d["findings"] = by_seq.get(r.seq, [])
            out.append(d)
        with self.reader.connect() as c:
            lifecycle.attach(out, c)
            if any(d["status"] == LIFECYCLE_MESSAGE for d in out):
                filed = _filed_by(c, flow_id)
                for d in out:     # a lifecycle message: the statuses this flow filed
                    if d["status"] == LIFECYCLE_MESSAGE:
                        d["filed"] = filed
        return out

    def flows(self, q: FlowQuery = FlowQuery()) -> list[dict[str, Any]]:
        stmt = select(s.flows).where(*filters(q)).order_by(s.flows.c.flow_id.desc())
        with self.reader.connect() as c:
            rows = c.execute(stmt.limit(q.limit).offset(q.offset)).all()
        return [_plain(r._mapping) for r in rows]

    def count(self, q: FlowQuery = FlowQuery()) -> int:
        with self.reader.connect() as c:
            return c.execute(select(func.count()).select_from(s.flows)
                             .where(*filters(q))).scalar_one()

    def status_counts(self) -> dict[str, int]:
        with self.reader.connect() as c:
            return dict(c.execute(select(s.flows.c.status, func.count())
                                  .group_by(s.flows.c.status)).all())

    def iter_flow_ids(self) -> Iterator[str]:
        with self.reader.connect() as c:
            yield from c.execute(select(s.flows.c.flow_id).order_by(s.flows.c.flow_id)).scalars()

    def connection(self) -> Connection:
        """A raw connection for read-only reporting queries (dashboard, metrics)."""
        return self.reader.connect()


def _due(now: datetime) -> Any:
    f = s.flows.c
    return or_(
        (f.status.not_in([str(x) for x in TERMINAL_FLOW_STATUSES]))
        & f.next_attempt_at.is_not(None) & (f.next_attempt_at <= now),
        (f.status == str(FlowStatus.IN_EN_ATTENTE_RETRAITEMENT_CPP))
        & f.next_attempt_at.is_(None))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")     # durable: a committed status survives power loss
    cur.execute("PRAGMA busy_timeout=30000")   # edi watch and edi serve share the file
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _folder_of(url: str) -> Path | None:
    """The folder of a SQLite ledger file (where "disk full" would be)."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(os.path.abspath(url[len("sqlite:///"):])).parent
    return None


def _flow_row(f: Flow) -> dict[str, Any]:
    return {"flow_id": f.flow_id, "file_name": f.file_name, "sha256": f.sha256,
            "size": f.size, "interface": f.interface, "source": f.source,
            "status": str(f.status), "format": f.format, "received_at": f.received_at,
            "updated_at": f.received_at, "attempts": f.attempts}


def _finding_row(flow_id: str, seq: int, f: Any) -> dict[str, Any]:
    return {"flow_id": flow_id, "seq": seq, **f.to_dict(),
            "location": bounds.display(f.location, bounds.LOCATION_CHARS),
            "message": bounds.display(f.message, bounds.MESSAGE_CHARS)}


def _aware(v: Any) -> Any:
    if isinstance(v, datetime) and v.tzinfo is None:
        return v.replace(tzinfo=UTC)
    return v


def _plain(m: Any) -> dict[str, Any]:
    return {k: _aware(v) for k, v in dict(m).items()}


def _flow(r: Any) -> Flow:
    return Flow(flow_id=r.flow_id, file_name=r.file_name, sha256=r.sha256, size=r.size,
                interface=r.interface, status=FlowStatus(r.status),
                received_at=_aware(r.received_at), finished_at=_aware(r.finished_at),
                format=r.format, reason=r.reason, attempts=r.attempts or 0, source=r.source)


def _filed_by(c: Connection, flow_id: str) -> list[dict[str, Any]]:
    """The statuses a lifecycle flow filed (``carried_by``), in timeline order, each with
    the invoice it was filed on (``flow_id``/``seq``; none while unmatched)."""
    e = s.lifecycle_events.c
    rows = c.execute(select(s.lifecycle_events).where(e.carried_by == flow_id)
                     .order_by(*lifecycle.TIMELINE_ORDER)).all()
    return [{**lifecycle.entry(r), "invoice_number": r.invoice_number,
             "flow_id": r.flow_id, "seq": r.seq} for r in rows]


__all__ = ["Ledger", "FlowQuery", "Verdict", "IntegrityError", "InvoiceStatus", "LeaseLost"]
