"""Full or read-only storage waits, never crashes; a target that is down is waited for.

Our folders (archive, reports, rejected, the ledger) are made full with a real 64 KiB tmpfs
where this runs as root and may mount one; otherwise, and for read-only cases, the
``EDI_STORAGE_FAULT`` hook (edi/testing.py) refuses writes there with the same errno
while a flag file exists, and the test "frees the space" by removing it.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from edi import samples
from tests.e2e.conftest import Workspace

TERMINAL = {"IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE", "IN_INCIDENTE"}


def _inputs(ws: Workspace, n: int = 5) -> dict[str, bytes]:
    inputs = {f"f{i}.xml": samples.ubl_invoice(number=f"S-{i}") for i in range(n)}
    inputs["broken.xml"] = b"<Invoice><broken></Invoice>"
    for name, data in inputs.items():
        ws.drop(name, data)
    return inputs


def _wait_for(what: str, check: Callable[[], bool], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def _running(ws: Workspace, *args: str) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    log = ws.root / "edi.log"
    env = {k: v for k, v in {**os.environ, **ws.env}.items()
           if k not in ("EDI_CRASH_AT", "EDI_CONFIG")}
    with open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "edi.cli", *args], cwd=ws.root,
                                env=env, stdout=subprocess.DEVNULL, stderr=err, text=True)
        try:
            yield proc, log
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(30)


def _mount_full(folder: Path) -> bool:
    """A 64 KiB tmpfs at ``folder``, filled: False where mounting is not permitted."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        return False
    with open(folder / "filler", "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError as exc:  # full: exactly what we want
            assert exc.errno == errno.ENOSPC, exc
    return True


def _check_all_accounted(ws: Workspace, inputs: dict[str, bytes]) -> list[dict]:
    flows = ws.flows()
    assert sorted(f["file_name"] for f in flows) == sorted(inputs)
    assert all(f["status"] in TERMINAL for f in flows), [(f["file_name"], f["status"])
                                                         for f in flows]
    assert not [f for f in flows if f["status"] == "IN_INCIDENTE"]
    archived = {p.name: p.read_bytes() for p in ws.files("archive") if p.name != "filler"}
    assert archived == inputs
    delivered = sorted(p.name.split("_", 1)[1] for p in ws.files("outbox"))
    assert delivered == sorted(f"S-{i}.xml" for i in range(len(inputs) - 1))
    return flows


@pytest.mark.parametrize("folder,how", [
    ("archive", "tmpfs"), ("archive", "ENOSPC"), ("reports", "EROFS"),
    ("rejected", "EACCES"),
    pytest.param("var/edi.sqlite", "ENOSPC", marks=pytest.mark.sqlite_only)])
def test_a_folder_that_cannot_be_written_makes_the_run_wait_then_resume(
        ws: Workspace, folder: str, how: str) -> None:
    inputs = _inputs(ws)
    target = ws.root / folder
    flag = ws.root / "storage-broken"
    name = "ledger" if folder.startswith("var") else folder
    try:
        if how == "tmpfs":
            if not _mount_full(target):
                pytest.skip("cannot mount a 64 KiB tmpfs here (needs root); the injected "
                            "ENOSPC case covers the same path")
        else:
            flag.touch()
            ws.env["EDI_STORAGE_FAULT"] = f"{how}:{target}"
            ws.env["EDI_STORAGE_FAULT_WHILE"] = str(flag)
        with _running(ws, "process") as (proc, log):
            _wait_for("the storage problem to be logged",
                      lambda: f"storage: {name} cannot be written" in log.read_text())
            assert proc.poll() is None, "the run must wait, not stop"
            # nothing is half recorded meanwhile
            assert not [f for f in ws.flows() if f["status"] in TERMINAL] or name != "archive"
            if how == "tmpfs":
                (target / "filler").unlink()
            else:
                flag.unlink()
            assert proc.wait(120) == 0, log.read_text()
            assert f"storage: {name} can be written again" in log.read_text()
    finally:
        if how == "tmpfs":
            subprocess.run(["umount", "-l", str(target)], check=False)
    if how == "tmpfs":  # what was archived there is gone with the tmpfs: judge the ledger
        flows = ws.flows()
        assert sorted(f["file_name"] for f in flows) == sorted(inputs)
        assert all(f["status"] in TERMINAL - {"IN_INCIDENTE"} for f in flows)
    else:
        _check_all_accounted(ws, inputs)
    assert "0 flow(s)" in ws.edi("process").stderr


def test_health_names_the_folder_that_cannot_be_written(ws: Workspace) -> None:
    from tests.web.conftest import free_port

    ws.drop("a.xml", samples.ubl_invoice(number="H-1"))
    flag = ws.root / "storage-broken"
    flag.touch()
    ws.env["EDI_STORAGE_FAULT"] = f"ENOSPC:{ws.root / 'archive'}"
    ws.env["EDI_STORAGE_FAULT_WHILE"] = str(flag)
    port = free_port()

    def health() -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())
        except OSError:
            return 0, {}

    with _running(ws, "watch", "--serve", "--host", "127.0.0.1", "--port", str(port)) as (
            proc, log):
        _wait_for("/health to report the archive", lambda: health()[1].get("storage"))
        status, body = health()
        assert status == 503 and body["status"] == "storage"
        (problem,) = [p for p in body["storage"] if p["folder"] == "archive"]
        assert problem["errno"] == "ENOSPC" and problem["path"].endswith("archive")
        flag.unlink()
        _wait_for("the flow to be integrated",
                  lambda: [f["status"] for f in ws.flows()] == ["IN_INTEGRE"])
        _wait_for("/health to clear", lambda: health()[1].get("storage") == [])
        status, body = health()
        assert body["status"] != "storage", body
        assert proc.poll() is None


