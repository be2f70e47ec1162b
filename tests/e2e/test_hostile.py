"""Property: whatever a depositor sends, each file ends as one terminal flow, in bounded time.

Randomly named (any bytes, any encoding), randomly broken files and archives
(``edi.hostile``) go through the real ``edi process``; for every seed the run must exit 0
within its bound and account for every file: one flow each, every flow terminal, the
inbox and the work area empty, each archived original byte-identical with the sha256 the
ledger recorded, and a second run with nothing left to do.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter

import pytest

from edi import hostile
from tests.e2e.conftest import Workspace

TERMINAL = {"IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE", "IN_INCIDENTE"}
COUNT = 40
BOUND_SECONDS = 240  # a hang fails the test instead of wedging the suite


def _drop_raw(ws: Workspace, name: bytes, content: bytes) -> None:
    ws.inbox.mkdir(parents=True, exist_ok=True)
    path = os.path.join(os.fsencode(ws.inbox), name)
    with open(path, "wb") as f:
        f.write(content)
    old = 1_000_000_000
    os.utime(path, (old, old))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 22, 33])
def test_every_hostile_deposit_ends_in_one_terminal_flow(ws: Workspace, seed: int) -> None:
    ws.configure(layers=("xml", "xsd", "en16931", "br-fr", "identifiers", "chorus"),
                 batch=16)
    deposits = list(hostile.deposits(seed, COUNT))
    for d in deposits:
        _drop_raw(ws, d.name, d.content)

    ws.edi("process", timeout=BOUND_SECONDS)

    # A name starting with "." is a file still being written (rsync, scp and many ERPs
    # write ".name.tmp" then rename): it is left alone, untouched, as documented.
    in_progress = [d for d in deposits if d.name.startswith(b".")]
    deposits = [d for d in deposits if not d.name.startswith(b".")]
    for d in in_progress:
        with open(os.path.join(os.fsencode(ws.inbox), d.name), "rb") as f:
            assert f.read() == d.content

    flows = ws.flows()
    kinds = Counter(d.kind for d in deposits)
    assert len(flows) == len(deposits), f"one flow per file ({kinds})"
    stuck = [(f["file_name"], f["status"], f.get("detail")) for f in flows
             if f["status"] not in TERMINAL]
    assert not stuck, stuck
    assert sorted(os.listdir(os.fsencode(ws.inbox))) == sorted(d.name for d in in_progress), \
        "the inbox keeps only names in progress"
    assert ws.files("var/work") == [], "nothing left in the work area"

    by_hash = Counter(hashlib.sha256(d.content).hexdigest() for d in deposits)
    recorded = Counter(f["sha256"] for f in flows)
    assert recorded == by_hash, "each flow's sha256 is its deposit's"
    archived = ws.files("archive")
    assert len(archived) == len(deposits), "one archived original per file"
    assert Counter(hashlib.sha256(p.read_bytes()).hexdigest() for p in archived) == by_hash

    again = ws.edi("process", timeout=BOUND_SECONDS)
    assert len(ws.flows()) == len(deposits), f"a second run adds nothing: {again.stderr}"
