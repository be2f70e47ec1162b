"""The ledger's schema, versioned: Alembic revisions shipped in the package.

``Ledger`` calls ``upgrade`` when it opens a database: an empty one is created at the
newest revision (head), an older one is brought up to it, one at head is left alone after
a single read. Revisions live in ``versions/`` and each says why it exists; a new one is
written with::

    .venv/bin/python -m edi.ledger.migrations revision -m "what and why" [--autogenerate]

(``--autogenerate`` compares a ledger at head with ``edi/ledger/schema.py``, the schema
the code speaks: change schema.py first, then review what Alembic wrote). The test
``tests/ledger/test_migrations.py`` fails while the two disagree.

Concurrent first starts are safe: the whole upgrade is one transaction that holds a lock
for its duration: ``pg_advisory_xact_lock`` on PostgreSQL (transactional DDL, so a second
process waits, then finds the ledger at head), the write lock taken by ``BEGIN IMMEDIATE``
on SQLite. A ledger made before migrations existed (``metadata.create_all``, no
``alembic_version`` table) is adopted by the first revision, which creates only what that
ledger lacks, so its rows are kept.

Alembic is imported only to upgrade: a ledger already at ``HEAD`` is opened with one read
and without it (its import was a sixth of every command's start-up). ``HEAD`` names the
newest revision; ``tests/ledger/test_migrations.py`` fails while it is not Alembic's head.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
# pg_advisory_xact_lock key held while one process upgrades a PostgreSQL ledger
# ("edifluxm" in ASCII: a constant no other application of a shared server would pick).
LOCK_KEY = 0x656469666C75786D
VERSION_TABLE = "alembic_version"
HEAD = "0008"   # the newest revision under versions/: bump it with each new one


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration: the packaged scripts, run on ``connection``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = connection
    return cfg


@cache
def head() -> str:
    """The newest revision of the packaged scripts, as Alembic reads them."""
    from alembic.script import ScriptDirectory

    rev = ScriptDirectory.from_config(config()).get_current_head()
    if rev is None:
        raise RuntimeError(f"no ledger revision under {HERE / 'versions'}")
    return rev


@cache
def revisions() -> frozenset[str]:
    """Every revision of the packaged scripts."""
    from alembic.script import ScriptDirectory

    return frozenset(s.revision for s in ScriptDirectory.from_config(config()).walk_revisions())


class NewerLedger(RuntimeError):
    """The ledger's schema is newer than this code's (a downgrade of edi-flux)."""


def current(connection: Connection) -> str | None:
    """The revision a ledger is at; None for an empty database or one made before
    migrations existed (read directly: opening a ledger at head stays one query)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    revs = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(revs) > 1:  # branches: not something this package ever ships
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(connection).get_current_revision()
    return revs[0] if revs else None


def upgrade(engine: Engine) -> None:
    """Bring the ledger behind ``engine`` (the Ledger's own: on SQLite its writers begin
    with BEGIN IMMEDIATE) to ``head``."""
    with engine.execution_options(edi_read=True).connect() as c:
        if current(c) == HEAD:
            return
    from alembic import command

    with engine.begin() as c:  # SQLite: BEGIN IMMEDIATE, the write lock until commit
        if c.dialect.name == "postgresql":
            c.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        before = current(c)  # again, under the lock: another process may have done it
        if before == head():
            return
        if before is not None and before not in revisions():
            raise NewerLedger(f"ledger {engine.url} is at schema revision {before}, which "
                              f"this edi-flux does not know (its newest is {head()}): a "
                              "newer edi-flux upgraded it; run that version, or restore a "
                              "backup taken before the upgrade")
        log.info("ledger %s: upgrading the schema from %s to %s", engine.url, before or
                 "an empty or unversioned database", head())
        command.upgrade(config(c), "head")


__all__ = ["upgrade", "head", "revisions", "current", "config", "NewerLedger",
           "LOCK_KEY", "HEAD"]
