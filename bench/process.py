"""`edi process --layers xml,xsd` over N generated invoices (UBL and CII mixed), end to end.

Goal (issue 2, issue 17): at least 300 flows/s on 2 cores, memory that does not grow with
the batch. Each size runs 3 times in a fresh workspace; the median is reported, with the
machine's load average (other work on 2 cores moves these figures a lot). Prints figures;
asserts nothing.

    python bench/process.py [N ...]                        (default 500 2000)
    python bench/process.py --compare /tmp/before [--dir D] [--runs 3] [N ...]

``--compare`` runs the code of another checkout (a ``git worktree add`` of the base
commit) and this one alternately, in fresh workspaces under the same folder, so both see
the same machine load; it prints each run, then the ratios of the medians. Besides flows/s
it prints the parent's user and system CPU per flow (the parent is the bottleneck: it
claims, archives, delivers, writes the comptes rendus and the ledger) and the workers'.

``--dir``: where the workspaces go (default: the system temporary folder). Each run
prints what creating a file costs there (``create``, µs of CPU, measured just before):
on an ext4 without a journal the kernel skips every inode freed in the last ~30 s when it
allocates one (``recently_deleted`` in ``find_inode_bit``), so a folder where anything on
the machine deleted many files lately makes every file created there cost up to a
millisecond; our 4 files and 1 folder per flow then dominate. Compare runs only with
similar ``create`` figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench._common import tree_rss_kb  # noqa: E402
from edi import samples  # noqa: E402

CONFIG = """
[intake]
quiet_period = 0.0
[validation]
layers = ["xml", "xsd"]
workers = {workers}
"""


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def create_cost(folder: Path, n: int = 200) -> float:
    """µs of CPU to create one empty file in ``folder`` (the files are kept: deleting
    them would make the next creations dearer, see the module doc)."""
    probe = folder / "probe"
    probe.mkdir()
    t0 = time.process_time()
    for i in range(n):
        os.close(os.open(probe / f"p{i}", os.O_WRONLY | os.O_CREAT | os.O_EXCL))
    return (time.process_time() - t0) / n * 1e6


def one(n: int, workers: int, code: Path | None = None, where: str | None = None,
        pause: float = 0.0) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="edi-bench-", dir=where) as tmp:
        root = Path(tmp)
        (root / "edi.toml").write_text(CONFIG.format(workers=workers))
        t0 = time.perf_counter()
        samples.write_batch(root / "inbox", n, mix=("ubl", "cii"))
        old = time.time() - 3600
        for p in (root / "inbox").iterdir():
            os.utime(p, (old, old))
        gen = time.perf_counter() - t0
        create = create_cost(root)
        before = load()
        proc, pid, elapsed, tree = run(root, code)
        if proc.returncode != 0:
            print(proc.stderr)
            raise SystemExit(f"edi process failed ({proc.returncode})")
        delivered = len(list((root / "outbox").iterdir()))
        parent_rss = tree.peak.get(pid, 0)
        user, system = tree.times.get(pid, (0.0, 0.0))
        workers_cpu = sum(u + s for p, (u, s) in tree.times.items() if p != pid)
        said = proc.stderr.strip().splitlines()[-1]
        processing = float(said.split(" s (")[1].split("/s")[0])
        label = str(code or REPO)
        print(f"  n={n:>6} {label}: {n / elapsed:7.1f} flows/s end to end ({elapsed:.2f} s "
              f"incl. start-up; generation {gen:.1f} s), {processing:.0f}/s processing; "
              f"parent CPU user {user / n * 1000:.2f} + sys {system / n * 1000:.2f} ms/flow, "
              f"workers {workers_cpu / n * 1000:.2f} ms/flow; create {create:.0f} µs; "
              f"delivered {delivered}; peak RSS tree {tree.peak_total / 1024:.0f} MB (parent "
              f"{parent_rss / 1024:.0f} MB; at 1/4, 1/2, 3/4, end {tree.course()} MB); "
              f"load {before} -> {load()}")
        # Removing the workspace frees ~5 inodes a flow: let the next run not pay for them.
    time.sleep(pause)
    return {"wall": n / elapsed, "processing": processing, "rss": tree.peak_total,
            "user": user / n, "sys": system / n, "workers": workers_cpu / n,
            "create": create}


PAUSE = 35.0   # seconds after a workspace is removed (see the module doc)
_TICKS = os.sysconf("SC_CLK_TCK")


class Tree:
    """Peak RSS (kB) and last seen user/system CPU seconds of a process tree."""

    def __init__(self) -> None:
        self.peak: dict[int, int] = {}
        self.peak_total = 0
        self.times: dict[int, tuple[float, float]] = {}
        self.parent: list[int] = []   # the parent's RSS (kB) at each sample, in order

    def course(self) -> str:
        """The parent's RSS at a quarter, half, three quarters and the end of the run, MB:
        flat once the workers are up means memory does not grow with the batch."""
        seen = self.parent
        if not seen:
            return "?"
        return " / ".join(f"{seen[min(len(seen) - 1, len(seen) * q // 4)] / 1024:.0f}"
                          for q in (1, 2, 3, 4))

    def sample(self, pid: int) -> None:
        rss = tree_rss_kb(pid)
        self.peak_total = max(self.peak_total, sum(rss.values()))
        if pid in rss:
            self.parent.append(rss[pid])
        for p, kb in rss.items():
            self.peak[p] = max(self.peak.get(p, 0), kb)
            try:
                with open(f"/proc/{p}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            self.times[p] = (int(fields[11]) / _TICKS, int(fields[12]) / _TICKS)


def run(root: Path, code: Path | None
        ) -> tuple[subprocess.CompletedProcess[str], int, float, Tree]:
    """`edi process` in ``root`` with the code of ``code`` (a checkout) or this one."""
    env = {**os.environ, "PYTHONPATH": str(code or REPO)}
    tree = Tree()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "edi.cli", "process"], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    err: list[str] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()))  # type: ignore[union-attr]
    reader.start()
    while proc.poll() is None:
        tree.sample(proc.pid)
        time.sleep(0.1)
    elapsed = time.perf_counter() - t0
    reader.join()
    out = proc.stdout.read() if proc.stdout else ""
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err[0])
    return done, proc.pid, elapsed, tree


def compare(sizes: list[int], base: Path, after: Path, runs: int, where: str | None,
            pause: float) -> None:
    print(f"bench/process.py --compare {base} (after: {after}): {runs} run(s) each, "
          f"alternately, on "
          f"{os.cpu_count()} cores, load average {load()}")
    for n in sizes:
        got: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
        for _ in range(runs):
            got["before"].append(one(n, 0, code=base, where=where, pause=pause))
            got["after"].append(one(n, 0, code=after, where=where, pause=pause))
        med = {k: {m: statistics.median(r[m] for r in v) for m in v[0]}
               for k, v in got.items()}
        b, a = med["before"], med["after"]
        print(f"n={n} medians, before -> after (ratio after/before):")
        for m, what in (("wall", "flows/s end to end"), ("processing", "flows/s processing"),
                        ("user", "parent user CPU s/flow"), ("sys", "parent sys CPU s/flow"),
                        ("workers", "workers CPU s/flow"), ("create", "create µs")):
            print(f"  {what:<24} {b[m]:10.5g} -> {a[m]:10.5g}  ({a[m] / b[m]:.2f})"
                  if b[m] else f"  {what:<24} {b[m]} -> {a[m]}")
        print(f"  peak RSS tree MB         {b['rss'] / 1024:10.0f} -> {a['rss'] / 1024:10.0f}")
    print(f"load average after: {load()}")


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pause", type=float, default=PAUSE,
                    help="seconds between runs (removed workspaces: see the module doc)")
    ap.add_argument("sizes", nargs="*", type=int)
    ap.add_argument("--compare", type=Path, help="checkout whose code runs as 'before'")
    ap.add_argument("--after", type=Path, default=REPO,
                    help="checkout whose code runs as 'after' (default: this one)")
    ap.add_argument("--dir", help="where the workspaces go")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    sizes = args.sizes or [500, 2000]
    if args.compare is not None:
        compare(sizes, args.compare.resolve(), args.after.resolve(), args.runs, args.dir,
                args.pause)
        return
    print(f"bench/process.py on {os.cpu_count()} cores, load average {load()}; default "
          "settings but quiet_period 0 and layers xml,xsd")
    for n in sizes:
        results = sorted((one(n, 0, where=args.dir, pause=args.pause)
                          for _ in range(args.runs)),
                         key=lambda r: r["wall"])
        mid = results[len(results) // 2]
        print(f"n={n}: median {mid['wall']:.0f} flows/s end to end, {mid['processing']:.0f} "
              f"flows/s processing (edi's own count, after start-up); peak RSS of the "
              f"process tree {max(r['rss'] for r in results) / 1024:.0f} MB")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
