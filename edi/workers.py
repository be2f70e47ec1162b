"""Validation workers: processes started with spawn/forkserver, never fork.

saxonche aborts the process when a processor is used after fork() or from a thread that
did not create it. So each worker builds its own layers (and Saxon processor) in its own
main thread, lazily, and the parent never imports saxonche. A worker that dies is
replaced and its flows are retried one by one; a flow that kills a worker again is
reported as a technical incident, never lost.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edi.config import Settings
from edi.model import Document, Flow
from edi.testing import crash_point

log = logging.getLogger(__name__)

# Per-process state of a worker (and of the parent in "inline" mode).
_process_settings: Settings | None = None
_process_layers: list[Any] | None = None


@dataclass(frozen=True, slots=True)
class Job:
    """One flow to examine: its bytes are read from ``path`` inside the worker."""

    key: str            # flow id, or the file path for `edi validate`
    name: str           # the deposited file name
    path: Path
    interface: str | None = None  # where it came from (scenarios may depend on it)
    flow: Flow | None = None      # with its history so far: the worker drafts the report
    history: list[dict[str, Any]] | None = None
    verdict_only: bool = False    # `edi validate`: the bytes need not travel back


@dataclass(slots=True)
class Outcome:
    key: str
    documents: list[Document] | None
    error: str | None = None   # the worker died on this job twice
    draft: Any = None          # edi.pipeline.Draft: the compte rendu, rendered in advance


def _init(settings: Settings, parent: int | None = None) -> None:
    global _process_settings, _process_layers
    _process_settings = settings
    _process_layers = None
    # Ctrl-C reaches the whole process group: the parent finishes the flows in hand and
    # closes the pool; a worker interrupted mid-flow would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive a parent killed by SIGKILL: it would hold the parent's
    pipes open and keep memory for nothing. Linux delivers SIGKILL on parent death; a
    parent that died while this worker was still starting is caught by its pid."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        if libc.prctl(pr_set_pdeathsig, signal.SIGKILL) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):
        log.warning("cannot ask to die with the parent on this platform")
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _layers() -> list[Any]:
    global _process_layers
    if _process_layers is None:
        from edi.validators.base import build_layers

        assert _process_settings is not None
        _process_layers = build_layers(_process_settings)
    return _process_layers


def _run(jobs: Sequence[Job]) -> list[Outcome]:
    from edi.pipeline import draft_report, examine_file

    assert _process_settings is not None
    layers = _layers()
    out = []
    for job in jobs:
        crash_point("examining")
        try:
            docs = examine_file(job.name, job.path, _process_settings, layers, job.interface)
            draft = draft_report(job.flow, docs, job.history or []) if job.flow else None
        except Exception as exc:  # a defect must cost one flow (an incident), not the run
            log.exception("examining %s failed", job.key)
            out.append(Outcome(job.key, None, f"internal error while examining: "
                                              f"{type(exc).__name__}: {exc}"))
            continue
        if job.verdict_only:
            for doc in docs:
                doc.content = b""
        out.append(Outcome(job.key, docs, draft=draft))
    return out


def worker_count(settings: Settings) -> int:
    n = settings.validation.workers
    return n if n > 0 else (os.cpu_count() or 1)


class Examiner:
    """Runs ``examine`` over jobs in a pool of spawned workers (or inline)."""

    def __init__(self, settings: Settings, workers: int | None = None) -> None:
        self.settings = settings
        self.workers = workers or worker_count(settings)
        self.inline = settings.validation.start_method == "inline"
        self._pool: ProcessPoolExecutor | None = None
        if self.inline:
            _init(settings)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            method = self.settings.validation.start_method
            if method == "fork":
                raise ValueError("start_method 'fork' is refused: saxonche aborts after fork()")
            ctx = multiprocessing.get_context(method)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init,
                                             initargs=(self.settings, os.getpid()))
        return self._pool

    def warm_up(self) -> None:
        """Start every worker now (and build its layers), not on the first flow."""
        if self.inline:
            _layers()
            return
        pool = self._executor()
        futures = [pool.submit(_warm) for _ in range(self.workers)]
        for f in futures:
            f.result()

    def run(self, jobs: Sequence[Job], chunk: int = 16) -> Iterator[list[Outcome]]:
        """Examine ``jobs``; yields the outcomes of each chunk as it completes."""
        return self.results(self.submit(jobs, chunk))

    def submit(self, jobs: Sequence[Job], chunk: int = 16) -> Submission:
        """Queue ``jobs`` in chunks and return at once: the caller may prepare the next
        batch while the workers examine this one."""
        chunks = [list(jobs[i:i + chunk]) for i in range(0, len(jobs), chunk)]
        if self.inline:
            return Submission({}, chunks)
        futures: dict[Future, list[Job]] = {}
        for i, c in enumerate(chunks):
            try:
                futures[self._executor().submit(_run, c)] = c
            except BrokenProcessPool:
                return Submission(futures, chunks[i:])
        return Submission(futures, [])

    def results(self, sub: Submission) -> Iterator[list[Outcome]]:
        """The outcomes of a submission, chunk by chunk, as they complete.

        When a worker dies, the pool breaks and every chunk in it fails: those jobs are
        retried one by one in a new pool, so a poison flow only takes itself down.
        """
        if self.inline:
            for c in sub.unsubmitted:
                yield _run(c)
            return
        failed = list(sub.unsubmitted)
        for fut in as_completed(sub.futures):
            try:
                outcomes = fut.result()
            except (BrokenProcessPool, CancelledError):
                failed.append(sub.futures[fut])
                continue
            yield outcomes
        if failed:
            log.warning("a validation worker died; replacing it and retrying %d job(s)",
                        sum(len(c) for c in failed))
            if self._pool is not None and getattr(self._pool, "_broken", False):
                self._reset()
            yield from self._run_alone([j for c in failed for j in c])

    def _run_alone(self, jobs: Iterable[Job]) -> Iterator[list[Outcome]]:
        for job in jobs:
            for attempt in (1, 2):
                try:
                    yield self._executor().submit(_run, [job]).result()
                    break
                except BrokenProcessPool:
                    self._reset()
                    if attempt == 2:
                        yield [Outcome(job.key, None,
                                       "the validation worker died twice on this flow")]

    def _reset(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Examiner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(slots=True)
class Submission:
    """Chunks of jobs given to the pool (futures), and those it could not take."""

    futures: dict[Future, list[Job]]
    unsubmitted: list[list[Job]]


def _warm() -> int:
    _layers()
    return os.getpid()
