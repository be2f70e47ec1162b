"""The crash hook: ``EDI_CRASH_AT=<step>`` kills this very process with SIGKILL at a named
step, so tests can prove that a restart leaves every file accounted for.

``EDI_CRASH_AT=step:N`` kills at the N-th time the step is reached (default the first).
Costs one dictionary lookup per step when unset.
"""

from __future__ import annotations

import os
import signal

STEPS = (
    "claimed",      # files renamed into the work area, ledger not yet written
    "recorded",     # flows recorded IN_RECU
    "archived",     # original archived, status not yet IN_EN_ATTENTE_TRAITEMENT
    "examined",     # verdicts known, nothing routed
    "reserved",     # business keys reserved (duplicate guard)
    "delivered",    # one invoice delivered to a target, delivery not yet recorded
    "rejected",     # rejected copy written
    "reported",     # compte rendu written, terminal status not yet committed
    "finished",     # terminal status committed, work file still there
)

_target = os.environ.get("EDI_CRASH_AT", "")
_step, _, _nth = _target.partition(":")
_count = 0


def crash_point(step: str) -> None:
    global _count
    if step != _step:
        return
    _count += 1
    if _count >= int(_nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
