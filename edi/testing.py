"""The crash hook: ``EDI_CRASH_AT=<step>`` kills this very process with SIGKILL at a named
step, so tests can prove that a restart leaves every file accounted for.

``EDI_CRASH_AT=step:N`` kills at the N-th time the step is reached (default the first).
With ``EDI_CRASH_ONCE=<path>`` it kills only if that file does not exist yet, creating it
first: across processes (a validation worker and its replacement), it fires once.
Costs one string comparison per step when unset.

``EDI_HANG_ON=<text>`` (test only) makes a validation worker hang, sleeping, on every flow
whose file name contains ``<text>``: how tests cause a stuck examination (the
``[validation] task_timeout``, a prompt stop). Never set it in production.
"""

from __future__ import annotations

import os
import signal
import time

STEPS = (
    "claimed",      # files renamed into the work area, ledger not yet written
    "recorded",     # flows recorded IN_RECU
    "archived",     # original archived, status not yet IN_EN_ATTENTE_TRAITEMENT
    "examined",     # verdicts known, nothing routed
    "reserved",     # business keys reserved (duplicate guard)
    "delivered",    # one invoice delivered to a target, delivery not yet recorded
    "rejected",     # rejected copy written
    "reported",     # compte rendu written, terminal status not yet committed
    "finished",     # terminal status committed
)
WORKER_STEPS = (
    "examining",    # inside a validation worker, before it judges a flow
)

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
