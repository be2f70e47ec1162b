"""Durable file operations: a status that depends on a file is committed only after the
file and its directory are on disk.

One file: ``write_atomic`` (temporary name, fsync, rename, fsync the folder). Many files
before one ledger commit: a ``DurableBatch`` writes them all under temporary names, makes
the data durable with one ``syncfs`` per filesystem, renames them all, and makes the names
durable with one more: two syncs for a whole group instead of two fsyncs per file.

Originals are archived by ``copy`` (never a hard link: a depositor holding another link
could rewrite the archive). A folder that is full or read-only is not a defect of the flow
in hand: ``storage_error`` turns such an ``OSError`` into ``StorageUnavailable`` naming the
folder, and whoever holds the flows waits and tries again (see ``edi.flow.storage``).
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import logging
import os
import shutil
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from edi.model import EdiError
from edi.testing import storage_fault

log = logging.getLogger(__name__)

# Errors of the storage, not of the file: they heal when ops free space or remount.
STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES,
                            errno.EPERM})


class StorageUnavailable(EdiError):
    """One of our folders (or the ledger) cannot be written: full, over quota, read-only.

    Nothing of the flow in hand is recorded when this is raised: it stays where it is, and
    the same step is redone once the folder is writable again.
    """

    def __init__(self, folder: str, path: Path | str | None, err: int, detail: str = ""
                 ) -> None:
        self.folder = folder          # "archive", "reports", "rejected", "work", "ledger"...
        self.path = str(path) if path is not None else None
        self.errno = err
        self.strerror = detail or os.strerror(err)
        super().__init__(f"{folder} ({self.path}) cannot be written: {self.strerror}")

    def as_dict(self) -> dict[str, object]:
        return {"folder": self.folder, "path": self.path,
                "errno": errno.errorcode.get(self.errno, str(self.errno)),
                "error": self.strerror}


def storage_error(exc: BaseException, folders: dict[str, Path]) -> StorageUnavailable | None:
    """``exc`` as a ``StorageUnavailable`` when it is a full or read-only folder of ours.

    ``folders`` maps our folder names to their paths; the error's file name says which one.
    """
    if isinstance(exc, StorageUnavailable):
        return exc
    if not isinstance(exc, OSError) or exc.errno not in STORAGE_ERRNOS:
        return None
    where = exc.filename if exc.filename is not None else exc.filename2
    path = Path(os.fsdecode(where)) if where is not None else None
    if path is not None:
        for name, folder in folders.items():
            if path == folder or folder in path.parents:
                return StorageUnavailable(name, folder, exc.errno or 0,
                                          exc.strerror or "")
        return None  # not one of ours (a target's folder): the caller decides
    return None


@dataclass(frozen=True, slots=True)
class Problem:
    """A storage problem the processor is waiting on (shown by ``/health``)."""

    folder: str
    path: str | None
    errno: str
    error: str
    since: datetime


_problems: dict[str, Problem] = {}
_problems_lock = threading.Lock()


def report_problem(exc: StorageUnavailable, since: datetime) -> bool:
    """Remember that ``exc.folder`` is unavailable; True when it is news."""
    with _problems_lock:
        known = _problems.get(exc.folder)
        d = exc.as_dict()
        _problems[exc.folder] = Problem(exc.folder, exc.path, str(d["errno"]), exc.strerror,
                                        known.since if known else since)
        return known is None


def clear_problems() -> list[Problem]:
    """Every folder is writable again; returns the problems that were open."""
    with _problems_lock:
        gone = list(_problems.values())
        _problems.clear()
        return gone


def problems() -> list[Problem]:
    """The storage problems this process is waiting on now."""
    with _problems_lock:
        return list(_problems.values())


def probe(folders: dict[str, Path]) -> list[dict[str, object]]:
    """Folders that are read-only or have no free space left, seen from any process."""
    found: list[dict[str, object]] = []
    for name, folder in folders.items():
        try:
            st = os.statvfs(folder)
        except OSError:
            continue  # not created yet: nothing wrote there
        if st.f_flag & os.ST_RDONLY:
            found.append({"folder": name, "path": str(folder), "errno": "EROFS",
                          "error": "read-only file system"})
        elif st.f_bavail * st.f_frsize < MIN_FREE_BYTES:
            found.append({"folder": name, "path": str(folder), "errno": "ENOSPC",
                          "error": f"{st.f_bavail * st.f_frsize} bytes free"})
        elif not os.access(folder, os.W_OK):
            found.append({"folder": name, "path": str(folder), "errno": "EACCES",
                          "error": "not writable by this user"})
    return found


MIN_FREE_BYTES = 64 * 1024


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
        storage_fault(tmp)
        with open(tmp, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _named(exc, tmp) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync_dir:
        fsync_dir(path.parent)


def link_or_copy(src: Path, dest: Path) -> None:
    """Put ``src`` at ``dest`` durably and atomically; a hard link when on one filesystem."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp(dest)
    storage_fault(tmp)
    tmp.unlink(missing_ok=True)
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
        self._moves: list[tuple[Path, Path, str | None]] = []
        self._folders: set[Path] = set()   # made or found by this batch
        self._new: set[Path] = set()       # made by this batch: no leftover inside
        self.owner: str | None = None  # files added now belong to this flow (see commit)

    def write(self, path: Path, content: bytes) -> None:
        tmp = self._prepare(path, fresh=False)  # "wb" truncates a leftover anyway
        try:
            storage_fault(tmp)
            with open(tmp, "wb") as f:
                f.write(content)
        except OSError as exc:  # a full disk leaves no partial file behind
            tmp.unlink(missing_ok=True)
            raise _named(exc, tmp) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._moves.append((tmp, path, self.owner))

    def link(self, src: Path, dest: Path) -> None:
        """``dest`` becomes ``src``'s content: a hard link when on one filesystem."""
        tmp = self._prepare(dest)
        try:
            storage_fault(tmp)
            _link(src, tmp)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise _named(exc, tmp) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._moves.append((tmp, dest, self.owner))

    def copy(self, src: Path, dest: Path) -> tuple[str, int]:
        """``dest`` becomes a copy of ``src`` (its own inode: rewriting ``src`` later leaves
        it alone); returns the sha256 and size of the bytes copied: what is hashed is what
        was written.

        A file up to ``COPY_IN_MEMORY`` (nearly every invoice) is read once, hashed and
        written from that one buffer: two opens, no stat. A larger one is copied in the
        kernel (``copy_file_range``, a reflink where the filesystem has them), then hashed
        back from the copy.
        """
        tmp = self._prepare(dest)
        try:
            storage_fault(tmp)
            digest = _copy_small(src, tmp)
            if digest is None:
                shutil.copyfile(src, tmp)
                digest = sha256_file(tmp)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
                # shutil names the source; these are the destination's errors
                raise OSError(exc.errno, exc.strerror or os.strerror(exc.errno),
                              str(tmp)) from exc
            raise _named(exc, tmp) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._moves.append((tmp, dest, self.owner))
        return digest

    def discard(self, owner: str) -> None:
        """Drop the files of ``owner`` not yet committed (its flow did not conclude)."""
        kept = []
        for tmp, final, who in self._moves:
            if who == owner:
                tmp.unlink(missing_ok=True)
            else:
                kept.append((tmp, final, who))
        self._moves = kept

    def abort(self) -> None:
        """Drop every file not yet committed (the group is redone later)."""
        for tmp, _, _ in self._moves:
            tmp.unlink(missing_ok=True)
        self._moves = []

    def _prepare(self, path: Path, fresh: bool = True) -> Path:
        """The temporary name of ``path``, its folder made once per batch. ``fresh``: a
        leftover of an interrupted run is removed first (it may be a hard link that
        writing through would change), unless this batch made the folder just now."""
        folder = path.parent
        if folder not in self._folders:
            if _mkdir(folder):
                self._new.add(folder)
            self._folders.add(folder)
        tmp = _tmp(path)
        if fresh and folder not in self._new:
            tmp.unlink(missing_ok=True)
        return tmp

    def commit(self) -> dict[str, OSError]:
        """Data durable, then every rename, then the names durable.

        A rename that fails costs only its owner's files: the others are committed, and
        the failures are returned as {owner: error} (the owner's other files are left
        under temporary names, never half visible). A failure of a file with no owner, or
        of the sync itself, raises: nothing is known to be durable then.
        """
        if not self._moves:
            return {}
        moves, self._moves = self._moves, []
        folders = {final.parent for _, final, _ in moves}
        try:
            # 1. the data: a name made durable first could show a short or empty file after
            # a power cut, and a redo takes a delivery or an archived original that is
            # there as done (it is not written again)
            devices = _sync([tmp for tmp, _, _ in moves], folders, names=False)
        except BaseException:
            for tmp, _, _ in moves:
                tmp.unlink(missing_ok=True)
            raise
        failed: dict[str, OSError] = {}
        done: list[Path] = []
        for tmp, final, owner in moves:
            if owner is not None and owner in failed:
                tmp.unlink(missing_ok=True)
                continue
            try:
                os.replace(tmp, final)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                if owner is None:
                    sync(done, names=True)
                    raise
                failed[owner] = exc
                continue
            done.append(final)
        # 2. the names (and new folders): the caller's ledger commit says these files are
        # there; a name lost at a power cut would be a verdict without its compte rendu,
        # an archived flow without its original, a delivery recorded but not made
        _sync(done, folders, names=True, devices=devices)
        return failed

    def __len__(self) -> int:
        return len(self._moves)


