"""The ``archive`` step: each original copied under archive/YYYY/MM/DD/<flow id>/."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

from edi.durable import DurableBatch, fsync_dir, sha256_file, storage_error
from edi.flow.context import Context
from edi.intake.claim import work_name
from edi.ledger import LeaseLost, leases
from edi.model import Flow, FlowStatus, utcnow
from edi.testing import crash_point

log = logging.getLogger("edi.flow")


def archive(ctx: Context, flows: Sequence[Flow], results: dict[str, FlowStatus]
            ) -> list[tuple[Flow, Path]]:
    """Copy each original under the archive, then free the work area; returns the flows
    archived with their archived original (the others are in ``results``).

    A copy, never a hard link: whoever holds another link to the deposited file could
    rewrite the archive. The flow's sha256 and size are those of the archived bytes.
    A work file that changed since its claim (a writer that paused with it open) is
    not judged: it is looked at again after the quiet period.
    """
    archived: list[tuple[Flow, Path]] = []
    newly: list[tuple[Flow, str, str, int]] = []
    batch = DurableBatch()
    for flow in flows:
        dest = ctx.archived_original(flow)
        if dest.exists():
            if flow.status is FlowStatus.IN_RECU:  # archived, then a crash: record it
                digest, size = sha256_file(dest)
                newly.append((flow, str(dest), digest, size))
            archived.append((flow, dest))
            continue
        work_file = ctx.work / work_name(flow.flow_id, flow.file_name)
        try:
            before = work_file.stat()
        except (FileNotFoundError, NotADirectoryError):
            missing = _not_here(ctx, flow, dest, work_file)
            if missing is not None:
                results[flow.flow_id] = missing
            continue
        batch.owner = flow.flow_id
        try:
            digest, size = batch.copy(work_file, dest)
            after = work_file.stat()
        except OSError as exc:
            if (storage := storage_error(exc, ctx.folders)) is not None:
                batch.abort()
                raise storage from exc
            batch.discard(flow.flow_id)
            results[flow.flow_id] = ctx.incident(
                flow, f"cannot archive the original {work_file}: {exc}")
            continue
        if _stat_key(before) != _stat_key(after) or (digest, size) != (flow.sha256,
                                                                      flow.size):
            batch.discard(flow.flow_id)
            _still_written(ctx, flow, digest, size)
            continue
        newly.append((flow, str(dest), digest, size))
        archived.append((flow, dest))
    # The copies' data and names on disk before the ledger says archived (one syncfs
    # each for the whole batch, edi.durable): then the work file may go.
    failed = ctx.commit(batch)
    if failed:
        keep = []
        for flow, dest in archived:
            refused = failed.get(flow.flow_id)
            if refused is None:
                keep.append((flow, dest))
                continue
            newly = [n for n in newly if n[0] is not flow]
            results[flow.flow_id] = ctx.incident(
                flow, f"cannot archive the original as {dest}: {refused}")
        archived = keep
    if len(newly):
        crash_point("archived")
    lost = ctx.ledger.archived([(f.flow_id, path, digest, size)
                                for f, path, digest, size in newly])
    if lost:  # another process took them over: theirs to archive, record and conclude
        ctx.lose(LeaseLost(lost, ctx.ledger.owner, "recording its archived original"))
        archived = [(f, d) for f, d in archived if f.flow_id not in lost]
        newly = [n for n in newly if n[0].flow_id not in lost]
    for flow, _, digest, size in newly:
        flow.sha256, flow.size = digest, size
        flow.status = FlowStatus.IN_EN_ATTENTE_TRAITEMENT_CPP
    if _remove([ctx.work / work_name(f.flow_id, f.file_name) for f, _ in archived]):
        # The removals made durable: a work file back after a power cut, of a flow the
        # ledger has concluded, would stay in the work area for good (not adopted: known).
        fsync_dir(ctx.work)
    return archived


REMOVERS = 4   # work files unlinked at once (see _remove)


def _remove(paths: Sequence[Path]) -> bool:
    """Unlink the work files of archived flows; True when one was there.

    Freeing a file's blocks may wait on the device (a discard, up to ms per file on a
    filesystem mounted with ``discard``) while costing little CPU: a few threads overlap
    those waits (the GIL is released in unlink) instead of the parent waiting for each
    in turn. All are done when this returns, as before. Each thread takes a share of the
    files, not one task per file: a task (a future, its lock) cost the parent more CPU
    than the unlink it waited for.
    """
    if len(paths) < 2:
        return _unlink_all(paths)
    shares = [paths[i::REMOVERS] for i in range(min(REMOVERS, len(paths)))]
    with ThreadPoolExecutor(len(shares), thread_name_prefix="edi-unlink") as pool:
        return any(list(pool.map(_unlink_all, shares)))


def _unlink_all(paths: Sequence[Path]) -> bool:
    """Unlink every one of ``paths``; True when one was there."""
    found = False
    for path in paths:
        found = _unlink(path) or found
    return found


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return False


NOT_VISIBLE = "original not visible from node"


def _not_here(ctx: Context, flow: Flow, dest: Path, work_file: Path) -> FlowStatus | None:
    """Neither the archived original nor the work file is here. Claimed into another
    node's work area (one not shared with this node: ``[paths] shared``), the file may
    be there still: the flow waits for that node (or for the shared folder to be seen
    again), a lease's time, then twice as long..., ``[intake] other_node_waits`` times,
    and only then is it missing. Claimed here, it is missing at once."""
    ledger = ctx.ledger
    here = leases.node_of(ledger.owner)
    there = ledger.received_on(flow.flow_id)
    tries = sum(1 for e in ledger.history(flow.flow_id)
                if (e["detail"] or "").startswith(NOT_VISIBLE))
    if there is None or there == here or tries >= ctx.settings.intake.other_node_waits:
        waited = f" (looked for {tries + 1} times from node {here})" if tries else ""
        return ctx.incident(flow, f"original missing: neither {dest} nor {work_file}"
                                  f"{waited}")
    wait = ledger.lease_seconds * 2 ** tries
    detail = (f"{NOT_VISIBLE} {here}: neither {dest} nor {work_file}; it was claimed on "
              f"node {there}, whose work area may not be shared with this one ([paths] "
              f"shared): looked at again in {wait:.0f} s, by whichever node")
    log.warning("flow %s %s: %s", flow.flow_id, flow.file_name, detail)
    try:
        ledger.postpone(flow.flow_id, utcnow() + timedelta(seconds=wait), detail)
    except LeaseLost as lost:
        ctx.lose(lost)
    return None


def _still_written(ctx: Context, flow: Flow, digest: str, size: int) -> None:
    """The file changed after its claim: wait for the writer, then look again."""
    wait = max(1.0, ctx.settings.intake.quiet_period)
    detail = (f"the file changed after it was taken ({flow.size} -> {size} bytes): "
              f"still being written, examined again in {wait:.0f} s")
    log.warning("flow %s %s: %s", flow.flow_id, flow.file_name, detail)
    try:
        ctx.ledger.still_written(flow.flow_id, digest, size,
                                 utcnow() + timedelta(seconds=wait), detail)
    except LeaseLost as lost:
        ctx.lose(lost)


def _stat_key(st: Any) -> tuple[int, int, int]:
    return st.st_size, st.st_mtime_ns, st.st_ino
