"""What serving the dashboard costs the processing (issue 6 goal: at most 5% throughput).

The same workload twice: N generated invoices (UBL and CII mixed) already in the inbox of
a fresh workspace, ``[validation] layers = ["xml", "xsd"]``, processed by the real
``edi watch``, once alone and once with ``--serve`` while a client thread plays a browser
with the flows list open plus an eager Prometheus: every ``--every`` seconds it requests
the flows page, the JSON list the page polls, the newest flow's detail and ``/metrics``.

Throughput is N over the processing window the ledger records (first flow received to
last flow finished), so interpreter start-up and worker warm-up do not dilute the
difference; the wall time from start to all flows terminal is printed too. Runs alternate
(alone, served, alone, ...) so drifting machine load hits both alike.

On a shared machine the window swings with other people's load far more than by 5%, so
the script also reports CPU time of the `edi watch` process tree (parent and validation
workers), which hardly depends on anyone else's load: per flow over the window, and, once
every flow is terminal, for ``--idle`` more seconds with the client still polling. The
server's cost follows the client's request rate, not the flows, so that idle rate (served
minus alone, in cores) is the serving cost; over the machine's cores it is the share of
processing capacity serving takes when the processing keeps every core busy.
Prints figures; asserts nothing.

    .venv/bin/python bench/serve_overhead.py [--flows 1000] [--repeat 3] [--every 0.5]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench._common import tree_rss_kb  # noqa: E402
from edi import samples  # noqa: E402
from edi.model import TERMINAL_FLOW_STATUSES  # noqa: E402

CONFIG = """
[intake]
quiet_period = 0.0
batch = 256
[validation]
layers = ["xml", "xsd"]
workers = {workers}
"""
TERMINAL = tuple(str(s) for s in TERMINAL_FLOW_STATUSES)
TS = "%Y-%m-%d %H:%M:%S.%f"   # SQLAlchemy's SQLite DateTime storage format


@dataclass
class Run:
    served: bool
    window: float          # first received_at to last finished_at, from the ledger
    wall: float            # `edi watch` started to every flow terminal
    load: float            # 1-minute load average at the end of the run
    cpu: float = 0.0       # CPU seconds of the watch process tree over the window
    idle_cpu: float = 0.0  # cores the tree used once the flows were done (client still on)
    requests: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system, reaped children included) of ``pid`` and descendants."""
    total = 0
    for p in tree_rss_kb(pid):          # the same /proc walk, for the tree's pids
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15])   # utime stime cutime cstime
    return total / TICK


def ledger_counts(db: Path) -> int:
    """Terminal flows in the ledger, read-only (the watcher holds the write lock)."""
    if not db.exists():
        return 0
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        marks = ",".join("?" * len(TERMINAL))
        return con.execute(f"SELECT count(*) FROM flows WHERE status IN ({marks})",
                           TERMINAL).fetchone()[0]
    except sqlite3.OperationalError:       # schema not created yet
        return 0
    finally:
        con.close()


def ledger_window(db: Path) -> tuple[float, float]:
    """Epoch seconds of the first flow received and of the last flow finished."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        first, last = con.execute(
            "SELECT min(received_at), max(finished_at) FROM flows").fetchone()
    finally:
        con.close()
    return tuple(datetime.strptime(t, TS).replace(tzinfo=UTC).timestamp()  # type: ignore[return-value]
                 for t in (first, last))


class Client(threading.Thread):
    """A browser on /flows (page plus its JSON poll), a flow's detail, and a scraper."""

    def __init__(self, base: str, every: float, run: Run) -> None:
        super().__init__(name="bench-client", daemon=True)
        self.base = base
        self.every = every
        self.run_ = run
        self.stop = threading.Event()

    def get(self, path: str) -> bytes | None:
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as resp:
                body = resp.read()
        except (urllib.error.URLError, OSError):
            self.run_.errors += 1
            return None
        self.run_.latencies.append(time.perf_counter() - t0)
        self.run_.requests += 1
        return body

    def run(self) -> None:
        while not self.stop.is_set():
            t0 = time.perf_counter()
            self.get("/flows")
            listing = self.get("/api/flows")
            flows = json.loads(listing)["flows"] if listing else []
            if flows:
                self.get(f"/flows/{flows[0]['flow_id']}")
            self.get("/metrics")
            self.stop.wait(max(0.0, self.every - (time.perf_counter() - t0)))


