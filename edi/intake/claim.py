"""Claim: take a stable file by atomic rename into the work area, hash it, record it.

The work file's name carries the flow id (``<flow id>__<file name>``), so a crash between
the rename and the ledger commit is recovered deterministically: the file says which
flow it is.
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

from edi.config import Settings
from edi.durable import fsync_dir, write_atomic
from edi.ledger import Ledger
from edi.model import Flow, FlowStatus, new_flow_id
from edi.testing import crash_point

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
    """The reception time encoded in a flow id (F + yyyymmddThhmmss + microseconds)."""
    return datetime.strptime(flow_id[1:22], "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)


def claim_files(paths: Sequence[Path], *, interface: str, ledger: Ledger, settings: Settings,
                sources: Sequence[str] | None = None) -> list[Flow]:
    """Claim several files in one ledger transaction; files gone meanwhile are skipped."""
    work = settings.path(settings.paths.work)
    work.mkdir(parents=True, exist_ok=True)
    moved: list[tuple[Path, str, str, str]] = []
    touched: set[Path] = set()
    sidecars: list[Path] = []
    for i, path in enumerate(paths):
        flow_id = new_flow_id()
        name = safe_name(path.name)
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
        except FileNotFoundError:  # removed between scan and claim: nothing to do
            continue
        except OSError as exc:  # one file we cannot take must not stop the others
            log.error("cannot claim %s: %s; left in place", safe_name(str(path)), exc)
            continue
        touched.add(path.parent)
        done = path.with_name(path.name + ".done")
        if settings.intake.done_files and done.exists():
            done.unlink(missing_ok=True)
        source = sources[i] if sources else safe_name(str(path))
        moved.append((dest, flow_id, name, source))
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
    ledger.receive(flows)
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


def adopt_orphans(ledger: Ledger, settings: Settings, interface: str = "inbox") -> list[Flow]:
    """Record work files whose claim was interrupted before the ledger commit."""
    work = settings.path(settings.paths.work)
    adopted: list[Flow] = []
    if not work.is_dir():
        return adopted
    for entry in sorted(work.iterdir()):
        parts = split_work_name(entry.name)
        if not entry.is_file() or parts is None or ledger.get(parts[0]) is not None:
            continue
        if safe_name(parts[1]) != parts[1]:  # claimed by a version that kept raw names
            parts = (parts[0], safe_name(parts[1]))
            entry = entry.rename(work / work_name(*parts))
        digest, size = sha256_of(entry)
        origin = {"interface": interface, "source": None}
        sidecar = work / CLAIMS / f"{parts[0]}.json"
        if sidecar.is_file():
            origin.update(json.loads(sidecar.read_text()))
        adopted.append(Flow(flow_id=parts[0], file_name=parts[1], sha256=digest, size=size,
                            interface=origin["interface"] or interface,
                            status=FlowStatus.IN_RECU, received_at=received_at(parts[0]),
                            source=origin["source"]))
    ledger.receive(adopted)
    claims = work / CLAIMS
    if claims.is_dir():  # sidecars of recorded flows, or of files gone before the rename
        for sidecar in claims.iterdir():
            sidecar.unlink()
    return adopted
