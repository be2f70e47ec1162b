"""Durable file operations: a status that depends on a file is committed only after the
file and its directory are on disk."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


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
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
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
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
    except OSError:
        with open(src, "rb") as fin, open(tmp, "wb") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
            fout.flush()
            os.fsync(fout.fileno())
    os.replace(tmp, dest)
    fsync_dir(dest.parent)
    fsync_dir(dest.parent.parent)  # the folder may be new: its own entry must last too
