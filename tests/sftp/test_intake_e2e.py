"""End to end through `edi watch`: partners leave invoices in their SFTP folder; each
stable file becomes exactly one flow, leaves the server only once recorded, is delivered
if accepted, and its compte rendu goes back to the partner's reports folder, once.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from edi.samples import cii_invoice, ubl_invoice
from tests.sftp.conftest import listing
from tests.sftp.sshd import Sshd
from tests.sftp.test_watch_e2e import edi, flows, wait_for, watch_until

pytestmark = pytest.mark.slow

PARTNER = "acme"
INTERFACE = f"sftp:{PARTNER}"
MALFORMED = b"<?xml version='1.0'?>\n<Invoice><cbc:ID>broken"
TERMINAL = {"IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE", "IN_INCIDENTE"}


class Partner:
    """The partner's side of the server: what it deposits, what it gets back."""

    def __init__(self, root: Path, server: Sshd) -> None:
        self.server = server
        self.inbound = root / "in"        # polled by edi watch
        self.reports = root / "reports"   # where comptes rendus come back
        self.inbound.mkdir()
        self.reports.mkdir()
        self.deposited: dict[str, bytes] = {}

    def deposit(self, name: str, content: bytes) -> None:
        (self.inbound / name).write_bytes(content)
        self.deposited[name] = content

    def source(self, name: str) -> str:
        return self.server.url(self.inbound) + "/" + name


@pytest.fixture
def partner(remote: Path, sshd: Sshd) -> Partner:
    return Partner(remote, sshd)


@pytest.fixture
def crash_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """`edi()` passes the test's environment on: set EDI_CRASH_AT for one run at a time."""
    monkeypatch.delenv("EDI_CRASH_AT", raising=False)
    yield monkeypatch


def site_for(tmp_path: Path, partner: Partner) -> Path:
    server = partner.server
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
default = ["outbox"]

[[routes.route]]
name = "from {PARTNER}"
match = {{ interface = ["{INTERFACE}"] }}
targets = ["outbox"]
reports_to_depositor = true

