"""One running edi per folder set, held in the ledger.

Two `edi watch` (or a cron `edi process` beside a running watch) on the same inbox would
race for the same files and recover each other's flows in hand. So an instance first takes
a row per *scope* (its resolved inbox, its resolved work area, the ledger) of the
``instances`` table, in one write transaction (SQLite: BEGIN IMMEDIATE), and renews its
heartbeat from a background thread with its own connection. A second instance finds the
row held and exits, naming the holder. A holder that died without releasing (SIGKILL,
power loss) stops renewing: once its heartbeat is older than
``[intake] instance_stale_after`` seconds, the next instance takes the row over; on the
holder's own host, a holder whose process is gone is taken over at once (a restart right
after a crash must not wait). A clean exit deletes the rows.

Heartbeats are compared with this host's clock: instances on several hosts sharing one
ledger need synchronised clocks (NTP). This guard is SQLite's: on a server database
(PostgreSQL) every flow is leased to the process working on it (``edi/ledger/leases.py``,
the database's clock), so several instances, on several hosts, share one ledger and one
inbox, and no guard is taken (``leases_replace_guard``).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from edi.ledger import schema as s
from edi.model import EdiError, utcnow

if TYPE_CHECKING:
    from edi.ledger import Ledger

log = logging.getLogger(__name__)


_held_here: set[str] = set()  # owners of the guards this process holds


@dataclass(frozen=True, slots=True)
class Holder:
    scope: str
    owner: str
    host: str
    pid: int
    command: str
    started_at: datetime
    heartbeat_at: datetime


class InstanceBusy(EdiError):
    """Another live instance holds one of the scopes."""

    def __init__(self, holder: Holder, stale_after: float) -> None:
        self.holder = holder
        age = (utcnow() - holder.heartbeat_at).total_seconds()
        super().__init__(
            f"{holder.scope} is in use by `edi {holder.command}` on host {holder.host}, "
            f"pid {holder.pid}, since {holder.started_at:%Y-%m-%d %H:%M:%S} UTC (last "
            f"heartbeat {max(0.0, age):.0f} s ago); one instance per inbox, work area and ledger. "
            f"If that process is gone, its claim lapses {stale_after:g} s after its last "
            "heartbeat")


LEDGER_SCOPE = "the ledger"


def leases_replace_guard(ledger: Ledger) -> bool:
    """Whether this ledger lets several instances share it: a server database, where a
    process claims flows with ``SELECT ... FOR UPDATE SKIP LOCKED`` and leases by the
    database's clock. SQLite (one file, one writer at a time) keeps the guard."""
    return ledger.engine.dialect.name != "sqlite"


def scopes(inbox: Path, work: Path) -> list[str]:
    """What an instance holds: its inbox, its work area and the ledger itself.

    The ledger is a scope because on SQLite one process at a time writes it; on
    PostgreSQL leases per flow let several instances share one, and no guard is taken
    (``leases_replace_guard``)."""
    return [f"inbox {inbox.resolve()}", f"work area {work.resolve()}", LEDGER_SCOPE]


