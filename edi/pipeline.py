"""A flow's way through edi-flux: claim -> detect -> parse -> validate -> route -> report.

``examine`` (detect, parse, validate) is pure and runs in validation workers. ``Processor``
runs in the parent: it claims, archives, routes, reports and records, in an order that
makes every step redoable after a crash: each file and its directory are on disk before
the ledger commits a status that depends on them, and delivery names are deterministic.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from edi import parsers
from edi.config import Settings
from edi.intake.claim import adopt_orphans, claim_files, split_work_name, work_name
from edi.intake.durable import fsync_dir, link_or_copy, write_atomic
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
from edi.reports import compte_rendu
from edi.routing.base import DeliveryError
from edi.testing import crash_point
from edi.validators import validate
from edi.workers import Examiner, Job

log = logging.getLogger(__name__)


# -- detect, parse, validate (inside a worker) ---------------------------------------------

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


# -- the parent's side -----------------------------------------------------------------------

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
        results: dict[str, FlowStatus] = {}
        started = {f.flow_id: time.perf_counter() for f in flows}
        archived = self._archive(flows, results)
        twins = self.ledger.integrated_twins([f for f, _ in archived])
        jobs: list[Job] = []
        by_id: dict[str, Flow] = {}
        doubles: list[tuple[Flow, list[Document]]] = []
        for flow, original in archived:
            twin = twins.get(flow.flow_id)
            if twin is None:
                jobs.append(Job(flow.flow_id, flow.file_name, original, flow.interface))
                by_id[flow.flow_id] = flow
                continue
            doubles.append((flow, [Document(
                seq=1, name=flow.file_name, content=original.read_bytes(),
                reason=Reason.DOUBLON, findings=[Finding(
                    "EDI-DOUBLON-FICHIER", Severity.FATAL, "intake", "/",
                    f"byte-identical to flow {twin}, already integrated; "
                    "a file is integrated once")])]))
        results.update(self._conclude(doubles, started))
        if not jobs:
            return results
        self.ledger.set_many(list(by_id), FlowStatus.IN_EN_COURS_TRAITEMENT)
        for outcomes in self.examiner.run(jobs):
            crash_point("examined")
            examined: list[tuple[Flow, list[Document]]] = []
            for outcome in outcomes:
                flow = by_id[outcome.key]
                if outcome.documents is None:
                    results[flow.flow_id] = self._incident(flow, outcome.error or "worker died")
                else:
                    examined.append((flow, outcome.documents))
            results.update(self._conclude(examined, started))
        return results

    def _archive(self, flows: Sequence[Flow], results: dict[str, FlowStatus]
                 ) -> list[tuple[Flow, Path]]:
        """Put each original under archive/YYYY/MM/DD/<flow id>/, then free the work area."""
        archived: list[tuple[Flow, Path]] = []
        newly: list[tuple[str, str]] = []
        for flow in flows:
            day = flow.received_at
            dest = (self.archive / f"{day:%Y}" / f"{day:%m}" / f"{day:%d}" / flow.flow_id
                    / flow.file_name)
            if not dest.exists():
                work_file = self.work / work_name(flow.flow_id, flow.file_name)
                if not work_file.exists():
                    results[flow.flow_id] = self._incident(
                        flow, f"original missing: neither {dest} nor {work_file}")
                    continue
                link_or_copy(work_file, dest)
                crash_point("archived")
            if flow.status is FlowStatus.IN_RECU:
                newly.append((flow.flow_id, str(dest)))
            archived.append((flow, dest))
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
                  started: dict[str, float]) -> dict[str, FlowStatus]:
        """Route, report and record a group of examined flows."""
        results: dict[str, FlowStatus] = {}
        if not examined:
            return results
        self._reject_duplicates(examined)
        done = self.ledger.delivered_many([f.flow_id for f, _ in examined])
        verdicts: list[Verdict] = []
        for flow, documents in examined:
            self._observe_layers(documents)
            t_route = time.perf_counter()
            accepted = [d for d in documents if not d.fatal]
            rejected = [d for d in documents if d.fatal]
            flow.format = _flow_format(documents)
            outputs = output_names(flow, accepted)
            sent: list[tuple[int, str, str]] = []
            try:
                for doc in accepted:
                    self._deliver(flow, doc, outputs[doc.seq], done.get(flow.flow_id, set()),
                                  sent)
            except DeliveryError as exc:
                results[flow.flow_id] = self._failed_delivery(flow, exc, sent)
                continue
            self._observe("route", t_route)
            if not accepted:
                status = FlowStatus.IN_REJETE
            elif rejected:
                status = FlowStatus.IN_INTEGRE_PARTIEL
            else:
                status = FlowStatus.IN_INTEGRE
            reason = str(rejected[0].reason) if rejected and rejected[0].reason else None
            verdicts.append(Verdict(flow, status, documents, reason,
                                    time.perf_counter() - started[flow.flow_id], outputs,
                                    sent))
        if not verdicts:
            return results
        t_report = time.perf_counter()
        histories = self.ledger.histories([v.flow.flow_id for v in verdicts])
        finished = utcnow()
        reports, kept = [], []
        for v in verdicts:
            history = histories.get(v.flow.flow_id, []) + [
                {"status": str(v.status), "at": finished, "detail": "verdict"}]
            report = compte_rendu.build(v.flow, v.documents, v.status, reason=v.reason,
                                        finished_at=finished, history=history,
                                        outputs=v.outputs)
            rejected = [d for d in v.documents if d.fatal]
            if rejected:
                self._set_aside(v.flow, rejected, report)
            try:
                self._return_report(v.flow, report, done.get(v.flow.flow_id, set()),
                                    v.deliveries)
            except DeliveryError as exc:
                results[v.flow.flow_id] = self._failed_delivery(v.flow, exc, v.deliveries)
                continue
            reports.append(report)
            kept.append(v)
        compte_rendu.write_many(reports, self.reports)
        crash_point("reported")
        self._observe("report", t_report, len(kept))
        self.ledger.finish_many(kept)
        crash_point("finished")
        for v in kept:
            results[v.flow.flow_id] = v.status
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
                 done: set[tuple[int, str]], sent: list[tuple[int, str, str]]) -> None:
        from edi.routing import table

        for target in table.targets_for(doc, flow, self.settings):
            # Deterministic names: a file already there is ours from an interrupted run.
            if (doc.seq, target.name) not in done and not target.exists(file_name):
                target.deliver(file_name, doc.content)
                crash_point("delivered")
            sent.append((doc.seq, target.name, file_name))
        doc.delivered = True

    def _return_report(self, flow: Flow, report: dict, done: set[tuple[int, str]],
                       sent: list[tuple[int, str, str]]) -> None:
        """The compte rendu back to the depositor (its SFTP folder), when a route says so."""
        from edi.routing import table

        name = f"{flow.flow_id}.cr.xml"
        for target in table.report_targets_for(flow, self.settings):
            if (0, target.name) not in done and not target.exists(name):
                target.deliver(name, compte_rendu.to_xml(report))
            sent.append((0, target.name, name))

    def _set_aside(self, flow: Flow, rejected: list[Document], report: dict) -> None:
        """Copies of rejected invoices, with their compte rendu, for the depositor."""
        folder = self.rejected / flow.flow_id
        for doc in rejected:
            write_atomic(folder / _safe(doc.name), doc.content)
        write_atomic(folder / f"{flow.flow_id}.cr.json", compte_rendu.to_json(report))
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


def business_key(invoice: Any) -> str | None:
    """Supplier identity + invoice number + year of issue (Chorus Pro's uniqueness rule)."""
    try:
        from edi.validators.chorus import business_key as chorus_key
    except ModuleNotFoundError:
        chorus_key = None
    if chorus_key is not None:
        return chorus_key(invoice)
    seller = _seller(invoice)
    if not (seller and invoice.number and invoice.issue_date):
        return None
    return f"{seller}|{invoice.number.strip().upper()}|{invoice.issue_date[:4]}"


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


__all__ = ["examine", "Processor", "output_names", "business_key", "split_work_name"]
