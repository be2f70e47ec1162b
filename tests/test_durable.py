"""Durable file operations: atomic writes, batches committed together, links and copies."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from edi import durable
from edi.durable import DurableBatch, StorageUnavailable, storage_error, write_atomic


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.xml"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert _visible(target.parent) == ["a.xml"]


def test_a_batch_shows_nothing_until_it_commits(tmp_path: Path) -> None:
    batch = DurableBatch()
    batch.write(tmp_path / "outbox" / "1.xml", b"one")
    batch.write(tmp_path / "reports" / "1.cr.json", b"{}")
    assert len(batch) == 2
    # only temporary names (a dot, then .tmp) exist: readers and intakes ignore them
    assert _visible(tmp_path / "outbox") == [".1.xml.tmp"]
    assert batch.commit() == {}
    assert _visible(tmp_path / "outbox") == ["1.xml"]
    assert (tmp_path / "reports" / "1.cr.json").read_bytes() == b"{}"
    assert len(batch) == 0 and batch.commit() == {}


def test_without_syncfs_each_file_and_folder_is_fsynced(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    files: list[Path] = []
    folders: list[Path] = []
    real_file, real_dir = durable.fsync_file, durable.fsync_dir

    def file_spy(path: Path) -> None:
        files.append(path)
        real_file(path)

    def dir_spy(path: Path) -> None:
        folders.append(path)
        real_dir(path)

    monkeypatch.setattr(durable, "_SYNCFS", None)  # a platform without syncfs(2)
    monkeypatch.setattr(durable, "fsync_file", file_spy)
    monkeypatch.setattr(durable, "fsync_dir", dir_spy)
    batch = DurableBatch()
    batch.write(tmp_path / "a" / "1.xml", b"1")
    batch.write(tmp_path / "a" / "2.xml", b"2")
    batch.write(tmp_path / "b" / "3.xml", b"3")
    batch.commit()
    assert sorted(p.name for p in files) == [".1.xml.tmp", ".2.xml.tmp", ".3.xml.tmp"]
    # each folder once, and its parent (a new folder's own entry must last too)
    assert sorted(folders) == sorted([tmp_path / "a", tmp_path, tmp_path / "b", tmp_path])
    assert [(tmp_path / d / n).read_bytes() for d, n in
            [("a", "1.xml"), ("a", "2.xml"), ("b", "3.xml")]] == [b"1", b"2", b"3"]


def test_link_shares_the_inode_and_copy_does_not(tmp_path: Path) -> None:
    src = tmp_path / "deposit.xml"
    src.write_bytes(b"<Invoice/>")
    batch = DurableBatch()
    batch.link(src, tmp_path / "linked" / "deposit.xml")
    digest, size = batch.copy(src, tmp_path / "copied" / "deposit.xml")
    batch.commit()
    linked, copied = tmp_path / "linked" / "deposit.xml", tmp_path / "copied" / "deposit.xml"
    assert linked.stat().st_ino == src.stat().st_ino
    assert copied.stat().st_ino != src.stat().st_ino
    assert (digest, size) == (hashlib.sha256(b"<Invoice/>").hexdigest(), 10)
    with open(src, "r+b") as f:  # the depositor rewrites the file in place
        f.write(b"<Changed/>")
    assert linked.read_bytes() == b"<Changed/>"
    assert copied.read_bytes() == b"<Invoice/>"


def test_link_or_copy_puts_the_file_in_place(tmp_path: Path) -> None:
    src = tmp_path / "a.xml"
    src.write_bytes(b"x")
    durable.link_or_copy(src, tmp_path / "new" / "folder" / "a.xml")
    assert (tmp_path / "new" / "folder" / "a.xml").read_bytes() == b"x"
    assert _visible(tmp_path / "new" / "folder") == ["a.xml"]


def test_a_file_that_cannot_be_renamed_costs_only_its_owner(tmp_path: Path) -> None:
    (tmp_path / "reports" / "bad.cr.json").mkdir(parents=True)  # a folder in the way
    (tmp_path / "reports" / "bad.cr.json" / "x").write_bytes(b"")
    batch = DurableBatch()
    batch.owner = "bad"
    batch.write(tmp_path / "outbox" / "bad.xml", b"b")
    batch.write(tmp_path / "reports" / "bad.cr.json", b"{}")
    batch.write(tmp_path / "reports" / "bad.cr.xml", b"<cr/>")
    batch.owner = "good"
    batch.write(tmp_path / "outbox" / "good.xml", b"g")
    failed = batch.commit()
    assert list(failed) == ["bad"] and isinstance(failed["bad"], OSError)
    assert (tmp_path / "outbox" / "good.xml").read_bytes() == b"g"
    # the owner's files after the failure never appear, and no temporary is left
    assert _visible(tmp_path / "reports") == ["bad.cr.json"]
    assert ".bad.cr.xml.tmp" not in _visible(tmp_path / "reports")
    assert (tmp_path / "reports" / "bad.cr.json").is_dir()


def test_discard_and_abort_leave_no_temporary(tmp_path: Path) -> None:
    batch = DurableBatch()
    batch.owner = "a"
    batch.write(tmp_path / "a.xml", b"a")
    batch.owner = "b"
    batch.write(tmp_path / "b.xml", b"b")
    batch.discard("a")
    assert _visible(tmp_path) == [".b.xml.tmp"]
    batch.abort()
    assert _visible(tmp_path) == [] and len(batch) == 0


def test_storage_errors_name_our_folder(tmp_path: Path) -> None:
    folders = {"archive": tmp_path / "archive", "reports": tmp_path / "reports"}
    full = OSError(errno.ENOSPC, "No space left on device",
                   str(tmp_path / "archive" / "2026" / ".a.xml.tmp"))
    problem = storage_error(full, folders)
    assert isinstance(problem, StorageUnavailable)
    assert (problem.folder, problem.errno) == ("archive", errno.ENOSPC)
    assert problem.as_dict()["errno"] == "ENOSPC"
    read_only = OSError(errno.EROFS, "Read-only file system", str(tmp_path / "reports"))
    assert storage_error(read_only, folders).folder == "reports"  # type: ignore[union-attr]
    # not a storage error, or not one of our folders: the caller decides
    assert storage_error(OSError(errno.ENAMETOOLONG, "too long",
                                 str(tmp_path / "archive" / "x")), folders) is None
    assert storage_error(OSError(errno.ENOSPC, "full", str(tmp_path / "outbox" / "x")),
                         folders) is None
    assert storage_error(ValueError("x"), folders) is None


def test_problems_are_remembered_until_cleared(tmp_path: Path) -> None:
    from edi.model import utcnow

    durable.clear_problems()
    exc = StorageUnavailable("archive", tmp_path, errno.ENOSPC)
    assert durable.report_problem(exc, utcnow()) is True
    assert durable.report_problem(exc, utcnow()) is False  # the same, still open
    assert [p.folder for p in durable.problems()] == ["archive"]
    assert [p.errno for p in durable.clear_problems()] == ["ENOSPC"]
    assert durable.problems() == []


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (needs root and mount; skipped with the reason otherwise)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root and mount(8) to mount a 64 KiB tmpfs")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"mount of a tmpfs was refused: {result.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_leaves_no_partial_file_and_is_reported(tiny_fs: Path) -> None:
    batch = DurableBatch()
    with pytest.raises(OSError) as info:
        batch.write(tiny_fs / "big.xml", b"x" * 200_000)
    assert info.value.errno == errno.ENOSPC
    assert _visible(tiny_fs) == [] and len(batch) == 0
    problem = storage_error(info.value, {"archive": tiny_fs})
    assert problem is not None and problem.folder == "archive"
    assert [p["folder"] for p in durable.probe({"archive": tiny_fs})] == []  # still empty
    (tiny_fs / "filler").write_bytes(b"\0" * 60_000)
    assert [p["errno"] for p in durable.probe({"archive": tiny_fs})] == ["ENOSPC"]