class InstanceGuard:
    """Hold ``scopes`` for this process while in use (``with guard:``)."""

    def __init__(self, ledger: Ledger, scopes: Sequence[str], command: str,
                 stale_after: float = 30.0,
                 on_lost: Callable[[str], None] | None = None) -> None:
        self.ledger = ledger
        self.scopes = list(scopes)
        self.command = command
        self.stale_after = stale_after
        self.every = max(0.05, min(5.0, stale_after / 3))  # beats before it may lapse
        self.on_lost = on_lost          # told when another instance took a scope over
        self.owner = uuid.uuid4().hex
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def acquire(self) -> None:
        """Take every scope in one transaction, or raise InstanceBusy naming the holder."""
        for attempt in (1, 2):
            try:
                self._take()
                break
            except IntegrityError:  # another instance inserted first (a server database)
                if attempt == 2:
                    raise
        self._thread = threading.Thread(target=self._beat, name="edi-instance-guard",
                                        daemon=True)
        self._thread.start()

    def _take(self) -> None:
        now = utcnow()
        t = s.instances.c
        with self.ledger.engine.begin() as c:
            rows = {r.scope: r for r in c.execute(
                select(s.instances).where(t.scope.in_(self.scopes)).with_for_update())}
            for scope in self.scopes:
                row = rows.get(scope)
                if row is None or row.owner == self.owner:
                    continue
                holder = Holder(row.scope, row.owner, row.host, row.pid, row.command,
                                _aware(row.started_at), _aware(row.heartbeat_at))
                age = (now - holder.heartbeat_at).total_seconds()
                gone = self._gone(holder)
                if age < self.stale_after and not gone:
                    raise InstanceBusy(holder, self.stale_after)
                log.warning("%s: taking over from `edi %s` (host %s, pid %d), %s", scope,
                            holder.command, holder.host, holder.pid,
                            "whose process is gone" if gone else
                            f"silent for {age:.0f} s: it is taken to be dead")
            mine = {"owner": self.owner, "host": self.host, "pid": self.pid,
                    "command": self.command, "started_at": now, "heartbeat_at": now}
            for scope in self.scopes:
                if scope in rows:
                    c.execute(update(s.instances).where(t.scope == scope).values(**mine))
                else:
                    c.execute(insert(s.instances).values(scope=scope, **mine))
        _held_here.add(self.owner)

    def _gone(self, holder: Holder) -> bool:
        """The holder ran on this host and its process is no more (or it was this very
        pid, but not one of this process's guards: a container restarted with the same
        pid and host name)."""
        if holder.host != self.host:
            return False
        if holder.pid == self.pid:
            return holder.owner not in _held_here
        return not _alive(holder.pid)

    def beat(self) -> bool:
        """Renew the heartbeat; False when another instance has taken a scope over."""
        t = s.instances.c
        with self.ledger.engine.begin() as c:
            renewed = c.execute(update(s.instances).where(
                t.scope.in_(self.scopes), t.owner == self.owner)
                .values(heartbeat_at=utcnow())).rowcount
        return renewed == len(self.scopes)

    def _beat(self) -> None:
        while not self._stop.wait(self.every):
            try:
                held = self.beat()
            except Exception:  # the ledger busy or down for a moment: try at the next beat
                log.exception("renewing the instance heartbeat failed")
                continue
            if not held:
                why = (f"another instance took over {', '.join(self.scopes)} (this one "
                       f"was silent for more than {self.stale_after:g} s)")
                log.error("%s; stopping", why)
                if self.on_lost:
                    self.on_lost(why)
                return

    def release(self) -> None:
        """Stop the heartbeat and give the scopes back (a clean exit)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.every + 35)  # a beat waits at most busy_timeout
            self._thread = None
        t = s.instances.c
        with self.ledger.engine.begin() as c:
            c.execute(delete(s.instances).where(t.scope.in_(self.scopes),
                                                t.owner == self.owner))
        _held_here.discard(self.owner)

    def __enter__(self) -> InstanceGuard:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def holders(ledger: Ledger) -> list[Holder]:
    """Every scope held, and by whom (for operators and tests)."""
    with ledger.reader.connect() as c:
        rows = c.execute(select(s.instances).order_by(s.instances.c.scope)).all()
    return [Holder(r.scope, r.owner, r.host, r.pid, r.command, _aware(r.started_at),
                   _aware(r.heartbeat_at)) for r in rows]


def _alive(pid: int) -> bool:
    """A process of that pid exists and is not a zombie (killed, not yet reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # no /proc (not Linux), or it ended just now: trust the signal
        return True
    return stat.rpartition(")")[2].split()[0] != "Z"


def _aware(v: datetime) -> datetime:
    return v if v.tzinfo else v.replace(tzinfo=UTC)


__all__ = ["InstanceGuard", "InstanceBusy", "Holder", "scopes", "holders",
           "leases_replace_guard"]
