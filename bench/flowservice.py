"""POST /v1/flows under a burst: submissions per second a real `edi flow-service` holds
(each one durable in the ledger and the work area before its 202), with N concurrent
clients, then the same burst without a token (401s per second), and a check that
nothing was lost or doubled: every 202 is one flow in the ledger, every flow concluded.
Prints figures, asserts nothing.

    .venv/bin/python bench/flowservice.py [--requests 2000] [--clients 8] [--layers xml,xsd]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from edi.flowservice.client import FlowServiceClient, Unreachable  # noqa: E402
from edi.samples import ubl_invoice  # noqa: E402

TOKEN = "bench-token"


def start(root: Path, layers: str) -> tuple[subprocess.Popen[str], str]:
    (root / "edi.toml").write_text(f"""
[intake]
scan_interval = 0.5
batch = 256
[validation]
layers = [{", ".join(f'"{x}"' for x in layers.split(","))}]
[flow_service]
port = 0
""", encoding="utf-8")
    log = root / "stderr.log"
    with open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "edi.cli", "flow-service"], cwd=root,
                                env={**os.environ, "EDI_API_TOKEN": TOKEN}, text=True,
                                stdout=subprocess.DEVNULL, stderr=err)
    for _ in range(600):
        found = re.search(r"on (\S+)/v1", log.read_text())
        if found:
            return proc, found.group(1)
        time.sleep(0.1)
    raise SystemExit(f"edi flow-service did not start:\n{log.read_text()}")


def burst(url: str, contents: list[bytes], clients: int, token: str) -> tuple[float, Counter]:
    client = FlowServiceClient(url, token=token, timeout=120)

    def one(i: int) -> str:
        try:
            return str(client.submit(f"bench-{i:05d}.xml", contents[i],
                                     tracking_id=f"bench-{token[:4]}-{i:05d}").status)
        except Unreachable as exc:
            return f"unreachable ({type(exc.__cause__).__name__})"

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        counts = Counter(pool.map(one, range(len(contents))))
    return time.perf_counter() - t0, counts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--layers", default="xml,xsd")
    args = ap.parse_args()
    contents = [ubl_invoice(number=f"BENCH-{i:05d}") for i in range(args.requests)]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        proc, url = start(root, args.layers)
        try:
            seconds, counts = burst(url, contents, args.clients, TOKEN)
            print(f"POST /v1/flows: {args.requests} submissions, {args.clients} clients: "
                  f"{seconds:.1f} s, {args.requests / seconds:.0f} per second; answers "
                  f"{dict(counts)}")
            seconds, refused = burst(url, contents, args.clients, "wrong-token")
            print(f"POST /v1/flows without a valid token: {args.requests / seconds:.0f} per "
                  f"second; answers {dict(refused)}")
            db = sqlite3.connect(root / "var" / "edi.sqlite")
            t0 = time.perf_counter()
            while True:
                open_ = db.execute("select count(*) from flows where status not in "
                                   "('IN_INTEGRE','IN_INTEGRE_PARTIEL','IN_REJETE',"
                                   "'IN_INCIDENTE')").fetchone()[0]
                if open_ == 0 or time.perf_counter() - t0 > 1800:
                    break
                time.sleep(1)
            total = db.execute("select count(*) from flows").fetchone()[0]
            statuses = dict(db.execute("select status, count(*) from flows group by status"))
            print(f"ledger: {total} flows for {counts.get('202', 0)} answers 202 "
                  f"({'none lost, none doubled' if total == counts.get('202', 0) else 'MISMATCH'})"
                  f"; concluded {time.perf_counter() - t0:.0f} s after the burst: {statuses}")
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=120)


if __name__ == "__main__":
    main()
