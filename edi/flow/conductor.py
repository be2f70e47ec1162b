"""The conductor: carries claimed flows through the steps of ``edi.flow.steps.FLOW``.

    claim -> archive -> examine -> duplicates -> deliver -> render -> set aside
          -> return report -> record

``start`` archives a batch and hands it to the workers (examine runs there); ``finish``
concludes the flows as their verdicts come back, a group at a time: every step below is
one small unit of its own module, and the ledger is written once per step for the whole
group, never once per flow and step (that is what keeps a big batch fast).

Every flow in hand is leased to this process in the ledger (``edi.ledger.leases``):
recovery, due retries and reprocessing take only flows nobody else works on, and a flow
another process took over (this one was silent too long) is dropped from the group at
the first write that finds it so, without any further step (``Context.lose``).

A defect while concluding one flow makes that flow ``IN_INCIDENTE`` with the error; the
others of its group conclude. A folder of ours that is full or read-only is no defect:
the group waits for it (``edi.flow.storage``), then is concluded again (every step is
redoable).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from edi.config import Settings
from edi.durable import STORAGE_ERRNOS, StorageUnavailable
from edi.flow import duplicates, report
from edi.flow.archive import archive
from edi.flow.context import Concluding, Context, Group, under
from edi.flow.deliver import deliver, failed_delivery
from edi.flow.examine import name_documents, verdict_of
from edi.intake.api import connection_of
from edi.intake.claim import adopt_orphans, claim_files
from edi.intake.scan import Candidate
from edi.ledger import REQUEUED_DETAIL, LeaseLost, Ledger, Verdict
from edi.lifecycle.ingest import lifecycle_step
from edi.model import Document, Flow, FlowStatus, utcnow
from edi.routing.base import DeliveryError
from edi.testing import crash_point
from edi.workers import Examiner, Job, Submission

log = logging.getLogger("edi.flow")
T = TypeVar("T")

CONCLUDE_ATTEMPTS = 2       # a flow still in hand after this many starts is taken up alone
TAKEN_ALONE = "taken up alone: the processor stopped while it had this flow in hand"
ALONE_STOPS = 2             # stops with the flow alone in hand that make it the culprit


@dataclass(slots=True)
class InHand:
    """Flows handed to the workers, and what is already known of them."""

    started: dict[str, float]
    results: dict[str, FlowStatus] = field(default_factory=dict)
    flows: dict[str, Flow] = field(default_factory=dict)
    histories: dict[str, list[dict]] = field(default_factory=dict)
    submission: Submission | None = None


class Processor:
    """Claims flows and carries each one to a terminal status, crash-safely."""

    def __init__(self, settings: Settings, ledger: Ledger, examiner: Examiner,
                 on_flow: Callable[[Flow, FlowStatus], None] | None = None,
                 observe: Callable[[str, float], None] | None = None) -> None:
        self.settings = settings
        self.ledger = ledger
        self.examiner = examiner
        self.should_stop: Callable[[], bool] | None = None
        self.suspects: list[Flow] = []   # left out by recover(), taken up alone
        self.ctx = Context(settings, ledger, self._stop_requested)
        self.on_flow = on_flow      # each status a flow settles in (metrics, logs)
        self.observe = observe      # (stage, seconds) for the stage duration histogram
        ledger.lease_seconds = settings.intake.lease
        self.batch = max(1, settings.intake.batch)
        self.more = False           # recover() took a full batch: there may be more
        self._orphans_at = 0.0      # when the work area was last looked at for orphans

    # -- the steps, in order ------------------------------------------------------------

    def claim(self, candidates: Sequence[Candidate], interface: str = "inbox") -> list[Flow]:
        """claim: stable files into the work area, recorded ``IN_RECU``."""
        t0 = time.perf_counter()
        try:
            flows = claim_files([c.path for c in candidates], interface=interface,
                                ledger=self.ledger, settings=self.settings)
        except StorageUnavailable as exc:
            # The files are in the work area under this process's claims: once the ledger
            # can be written, they are recorded exactly as after a crash at that point.
            # Those not renamed yet (the claims could not be recorded) are claimed again.
            self.ctx.storage.down(exc)
            flows = self._until_stored(lambda: self._claim_again(candidates, interface))
        self.ctx.observed("claim", t0, len(flows))
        return flows

    def _claim_again(self, candidates: Sequence[Candidate], interface: str) -> list[Flow]:
        adopted = adopt_orphans(self.ledger, self.settings, interface, own=True)
        left = [c.path for c in candidates if c.path.exists()]
        return adopted + claim_files(left, interface=interface, ledger=self.ledger,
                                     settings=self.settings)

    def start(self, flows: Sequence[Flow]) -> InHand:
        """archive, byte-identical duplicates, then examine (handed to the workers);
        returns at once, so that the next batch is claimed while the workers examine."""
        return self._until_stored(lambda: self._start(flows))

    def _start(self, flows: Sequence[Flow], detail: str | None = None) -> InHand:
        hand = InHand(started={f.flow_id: time.perf_counter() for f in flows})
        archived = archive(self.ctx, flows, hand.results)
        fresh, doubles = duplicates.identical_files(self.ctx, archived)
        hand.results.update(self._conclude(doubles, hand.started))
        if fresh:
            lost = self.ledger.set_many([f.flow_id for f, _ in fresh],
                                        FlowStatus.IN_EN_COURS_TRAITEMENT_CPP, detail)
            if lost:
                self.ctx.lose(LeaseLost(lost, self.ledger.owner, "taking it in hand"))
                fresh = [(f, o) for f, o in fresh if f.flow_id not in lost]
            hand.flows = {f.flow_id: f for f, _ in fresh}
            for flow in hand.flows.values():
                flow.status = FlowStatus.IN_EN_COURS_TRAITEMENT_CPP
            hand.histories = self.ledger.histories(list(hand.flows))
            hand.submission = self.examiner.submit([
                Job(f.flow_id, f.file_name, original, connection_of(f.interface, f.source))
                for f, original in fresh])
        return hand

    def finish(self, hand: InHand) -> dict[str, FlowStatus]:
        """Conclude the flows in hand as their verdicts come back."""
        if hand.submission is None:
            return self._mine(hand)
        for outcomes in self.examiner.results(hand.submission):
            crash_point("examined")
            examined: list[tuple[Flow, list[Document]]] = []
            for outcome in outcomes:
                flow = hand.flows[outcome.key]
                if outcome.documents is None:
                    error = outcome.error or "worker died"
                    hand.results[flow.flow_id] = self._until_stored(
                        lambda f=flow, e=error: self.ctx.incident(f, e))  # type: ignore[misc]
                    continue
                examined.append((flow, outcome.documents))
            hand.results.update(self._conclude(examined, hand.started, hand.histories))
        return self._mine(hand)

    def _mine(self, hand: InHand) -> dict[str, FlowStatus]:
        """The results of the flows still this process's (not those it lost)."""
        lost = self.ctx.lost & (set(hand.started) | set(hand.results))
        self.ctx.lost -= lost
        return {fid: st for fid, st in hand.results.items() if fid not in lost}

    def _conclude(self, examined: Sequence[tuple[Flow, list[Document]]],
                  started: dict[str, float], histories: dict[str, list[dict]] | None = None
                  ) -> dict[str, FlowStatus]:
        if not examined:
            return {}
        return self._until_stored(lambda: self._conclude_group(examined, started, histories))

    def _conclude_group(self, examined: Sequence[tuple[Flow, list[Document]]],
                        started: dict[str, float],
                        histories: dict[str, list[dict]] | None) -> dict[str, FlowStatus]:
        """duplicates, deliver, render, set aside, return report, record: for a group of
        examined flows (again after a storage problem: every step is redoable)."""
        ctx = self.ctx
        mine = self.ledger.owned([f.flow_id for f, _ in examined])
        if len(mine) < len(examined):  # taken over while examined: deliver nothing of it
            ctx.lose(LeaseLost({f.flow_id for f, _ in examined} - mine, self.ledger.owner,
                               "concluding it"))
            examined = [(f, d) for f, d in examined if f.flow_id in mine]
            if not examined:
                return {}
        for _, documents in examined:
            name_documents(documents)
        group = Group([Concluding(f, docs) for f, docs in examined])
        duplicates.known_invoices(ctx, group)
        done = self.ledger.delivered_many([c.flow.flow_id for c in group.live()])
        for item in group.live():
            item.done = done.get(item.flow.flow_id, set())
        self._observe_layers(group)
        t_route = time.perf_counter()
        group.each(ctx, "delivering", lambda c: deliver(ctx, c, group.batch))
        live = group.live()
        ctx.observed("route", t_route, len(live))
        for item in live:
            status, reason = verdict_of(item.documents)
            item.verdict = Verdict(item.flow, status, item.documents, reason,
                                   time.perf_counter() - started[item.flow.flow_id],
                                   item.outputs, item.sent)
        group.each(ctx, "filing its lifecycle statuses",
                   lambda c: lifecycle_step(ctx, c, group.batch))
        t_report = time.perf_counter()
        if histories is None:
            histories = self.ledger.histories([c.flow.flow_id for c in live])
        now = utcnow()
        group.each(ctx, "writing the compte rendu",
                   lambda c: report.render(c, histories.get(c.flow.flow_id, []), now))
        group.each(ctx, "setting aside its rejected invoices",
                   lambda c: report.set_aside(ctx, c, group.batch))
        group.each(ctx, "returning its compte rendu", lambda c: report.return_report(ctx, c))
        group.each(ctx, "writing the compte rendu",
                   lambda c: report.write(ctx, c, group.batch))
        return self._record(group, t_report)

    def _record(self, group: Group, t_report: float) -> dict[str, FlowStatus]:
        """record: the group's files durable first, then every verdict in one transaction;
        then the waits and the incidents."""
        ctx = self.ctx
        failed = ctx.commit(group.batch)
        crash_point("reported")
        for fid, refused in failed.items():
            flow = next(c.flow for c in group.items if c.flow.flow_id == fid)
            if refused.errno in STORAGE_ERRNOS and not under(refused, ctx.folders.values()):
                group.wait(flow, DeliveryError(
                    f"cannot write {refused.filename}: {refused.strerror}", transient=True),
                    [])
            else:
                group.fault(flow, "committing its files", refused)
        kept = [c.verdict for c in group.live() if c.verdict is not None]
        ctx.observed("report", t_report, len(kept))
        lost: set[str] = set()
        for v, error in self.ledger.finish_many(kept):
            if isinstance(error, LeaseLost):  # its new owner records it: nothing to undo
                ctx.lose(error)
                lost.add(v.flow.flow_id)
                continue
            group.fault(v.flow, "recording its verdict", error)
            self._record_sent(v.flow, v.deliveries)
            report.withdraw(ctx, v.flow.flow_id)
        crash_point("finished")
        results: dict[str, FlowStatus] = {}
        for v in kept:
            if v.flow.flow_id in group.faults or v.flow.flow_id in lost:
                continue
            results[v.flow.flow_id] = v.status
            log.info("flow %s %s: %s%s (%d/%d invoice(s) accepted)", v.flow.flow_id,
                     v.flow.file_name, v.status, f" {v.reason}" if v.reason else "",
                     sum(1 for d in v.documents if not d.fatal), len(v.documents))
            ctx.settled(v.flow, v.status)
        for flow, why, sent in group.waits:
            try:
                results[flow.flow_id] = failed_delivery(ctx, flow, why, sent)
            except LeaseLost as gone:
                ctx.lose(gone)
        for fid, (flow, step, fault) in group.faults.items():
            log.error("flow %s: internal error while %s", fid, step, exc_info=fault)
            results[fid] = ctx.incident(
                flow, f"internal error while {step}: {type(fault).__name__}: {fault}")
        return results

    # -- around the steps ---------------------------------------------------------------

    def process(self, flows: Sequence[Flow]) -> dict[str, FlowStatus]:
        """Carry ``flows`` to a terminal status (or a scheduled retry)."""
        return self.finish(self.start(flows))

    def recover(self) -> list[Flow]:
        """Flows a crash left unfinished, oldest first, ready to be processed again.

        A flow already taken in hand ``CONCLUDE_ATTEMPTS`` times without concluding is a
        *suspect*: the processor stopped each time it had the flow in hand, but so did it
        for every flow of the same batches (a SIGKILL, an OOM kill, a power cut take
        innocent flows down too). So a suspect is not retried first, nor with others: it
        is left out of the list returned here and kept in ``suspects``, which
        ``process_suspects`` takes up one flow at a time, after the others. A suspect that
        was alone in hand at ``ALONE_STOPS`` stops in a row did stop the processor by
        itself (one such stop can still be an outside kill landing then): it becomes
        ``IN_INCIDENTE``, so that one poison flow cannot stop every start.

        Only flows nobody works on are taken (no lease, or one whose owner stopped
        renewing it: ``Ledger.take_abandoned``), at most ``[intake] batch`` at a time
        (``more`` says whether there may be others); the claims of files that stopped
        on their way into the work area are recorded first (``adopt_orphans``). Run at
        start and at every round: a process that dies leaves its flows to the others.
        """
        legacy = time.monotonic() - self._orphans_at >= self.ledger.lease_seconds
        if legacy:
            self._orphans_at = time.monotonic()
            self._until_stored(self.ledger.reap)
        adopted = self._until_stored(
            lambda: adopt_orphans(self.ledger, self.settings, legacy=legacy))
        taken = self._until_stored(lambda: self.ledger.take_abandoned(self.batch))
        self.more = len(taken) >= self.batch
        flows = sorted(adopted + taken, key=lambda f: f.flow_id)
        in_hand = [f.flow_id for f in flows if f.status is FlowStatus.IN_EN_COURS_TRAITEMENT_CPP]
        tries = self.ledger.conclude_attempts(in_hand) if in_hand else {}
        alone = self._last_taken_alone([fid for fid in in_hand
                                        if tries.get(fid, 0) >= CONCLUDE_ATTEMPTS])
        kept: list[Flow] = []
        for flow in flows:
            n = tries.get(flow.flow_id, 0)
            if n >= CONCLUDE_ATTEMPTS and flow.flow_id in alone:
                self._until_stored(lambda f=flow, n=n: self.ctx.incident(  # type: ignore[misc]
                    f, f"the processor stopped {n} times while concluding this flow, the "
                       f"last {ALONE_STOPS} times with this flow alone in hand; it is not "
                       "taken up again by itself (`edi reprocess` runs it again)"))
                continue
            (self.suspects if n >= CONCLUDE_ATTEMPTS else kept).append(flow)
        return kept

    def process_suspects(self, stop: Callable[[], bool] | None = None
                         ) -> dict[str, FlowStatus]:
        """The suspects ``recover`` left out, each alone (see ``recover``)."""
        results: dict[str, FlowStatus] = {}
        while self.suspects and not (stop and stop()):
            flow = self.suspects.pop(0)
            log.warning("flow %s: the processor stopped %d times with it in hand; taking it "
                        "up alone", flow.flow_id, CONCLUDE_ATTEMPTS)
            results.update(self.finish(self._until_stored(
                lambda f=flow: self._start([f], detail=TAKEN_ALONE))))  # type: ignore[misc]
        return results

    def _last_taken_alone(self, flow_ids: Sequence[str]) -> set[str]:
        if not flow_ids:
            return set()
        guilty = set()
        for fid, history in self.ledger.histories(flow_ids).items():
            alone = 0
            for event in reversed(history):
                if event.get("detail") != TAKEN_ALONE:
                    break
                alone += 1
            if alone >= ALONE_STOPS:
                guilty.add(fid)
        return guilty

    def due_retries(self) -> list[Flow]:
        """The flows whose next attempt is due that nobody else works on, taken (at most
        ``[intake] batch``): each due flow is retried by one process, not by all."""
        return self._until_stored(lambda: self.ledger.take_due(utcnow(), self.batch))

    def requeue(self, flow_id: str) -> Flow:
        """Put a rejected, incident or waiting flow back in the queue (edi reprocess /
        resend): it runs now, and a delivery waits ``max_wait`` afresh."""
        flow = self.ledger.get(flow_id)
        if flow is None:
            raise KeyError(flow_id)
        waiting = (flow.status is FlowStatus.IN_EN_ATTENTE_TRAITEMENT_CPP
                   and (self.ledger.row(flow_id) or {}).get("next_attempt_at") is not None)
        if flow.status not in (FlowStatus.IN_REJETE, FlowStatus.IN_INCIDENTE,
                               FlowStatus.IN_EN_ATTENTE_RETRAITEMENT_CPP) and not waiting:
            raise ValueError(f"flow {flow_id} is {flow.status}: only IN_REJETE, "
                             "IN_INCIDENTE, IN_EN_ATTENTE_RETRAITEMENT_CPP or a flow waiting "
                             "for its target can be run again")
        if not self.ledger.take_flow(flow_id):
            owner, until = self.ledger.lease_of(flow_id)
            raise ValueError(f"flow {flow_id} is being worked on by {owner} (its lease "
                             f"runs until {until:%Y-%m-%d %H:%M:%S} UTC, by the ledger's "
                             "clock); run it again once that process is done with it")
        try:
            self.ledger.set_status(flow_id, FlowStatus.IN_EN_ATTENTE_RETRAITEMENT_CPP,
                                   REQUEUED_DETAIL, next_attempt_at=None, finished_at=None,
                                   attempts=0)
        except LeaseLost as exc:
            raise ValueError(str(exc)) from exc
        flow.status = FlowStatus.IN_EN_ATTENTE_RETRAITEMENT_CPP
        flow.attempts = 0
        return flow

    def archived_original(self, flow: Flow) -> Path:
        return self.ctx.archived_original(flow)

    @property
    def on_flow(self) -> Callable[[Flow, FlowStatus], None] | None:
        return self.ctx.on_flow

    @on_flow.setter
    def on_flow(self, hook: Callable[[Flow, FlowStatus], None] | None) -> None:
        self.ctx.on_flow = hook

    @property
    def observe(self) -> Callable[[str, float], None] | None:
        return self.ctx.observe

    @observe.setter
    def observe(self, hook: Callable[[str, float], None] | None) -> None:
        self.ctx.observe = hook

    def _until_stored(self, step: Callable[[], T]) -> T:
        return self.ctx.storage.until_stored(step)

    def _stop_requested(self) -> bool:
        if self.should_stop is not None:
            return self.should_stop()
        return self.examiner.stopping()

    def _observe_layers(self, group: Group) -> None:
        if self.ctx.observe:
            for item in group.live():
                for doc in item.documents:
                    for run in doc.layers:
                        if run.ran:
                            self.ctx.observe(f"validate:{run.layer}", run.seconds)

    def _record_sent(self, flow: Flow, sent: Sequence[tuple[int, str, str]]) -> None:
        """What did reach its targets, for a flow whose verdict could not be recorded:
        ``edi resend`` must not send it twice."""
        for seq, target, name in sent:
            try:
                self.ledger.record_delivery(flow.flow_id, seq, target, name)
            except StorageUnavailable:
                raise
            except Exception:  # the incident stands; resend finds the file at its target
                log.exception("flow %s: cannot record the delivery of %s to %s",
                              flow.flow_id, name, target)
