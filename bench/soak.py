"""Soak: N deposits (valid, invalid, hostile) through `edi watch`, a full disk, SIGKILLs.

The deposits come from ``edi.hostile`` (any names, broken files, XML attacks, archives).
They are fed to the inbox in waves while one `edi watch` runs; the output folders
(archive, outbox, rejected, reports) live on their own tmpfs, which is filled completely
for ``--full-seconds`` mid-run; the watcher is SIGKILLed ``--kills`` times at random
moments and restarted at once. At the end: every file one flow (lost), no invoice
delivered twice (doubled), every flow terminal (stuck), nothing left in the inbox or the
work area, each archived original byte-identical with its recorded sha256.

Needs root (it mounts a tmpfs). Prints figures; asserts nothing; exits 1 if any count
is wrong. Usage: python bench/soak.py [--count 10000] [--kills 5] [--full-seconds 120]
[--layers xml,xsd] [--seed 7]
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from edi import hostile  # noqa: E402

CONFIG = """
[paths]
outbox = "{store}/outbox"
rejected = "{store}/rejected"
archive = "{store}/archive"
reports = "{store}/reports"

[intake]
quiet_period = 0.2
scan_interval = 0.5
batch = 128

[validation]
layers = [{layers}]

[delivery]
max_wait = 3600
"""
TERMINAL = {"IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE", "IN_INCIDENTE"}


_running: list[subprocess.Popen] = []


def _start(root: Path, log) -> subprocess.Popen:
    """A new `edi watch`, in its own process group; killed at exit whatever happens."""
    proc = subprocess.Popen([sys.executable, "-m", "edi.cli", "watch"], cwd=root,
                            stdout=log, stderr=log, start_new_session=True)
    _running.append(proc)
    return proc


@atexit.register
def _kill_leftovers() -> None:
    for proc in _running:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)


def _statuses(root: Path) -> Counter:
    db = root / "var" / "edi.sqlite"
    if not db.exists():
        return Counter()
    try:
        with sqlite3.connect(db, timeout=30) as c:
            return Counter(dict(c.execute(
                "select status, count(*) from flows group by status")))
    except sqlite3.OperationalError:  # the first start has not created the tables yet
        return Counter()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--full-seconds", type=float, default=120.0)
    ap.add_argument("--layers", default="xml,xsd")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--store-mb", type=int, default=3000)
    ap.add_argument("--keep", action="store_true", help="keep the workspace")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    tmp = Path(tempfile.mkdtemp(prefix="edi-soak-"))
    root, store = tmp / "ws", tmp / "store"
    root.mkdir()
    store.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={args.store_mb}m", "tmpfs",
                              str(store)], capture_output=True, text=True)
    if mounted.returncode != 0:
        print(f"cannot mount a tmpfs (needs root): {mounted.stderr.strip()}")
        return 2
    layers = ", ".join(f'"{x}"' for x in args.layers.split(","))
    (root / "edi.toml").write_text(CONFIG.format(store=store, layers=layers))
    inbox = root / "inbox"
    inbox.mkdir()
    log = open(tmp / "watch.log", "ab")  # noqa: SIM115 - closed at the end
    print(f"bench/soak.py: {args.count} deposits, {args.kills} SIGKILLs, disk full "
          f"{args.full_seconds:.0f} s, layers {args.layers}, workspace {tmp}")

    generated = list(hostile.deposits(args.seed, args.count))
    # A name starting with "." is a file still being written (rsync, scp): left alone.
    deposits = [d for d in generated if not d.name.startswith(b".")]
    in_progress = [d for d in generated if d.name.startswith(b".")]
    hashes = Counter(hashlib.sha256(d.content).hexdigest() for d in deposits)
    print(f"  kinds: {dict(Counter(d.kind for d in deposits))}; {len(in_progress)} more "
          "named '.*' (in progress by convention: must be left alone)")

    t0 = time.perf_counter()
    proc = _start(root, log)
    fed = threading.Event()

    def feed() -> None:
        staging = root / "staging"
        staging.mkdir()
        for i in range(0, len(generated), 250):
            for d in generated[i:i + 250]:
                tmp_path = os.path.join(os.fsencode(staging), d.name)
                with open(tmp_path, "wb") as f:
                    f.write(d.content)
                os.rename(tmp_path, os.path.join(os.fsencode(inbox), d.name))
            time.sleep(0.5)
        fed.set()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()

    events: list[str] = []
    horizon = max(60.0, args.count / 60)
    kill_times = sorted(rng.uniform(5, horizon) for _ in range(args.kills))
    full_at = rng.uniform(10, horizon / 2)
    full_done = False
    filler = store / "filler"
    kills = 0
    while True:
        now = time.perf_counter() - t0
        if kills < len(kill_times) and now >= kill_times[kills]:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            kills += 1
            events.append(f"{now:6.1f} s SIGKILL #{kills} ({dict(_statuses(root))})")
            proc = _start(root, log)
        if not full_done and now >= full_at and not filler.exists():
            subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=1M"],
                           capture_output=True)
            events.append(f"{now:6.1f} s disk full ({store})")
        if filler.exists() and now >= full_at + args.full_seconds:
            filler.unlink()
            full_done = True
            events.append(f"{now:6.1f} s disk freed")
        counts = _statuses(root)
        done = sum(counts[s] for s in TERMINAL)
        if (fed.is_set() and full_done and kills >= len(kill_times)
                and done >= len(deposits) and len(os.listdir(inbox)) == len(in_progress)):
            break
        if proc.poll() is not None:
            events.append(f"{now:6.1f} s edi watch exited by itself ({proc.returncode}); "
                          "restarted")
            proc = _start(root, log)
        if now > horizon + args.full_seconds + 1800:
            events.append(f"{now:6.1f} s giving up: {dict(counts)}")
            break
        time.sleep(1.0)
    elapsed = time.perf_counter() - t0
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    log.close()
    for e in events:
        print("  " + e)

    flows = json.loads(subprocess.run(
        [sys.executable, "-m", "edi.cli", "flows", "--json", "--limit", "1000000"], cwd=root,
        capture_output=True, text=True, check=True).stdout)
    recorded = Counter(f["sha256"] for f in flows)
    lost = sum((hashes - recorded).values())
    extra = sum((recorded - hashes).values())
    stuck = [f for f in flows if f["status"] not in TERMINAL]
    delivered = [p.name for p in (store / "outbox").iterdir()]
    numbers = Counter(n.split("_", 1)[1].rsplit(".", 1)[0] for n in delivered if "_" in n)
    doubled = sum(c - 1 for c in numbers.values() if c > 1)
    archived = [p for p in (store / "archive").rglob("*") if p.is_file()]
    archive_hashes = Counter(hashlib.sha256(p.read_bytes()).hexdigest() for p in archived)
    left = (len(os.listdir(inbox)) - len(in_progress)
            + len(list((root / "var" / "work").glob("*"))))
    status = Counter(f["status"] for f in flows)
    print(f"  {len(flows)} flows in {elapsed:.0f} s ({len(flows) / elapsed:.1f} flows/s "
          f"with the full disk and restarts): {dict(status)}")
    print(f"  lost {lost}, extra flows {extra}, doubled deliveries {doubled}, stuck "
          f"{len(stuck)}, left in inbox/work {left}, archive mismatches "
          f"{sum((hashes - archive_hashes).values())}; {len(delivered)} delivered")
    incidents = Counter((f.get("detail") or "")[:60] for f in flows
                        if f["status"] == "IN_INCIDENTE")
    if incidents:
        print(f"  incidents: {dict(incidents.most_common(5))}")
    subprocess.run(["umount", "-l", str(store)], capture_output=True)
    if not args.keep:
        subprocess.run(["rm", "-rf", str(tmp)])
    ok = not (lost or extra or doubled or stuck or left)
    print("  OK" if ok else "  FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
