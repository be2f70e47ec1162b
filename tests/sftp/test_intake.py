"""SFTP intake against a real sshd, with the real claim and ledger: a stable remote file
becomes exactly one flow, and leaves the server only once recorded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from edi import config
from edi.config import Settings
from edi.intake.sftp import SftpIntake
from edi.ledger import Ledger
from edi.model import FlowStatus
from tests.sftp.conftest import REPO, listing
from tests.sftp.sshd import Sshd

INVOICE = b"<Invoice>F-2024-042</Invoice>\n"


def settings_for(tmp_path: Path, sshd: Sshd, remote: Path, extra: str = "") -> Settings:
    path = tmp_path / "edi.toml"
    path.write_text(textwrap.dedent(f"""
        [[sftp_intake.partner]]
        name = "acme"
        url = "{sshd.url(remote)}"
        known_hosts = "{sshd.known_hosts}"
        key_file = "{sshd.ed25519.private}"
        interval = 0.01
        """) + extra)
    return config.load(path, base_dir=tmp_path / "site")


@pytest.fixture
def site(tmp_path: Path, sshd: Sshd, remote: Path) -> Iterator[tuple[Settings, Ledger]]:
    settings = settings_for(tmp_path, sshd, remote)
    ledger = Ledger(settings.ledger_url)
    yield settings, ledger
    ledger.close()


def flows_in(ledger: Ledger) -> list[dict]:
    return ledger.flows()


def test_stable_file_becomes_one_flow_then_leaves_the_server(
        site: tuple[Settings, Ledger], remote: Path, sshd: Sshd) -> None:
    settings, ledger = site
    stale = settings.path(settings.paths.work) / "sftp" / "acme" / "facture-42.xml.part"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(INVOICE[:5])                           # a download cut by a crash
    (remote / "facture-42.xml").write_bytes(INVOICE)
    (remote / ".hidden.xml").write_bytes(INVOICE)          # never taken
    (remote / "uploading.xml.part").write_bytes(INVOICE)   # never taken
    intake = SftpIntake(settings, ledger)
    try:
        assert intake.poll(force=True) == []          # first sight: not yet known stable
        assert listing(remote) == [".hidden.xml", "facture-42.xml", "uploading.xml.part"]
        [flow] = intake.poll(force=True)
    finally:
        intake.close()
    assert flow.file_name == "facture-42.xml"
    assert flow.interface == "sftp:acme"
    assert flow.source == sshd.url(remote) + "/facture-42.xml"
    assert listing(remote) == [".hidden.xml", "uploading.xml.part"]
    recorded = ledger.get(flow.flow_id)
    assert recorded is not None and recorded.status is FlowStatus.IN_RECU
    work = settings.path(settings.paths.work)
    [work_file] = [p for p in work.iterdir() if p.is_file()]
    assert work_file.name.startswith(flow.flow_id) and work_file.read_bytes() == INVOICE
    assert list((work / "sftp" / "acme").iterdir()) == []   # no download left behind


def test_a_growing_file_waits(site: tuple[Settings, Ledger], remote: Path) -> None:
    settings, ledger = site
    growing = remote / "big.xml"
    growing.write_bytes(INVOICE[:10])
    intake = SftpIntake(settings, ledger)
    try:
        assert intake.poll(force=True) == []
        with growing.open("ab") as f:
            f.write(INVOICE[10:])
        assert intake.poll(force=True) == []          # size changed: seen anew
        [flow] = intake.poll(force=True)
    finally:
        intake.close()
    assert flow.size == len(INVOICE)
    assert listing(remote) == []


def test_after_move(tmp_path: Path, sshd: Sshd, remote: Path) -> None:
    done = remote / "done"
    done.mkdir()
    settings = settings_for(tmp_path, sshd, remote, f'after = "move"\nmove_to = "{done}"\n')
    ledger = Ledger(settings.ledger_url)
    (remote / "f.xml").write_bytes(INVOICE)
    intake = SftpIntake(settings, ledger)
    try:
        intake.poll(force=True)
        assert len(intake.poll(force=True)) == 1
    finally:
        intake.close()
        ledger.close()
    assert listing(remote) == ["done"]
    assert listing(done) == ["f.xml"]


CRASHING_POLL = """
import sys
from edi import config
from edi.intake.sftp import SftpIntake
from edi.ledger import Ledger
settings = config.load(sys.argv[1], base_dir=config.Path(sys.argv[2]))
intake = SftpIntake(settings, Ledger(settings.ledger_url))
intake.poll(force=True)
intake.poll(force=True)
print("not killed")
"""


def test_crash_between_record_and_remote_delete_makes_no_second_flow(
        tmp_path: Path, sshd: Sshd, remote: Path) -> None:
    settings = settings_for(tmp_path, sshd, remote)
    (remote / "f.xml").write_bytes(INVOICE)
    env = {**os.environ, "EDI_CRASH_AT": "recorded",
           "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-c", CRASHING_POLL, str(tmp_path / "edi.toml"),
                          str(settings.base_dir)], env=env, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == -signal.SIGKILL, run.stdout + run.stderr
    ledger = Ledger(settings.ledger_url)
    try:
        [before] = ledger.flows()
        assert listing(remote) == ["f.xml"]        # recorded, not yet removed remotely
        intake = SftpIntake(settings, ledger)
        try:
            assert intake.poll(force=True) == []
            assert intake.poll(force=True) == []   # found by source and hash: no new flow
        finally:
            intake.close()
        assert [f["flow_id"] for f in ledger.flows()] == [before["flow_id"]]
        assert listing(remote) == []
    finally:
        ledger.close()


def test_a_partner_down_does_not_stop_the_others(tmp_path: Path, sshd: Sshd, own_sshd: Sshd,
                                                  remote: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    settings = settings_for(tmp_path, sshd, remote, f"""
[[sftp_intake.partner]]
name = "down"
url = "{own_sshd.url(other)}"
known_hosts = "{own_sshd.known_hosts}"
key_file = "{own_sshd.ed25519.private}"
connect_timeout = 2
""")
    own_sshd.stop()
    ledger = Ledger(settings.ledger_url)
    (remote / "f.xml").write_bytes(INVOICE)
    (other / "g.xml").write_bytes(INVOICE)
    intake = SftpIntake(settings, ledger)
    try:
        intake.poll(force=True)
        assert [f.file_name for f in intake.poll(force=True)] == ["f.xml"]
        assert "cannot connect" in intake.errors["down"]
        own_sshd.start()
        intake.poll(force=True)
        assert [f.file_name for f in intake.poll(force=True)] == ["g.xml"]
        assert "down" not in intake.errors
    finally:
        intake.close()
        ledger.close()
    assert listing(remote) == listing(other) == []
