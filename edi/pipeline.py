"""A flow's way through edi-flux: claim -> detect -> parse -> validate -> route -> report.

``examine`` (detect, parse, validate) is pure and runs in validation workers. ``Processor``
runs in the parent: it claims, archives, routes, reports and records, in an order that
makes every step redoable after a crash: each file and its directory are on disk before
the ledger commits a status that depends on them, and delivery names are deterministic.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import random
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from edi import parsers
from edi.config import Settings
from edi.durable import (
    STORAGE_ERRNOS,
    DurableBatch,
    StorageUnavailable,
    clear_problems,
    fsync_dir,
    report_problem,
    sha256_file,
    storage_error,
)
from edi.intake.claim import adopt_orphans, claim_files, safe_name, work_name
from edi.intake.scan import Candidate
from edi.ledger import REQUEUED_DETAIL, Ledger, Verdict
from edi.model import (
    Container,
    Document,
    Finding,
    Flow,
    FlowError,
    FlowStatus,
    Reason,
    Severity,
    utcnow,
)
from edi.parsers.detect import check_size
from edi.reports import compte_rendu
from edi.routing.base import DeliveryError
from edi.testing import crash_point, fail_point
from edi.validators import validate
from edi.validators.chorus import business_key
from edi.workers import Examiner, Job, Submission

log = logging.getLogger(__name__)
T = TypeVar("T")


# -- detect, parse, validate (inside a worker) ---------------------------------------------

def examine_file(name: str, path: Path, settings: Settings, layers: list[Any],
                 interface: str | None = None) -> list[Document]:
    """``examine`` a deposited file; one over the size cap is refused without reading it
    (its set-aside copy is then taken from the archive)."""
    try:
        check_size(path.stat().st_size, settings.limits)
    except FlowError as exc:
        return [Document(seq=1, name=name, content=b"", reason=exc.reason,
                         findings=[exc.finding("intake")], interface=interface)]
    return examine(name, path.read_bytes(), settings, layers, interface)


def examine(name: str, data: bytes, settings: Settings, layers: list[Any],
            interface: str | None = None) -> list[Document]:
    """Detect and parse a flow's bytes into documents, then validate each one."""
    try:
        documents = parsers.unpack(name, data, settings.limits)
    except FlowError as exc:
        return [Document(seq=1, name=name, content=data, reason=exc.reason,
                         findings=[exc.finding("intake")], interface=interface)]
    _name_documents(documents)
    for doc in documents:
        doc.interface = interface
        if doc.reason is not None:
            continue
        try:
            tree = parsers.read(doc, settings.limits)
        except FlowError as exc:
            doc.reason = exc.reason
            doc.findings.append(exc.finding("xml"))
            continue
        validate(doc, tree, layers, settings)
    return documents


@dataclass(slots=True)
class Draft:
    """A compte rendu rendered in a worker, assuming every accepted invoice is delivered.

    Rendering the XML with xmlschema is the costliest step of a flow; workers do it in
    parallel. The parent builds the report again from what really happened (a cheap dict)
    and uses the drafted bytes only when both dicts are equal, so the XML is always encoded
    from exactly the data of the JSON.
    """

    report: dict
    finished_at: datetime
    json: bytes
    xml: bytes


def verdict_of(documents: Sequence[Document]) -> tuple[FlowStatus, str | None]:
    """A flow's status from its invoices' verdicts, and the first rejection's reason."""
    rejected = [d for d in documents if d.fatal]
    if len(rejected) == len(documents):
        status = FlowStatus.IN_REJETE
    elif rejected:
        status = FlowStatus.IN_INTEGRE_PARTIEL
    else:
        status = FlowStatus.IN_INTEGRE
    reason = str(rejected[0].reason) if rejected and rejected[0].reason else None
    return status, reason


def draft_report(flow: Flow, documents: list[Document], history: list[dict]) -> Draft:
    """The compte rendu this flow will have if all goes as planned (runs in a worker)."""
    accepted = [d for d in documents if not d.fatal]
    for doc in accepted:
        doc.delivered = True
    flow.format = _flow_format(documents)
    status, reason = verdict_of(documents)
    finished = utcnow()
    report = _report(flow, documents, status, reason, finished, history,
                     output_names(flow, accepted))
    return Draft(report, finished, compte_rendu.to_json(report), compte_rendu.to_xml(report))


def _report(flow: Flow, documents: Sequence[Document], status: FlowStatus,
            reason: str | None, finished: datetime, history: list[dict],
            outputs: dict[int, str]) -> dict:
    return compte_rendu.build(
        flow, documents, status, reason=reason, finished_at=finished,
        history=[*history, {"status": str(status), "at": finished, "detail": "verdict"}],
        outputs=outputs)


