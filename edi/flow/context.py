"""What the steps of a flow share: settings, ledger, folders, hooks, and the two ways a
step can end for one flow (an incident; a fault of the flow within its group)."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edi.config import Settings
from edi.durable import DurableBatch, StorageUnavailable, storage_error
from edi.flow.storage import StorageWait
from edi.ledger import LeaseLost, Ledger, Verdict
from edi.model import Document, Flow, FlowStatus, utcnow
from edi.routing.base import DeliveryError

log = logging.getLogger("edi.flow")

Sent = tuple[int, str, str]   # (invoice seq, 0 for the compte rendu; target name; file name)


class Context:
    """The processor's settings, ledger, folders and hooks, as every step sees them."""

    def __init__(self, settings: Settings, ledger: Ledger,
                 stop_requested: Callable[[], bool]) -> None:
        self.settings = settings
        self.ledger = ledger
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
        self.storage = StorageWait(stop_requested)
        self.on_flow: Callable[[Flow, FlowStatus], None] | None = None
        self.observe: Callable[[str, float], None] | None = None
        self.lost: set[str] = set()   # flows another process took over: left alone

    def lose(self, lost: LeaseLost) -> None:
        """Flows another process owns now: this one stops touching them."""
        log.warning("%s", lost)
        self.lost.update(lost.flow_ids)

    def settled(self, flow: Flow, status: FlowStatus) -> None:
        if self.on_flow:
            self.on_flow(flow, status)

    def observed(self, stage: str, t0: float, count: int = 1) -> None:
        if self.observe and count:
            per = (time.perf_counter() - t0) / count
            for _ in range(count):
                self.observe(stage, per)

    def incident(self, flow: Flow, detail: str, **fields: Any) -> FlowStatus:
        detail = text(detail)
        log.error("flow %s: IN_INCIDENTE: %s", flow.flow_id, detail)
        try:
            self.ledger.set_status(flow.flow_id, FlowStatus.IN_INCIDENTE, detail,
                                   finished_at=utcnow(), next_attempt_at=None, **fields)
        except LeaseLost as lost:  # its new owner judges it
            self.lose(lost)
            return FlowStatus.IN_INCIDENTE
        self.settled(flow, FlowStatus.IN_INCIDENTE)
        return FlowStatus.IN_INCIDENTE

    def commit(self, batch: DurableBatch) -> dict[str, OSError]:
        """Commit ``batch``; a full or read-only folder of ours raises
        ``StorageUnavailable`` (the group is redone), any other failure costs its flow."""
        try:
            failed = batch.commit()
        except OSError as exc:
            raise storage_error(exc, self.folders) or StorageUnavailable(
                "outbox" if under(exc, self.outbox) else "storage",
                exc.filename, exc.errno or 0, exc.strerror or str(exc)) from exc
        for refused in failed.values():
            if (storage := storage_error(refused, self.folders)) is not None:
                raise storage from refused
        return failed

    def archived_original(self, flow: Flow) -> Path:
        day = flow.received_at
        return (self.archive / f"{day:%Y}" / f"{day:%m}" / f"{day:%d}" / flow.flow_id
                / flow.file_name)


@dataclass(slots=True, eq=False)
class Concluding:
    """One examined flow on its way through the concluding steps."""

    flow: Flow
    documents: list[Document]
    done: set[tuple[int, str]] = field(default_factory=set)  # delivered by an earlier run
    sent: list[Sent] = field(default_factory=list)           # delivered by this run
    outputs: dict[int, str] = field(default_factory=dict)    # seq -> delivery name
    verdict: Verdict | None = None
    report: dict | None = None
    rendered: dict[str, bytes] = field(default_factory=dict)  # renderer name -> bytes

    @property
    def accepted(self) -> list[Document]:
        return [d for d in self.documents if not d.fatal]

    @property
    def rejected(self) -> list[Document]:
        return [d for d in self.documents if d.fatal]


@dataclass(slots=True)
class Group:
    """Flows concluded together (their files share one durable batch), and what went
    wrong with some of them: a delivery that waits, or a fault that makes an incident."""

    items: list[Concluding]
    batch: DurableBatch = field(default_factory=DurableBatch)
    faults: dict[str, tuple[Flow, str, BaseException]] = field(default_factory=dict)
    waits: list[tuple[Flow, DeliveryError, list[Sent]]] = field(default_factory=list)

    def live(self) -> list[Concluding]:
        """The flows no step has set apart yet."""
        waiting = {w[0].flow_id for w in self.waits}
        return [c for c in self.items
                if c.flow.flow_id not in self.faults and c.flow.flow_id not in waiting]

    def fault(self, flow: Flow, step: str, exc: BaseException) -> None:
        self.faults.setdefault(flow.flow_id, (flow, step, exc))

    def wait(self, flow: Flow, exc: DeliveryError, sent: Sequence[Sent]) -> None:
        self.waits.append((flow, exc, list(sent)))

    def each(self, ctx: Context, step: str, action: Callable[[Concluding], None]) -> None:
        """Run ``action`` for every live flow: a target that fails makes that flow wait,
        any other error is that flow's fault (its files leave the batch); a full or
        read-only folder of ours is no flow's fault, and the whole group waits for it."""
        for item in self.live():
            self.batch.owner = item.flow.flow_id
            try:
                action(item)
            except DeliveryError as exc:  # what did go out is committed with the group
                self.wait(item.flow, exc, item.sent)
            except Exception as exc:
                if (storage := storage_error(exc, ctx.folders)) is not None:
                    self.batch.abort()
                    raise storage from exc
                self.batch.discard(item.flow.flow_id)
                self.fault(item.flow, step, exc)


def text(value: str) -> str:
    """Text any database, log or report accepts (lone surrogates escaped)."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def under(exc: OSError | Path, folders: Path | Iterable[Path]) -> bool:
    where = exc.filename if isinstance(exc, OSError) else exc
    if where is None:
        return False
    path = Path(os.fsdecode(where)).absolute()
    for folder in [folders] if isinstance(folders, Path) else folders:
        folder = folder.absolute()
        if path == folder or folder in path.parents:
            return True
    return False
