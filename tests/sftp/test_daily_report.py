"""`edi report daily --deliver` to an SFTP target, through the real CLI and a real sshd."""

from __future__ import annotations

from pathlib import Path

from tests.reports.test_daily_route import DAY, NAMES, edi, fill_day
from tests.sftp.conftest import listing
from tests.sftp.sshd import Sshd


def test_daily_report_goes_to_the_sftp_target_once(sshd: Sshd, remote: Path,
                                                   tmp_path: Path) -> None:
    fill_day(tmp_path, f"""
[routes]
daily_report = ["etat"]

[[routes.target]]
name = "etat"
url = "{sshd.url(remote)}"
known_hosts = "{sshd.known_hosts}"
key_file = "{sshd.ed25519.private}"
""")
    run = edi(tmp_path, "report", "daily", "--date", DAY, "--deliver")
    assert run.returncode == 0, run.stderr
    assert listing(remote) == NAMES                   # complete files, no temporary left
    for name in NAMES:
        assert (remote / name).read_bytes() == (tmp_path / "reports" / name).read_bytes()

    again = edi(tmp_path, "report", "daily", "--date", DAY, "--deliver")
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("not sent again") == 3 and "delivered" not in again.stderr
    assert listing(remote) == NAMES
