"""Fixtures shared by the whole suite.

``shared`` is ../shared (the official corpora). A user's fresh clone has none: tests that
need it skip there with the reason, but fail under CI=true, where it must be present.

The ledger's backend: SQLite files by default; ``EDI_TEST_LEDGER=postgresql`` runs the
tests that build their ledger URL here (``ledger_url``: tests/ledger, tests/e2e,
tests/web) on the PostgreSQL server of ``EDI_TEST_POSTGRES_URL`` (a role that may create
databases, e.g. ``postgresql+psycopg://edi@127.0.0.1:5432/postgres``; ``.ci/run`` starts
one). Each test gets a database of its own, created empty and dropped after the test (a
module's shared fixture: after the session). ``make test`` runs that second pass when
``EDI_TEST_POSTGRES_URL`` is set. Tests of SQLite itself (its file, its faults) are marked
``sqlite_only`` and skip on PostgreSQL.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

BACKEND = os.environ.get("EDI_TEST_LEDGER", "sqlite")
POSTGRES_URL = os.environ.get("EDI_TEST_POSTGRES_URL", "")


def require_shared(*parts: str) -> Path:
    """The path under ../shared, or skip (fail under CI=true) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: the official corpora live in ../shared beside the clone"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: it must be there)")
        pytest.skip(reason)
    return path


@pytest.fixture
def shared() -> Path:
    return require_shared()


# -- the ledger's backend -----------------------------------------------------------------

def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: tests SQLite itself (its file, its "
                            "faults); skipped when EDI_TEST_LEDGER=postgresql")
    if BACKEND not in ("sqlite", "postgresql"):
        raise pytest.UsageError(f"EDI_TEST_LEDGER={BACKEND!r}: expected sqlite or postgresql")
    if BACKEND == "postgresql" and not POSTGRES_URL:
        raise pytest.UsageError("EDI_TEST_LEDGER=postgresql needs EDI_TEST_POSTGRES_URL, the "
                                "URL of a role that may create databases (.ci/run starts one)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if BACKEND != "postgresql":
        return
    skip = pytest.mark.skip(reason="tests SQLite itself (EDI_TEST_LEDGER=postgresql)")
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


_serial = itertools.count(1)
_created: list[str] = []      # databases this process made and has not dropped yet


def _admin() -> Engine:
    return create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def postgres_database() -> str:
    """A new, empty database on the test server: its SQLAlchemy URL."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"edi_test_{worker}_{os.getpid()}_{next(_serial)}"
    engine = _admin()
    try:
        with engine.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
    finally:
        engine.dispose()
    _created.append(name)
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


# Our own sessions left on a test database (a process a test killed, a pool not yet
# closed) are terminated; the server's own (an autovacuum worker, owned by its superuser,
# which ``DROP DATABASE ... WITH (FORCE)`` may not terminate: "must be a member of the
# role whose process is being terminated") leave by themselves when DROP DATABASE asks.
_OURS = text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name "
             "AND pid <> pg_backend_pid() AND usename = current_user")


def _drop(names: list[str]) -> None:
    if not names:
        return
    engine = _admin()
    try:
        with engine.connect() as c:
            for name in names:
                for attempt in range(10):
                    c.execute(_OURS, {"name": name})
                    try:
                        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                        break
                    except DBAPIError:  # still in use: a session that was just starting
                        if attempt == 9:
                            raise
                        time.sleep(0.5)
    finally:
        engine.dispose()
    for name in names:
        _created.remove(name)


def new_ledger_url(folder: Path, name: str = "edi.sqlite") -> str:
    """A ledger URL of the backend under test: a SQLite file in ``folder``, or a new
    PostgreSQL database."""
    if BACKEND == "postgresql":
        return postgres_database()
    return f"sqlite:///{folder / name}"


@pytest.fixture(autouse=True)
def _drop_test_databases() -> Iterator[None]:
    """Drop the databases a test made once it is over (WITH FORCE: a process the test
    left running, or a connection it did not close, does not keep them). Those of
    module-scoped fixtures, made before any test of the module, wait for the session's
    end."""
    before = set(_created)
    yield
    if BACKEND == "postgresql":
        _drop([n for n in _created if n not in before])


def pytest_sessionfinish(session: pytest.Session) -> None:
    if BACKEND == "postgresql":
        _drop(list(_created))


@pytest.fixture
def ledger_url(tmp_path: Path) -> str:
    """The URL of a new, empty ledger on the backend under test."""
    return new_ledger_url(tmp_path)