# -- the parent's side -----------------------------------------------------------------------

STORAGE_RETRY_FIRST = 0.5   # seconds before the first new try on a full or read-only folder
STORAGE_RETRY_MAX = 10.0    # then doubling up to this
CONCLUDE_ATTEMPTS = 2       # a flow still in hand after this many starts is an incident


@dataclass(slots=True)
class InHand:
    """Flows handed to the workers, and what is already known of them."""

    started: dict[str, float]
    results: dict[str, FlowStatus] = field(default_factory=dict)
    flows: dict[str, Flow] = field(default_factory=dict)
    histories: dict[str, list[dict]] = field(default_factory=dict)
    submission: Submission | None = None


@dataclass(slots=True)
class _Outcomes:
    """What concluding a group decided, recorded once the group's files are on disk."""

    results: dict[str, FlowStatus] = field(default_factory=dict)
    faults: dict[str, tuple[Flow, str, BaseException]] = field(default_factory=dict)
    waits: list[tuple[Flow, DeliveryError, list[tuple[int, str, str]]]] = field(
        default_factory=list)

    def fault(self, flow: Flow, step: str, exc: BaseException) -> None:
        self.faults.setdefault(flow.flow_id, (flow, step, exc))


class Processor:
    """Claims flows and carries each one to a terminal status, crash-safely.

    A defect while concluding one flow (delivering, rendering, setting aside, recording)
    makes that flow ``IN_INCIDENTE`` with the error; the others of its group conclude. A
    folder of ours that is full or read-only (``StorageUnavailable``) is no defect: the
    step is tried again, with a growing pause, until it works; meanwhile
    ``storage_problem`` says which folder (``/health`` shows it) and the flows in hand
    stay where they are. A stop requested meanwhile (``should_stop``, else the examiner's
    stop event) ends the wait by raising ``StorageUnavailable``: nothing is half recorded
    and the next start takes the flows up again.
    """

    def __init__(self, settings: Settings, ledger: Ledger, examiner: Examiner,
                 on_flow: Callable[[Flow, FlowStatus], None] | None = None,
                 observe: Callable[[str, float], None] | None = None) -> None:
        self.settings = settings
        self.ledger = ledger
        self.examiner = examiner
        self.on_flow = on_flow      # each status a flow settles in (metrics, logs)
        self.observe = observe      # (stage, seconds) for the stage duration histogram
        p = settings.paths
        self.work = settings.path(p.work)
        self.archive = settings.path(p.archive)
        self.outbox = settings.path(p.outbox)
        self.rejected = settings.path(p.rejected)
        self.reports = settings.path(p.reports)
        # Our own folders: a write refused there is storage, not the flow's fault. (The
        # outbox is a delivery target: there, a full disk is a delivery that waits.)
        self.folders = {"archive": self.archive.absolute(), "reports": self.reports.absolute(),
                        "rejected": self.rejected.absolute(), "work": self.work.absolute()}
        self.storage_problem: StorageUnavailable | None = None
        self.should_stop: Callable[[], bool] | None = None

    # claim

    def claim(self, candidates: Sequence[Candidate], interface: str = "inbox") -> list[Flow]:
        t0 = time.perf_counter()
        try:
            flows = claim_files([c.path for c in candidates], interface=interface,
                                ledger=self.ledger, settings=self.settings)
        except StorageUnavailable as exc:
            # The files are in the work area, unrecorded: once the ledger can be written,
            # they are recorded exactly as after a crash at that point.
            self._storage_down(exc)
            flows = self._until_stored(
                lambda: adopt_orphans(self.ledger, self.settings, interface))
        self._observe("claim", t0, len(flows))
        return flows

    def _observe(self, stage: str, t0: float, count: int = 1) -> None:
        if self.observe and count:
            per = (time.perf_counter() - t0) / count
            for _ in range(count):
                self.observe(stage, per)

    def recover(self) -> list[Flow]:
        """Flows a crash left unfinished, oldest first, ready to be processed again.

        A flow already taken in hand ``CONCLUDE_ATTEMPTS`` times without concluding (the
        processor died on it each time) is not taken a third time: it becomes
        ``IN_INCIDENTE``, so that one poison flow cannot stop every start.
        """
        self._until_stored(lambda: adopt_orphans(self.ledger, self.settings))
        flows = [f for f in self.ledger.unfinished()
                 if f.status is not FlowStatus.IN_EN_ATTENTE_RETRAITEMENT]
        in_hand = [f.flow_id for f in flows if f.status is FlowStatus.IN_EN_COURS_TRAITEMENT]
        tries = self.ledger.conclude_attempts(in_hand) if in_hand else {}
        kept = []
        for flow in flows:
            n = tries.get(flow.flow_id, 0)
            if n >= CONCLUDE_ATTEMPTS:
                self._until_stored(lambda f=flow, n=n: self._incident(
                    f, f"the processor stopped {n} times while concluding this flow; it "
                       "is not taken up again by itself (`edi reprocess` runs it again)"))
                continue
            kept.append(flow)
        return kept

    # detect, parse, validate, route, report

    def process(self, flows: Sequence[Flow]) -> dict[str, FlowStatus]:
        """Carry ``flows`` to a terminal status (or a scheduled retry).

        The ledger is written once per step for a whole group of flows, never once per
        flow and step: that is what keeps a big batch fast.
        """
        return self.finish(self.start(flows))

    def start(self, flows: Sequence[Flow]) -> InHand:
        """Archive ``flows`` and hand them to the workers; returns at once, so that the
        next batch can be claimed while the workers examine this one."""
        return self._until_stored(lambda: self._start(flows))

    def _start(self, flows: Sequence[Flow]) -> InHand:
        hand = InHand(started={f.flow_id: time.perf_counter() for f in flows})
        archived = self._archive(flows, hand.results)
        twins = self.ledger.integrated_twins([f for f, _ in archived])
        jobs: list[Job] = []
        doubles: list[tuple[Flow, list[Document]]] = []
        for flow, original in archived:
            twin = twins.get(flow.flow_id)
            if twin is None:
                jobs.append(Job(flow.flow_id, flow.file_name, original, flow.interface))
                hand.flows[flow.flow_id] = flow
                continue
            doubles.append((flow, [Document(
                seq=1, name=flow.file_name, content=original.read_bytes(),
                reason=Reason.DOUBLON, findings=[Finding(
                    "EDI-DOUBLON-FICHIER", Severity.FATAL, "intake", "/",
                    f"byte-identical to flow {twin}, already integrated; "
                    "a file is integrated once")])]))
        hand.results.update(self._conclude(doubles, hand.started))
        if jobs:
            self.ledger.set_many(list(hand.flows), FlowStatus.IN_EN_COURS_TRAITEMENT)
            for flow in hand.flows.values():
                flow.status = FlowStatus.IN_EN_COURS_TRAITEMENT
            hand.histories = self.ledger.histories(list(hand.flows))
            hand.submission = self.examiner.submit([
                dataclasses.replace(j, flow=hand.flows[j.key],
                                    history=hand.histories.get(j.key, [])) for j in jobs])
        return hand

    def finish(self, hand: InHand) -> dict[str, FlowStatus]:
        """Route, report and record the flows in hand as their verdicts come back."""
        if hand.submission is None:
            return hand.results
        for outcomes in self.examiner.results(hand.submission):
            crash_point("examined")
            examined: list[tuple[Flow, list[Document]]] = []
            drafts: dict[str, Draft] = {}
            lost: list[tuple[Flow, str]] = []
            for outcome in outcomes:
                flow = hand.flows[outcome.key]
                if outcome.documents is None:
                    lost.append((flow, outcome.error or "worker died"))
                    continue
                examined.append((flow, outcome.documents))
                if outcome.draft is not None:
                    drafts[flow.flow_id] = outcome.draft
            for flow, error in lost:
                hand.results[flow.flow_id] = self._until_stored(
                    lambda f=flow, e=error: self._incident(f, e))
            hand.results.update(self._conclude(examined, hand.started, hand.histories,
                                               drafts))
        return hand.results

    def archived_original(self, flow: Flow) -> Path:
        day = flow.received_at
        return (self.archive / f"{day:%Y}" / f"{day:%m}" / f"{day:%d}" / flow.flow_id
                / flow.file_name)

    def _archive(self, flows: Sequence[Flow], results: dict[str, FlowStatus]
                 ) -> list[tuple[Flow, Path]]:
        """Copy each original under archive/YYYY/MM/DD/<flow id>/, then free the work area.

        A copy, never a hard link: whoever holds another link to the deposited file could
        rewrite the archive. The flow's sha256 and size are those of the archived bytes.
        A work file that changed since its claim (a writer that paused with it open) is
        not judged: it is looked at again after the quiet period.
        """
        archived: list[tuple[Flow, Path]] = []
        newly: list[tuple[Flow, str, str, int]] = []
        batch = DurableBatch()
        for flow in flows:
            dest = self.archived_original(flow)
            if dest.exists():
                if flow.status is FlowStatus.IN_RECU:  # archived, then a crash: record it
                    digest, size = sha256_file(dest)
                    newly.append((flow, str(dest), digest, size))
                archived.append((flow, dest))
                continue
            work_file = self.work / work_name(flow.flow_id, flow.file_name)
            if not work_file.exists():
                results[flow.flow_id] = self._incident(
                    flow, f"original missing: neither {dest} nor {work_file}")
                continue
            batch.owner = flow.flow_id
            try:
                before = work_file.stat()
                digest, size = batch.copy(work_file, dest)
                after = work_file.stat()
            except OSError as exc:
                if (storage := storage_error(exc, self.folders)) is not None:
                    batch.abort()
                    raise storage from exc
                batch.discard(flow.flow_id)
                results[flow.flow_id] = self._incident(
                    flow, f"cannot archive the original {work_file}: {exc}")
                continue
            if _stat_key(before) != _stat_key(after) or (digest, size) != (flow.sha256,
                                                                          flow.size):
                batch.discard(flow.flow_id)
                self._still_written(flow, digest, size)
                continue
            newly.append((flow, str(dest), digest, size))
            archived.append((flow, dest))
        failed = self._commit(batch)
        if failed:
            keep = []
            for flow, dest in archived:
                exc = failed.get(flow.flow_id)
                if exc is None:
                    keep.append((flow, dest))
                    continue
                newly = [n for n in newly if n[0] is not flow]
                results[flow.flow_id] = self._incident(
                    flow, f"cannot archive the original as {dest}: {exc}")
            archived = keep
        if len(newly):
            crash_point("archived")
        self.ledger.archived([(f.flow_id, path, digest, size)
                              for f, path, digest, size in newly])
        for flow, _, digest, size in newly:
            flow.sha256, flow.size = digest, size
            flow.status = FlowStatus.IN_EN_ATTENTE_TRAITEMENT
        removed = False
        for flow, _ in archived:
            work_file = self.work / work_name(flow.flow_id, flow.file_name)
            if work_file.exists():
                work_file.unlink()
                removed = True
        if removed:
            fsync_dir(self.work)
        return archived

    def _still_written(self, flow: Flow, digest: str, size: int) -> None:
        """The file changed after its claim: wait for the writer, then look again."""
        wait = max(1.0, self.settings.intake.quiet_period)
        detail = (f"the file changed after it was taken ({flow.size} -> {size} bytes): "
                  f"still being written, examined again in {wait:.0f} s")
        log.warning("flow %s %s: %s", flow.flow_id, flow.file_name, detail)
        self.ledger.still_written(flow.flow_id, digest, size,
                                  utcnow() + timedelta(seconds=wait), detail)

    def _commit(self, batch: DurableBatch) -> dict[str, OSError]:
        """Commit ``batch``; a full or read-only folder of ours raises
        ``StorageUnavailable`` (the group is redone), any other failure costs its flow."""
        try:
            failed = batch.commit()
        except OSError as exc:
            raise storage_error(exc, self.folders) or StorageUnavailable(
                "outbox" if _under(exc, self.outbox) else "storage",
                exc.filename, exc.errno or 0, exc.strerror or str(exc)) from exc
        for exc in failed.values():
            if (storage := storage_error(exc, self.folders)) is not None:
                raise storage from exc
        return failed

    def _conclude(self, examined: Sequence[tuple[Flow, list[Document]]],
                  started: dict[str, float], histories: dict[str, list[dict]] | None = None,
                  drafts: dict[str, Draft] | None = None) -> dict[str, FlowStatus]:
        """Route, report and record a group of examined flows (again after a storage
        problem: every step is redoable)."""
        if not examined:
            return {}
        return self._until_stored(
            lambda: self._conclude_group(examined, started, histories, drafts))

    def _conclude_group(self, examined: Sequence[tuple[Flow, list[Document]]],
                        started: dict[str, float],
                        histories: dict[str, list[dict]] | None,
                        drafts: dict[str, Draft] | None) -> dict[str, FlowStatus]:
        out = _Outcomes()
        for _, documents in examined:
            _name_documents(documents)
        examined = self._reject_duplicates_or_fault(examined, out)
        done = self.ledger.delivered_many([f.flow_id for f, _ in examined])
        batch = DurableBatch()  # every local file of the group, durable before the verdicts
        verdicts: list[Verdict] = []
        for flow, documents in examined:
            batch.owner = flow.flow_id
            self._observe_layers(documents)
            t_route = time.perf_counter()
            sent: list[tuple[int, str, str]] = []
            try:
                accepted = [d for d in documents if not d.fatal]
                flow.format = _flow_format(documents)
                outputs = output_names(flow, accepted)
                for doc in accepted:
                    self._deliver(flow, doc, outputs[doc.seq], done.get(flow.flow_id, set()),
                                  sent, batch)
            except DeliveryError as exc:  # what did go out is committed with the group
                out.waits.append((flow, exc, sent))
                continue
            except Exception as exc:
                self._fault(out, batch, flow, "delivering", exc)
                continue
            self._observe("route", t_route)
            status, reason = verdict_of(documents)
            verdicts.append(Verdict(flow, status, documents, reason,
                                    time.perf_counter() - started[flow.flow_id], outputs,
                                    sent))
        t_report = time.perf_counter()
        if histories is None:
            histories = self.ledger.histories([v.flow.flow_id for v in verdicts])
        kept = self._report_all(verdicts, histories, drafts or {}, done, batch, out)
        failed = self._commit(batch)
        crash_point("reported")
        for fid, exc in failed.items():
            flow = next(f for f, _ in examined if f.flow_id == fid)
            if exc.errno in STORAGE_ERRNOS and not _under(exc, self.folders.values()):
                out.waits.append((flow, DeliveryError(
                    f"cannot write {exc.filename}: {exc.strerror}", transient=True), []))
            else:
                out.fault(flow, "committing its files", exc)
        kept = [v for v in kept if v.flow.flow_id not in out.faults
                and all(w[0].flow_id != v.flow.flow_id for w in out.waits)]
        self._observe("report", t_report, len(kept))
        for v, exc in self.ledger.finish_many(kept):
            out.fault(v.flow, "recording its verdict", exc)
            self._record_sent(v.flow, v.deliveries)
            self._withdraw_reports(v.flow)
        crash_point("finished")
        for v in kept:
            if v.flow.flow_id in out.faults:
                continue
            out.results[v.flow.flow_id] = v.status
            log.info("flow %s %s: %s%s (%d/%d invoice(s) accepted)", v.flow.flow_id,
                     v.flow.file_name, v.status, f" {v.reason}" if v.reason else "",
                     sum(1 for d in v.documents if not d.fatal), len(v.documents))
            if self.on_flow:
                self.on_flow(v.flow, v.status)
        for flow, exc, sent in out.waits:
            out.results[flow.flow_id] = self._failed_delivery(flow, exc, sent)
        for fid, (flow, step, exc) in out.faults.items():
            log.error("flow %s: internal error while %s", fid, step, exc_info=exc)
            out.results[fid] = self._incident(
                flow, f"internal error while {step}: {type(exc).__name__}: {exc}")
        return out.results

    def _report_all(self, verdicts: Sequence[Verdict], histories: dict[str, list[dict]],
                    drafts: dict[str, Draft], done: dict[str, set[tuple[int, str]]],
                    batch: DurableBatch, out: _Outcomes) -> list[Verdict]:
        """Render, set aside and write each flow's compte rendu into ``batch``; a flow
        whose report fails is left out (``out`` says why), the others go on."""
        now = utcnow()
        kept: list[Verdict] = []
        for v in verdicts:
            fid = v.flow.flow_id
            batch.owner = fid
            step = "writing the compte rendu"
            try:
                draft = drafts.get(fid)
                report = _report(v.flow, v.documents, v.status, v.reason,
                                 draft.finished_at if draft else now, histories.get(fid, []),
                                 v.outputs)
                if draft is not None and draft.report == report:
                    json_cr, xml_cr = draft.json, draft.xml
                else:  # what happened differs from the draft (a DOUBLON, a redo): render
                    fail_point("render", v.flow.file_name)
                    json_cr, xml_cr = (compte_rendu.to_json(report),
                                       compte_rendu.to_xml(report))
                rejected = [d for d in v.documents if d.fatal]
                if rejected:
                    step = "setting aside its rejected invoices"
                    self._set_aside(v.flow, rejected, json_cr, batch)
                step = "returning its compte rendu"
                self._return_report(v.flow, xml_cr, done.get(fid, set()), v.deliveries)
                step = "writing the compte rendu"
                compte_rendu.write_rendered([(fid, json_cr, xml_cr)], self.reports, batch)
            except DeliveryError as exc:
                out.waits.append((v.flow, exc, v.deliveries))
                continue
            except Exception as exc:
                self._fault(out, batch, v.flow, step, exc)
                continue
            kept.append(v)
        return kept

    def _fault(self, out: _Outcomes, batch: DurableBatch, flow: Flow, step: str,
               exc: Exception) -> None:
        """One flow failed at ``step``: its files leave the group; a full or read-only
        folder of ours is no fault of the flow, and the whole group waits for it."""
        if (storage := storage_error(exc, self.folders)) is not None:
            batch.abort()
            raise storage from exc
        batch.discard(flow.flow_id)
        out.fault(flow, step, exc)

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

    def _withdraw_reports(self, flow: Flow) -> None:
        """The comptes rendus of a flow whose verdict could not be recorded: no report may
        say a status the ledger does not."""
        fid = flow.flow_id
        paths = [self.reports / f"{fid}.cr.json", self.reports / f"{fid}.cr.xml",
                 self.rejected / fid / f"{fid}.cr.json"]
        for folder in {p.parent for p in paths if p.exists()}:
            for p in paths:
                if p.parent == folder:
                    p.unlink(missing_ok=True)
            fsync_dir(folder)

    def _observe_layers(self, documents: Sequence[Document]) -> None:
        if self.observe:
            for doc in documents:
                for run in doc.layers:
                    if run.ran:
                        self.observe(f"validate:{run.layer}", run.seconds)

    def _reject_duplicates_or_fault(self, examined: Sequence[tuple[Flow, list[Document]]],
                                    out: _Outcomes) -> list[tuple[Flow, list[Document]]]:
        """``_reject_duplicates`` for the group in one transaction; if the group fails,
        flow by flow, so that only a flow the ledger refuses becomes a fault."""
        try:
            self._reject_duplicates(examined)
            return list(examined)
        except StorageUnavailable:
            raise
        except Exception as exc:
            if len(examined) == 1:
                out.fault(examined[0][0], "checking duplicates", exc)
                return []
        kept = []
        for flow, documents in examined:
            try:
                self._reject_duplicates([(flow, documents)])
            except StorageUnavailable:
                raise
            except Exception as exc:
                out.fault(flow, "checking duplicates", exc)
                continue
            kept.append((flow, documents))
        return kept

    def _reject_duplicates(self, examined: Sequence[tuple[Flow, list[Document]]]) -> None:
        """Same supplier, number and year already accepted: DOUBLON, even if bytes differ."""
        keys: dict[str, dict[int, str]] = {}
        for flow, documents in examined:
            per_flow = {d.seq: k for d in documents
                        if not d.fatal and d.invoice and (k := business_key(d.invoice))}
            if per_flow:
                keys[flow.flow_id] = per_flow
        taken = self.ledger.reserve_keys_many(keys)
        crash_point("reserved")
        for flow, documents in examined:
            for doc in documents:
                owner = taken.get(flow.flow_id, {}).get(doc.seq)
                if owner is None or doc.invoice is None:
                    continue
                doc.reason = Reason.DOUBLON
                inv = doc.invoice
                doc.findings.append(Finding(
                    "CPRO-DOUBLON", Severity.FATAL, "ledger", "/",
                    f"invoice {inv.number} of supplier {_seller(inv)} issued in "
                    f"{(inv.issue_date or '')[:4]} is already accepted (flow {owner}); "
                    "an invoice number is used once per supplier and year"))

    def _deliver(self, flow: Flow, doc: Document, file_name: str,
                 done: set[tuple[int, str]], sent: list[tuple[int, str, str]],
                 batch: DurableBatch) -> None:
        from edi.routing import table

        fail_point("deliver", flow.file_name)
        for target in table.targets_for(doc, flow, self.settings):
            # Deterministic names: a file already there is ours from an interrupted run.
            if (doc.seq, target.name) not in done and not target.exists(file_name):
                target.deliver(file_name, doc.content, batch=batch)
                crash_point("delivered")
            sent.append((doc.seq, target.name, file_name))
        doc.delivered = True

    def _return_report(self, flow: Flow, xml_cr: bytes, done: set[tuple[int, str]],
                       sent: list[tuple[int, str, str]]) -> None:
        """The compte rendu back to the depositor (its SFTP folder), when a route says so."""
        from edi.routing import table

        name = f"{flow.flow_id}.cr.xml"
        for target in table.report_targets_for(flow, self.settings):
            if (0, target.name) not in done and not target.exists(name):
                target.deliver(name, xml_cr)
            if (0, target.name, name) not in sent:
                sent.append((0, target.name, name))

    def _set_aside(self, flow: Flow, rejected: list[Document], json_cr: bytes,
                   batch: DurableBatch) -> None:
        """Copies of rejected invoices, with their compte rendu, for the depositor."""
        fail_point("set-aside", flow.file_name)
        folder = self.rejected / flow.flow_id
        names = aside_names(flow.flow_id, rejected)
        for doc in rejected:
            if not doc.content and len(rejected) == 1 and doc.name == flow.file_name:
                # refused unread (over the size cap): the copy comes from the archive
                batch.copy(self.archived_original(flow), folder / names[doc.seq])
            else:
                batch.write(folder / names[doc.seq], doc.content)
        batch.write(folder / f"{flow.flow_id}.cr.json", json_cr)
        crash_point("rejected")

    def _failed_delivery(self, flow: Flow, exc: DeliveryError,
                         sent: Sequence[tuple[int, str, str]] = ()) -> FlowStatus:
        """Record what did reach its target, then wait for the target (the flow is
        ``IN_EN_ATTENTE_TRAITEMENT`` with its next attempt) until ``[delivery] max_wait``
        has passed since the first failure; only then ``IN_INCIDENTE``."""
        for seq, target, name in sent:
            self.ledger.record_delivery(flow.flow_id, seq, target, name)
        d = self.settings.delivery
        attempts = flow.attempts + 1
        now = utcnow()
        since = self.ledger.waiting_since(flow.flow_id) or now
        waited = (now - since).total_seconds()
        age = (now - flow.received_at).total_seconds()
        capped = d.attempts > 0 and attempts >= d.attempts
        if exc.transient and not capped and waited < d.max_wait and age < d.max_age:
            delay = min(d.backoff_max, d.backoff_initial * 2 ** min(attempts - 1, 30))
            delay *= 1 + random.uniform(-d.jitter, d.jitter)
            delay = max(0.0, min(delay, d.max_wait - waited))
            self.ledger.schedule_retry(flow.flow_id, attempts,
                                       now + timedelta(seconds=delay),
                                       f"attempt {attempts} failed: {exc}; next attempt in "
                                       f"{delay:.0f} s (waiting since {since:%H:%M:%S}, "
                                       f"at most {d.max_wait:.0f} s)")
            log.warning("flow %s: delivery failed (%s), attempt %d in %.0f s", flow.flow_id,
                        exc, attempts + 1, delay)
            if self.on_flow:
                self.on_flow(flow, FlowStatus.IN_EN_ATTENTE_TRAITEMENT)
            return FlowStatus.IN_EN_ATTENTE_TRAITEMENT
        why = "not a failure that heals by waiting" if not exc.transient else (
            f"{attempts} attempt(s)" if capped else f"waited {waited:.0f} s")
        return self._incident(flow, f"delivery failed ({why}): {exc}", attempts=attempts)

    def _incident(self, flow: Flow, detail: str, **fields: Any) -> FlowStatus:
        detail = _text(detail)
        log.error("flow %s: IN_INCIDENTE: %s", flow.flow_id, detail)
        self.ledger.set_status(flow.flow_id, FlowStatus.IN_INCIDENTE, detail,
                               finished_at=utcnow(), next_attempt_at=None, **fields)
        if self.on_flow:
            self.on_flow(flow, FlowStatus.IN_INCIDENTE)
        return FlowStatus.IN_INCIDENTE

    # storage that is full or read-only

    def _until_stored(self, step: Callable[[], T]) -> T:
        """Run ``step``; while a folder of ours refuses writes, wait and run it again."""
        pause = STORAGE_RETRY_FIRST
        while True:
            try:
                result = step()
            except StorageUnavailable as exc:
                self._storage_down(exc)
                if self._stop_requested() or not self._pause(pause):
                    raise
                pause = min(STORAGE_RETRY_MAX, pause * 2)
                continue
            if self.storage_problem is not None:
                self._storage_up()
            return result

    def _storage_down(self, exc: StorageUnavailable) -> None:
        if report_problem(exc, utcnow()):
            log.error("storage: %s cannot be written (%s: %s); the flows in hand wait "
                      "where they are and resume by themselves once it can", exc.folder,
                      exc.path, exc.strerror)
        self.storage_problem = exc

    def _storage_up(self) -> None:
        for problem in clear_problems():
            log.warning("storage: %s can be written again (it could not since %s); "
                        "resuming", problem.folder, f"{problem.since:%Y-%m-%d %H:%M:%S}")
        self.storage_problem = None

    def _stop_requested(self) -> bool:
        if self.should_stop is not None:
            return self.should_stop()
        stopping = getattr(self.examiner, "_stopping", None)  # the watch loop's stop
        return bool(stopping()) if callable(stopping) else False

    def _pause(self, seconds: float) -> bool:
        """Sleep, looking at a stop request; False when one came."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if self._stop_requested():
                return False
            time.sleep(min(0.2, left))
        return not self._stop_requested()

    # retries and reprocessing

    def due_retries(self) -> list[Flow]:
        return self.ledger.due_retries(utcnow())

    def requeue(self, flow_id: str) -> Flow:
        """Put a rejected, incident or waiting flow back in the queue (edi reprocess /
        resend): it runs now, and a delivery waits ``max_wait`` afresh."""
        flow = self.ledger.get(flow_id)
        if flow is None:
            raise KeyError(flow_id)
        waiting = (flow.status is FlowStatus.IN_EN_ATTENTE_TRAITEMENT
                   and self.ledger.row(flow_id).get("next_attempt_at") is not None)
        if flow.status not in (FlowStatus.IN_REJETE, FlowStatus.IN_INCIDENTE,
                               FlowStatus.IN_EN_ATTENTE_RETRAITEMENT) and not waiting:
            raise ValueError(f"flow {flow_id} is {flow.status}: only IN_REJETE, "
                             "IN_INCIDENTE, IN_EN_ATTENTE_RETRAITEMENT or a flow waiting "
                             "for its target can be run again")
        self.ledger.set_status(flow_id, FlowStatus.IN_EN_ATTENTE_RETRAITEMENT,
                               REQUEUED_DETAIL, next_attempt_at=None, finished_at=None,
                               attempts=0)
        flow.status = FlowStatus.IN_EN_ATTENTE_RETRAITEMENT
        flow.attempts = 0
        return flow


def _seller(inv: Any) -> str | None:
    return inv.seller_siret or inv.seller_siren or inv.seller_vat or inv.seller_name


def output_names(flow: Flow, documents: Sequence[Document]) -> dict[int, str]:
    """Deterministic delivery names (flow id + invoice number): a redo never duplicates."""
    names: dict[int, str] = {}
    used: set[str] = set()
    for doc in documents:
        ext = ".pdf" if doc.container is Container.PDF else ".xml"
        number = doc.invoice.number if doc.invoice and doc.invoice.number else None
        stem = f"{flow.flow_id}_{_safe(number)}" if number else f"{flow.flow_id}_{doc.seq:03d}"
        if stem.casefold() in used:
            stem = f"{stem}_{doc.seq:03d}"
        n = 1
        while stem.casefold() in used:  # a number that looks like another's suffix
            n += 1
            stem = f"{stem}_{n}"
        used.add(stem.casefold())
        names[doc.seq] = stem + ext
    return names


def aside_names(flow_id: str, documents: Sequence[Document]) -> dict[int, str]:
    """{seq: file name} of rejected invoices set aside under rejected/<flow id>/.

    The escaped text of each member's name (any bytes, any encoding), made a plain file
    name; names that would collide (in any case: folders may be case-insensitive) get a
    ``_002``-style suffix in member order, so a redo after a crash writes the same names.
    """
    used = {f"{flow_id}.cr.json".casefold()}
    names: dict[int, str] = {}
    for doc in sorted(documents, key=lambda d: d.seq):
        base = _file_name(doc.name)
        stem, dot, ext = base.rpartition(".")
        if not stem:
            stem, dot, ext = base, "", ""
        candidate, n = base, 1
        while candidate.casefold() in used:
            n += 1
            candidate = f"{stem}_{n:03d}{dot}{ext}"
        used.add(candidate.casefold())
        names[doc.seq] = candidate
    return names


def _file_name(name: str) -> str:
    """A member name (maybe a path inside its archive) as one visible file name."""
    text = safe_name(name).replace("/", "-")
    return text.lstrip(". ") or "x"


def _name_documents(documents: Iterable[Document]) -> None:
    """Names as escaped text before anything records or writes them."""
    for doc in documents:
        doc.name = safe_name(doc.name)


def _text(value: str) -> str:
    """Text any database, log or report accepts (lone surrogates escaped)."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _stat_key(st: Any) -> tuple[int, int, int]:
    return st.st_size, st.st_mtime_ns, st.st_ino


def _under(exc: OSError | Path, folders: Path | Iterable[Path]) -> bool:
    where = exc.filename if isinstance(exc, OSError) else exc
    if where is None:
        return False
    path = Path(os.fsdecode(where)).absolute()
    for folder in [folders] if isinstance(folders, Path) else folders:
        folder = folder.absolute()
        if path == folder or folder in path.parents:
            return True
    return False


def _safe(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-")
    return cleaned[:120] or "x"


def _flow_format(documents: Sequence[Document]) -> str | None:
    if len(documents) > 1:
        return "ARCHIVE"
    return documents[0].format if documents else None


__all__ = ["examine", "examine_file", "draft_report", "verdict_of", "Processor",
           "output_names", "aside_names", "StorageUnavailable"]
