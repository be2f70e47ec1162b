"""Claim: atomic rename into the work area, hash, record; orphans adopted after a crash."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from edi import config
from edi.intake.claim import (
    CLAIMS,
    MAX_NAME_BYTES,
    adopt_orphans,
    claim_files,
    received_at,
    safe_name,
    work_name,
)
from edi.ledger import Ledger
from edi.model import new_flow_id


def _setup(tmp_path: Path) -> tuple[config.Settings, Ledger, Path]:
    settings = config.load(base_dir=tmp_path)
    ledger = Ledger(settings.ledger_url)
    inbox = settings.path(settings.paths.inbox)
    inbox.mkdir(parents=True)
    return settings, ledger, inbox


def test_a_file_removed_between_scan_and_claim_is_skipped(tmp_path: Path) -> None:
    settings, ledger, inbox = _setup(tmp_path)
    here = inbox / "here.xml"
    here.write_bytes(b"<x/>")
    gone = inbox / "gone.xml"  # listed by the scan, removed before the claim
    flows = claim_files([gone, here], interface="inbox", ledger=ledger, settings=settings)
    assert [f.file_name for f in flows] == ["here.xml"]
    flow = flows[0]
    assert flow.sha256 == hashlib.sha256(b"<x/>").hexdigest() and flow.size == 4
    work = settings.path(settings.paths.work)
    assert (work / work_name(flow.flow_id, "here.xml")).read_bytes() == b"<x/>"
    assert not here.exists()
    assert ledger.get(flow.flow_id).status == "IN_RECU"


def test_orphans_of_a_crash_before_the_ledger_commit_are_adopted_with_their_source(
        tmp_path: Path) -> None:
    settings, ledger, _ = _setup(tmp_path)
    work = settings.path(settings.paths.work)
    work.mkdir(parents=True)
    fid = "F20261127T101010123456-abcd01"
    (work / work_name(fid, "remote.xml")).write_bytes(b"<y/>")
    (work / CLAIMS).mkdir()
    (work / CLAIMS / f"{fid}.json").write_text(json.dumps(
        {"interface": "sftp:acme", "source": "sftp://acme@h/in/remote.xml"}))
    (work / CLAIMS / "F20261127T101010999999-dead01.json").write_text("{}")  # no file
    adopted = adopt_orphans(ledger, settings)
    assert [(f.flow_id, f.interface, f.source) for f in adopted] == [
        (fid, "sftp:acme", "sftp://acme@h/in/remote.xml")]
    assert ledger.find_by_source("sftp:acme", "sftp://acme@h/in/remote.xml",
                                 hashlib.sha256(b"<y/>").hexdigest()).flow_id == fid
    assert os.listdir(work / CLAIMS) == []
    assert adopt_orphans(ledger, settings) == []  # idempotent


def test_a_sidecar_a_kill_left_half_written_is_removed_once_no_live_claim_needs_it(
        tmp_path: Path) -> None:
    """SIGKILLed between writing a claim's sidecar and renaming it into place: the next
    start removes the temporary, unless a live process's claim of that flow is under way
    (it is then that process's own, about to be renamed)."""
    settings, ledger, _ = _setup(tmp_path)
    work = settings.path(settings.paths.work)
    (work / CLAIMS).mkdir(parents=True)
    dead = "F20261127T101010999999-dead01"
    (work / CLAIMS / f".{dead}.json.tmp").write_text('{"interface": "sf')   # cut short
    live = "F20261127T101010888888-live01"
    other = Ledger(settings.ledger_url)
    other.intend([(live, "sftp:acme", "sftp://acme@h/in/x.xml")])   # still under way
    (work / CLAIMS / f".{live}.json.tmp").write_text("{}")
    (work / CLAIMS / "unrelated.txt").write_text("kept")
    assert adopt_orphans(ledger, settings) == []
    assert sorted(os.listdir(work / CLAIMS)) == [f".{live}.json.tmp", "unrelated.txt"]


def test_names_become_text_the_ledger_and_reports_can_carry() -> None:
    assert safe_name(os.fsdecode(b"caf\xe9.xml")) == "caf\\xe9.xml"   # Latin-1 bytes
    assert safe_name("line\nbreak.xml") == "line\\x0abreak.xml"
    assert safe_name("facture été.xml") == "facture été.xml"          # UTF-8 is kept
    long = safe_name("é" * 200 + ".xml")
    assert len(long.encode()) <= MAX_NAME_BYTES and long.endswith("é.xml")


def test_a_file_with_an_undecodable_name_is_claimed(tmp_path: Path) -> None:
    settings, ledger, inbox = _setup(tmp_path)
    raw = os.path.join(os.fsencode(inbox), b"caf\xe9\n.xml")
    with open(raw, "wb") as f:
        f.write(b"<x/>")
    [flow] = claim_files([Path(os.fsdecode(raw))], interface="inbox", ledger=ledger,
                         settings=settings)
    assert flow.file_name == "caf\\xe9\\x0a.xml"
    assert ledger.get(flow.flow_id).file_name == flow.file_name
    work = settings.path(settings.paths.work)
    assert (work / work_name(flow.flow_id, flow.file_name)).read_bytes() == b"<x/>"


def test_the_reception_time_is_read_back_from_the_flow_id_and_a_malformed_id_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    from edi import model

    # ids made at chosen times move the process's clock of ids (strictly increasing):
    # it is put back afterwards, or every later flow id of this process would be in 2100
    monkeypatch.setattr(model, "_last_flow_ns", 0)
    for now_ns in (0, 1_733_222_400_123_456_789, 4_102_444_799_999_999_000, None):
        flow_id = new_flow_id(now_ns)
        assert received_at(flow_id) == datetime.strptime(
            flow_id[1:22], "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
    for bad in ("", "F2025", "F20250314X083000125000-a1", "F2025031\uff14T083000125000-a1",
                "F20251314T083000125000-a1", "F2025031 T083000125000-a1"):
        with pytest.raises(ValueError):
            received_at(bad)
