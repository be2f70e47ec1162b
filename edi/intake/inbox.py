"""The inbox source: a local folder, scanned (the truth) and watched (only hints).

watchdog events only wake the loop early; the scan decides, and a file is taken only once
stable (``StabilityTracker``). Several processes may share one inbox (a PostgreSQL
ledger): each then starts its pass at a batch of its own choosing (oldest first from
there, then round), so that they do not all race for the same files (the rename decides
who gets one; the others' claims of it are wasted work).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from edi.config import Settings
from edi.intake.scan import StabilityTracker, scan
from edi.intake.sources import Batch, Claim


class InboxSource:
    name = "inbox"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.folder: Path = settings.path(settings.paths.inbox)
        self.tracker = StabilityTracker(settings.intake.quiet_period)
        self._observer: Any = None
        self.shared = False   # other processes may claim from this inbox too

    def count(self) -> int:
        """Files there now, stable or not (for a progress bar)."""
        return len(scan(self.folder, self.settings.intake))

    def batches(self, claim: Claim, stop_requested: Callable[[], bool]) -> Iterator[Batch]:
        ready = self.tracker.stable(scan(self.folder, self.settings.intake))
        size = max(1, self.settings.intake.batch)
        starts = list(range(0, len(ready), size))
        if self.shared and len(starts) > 1:
            first = random.randrange(len(starts))
            starts = starts[first:] + starts[:first]
        for i in starts:
            if stop_requested():
                return
            chunk = ready[i:i + size]
            unchanged = self.tracker.confirm(chunk)  # as scanned, right before the claim
            flows = claim(unchanged, self.name)
            for c in unchanged:
                self.tracker.forget(c.path)
            yield flows, len(chunk)

    def next_due(self) -> float | None:
        return self.tracker.next_check()

    def hint(self, wake: threading.Event) -> None:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        self.folder.mkdir(parents=True, exist_ok=True)

        class Hint(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type in ("created", "modified", "moved", "closed"):
                    wake.set()

        self._observer = Observer()
        self._observer.schedule(Hint(), str(self.folder), recursive=False)
        self._observer.start()

    def close(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None


def open_inbox(settings: Settings, ledger: object) -> InboxSource:
    source = InboxSource(settings)
    engine = getattr(ledger, "engine", None)
    source.shared = engine is not None and engine.dialect.name != "sqlite"
    return source
