"""`edi process --layers xml,xsd` over N generated invoices (UBL and CII mixed), end to end.

Goal (issue 2): at least 300 flows/s on 2 cores, memory that does not grow with the batch.
Prints figures; asserts nothing. Usage: python bench/process.py [N ...] (default 500 2000)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import run_edi  # noqa: E402
from edi import samples  # noqa: E402

CONFIG = """
[intake]
quiet_period = 0.0
batch = 256
[validation]
layers = ["xml", "xsd"]
workers = {workers}
"""


def one(n: int, workers: int) -> None:
    with tempfile.TemporaryDirectory(prefix="edi-bench-") as tmp:
        root = Path(tmp)
        (root / "edi.toml").write_text(CONFIG.format(workers=workers))
        t0 = time.perf_counter()
        samples.write_batch(root / "inbox", n, mix=("ubl", "cii"))
        old = time.time() - 3600
        for p in (root / "inbox").iterdir():
            os.utime(p, (old, old))
        gen = time.perf_counter() - t0
        proc, elapsed, rss = run_edi(["process"], root)
        if proc.returncode != 0:
            print(proc.stderr)
            raise SystemExit(f"edi process failed ({proc.returncode})")
        delivered = len(list((root / "outbox").iterdir()))
        parent = rss.peak_each.get(min(rss.peak_each), 0) if rss.peak_each else 0
        print(f"n={n:>6} workers={workers}: {n / elapsed:7.1f} flows/s end to end "
              f"({elapsed:.2f} s incl. start-up; generation {gen:.1f} s), delivered "
              f"{delivered}, peak RSS tree {rss.peak_total / 1024:.0f} MB "
              f"(parent {parent / 1024:.0f} MB); edi says: {proc.stderr.strip().splitlines()[-1]}")


def main() -> None:
    sizes = [int(x) for x in sys.argv[1:]] or [500, 2000]
    print(f"bench/process.py on {os.cpu_count()} cores")
    for n in sizes:
        one(n, workers=0)


if __name__ == "__main__":
    main()
