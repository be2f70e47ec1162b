"""The ``api`` intake source: flows submitted to our XP Z12-013 Flow Service.

A pushed source. The request itself claims the upload through the same claim as the
inbox (``claim_files``: the work area, then ``IN_RECU`` in the ledger, with the
``api://<client>/<trackingId>`` source in that same transaction), so the answer 202
comes only once the flow is in the ledger and its original on disk. The claimed flow is
then handed to the run loop (``batches``), which carries it on like any other; one the
loop did not take before a crash is unfinished in the ledger and recovered at the next
start.

A resubmission (the same trackingId, or the same bytes, from the same client) is looked
up and claimed under one lock, so two concurrent ones cannot both make a flow.

Every submitted flow has the interface ``api`` in the ledger (the Flow Service's searches
and the dashboard group them so); the *connection* it came through, which the
``depositor`` layer and ``[chorus] by_interface`` judge, is ``api:<client>``
(``connection_of``), as an SFTP partner's is ``sftp:<partner>``. A setting naming plain
``api`` applies to every client without one of its own.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from edi.config import Settings
from edi.durable import fsync_dir
from edi.flowservice.models import ChecksumMismatch
from edi.intake.claim import safe_name
from edi.intake.sources import Batch, Claim
from edi.model import Flow, FlowStatus

if TYPE_CHECKING:
    from edi.flowservice.auth import Caller
    from edi.ledger import Ledger

log = logging.getLogger(__name__)

UPLOADS = ".api"   # under the work area: uploads being written, before their claim
INTERFACE = "api"
SOURCE_PREFIX = "api://"   # api://<client, quoted>/<trackingId, quoted>


def connection_of(interface: str, source: str | None) -> str:
    """The connection a flow came through: ``api:<client>`` for a flow submitted to the
    Flow Service (its source ``api://<client>/<trackingId>`` names the client), else its
    interface (``inbox``, an inbox's own name, ``sftp:<partner>``)."""
    if interface != INTERFACE or not source or not source.startswith(SOURCE_PREFIX):
        return interface
    from urllib.parse import unquote

    client = unquote(source[len(SOURCE_PREFIX):].partition("/")[0])
    return f"{INTERFACE}:{client}" if client else interface


@dataclass(frozen=True)
class Submitted:
    flow: Flow | None          # the new flow, or None when it already existed
    existing: str | None       # the flow id it already was
    why: str = ""
    sha256: str = ""


@dataclass
class _Pending:
    """One upload waiting for the group claim, and what became of it."""

    client: str
    info: dict[str, Any]
    path: Path
    digest: str
    request_id: str | None
    organization_id: str | None
    result: Submitted | BaseException | None = None
    waits_for: _Pending | None = None


class ApiIntake:
    """Takes submissions: durable, deduplicated, then handed to the run loop."""

    def __init__(self, settings: Settings, ledger: Ledger) -> None:
        self.settings = settings
        self.ledger = ledger
        self.uploads = settings.path(settings.paths.work) / UPLOADS
        self._lock = threading.Lock()
        self._claimed: list[Flow] = []
        self._pending: list[_Pending] = []
        self._claimed_lock = threading.Lock()
        self.wake: threading.Event | None = None
        self.on_claim: Callable[[Flow], None] | None = None

    def forget_uploads(self) -> None:
        """Uploads a stop interrupted before their claim: never answered 202, dropped."""
        if self.uploads.is_dir():
            shutil.rmtree(self.uploads)

    def submit(self, caller: Caller, info: dict[str, Any], upload: IO[bytes],
               request_id: str | None, organization_id: str | None) -> Submitted:
        """Write the upload durably, then claim it with the others waiting (one ledger
        transaction for the group: a group commit), or say which flow it already is."""
        folder = self.uploads / uuid.uuid4().hex
        folder.mkdir(parents=True)
        try:
            path = folder / (safe_name(Path(info["name"]).name.lstrip(".")) or "flow")
            digest = _copy_durably(upload, path)
            if info.get("sha256") and info["sha256"] != digest:
                raise ChecksumMismatch(f"flowInfo sha256 {info['sha256']} but the file's "
                                       f"is {digest}")
            mine = _Pending(caller.name, info, path, digest, request_id, organization_id)
            with self._claimed_lock:
                self._pending.append(mine)
            with self._lock:   # the first one in claims for every one waiting
                if mine.result is None:
                    with self._claimed_lock:
                        group, self._pending = self._pending, []
                    self._claim(group)
        finally:
            if folder.exists():   # what is left of the upload once claimed (or refused)
                shutil.rmtree(folder)
        if isinstance(mine.result, BaseException):
            raise mine.result
        assert mine.result is not None
        if mine.result.flow is not None:
            log.info("flow %s: submitted by %s over the Flow Service (%s)",
                     mine.result.flow.flow_id, caller.name, mine.result.flow.file_name)
            if self.wake is not None:
                self.wake.set()
        return mine.result

    def _claim(self, group: list[_Pending]) -> None:
        from edi.intake.claim import claim_files
        from edi.ledger import flowservice as fs

        fresh: list[_Pending] = []
        taken: dict[tuple[str, str], _Pending] = {}   # (client, trackingId or sha256)
        for p in group:
            tracking = p.info.get("trackingId")
            seen = fs.already_submitted(self.ledger, p.client, tracking, p.digest)
            twin = taken.get((p.client, f"t:{tracking}")) if tracking else None
            twin = twin or taken.get((p.client, f"s:{p.digest}"))
            if seen is not None:
                p.result = Submitted(None, seen[0], seen[1], p.digest)
            elif twin is not None:
                p.waits_for = twin
            else:
                fresh.append(p)
                taken[(p.client, f"s:{p.digest}")] = p
                if tracking:
                    taken[(p.client, f"t:{tracking}")] = p
        waiting = [p for p in group if p.waits_for is not None]
        try:
            flows = claim_files([p.path for p in fresh], interface=fs.INTERFACE,
                                ledger=self.ledger, settings=self.settings,
                                sources=[fs.source_of(p.client, p.info.get("trackingId"))
                                         for p in fresh])
        except Exception as exc:  # raised again in every request of the group
            for p in fresh + waiting:
                p.result = exc
            return
        by_source = {(f.source, f.sha256): f for f in flows}
        rows = []
        for p in fresh:
            flow = by_source.get((fs.source_of(p.client, p.info.get("trackingId")), p.digest))
            if flow is None:
                p.result = OSError(f"the upload {p.path.name} could not be claimed (see the "
                                   "log)")
                continue
            p.result = Submitted(flow, None, "", p.digest)
            rows.append({
                "flow_id": flow.flow_id, "client": p.client,
                "tracking_id": p.info.get("trackingId"), "flow_syntax": p.info["flowSyntax"],
                "flow_profile": p.info.get("flowProfile"),
                "processing_rule": p.info.get("processingRule"),
                "request_id": p.request_id, "organization_id": p.organization_id,
                "submitted_at": flow.received_at})
        with self._claimed_lock:
            self._claimed.extend(flows)
        try:
            fs.record_submissions(self.ledger, rows)
        except Exception as exc:  # the flows are claimed: a retry is AlreadyExistingFlow
            for p in fresh:
                p.result = exc
        for p in waiting:
            first = p.waits_for.result if p.waits_for else None
            if isinstance(first, Submitted) and first.flow is not None:
                p.result = Submitted(None, first.flow.flow_id, f"the same submission came "
                                     f"at the same time as {first.flow.flow_id}", p.digest)
            else:
                p.result = first if isinstance(first, BaseException) else OSError(
                    "the same submission, made at the same time, could not be claimed")

    def take(self) -> list[Flow]:
        """The flows claimed since the last call, still ``IN_RECU`` (a flow recovery
        already carried on is not handed over twice)."""
        with self._claimed_lock:
            flows, self._claimed = self._claimed, []
        fresh = []
        for flow in flows:
            now = self.ledger.get(flow.flow_id)
            if now is not None and now.status is FlowStatus.IN_RECU:
                fresh.append(now)
        return fresh


def _copy_durably(upload: IO[bytes], path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "wb") as out:
        while chunk := upload.read(1 << 20):
            h.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    fsync_dir(path.parent)
    return h.hexdigest()


class ApiSource:
    """The run loop's side of the Flow Service: its server, and the flows it claimed."""

    name = "api"

    def __init__(self, settings: Settings, ledger: Ledger) -> None:
        from edi.flowservice.server import Server

        self.intake = ApiIntake(settings, ledger)
        self.intake.forget_uploads()
        self.server = Server(settings, ledger, self.intake)
        self.server.start()
        import click

        click.echo(f"edi: Flow Service (XP Z12-013 1.3.0) on {self.server.url}/v1", err=True)

    def batches(self, claim: Claim, stop_requested: Callable[[], bool]) -> Iterator[Batch]:
        if stop_requested():
            return
        flows = self.intake.take()
        if flows:
            yield flows, len(flows)

    def next_due(self) -> float | None:
        return None

    def hint(self, wake: threading.Event) -> None:
        self.intake.wake = wake

    def close(self) -> None:
        self.server.stop()


def open_api(settings: Settings, ledger: Ledger) -> ApiSource | None:
    from edi.flowservice.settings import FlowServiceSettings

    if not settings.section(FlowServiceSettings).enabled:
        return None
    return ApiSource(settings, ledger)
