"""Write a new ledger revision: ``python -m edi.ledger.migrations revision -m MESSAGE
[--autogenerate]`` (autogenerate compares a fresh SQLite ledger at head with schema.py).
Also ``heads`` and ``history``. Review what Alembic writes: a revision is code."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from edi.ledger import Ledger, migrations
from edi.ledger import schema as s


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m edi.ledger.migrations")
    sub = parser.add_subparsers(dest="command", required=True)
    rev = sub.add_parser("revision", help="write a new revision under versions/")
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--autogenerate", action="store_true")
    sub.add_parser("heads")
    sub.add_parser("history")
    args = parser.parse_args(argv)
    if args.command != "revision":
        getattr(command, args.command)(migrations.config())
        return
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'head.sqlite'}"
        Ledger(url).close()  # a ledger at head, to compare schema.py with
        engine = create_engine(url, poolclass=NullPool)
        with engine.begin() as c:
            cfg = migrations.config(c)
            cfg.attributes["target_metadata"] = s.metadata
            command.revision(cfg, message=args.message, autogenerate=args.autogenerate,
                             rev_id=f"{int(migrations.head()) + 1:04d}")
        engine.dispose()


if __name__ == "__main__":
    main()
