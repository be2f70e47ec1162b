"""`edi validate --layers xml,xsd DIR` over N generated invoices in one run.

Goal (issue 2): at least 2,000 invoices per second per core. Prints figures; asserts nothing.
Usage: python bench/validate.py [N] (default 10000)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import run_edi  # noqa: E402
from edi import samples  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="edi-bench-") as tmp:
        root = Path(tmp)
        samples.write_batch(root / "in", n, mix=("ubl", "cii"))
        for workers in (1, cores):
            proc, elapsed, rss = run_edi(
                ["validate", "--layers", "xml,xsd", "--workers", str(workers), "in"], root)
            assert proc.returncode == 0, proc.stderr[-2000:]
            print(f"workers={workers}: {n} invoices in {elapsed:.2f} s wall (incl. start-up) = "
                  f"{n / elapsed:.0f}/s = {n / elapsed / workers:.0f}/s per worker; "
                  f"edi says: {proc.stderr.strip().splitlines()[-1]}; "
                  f"peak RSS tree {rss.peak_total / 1024:.0f} MB")


if __name__ == "__main__":
    main()
