"""`edi process` takes what is there: files just copied in are waited for until stable; a
file still being written after the bound is left, and said so."""

from __future__ import annotations

import threading
from pathlib import Path

from edi import samples
from tests.e2e.conftest import Workspace


def _workspace(root: Path, quiet: float, wait: float) -> Workspace:
    ws = Workspace(root)
    ws.configure(quiet=quiet)
    toml = ws.root / "edi.toml"
    toml.write_text(toml.read_text().replace(
        "[intake]\n", f"[intake]\nprocess_wait = {wait}\n"))
    ws.inbox.mkdir()
    return ws


def test_files_copied_in_just_before_the_run_are_all_taken(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, quiet=0.5, wait=30)
    names = [f"{i:02d}.xml" for i in range(6)]
    for i, name in enumerate(names):  # fresh mtimes: younger than the quiet period
        (ws.inbox / name).write_bytes(samples.ubl_invoice(number=f"P-{i}"))
    proc = ws.edi("process")
    assert "not yet stable" not in proc.stderr
    flows = ws.flows()
    assert sorted(f["file_name"] for f in flows) == names
    assert {f["status"] for f in flows} == {"IN_INTEGRE"}
    assert ws.files("inbox") == []


def test_a_file_still_growing_after_the_bound_is_left_and_reported(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, quiet=0.5, wait=2)
    (ws.inbox / "done.xml").write_bytes(samples.ubl_invoice(number="P-1"))
    growing = ws.inbox / "growing.xml"
    stop = threading.Event()

    def write() -> None:  # never 0.5 s without a change, for as long as edi runs
        with open(growing, "ab", buffering=0) as f:
            while not stop.wait(0.05):
                f.write(b"<!-- more -->")

    writer = threading.Thread(target=write)
    writer.start()
    try:
        proc = ws.edi("process")
    finally:
        stop.set()
        writer.join()
    assert "1 file(s) not yet stable, left for the next run" in proc.stderr
    assert "growing.xml still changing" in proc.stderr
    assert [p.name for p in ws.files("inbox")] == ["growing.xml"]
    assert {f["file_name"]: f["status"] for f in ws.flows()} == {"done.xml": "IN_INTEGRE"}
