"""The antivirus layer against a real clamd, started by the suite.

No signature download is possible here, so the suite writes its own database: one body
signature (.ndb) matching the EICAR test string anywhere in a file. The EICAR string
itself is never written in our sources (a scanner on a developer's machine would flag
them): it is assembled from two halves at run time.

clamd runs as the user running the tests, root included (CI): the configuration has no
``User`` line, so clamd does not try to drop privileges, and it reads nothing but its own
temporary folder.
"""

from __future__ import annotations

import base64
import dataclasses
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from edi import samples
from edi.config import ConfigError, Settings
from edi.model import Document, Reason, Severity
from edi.parsers import read, unpack
from edi.parsers.rules import channels
from edi.rules import catalogue
from edi.validators import validate
from edi.validators.antivirus import AntivirusLayer, Clamd, ScanFailed, scan_deposit, start_line
from tests.validators.test_attachments import facturx_with, ubl_with

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE = "Edi.Test.EICAR"
CLAMD = shutil.which("clamd") or "/usr/sbin/clamd"


@dataclasses.dataclass
class ClamdProcess:
    socket: Path
    process: subprocess.Popen[bytes]
    folder: Path

    def settings(self, **antivirus: object) -> Settings:
        return dataclasses.replace(Settings(), raw={"antivirus": {
            "socket": str(self.socket), "timeout": 30.0, **antivirus}})


def _ends_with_the_suite() -> None:
    """In the child: SIGTERM when the test process dies, even by SIGKILL (Linux)."""
    import ctypes
    import signal

    ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_clamd(folder: Path, stream_max: str = "64M") -> ClamdProcess:
    """clamd on a Unix socket in ``folder``, with the EICAR body signature only."""
    if not os.access(CLAMD, os.X_OK):
        reason = f"{CLAMD} is absent: install clamav-daemon (.ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: it must be there)")
        pytest.skip(reason)
    database = folder / "db"
    database.mkdir()
    (database / "edi-test.ndb").write_text(f"{SIGNATURE}:0:*:{EICAR.hex()}\n")
    sock = folder / "clamd.sock"
    config = folder / "clamd.conf"
    config.write_text("\n".join([
        "Foreground yes", f"LocalSocket {sock}", "LocalSocketMode 600",
        f"DatabaseDirectory {database}", f"TemporaryDirectory {folder}",
        f"LogFile {folder / 'clamd.log'}", f"PidFile {folder / 'clamd.pid'}",
        f"StreamMaxLength {stream_max}", "MaxThreads 4", "SelfCheck 0", ""]))
    log = (folder / "clamd.out").open("wb")
    process = subprocess.Popen([CLAMD, "-c", str(config)], stdout=log, stderr=log,
                               preexec_fn=_ends_with_the_suite)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"clamd exited {process.returncode}: "
                               f"{(folder / 'clamd.out').read_text(errors='replace')}")
        if sock.exists():
            try:
                if Clamd(str(sock), 5).ping():
                    return ClamdProcess(sock, process, folder)
            except ScanFailed:
                pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"clamd did not answer PING within 60 s: "
                       f"{(folder / 'clamd.out').read_text(errors='replace')}")


@pytest.fixture(scope="session")
def clamd() -> Iterator[ClamdProcess]:
    # AF_UNIX paths are limited to 107 bytes: a short folder of our own
    folder = Path(tempfile.mkdtemp(prefix="edi-clamd-"))
    running = start_clamd(folder)
    yield running
    running.process.terminate()
    try:
        running.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        running.process.kill()
        running.process.wait()
    shutil.rmtree(folder, ignore_errors=True)


def judged(data: bytes, settings: Settings, name: str = "f.xml") -> Document:
    doc = unpack(name, data, settings.limits)[0]
    tree = read(doc, settings.limits)
    validate(doc, tree, [AntivirusLayer(settings)], settings)
    return doc


def test_clamd_finds_the_test_signature_and_passes_clean_bytes(clamd: ClamdProcess) -> None:
    client = Clamd(str(clamd.socket), 30)
    assert client.scan(b"abc" + EICAR + b"def") == f"{SIGNATURE}.UNOFFICIAL"
    assert client.scan(samples.ubl_invoice()) is None
    assert client.version().startswith("ClamAV ")


def test_clamd_runs_as_the_test_user_root_included(clamd: ClamdProcess) -> None:
    status = Path(f"/proc/{clamd.process.pid}/status").read_text()
    uid = next(line.split()[1] for line in status.splitlines() if line.startswith("Uid:"))
    assert int(uid) == os.getuid()


def test_an_attachment_holding_eicar_is_irrecevable_antivirus(clamd: ClamdProcess) -> None:
    """Base64 inside XML hides the string from clamd: the attachment is scanned decoded."""
    data = ubl_with(("notice.pdf", "application/pdf", EICAR))
    assert EICAR not in data
    doc = judged(data, clamd.settings())
    assert [(f.rule_id, f.severity) for f in doc.findings] == [("AV-VIRUS", Severity.FATAL)]
    assert SIGNATURE in doc.findings[0].message and "notice.pdf" in doc.findings[0].message
    assert (doc.reason, doc.status.code) == (Reason.IRR_ANTIVIRUS, 501)
    assert channels("AV-VIRUS") == ("IRR_ANTIVIRUS", "VirusFound")


