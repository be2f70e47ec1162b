"""ZIP and TAR(.GZ) archives -> their members' bytes, read in memory with caps.

An archive is one flow of many invoices, and the most hostile input we take: names that
climb out of a folder, links, nested archives, members that expand to gigabytes. Nothing
is ever extracted to disk; members are read by streaming, counting every byte, and the
reading stops as soon as a cap (count, total size, compression ratio) is crossed, whatever
the headers claim.
"""

from __future__ import annotations

import gzip
import io
import re
import stat
import tarfile
import zipfile
import zlib
from typing import BinaryIO

from edi.config import Limits
from edi.parsers.rules import error

CHUNK = 1 << 16
# Below this many uncompressed bytes a high ratio is harmless (a small, repetitive
# invoice compresses well); above it, it is how a compression bomb looks.
RATIO_FLOOR = 1 << 20

_DRIVE = re.compile(r"^[A-Za-z]:")
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
               NotImplementedError)  # NotImplementedError: an unsupported compression
_TAR_ERRORS = (tarfile.TarError, zlib.error, EOFError, OSError)


def members(data: bytes, kind: str, limits: Limits) -> list[tuple[str, bytes]]:
    """(name, bytes) of the archive's files, sorted by name; ``kind`` is zip, gzip or tar."""
    if kind == "zip":
        found = _zip_members(data, limits)
    elif kind in ("gzip", "tar"):
        found = _tar_members(data, kind == "gzip", limits)
    else:
        raise ValueError(f"not an archive kind: {kind!r}")
    if not found:
        raise error("EDI-ARCHIVE-EMPTY", f"the {kind} archive holds no file; expected 1 to "
                                         f"{limits.max_archive_members} invoices")
    return sorted(found)


def ignored(name: str) -> bool:
    """Files that archivers add on their own (macOS resource forks, Finder metadata)."""
    base = name.rstrip("/").rsplit("/", 1)[-1]
    return name.startswith("__MACOSX/") or base == ".DS_Store" or base.startswith("._")


def check_name(name: str, seen: set[str]) -> None:
    """Refuse names that would escape a folder if anyone ever extracted the archive."""
    path = name.replace("\\", "/")
    if path.startswith("/") or _DRIVE.match(path):
        raise error("EDI-ARCHIVE-ABSOLUTE", f"member {name!r} has an absolute path; expected "
                                            "names relative to the archive", name)
    if ".." in path.split("/"):
        raise error("EDI-ARCHIVE-TRAVERSAL", f"member {name!r} climbs out of the archive "
                                             "('..'); expected names inside it", name)
    if "\x00" in path:
        raise error("EDI-ARCHIVE-TRAVERSAL", f"member {name!r} has a NUL byte in its name; "
                                             "expected a plain file name", name)
    if path in seen:
        raise error("EDI-ARCHIVE-DUPLICATE", f"member {name!r} appears twice; expected each "
                                             "name once", name)
    seen.add(path)


