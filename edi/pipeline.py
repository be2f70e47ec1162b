"""A flow's way through edi-flux: claim -> detect -> parse -> validate -> route -> report.

``examine`` (detect, parse, validate) is pure and runs in validation workers. ``Processor``
runs in the parent: it claims, archives, routes, reports and records, in an order that
makes every step redoable after a crash: each file and its directory are on disk before
the ledger commits a status that depends on them, and delivery names are deterministic.
"""

from __future__ import annotations

import dataclasses
import logging
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from edi import parsers
from edi.config import Settings
from edi.durable import DurableBatch, fsync_dir
from edi.intake.claim import adopt_orphans, claim_files, work_name
from edi.intake.scan import Candidate
from edi.ledger import Ledger, Verdict
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
from edi.testing import crash_point
from edi.validators import validate
from edi.validators.chorus import business_key
from edi.workers import Examiner, Job, Submission

log = logging.getLogger(__name__)


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
        self.on_flow = on_flow      # each status a flow settles in (metrics, logs)
        self.observe = observe      # (stage, seconds) for the stage duration histogram
        p = settings.paths
        self.work = settings.path(p.work)
        self.archive = settings.path(p.archive)
        self.outbox = settings.path(p.outbox)
        self.rejected = settings.path(p.rejected)
        self.reports = settings.path(p.reports)

    # claim

    def claim(self, candidates: Sequence[Candidate], interface: str = "inbox") -> list[Flow]:
        t0 = time.perf_counter()
        flows = claim_files([c.path for c in candidates], interface=interface,
                            ledger=self.ledger, settings=self.settings)
        self._observe("claim", t0, len(flows))
        return flows

    def _observe(self, stage: str, t0: float, count: int = 1) -> None:
        if self.observe and count:
            per = (time.perf_counter() - t0) / count
            for _ in range(count):
                self.observe(stage, per)

    def recover(self) -> list[Flow]:
        """Flows a crash left unfinished, oldest first, ready to be processed again."""
        adopt_orphans(self.ledger, self.settings)
        return [f for f in self.ledger.unfinished()
                if f.status is not FlowStatus.IN_EN_ATTENTE_RETRAITEMENT]

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
            for outcome in outcomes:
                flow = hand.flows[outcome.key]
                if outcome.documents is None:
                    hand.results[flow.flow_id] = self._incident(
                        flow, outcome.error or "worker died")
                    continue
                examined.append((flow, outcome.documents))
                if outcome.draft is not None:
                    drafts[flow.flow_id] = outcome.draft
            hand.results.update(self._conclude(examined, hand.started, hand.histories,
                                               drafts))
        return hand.results

    def archived_original(self, flow: Flow) -> Path:
        day = flow.received_at
        return (self.archive / f"{day:%Y}" / f"{day:%m}" / f"{day:%d}" / flow.flow_id
                / flow.file_name)

    def _archive(self, flows: Sequence[Flow], results: dict[str, FlowStatus]
                 ) -> list[tuple[Flow, Path]]:
        """Put each original under archive/YYYY/MM/DD/<flow id>/, then free the work area."""
        archived: list[tuple[Flow, Path]] = []
        newly: list[tuple[str, str]] = []
        batch = DurableBatch()
        for flow in flows:
            dest = self.archived_original(flow)
            if not dest.exists():
                work_file = self.work / work_name(flow.flow_id, flow.file_name)
                if not work_file.exists():
                    results[flow.flow_id] = self._incident(
                        flow, f"original missing: neither {dest} nor {work_file}")
                    continue
                batch.link(work_file, dest)
            if flow.status is FlowStatus.IN_RECU:
                newly.append((flow.flow_id, str(dest)))
            archived.append((flow, dest))
        if len(batch):
            batch.commit()
            crash_point("archived")
        self.ledger.archived(newly)
        removed = False
        for flow, _ in archived:
            work_file = self.work / work_name(flow.flow_id, flow.file_name)
            if work_file.exists():
                work_file.unlink()
                removed = True
        if removed:
            fsync_dir(self.work)
        return archived

    def _conclude(self, examined: Sequence[tuple[Flow, list[Document]]],
                  started: dict[str, float], histories: dict[str, list[dict]] | None = None,
                  drafts: dict[str, Draft] | None = None) -> dict[str, FlowStatus]:
        """Route, report and record a group of examined flows."""
        results: dict[str, FlowStatus] = {}
        if not examined:
            return results
        self._reject_duplicates(examined)
        done = self.ledger.delivered_many([f.flow_id for f, _ in examined])
        batch = DurableBatch()  # every local file of the group, durable before the verdicts
        verdicts: list[Verdict] = []
        for flow, documents in examined:
            self._observe_layers(documents)
            t_route = time.perf_counter()
            accepted = [d for d in documents if not d.fatal]
            flow.format = _flow_format(documents)
            outputs = output_names(flow, accepted)
            sent: list[tuple[int, str, str]] = []
            try:
                for doc in accepted:
                    self._deliver(flow, doc, outputs[doc.seq], done.get(flow.flow_id, set()),
                                  sent, batch)
            except DeliveryError as exc:
                batch.commit()  # what did go out is on disk before the ledger says so
                results[flow.flow_id] = self._failed_delivery(flow, exc, sent)
                continue
            self._observe("route", t_route)
            status, reason = verdict_of(documents)
            verdicts.append(Verdict(flow, status, documents, reason,
                                    time.perf_counter() - started[flow.flow_id], outputs,
                                    sent))
        if not verdicts:
            return results
        t_report = time.perf_counter()
        if histories is None:
            histories = self.ledger.histories([v.flow.flow_id for v in verdicts])
        drafts = drafts or {}
        now = utcnow()
        rendered: list[tuple[str, bytes, bytes]] = []
        kept: list[Verdict] = []
        for v in verdicts:
            fid = v.flow.flow_id
            draft = drafts.get(fid)
            report = _report(v.flow, v.documents, v.status, v.reason,
                             draft.finished_at if draft else now, histories.get(fid, []),
                             v.outputs)
            if draft is not None and draft.report == report:
                json_cr, xml_cr = draft.json, draft.xml
            else:  # what happened differs from the draft (a DOUBLON, a redo): render here
                try:
                    json_cr, xml_cr = (compte_rendu.to_json(report),
                                       compte_rendu.to_xml(report))
                except Exception as exc:  # a defect must cost one flow, not the run
                    log.exception("flow %s: compte rendu failed", fid)
                    batch.commit()
                    results[fid] = self._incident(
                        v.flow, f"internal error writing the compte rendu: "
                                f"{type(exc).__name__}: {exc}")
                    continue
            rejected = [d for d in v.documents if d.fatal]
            if rejected:
                self._set_aside(v.flow, rejected, json_cr, batch)
            try:
                self._return_report(v.flow, xml_cr, done.get(fid, set()), v.deliveries)
            except DeliveryError as exc:
                batch.commit()
                results[fid] = self._failed_delivery(v.flow, exc, v.deliveries)
                continue
            rendered.append((fid, json_cr, xml_cr))
            kept.append(v)
        compte_rendu.write_rendered(rendered, self.reports, batch)
        batch.commit()
        crash_point("reported")
        self._observe("report", t_report, len(kept))
        self.ledger.finish_many(kept)
        crash_point("finished")
        for v in kept:
            results[v.flow.flow_id] = v.status
            log.info("flow %s %s: %s%s (%d/%d invoice(s) accepted)", v.flow.flow_id,
                     v.flow.file_name, v.status, f" {v.reason}" if v.reason else "",
                     sum(1 for d in v.documents if not d.fatal), len(v.documents))
            if self.on_flow:
                self.on_flow(v.flow, v.status)
        return results

    def _observe_layers(self, documents: Sequence[Document]) -> None:
        if self.observe:
            for doc in documents:
                for run in doc.layers:
                    if run.ran:
                        self.observe(f"validate:{run.layer}", run.seconds)

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
            sent.append((0, target.name, name))

    def _set_aside(self, flow: Flow, rejected: list[Document], json_cr: bytes,
                   batch: DurableBatch) -> None:
        """Copies of rejected invoices, with their compte rendu, for the depositor."""
        folder = self.rejected / flow.flow_id
        for doc in rejected:
            if not doc.content and len(rejected) == 1 and doc.name == flow.file_name:
                # refused unread (over the size cap): the copy comes from the archive
                batch.link(self.archived_original(flow), folder / _safe(doc.name))
            else:
                batch.write(folder / _safe(doc.name), doc.content)
        batch.write(folder / f"{flow.flow_id}.cr.json", json_cr)
        crash_point("rejected")

    def _failed_delivery(self, flow: Flow, exc: DeliveryError,
                         sent: Sequence[tuple[int, str, str]] = ()) -> FlowStatus:
        """Record what did reach its target, then wait for a retry or give up (incident)."""
        for seq, target, name in sent:
            self.ledger.record_delivery(flow.flow_id, seq, target, name)
        d = self.settings.delivery
        attempts = flow.attempts + 1
        age = (utcnow() - flow.received_at).total_seconds()
        if exc.transient and attempts < d.attempts and age < d.max_age:
            delay = min(d.backoff_max, d.backoff_initial * 2 ** (attempts - 1))
            delay *= 1 + random.uniform(-d.jitter, d.jitter)
            self.ledger.schedule_retry(flow.flow_id, attempts,
                                       utcnow() + timedelta(seconds=delay),
                                       f"attempt {attempts} failed: {exc}; retry in "
                                       f"{delay:.0f} s")
            log.warning("flow %s: delivery failed (%s), retry %d in %.0f s",
                        flow.flow_id, exc, attempts, delay)
            if self.on_flow:
                self.on_flow(flow, FlowStatus.IN_EN_ATTENTE_RETRAITEMENT)
            return FlowStatus.IN_EN_ATTENTE_RETRAITEMENT
        return self._incident(flow, f"delivery failed after {attempts} attempt(s): {exc}",
                              attempts=attempts)

    def _incident(self, flow: Flow, detail: str, **fields: Any) -> FlowStatus:
        log.error("flow %s: IN_INCIDENTE: %s", flow.flow_id, detail)
        self.ledger.set_status(flow.flow_id, FlowStatus.IN_INCIDENTE, detail,
                               finished_at=utcnow(), **fields)
        if self.on_flow:
            self.on_flow(flow, FlowStatus.IN_INCIDENTE)
        return FlowStatus.IN_INCIDENTE

    # retries and reprocessing

    def due_retries(self) -> list[Flow]:
        return self.ledger.due_retries(utcnow())

    def requeue(self, flow_id: str) -> Flow:
        """Put a rejected or incident flow back in the queue (edi reprocess / resend)."""
        flow = self.ledger.get(flow_id)
        if flow is None:
            raise KeyError(flow_id)
        if flow.status not in (FlowStatus.IN_REJETE, FlowStatus.IN_INCIDENTE,
                               FlowStatus.IN_EN_ATTENTE_RETRAITEMENT):
            raise ValueError(f"flow {flow_id} is {flow.status}: only IN_REJETE, "
                             "IN_INCIDENTE or IN_EN_ATTENTE_RETRAITEMENT can be run again")
        self.ledger.set_status(flow_id, FlowStatus.IN_EN_ATTENTE_RETRAITEMENT,
                               "put back by an operator", next_attempt_at=None,
                               finished_at=None)
        flow.status = FlowStatus.IN_EN_ATTENTE_RETRAITEMENT
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
        if stem in used:
            stem = f"{stem}_{doc.seq:03d}"
        used.add(stem)
        names[doc.seq] = stem + ext
    return names


def _safe(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-")
    return cleaned[:120] or "x"


def _flow_format(documents: Sequence[Document]) -> str | None:
    if len(documents) > 1:
        return "ARCHIVE"
    return documents[0].format if documents else None


__all__ = ["examine", "examine_file", "draft_report", "verdict_of", "Processor",
           "output_names"]