def test_a_full_outbox_waits_then_every_flow_is_delivered_once(ws: Workspace) -> None:
    ws.configure(extra="[delivery]\nbackoff_initial = 0.0\nbackoff_max = 0.0\n")
    inputs = _inputs(ws)
    flag = ws.root / "outbox-full"
    flag.touch()
    ws.env["EDI_STORAGE_FAULT"] = f"ENOSPC:{ws.root / 'outbox'}"
    ws.env["EDI_STORAGE_FAULT_WHILE"] = str(flag)
    for _ in range(4):  # many attempts: attempts are no longer what gives up
        ws.edi("process")
        flows = {f["file_name"]: f for f in ws.flows()}
        waiting = [f for n, f in flows.items() if n != "broken.xml"]
        assert {f["status"] for f in waiting} == {"IN_EN_ATTENTE_TRAITEMENT_CPP"}
        assert flows["broken.xml"]["status"] == "IN_REJETE"
    assert [p for p in ws.files("outbox")] == []
    row = ws.db().execute("select attempts, next_attempt_at, detail from flows "
                          "where status = 'IN_EN_ATTENTE_TRAITEMENT_CPP'").fetchone()
    assert row[0] == 4 and row[1] is not None and "No space left" in row[2]
    flag.unlink()  # space is back
    ws.edi("process")
    _check_all_accounted(ws, inputs)
    assert "0 flow(s)" in ws.edi("process").stderr


def test_a_target_down_past_max_wait_is_an_incident_and_resend_delivers(
        ws: Workspace) -> None:
    ws.configure(extra="[delivery]\nbackoff_initial = 0.0\nmax_wait = 1.0\n")
    ws.drop("ro.xml", samples.ubl_invoice(number="RO-1"))
    ws.env["EDI_STORAGE_FAULT"] = f"EROFS:{ws.root / 'outbox'}"
    ws.edi("process")
    assert ws.flows()[0]["status"] == "IN_EN_ATTENTE_TRAITEMENT_CPP"
    time.sleep(1.2)  # max_wait passes
    ws.edi("process")
    flow = ws.flows()[0]
    assert flow["status"] == "IN_INCIDENTE"
    assert "waited" in ws.db().execute("select detail from flows").fetchone()[0]
    ws.env.pop("EDI_STORAGE_FAULT")
    out = ws.edi("resend", flow["flow_id"]).stdout
    assert "IN_INTEGRE" in out
    assert [p.name for p in ws.files("outbox")] == [f"{flow['flow_id']}_RO-1.xml"]


def test_a_hard_linked_deposit_rewritten_later_leaves_the_archive_alone(
        ws: Workspace, tmp_path: Path) -> None:
    import hashlib

    data = samples.ubl_invoice(number="HL-1")
    original = tmp_path / "depositor" / "invoice.xml"
    original.parent.mkdir()
    original.write_bytes(data)
    ws.inbox.mkdir(parents=True, exist_ok=True)
    os.link(original, ws.inbox / "invoice.xml")
    os.utime(ws.inbox / "invoice.xml", (1_000_000_000, 1_000_000_000))
    ws.edi("process")
    with open(original, "r+b") as f:  # the depositor rewrites its own copy in place
        f.write(b"<rewritten/>")
    (archived,) = ws.files("archive")
    assert archived.read_bytes() == data
    assert archived.stat().st_ino != original.stat().st_ino
    sha = ws.db().execute("select sha256, size from flows").fetchone()
    assert sha == (hashlib.sha256(data).hexdigest(), len(data))
