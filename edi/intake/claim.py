"""Claim: take a stable file by atomic rename into the work area, hash it, record it.

One recoverable step: the claim is recorded in the ledger (``intake_claims``, owned by
this process) *before* the rename, and the flow replaces the claim in one transaction
after it. The work file's name carries the flow id (``<flow id>__<file name>``), so
whatever stops the claim in between, the ledger knows the file: a claim whose process
stopped is taken up by any process (``adopt_orphans``: the work file recorded as its
flow, or the claim dropped when the rename never happened). Nothing sits in the work area
unrecorded, and several processes can claim from one inbox: the rename decides, exactly
one of two racing for a file gets it, the other drops its claim.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from edi.config import Settings
from edi.durable import fsync_dir, unfinished_of, write_atomic
from edi.model import Flow, FlowStatus, new_flow_id
from edi.testing import crash_point

if TYPE_CHECKING:   # validation workers import safe_name from here, never the ledger
    from edi.ledger import Ledger

log = logging.getLogger(__name__)

SEPARATOR = "__"
CLAIMS = ".claims"  # where an explicit source waits for the ledger commit


def work_name(flow_id: str, file_name: str) -> str:
    return f"{flow_id}{SEPARATOR}{file_name}"


def split_work_name(name: str) -> tuple[str, str] | None:
    flow_id, sep, file_name = name.partition(SEPARATOR)
    if not sep or not flow_id.startswith("F") or not file_name:
        return None
    return flow_id, file_name


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_NAME_BYTES = 180   # the work name adds the flow id; filesystems stop at 255 bytes


def safe_name(raw: str) -> str:
    """The name a flow keeps: valid UTF-8 and no control characters, escaped visibly.

    File names are bytes: one in Latin-1 or with a newline is a legal deposit, but the
    ledger, reports and logs need text. Undecodable bytes and control characters become
    ``\\xNN``; an over-long name keeps its end (the extension) and is shortened before.
    """
    try:
        data = raw.encode("utf-8", "surrogateescape")  # the bytes of an os-level name
    except UnicodeEncodeError:  # a lone surrogate that no byte made (a broken decoder)
        data = raw.encode("utf-8", "surrogatepass")
    text = data.decode("utf-8", "backslashreplace")
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        tail = encoded[-40:].decode("utf-8", "ignore")
        head = encoded[:MAX_NAME_BYTES - 40 - 3].decode("utf-8", "ignore")
        text = f"{head}...{tail}"
    return text


def sha256_of(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def received_at(flow_id: str) -> datetime:
    """The reception time encoded in a flow id (F + yyyymmddThhmmss + microseconds).

    Read by slicing, as ``new_flow_id`` wrote it (strptime cost the claim more than the
    ledger row); anything else is a ValueError, as strptime's."""
    digits = flow_id[1:9] + flow_id[10:22]
    if flow_id[9:10] != "T" or len(digits) != 20 or not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"not a flow id: {flow_id!r}")
    return datetime(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]), int(digits[8:10]),
                    int(digits[10:12]), int(digits[12:14]), int(digits[14:20]), tzinfo=UTC)


def claim_files(paths: Sequence[Path], *, interface: str, ledger: Ledger, settings: Settings,
                sources: Sequence[str] | None = None) -> list[Flow]:
    """Claim several files: their claims recorded first, then the renames, then their
    flows in one ledger transaction; files gone meanwhile (another process took them)
    are skipped."""
    work = settings.path(settings.paths.work)
    work.mkdir(parents=True, exist_ok=True)
    planned = [(path, new_flow_id(), safe_name(path.name),
                sources[i] if sources is not None else safe_name(str(path)))
               for i, path in enumerate(paths)]
    if not planned:
        return []
    ledger.intend([(flow_id, interface, source) for _, flow_id, _, source in planned])
    moved: list[tuple[Path, str, str, str]] = []
    gone: list[str] = []
    touched: set[Path] = set()
    sidecars: list[Path] = []
    for i, (path, flow_id, name, source) in enumerate(planned):
        dest = work / work_name(flow_id, name)
        if sources is not None:
            # Where it came from must survive a crash before the ledger commit: the SFTP
            # intake finds the flow again by (interface, source, hash), never making two.
            sidecar = work / CLAIMS / f"{flow_id}.json"
            write_atomic(sidecar, json.dumps({"interface": interface,
                                              "source": sources[i]}).encode())
            sidecars.append(sidecar)
        try:
            os.rename(path, dest)
        except FileNotFoundError:  # removed between scan and claim, or another process
            gone.append(flow_id)   # took it: nothing to do
            continue
        except OSError as exc:  # one file we cannot take must not stop the others
            log.error("cannot claim %s: %s; left in place", safe_name(str(path)), exc)
            gone.append(flow_id)
            continue
        touched.add(path.parent)
        done = path.with_name(path.name + ".done")
        if settings.intake.done_files and done.exists():
            done.unlink(missing_ok=True)
        moved.append((dest, flow_id, name, source))
    ledger.withdraw_intents(gone)
    for sidecar in sidecars:
        if sidecar.stem in gone:
            sidecar.unlink(missing_ok=True)
    if not moved:
        return []
    fsync_dir(work)
    for folder in touched:
        fsync_dir(folder)
    crash_point("claimed")
    flows = []
    for dest, flow_id, file_name, source in moved:
        digest, size = sha256_of(dest)
        flows.append(Flow(flow_id=flow_id, file_name=file_name, sha256=digest, size=size,
                          interface=interface, status=FlowStatus.IN_RECU,
                          received_at=received_at(flow_id), source=source))
    flows = ledger.receive(flows)
    for sidecar in sidecars:
        sidecar.unlink(missing_ok=True)
    crash_point("recorded")
    return flows


