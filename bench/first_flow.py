"""How long the first invoices wait after `edi watch` starts: its workers compile the
official stylesheets while idle ([schematron] warm_up) or on their first invoice.

Each round starts the real `edi watch` (embedded defaults, quiet_period 0) in a fresh
workspace, waits ``--idle`` seconds (the workers start, build their layers and, with
warm_up, compile), then deposits one UBL invoice, then one CII invoice, then another UBL
one, each ``--gap`` seconds after the previous one's compte rendu is written (1 s: the
watcher idle again; 0: at once, as a steady trickle does); a deposit's latency is from
its rename into the inbox to its compte rendu (reports/*.cr.json). The third is the
steady state (nothing left to compile): the notice of the deposit and the flow's work.
``--warm-up`` sets [schematron] warm_up, e.g. ``--warm-up ''`` for none (compile on
first use), to compare in one run.

    .venv/bin/python bench/first_flow.py [--rounds 3] [--idle 8] [--gap 1] [--warm-up UBL,CII]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench._common import compiled  # noqa: E402

CONFIG = """
[intake]
quiet_period = 0.0
[validation]
workers = 2
[schematron]
warm_up = {warm_up}
"""


def _deposit(root: Path, name: str, data: bytes, gap: float, timeout: float = 60.0) -> float:
    """Seconds from the deposit of ``name`` to its compte rendu."""
    reports = root / "reports"
    before = set(reports.glob("*.cr.json")) if reports.is_dir() else set()
    tmp = root / f".{name}.part"
    tmp.write_bytes(data)
    t0 = time.perf_counter()
    os.rename(tmp, root / "inbox" / name)
    deadline = t0 + timeout
    while time.perf_counter() < deadline:
        if reports.is_dir() and set(reports.glob("*.cr.json")) - before:
            took = time.perf_counter() - t0
            time.sleep(gap)   # before the next deposit
            return took
        time.sleep(0.005)
    raise SystemExit(f"no compte rendu for {name} within {timeout:.0f} s")


def round_(warm_up: list[str], idle: float, gap: float) -> list[float]:
    from edi import samples

    with tempfile.TemporaryDirectory(prefix="edi-first-") as tmp:
        root = Path(tmp)
        (root / "inbox").mkdir()
        (root / "edi.toml").write_text(CONFIG.format(
            warm_up="[" + ", ".join(f'"{s}"' for s in warm_up) + "]"))
        proc = subprocess.Popen([sys.executable, "-m", "edi.cli", "watch"], cwd=root,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            time.sleep(idle)
            if proc.poll() is not None:
                raise SystemExit(f"edi watch stopped: {proc.stderr.read().decode()[-2000:]}")
            return [_deposit(root, "first-ubl.xml", samples.ubl_invoice(number="F-1"), gap),
                    _deposit(root, "first-cii.xml", samples.cii_invoice(number="F-2"), gap),
                    _deposit(root, "second-ubl.xml", samples.ubl_invoice(number="F-3"), gap)]
        finally:
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--idle", type=float, default=8.0,
                        help="seconds between the start and the first deposit")
    parser.add_argument("--gap", type=float, default=1.0,
                        help="seconds from a compte rendu to the next deposit (0: at once)")
    parser.add_argument("--warm-up", default="UBL,CII",
                        help="[schematron] warm_up, comma-separated ('' for none)")
    args = parser.parse_args()
    compiled()
    warm_up = [s for s in args.warm_up.split(",") if s]
    print(f"bench/first_flow.py: edi watch, warm_up {warm_up}, {args.idle:g} s idle, "
          f"{args.gap:g} s gaps, {args.rounds} rounds; load average {os.getloadavg()[0]:.2f}")
    got = [round_(warm_up, args.idle, args.gap) for _ in range(args.rounds)]
    for i, name in enumerate(("first UBL", "first CII", "second UBL (steady)")):
        values = [g[i] for g in got]
        print(f"  {name:<20} median {statistics.median(values) * 1000:6.0f} ms  "
              f"({', '.join(f'{v * 1000:.0f}' for v in values)})")


if __name__ == "__main__":
    main()
