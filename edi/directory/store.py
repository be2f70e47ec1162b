"""The directory store: one SQLite file, never modified in place, replaced whole.

Every import builds a complete new file next to the old one (copying the tables it does
not change), fsyncs it and renames it over the old one, then fsyncs the folder. A reader
therefore opens either the old or the new directory, never half of one, and a broken
import file leaves the previous directory in force. Because the file is immutable once in
place, readers open it with ``immutable=1``: no lock, no journal, no write.

Plain ``sqlite3`` rather than SQLAlchemy: this is a local snapshot file, not the ledger's
configurable database.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Generic, TypeVar
from urllib.parse import quote

from edi.durable import fsync_dir, fsync_file

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE structures (
    identifier TEXT PRIMARY KEY, id_type TEXT NOT NULL, name TEXT NOT NULL,
    emetteur_edi INTEGER NOT NULL, recepteur_edi INTEGER NOT NULL,
    gestion_statut_mep INTEGER NOT NULL, gestion_engagement INTEGER NOT NULL,
    gestion_service INTEGER NOT NULL, gestion_service_engagement INTEGER NOT NULL,
    est_moa INTEGER NOT NULL, est_moa_uniquement INTEGER NOT NULL,
    active INTEGER NOT NULL, extra TEXT NOT NULL DEFAULT '{}');
CREATE TABLE services (
    identifier TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
    active INTEGER NOT NULL, engagement_required INTEGER NOT NULL,
    PRIMARY KEY (identifier, code));
CREATE TABLE engagements (
    buyer TEXT NOT NULL, number TEXT NOT NULL, supplier TEXT NOT NULL,
    amount TEXT, status TEXT NOT NULL, open INTEGER NOT NULL, source TEXT NOT NULL,
    PRIMARY KEY (buyer, number));
CREATE TABLE accounts (
    supplier TEXT NOT NULL, iban TEXT NOT NULL, bic TEXT,
    PRIMARY KEY (supplier, iban));
CREATE TABLE depositors (
    siret TEXT PRIMARY KEY, siren TEXT NOT NULL, name TEXT NOT NULL, address TEXT NOT NULL,
    kind TEXT NOT NULL, source TEXT NOT NULL, registered_at TEXT NOT NULL);
CREATE TABLE directory_lines (
    addressing_identifier TEXT PRIMARY KEY, siren TEXT NOT NULL, siret TEXT,
    routing_identifier TEXT, suffix TEXT, platform_type TEXT NOT NULL,
    platform_id TEXT NOT NULL, platform_name TEXT, effective TEXT NOT NULL, end_date TEXT);
"""
TABLES = ("meta", "structures", "services", "engagements", "accounts", "depositors",
          "directory_lines")   # the reform's directory lines (edi.directory.lines)


@contextlib.contextmanager
def _import_lock(path: Path) -> Iterator[None]:
    """One import at a time, so that two imports cannot each drop the other's tables."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def rewrite(path: Path, change: Callable[[sqlite3.Connection], None]) -> None:
    """Replace the store at ``path`` by a copy of it to which ``change`` was applied.

    ``change`` may raise: the temporary file is then removed and the store stays as it was.
    """
    with _import_lock(path):
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        try:
            conn = sqlite3.connect(f"file:{quote(str(tmp))}", uri=True, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode=OFF")
                conn.execute("PRAGMA synchronous=OFF")
                conn.executescript(SCHEMA)
                conn.execute("BEGIN")
                if path.exists():
                    conn.execute("ATTACH DATABASE ? AS old", (_ro_uri(path),))
                    present = {row[0] for row in conn.execute(
                        "SELECT name FROM old.sqlite_master WHERE type = 'table'")}
                    for table in (t for t in TABLES if t in present):  # older stores lack some
                        conn.execute(f"INSERT INTO main.{table} SELECT * FROM old.{table}")
                    conn.execute("COMMIT")
                    conn.execute("DETACH DATABASE old")
                    conn.execute("BEGIN")
                change(conn)
                conn.execute("COMMIT")
            finally:
                conn.close()
            fsync_file(tmp)
            os.replace(tmp, path)
            fsync_dir(path.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


def set_meta(conn: sqlite3.Connection, **values: object) -> None:
    conn.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                     [(k, str(v)) for k, v in values.items()])


def connect_ro(path: Path) -> sqlite3.Connection:
    """A read-only connection that takes no lock and writes nothing (file is immutable)."""
    return sqlite3.connect(_ro_uri(path), uri=True)


def _ro_uri(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"


T = TypeVar("T")


class PerProcess(Generic[T]):
    """What this process last loaded from each store file, reloaded when the file is
    replaced (an import replaces it whole): one ``stat`` at most every ``check_every``
    seconds, ``absent()`` while there is no file."""

    def __init__(self, load: Callable[[Path], T], absent: Callable[[], T]) -> None:
        self._load = load
        self._absent = absent
        # path -> (file identity, when checked, what was loaded)
        self._entries: dict[Path, tuple[tuple[int, int, int] | None, float, T]] = {}
        self._lock = threading.Lock()

    def get(self, path: Path, check_every: float = 5.0) -> T:
        now = time.monotonic()
        entry = self._entries.get(path)
        if entry is not None and now - entry[1] < check_every:
            return entry[2]
        with self._lock:
            try:
                st = os.stat(path)
                identity: tuple[int, int, int] | None = (st.st_ino, st.st_mtime_ns,
                                                          st.st_size)
            except FileNotFoundError:
                identity = None
            if entry is not None and entry[0] == identity:
                value = entry[2]
            else:
                value = self._load(path) if identity is not None else self._absent()
            self._entries[path] = (identity, now, value)
            return value