def claim_file(path: Path, *, interface: str, source: str, ledger: Ledger,
               settings: Settings) -> Flow | None:
    """Claim one file (the SFTP intake hands over its downloads this way)."""
    flows = claim_files([path], interface=interface, ledger=ledger, settings=settings,
                        sources=[source])
    return flows[0] if flows else None


def adopt_orphans(ledger: Ledger, settings: Settings, interface: str = "inbox",
                  own: bool = False, legacy: bool = True) -> list[Flow]:
    """Record work files whose claim stopped before its ledger commit; returns them.

    The claims of processes that stopped (or, with ``own``, this ledger's own, after the
    ledger refused a write) are taken: each becomes its flow when its work file is there,
    or is dropped when the rename never happened (the file is still in the inbox, or
    another process has it). With ``legacy``, a work file the ledger does not know at all
    (claimed by a version that recorded no claim first) is adopted too, under a claim of
    its own so that two processes never adopt it both.
    """
    work = settings.path(settings.paths.work)
    if not work.is_dir():
        return []
    entries: dict[str, tuple[Path, str]] = {}
    for entry in sorted(work.iterdir()):
        parts = split_work_name(entry.name)
        if parts is not None and entry.is_file():
            entries[parts[0]] = (entry, parts[1])
    adopted: list[Flow] = []
    taken = ledger.take_intents(own=own)
    dropped = []
    for flow_id, claimed_via, source in taken:
        found = entries.get(flow_id)
        if found is None:
            dropped.append(flow_id)
            continue
        adopted.append(_adopted(work, flow_id, *found, claimed_via, source))
    ledger.withdraw_intents(dropped)
    if legacy and not own and entries:
        known = ledger.claimed_ids(list(entries)) | {f.flow_id for f in adopted}
        for flow_id, (entry, name) in entries.items():
            if flow_id in known:
                continue
            origin = {"interface": interface, "source": None}
            sidecar = work / CLAIMS / f"{flow_id}.json"
            if sidecar.is_file():
                origin.update(json.loads(sidecar.read_text()))
            if ledger.adopt_intent(flow_id, origin["interface"] or interface,
                                   origin["source"]):
                adopted.append(_adopted(work, flow_id, entry, name,
                                        origin["interface"] or interface, origin["source"]))
    adopted = ledger.receive(adopted)
    claims = work / CLAIMS
    if claims.is_dir():  # sidecars of recorded flows, or of files gone before the rename
        # each sidecar, and each one a kill left half written, by flow
        sidecars: dict[str, list[Path]] = {}
        for p in claims.iterdir():
            of = _sidecar_flow(p.name)
            if of is not None:
                sidecars.setdefault(of, []).append(p)
        recorded = ledger.claimed_ids(list(sidecars), intents=False)
        under_way = ledger.claimed_ids(list(sidecars)) - recorded   # a live claim's
        for of, paths in sidecars.items():
            if of in recorded or (of not in under_way and of not in entries):
                for p in paths:
                    p.unlink(missing_ok=True)
    return adopted


def _sidecar_flow(name: str) -> str | None:
    """The flow of a sidecar file name: ``<flow>.json``, or the temporary of one that
    ``write_atomic`` was killed before renaming; None for anything else."""
    final = unfinished_of(name) or name
    if final.endswith(".json") and not final.startswith("."):
        return final[:-len(".json")] or None
    return None


def _adopted(work: Path, flow_id: str, entry: Path, name: str, interface: str,
             source: str | None) -> Flow:
    if safe_name(name) != name:  # claimed by a version that kept raw names
        name = safe_name(name)
        entry = entry.rename(work / work_name(flow_id, name))
    digest, size = sha256_of(entry)
    return Flow(flow_id=flow_id, file_name=name, sha256=digest, size=size,
                interface=interface, status=FlowStatus.IN_RECU,
                received_at=received_at(flow_id), source=source)
