"""Lifecycle figures: CDAR messages ingested per second through `edi process` (XSD, the
official BR-FR-CDV Schematron, filing and matching), and the cost of an invoice's timeline
on the dashboard bench's ledger. Prints figures; asserts nothing.

    .venv/bin/python bench/lifecycle.py [--messages 500] [--workers 1 2]
                                        [--flows 1000000] [--skip-ingest] [--skip-timeline]

The timeline part reuses bench/out/dashboard.sqlite (made by bench/dashboard.py, with
--flows flows) and adds lifecycle statuses to 30 % of its invoices, once.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from edi.samples import ubl_invoice  # noqa: E402
from tests.lifecycle.helpers import status_message  # noqa: E402

OUT = REPO / "bench" / "out"
TS = "%Y-%m-%d %H:%M:%S.%f"


def edi(root: Path, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("EDI_CONFIG", None)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "edi.cli", *args], cwd=root, env=env, check=True,
                   capture_output=True, timeout=3600)
    return time.perf_counter() - t


def ingest(messages: int, workers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "edi.toml").write_text(
            "[intake]\nquiet_period = 0.0\nbatch = 256\n[validation]\n"
            f'layers = ["xml", "xsd"]\nworkers = {workers}\n', encoding="utf-8")
        inbox = root / "inbox"
        inbox.mkdir()
        for i in range(messages):
            (inbox / f"f{i}.xml").write_bytes(ubl_invoice(number=f"FA-{i:06d}"))
        edi(root, "process")
        now = datetime.now(UTC)
        for i in range(messages):
            (inbox / f"c{i}.xml").write_bytes(status_message(
                212, number=f"FA-{i:06d}", amount="4932.00", percent="20.00",
                at=now + timedelta(seconds=i)))
        seconds = edi(root, "process")
        con = sqlite3.connect(root / "var" / "edi.sqlite")
        filed, matched = con.execute("SELECT count(*), count(flow_id) FROM lifecycle_events"
                                     ).fetchone()
        con.close()
        print(f"ingest, {workers} worker(s): {messages} CDAR 212 messages in {seconds:.1f} s "
              f"= {messages / seconds:.0f} messages/s (edi process, start-up included); "
              f"{filed} filed, {matched} matched to their invoice")


def add_statuses(db: Path) -> int:
    con = sqlite3.connect(db)
    have = con.execute("SELECT count(*) FROM lifecycle_events").fetchone()[0]
    latest = con.execute("SELECT count(*) FROM lifecycle_latest").fetchone()[0]
    if have and latest:
        con.close()
        return int(have)
    if have:
        _latest(con)
        con.close()
        return int(have)
    rng = random.Random(12)
    rows = []
    n = 0
    for flow_id, seq, number, seller, issued in con.execute(
            "SELECT flow_id, seq, number, seller_id, issue_date FROM invoices "
            "WHERE status = 'DEPOSEE'"):
        if rng.random() > 0.3:
            continue
        base = datetime.fromisoformat(issued).replace(tzinfo=UTC)
        for k, code in enumerate((202, 205, 212)[:rng.randrange(1, 4)]):
            n += 1
            at = (base + timedelta(days=1 + 10 * k)).strftime(TS)
            rows.append((f"{n:064x}", flow_id, seq, number, seller[:9], issued, "380", code,
                         at, None, "cdar", "SE", f"M{n}", at))
        if len(rows) >= 50_000:
            _insert(con, rows)
    _insert(con, rows)
    _latest(con)
    con.close()
    return n


def _latest(con: sqlite3.Connection) -> None:
    """lifecycle_latest as filing keeps it: each invoice's last status in timeline order."""
    last: dict[tuple[str, int], tuple[int, str]] = {}
    for fid, seq, code, at in con.execute("SELECT flow_id, seq, code, at FROM lifecycle_events"
                                          " ORDER BY at, sequence, id"):
        last[(fid, seq)] = (code, at)
    con.executemany("INSERT OR REPLACE INTO lifecycle_latest (flow_id, seq, code, at) "
                    "VALUES (?,?,?,?)", [(f, s, c, a) for (f, s), (c, a) in last.items()])
    con.commit()
    con.execute("ANALYZE")


def _insert(con: sqlite3.Connection, rows: list[tuple]) -> None:
    con.executemany("INSERT INTO lifecycle_events (key, flow_id, seq, invoice_number, "
                    "seller_siren, issue_date, type_code, code, at, sequence, source, "
                    "issuer_role, message_id, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    rows)
    con.commit()
    rows.clear()


def timeline(flows: int) -> None:
    from edi.ledger import Ledger
    from edi.ledger import lifecycle as sql

    db = OUT / "dashboard.sqlite"
    if not db.exists():
        print(f"timeline: {db} is absent; run bench/dashboard.py --flows {flows} first")
        return
    ledger = Ledger(f"sqlite:///{db}")   # brings it to revision 0005
    from edi.ledger import schema

    schema.lifecycle_latest.create(ledger.engine, checkfirst=True)  # a ledger of a 0005 draft
    count = ledger.count()
    t = time.perf_counter()
    events = add_statuses(db)
    print(f"timeline: {count:,} flows, {events:,} lifecycle statuses "
          f"(added in {time.perf_counter() - t:.1f} s when missing)")
    with ledger.connection() as c:
        ids = [r[0] for r in c.exec_driver_sql(
            "SELECT flow_id FROM lifecycle_events WHERE flow_id IS NOT NULL "
            "ORDER BY random() LIMIT 200").all()]
    times, detail = [], []
    for fid in ids:
        with ledger.connection() as c:
            t0 = time.perf_counter()
            sql.timelines(c, [(fid, 1)])
            times.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        ledger.invoices(fid)
        detail.append((time.perf_counter() - t0) * 1000)
    print(f"timeline of one invoice: median {statistics.median(times):.2f} ms, "
          f"max {max(times):.2f} ms; a flow's invoices with their timelines (detail page): "
          f"median {statistics.median(detail):.2f} ms")
    for status in (212, 205):
        with ledger.connection() as c:
            t0 = time.perf_counter()
            rows = sql.invoice_rows(c, status=status, limit=50)
            ms = (time.perf_counter() - t0) * 1000
        print(f"edi invoices --status {status} --limit 50: {len(rows)} rows in {ms:.0f} ms")
    ledger.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=500)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--flows", type=int, default=1_000_000)
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--skip-timeline", action="store_true")
    args = ap.parse_args()
    if not args.skip_ingest:
        for w in args.workers:
            ingest(args.messages, w)
    if not args.skip_timeline:
        timeline(args.flows)


if __name__ == "__main__":
    main()
