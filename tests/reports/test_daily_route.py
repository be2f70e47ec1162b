"""`edi report daily --deliver`: the day's summary routed to folder targets, through the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from edi.ledger import Ledger
from edi.model import FlowStatus, Reason
from tests.web.conftest import BR_FR_12, REPO, add_flow, document, make_settings

DAY = "2025-03-14"
NAMES = [f"daily-{DAY}.csv", f"daily-{DAY}.html", f"daily-{DAY}.summary.csv"]
ROUTES = """
[routes]
daily_report = ["ops"]

[[routes.target]]
name = "ops"
url = "ops/reports"
"""


def edi(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("EDI_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "edi.cli", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


def fill_day(root: Path, extra: str = "") -> None:
    """edi.toml (``extra``) in ``root`` and two flows on DAY in its ledger."""
    settings = make_settings(root, extra)
    ledger = Ledger(settings.ledger_url)
    at = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
    try:
        add_flow(ledger, FlowStatus.IN_INTEGRE, [document("FA-1")], "a.xml", at)
        add_flow(ledger, FlowStatus.IN_REJETE,
                 [document("FA-2", findings=(BR_FR_12,), reason=Reason.REJ_SEMAN,
                           delivered=False)], "b.xml", at.replace(hour=10),
                 reason="REJ_SEMAN")
    finally:
        ledger.close()


def test_deliver_sends_the_day_to_the_configured_targets_once(tmp_path: Path) -> None:
    fill_day(tmp_path, ROUTES)
    target = tmp_path / "ops" / "reports"

    run = edi(tmp_path, "report", "daily", "--date", DAY, "--deliver")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in target.iterdir()) == NAMES      # no temporary left over
    for name in NAMES:
        assert (target / name).read_bytes() == (tmp_path / "reports" / name).read_bytes()
        assert f"ops: {name} delivered" in run.stderr
    assert "b.xml" in (target / f"daily-{DAY}.csv").read_text(encoding="utf-8")

    # A rerun finds the day's names at the target and sends nothing again.
    (target / f"daily-{DAY}.html").write_text("as the partner got it", encoding="utf-8")
    again = edi(tmp_path, "report", "daily", "--date", DAY, "--deliver")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in target.iterdir()) == NAMES
    assert (target / f"daily-{DAY}.html").read_text(encoding="utf-8") == "as the partner got it"
    assert "delivered" not in again.stderr
    assert again.stderr.count("already there, not sent again") == 3


def test_without_deliver_nothing_leaves_the_reports_folder(tmp_path: Path) -> None:
    fill_day(tmp_path, ROUTES)
    run = edi(tmp_path, "report", "daily", "--date", DAY)
    assert run.returncode == 0, run.stderr
    assert not (tmp_path / "ops").exists()


def test_to_names_a_folder_or_a_configured_target(tmp_path: Path) -> None:
    fill_day(tmp_path, ROUTES)
    run = edi(tmp_path, "report", "daily", "--date", DAY, "--to", "elsewhere/daily",
              "--to", "ops")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "elsewhere" / "daily").iterdir()) == NAMES
    assert sorted(p.name for p in (tmp_path / "ops" / "reports").iterdir()) == NAMES


def test_deliver_needs_a_target(tmp_path: Path) -> None:
    fill_day(tmp_path)
    run = edi(tmp_path, "report", "daily", "--date", DAY, "--deliver")
    assert run.returncode == 2 and "daily_report" in run.stderr
    unknown = edi(tmp_path, "report", "daily", "--date", DAY, "--to", "opz")
    assert unknown.returncode == 2 and "unknown target 'opz'" in unknown.stderr
    assert not (tmp_path / "opz").exists()


def test_a_misnamed_daily_report_target_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "edi.toml").write_text('[routes]\ndaily_report = ["opz"]\n')
    run = edi(tmp_path, "report", "daily", "--date", DAY, "--deliver")
    assert run.returncode == 2 and "routes.daily_report: unknown target 'opz'" in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "reports").exists()


def test_a_failed_delivery_fails_the_command_and_says_which_file(tmp_path: Path) -> None:
    fill_day(tmp_path)
    (tmp_path / "blocked").write_text("a file where the folder should be")
    run = edi(tmp_path, "report", "daily", "--date", DAY, "--to", "blocked/reports",
              "--to", "fine/reports")
    assert run.returncode == 1
    assert f"blocked/reports: daily-{DAY}.csv not delivered" in run.stderr
    assert "rerun --deliver" in run.stderr
    assert sorted(p.name for p in (tmp_path / "fine" / "reports").iterdir()) == NAMES
