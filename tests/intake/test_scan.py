"""The scan and the stability check, on real files and real mtimes."""

from __future__ import annotations

import os
import time
from pathlib import Path

from edi.config import Intake
from edi.intake.scan import StabilityTracker, scan


def _touch(path: Path, data: bytes = b"x", age: float = 0.0) -> Path:
    path.write_bytes(data)
    if age:
        t = time.time() - age
        os.utime(path, (t, t))
    return path


def test_scan_skips_dotfiles_partial_names_and_folders_oldest_first(tmp_path: Path) -> None:
    _touch(tmp_path / "b.xml", age=10)
    _touch(tmp_path / "a.xml", age=10)
    _touch(tmp_path / "old.xml", age=100)
    for name in (".hidden", "c.xml.tmp", "d.xml.part"):
        _touch(tmp_path / name, age=100)
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path / "a.xml", tmp_path / "link.xml")
    names = [c.path.name for c in scan(tmp_path, Intake())]
    assert names[0] == "old.xml"
    # same mtime: by name
    assert sorted(names[1:]) == ["a.xml", "b.xml"]
    assert "link.xml" not in names


def test_done_file_convention(tmp_path: Path) -> None:
    _touch(tmp_path / "x.xml", age=10)
    _touch(tmp_path / "y.xml", age=10)
    _touch(tmp_path / "y.xml.done", age=10)
    names = [c.path.name for c in scan(tmp_path, Intake(done_files=True))]
    assert names == ["y.xml"]


def test_an_old_file_is_stable_at_once_a_fresh_one_after_the_quiet_period(
        tmp_path: Path) -> None:
    _touch(tmp_path / "old.xml", age=60)
    fresh = _touch(tmp_path / "fresh.xml")
    tracker = StabilityTracker(quiet_period=5.0)
    now = time.time_ns()
    ready = tracker.stable(scan(tmp_path, Intake()), now)
    assert [c.path.name for c in ready] == ["old.xml"]
    # still unchanged 6 s later (simulated clock): stable
    ready = tracker.stable(scan(tmp_path, Intake()), now + 6 * 10**9)
    assert "fresh.xml" in [c.path.name for c in ready]
    # a file that grows restarts its quiet period
    tracker = StabilityTracker(quiet_period=5.0)
    tracker.stable(scan(tmp_path, Intake()), now)
    with open(fresh, "ab") as f:
        f.write(b"more")
    ready = tracker.stable(scan(tmp_path, Intake()), time.time_ns())
    assert "fresh.xml" not in [c.path.name for c in ready]
    for c in ready:  # taken (claimed), as run_pass does
        tracker.forget(c.path)
    assert tracker.waiting() == [fresh]
    assert tracker.next_check() is not None and tracker.next_check() > 0


def test_a_file_written_to_between_scan_and_claim_is_not_taken(tmp_path: Path) -> None:
    """Stable at the scan, but a writer resumed before the claim: confirm() leaves it for
    a new quiet period; an untouched file and a removed one are told apart."""
    kept = _touch(tmp_path / "kept.xml", age=60)
    resumed = _touch(tmp_path / "resumed.xml", b"<Invoice", age=60)
    gone = _touch(tmp_path / "gone.xml", age=60)
    tracker = StabilityTracker(quiet_period=5.0)
    ready = tracker.stable(scan(tmp_path, Intake()))
    assert sorted(c.path.name for c in ready) == ["gone.xml", "kept.xml", "resumed.xml"]
    with open(resumed, "ab") as f:
        f.write(b"/>")
    gone.unlink()
    assert [c.path for c in tracker.confirm(ready)] == [kept]
    assert resumed in tracker.waiting() and gone not in tracker.waiting()
    # the resumed file now waits a whole quiet period from its new mtime
    ready = tracker.stable(scan(tmp_path, Intake()))
    assert resumed not in [c.path for c in ready]
    later = tracker.stable(scan(tmp_path, Intake()), time.time_ns() + 6 * 10**9)
    assert resumed in [c.path for c in later]