def _zip_members(data: bytes, limits: Limits) -> list[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise error("EDI-ARCHIVE-MALFORMED", f"the ZIP archive cannot be read: {exc}; "
                                             "expected a valid ZIP file") from exc
    files = []
    seen: set[str] = set()
    for info in infos:
        check_name(info.filename, seen)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise error("EDI-ARCHIVE-LINK", f"member {info.filename!r} is a symbolic link; "
                                            "expected regular files only", info.filename)
        if info.is_dir() or ignored(info.filename):
            continue
        if stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # 0: no Unix type recorded
            raise error("EDI-ARCHIVE-SPECIAL", f"member {info.filename!r} is not a regular "
                                               f"file (mode {oct(mode)}); expected regular "
                                               "files only", info.filename)
        if info.flag_bits & 0x1:
            raise error("EDI-ARCHIVE-ENCRYPTED", f"member {info.filename!r} is encrypted; "
                                                 "expected an unencrypted archive",
                        info.filename)
        files.append(info)
    _check_count(len(files), limits)
    meter = _Meter(limits, len(data))
    out = []
    for info in files:
        meter.declare(info.filename, info.file_size)
        start = meter.total
        chunks = []
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    meter.add(info.filename, len(chunk))
                    chunks.append(chunk)
        except _ZIP_ERRORS as exc:
            raise error("EDI-ARCHIVE-MALFORMED", f"member {info.filename!r} cannot be read: "
                                                 f"{exc}; expected a valid ZIP member",
                        info.filename) from exc
        meter.member_ratio(info.filename, meter.total - start, info.compress_size)
        out.append((info.filename, b"".join(chunks)))
    return out


def _tar_members(data: bytes, compressed: bool, limits: Limits) -> list[tuple[str, bytes]]:
    meter = _Meter(limits, len(data))
    raw: BinaryIO = gzip.GzipFile(fileobj=io.BytesIO(data)) if compressed \
        else io.BytesIO(data)
    stream = _MeteredStream(raw, meter)
    out: list[tuple[str, bytes]] = []
    seen: set[str] = set()
    what = "tar.gz" if compressed else "tar"
    try:
        try:
            archive = tarfile.open(fileobj=stream, mode="r|")  # noqa: SIM115 - streamed
        except tarfile.ReadError as exc:
            if compressed:
                raise error("EDI-ARCHIVE-GZIP", f"the gzip file holds no tar archive ({exc}); "
                                                "expected a .tar.gz of invoices") from exc
            raise
        for member in archive:
            check_name(member.name, seen)
            if member.issym() or member.islnk():
                raise error("EDI-ARCHIVE-LINK", f"member {member.name!r} is a "
                                                f"{'symbolic' if member.issym() else 'hard'}"
                                                f" link to {member.linkname!r}; expected "
                                                "regular files only", member.name)
            if member.isdir() or ignored(member.name):
                continue
            if not member.isreg() or member.issparse():
                raise error("EDI-ARCHIVE-SPECIAL", f"member {member.name!r} is not a regular "
                                                   "file; expected regular files only",
                            member.name)
            _check_count(len(out) + 1, limits)
            stream.current = member.name
            meter.declare(member.name, member.size)
            content = archive.extractfile(member)
            if content is None:  # isreg() above makes this unreachable; say so if not
                raise error("EDI-ARCHIVE-MALFORMED", f"member {member.name!r} has no data",
                            member.name)
            out.append((member.name, content.read()))
    except _TAR_ERRORS as exc:
        raise error("EDI-ARCHIVE-MALFORMED", f"the {what} archive cannot be read: {exc}; "
                                             f"expected a valid {what} file") from exc
    return out


def _check_count(count: int, limits: Limits) -> None:
    if count > limits.max_archive_members:
        raise error("EDI-ARCHIVE-COUNT",
                    f"the archive holds more than {limits.max_archive_members} invoices "
                    f"(counted {count} so far); the limit is {limits.max_archive_members} "
                    "([limits] max_archive_members)")


class _Meter:
    """Counts uncompressed bytes against the total-size and ratio caps, as they come."""

    def __init__(self, limits: Limits, compressed: int) -> None:
        self.limits = limits
        self.compressed = max(compressed, 1)
        self.total = 0

    def declare(self, name: str, size: int) -> None:
        """Refuse early when a header already announces too much (headers may lie low)."""
        if self.total + size > self.limits.max_archive_total_bytes:
            self._too_big(name, self.total + size, "announced")

    def add(self, name: str, count: int) -> None:
        self.total += count
        if self.total > self.limits.max_archive_total_bytes:
            self._too_big(name, self.total, "read")
        if self.total > RATIO_FLOOR:
            ratio = self.total / self.compressed
            if ratio > self.limits.max_compression_ratio:
                raise error("EDI-ARCHIVE-BOMB-RATIO",
                            f"the archive expands {ratio:.0f} times ({self.total:,} bytes "
                            f"from {self.compressed:,}, at {name!r}); the limit is "
                            f"{self.limits.max_compression_ratio:g} "
                            "([limits] max_compression_ratio)", name)

    def member_ratio(self, name: str, size: int, compressed: int) -> None:
        if size > RATIO_FLOOR and size / max(compressed, 1) > self.limits.max_compression_ratio:
            raise error("EDI-ARCHIVE-BOMB-RATIO",
                        f"member {name!r} expands {size / max(compressed, 1):.0f} times "
                        f"({size:,} bytes from {compressed:,}); the limit is "
                        f"{self.limits.max_compression_ratio:g} ([limits] "
                        "max_compression_ratio)", name)

    def _too_big(self, name: str, size: int, how: str) -> None:
        raise error("EDI-ARCHIVE-BOMB-SIZE",
                    f"the archive's uncompressed content reaches {size:,} bytes ({how} at "
                    f"{name!r}); the limit is {self.limits.max_archive_total_bytes:,} "
                    "([limits] max_archive_total_bytes)", name)


class _MeteredStream:
    """A file object for tarfile that meters every decompressed byte it hands out."""

    def __init__(self, raw: BinaryIO, meter: _Meter) -> None:
        self.raw = raw
        self.meter = meter
        self.current = "(tar header)"  # the member being read, named in the verdict

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:  # never an unbounded read of a possible bomb
            size = self.meter.limits.max_archive_total_bytes + 1 - self.meter.total
        chunk = self.raw.read(min(size, max(CHUNK, size)))
        self.meter.add(self.current, len(chunk))
        return chunk
