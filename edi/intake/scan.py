"""The directory scan (the truth) and the stability check.

watchdog events are only hints: they are missed on overflow and network filesystems, and
arrive while a file is still being written. A periodic scan decides what is there, and a
file is taken only once stable.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from edi.config import Intake

log = logging.getLogger(__name__)
_warned: set[str] = set()  # per-process: symbolic links already reported


@dataclass(frozen=True, slots=True)
class Candidate:
    path: Path
    size: int
    mtime_ns: int


def scan(folder: Path, intake: Intake) -> list[Candidate]:
    """Regular files of ``folder`` that may be flows, oldest first (mtime, then name)."""
    found: list[Candidate] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return found
    names = {e.name for e in entries}
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name.endswith(intake.ignore_suffixes):
            continue
        if intake.done_files and f"{name}.done" not in names:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                if entry.is_symlink() and entry.path not in _warned:
                    # never followed (it could point anywhere), never silently ignored
                    _warned.add(entry.path)
                    log.warning("%s is a symbolic link: not taken; deposit the file itself",
                                entry.path)
                continue
            st = entry.stat(follow_symlinks=False)
        except FileNotFoundError:  # removed since listed
            continue
        found.append(Candidate(Path(entry.path), st.st_size, st.st_mtime_ns))
    found.sort(key=lambda c: (c.mtime_ns, c.path.name))
    return found


class StabilityTracker:
    """A file is stable when its size and mtime stayed unchanged for the quiet period.

    A file whose mtime is already older than the quiet period is stable at once, so a
    batch already in place is not delayed. Otherwise the file must be seen twice with the
    same size and mtime, the quiet period apart.
    """

    def __init__(self, quiet_period: float) -> None:
        self.quiet_ns = int(quiet_period * 1e9)
        self._seen: dict[Path, tuple[int, int, int]] = {}  # path -> size, mtime, first seen

    def stable(self, candidates: list[Candidate], now_ns: int | None = None) -> list[Candidate]:
        now = now_ns if now_ns is not None else time.time_ns()
        ready: list[Candidate] = []
        current: dict[Path, tuple[int, int, int]] = {}
        for c in candidates:
            before = self._seen.get(c.path)
            first_seen = before[2] if before and before[:2] == (c.size, c.mtime_ns) else now
            current[c.path] = (c.size, c.mtime_ns, first_seen)
            if now - c.mtime_ns >= self.quiet_ns or now - first_seen >= self.quiet_ns:
                ready.append(c)
        self._seen = current
        return ready

    def confirm(self, candidates: list[Candidate], now_ns: int | None = None
                ) -> list[Candidate]:
        """The candidates still exactly as the scan saw them, looked at again just before
        the claim: a file written to since (a writer that paused longer than the quiet
        period, a file replaced under the same name) is not taken half-written; it starts
        a new quiet period instead. Files gone meanwhile are dropped."""
        now = now_ns if now_ns is not None else time.time_ns()
        unchanged: list[Candidate] = []
        for c in candidates:
            try:
                st = os.stat(c.path, follow_symlinks=False)
            except FileNotFoundError:
                self._seen.pop(c.path, None)
                continue
            if (st.st_size, st.st_mtime_ns) == (c.size, c.mtime_ns):
                unchanged.append(c)
                continue
            log.info("%s changed since the scan (%d -> %d bytes): left until it is stable",
                     c.path, c.size, st.st_size)
            self._seen[c.path] = (st.st_size, st.st_mtime_ns, now)
        return unchanged

    def pending(self) -> int:
        """Files seen but not yet stable (for logs and metrics)."""
        return len(self._seen)

    def waiting(self) -> list[Path]:
        """The files seen but not yet stable, by name."""
        return sorted(self._seen)

    def next_check(self, now_ns: int | None = None) -> float | None:
        """Seconds until the earliest unstable file may become stable."""
        now = now_ns if now_ns is not None else time.time_ns()
        # stable once either the mtime or the first sighting is the quiet period old
        waits = [max(0, self.quiet_ns - (now - min(m, f))) for _, m, f in self._seen.values()]
        return min(waits) / 1e9 if waits else None

    def forget(self, path: Path) -> None:
        self._seen.pop(path, None)