def one(n: int, served: bool, workers: int, every: float, idle: float) -> Run:
    with tempfile.TemporaryDirectory(prefix="edi-bench-serve-") as tmp:
        root = Path(tmp)
        (root / "edi.toml").write_text(CONFIG.format(workers=workers))
        samples.write_batch(root / "inbox", n, mix=("ubl", "cii"))
        old = time.time() - 3600                 # stable at the first scan
        for p in (root / "inbox").iterdir():
            os.utime(p, (old, old))
        args = [sys.executable, "-m", "edi.cli", "watch"]
        port = free_port()
        if served:
            args += ["--serve", "--port", str(port)]
        db = root / "var" / "edi.sqlite"
        run = Run(served=served, window=0.0, wall=0.0, load=0.0)
        cpu: list[tuple[float, float]] = []     # (epoch, tree CPU seconds), every poll
        client = Client(f"http://127.0.0.1:{port}", every, run) if served else None
        with open(root / "watch.log", "w") as log:
            t0 = time.perf_counter()
            proc = subprocess.Popen(args, cwd=root, stdout=log, stderr=subprocess.STDOUT)
            try:
                if client:
                    client.start()             # refused connections until the server is up
                while True:
                    cpu.append((time.time(), tree_cpu(proc.pid)))
                    if ledger_counts(db) >= n:
                        break
                    if proc.poll() is not None:
                        raise SystemExit(f"edi watch exited ({proc.returncode}):\n"
                                         + (root / "watch.log").read_text())
                    time.sleep(0.25)
                run.wall = time.perf_counter() - t0
                c0, i0 = tree_cpu(proc.pid), time.perf_counter()
                time.sleep(idle)
                run.idle_cpu = (tree_cpu(proc.pid) - c0) / (time.perf_counter() - i0)
            finally:
                if client:
                    client.stop.set()
                    client.join()
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=60)
        first, last = ledger_window(db)
        run.window = last - first
        before = [c for t, c in cpu if t <= first] or [cpu[0][1]]
        run.cpu = cpu[-1][1] - before[-1]       # last poll before the first flow: to done
        run.load = os.getloadavg()[0]
        return run


def show(run: Run, n: int) -> None:
    what = "served" if run.served else "alone "
    line = (f"  {what}: {n / run.window:7.1f} flows/s (window {run.window:5.2f} s; wall "
            f"{run.wall:5.2f} s incl. start-up = {n / run.wall:6.1f}/s), CPU "
            f"{run.cpu * 1000 / n:5.2f} ms/flow, then idle {run.idle_cpu * 100:4.1f}% of a "
            f"core, load {run.load:.2f}")
    if run.served:
        lat = sorted(run.latencies)
        p50 = statistics.median(lat) * 1000 if lat else 0.0
        worst = lat[-1] * 1000 if lat else 0.0
        line += (f"; {run.requests} requests ({run.errors} refused/failed, before the "
                 f"server was up), median {p50:.0f} ms, max {worst:.0f} ms")
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--every", type=float, default=0.5,
                        help="seconds between the client's rounds of requests")
    parser.add_argument("--idle", type=float, default=10.0,
                        help="seconds to measure the CPU rate after the flows are done")
    parser.add_argument("--workers", type=int, default=0,
                        help="[validation] workers (0: one per core, as bench/process.py)")
    opts = parser.parse_args()
    print(f"bench/serve_overhead.py: {opts.flows} flows, layers xml,xsd, {os.cpu_count()} "
          f"cores, workers={opts.workers}, client every {opts.every} s; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    runs: list[Run] = []
    for _ in range(opts.repeat):
        for served in (False, True):
            runs.append(one(opts.flows, served, opts.workers, opts.every, opts.idle))
            show(runs[-1], opts.flows)
    alone = statistics.median(opts.flows / r.window for r in runs if not r.served)
    served = statistics.median(opts.flows / r.window for r in runs if r.served)
    alone_wall = statistics.median(opts.flows / r.wall for r in runs if not r.served)
    served_wall = statistics.median(opts.flows / r.wall for r in runs if r.served)
    cpu_alone = statistics.median(r.cpu / opts.flows for r in runs if not r.served)
    cpu_served = statistics.median(r.cpu / opts.flows for r in runs if r.served)
    print(f"median throughput: alone {alone:.1f} flows/s, served {served:.1f} flows/s: "
          f"cost {(1 - served / alone) * 100:+.1f}% (goal <= 5%); wall incl. start-up: "
          f"{alone_wall:.1f} vs {served_wall:.1f}/s "
          f"({(1 - served_wall / alone_wall) * 100:+.1f}%)")
    print(f"median CPU per flow: alone {cpu_alone * 1000:.2f} ms, served "
          f"{cpu_served * 1000:.2f} ms: serving adds {(cpu_served / cpu_alone - 1) * 100:+.1f}%"
          f" CPU (the server's share grows with the run's duration); load average now "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    idle_alone = statistics.median(r.idle_cpu for r in runs if not r.served)
    idle_served = statistics.median(r.idle_cpu for r in runs if r.served)
    cores = os.cpu_count() or 1
    print(f"median CPU once done: alone {idle_alone * 100:.1f}% of a core, served (client "
          f"every {opts.every} s) {idle_served * 100:.1f}%: serving costs "
          f"{(idle_served - idle_alone) * 100:.1f}% of a core = "
          f"{(idle_served - idle_alone) / cores * 100:.1f}% of the {cores} cores' processing "
          f"capacity (goal <= 5%)")


if __name__ == "__main__":
    main()
