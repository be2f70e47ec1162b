"""Issue 15 end to end: what was accepted as deposited is now IRRECEVABLE, with its reason,
through the real `edi process`, the default layers and a real clamd."""

from __future__ import annotations

import io
import json
import socket
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from edi import samples
from edi.config import load
from edi.model import Profile
from tests.e2e.conftest import Workspace
from tests.validators.test_antivirus import EICAR, ClamdProcess, clamd  # noqa: F401
from tests.validators.test_attachments import PDF_BYTES, ubl_with
from tests.validators.test_envelope import bare_pdf, xmp_replaced

DEFAULT_LAYERS = ("xml", "antivirus", "xsd", "envelope", "attachments", "en16931", "br-fr",
                  "identifiers", "chorus")


def _antivirus(sock: Path) -> str:
    return f'\n[antivirus]\nsocket = "{sock}"\ntimeout = 30.0\n'


def _by_file(ws: Workspace) -> dict[str, dict]:
    return {f["file_name"]: f for f in ws.flows()}


def _invoice_reasons(ws: Workspace, flow_id: str) -> list[tuple[str, list[str]]]:
    data = json.loads(ws.edi("flow", flow_id, "--json").stdout)
    return [(i["reason"], sorted({f["rule_id"] for f in i["findings"]}))
            for i in data["invoices"]]


def test_where_we_stand_each_case_gets_its_reason(ws: Workspace,
                                                  clamd: ClamdProcess) -> None:  # noqa: F811
    ws.configure(layers=DEFAULT_LAYERS, extra=_antivirus(clamd.socket))
    cases = {
        "ok.pdf": (samples.facturx_pdf(number="OK-1"), None),
        "exe.xml": (ubl_with(("setup.exe", "application/x-msdownload",
                              b"MZ\x90\x00" + b"\x00" * 60)), "IRR_EXT_DOC"),
        "passwd.xml": (ubl_with(("../../etc/passwd", "text/csv", b"root:x:0:0\n")),
                       "IRR_NOM_PJ"),
        "empty.xml": (ubl_with(("vide.pdf", "application/pdf", b"")), "IRR_VID_PJ"),
        "eicar.xml": (ubl_with(("notice.pdf", "application/pdf", EICAR)), "IRR_ANTIVIRUS"),
        "bare.pdf": (bare_pdf({"factur-x.xml": samples.cii_invoice(number="BARE-1")}),
                     "IRR_TYPE_F"),
        "basic.pdf": (xmp_replaced(samples.facturx_pdf(Profile.EN16931, number="LVL-1"),
                                   b"<fx:ConformanceLevel>EN 16931<",
                                   b"<fx:ConformanceLevel>BASIC<"), "IRR_TYPE_F"),
        "fine.xml": (ubl_with(("bl.pdf", "application/pdf", PDF_BYTES)), None),
    }
    for name, (data, _) in cases.items():
        ws.drop(name, data)

    ws.edi("process")

    flows = _by_file(ws)
    for name, (_, reason) in cases.items():
        flow = flows[name]
        if reason is None:
            assert flow["status"] == "IN_INTEGRE", (name, flow)
            continue
        assert (flow["status"], flow["reason"]) == ("IN_REJETE", reason), (name, flow)
        [(invoice_reason, _rules)] = _invoice_reasons(ws, flow["flow_id"])
        assert invoice_reason == reason
    virus = flows["eicar.xml"]["flow_id"]
    assert [r for _, r in _invoice_reasons(ws, virus)] == [["AV-VIRUS"]]  # nothing else ran
    delivered = {p.name.split("_", 1)[0] for p in ws.files("outbox")}
    assert delivered == {flows["ok.pdf"]["flow_id"], flows["fine.xml"]["flow_id"]}
    assert not any(p.name.startswith(virus) for p in ws.files("outbox"))
    assert any(virus in str(p) for p in ws.files("rejected"))  # set aside, for the depositor
    assert _invoice_reasons(ws, flows["basic.pdf"]["flow_id"])[0][1][0] == "FX-PDF-XMP-LEVEL"

    _the_dashboard_never_serves_the_virus(ws, virus, flows["ok.pdf"]["flow_id"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _the_dashboard_never_serves_the_virus(ws: Workspace, virus: str, clean: str) -> None:
    from edi.web.app import serve_in_thread

    port = _free_port()
    stop = serve_in_thread(load(ws.root / "edi.toml", base_dir=ws.root), "127.0.0.1", port)
    base = f"http://127.0.0.1:{port}"
    try:
        page = urllib.request.urlopen(f"{base}/flows/{virus}").read().decode()
        assert "original withheld" in page and f"/flows/{virus}/original" not in page
        try:
            urllib.request.urlopen(f"{base}/flows/{virus}/original")
            raise AssertionError("the virus was served")
        except urllib.error.HTTPError as exc:
            assert exc.code == 403
            assert "IRR_ANTIVIRUS" in exc.read().decode()
        detail = json.loads(urllib.request.urlopen(f"{base}/api/flows/{virus}").read())
        assert "original" not in detail["links"]
        served = urllib.request.urlopen(f"{base}/flows/{clean}/original")
        assert served.status == 200
        assert served.headers["content-disposition"].startswith("attachment")
    finally:
        stop()


def test_a_virus_is_found_before_detection_in_any_file_or_archive(
        ws: Workspace, clamd: ClamdProcess) -> None:  # noqa: F811
    """The layer sees only documents that parsed: a virus in a file refused for its type,
    or inside an archive as a whole, is caught by the scan of the deposited bytes."""
    ws.configure(layers=DEFAULT_LAYERS, extra=_antivirus(clamd.socket))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("ok.xml", samples.ubl_invoice(number="AV-ZIP-1"))
        z.writestr("readme.com", EICAR)
    ws.drop("eicar.txt", EICAR)
    ws.drop("batch.zip", buf.getvalue())
    ws.drop("clean.xml", samples.ubl_invoice(number="AV-CLEAN-1"))

    ws.edi("process")

    flows = _by_file(ws)
    for name in ("eicar.txt", "batch.zip"):
        flow = flows[name]
        assert (flow["status"], flow["reason"]) == ("IN_REJETE", "IRR_ANTIVIRUS"), flow
        assert _invoice_reasons(ws, flow["flow_id"]) == [("IRR_ANTIVIRUS", ["AV-VIRUS"])]
    assert flows["clean.xml"]["status"] == "IN_INTEGRE"
    delivered = {p.name.split("_", 1)[0] for p in ws.files("outbox")}
    assert delivered == {flows["clean.xml"]["flow_id"]}, "nothing of the zip delivered"


def test_clamd_down_is_an_incident_never_a_pass(ws: Workspace, tmp_path: Path) -> None:
    ws.configure(layers=("xml", "antivirus", "xsd"),
                 extra=_antivirus(tmp_path / "no-clamd.sock"))
    ws.drop("a.xml", samples.ubl_invoice(number="AV-DOWN-1"))

    ws.edi("process")

    [flow] = ws.flows()
    assert flow["status"] == "IN_INCIDENTE", flow
    assert ws.files("outbox") == []


def test_off_by_default_says_so_at_start(ws: Workspace) -> None:
    ws.configure(layers=("xml", "antivirus"))
    ws.drop("a.xml", samples.ubl_invoice(number="AV-OFF-1"))
    proc = ws.edi("process", "--workers", "2")
    assert proc.stderr.count("antivirus: off") == 1, proc.stderr  # once, not per worker
    assert ws.flows()[0]["status"] == "IN_INTEGRE"
