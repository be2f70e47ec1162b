"""The steps of a flow's life, in order, as data (as KoSIT's ``DefaultCheck`` lists its
actions). The conductor (``edi.flow.conductor``) runs them in this order; the crash hook
(``edi.testing.STEPS``) is derived from the crash points listed here, so a test that
kills the process at every point kills it after every step.

Every step is redoable: each file and its directory are on disk before the ledger commits
a status that depends on them, and delivery names are deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Step:
    name: str                          # as the conductor and the logs name it
    does: str                          # what it does, in one line
    crash_points: tuple[str, ...] = ()  # EDI_CRASH_AT names reached after it, in order
    fail_point: str | None = None      # EDI_FAIL_AT name: a defect injected in it
    in_worker: bool = False            # runs in a validation worker, not in the parent


FLOW: tuple[Step, ...] = (
    Step("claim", "rename stable files into the work area, record them IN_RECU",
         ("claimed", "recorded")),
    Step("archive", "copy each original under archive/YYYY/MM/DD/<flow id>/",
         ("archived",)),
    Step("examine", "detect, parse and validate each invoice (in a worker)",
         ("examined",)),
    Step("duplicates", "refuse a file already integrated, an invoice already accepted",
         ("reserved",)),
    Step("deliver", "send each accepted invoice to its route's targets",
         ("delivered",), fail_point="deliver"),
    Step("render", "render the compte rendu in every registered format",
         fail_point="render"),
    Step("set aside", "copy rejected invoices and their compte rendu for the depositor",
         ("rejected",), fail_point="set-aside"),
    Step("return report", "send the compte rendu back to the depositor when a route says"),
    Step("record", "commit the group's files, then record each verdict in the ledger",
         ("reported", "finished"), fail_point="record"),
)

WORKER_CRASH_POINTS: tuple[str, ...] = (
    "examining",    # inside a validation worker, before it judges a flow
)


def crash_points() -> tuple[str, ...]:
    """Every crash point of the parent, in the order a flow reaches them."""
    return tuple(point for step in FLOW for point in step.crash_points)


def fail_points() -> tuple[str, ...]:
    return tuple(step.fail_point for step in FLOW if step.fail_point)
