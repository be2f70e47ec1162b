"""Dashboard speed with a big ledger: the filtered list and a flow's detail (goal < 100 ms),
a /metrics scrape (goal < 500 ms). Prints figures; asserts nothing.

    .venv/bin/python bench/dashboard.py [--flows 1000000] [--fresh]

The ledger (bench/out/dashboard.sqlite, gitignored) is filled once with synthetic flows by
bulk inserts straight into SQLite, then reused; the requests go over real HTTP to the
same server ``edi watch --serve`` starts.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from edi.config import load  # noqa: E402
from edi.ledger import Ledger  # noqa: E402

OUT = REPO / "bench" / "out"
STATUSES = [("IN_INTEGRE", 800), ("IN_REJETE", 100), ("IN_INTEGRE_PARTIEL", 50),
            ("IN_INCIDENTE", 20), ("IN_EN_ATTENTE_RETRAITEMENT_CPP", 2), ("IN_RECU", 1)]
FORMATS = [("UBL", 50), ("CII", 35), ("FACTURX", 15)]
RULES = ["BR-FR-12", "BR-CO-15", "BR-FR-05", "CHORUS-SERVICE", "CHORUS-ENGAGEMENT", "BR-16",
         "XSD", "BR-FR-09"]
TS = "%Y-%m-%d %H:%M:%S.%f"   # SQLAlchemy's SQLite DateTime storage format


def siret(i: int) -> str:
    return f"{i:014d}"


def fill(path: Path, n: int) -> None:
    """Bulk-insert n flows (one invoice each), their events and the rejected ones' findings."""
    rng = random.Random(42)
    statuses = [s for s, w in STATUSES for _ in range(w)]
    formats = [f for f, w in FORMATS for _ in range(w)]
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    start = datetime.now(UTC) - timedelta(days=90)
    step = timedelta(days=90) / n
    flows, invoices, events, findings = [], [], [], []

    def flush() -> None:
        db.executemany("INSERT INTO flows (flow_id, file_name, sha256, size, interface, source,"
                       " status, format, reason, received_at, updated_at, finished_at,"
                       " attempts, invoice_count, accepted_count, supplier, buyer,"
                       " archive_path, seconds) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       flows)
        db.executemany("INSERT INTO invoices (flow_id, seq, name, number, issue_date, format,"
                       " seller_id, buyer_id, currency, total_with_vat, status, status_code,"
                       " reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", invoices)
        db.executemany("INSERT INTO flow_events (flow_id, status, at, detail)"
                       " VALUES (?,?,?,?)", events)
        db.executemany("INSERT INTO findings (flow_id, seq, rule_id, severity, layer, location,"
                       " message) VALUES (?,?,?,?,?,?,?)", findings)
        db.commit()
        for rows in (flows, invoices, events, findings):
            rows.clear()

    for i in range(n):
        at = start + step * i
        flow_id = f"F{at.strftime('%Y%m%dT%H%M%S%f')}-{i % 65536:04x}00"
        status = rng.choice(statuses)
        fmt = rng.choice(formats)
        seller, buyer = siret(rng.randrange(2000)), siret(10**8 + rng.randrange(500))
        finished = at + timedelta(seconds=1)
        terminal = status not in ("IN_EN_ATTENTE_RETRAITEMENT_CPP", "IN_RECU")
        reason = "REJ_SEMAN" if status == "IN_REJETE" else None
        accepted = 0 if status == "IN_REJETE" else 1
        flows.append((flow_id, f"facture-{i}.xml", f"{i:064x}", 4000, "inbox",
                      f"inbox/facture-{i}.xml", status, fmt, reason, at.strftime(TS),
                      finished.strftime(TS), finished.strftime(TS) if terminal else None,
                      0, 1, accepted, seller, buyer,
                      f"archive/{at:%Y/%m/%d}/{flow_id}/facture-{i}.xml", 0.02))
        inv_status = ("REJETEE", 213) if status == "IN_REJETE" else ("DEPOSEE", 200)
        invoices.append((flow_id, 1, f"facture-{i}.xml", f"FA-{i:08d}", at.strftime("%Y-%m-%d"),
                         fmt, seller, buyer, "EUR", "1440.00", *inv_status, reason))
        events.append((flow_id, "IN_RECU", at.strftime(TS), "received"))
        events.append((flow_id, status, finished.strftime(TS), "1/1 invoice(s) accepted"))
        if status == "IN_REJETE":
            for rule in rng.sample(RULES, 2):
                findings.append((flow_id, 1, rule, "fatal", "br-fr", "/Invoice/cbc:X",
                                 f"{rule} failed: expected something else"))
            findings.append((flow_id, 1, "BR-FR-W-01", "warning", "br-fr", "/Invoice/cbc:Note",
                             "no PMT note"))
        if len(flows) >= 50_000:
            flush()
    flush()
    db.execute("INSERT OR REPLACE INTO scans (interface, at) VALUES ('inbox', ?)",
               (datetime.now(UTC).strftime(TS),))
    db.commit()
    db.execute("ANALYZE")
    db.close()


def timed(url: str, repeat: int = 7) -> tuple[float, float, int]:
    """Median and max milliseconds over ``repeat`` requests (after one warm-up)."""
    times = []
    size = 0
    for i in range(repeat + 1):
        t = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as r:
            size = len(r.read())
        if i:
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times), size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--flows", type=int, default=1_000_000)
    ap.add_argument("--fresh", action="store_true", help="rebuild the ledger")
    args = ap.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "dashboard.sqlite"
    (OUT / "edi.toml").write_text(f'[paths]\nledger = "sqlite:///{db}"\n', encoding="utf-8")
    settings = load(OUT / "edi.toml", base_dir=OUT)
    ledger = Ledger(settings.ledger_url)      # creates the tables and indexes
    have = ledger.count()
    if args.fresh or have != args.flows:
        ledger.close()
        for p in OUT.glob("dashboard.sqlite*"):
            p.unlink()
        ledger = Ledger(settings.ledger_url)
        t = time.perf_counter()
        fill(db, args.flows)
        print(f"filled {args.flows:,} flows in {time.perf_counter() - t:.1f} s "
              f"({db.stat().st_size / 1e6:.0f} MB)")
    else:
        print(f"reusing {have:,} flows in {db}")
    ledger.record_scan("inbox")     # as a live watcher would, so /health answers 200
    ledger.close()

    from edi.web.app import serve_in_thread
    from tests.web.conftest import free_port

    port = free_port()
    stop = serve_in_thread(settings, "127.0.0.1", port)
    base = f"http://127.0.0.1:{port}"
    mid = args.flows // 2
    sample_id = sqlite3.connect(db).execute(
        "SELECT flow_id FROM flows WHERE status='IN_REJETE' ORDER BY flow_id LIMIT 1 OFFSET ?",
        (mid // 10,)).fetchone()[0]
    since = (datetime.now(UTC) - timedelta(days=30)).date().isoformat()
    cases = [
        ("list, no filter", "/api/flows"),
        ("list, status=IN_REJETE", "/api/flows?status=IN_REJETE"),
        ("list, status+format+since", f"/api/flows?status=IN_REJETE&format=CII&since={since}"),
        ("list, rare status IN_RECU", "/api/flows?status=IN_RECU"),
        ("list, supplier SIRET", f"/api/flows?supplier={siret(1234)}"),
        ("list, buyer SIRET + status", f"/api/flows?buyer={siret(10**8 + 7)}"
                                       "&status=IN_INCIDENTE"),
        ("search invoice number", f"/api/flows?q=FA-{mid:08d}"),
        ("search SIRET", f"/api/flows?q={siret(77)}"),
        ("search flow id", f"/api/flows?q={sample_id}"),
        ("list, page 100 (offset 5000)", "/api/flows?offset=5000"),
        ("list page HTML, status", "/flows?status=IN_REJETE"),
        ("detail JSON", f"/api/flows/{sample_id}"),
        ("detail HTML", f"/flows/{sample_id}"),
        ("overview JSON (14 days)", "/api/overview"),
        ("/health", "/health"),
        ("/metrics scrape", "/metrics"),
    ]
    try:
        print(f"{'request':34} {'median ms':>10} {'max ms':>8} {'bytes':>8}  goal")
        for name, path in cases:
            if path == "/health":
                scans = Ledger(settings.ledger_url)
                scans.record_scan("inbox")   # the watcher's heartbeat, as edi watch writes it
                scans.close()
            med, worst, size = timed(base + path, 3 if "overview" in name else 7)
            goal = 500 if "metrics" in name else (100 if ("list" in name or "search" in name
                                                           or "detail" in name) else None)
            mark = "" if goal is None else ("ok" if worst < goal else f"OVER {goal} ms")
            print(f"{name:34} {med:10.1f} {worst:8.1f} {size:8}  {mark}")
    finally:
        stop()


if __name__ == "__main__":
    main()