def sync(paths: Iterable[Path], names: bool = False) -> None:
    """Make ``paths`` durable (their names too when ``names``): one syncfs per filesystem,
    or, where syncfs is missing, an fsync per file and per folder."""
    paths = list(paths)
    if paths:
        _sync(paths, {p.parent for p in paths}, names)


def _sync(paths: list[Path], folders: set[Path], names: bool,
          devices: dict[int, Path] | None = None) -> dict[int, Path]:
    """``sync`` of ``paths``, which live in ``folders``; ``devices`` (one folder per
    filesystem, as returned) spares a batch's second sync the stat of every folder."""
    if not paths:
        return devices or {}
    if _SYNCFS is not None:
        if devices is None:
            devices = {}
            for folder in folders:
                devices.setdefault(os.stat(folder).st_dev, folder)
        for folder in devices.values():
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                if _SYNCFS(fd) != 0:
                    err = ctypes.get_errno()
                    raise OSError(err, f"syncfs: {os.strerror(err)}", str(folder))
            finally:
                os.close(fd)
        return devices
    if not names:
        for p in paths:
            fsync_file(p)
        return {}
    for folder in folders:
        fsync_dir(folder)
        fsync_dir(folder.parent)  # new folders (archive/YYYY/MM/DD/<flow id>) too
    return {}


