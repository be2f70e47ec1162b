"""`edi process --layers xml,xsd` over N generated invoices (UBL and CII mixed), end to end.

Goal (issue 2): at least 300 flows/s on 2 cores, memory that does not grow with the batch.
Each size runs 3 times in a fresh workspace; the median is reported, with the machine's
load average (other work on 2 cores moves these figures a lot). Prints figures; asserts
nothing. Usage: python bench/process.py [N ...] (default 500 2000)
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
[validation]
layers = ["xml", "xsd"]
workers = {workers}
"""


def one(n: int, workers: int) -> tuple[float, float, int]:
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
        said = proc.stderr.strip().splitlines()[-1]
        print(f"  n={n:>6}: {n / elapsed:7.1f} flows/s end to end ({elapsed:.2f} s incl. "
              f"start-up; generation {gen:.1f} s), delivered {delivered}, peak RSS tree "
              f"{rss.peak_total / 1024:.0f} MB (parent {parent / 1024:.0f} MB); {said}")
        processing = float(said.split(" s (")[1].split("/s")[0])
        return n / elapsed, processing, rss.peak_total


def main() -> None:
    sizes = [int(x) for x in sys.argv[1:]] or [500, 2000]
    print(f"bench/process.py on {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; default settings but "
          "quiet_period 0 and layers xml,xsd")
    for n in sizes:
        runs = sorted(one(n, workers=0) for _ in range(3))
        wall, processing, rss = runs[1]
        print(f"n={n}: median {wall:.0f} flows/s end to end, {processing:.0f} flows/s "
              f"processing (edi's own count, after start-up); peak RSS of the process tree "
              f"{max(r[2] for r in runs) / 1024:.0f} MB")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