[[sftp_intake.partner]]
name = "{PARTNER}"
url = "{server.url(partner.inbound)}"
known_hosts = "{server.known_hosts}"
key_file = "{server.ed25519.private}"
interval = 0.3
reports_folder = "{partner.reports}"
connect_timeout = 2
timeout = 5
""")
    return site


def watch_crashing_at(site: Path, step: str, crash_at: pytest.MonkeyPatch) -> None:
    """`edi watch` that SIGKILLs itself at ``step`` (edi.testing.crash_point)."""
    crash_at.setenv("EDI_CRASH_AT", step)
    proc = edi(site, "watch")
    crash_at.delenv("EDI_CRASH_AT")
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, f"exited {proc.returncode}, not at {step}: {err}"


def invoices(partner: Partner, first: int = 1) -> list[str]:
    """Deposit two UBL, one CII and one malformed file; the names of the valid ones."""
    valid = {f"ubl-{first}.xml": ubl_invoice(number=f"SFTP-{first:03d}"),
             f"cii-{first + 1}.xml": cii_invoice(number=f"SFTP-{first + 1:03d}"),
             f"ubl-{first + 2}.xml": ubl_invoice(number=f"SFTP-{first + 2:03d}")}
    for name, content in valid.items():
        partner.deposit(name, content)
    partner.deposit(f"broken-{first}.xml", MALFORMED)
    return list(valid)


def all_done(site: Path, partner: Partner) -> bool:
    """Every deposit taken, made a terminal flow, and answered with its compte rendu."""
    if listing(partner.inbound) or len(listing(partner.reports)) < len(partner.deposited):
        return False   # cheap checks first: `edi flows` is a process of its own
    found = flows(site)
    return (len(found) == len(partner.deposited)
            and all(f["status"] in TERMINAL for f in found))


def archived(site: Path) -> list[tuple[str, bytes]]:
    return sorted((p.name, p.read_bytes()) for p in (site / "archive").rglob("*")
                  if p.is_file())


def assert_collected_once(site: Path, partner: Partner, valid: list[str]) -> list[dict]:
    """One terminal flow per deposit, nothing left on the server, the accepted invoices
    in the outbox once each, every original archived once, one compte rendu per flow."""
    found = flows(site)
    assert sorted(f["file_name"] for f in found) == sorted(partner.deposited)
    for f in found:
        assert f["interface"] == INTERFACE
        assert f["source"] == partner.source(f["file_name"])
        assert f["status"] in TERMINAL, f
        want = "IN_INTEGRE" if f["file_name"] in valid else "IN_REJETE"
        assert f["status"] == want, f
        assert f["reason"] == (None if f["file_name"] in valid else "IRR_SYNTAX"), f
        report = (partner.reports / f"{f['flow_id']}.cr.xml").read_text()
        assert f["flow_id"] in report and f["status"] in report
    assert listing(partner.inbound) == []
    assert listing(site / "var" / "work" / "sftp" / PARTNER) == []
    outbox = sorted(p.read_bytes() for p in (site / "outbox").iterdir())
    assert outbox == sorted(partner.deposited[n] for n in valid)
    assert archived(site) == sorted(partner.deposited.items())
    assert listing(partner.reports) == sorted(f"{f['flow_id']}.cr.xml" for f in found)
    return found


def test_partner_deposits_are_collected_delivered_and_answered(
        tmp_path: Path, partner: Partner) -> None:
    site = site_for(tmp_path, partner)
    valid = invoices(partner)
    watch_until(site, lambda: all_done(site, partner), "every deposit answered")
    assert_collected_once(site, partner, valid)


def test_a_file_still_being_written_waits_until_stable(
        tmp_path: Path, partner: Partner) -> None:
    site = site_for(tmp_path, partner)
    ready = "ubl-1.xml"
    partner.deposit(ready, ubl_invoice(number="SFTP-001"))
    content = cii_invoice(number="SFTP-002")
    cut = content.index(b">\n", len(content) // 2) + 1   # between two elements
    growing = partner.inbound / "cii-2.xml"
    written = bytearray()

    def write_slowly() -> None:
        """Half an invoice, then ignorable whitespace every 0.08 s (edi polls every 0.3 s)
        until edi has been polling for a while, then the rest: taken early, it would be
        cut in the middle of an element and rejected. Nothing slow in here: a pause of
        two polls lets edi take the file, rightly."""
        with growing.open("wb") as f:

            def write(chunk: bytes) -> None:
                f.write(chunk)
                f.flush()
                written.extend(chunk)
                time.sleep(0.08)
                assert growing.exists(), "taken while still being written"

            write(content[:cut])
            while (partner.inbound / ready).exists():   # edi is not polling yet
                write(b" ")
            for _ in range(15):                          # five more polls at least
                write(b" ")
            write(content[cut:])
        partner.deposited[growing.name] = bytes(written)

    watch_until(site, lambda: all_done(site, partner), "both deposits answered",
                write_slowly)
    assert_collected_once(site, partner, [ready, growing.name])


@pytest.mark.parametrize("step", ["recorded", "claimed"])
def test_crash_between_claim_and_remote_delete_makes_no_second_flow(
        tmp_path: Path, partner: Partner, crash_at: pytest.MonkeyPatch, step: str) -> None:
    site = site_for(tmp_path, partner)
    valid = invoices(partner)
    watch_crashing_at(site, step, crash_at)
    # the first download is in the work area; its remote file is still on the server
    assert listing(partner.inbound) == sorted(partner.deposited)
    work = site / "var" / "work"
    [work_file] = [p for p in work.iterdir() if p.is_file()]
    taken = flows(site)
    if step == "recorded":
        assert [(f["flow_id"], f["status"]) for f in taken] == \
            [(work_file.name.split("__")[0], "IN_RECU")]
    else:   # before the ledger commit: only the work file and its sidecar know
        assert taken == []
        assert listing(work / ".claims") == [work_file.name.split("__")[0] + ".json"]
    watch_until(site, lambda: all_done(site, partner), "every deposit answered")
    found = assert_collected_once(site, partner, valid)
    first = next(f for f in found if f["flow_id"] == work_file.name.split("__")[0])
    assert first["file_name"] == work_file.name.split("__", 1)[1]


def test_partner_down_then_back_loses_nothing(
        tmp_path: Path, remote: Path, own_sshd: Sshd) -> None:
    own_sshd.stop()
    partner = Partner(remote, own_sshd)
    site = site_for(tmp_path, partner)
    valid = invoices(partner)

    def outages() -> None:
        time.sleep(1.5)   # five polls against a closed port
        assert listing(partner.inbound) == sorted(partner.deposited)
        assert flows(site) == []
        own_sshd.start()
        wait_for(lambda: all_done(site, partner), 30, "the first deposits answered")
        own_sshd.stop()   # down again while the partner keeps depositing
        valid.extend(invoices(partner, first=5))
        time.sleep(1.5)
        assert len(flows(site)) == 4
        own_sshd.start()

    watch_until(site, lambda: all_done(site, partner), "every deposit answered", outages)
    assert_collected_once(site, partner, valid)


def test_reports_wait_for_a_partner_gone_down_after_intake(
        tmp_path: Path, remote: Path, own_sshd: Sshd, crash_at: pytest.MonkeyPatch) -> None:
    partner = Partner(remote, own_sshd)
    site = site_for(tmp_path, partner)
    valid = invoices(partner)
    watch_crashing_at(site, "examined", crash_at)   # taken and recorded, not answered
    assert listing(partner.inbound) == []
    assert len(flows(site)) == len(partner.deposited)
    own_sshd.stop()

    def back_later() -> None:
        wait_for(lambda: any(f["status"] == "IN_EN_ATTENTE_TRAITEMENT_CPP"
                             for f in flows(site)), 30, "a compte rendu waiting for retry")
        assert listing(partner.reports) == []
        own_sshd.start()

    watch_until(site, lambda: all_done(site, partner), "every deposit answered", back_later)
    assert_collected_once(site, partner, valid)
