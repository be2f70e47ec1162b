"""clamd scans per second on 1 KB, 100 KB and 10 MB files, over its Unix socket (INSTREAM).

Starts its own clamd (as the test suite does) with the one EICAR signature the suite
writes: the figures are the protocol's and clamd's scanning engine's cost, not a full
signature database's (a production database of ~8 million signatures loads in ~20 s and
makes each scan slower; run with CLAMD_SOCKET=/var/run/clamav/clamd.ctl to measure a
real one). One client, then two in parallel (this machine has two cores).

    .venv/bin/python bench/clamd.py
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from edi.validators.antivirus import Clamd  # noqa: E402
from tests.validators.test_antivirus import start_clamd  # noqa: E402

SIZES = (("1 KB", 1_000), ("100 KB", 100_000), ("10 MB", 10_000_000))


def rate(client: Clamd, data: bytes, seconds: float, parallel: int) -> float:
    done = 0
    deadline = time.perf_counter() + seconds

    def loop() -> int:
        count = 0
        while time.perf_counter() < deadline:
            assert client.scan(data) is None
            count += 1
        return count

    started = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        done = sum(pool.map(lambda _: loop(), range(parallel)))
    return done / (time.perf_counter() - started)


def main() -> None:
    given = os.environ.get("CLAMD_SOCKET")
    running = None
    if given:
        socket_path = given
    else:
        running = start_clamd(Path(tempfile.mkdtemp(prefix="edi-clamd-bench-")))
        socket_path = str(running.socket)
    client = Clamd(socket_path, 120)
    print(f"clamd {client.version()} at {socket_path}")
    rng = random.Random(15)
    try:
        for label, size in SIZES:
            data = rng.randbytes(size)
            seconds = 3.0 if size < 10_000_000 else 6.0
            one = rate(client, data, seconds, 1)
            two = rate(client, data, seconds, 2)
            print(f"{label:>7}: {one:8,.1f} scans/s (1 client, {one * size / 1e6:7,.1f} MB/s)"
                  f"  {two:8,.1f} scans/s (2 clients)")
    finally:
        if running is not None:
            running.process.terminate()
            running.process.wait(timeout=20)
            shutil.rmtree(running.folder, ignore_errors=True)


if __name__ == "__main__":
    main()
