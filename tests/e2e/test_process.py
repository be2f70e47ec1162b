"""The processor end to end, through the real `edi` command, on real files."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from edi import samples
from tests.e2e.conftest import Workspace


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _by_file(flows: list[dict]) -> dict[str, dict]:
    return {f["file_name"]: f for f in flows}


def test_a_mixed_batch_is_decided_routed_archived_and_reported(ws: Workspace) -> None:
    broken_xsd = samples.ubl_invoice(number="BAD-1").replace(
        b"<cbc:IssueDate>", b"<cbc:Unexpected>x</cbc:Unexpected><cbc:IssueDate>", 1)
    inputs = {
        "a-ubl.xml": samples.ubl_invoice(number="UBL-1"),
        "b-cii.xml": samples.cii_invoice(number="CII-1"),
        "c-credit.xml": samples.ubl_credit_note(number="AV-1"),
        "d-facturx.pdf": samples.facturx_pdf(number="FX-1"),
        "e-batch.zip": _zip({"1.xml": samples.ubl_invoice(number="Z-1"),
                             "2.xml": broken_xsd,
                             "3.xml": samples.cii_invoice(number="Z-3")}),
        "f-malformed.xml": b"<Invoice><unclosed></Invoice>",
        "g-empty.xml": b"",
    }
    for name, data in inputs.items():
        ws.drop(name, data)

    ws.edi("process")

    flows = _by_file(ws.flows())
    assert set(flows) == set(inputs)
    for name in ("a-ubl.xml", "b-cii.xml", "c-credit.xml", "d-facturx.pdf"):
        assert flows[name]["status"] == "IN_INTEGRE", flows[name]
    assert flows["e-batch.zip"]["status"] == "IN_INTEGRE_PARTIEL"
    assert flows["f-malformed.xml"]["status"] == "IN_REJETE"
    assert flows["f-malformed.xml"]["reason"] == "IRR_SYNTAX"
    assert flows["g-empty.xml"]["reason"] == "IRR_VIDE_F"

    batch = {i["name"]: i for i in flows["e-batch.zip"]["invoices"]}
    assert [batch[n]["status"] for n in ("1.xml", "2.xml", "3.xml")] == [
        "DEPOSEE", "IRRECEVABLE", "DEPOSEE"]
    assert {f["layer"] for f in batch["2.xml"]["findings"]} == {"xsd"}
    for finding in batch["2.xml"]["findings"]:
        assert set(finding) == {"rule_id", "severity", "layer", "location", "message"}

    # Outbox: exactly the accepted invoices, named flow id + invoice number.
    delivered = sorted(p.name for p in ws.files("outbox") if not p.name.startswith("."))
    expected = sorted(
        f"{flows[n]['flow_id']}_{num}{ext}" for n, num, ext in [
            ("a-ubl.xml", "UBL-1", ".xml"), ("b-cii.xml", "CII-1", ".xml"),
            ("c-credit.xml", "AV-1", ".xml"), ("d-facturx.pdf", "FX-1", ".pdf"),
            ("e-batch.zip", "Z-1", ".xml"), ("e-batch.zip", "Z-3", ".xml")])
    assert delivered == expected
    # Archive: every original, unchanged, under archive/YYYY/MM/DD/<flow id>/.
    archived = {p.name: p for p in ws.files("archive")}
    assert set(archived) == set(inputs)
    for name, data in inputs.items():
        assert archived[name].read_bytes() == data
        assert archived[name].parent.name == flows[name]["flow_id"]
    # Rejected: copies of the rejected invoices with their compte rendu.
    rejected = {p.relative_to(ws.root / "rejected").as_posix() for p in ws.files("rejected")}
    fid = flows["f-malformed.xml"]["flow_id"]
    assert f"{fid}/f-malformed.xml" in rejected
    assert f"{fid}/{fid}.cr.json" in rejected
    assert f"{flows['e-batch.zip']['flow_id']}/2.xml" in rejected
    # Reports: a compte rendu in JSON and XML for every flow.
    reports = {p.name for p in ws.files("reports")}
    for f in flows.values():
        assert {f"{f['flow_id']}.cr.json", f"{f['flow_id']}.cr.xml"} <= reports
    cr = json.loads((ws.root / "reports" / f"{fid}.cr.json").read_text())
    assert cr["status"] == "IN_REJETE"
    # Nothing left behind.
    assert ws.files("inbox") == []
    assert ws.files("var/work") == []


def test_a_byte_identical_file_after_integration_is_a_doublon(ws: Workspace) -> None:
    data = samples.ubl_invoice(number="TWICE-1")
    ws.drop("one.xml", data)
    ws.edi("process")
    ws.drop("one-again.xml", data)
    ws.edi("process")
    flows = _by_file(ws.flows())
    assert flows["one.xml"]["status"] == "IN_INTEGRE"
    assert flows["one-again.xml"]["status"] == "IN_REJETE"
    assert flows["one-again.xml"]["reason"] == "DOUBLON"
    rules = [f["rule_id"] for f in flows["one-again.xml"]["invoices"][0]["findings"]]
    assert rules == ["EDI-DOUBLON-FICHIER"]
    assert len([p for p in ws.files("outbox")]) == 1


def test_the_same_invoice_in_other_bytes_is_a_doublon(ws: Workspace) -> None:
    ws.drop("ubl.xml", samples.ubl_invoice(number="SAME-7"))
    ws.drop("cii.xml", samples.cii_invoice(number="SAME-7"))
    ws.edi("process")
    flows = _by_file(ws.flows())
    statuses = sorted(f["status"] for f in flows.values())
    assert statuses == ["IN_INTEGRE", "IN_REJETE"]
    loser = next(f for f in flows.values() if f["status"] == "IN_REJETE")
    assert loser["reason"] == "DOUBLON"
    assert [f["rule_id"] for f in loser["invoices"][0]["findings"]] == ["CPRO-DOUBLON"]
    assert len(ws.files("outbox")) == 1


def test_a_rejected_file_deposited_again_is_processed_afresh(ws: Workspace) -> None:
    ws.drop("bad.xml", b"<Invoice>")
    ws.edi("process")
    ws.drop("bad.xml", b"<Invoice>")
    ws.edi("process")
    flows = ws.flows()
    assert [f["reason"] for f in flows] == ["IRR_SYNTAX", "IRR_SYNTAX"]


def test_validate_prints_findings_and_sets_the_exit_code(ws: Workspace, tmp_path: Path) -> None:
    good = tmp_path / "good.xml"
    good.write_bytes(samples.ubl_invoice())
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                    b"<x>&e;</x>")
    assert ws.edi("validate", "--layers", "xml,xsd", str(good)).returncode == 0
    proc = ws.edi("validate", "--json", str(good), str(bad), check=False)
    assert proc.returncode == 1
    verdicts = {Path(v["file"]).name: v for v in json.loads(proc.stdout)}
    assert verdicts["good.xml"]["valid"] is True
    assert verdicts["bad.xml"]["valid"] is False
    finding = verdicts["bad.xml"]["invoices"][0]["findings"][0]
    assert set(finding) == {"rule_id", "severity", "layer", "location", "message"}
    assert finding["severity"] == "fatal"
    assert "passwd" not in proc.stdout.replace("file:///etc/passwd", "")
    # and nothing was recorded or routed
    assert not (ws.root / "var" / "edi.sqlite").exists()
    assert ws.files("outbox") == []


def test_flow_shows_invoices_findings_and_history(ws: Workspace) -> None:
    ws.drop("x.xml", b"not xml at all")
    ws.edi("process")
    fid = ws.flows()[0]["flow_id"]
    text = ws.edi("flow", fid).stdout
    assert fid in text and "IN_REJETE" in text and "IRR_" in text
    data = json.loads(ws.edi("flow", fid, "--json").stdout)
    assert [h["status"] for h in data["history"]] == [
        "IN_RECU", "IN_EN_ATTENTE_TRAITEMENT_CPP", "IN_EN_COURS_TRAITEMENT_CPP", "IN_REJETE"]
    table = ws.edi("flows", "--status", "IN_REJETE").stdout
    assert fid in table
    assert fid not in ws.edi("flows", "--status", "IN_INTEGRE").stdout


def test_reprocess_runs_a_rejected_flow_again_from_its_archive(ws: Workspace) -> None:
    ws.configure(extra="[limits]\nmax_file_bytes = 1000\n")
    ws.drop("big.xml", samples.ubl_invoice(number="BIG-1"))
    ws.edi("process")
    flow = ws.flows()[0]
    assert flow["reason"] == "IRR_TAILLE_F"
    # refused unread, set aside whole from the archive
    copy = ws.root / "rejected" / flow["flow_id"] / "big.xml"
    assert copy.read_bytes() == samples.ubl_invoice(number="BIG-1")
    ws.configure()  # the cap is raised
    out = ws.edi("reprocess", flow["flow_id"]).stdout
    assert "IN_INTEGRE" in out
    again = ws.flows()
    assert len(again) == 1 and again[0]["status"] == "IN_INTEGRE"
    assert len(ws.files("outbox")) == 1
    history = json.loads(ws.edi("flow", flow["flow_id"], "--json").stdout)["history"]
    assert "IN_EN_ATTENTE_RETRAITEMENT_CPP" in [h["status"] for h in history]


def test_config_show_prints_defaults_and_file_values(ws: Workspace, tmp_path: Path) -> None:
    out = ws.edi("config", "show").stdout
    assert "quiet_period = 0.0" in out  # from the workspace's edi.toml
    (ws.root / "edi.toml").unlink()
    out = ws.edi("config", "show").stdout
    assert "(embedded defaults)" in out and "quiet_period = 1.0" in out
    assert 'ledger = "sqlite:///var/edi.sqlite"' in out
    bad = tmp_path / "bad.toml"
    bad.write_text("[intake]\nquiet_period = 'soon'\n")
    proc = ws.edi("--config", str(bad), "config", "show", check=False)
    assert proc.returncode != 0 and "quiet_period" in proc.stderr


def test_ignored_names_and_done_files(ws: Workspace) -> None:
    ws.configure(extra="")
    for name in (".hidden.xml", "x.xml.tmp", "y.xml.part"):
        ws.drop(name, samples.ubl_invoice())
    ws.edi("process")
    assert ws.flows() == []
    ws.configure(extra="")
    toml = (ws.root / "edi.toml").read_text().replace(
        "[intake]\n", "[intake]\ndone_files = true\n")
    (ws.root / "edi.toml").write_text(toml)
    ws.drop("waits.xml", samples.ubl_invoice(number="W-1"))
    ws.edi("process")
    assert ws.flows() == []
    ws.drop("waits.xml.done", b"")
    ws.edi("process")
    assert [f["file_name"] for f in ws.flows()] == ["waits.xml"]
    assert not (ws.inbox / "waits.xml.done").exists()


def _root() -> bool:
    return os.geteuid() == 0


@pytest.mark.skipif(not _root() or shutil.which("mount") is None,
                    reason="needs root to mount a 1 MB tmpfs as a full outbox")
def test_a_full_outbox_makes_the_flow_wait_then_it_is_delivered(ws: Workspace) -> None:
    outbox = ws.root / "outbox"
    outbox.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(outbox)],
                      capture_output=True).returncode != 0:
        pytest.skip("mount of a tmpfs was refused here")
    try:
        (outbox / "filler").write_bytes(b"\0" * 60_000)
        ws.configure(extra="[delivery]\nbackoff_initial = 0.0\n")
        data = samples.ubl_invoice(number="FULL-1", lines=8)
        ws.drop("full.xml", data)
        ws.edi("process")
        flow = ws.flows()[0]
        assert flow["status"] == "IN_EN_ATTENTE_TRAITEMENT_CPP"  # waits for its target
        assert "No space left" in ws.db().execute(
            "select detail from flows").fetchone()[0]
        archived = [p for p in ws.files("archive")]
        assert [p.read_bytes() for p in archived] == [data]  # the original is safe
        assert [p.name for p in outbox.iterdir()] == ["filler"]  # no partial file
        (outbox / "filler").unlink()
        ws.edi("process")
        flow = ws.flows()[0]
        assert flow["status"] == "IN_INTEGRE"
        assert [p.name for p in outbox.iterdir()] == [f"{flow['flow_id']}_FULL-1.xml"]
    finally:
        subprocess.run(["umount", str(outbox)], check=False)


@pytest.mark.skipif(not _root() or shutil.which("chattr") is None,
                    reason="needs root and chattr to make the outbox read-only for root")
def test_a_read_only_outbox_ends_in_incident_and_resend_delivers(ws: Workspace) -> None:
    outbox = ws.root / "outbox"
    outbox.mkdir()
    if subprocess.run(["chattr", "+i", str(outbox)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not supported by this filesystem")
    try:
        ws.configure(extra="[delivery]\nbackoff_initial = 0.0\nattempts = 2\n")
        ws.drop("ro.xml", samples.ubl_invoice(number="RO-1"))
        ws.edi("process")
        assert ws.flows()[0]["status"] == "IN_EN_ATTENTE_TRAITEMENT_CPP"
        ws.edi("process")
        flow = ws.flows()[0]
        assert flow["status"] == "IN_INCIDENTE"
        # resent while the outbox is still read-only: not concluded, and said so
        out = ws.edi("resend", flow["flow_id"]).stdout
        assert f"resent {flow['flow_id']}: IN_EN_ATTENTE_TRAITEMENT_CPP, next attempt at " \
            in out, out
        assert "None" not in out
    finally:
        subprocess.run(["chattr", "-i", str(outbox)], check=False)
    out = ws.edi("resend", flow["flow_id"]).stdout
    assert "IN_INTEGRE" in out
    assert [p.name for p in outbox.iterdir()] == [f"{flow['flow_id']}_RO-1.xml"]


def test_watch_waits_for_a_file_being_written_and_stops_cleanly(ws: Workspace) -> None:
    ws.configure(quiet=2.0)
    ws.inbox.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "edi.cli", "watch"], cwd=ws.root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={k: v for k, v in os.environ.items()
                                 if k not in ("EDI_CRASH_AT", "EDI_CONFIG")})
    try:
        data = samples.ubl_invoice(number="SLOW-1")
        half = len(data) // 2
        path = ws.inbox / "slow.xml"
        with open(path, "wb") as f:
            f.write(data[:half])
            f.flush()
            time.sleep(1.2)  # two scans see it, younger than the quiet period: not stable
            assert path.exists(), "a file still being written must not be taken"
            f.write(data[half:])
        deadline = time.time() + 60
        while time.time() < deadline and not list((ws.root / "outbox").glob("*.xml")):
            time.sleep(0.2)
        delivered = list((ws.root / "outbox").glob("*.xml"))
        assert len(delivered) == 1 and delivered[0].read_bytes() == data
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "stopped cleanly" in err
    assert [f["status"] for f in ws.flows()] == ["IN_INTEGRE"]