def test_a_pdf_embedded_file_and_the_deposited_bytes_are_scanned(clamd: ClamdProcess) -> None:
    doc = judged(facturx_with({"x.pdf": ("application/pdf", b"%PDF-1.4 " + EICAR)}),
                 clamd.settings(), name="f.pdf")
    assert [f.rule_id for f in doc.findings] == ["AV-VIRUS", "AV-VIRUS"]  # file, attachment
    assert doc.reason is Reason.IRR_ANTIVIRUS
    comment = samples.ubl_invoice().replace(b"<cbc:ID>", b"<!-- " + EICAR + b" --><cbc:ID>", 1)
    doc = judged(comment, clamd.settings())
    assert [f.location for f in doc.findings] == ["/"]


def test_a_clean_invoice_passes(clamd: ClamdProcess) -> None:
    doc = judged(ubl_with(("a.pdf", "application/pdf", b"%PDF-1.4 clean")), clamd.settings())
    assert doc.findings == [] and doc.reason is None


def test_a_virus_stops_the_later_layers(clamd: ClamdProcess) -> None:
    from edi.validators.xsd import XsdLayer

    settings = clamd.settings()
    data = ubl_with(("notice.pdf", "application/pdf", EICAR))
    doc = unpack("f.xml", data, settings.limits)[0]
    tree = read(doc, settings.limits)
    validate(doc, tree, [AntivirusLayer(settings), XsdLayer(settings)], settings)
    assert [(r.layer, r.ran) for r in doc.layers] == [("antivirus", True), ("xsd", False)]


def test_clamd_absent_is_a_scan_failure_never_a_pass(tmp_path: Path) -> None:
    settings = dataclasses.replace(Settings(), raw={"antivirus": {
        "socket": str(tmp_path / "no.sock")}})
    with pytest.raises(ScanFailed, match="cannot be reached"):
        judged(samples.ubl_invoice(), settings)
    assert "every flow becomes IN_INCIDENTE" in start_line(settings)


def test_a_clamd_that_does_not_answer_times_out(tmp_path: Path) -> None:
    """A socket that accepts and says nothing: the fault a hung clamd causes."""
    path = tmp_path / "mute.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(server.accept()[0]), daemon=True).start()
    try:
        with pytest.raises(ScanFailed, match="did not answer within 0.5 s"):
            Clamd(str(path), 0.5).scan(b"x" * 100)
    finally:
        for conn in held:
            conn.close()
        server.close()


def test_a_stream_over_clamds_limit_is_a_failure_naming_the_setting() -> None:
    small = start_clamd(Path(tempfile.mkdtemp(prefix="edi-clamd-")), stream_max="1K")
    try:
        with pytest.raises(ScanFailed, match="StreamMaxLength"):
            Clamd(str(small.socket), 30).scan(b"x" * 200_000)
    finally:
        small.process.terminate()
        small.process.wait(timeout=20)
        shutil.rmtree(small.folder, ignore_errors=True)


def test_off_by_default_with_a_clear_line() -> None:
    settings = Settings()
    layer = AntivirusLayer(settings)
    assert not layer.applies(Document(1, "f.xml", b"<x/>"))
    line = start_line(settings)
    assert line.startswith("antivirus: off") and "NOT scanned" in line


def test_on_line_names_clamd(clamd: ClamdProcess) -> None:
    assert start_line(clamd.settings()).startswith(f"antivirus: on — clamd at {clamd.socket}")


def test_settings_are_checked() -> None:
    with pytest.raises(ConfigError, match="both set"):
        dataclasses.replace(Settings(), raw={"antivirus": {
            "socket": "/a", "address": "127.0.0.1:3310"}}).check()
    with pytest.raises(ConfigError, match="host:port"):
        dataclasses.replace(Settings(), raw={"antivirus": {"address": "nowhere"}}).check()


def test_the_rule_is_catalogued_with_both_channel_names() -> None:
    rule = catalogue().rules["AV-VIRUS"]
    assert rule.layer == "antivirus" and rule.severity == "fatal"
    assert "IRR_ANTIVIRUS" in rule.note and "VirusFound" in rule.note


def test_base64_of_eicar_is_not_seen_by_clamd_itself(clamd: ClamdProcess) -> None:
    """Why attachments are decoded before scanning."""
    assert Clamd(str(clamd.socket), 30).scan(base64.b64encode(EICAR)) is None


def test_a_deposit_is_scanned_before_it_is_opened(clamd: ClamdProcess) -> None:
    """What the flow's examine step can call ahead of detection: a text file or a whole
    archive never reaches the layers, whose documents must parse first."""
    settings = clamd.settings()
    doc = scan_deposit("readme.txt", b"hello " + EICAR, settings)
    assert doc is not None and doc.reason is Reason.IRR_ANTIVIRUS
    assert [f.rule_id for f in doc.findings] == ["AV-VIRUS"]
    assert scan_deposit("a.xml", samples.ubl_invoice(), settings) is None
    assert scan_deposit("a.txt", EICAR, Settings()) is None  # off: nothing scanned
