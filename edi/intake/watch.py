"""`edi watch` and `edi process`: the inbox loop.

watchdog events only wake the loop early; the scan decides. SIGINT/SIGTERM stop the loop:
the flows in hand get ``[intake] stop_grace`` seconds to finish, then the workers are
killed (a stuck flow cannot hold the stop) and what did not finish stays unfinished in the
ledger, recovered at the next start.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING

from edi.config import Settings
from edi.durable import StorageUnavailable
from edi.intake.scan import Candidate, StabilityTracker, scan
from edi.model import FlowStatus
from edi.pipeline import Processor

if TYPE_CHECKING:
    from edi.intake.sftp import SftpIntake

log = logging.getLogger(__name__)


class Stop:
    """Set by SIGINT/SIGTERM (or ``request``); the loop ends its pass, then returns.

    Hand ``event`` to ``Examiner.stop_on``: the workers then get a grace, not forever.
    """

    def __init__(self) -> None:
        self.event = threading.Event()
        self.wake = threading.Event()

    def request(self, why: str) -> None:
        log.info("%s: finishing the flows in hand, then stopping", why)
        self.event.set()
        self.wake.set()

    def install(self) -> None:
        def handler(signum: int, _frame: FrameType | None) -> None:
            self.request(f"signal {signal.Signals(signum).name}")

        signal.signal(signal.SIGINT, handler)
        signal.signal(signal.SIGTERM, handler)

    @property
    def requested(self) -> bool:
        return self.event.is_set()


def run_pass(processor: Processor, tracker: StabilityTracker, settings: Settings,
             stop: Stop | None = None,
             progress: Callable[[int], None] | None = None) -> dict[str, FlowStatus]:
    """One scan: claim every stable file, in batches, and process them."""
    inbox = settings.path(settings.paths.inbox)
    results: dict[str, FlowStatus] = {}
    ready: list[Candidate] = tracker.stable(scan(inbox, settings.intake))
    batch = max(1, settings.intake.batch)
    in_hand = None  # one batch ahead: the workers examine it while the parent concludes
    for i in range(0, len(ready), batch):
        if stop and stop.requested:
            break
        chunk = ready[i:i + batch]
        unchanged = tracker.confirm(chunk)  # as scanned, right before the claim
        flows = processor.claim(unchanged)
        for c in unchanged:
            tracker.forget(c.path)
        ahead = processor.start(flows)
        if in_hand is not None:
            results.update(processor.finish(in_hand[0]))
            if progress:
                progress(in_hand[1])
        in_hand = (ahead, len(chunk))
    if in_hand is not None:
        results.update(processor.finish(in_hand[0]))
        if progress:
            progress(in_hand[1])
    _record_scan(processor, "inbox")
    return results


def _record_scan(processor: Processor, interface: str) -> None:
    """When the last scan ran (for /health); a full ledger disk must not end the loop:
    the flows themselves wait for space in the processor."""
    try:
        processor.ledger.record_scan(interface)
    except StorageUnavailable as exc:
        log.warning("could not record the %s scan: %s", interface, exc)


def watch(processor: Processor, settings: Settings, stop: Stop,
          on_idle: Callable[[], None] | None = None) -> None:
    """Run until stopped: recover, then scan on events and every scan_interval seconds."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    inbox = settings.path(settings.paths.inbox)
    inbox.mkdir(parents=True, exist_ok=True)

    class Hint(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("created", "modified", "moved", "closed"):
                stop.wake.set()

    observer = Observer()
    observer.schedule(Hint(), str(inbox), recursive=False)
    observer.start()
    tracker = StabilityTracker(settings.intake.quiet_period)
    remote = _sftp_intake(settings, processor)
    try:
        leftovers = processor.recover()
        if leftovers and not stop.requested:
            log.info("recovering %d unfinished flow(s)", len(leftovers))
            processor.process(leftovers)
        while not stop.requested:
            stop.wake.clear()
            run_pass(processor, tracker, settings, stop)
            if remote is not None and not stop.requested:
                processor.process(remote.poll())
                _record_scan(processor, "sftp")
            due = processor.due_retries()
            if due and not stop.requested:
                processor.process(due)
            if on_idle:
                on_idle()
            wait = settings.intake.scan_interval
            for nxt in (tracker.next_check(), remote.next_due() if remote else None):
                if nxt is not None:
                    wait = min(wait, max(0.05, nxt))
            # An event wakes us early; give the writer a moment before rescanning.
            if stop.wake.wait(wait) and not stop.requested:
                time.sleep(min(0.05, settings.intake.quiet_period))
    finally:
        observer.stop()
        observer.join(timeout=5)
        if remote is not None:
            remote.close()
        from edi.routing.table import close_targets

        close_targets()


def _sftp_intake(settings: Settings, processor: Processor) -> SftpIntake | None:
    """The partners' SFTP folders, polled on their own schedules, when any is configured."""
    from edi.intake.sftp import SftpIntake
    from edi.intake.sftp_settings import SftpIntakeSettings

    if not settings.section(SftpIntakeSettings).partner:
        return None
    return SftpIntake(settings, processor.ledger)
