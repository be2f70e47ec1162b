"""End to end through `edi watch`: invoices dropped in the inbox reach the partner's SFTP
folder, each exactly once, even when the partner's server is down when they arrive.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from edi.samples import ubl_invoice
from tests.sftp.conftest import REPO, listing
from tests.sftp.sshd import Sshd

pytestmark = pytest.mark.slow


def site_for(tmp_path: Path, server: Sshd, remote: Path) -> Path:
    site = tmp_path / "site"
    (site / "inbox").mkdir(parents=True)
    (site / "edi.toml").write_text(f"""
[intake]
quiet_period = 0.2
scan_interval = 0.3

[validation]
layers = ["xml", "xsd"]
workers = 1

[delivery]
attempts = 20
backoff_initial = 0.3
backoff_max = 1.0

[routes]
default = ["outbox", "partner"]

[[routes.target]]
name = "partner"
url = "{server.url(remote)}"
known_hosts = "{server.known_hosts}"
key_file = "{server.ed25519.private}"
connect_timeout = 2
timeout = 5
""")
    return site


def edi(site: Path, *args: str, **kw: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("EDI_CONFIG", None)
    return subprocess.Popen([sys.executable, "-m", "edi.cli", *args], cwd=site, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def flows(site: Path) -> list[dict]:
    out, err = edi(site, "flows", "--json", "--limit", "1000").communicate(timeout=60)
    assert out, err
    return json.loads(out)


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def drop(site: Path, count: int) -> None:
    for i in range(count):
        (site / "inbox" / f"facture-{i}.xml").write_bytes(ubl_invoice(number=f"E2E-{i:03d}"))


def watch_until(site: Path, condition: Callable[[], bool], what: str,
                during: Callable[[], None] | None = None) -> str:
    proc = edi(site, "watch")
    try:
        if during:
            during()
        try:
            wait_for(condition, 90, what)
        except AssertionError as exc:
            states = sorted((f["status"], f["file_name"]) for f in flows(site))
            raise AssertionError(f"{exc}; flows: {states}") from None
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return err


def assert_delivered_once(site: Path, remote: Path, count: int) -> None:
    """The partner holds exactly the accepted invoices, each once, under the same
    deterministic names as the outbox; every flow is terminal."""
    delivered = listing(remote)
    assert len(delivered) == count, delivered
    assert delivered == listing(site / "outbox")
    assert not [n for n in delivered if n.startswith(".") or n.endswith(".part")]
    statuses = {f["file_name"]: f["status"] for f in flows(site)}
    assert statuses == {f"facture-{i}.xml": "IN_INTEGRE" for i in range(count)}


def test_inbox_to_partner_sftp(sshd: Sshd, remote: Path, tmp_path: Path) -> None:
    site = site_for(tmp_path, sshd, remote)
    drop(site, 5)
    watch_until(site, lambda: len(listing(remote)) == 5, "5 files at the partner")
    assert_delivered_once(site, remote, 5)


def test_partner_down_at_start_then_back(own_sshd: Sshd, remote: Path, tmp_path: Path) -> None:
    own_sshd.stop()
    site = site_for(tmp_path, own_sshd, remote)
    drop(site, 4)

    def while_down() -> None:
        wait_for(lambda: any(f["status"] == "IN_EN_ATTENTE_TRAITEMENT_CPP" for f in flows(site)),
                 60, "a flow waiting for retry")
        assert listing(remote) == []
        own_sshd.start()

    watch_until(site, lambda: len(listing(remote)) == 4 and all(
        f["status"] == "IN_INTEGRE" for f in flows(site)), "4 flows integrated", while_down)
    assert_delivered_once(site, remote, 4)


def test_sessions_killed_while_delivering(own_sshd: Sshd, remote: Path,
                                          tmp_path: Path) -> None:
    site = site_for(tmp_path, own_sshd, remote)
    drop(site, 30)

    def all_sent() -> bool:
        return len(listing(remote)) == 30

    def kill_repeatedly() -> None:
        killed = 0
        while killed < 5 and not all_sent():  # a fast run may finish before five kills
            wait_for(lambda: bool(own_sshd.children()) or all_sent(), 60, "an SFTP session")
            if own_sshd.children():
                own_sshd.kill_sessions()
                killed += 1
            time.sleep(0.3)
        assert killed >= 1, "no SFTP session was ever killed: the test proved nothing"

    watch_until(site, lambda: len(listing(remote)) == 30 and all(
        f["status"] == "IN_INTEGRE" for f in flows(site)), "30 flows integrated",
        kill_repeatedly)
    assert_delivered_once(site, remote, 30)
