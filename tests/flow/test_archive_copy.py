"""The archive's copy of an original (``DurableBatch.copy``): the bytes hashed are the
bytes written, small files through one buffer and large ones in the kernel, and a leftover
of an interrupted run is never written through."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from edi import durable
from edi.durable import DurableBatch


def test_a_small_original_is_copied_and_hashed_from_one_buffer(tmp_path: Path) -> None:
    src = tmp_path / "work" / "F1__a.xml"
    src.parent.mkdir()
    src.write_bytes(b"<Invoice>1</Invoice>")
    dest = tmp_path / "archive" / "2026" / "12" / "02" / "F1" / "a.xml"
    batch = DurableBatch()
    digest = batch.copy(src, dest)
    assert digest == (hashlib.sha256(b"<Invoice>1</Invoice>").hexdigest(), 20)
    assert not dest.exists()          # a temporary name until the commit
    assert batch.commit() == {}
    assert dest.read_bytes() == b"<Invoice>1</Invoice>"
    assert os.stat(dest).st_ino != os.stat(src).st_ino   # a copy, never a link
    src.write_bytes(b"rewritten")
    assert dest.read_bytes() == b"<Invoice>1</Invoice>"


def test_a_large_original_is_copied_by_the_kernel_and_hashed_back(tmp_path: Path) -> None:
    data = os.urandom(durable.COPY_IN_MEMORY + 4096)
    src = tmp_path / "big.zip"
    src.write_bytes(data)
    dest = tmp_path / "archive" / "F2" / "big.zip"
    batch = DurableBatch()
    assert batch.copy(src, dest) == (hashlib.sha256(data).hexdigest(), len(data))
    batch.commit()
    assert dest.read_bytes() == data


def test_a_leftover_temporary_link_is_replaced_not_written_through(tmp_path: Path) -> None:
    """A run interrupted after linking a temporary name (``DurableBatch.link``) leaves a
    second name of someone's file in an existing folder: the next copy there must not
    truncate that file."""
    folder = tmp_path / "archive" / "F3"
    folder.mkdir(parents=True)
    victim = tmp_path / "victim.xml"
    victim.write_bytes(b"not yours")
    os.link(victim, folder / ".a.xml.tmp")
    src = tmp_path / "a.xml"
    src.write_bytes(b"<Invoice>3</Invoice>")
    batch = DurableBatch()
    batch.copy(src, folder / "a.xml")
    batch.commit()
    assert victim.read_bytes() == b"not yours"
    assert (folder / "a.xml").read_bytes() == b"<Invoice>3</Invoice>"
    assert sorted(p.name for p in folder.iterdir()) == ["a.xml"]


def test_a_full_disk_during_the_copy_names_the_destination(tmp_path: Path) -> None:
    """ENOSPC while writing the copy is the archive's problem, not the work area's:
    ``storage_error`` finds the folder by the file name the error carries."""
    src = tmp_path / "work" / "a.xml"
    src.parent.mkdir()
    src.write_bytes(b"<Invoice/>")
    archive = tmp_path / "archive"
    batch = DurableBatch()
    real_open = open

    def full(path: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if "w" in mode and str(path).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        return real_open(path, mode, *args, **kwargs)  # type: ignore[call-overload]

    durable.open = full  # type: ignore[attr-defined]
    try:
        try:
            batch.copy(src, archive / "F4" / "a.xml")
        except OSError as exc:
            error = exc
        else:
            raise AssertionError("the copy did not fail")
    finally:
        del durable.open  # type: ignore[attr-defined]
    storage = durable.storage_error(error, {"archive": archive, "work": src.parent})
    assert storage is not None and storage.folder == "archive"
    assert not any(p.name.endswith(".tmp") for p in (archive / "F4").iterdir())


def test_work_files_are_all_removed_before_the_archive_step_returns(tmp_path: Path) -> None:
    from edi.flow.archive import _remove

    files = [tmp_path / f"F{i}__a.xml" for i in range(50)]
    for f in files:
        f.write_bytes(b"<Invoice/>")
    assert _remove(files) is True
    assert list(tmp_path.iterdir()) == []
    assert _remove(files) is False          # gone already (a redo): nothing to sync
    (tmp_path / "F0__a.xml").mkdir()        # an error that is not "gone" is raised
    try:
        _remove([*files[1:], tmp_path / "F0__a.xml"])
    except OSError as exc:
        assert exc.filename == str(tmp_path / "F0__a.xml")
    else:
        raise AssertionError("unlinking a folder did not fail")
