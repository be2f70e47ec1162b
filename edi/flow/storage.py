"""Waiting for our own folders: a full or read-only disk is no flow's fault.

A step that raises ``StorageUnavailable`` is run again, with a growing pause, until it
works; meanwhile ``problem`` says which folder (``/health`` shows it) and the flows in
hand stay where they are. A stop requested meanwhile ends the wait by raising the
``StorageUnavailable``: nothing is half recorded and the next start takes the flows up.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from edi.durable import StorageUnavailable, clear_problems, report_problem
from edi.model import utcnow

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRY_FIRST = 0.5   # seconds before the first new try on a full or read-only folder
RETRY_MAX = 10.0    # then doubling up to this


class StorageWait:
    def __init__(self, stop_requested: Callable[[], bool]) -> None:
        self.stop_requested = stop_requested
        self.problem: StorageUnavailable | None = None

    def until_stored(self, step: Callable[[], T]) -> T:
        """Run ``step``; while a folder of ours refuses writes, wait and run it again."""
        pause = RETRY_FIRST
        while True:
            try:
                result = step()
            except StorageUnavailable as exc:
                self.down(exc)
                if self.stop_requested() or not self._pause(pause):
                    raise
                pause = min(RETRY_MAX, pause * 2)
                continue
            if self.problem is not None:
                self.up()
            return result

    def down(self, exc: StorageUnavailable) -> None:
        if report_problem(exc, utcnow()):
            log.error("storage: %s cannot be written (%s: %s); the flows in hand wait "
                      "where they are and resume by themselves once it can", exc.folder,
                      exc.path, exc.strerror)
        self.problem = exc

    def up(self) -> None:
        for problem in clear_problems():
            log.warning("storage: %s can be written again (it could not since %s); "
                        "resuming", problem.folder, f"{problem.since:%Y-%m-%d %H:%M:%S}")
        self.problem = None

    def _pause(self, seconds: float) -> bool:
        """Sleep, looking at a stop request; False when one came."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if self.stop_requested():
                return False
            time.sleep(min(0.2, left))
        return not self.stop_requested()
