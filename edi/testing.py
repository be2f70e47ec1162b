"""The crash hook: ``EDI_CRASH_AT=<step>`` kills this very process with SIGKILL at a named
step, so tests can prove that a restart leaves every file accounted for.

``EDI_CRASH_AT=step:N`` kills at the N-th time the step is reached (default the first).
With ``EDI_CRASH_ONCE=<path>`` it kills only if that file does not exist yet, creating it
first: across processes (a validation worker and its replacement), it fires once.
Costs one string comparison per step when unset.

``EDI_HANG_ON=<text>`` (test only) makes a validation worker hang, sleeping, on every flow
whose file name contains ``<text>``: how tests cause a stuck examination (the
``[validation] task_timeout``, a prompt stop). Never set it in production.

Two more hooks cause faults a test cannot cause otherwise, and cost nothing unset:
``EDI_FAIL_AT=step:substring`` raises ``InjectedFault`` at a named step of concluding a
flow (``FAIL_STEPS``) when its file name contains ``substring`` (a defect that must cost
that flow only); ``EDI_STORAGE_FAULT=ERRNO:folder`` makes every durable write under
``folder`` fail with that errno (``ENOSPC``, ``EROFS``...) as a full or read-only disk
would, and with ``EDI_STORAGE_FAULT_WHILE=<path>`` only while that file exists, so a test
"frees the space" by removing it (several entries: separate them with ``;``).
"""

from __future__ import annotations

import errno
import os
import signal
import time
from pathlib import Path

from edi.flow.steps import WORKER_CRASH_POINTS, crash_points, fail_points
from edi.model import EdiError

# Derived from the flow's step list, never kept by hand: a crash test that kills at every
# point of STEPS kills after every step the conductor runs.
STEPS = crash_points()
WORKER_STEPS = WORKER_CRASH_POINTS
FAIL_STEPS = fail_points()

_target = os.environ.get("EDI_CRASH_AT", "")
_step, _, _nth = _target.partition(":")
_count = 0


def crash_point(step: str) -> None:
    global _count
    if step != _step:
        return
    _count += 1
    if _count < int(_nth or 1):
        return
    once = os.environ.get("EDI_CRASH_ONCE")
    if once:
        try:
            os.close(os.open(once, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
    os.kill(os.getpid(), signal.SIGKILL)


_hang_on = os.environ.get("EDI_HANG_ON", "")


def hang_point(name: str) -> None:
    """Sleep for good if ``name`` contains ``EDI_HANG_ON`` (test only; see above)."""
    if _hang_on and _hang_on in name:
        while True:
            time.sleep(3600)


class InjectedFault(EdiError, RuntimeError):
    """The defect ``EDI_FAIL_AT`` asked for."""


_fail_step, _, _fail_subject = os.environ.get("EDI_FAIL_AT", "").partition(":")


def fail_point(step: str, subject: str) -> None:
    if step == _fail_step and _fail_subject in subject:
        raise InjectedFault(f"injected fault at {step} for {subject!r}")


def _storage_faults() -> list[tuple[int, Path]]:
    faults = []
    for entry in os.environ.get("EDI_STORAGE_FAULT", "").split(";"):
        name, sep, folder = entry.partition(":")
        if sep and folder:
            faults.append((getattr(errno, name.strip()), Path(folder).resolve()))
    return faults


_faults = _storage_faults()
_fault_while = os.environ.get("EDI_STORAGE_FAULT_WHILE")


def storage_fault(path: Path) -> None:
    """Raise the ``OSError`` a full or read-only ``path`` would (see the module doc)."""
    if not _faults:
        return
    if _fault_while and not os.path.exists(_fault_while):
        return
    target = Path(os.path.abspath(path))
    for err, folder in _faults:
        if target == folder or folder in target.parents:
            raise OSError(err, os.strerror(err), str(path))