def _named(exc: OSError, path: Path) -> OSError:
    """``exc`` with the file it is about (a write() refused for lack of space names none):
    ``storage_error`` finds the folder by it."""
    if exc.filename is not None or exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror or os.strerror(exc.errno), str(path))


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")


def unfinished_of(name: str) -> str | None:
    """The name ``write_atomic`` was writing when it left the temporary ``name`` behind
    (killed before its rename), or None when ``name`` is not such a temporary."""
    if name.startswith(".") and name.endswith(".tmp") and len(name) > len("..tmp"):
        return name[1:-len(".tmp")]
    return None


def sha256_file(path: Path) -> tuple[str, int]:
    """The sha256 (hex) and size of a file's bytes."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _link(src: Path, tmp: Path) -> bool:
    """Hard-link ``src`` as ``tmp`` (which must not exist), or copy it (returns False)
    across filesystems."""
    try:
        os.link(src, tmp)
        return True
    except OSError:
        with open(src, "rb") as fin, open(tmp, "wb") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
        return False


COPY_IN_MEMORY = 1 << 20   # bytes: a file up to this size is copied through one buffer


def _copy_small(src: Path, tmp: Path) -> tuple[str, int] | None:
    """Copy ``src`` to ``tmp`` through one buffer and return its sha256 and size, or None
    (nothing written) when ``src`` is larger than ``COPY_IN_MEMORY``."""
    with open(src, "rb") as fin:
        if os.fstat(fin.fileno()).st_size > COPY_IN_MEMORY:
            return None
        data = fin.read(COPY_IN_MEMORY + 1)
        if len(data) > COPY_IN_MEMORY:   # grew meanwhile
            return None
    with open(tmp, "wb") as fout:
        fout.write(data)
    return hashlib.sha256(data).hexdigest(), len(data)


def _mkdir(folder: Path) -> bool:
    """Make ``folder`` (and its parents); True when this call made it, False when it was
    there. One syscall when the parent exists (a flow's folder under its day folder)."""
    try:
        os.mkdir(folder)
        return True
    except FileExistsError:
        return False
    except FileNotFoundError:
        folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(folder)
        return True
    except FileExistsError:
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
