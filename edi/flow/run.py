"""The run sequence of ``edi watch`` and ``edi process``, and the stop that ends it.

    start-up: recover what a crash left unfinished, and carry it on
    a round:  our lifecycle messages waiting for a target, the retries that are due,
              what another process left (it died), then one pass over every source

``edi watch`` runs rounds until stopped, waking early on a source's hint and at the
latest every ``[intake] scan_interval``; ``edi process`` runs one round, then passes
while files wait to become stable. SIGINT/SIGTERM stop the loop: the flows in hand get
``[intake] stop_grace`` seconds to finish, then the workers are killed (a stuck flow
cannot hold the stop) and what did not finish stays unfinished in the ledger, given
back (its leases released), taken up by another process at once or at the next start.

Several processes (on several machines) may run this on one ledger: each flow is leased
to one of them (``edi.ledger.leases``), so a due retry is retried once, and the flows of
a process that dies are taken up by the others at their next round once its leases
expire (``[intake] lease``).
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Sequence
from types import FrameType

from edi.config import Settings
from edi.durable import StorageUnavailable
from edi.flow.conductor import InHand, Processor
from edi.intake.sources import Source
from edi.model import FlowStatus

log = logging.getLogger("edi.flow")

FOLLOW_UP = 0.6         # seconds of quick rounds after one that concluded flows (watch)
FOLLOW_UP_POLL = 0.1    # seconds between them (an empty round: about 5 ms of CPU)


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


def start_up(processor: Processor, stop: Stop) -> dict[str, FlowStatus]:
    """Recover what a crash left unfinished, and carry it on."""
    return carry_on(processor, stop)


def carry_on(processor: Processor, stop: Stop) -> dict[str, FlowStatus]:
    """The flows nobody works on any more (a crash here, a process or node gone: their
    leases expired), a batch at a time, then the suspects, each alone."""
    results: dict[str, FlowStatus] = {}
    while not stop.requested:
        leftovers = processor.recover()
        if stop.requested:
            break
        if leftovers:
            log.info("recovering %d unfinished flow(s)", len(leftovers))
            results.update(processor.process(leftovers))
        if not processor.more:
            break
    results.update(processor.process_suspects(lambda: stop.requested))
    return results


def run_round(processor: Processor, sources: Sequence[Source], stop: Stop,
              progress: Callable[[int], None] | None = None) -> dict[str, FlowStatus]:
    """The retries that are due, what others left unfinished, then one pass over every
    source."""
    results: dict[str, FlowStatus] = {}
    send_lifecycle(processor)
    while not stop.requested:
        due = processor.due_retries()
        if due:
            results.update(processor.process(due))
        if len(due) < processor.batch:
            break
    results.update(carry_on(processor, stop))
    results.update(run_pass(processor, sources, stop, progress))
    return results


def send_lifecycle(processor: Processor) -> None:
    """Our lifecycle messages a target did not take when ``edi lifecycle set`` made them
    (it was down), tried again (edi/lifecycle/send.py); the ledger out of reach a moment
    must not end the loop: the rows wait for the next round."""
    from sqlalchemy.exc import SQLAlchemyError

    from edi.lifecycle.send import send_pending

    try:
        send_pending(processor.settings, processor.ledger)
    except (StorageUnavailable, SQLAlchemyError) as exc:
        log.warning("lifecycle messages waiting for their targets: not tried this round: %s",
                    exc)


def run_pass(processor: Processor, sources: Sequence[Source], stop: Stop,
             progress: Callable[[int], None] | None = None) -> dict[str, FlowStatus]:
    """Each source once: claim what is ready, batch by batch, and process it, one batch
    ahead (the workers examine it while the parent concludes the one before)."""
    results: dict[str, FlowStatus] = {}
    for source in sources:
        if stop.requested:
            break
        in_hand: tuple[InHand, int] | None = None
        for flows, count in source.batches(processor.claim, lambda: stop.requested):
            ahead = processor.start(flows)
            if in_hand is not None:
                results.update(processor.finish(in_hand[0]))
                if progress:
                    progress(in_hand[1])
            in_hand = (ahead, count)
        if in_hand is not None:
            results.update(processor.finish(in_hand[0]))
            if progress:
                progress(in_hand[1])
        record_scan(processor, source.name)
    return results


def record_scan(processor: Processor, name: str) -> None:
    """When the last scan ran (for /health); a full ledger disk must not end the loop:
    the flows themselves wait for space in the processor."""
    try:
        processor.ledger.record_scan(name)
    except StorageUnavailable as exc:
        log.warning("could not record the %s scan: %s", name, exc)


def watch(processor: Processor, settings: Settings, sources: Sequence[Source], stop: Stop,
          on_idle: Callable[[], None] | None = None) -> None:
    """Run until stopped: start up, then rounds on hints and every scan_interval; beside
    them, the platforms we deliver to followed every ``follow_every`` seconds (a thread:
    edi/flowservice/follow.py).

    For ``FOLLOW_UP`` seconds after a round that concluded flows, rounds come every
    ``FOLLOW_UP_POLL`` seconds: the claim's own renames out of the inbox hold watchdog's
    hints back (its inotify buffer keeps each IN_MOVED_FROM 0.5 s to pair it with a
    move, and the events behind it wait), so a file deposited just after one waited up
    to half a second to be seen."""
    from edi.flowservice.follow import start_following

    following = None
    try:
        following = start_following(settings, processor.ledger)
        for source in sources:
            source.hint(stop.wake)
        start_up(processor, stop)
        follow_up_until = 0.0
        while not stop.requested:
            stop.wake.clear()
            if run_round(processor, sources, stop):
                follow_up_until = time.monotonic() + FOLLOW_UP
            if on_idle:
                on_idle()
            wait = settings.intake.scan_interval
            if time.monotonic() < follow_up_until:
                wait = min(wait, FOLLOW_UP_POLL)
            for source in sources:
                nxt = source.next_due()
                if nxt is not None:
                    wait = min(wait, max(0.05, nxt))
            # A hint wakes us early; give the writer a moment before rescanning.
            if stop.wake.wait(wait) and not stop.requested:
                time.sleep(min(0.05, settings.intake.quiet_period))
    finally:
        if following is not None:
            following.stop()
        for source in sources:
            source.close()
        from edi.routing.table import close_targets

        close_targets()
