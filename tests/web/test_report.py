"""`edi report daily` through the real command line, on a ledger filled via its API."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from edi.ledger import Ledger
from edi.model import FlowStatus, Reason
from tests.web.conftest import BR_CO_15, BR_FR_12, REPO, add_flow, document, make_settings


def edi(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("EDI_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "edi.cli", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


def test_daily_report_counts_the_day_only(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    ledger = Ledger(settings.ledger_url)
    day = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
    try:
        add_flow(ledger, FlowStatus.IN_INTEGRE, [document("FA-1")], "a.xml", day)
        add_flow(ledger, FlowStatus.IN_INTEGRE, [document("FA-2")], "b.xml",
                 day.replace(hour=23, minute=59))
        add_flow(ledger, FlowStatus.IN_REJETE,
                 [document("FA-3", findings=(BR_FR_12, BR_CO_15), reason=Reason.REJ_SEMAN,
                           delivered=False)], "c<script>.xml", day.replace(hour=10),
                 reason="REJ_SEMAN")
        add_flow(ledger, FlowStatus.IN_REJETE, [document("FA-4", findings=(BR_FR_12,),
                                                          delivered=False)],
                 "other-day.xml", datetime(2025, 3, 15, 0, 0, 1, tzinfo=UTC),
                 reason="REJ_SEMAN")
    finally:
        ledger.close()

    run = edi(tmp_path, "report", "daily", "--date", "2025-03-14")
    assert run.returncode == 0, run.stderr
    reports = tmp_path / "reports"
    written = {Path(line).name for line in run.stdout.split()}
    assert written == {"daily-2025-03-14.csv", "daily-2025-03-14.summary.csv",
                       "daily-2025-03-14.html"}

    rows = list(csv.DictReader((reports / "daily-2025-03-14.csv").open(encoding="utf-8")))
    assert sorted(r["file_name"] for r in rows) == ["a.xml", "b.xml", "c<script>.xml"]
    summary = {(r["kind"], r["key"]): int(r["count"]) for r in
               csv.DictReader((reports / "daily-2025-03-14.summary.csv").open())}
    assert summary[("verdict", "IN_INTEGRE")] == 2
    assert summary[("verdict", "IN_REJETE")] == 1           # the 15th's flow is not counted
    assert summary[("reason", "REJ_SEMAN")] == 1
    assert summary[("rule", "BR-FR-12")] == 1 and summary[("rule", "BR-CO-15")] == 1

    page = (reports / "daily-2025-03-14.html").read_text(encoding="utf-8")
    assert "BR-CO-15" in page and "REJ_SEMAN" in page
    assert "c&lt;script&gt;.xml" in page and "c<script>" not in page   # escaped


def test_daily_report_rejects_a_bad_date(tmp_path: Path) -> None:
    run = edi(tmp_path, "report", "daily", "--date", "14/03/2025")
    assert run.returncode == 2 and "YYYY-MM-DD" in run.stderr


FORMULAS = ['=HYPERLINK("http://x","y").xml', "+33 1 23.xml", "-2+3.xml", "@SUM(A1).xml",
            "\tTAB.xml", "\rCR.xml"]


def test_daily_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    ledger = Ledger(settings.ledger_url)
    day = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
    try:
        for i, name in enumerate([*FORMULAS, "plain-1.xml"]):
            add_flow(ledger, FlowStatus.IN_INTEGRE, [document(f"FA-{i}")], name,
                     day.replace(minute=i))
    finally:
        ledger.close()

    run = edi(tmp_path, "report", "daily", "--date", "2025-03-14")
    assert run.returncode == 0, run.stderr
    with (tmp_path / "reports" / "daily-2025-03-14.csv").open(encoding="utf-8",
                                                                newline="") as f:
        rows = list(csv.DictReader(f))
    names = {r["file_name"] for r in rows}
    assert names == {"'" + n for n in FORMULAS} | {"plain-1.xml"}   # quoted, else as is
    assert all(r["invoice_count"] == "1" for r in rows)            # numbers stay numbers
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values())
