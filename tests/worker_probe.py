"""A validation layer for tests/test_workers.py: run inside a real validation worker, it
reports which of the modules a worker must never load are loaded there.

Kept apart from the test module so that the worker imports nothing of the tests but this.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

from edi.model import Finding, Reason, Severity

# What judging never needs: the ledger and its SQL toolkit, the web app, SSH, the
# processor that concludes flows. Loading any of them in every worker costs start-up time
# and memory for nothing.
FORBIDDEN = ("sqlalchemy", "alembic", "psycopg", "edi.ledger", "starlette", "uvicorn",
             "edi.web", "paramiko", "edi.routing.sftp", "edi.intake.sftp",
             "edi.flow.conductor", "edi.flow.run", "watchdog")


def forbidden_loaded() -> list[str]:
    """Which of ``FORBIDDEN`` this process has loaded (itself or any of its modules)."""
    return [f for f in FORBIDDEN
            if any(m == f or m.startswith(f + ".") for m in sys.modules)]


class ProbeLayer:
    """Says, as a warning finding, what this process has loaded of ``FORBIDDEN``."""

    name = "probe"
    reason = Reason.REJ_SEMAN

    def __init__(self, settings: Any) -> None:
        self.settings = settings

    def applies(self, doc: Any) -> bool:
        return True

    def check(self, doc: Any, tree: Any) -> list[Finding]:
        return [Finding("TEST-PROBE", Severity.WARNING, self.name, "/",
                        json.dumps(forbidden_loaded()))]


class CompiledProbe(ProbeLayer):
    """Says, as a warning finding, which stylesheets this worker's engine has compiled
    so far (put before the rule layers: before the flow's own compilations)."""

    name = "compiled"

    def check(self, doc: Any, tree: Any) -> list[Finding]:
        from edi.validators import schematron

        engine = schematron._process_engine
        compiled = sorted(engine.executables) if engine is not None else []
        return [Finding("TEST-COMPILED", Severity.WARNING, self.name, "/",
                        json.dumps(compiled))]


class FailingAhead(ProbeLayer):
    """A layer whose work ahead fails (a plugin's bug): the worker must go on."""

    name = "failing-ahead"

    def compile_ahead(self) -> Iterator[None]:
        yield
        raise RuntimeError("a plugin's compile_ahead failed")
