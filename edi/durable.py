"""Durable file operations: a status that depends on a file is committed only after the
file and its directory are on disk.

One file: ``write_atomic`` (temporary name, fsync, rename, fsync the folder). Many files
before one ledger commit: a ``DurableBatch`` writes them all under temporary names, makes
the data durable with one ``syncfs`` per filesystem, renames them all, and makes the names
durable with one more: two syncs for a whole group instead of two fsyncs per file.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, content: bytes, *, sync_dir: bool = True) -> None:
    """Write under a temporary name in the same folder, fsync, rename, fsync the folder.

    Readers of the folder (a partner's pickup, a redo) never see a partial file. The
    temporary name starts with a dot and ends in .tmp, so an intake ignores it. Several
    files into one folder: ``sync_dir=False`` each, then one ``fsync_dir``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp(path)
    try:
        with open(tmp, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync_dir:
        fsync_dir(path.parent)


def link_or_copy(src: Path, dest: Path) -> None:
    """Put ``src`` at ``dest`` durably and atomically; a hard link when on one filesystem."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp(dest)
    if not _link(src, tmp):
        fsync_file(tmp)
    os.replace(tmp, dest)
    fsync_dir(dest.parent)
    fsync_dir(dest.parent.parent)  # the folder may be new: its own entry must last too


class DurableBatch:
    """Files that must all be on disk before one ledger commit; see the module doc.

    Until ``commit`` they exist only under temporary names (a dot, then ``.tmp``), which
    readers and intakes ignore and a redo overwrites.
    """

    def __init__(self) -> None:
        self._moves: list[tuple[Path, Path]] = []
        self._folders: set[Path] = set()

    def write(self, path: Path, content: bytes) -> None:
        tmp = self._prepare(path, fresh=False)  # "wb" truncates a leftover anyway
        try:
            with open(tmp, "wb") as f:
                f.write(content)
        except BaseException:  # a full disk leaves no partial file behind
            tmp.unlink(missing_ok=True)
            raise
        self._moves.append((tmp, path))

    def link(self, src: Path, dest: Path) -> None:
        """``dest`` becomes ``src``'s content: a hard link when on one filesystem."""
        tmp = self._prepare(dest)
        try:
            _link(src, tmp)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._moves.append((tmp, dest))

    def _prepare(self, path: Path, fresh: bool = True) -> Path:
        folder = path.parent
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        tmp = _tmp(path)
        if fresh:
            tmp.unlink(missing_ok=True)
        return tmp

    def commit(self) -> None:
        """Data durable, then every rename, then the names durable."""
        if not self._moves:
            return
        moves, self._moves = self._moves, []
        sync([tmp for tmp, _ in moves])
        for tmp, final in moves:
            os.replace(tmp, final)
        sync([final for _, final in moves], names=True)

    def __len__(self) -> int:
        return len(self._moves)


def sync(paths: Iterable[Path], names: bool = False) -> None:
    """Make ``paths`` durable (their names too when ``names``): one syncfs per filesystem,
    or, where syncfs is missing, an fsync per file and per folder."""
    paths = list(paths)
    if not paths:
        return
    folders = {p.parent for p in paths}
    if _SYNCFS is not None:
        devices: dict[int, Path] = {}
        for folder in folders:
            devices.setdefault(os.stat(folder).st_dev, folder)
        for folder in devices.values():
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                if _SYNCFS(fd) != 0:
                    err = ctypes.get_errno()
                    raise OSError(err, f"syncfs {folder}: {os.strerror(err)}")
            finally:
                os.close(fd)
        return
    if not names:
        for p in paths:
            fsync_file(p)
        return
    for folder in folders:
        fsync_dir(folder)
        fsync_dir(folder.parent)  # new folders (archive/YYYY/MM/DD/<flow id>) too


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")


def _link(src: Path, tmp: Path) -> bool:
    """Hard-link ``src`` as ``tmp``, or copy it (returns False) across filesystems."""
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
        return True
    except OSError:
        with open(src, "rb") as fin, open(tmp, "wb") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
        return False


def _load_syncfs() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    try:
        fn = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        log.info("syncfs is not available: durable batches fsync file by file")
        return None
    fn.argtypes = [ctypes.c_int]
    return fn


_SYNCFS = _load_syncfs()
