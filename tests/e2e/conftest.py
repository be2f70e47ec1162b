"""A workspace where the real `edi` command runs, as a user would run it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import BACKEND, new_ledger_url

CONFIG = """
[intake]
quiet_period = {quiet}
scan_interval = 0.5
batch = {batch}

[validation]
layers = [{layers}]
workers = 1
"""


@dataclass
class Workspace:
    root: Path
    env: dict[str, str] = field(default_factory=dict)
    ledger: str | None = None   # a PostgreSQL URL; None: the default var/edi.sqlite

    def configure(self, quiet: float = 0.0, layers: tuple[str, ...] = ("xml", "xsd"),
                  extra: str = "", batch: int = 64) -> None:
        text = CONFIG.format(quiet=quiet, layers=", ".join(f'"{x}"' for x in layers),
                             batch=batch)
        if self.ledger:
            text = f'[paths]\nledger = "{self.ledger}"\n' + text
        (self.root / "edi.toml").write_text(text + extra, encoding="utf-8")

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    def drop(self, name: str, content: bytes) -> Path:
        self.inbox.mkdir(parents=True, exist_ok=True)
        path = self.inbox / name
        path.write_bytes(content)
        old = 1_000_000_000  # long stable: mtime far in the past
        os.utime(path, (old, old))
        return path

    def edi(self, *args: str, crash_at: str | None = None, check: bool = True,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **self.env}
        env.pop("EDI_CRASH_AT", None)
        env.pop("EDI_CONFIG", None)
        if crash_at:
            env["EDI_CRASH_AT"] = crash_at
        proc = subprocess.run([sys.executable, "-m", "edi.cli", *args], cwd=self.root,
                              env=env, capture_output=True, text=True, timeout=timeout)
        if check and proc.returncode != 0:
            raise AssertionError(f"edi {' '.join(args)} exited {proc.returncode}:\n"
                                 f"{proc.stdout}\n{proc.stderr}")
        return proc

    def flows(self) -> list[dict]:
        return json.loads(self.edi("flows", "--json", "--limit", "100000").stdout)

    def db(self) -> sqlite3.Connection | _Postgres:
        """The ledger's database, for a test's own SQL (``?`` parameters)."""
        if self.ledger:
            return _Postgres(self.ledger)
        return sqlite3.connect(self.root / "var" / "edi.sqlite")

    def files(self, folder: str) -> list[Path]:
        base = self.root / folder
        return sorted(p for p in base.rglob("*") if p.is_file()) if base.exists() else []


class _Postgres:
    """The few calls tests make on ``ws.db()``, on a PostgreSQL ledger."""

    def __init__(self, url: str) -> None:
        import psycopg

        u = make_url(url)
        self._conn = psycopg.connect(host=u.host, port=u.port, user=u.username,
                                     password=u.password, dbname=u.database, autocommit=True)

    def execute(self, sql: str, params: tuple = ()) -> object:
        return self._conn.execute(sql.replace("?", "%s"), params)

    def close(self) -> None:
        self._conn.close()


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    w = Workspace(tmp_path, ledger=new_ledger_url(tmp_path) if BACKEND == "postgresql"
                  else None)
    w.configure()
    return w
