"""Validation workers: processes started with spawn/forkserver, never fork.

saxonche aborts the process when a processor is used after fork() or from a thread that
did not create it. So each worker builds its own layers (and Saxon processor) in its own
main thread, and the parent never imports saxonche.

The pool is our own, not ``concurrent.futures``: each worker is a spawned process with a
pipe, examines one chunk of jobs at a time and sends back each job's outcome as soon as it
has it. So the parent always knows which flow a worker is on and since when, and can:

- bound each flow's examination (``[validation] task_timeout``): a worker over it is
  killed and replaced, that flow alone becomes an incident ("took longer than N s"), the
  rest of its chunk goes to the other workers;
- replace a worker that dies: the flow it was on is retried once, the rest of its chunk
  is examined as usual; a flow on which workers die twice is an incident, never lost;
- stop promptly: once a stop is requested (``stop_on``), the flows in hand have
  ``[intake] stop_grace`` seconds to come back, then the workers are killed and whatever
  did not finish stays unfinished in the ledger, taken up again at the next start.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from multiprocessing import connection as mp_connection
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from edi.config import Settings
from edi.model import Document, EdiError
from edi.testing import crash_point, hang_point

log = logging.getLogger(__name__)

# Per-process state of a worker.
_process_settings: Settings | None = None
_process_layers: list[Any] | None = None

STARTUP_TIMEOUT = 600.0  # seconds a new worker may take to build its layers
STARTUP_FAILURES = 3     # workers dying in a row before building their layers: give up
POLL = 0.2               # seconds between looks at a stop request while waiting
GATHER = 0.25            # seconds results() may wait for more chunks to conclude together
CHUNK = 16               # jobs sent to a worker at once (a batch's default)
GROUP = 64               # outcomes that make a group large enough not to wait for more
_DONE = object()         # what an exhausted compile_ahead gives


@dataclass(frozen=True, slots=True)
class Job:
    """One flow to examine: its bytes are read from ``path`` inside the worker."""

    key: str            # flow id, or the file path for `edi validate`
    name: str           # the deposited file name
    path: Path
    interface: str | None = None  # where it came from (scenarios may depend on it)
    verdict_only: bool = False    # `edi validate`: the bytes need not travel back


@dataclass(slots=True)
class Outcome:
    key: str
    documents: list[Document] | None
    error: str | None = None   # no verdict: the worker died twice, took too long, a defect


class WorkerStartError(EdiError, RuntimeError):
    """Validation workers die before they can examine anything."""


# -- inside a worker -------------------------------------------------------------------------

def _init(settings: Settings, parent: int | None = None) -> None:
    global _process_settings, _process_layers
    _process_settings = settings
    _process_layers = None
    if parent is not None:
        # Ctrl-C reaches the whole process group, and a service manager may send SIGTERM
        # to all of it: the parent decides what finishes and kills what does not; a
        # worker interrupted mid-flow would only print a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
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


def _examine(job: Job) -> Outcome:
    from edi.flow.examine import examine_file  # the parsers: the worker's, not the parent's

    assert _process_settings is not None
    layers = _layers()
    crash_point("examining")
    hang_point(job.name)
    try:
        docs = examine_file(job.name, job.path, _process_settings, layers, job.interface)
    except Exception as exc:  # a defect must cost one flow (an incident), not the run
        log.exception("examining %s failed", job.key)
        return Outcome(job.key, None, f"internal error while examining: "
                                      f"{type(exc).__name__}: {exc}")
    if job.verdict_only:
        for doc in docs:
            doc.content = b""
    return Outcome(job.key, docs)


def _serve(conn: Connection, settings: Settings, parent: int,
           compile_ahead: bool = False) -> None:
    """A worker's life: build the layers, say so, then examine chunk after chunk, sending
    each outcome as soon as it is known (the parent times each flow by them).

    ``compile_ahead`` (a long-lived pool: edi watch): while no chunk waits, the layers
    compile the stylesheets the commonest invoices need, one at a time, so that the
    first flows after a start pay none (``[schematron] warm_up``); a chunk that comes
    waits for one compilation at most. Not for a batch run, whose chunks come at once:
    a stylesheet its files do not need would delay them."""
    _init(settings, parent)
    try:
        _layers()
    except Exception as exc:  # the parent re-raises it: a bad plugin, a missing artefact
        log.exception("building the validation layers failed")
        conn.send(("failed", _sendable(exc)))
        return
    conn.send(("ready", os.getpid()))
    ahead: Iterator[None] = chain.from_iterable(
        layer.compile_ahead() for layer in _layers()
        if compile_ahead and hasattr(layer, "compile_ahead"))
    while True:
        ahead = _while_idle(conn, ahead)
        try:
            message = conn.recv()
        except EOFError:  # the parent is gone
            return
        if message is None:
            return
        task, jobs = message
        for job in jobs:
            conn.send(("outcome", task, _examine(job)))


def _while_idle(conn: Connection, ahead: Iterator[None]) -> Iterator[None]:
    """Advance ``ahead`` (one stylesheet compiled a step) until a message waits or it is
    done; returns what is left of it. Compiling ahead only saves time: if it fails, the
    worker goes on, and each stylesheet compiles (or fails, said in its flow's report)
    on first use."""
    try:
        while not conn.poll():
            if next(ahead, _DONE) is _DONE:
                break
    except Exception:
        log.exception("compiling ahead failed: the stylesheets compile on first use")
        return iter(())
    return ahead


def _sendable(exc: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # an exception that does not travel: its text does
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


# -- in the parent ---------------------------------------------------------------------------

def worker_count(settings: Settings) -> int:
    n = settings.validation.workers
    return n if n > 0 else (os.cpu_count() or 1)


@dataclass(slots=True, eq=False)
class Submission:
    """Jobs given to the workers: chunks not yet back (``pending``) and chunks back."""

    pending: int = 0
    done: deque[list[Outcome]] = field(default_factory=deque)


@dataclass(slots=True, eq=False)
class _Task:
    """A chunk of jobs; its outcomes come back in order, one by one."""

    id: int
    jobs: list[Job]
    submission: Submission
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def current(self) -> Job:
        return self.jobs[len(self.outcomes)]


@dataclass(slots=True, eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    started: float                 # monotonic
    ready: bool = False            # layers built
    task: _Task | None = None
    clock: float = 0.0             # when the job it is on began (as the parent saw it)


_live: set[_Worker] = set()  # every worker started and not yet reaped
_reaper = threading.Lock()
_reaper_installed = False


def _reap_all() -> None:
    """At exit, no worker survives (they ignore SIGTERM, which multiprocessing's own exit
    hook would send them before waiting for them forever)."""
    for w in list(_live):
        _kill(w)


def _kill(w: _Worker) -> None:
    if w.process.is_alive():
        w.process.kill()
    w.process.join(5)
    w.conn.close()
    _live.discard(w)


class Examiner:
    """Runs ``examine`` over jobs in a pool of spawned workers.

    A thread of the parent (the pump) keeps the workers fed and reads their outcomes
    while the main thread claims and concludes batches, as concurrent.futures' own
    management thread did; the pump alone starts, feeds, times and kills workers. Errors
    it meets (workers that cannot start) are raised in the main thread.
    """

    def __init__(self, settings: Settings, workers: int | None = None,
                 compile_ahead: bool = False) -> None:
        self.settings = settings
        self.workers = workers or worker_count(settings)
        self.compile_ahead = compile_ahead    # a long-lived pool: see _serve
        self.timeout = settings.validation.task_timeout
        self._pool: list[_Worker] = []
        self._queue: deque[_Task] = deque()
        self._next_id = 0
        self._deaths: dict[str, int] = {}     # job key -> workers that died on it
        self._startup_failures = 0
        self._stop: threading.Event | None = None
        self._grace = 0.0
        self._stop_seen: float | None = None
        self._abandoned = False
        self._warm = False                    # keep the full count of workers started
        self._early = 0                       # start workers up to this count, once
        self._cond = threading.Condition()    # guards all of the above, with the pump
        self._pump_thread: threading.Thread | None = None
        self._wake_r: Connection | None = None
        self._wake_w: Connection | None = None
        self._closing = False
        self._error: BaseException | None = None
        if settings.validation.start_method == "fork":
            raise ValueError("start_method 'fork' is refused: saxonche aborts after fork()")

    def stop_on(self, event: threading.Event, grace: float) -> None:
        """Once ``event`` is set, give the flows in hand ``grace`` seconds, then kill the
        workers and leave what did not finish unfinished (the next start recovers it)."""
        self._stop = event
        self._grace = grace

    @property
    def abandoned(self) -> bool:
        """A stop came and the grace ran out: flows were left for the next start."""
        return self._abandoned

    def start(self, count: int) -> None:
        """Start ``count`` workers (at most the pool's size) now and return at once:
        their start-up (an interpreter each, the parsers, the layers) then overlaps what
        the caller does meanwhile. Unlike warm_up, a worker that dies later is replaced
        only when work waits for it."""
        with self._cond:
            self._early = min(self.workers, max(0, count) + len(self._pool))
            self._wake()

    def warm_up(self) -> None:
        """Start every worker now (and build its layers), not on the first flow."""
        with self._cond:
            self._warm = True
            self._wake()
            while not self._abandoned and self._error is None and not (
                    len(self._pool) >= self.workers and all(w.ready for w in self._pool)):
                self._cond.wait(POLL)
            self._raise()

    def run(self, jobs: Sequence[Job], chunk: int = CHUNK) -> Iterator[list[Outcome]]:
        """Examine ``jobs``; yields outcomes as they complete (``results``)."""
        return self.results(self.submit(jobs, chunk))

    def submit(self, jobs: Sequence[Job], chunk: int = CHUNK) -> Submission:
        """Queue ``jobs`` in chunks and return at once: the caller may prepare the next
        batch while the workers examine this one."""
        chunks = [list(jobs[i:i + chunk]) for i in range(0, len(jobs), chunk)]
        sub = Submission()
        with self._cond:
            self._raise()
            if self._abandoned:  # stopping: these stay unfinished, for the next start
                return sub
            for c in chunks:
                self._queue.append(self._task(c, sub))
            if chunks:
                self._wake()
        return sub

    def results(self, sub: Submission) -> Iterator[list[Outcome]]:
        """The outcomes of a submission as they complete: each time, every chunk back
        since the last time, together.

        So the caller concludes as large a group as is ready: while it concludes one
        group, the workers finish the next chunks, which then come as one group, with one
        set of syncs and one ledger transaction for all of them. Outcomes of other
        submissions that arrive meanwhile are kept for them. After an abandoned stop, the
        chunks not back are simply not yielded.
        """
        while True:
            with self._cond:
                while not sub.done and sub.pending and self._error is None:
                    self._cond.wait(POLL)
                self._raise()
                if not sub.done:
                    return
                self._gather(sub)
                outcomes = [o for chunk in sub.done for o in chunk]
                sub.done.clear()
            yield outcomes

    def _gather(self, sub: Submission) -> None:
        """Wait a little (``GATHER`` seconds at most, under the lock's condition) for
        more chunks of ``sub``, until ``GROUP`` outcomes are back: each group the caller
        concludes costs two syncs and a ledger transaction, whatever its size."""
        deadline = time.monotonic() + GATHER
        while sub.pending and self._error is None and not self._abandoned:
            if sum(len(chunk) for chunk in sub.done) >= GROUP:
                return
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._cond.wait(left)

    def close(self) -> None:
        """Stop the pump; idle workers are asked to exit, busy ones (a stuck flow) killed."""
        with self._cond:
            self._closing = True
            thread = self._pump_thread
            if thread is not None:
                self._wake()
        if thread is not None:
            thread.join()
            self._pump_thread = None
        idle = [w for w in self._pool if w.task is None and w.ready]
        for w in idle:
            try:
                w.conn.send(None)
            except OSError:  # already gone
                continue
        deadline = time.monotonic() + 2
        for w in idle:
            w.process.join(max(0.0, deadline - time.monotonic()))
        self._kill_all()
        for end in (self._wake_r, self._wake_w):
            if end is not None:
                end.close()
        self._wake_r = self._wake_w = None

    def __enter__(self) -> Examiner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the main thread's side of the pump -------------------------------------------

    def _wake(self) -> None:
        """Start the pump if need be, and interrupt its wait (caller holds the lock)."""
        if self._pump_thread is None and not self._closing:
            self._wake_r, self._wake_w = multiprocessing.Pipe(duplex=False)
            self._pump_thread = threading.Thread(target=self._pump_forever,
                                                 name="edi-examiner", daemon=True)
            self._pump_thread.start()
        if self._wake_w is not None:
            self._wake_w.send_bytes(b"")

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def _task(self, jobs: list[Job], sub: Submission) -> _Task:
        self._next_id += 1
        sub.pending += 1
        return _Task(self._next_id, jobs, sub)

    # -- the pump (its own thread) ----------------------------------------------------

    def _pump_forever(self) -> None:
        try:
            while self._pump():
                pass
        except BaseException as exc:  # raised in the main thread, by results/warm_up
            with self._cond:
                self._error = exc
                self._kill_all()
                self._drop_all()
                self._cond.notify_all()

    def _pump(self) -> bool:
        """Once: start and feed workers, wait for them (bounded by the nearest deadline),
        then act on what came back, on deaths, on flows over their time and on a stop's
        grace. False when the pump is done (closing, or the stop's grace ran out)."""
        with self._cond:
            if self._closing:
                return False
            now = time.monotonic()
            if self._stop is not None and self._stop.is_set():
                if self._stop_seen is None:
                    self._stop_seen = now
                    log.info("stop requested: the flows in hand have %g s to finish",
                             self._grace)
                if now - self._stop_seen >= self._grace:
                    self._abandon()
                    self._cond.notify_all()
                    return False
            self._start_workers()
            self._dispatch()
            wait = 1.0
            for w in self._pool:
                if w.task is not None or not w.ready:
                    wait = min(wait, self._deadline(w) - now)
            if self._stop is not None:
                wait = min(wait, POLL)
            waitables: list[Any] = [self._wake_r]
            for w in self._pool:
                waitables += [w.conn, w.process.sentinel]
        ready = set(mp_connection.wait(waitables, max(0.0, wait)))
        with self._cond:
            if self._closing:
                return False
            if self._wake_r in ready:
                assert self._wake_r is not None
                while self._wake_r.poll():
                    self._wake_r.recv_bytes()
            for w in list(self._pool):
                if w.conn in ready or w.process.sentinel in ready:
                    self._read(w)
            now = time.monotonic()
            for w in list(self._pool):
                if (w.task is not None or not w.ready) and now > self._deadline(w):
                    self._lost(w, timed_out=w.ready)
            self._dispatch()
            self._cond.notify_all()
        return True

    def stopping(self) -> bool:
        """A stop was requested (``stop_on``)."""
        return self._stop is not None and self._stop.is_set()

    def _start_workers(self) -> None:
        """Up to the count: one per chunk waiting that no worker will take soon, those
        asked for by ``start``, or all of them for a warm-up; none once a stop is
        requested."""
        if self.stopping():
            return
        while len(self._pool) < self.workers:
            coming = sum(1 for w in self._pool if w.task is None)  # idle or starting
            if not self._warm and len(self._pool) >= self._early \
                    and len(self._queue) <= coming:
                break
            self._spawn()
        self._early = 0

    def _spawn(self) -> _Worker:
        global _reaper_installed
        ctx = multiprocessing.get_context(self.settings.validation.start_method)
        mine, theirs = ctx.Pipe(duplex=True)
        process = ctx.Process(  # type: ignore[attr-defined]  # typeshed: BaseContext
            target=_serve, args=(theirs, self.settings, os.getpid(), self.compile_ahead),
            name="edi-validation", daemon=True)
        process.start()
        theirs.close()
        w = _Worker(process, mine, time.monotonic())
        self._pool.append(w)
        _live.add(w)
        with _reaper:
            if not _reaper_installed:  # after multiprocessing's own hook: runs before it
                atexit.register(_reap_all)
                _reaper_installed = True
        return w

    def _dispatch(self) -> None:
        """Give queued chunks to idle workers that are ready (their clock starts now)."""
        for w in list(self._pool):
            if not self._queue:
                return
            if w.task is not None or not w.ready:
                continue
            task = self._queue.popleft()
            try:
                w.conn.send((task.id, task.jobs))
            except OSError:  # it died idle: the chunk never reached it
                self._queue.appendleft(task)
                self._pool.remove(w)
                _kill(w)
                continue
            w.task = task
            w.clock = time.monotonic()

    def _deadline(self, w: _Worker) -> float:
        if not w.ready:
            return w.started + STARTUP_TIMEOUT
        return w.clock + self.timeout if self.timeout > 0 else float("inf")

    def _read(self, w: _Worker) -> None:
        messages = []
        try:
            while w.conn.poll():
                messages.append(w.conn.recv())
            gone = w.process.exitcode is not None  # dead, its pipe drained
        except (EOFError, OSError):
            gone = True
        for message in messages:
            self._receive(w, message)
        if gone:
            self._lost(w, timed_out=False)

    def _receive(self, w: _Worker, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "ready":
            w.ready = True
            self._startup_failures = 0
        elif kind == "failed":
            raise message[1]
        elif kind == "outcome":
            task = w.task
            assert task is not None and task.id == message[1]
            outcome: Outcome = message[2]
            self._deaths.pop(outcome.key, None)
            task.outcomes.append(outcome)
            w.clock = time.monotonic()
            if len(task.outcomes) == len(task.jobs):
                self._complete(task)
                w.task = None
        else:
            raise AssertionError(f"unknown message from a worker: {kind!r}")

    def _complete(self, task: _Task) -> None:
        if task.outcomes:
            task.submission.done.append(task.outcomes)
        task.submission.pending -= 1

    def _lost(self, w: _Worker, timed_out: bool) -> None:
        """A worker died or overran: kill it; its flow is retried or an incident, the
        rest of its chunk goes back to the queue (first, they are the oldest)."""
        self._pool.remove(w)
        _kill(w)
        if not w.ready:
            self._startup_failures += 1
            log.warning("a validation worker died before it was ready (exit code %s)",
                        w.process.exitcode)
            if self._startup_failures >= STARTUP_FAILURES:
                raise WorkerStartError(
                    f"{self._startup_failures} validation workers in a row died before "
                    "building their layers; see the log above")
            return
        task = w.task
        if task is None:
            log.warning("an idle validation worker died (exit code %s)", w.process.exitcode)
            return
        job = task.current
        rest = task.jobs[len(task.outcomes) + 1:]
        if rest:
            self._queue.appendleft(self._task(rest, task.submission))
        if timed_out:
            log.error("flow %s (%s) took longer than %g s to examine; its worker is killed "
                      "and replaced", job.key, job.name, self.timeout)
            task.outcomes.append(Outcome(job.key, None, (
                f"examination took longer than {self.timeout:g} s ([validation] "
                "task_timeout); its worker was killed")))
        else:
            deaths = self._deaths[job.key] = self._deaths.get(job.key, 0) + 1
            log.warning("a validation worker died on %s (exit code %s); replacing it and "
                        "retrying %d job(s)", job.name, w.process.exitcode,
                        len(rest) + (deaths < 2))
            if deaths >= 2:
                self._deaths.pop(job.key)
                task.outcomes.append(Outcome(job.key, None,
                                             "the validation worker died twice on this flow"))
            else:
                self._queue.appendleft(self._task([job], task.submission))
        self._complete(task)

    def _abandon(self) -> None:
        """The stop's grace is over: kill every worker; flows not back stay unfinished."""
        left = sum(len(w.task.jobs) - len(w.task.outcomes) for w in self._pool if w.task)
        left += sum(len(t.jobs) for t in self._queue)
        if left:
            log.warning("stopping: %d flow(s) in hand did not finish within %g s; they stay "
                        "unfinished and are taken up again at the next start", left,
                        self._grace)
        self._kill_all()
        self._drop_all()
        self._abandoned = True

    def _kill_all(self) -> None:
        for w in self._pool:
            if w.task is not None:
                self._complete(w.task)
                w.task = None
            _kill(w)
        self._pool.clear()

    def _drop_all(self) -> None:
        for task in self._queue:
            self._complete(task)
        self._queue.clear()
