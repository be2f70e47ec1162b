"""Intake sources: where flows come from, behind one protocol, found by name.

A *pulled* source (``inbox``, ``sftp``) is looked at by the run loop: ``batches`` claims
what is ready, batch by batch (each flow durably recorded ``IN_RECU`` before it is
yielded), ``next_due`` says when it wants to be looked at again, ``hint`` lets it wake the
loop early (the inbox's watchdog), ``close`` frees what it holds. A *pushed* source (an
API request) claims in the request itself: the flow must be durable in the ledger before
the request is answered, and recovery (``Processor.recover``) carries it on; such a
source yields nothing from ``batches``.

A new source is one module with a class and its ``open(settings, ledger)`` (None when the
settings configure none), plus one line in ``SOURCES``. A configured source whose module
cannot be imported stops start-up with its name.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from edi.config import ConfigError, Settings
from edi.model import Flow

if TYPE_CHECKING:
    from edi.intake.scan import Candidate
    from edi.ledger import Ledger

Claim = Callable[["Sequence[Candidate]", str], list[Flow]]   # Processor.claim
Batch = tuple[list[Flow], int]    # claimed flows, and how many files they came from


class Source(Protocol):
    name: str       # as /health names its last scan: "inbox", "sftp"

    def batches(self, claim: Claim, stop_requested: Callable[[], bool]) -> Iterator[Batch]:
        """Claim what is ready, batch by batch; stop early once a stop is requested."""
        ...

    def next_due(self) -> float | None:
        """Seconds until this source wants to be looked at again (None: no wish)."""
        ...

    def hint(self, wake: threading.Event) -> None:
        """Set ``wake`` when something may have arrived (optional: may do nothing)."""
        ...

    def close(self) -> None: ...


# name -> "module:factory"; the factory is called as factory(settings, ledger).
SOURCES: dict[str, str] = {
    "inbox": "edi.intake.inbox:open_inbox",
    "sftp": "edi.intake.sftp:open_sftp",
    "api": "edi.intake.api:open_api",     # the XP Z12-013 Flow Service (edi/flowservice)
}


def open_sources(settings: Settings, ledger: Ledger,
                 names: Sequence[str] | None = None) -> list[Source]:
    """The sources ``names`` (default: every registered one) that the settings
    configure, in registry order."""
    opened: list[Source] = []
    try:
        for name in names or list(SOURCES):
            entry = SOURCES.get(name)
            if entry is None:
                raise ConfigError(f"unknown intake source {name!r}; known: {list(SOURCES)}")
            module_name, attr = entry.split(":")
            try:
                factory = getattr(importlib.import_module(module_name), attr)
            except (ImportError, AttributeError) as exc:
                raise ConfigError(f"intake source {name!r}: {entry} cannot be loaded: "
                                  f"{exc}") from exc
            source = factory(settings, ledger)
            if source is not None:
                opened.append(source)
    except BaseException:
        for source in opened:
            source.close()
        raise
    return opened
