"""ZIP and TAR(.GZ) archives -> their members' bytes, read in memory with caps.

An archive is one flow of many invoices, and the most hostile input we take: names that
climb out of a folder, links, nested archives, members that expand to gigabytes. Nothing
is ever extracted to disk; members are read by streaming, counting every byte, and the
reading stops as soon as a cap (count, total size, compression ratio) is crossed, whatever
the headers claim.

Member names are bytes in whatever encoding the depositor's tool used (Latin-1 from a
Windows tar, CP437 in a ZIP without the UTF-8 flag, bytes that are not UTF-8 although the
flag says so). They come out as printable text, escaped with the convention of
``edi.intake.claim.safe_name``: an undecodable byte or a control character becomes
``\\xNN`` (a C1 control or line separator ``\\uNNNN``), so the ledger, the reports and
the logs always receive valid text. Two different raw names that read the same once
escaped are refused as duplicates, never renamed.
"""

from __future__ import annotations

import gzip
import io
import re
import stat
import struct
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO, Protocol, cast

from edi.config import Limits
from edi.parsers.rules import error

CHUNK = 1 << 16
# Below this many uncompressed bytes a high ratio is harmless (a small, repetitive
# invoice compresses well); above it, it is how a compression bomb looks.
RATIO_FLOOR = 1 << 20

ZIP_LOCAL = b"PK\x03\x04"   # a ZIP's first local file header
ZIP_END = b"PK\x05\x06"     # its end-of-central-directory record (alone: an empty ZIP)
_ZIP_CENTRAL = b"PK\x01\x02"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP_END_SIZE = 22
_UTF8_FLAG = 0x800          # general purpose bit 11: the name is UTF-8
TAR_BLOCK = 512

_DRIVE = re.compile(r"^[A-Za-z]:")
# Not printable in a name: C0 and C1 controls, DEL, line/paragraph separators,
# surrogates (a surrogate-escaped byte is handled before), the two non-characters.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
               NotImplementedError)  # NotImplementedError: an unsupported compression
_TAR_ERRORS = (tarfile.TarError, zlib.error, EOFError, OSError)


@dataclass(frozen=True)
class ZipEnd:
    """A ZIP's end-of-central-directory record, as found at the end of a byte string."""

    offset: int             # where the record starts
    entries: int
    directory_size: int
    directory_offset: int   # as recorded, relative to the archive's first byte
    zip64: bool             # the sizes are in a ZIP64 record before it

    @property
    def prefix(self) -> int:
        """Bytes before the archive's first byte (a self-extracting stub, another file)."""
        return 0 if self.zip64 else self.offset - self.directory_size - self.directory_offset


def zip_end(data: bytes) -> ZipEnd | None:
    """The end-of-central-directory record that ends ``data`` and points at a central
    directory, or None: the structure that makes bytes a ZIP, wherever they start.

    The record is the last 22 bytes plus its comment, whose length it gives; the central
    directory it announces must sit just before it and start with its own signature.
    """
    floor = max(0, len(data) - _ZIP_END_SIZE - 0xFFFF)
    at = data.rfind(ZIP_END, floor)
    while at >= 0:
        found = _zip_end_at(data, at)
        if found is not None:
            return found
        at = data.rfind(ZIP_END, floor, at)
    return None


def _zip_end_at(data: bytes, at: int) -> ZipEnd | None:
    record = data[at:at + _ZIP_END_SIZE]
    if len(record) < _ZIP_END_SIZE:
        return None
    disk, directory_disk, on_disk, entries, size, offset, comment = struct.unpack(
        "<4xHHHHIIH", record)
    if at + _ZIP_END_SIZE + comment != len(data):
        return None
    if at >= 20 and data[at - 20:at - 16] == _ZIP64_LOCATOR:
        return ZipEnd(at, entries, size, offset, zip64=True)
    if disk or directory_disk or on_disk != entries:
        return None  # a multi-disk (spanned) archive: not one file
    start = at - size
    if entries == 0:
        valid = size == 0 and offset <= at
    else:
        valid = start >= offset and data[start:start + 4] == _ZIP_CENTRAL
    return ZipEnd(at, entries, size, offset, zip64=False) if valid else None


def tar_header(data: bytes) -> bool:
    """Whether ``data`` starts with a tar header block whose checksum is right.

    That is the structure of every tar, ustar or the older v7 (which has no magic at 257):
    the 8-byte octal checksum at 148 equals the sum of the block's bytes, with the field
    itself counted as spaces (signed bytes, as some old tars summed, are accepted too).
    """
    block = data[:TAR_BLOCK]
    if len(block) < TAR_BLOCK:
        return False
    field = block[148:156].split(b"\x00", 1)[0].strip(b" ")
    if not field or field.strip(b"01234567"):
        return False
    rest = block[:148] + block[156:]
    unsigned = 8 * 0x20 + sum(rest)
    signed = unsigned - 256 * sum(1 for byte in rest if byte > 0x7F)
    return int(field, 8) in (unsigned, signed)


def printable_name(name: str) -> str:
    """A member name as text the ledger, reports and logs accept, escaped visibly.

    ``name`` is decoded with ``surrogateescape``: an undecodable byte (a surrogate
    U+DC80..U+DCFF) becomes ``\\xNN`` as in ``edi.intake.claim.safe_name``, and so does a
    C0 control; other unprintable characters become ``\\uNNNN``.
    """
    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if 0xDC80 <= code <= 0xDCFF:
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"
    return _UNPRINTABLE.sub(escape, name)


def members(data: bytes, kind: str, limits: Limits) -> list[tuple[str, bytes]]:
    """(name, bytes) of the archive's files, sorted by name; ``kind`` is zip, gzip or tar.

    Names are always printable text (see ``printable_name``).
    """
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


def check_name(decoded: str, seen: dict[str, str]) -> str:
    """The member's printable name; refuse names that would escape a folder if anyone ever
    extracted the archive, and names met before.

    ``decoded`` is the name as decoded from the archive (undecodable bytes as surrogates);
    ``seen`` maps each printable name, separators made ``/``, to the decoded name it came
    from, so two raw names that escape to the same text are refused, not merged.
    """
    path = decoded.replace("\\", "/")  # the real separators, before any escape adds "\\"
    name = printable_name(decoded)
    if path.startswith("/") or _DRIVE.match(path):
        raise error("EDI-ARCHIVE-ABSOLUTE", f"member {name!r} has an absolute path; expected "
                                            "names relative to the archive", name)
    if ".." in path.split("/"):
        raise error("EDI-ARCHIVE-TRAVERSAL", f"member {name!r} climbs out of the archive "
                                             "('..'); expected names inside it", name)
    if "\x00" in path:
        raise error("EDI-ARCHIVE-TRAVERSAL", f"member {name!r} has a NUL byte in its name; "
                                             "expected a plain file name", name)
    key = name.replace("\\", "/")
    first = seen.get(key)
    if first is not None and first.replace("\\", "/") == path:
        raise error("EDI-ARCHIVE-DUPLICATE", f"member {name!r} appears twice; expected each "
                                             "name once", name)
    if first is not None:
        raise error("EDI-ARCHIVE-DUPLICATE", f"two members, {_as_bytes(first)} and "
                                             f"{_as_bytes(decoded)}, are different names "
                                             f"that both read {name!r} once escaped as "
                                             "text; expected names that stay distinct", name)
    seen[key] = decoded
    return name


def _as_bytes(decoded: str) -> str:
    """A decoded name shown as the bytes it stands for (undecodable ones as they were)."""
    try:
        return repr(decoded.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:  # a surrogate that stands for no byte: show it escaped
        return ascii(decoded)


def _zip_members(data: bytes, limits: Limits) -> list[tuple[str, bytes]]:
    try:
        archive, relabelled = _open_zip(data)
        infos = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise error("EDI-ARCHIVE-MALFORMED", f"the ZIP archive cannot be read: {exc}; "
                                             "expected a valid ZIP file") from exc
    files = []
    seen: dict[str, str] = {}
    for index, info in enumerate(infos):
        name = check_name(_zip_name(info, index in relabelled), seen)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise error("EDI-ARCHIVE-LINK", f"member {name!r} is a symbolic link; "
                                            "expected regular files only", name)
        if info.is_dir() or ignored(name):
            continue
        if stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # 0: no Unix type recorded
            raise error("EDI-ARCHIVE-SPECIAL", f"member {name!r} is not a regular "
                                               f"file (mode {oct(mode)}); expected regular "
                                               "files only", name)
        if info.flag_bits & 0x1:
            raise error("EDI-ARCHIVE-ENCRYPTED", f"member {name!r} is encrypted; "
                                                 "expected an unencrypted archive", name)
        files.append((name, info))
    _check_count(len(files), limits)
    meter = _Meter(limits, len(data))
    out = []
    for name, info in files:
        meter.declare(name, info.file_size)
        start = meter.total
        chunks = []
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    meter.add(name, len(chunk))
                    chunks.append(chunk)
        except _ZIP_ERRORS as exc:
            raise error("EDI-ARCHIVE-MALFORMED", f"member {name!r} cannot be read: "
                                                 f"{exc}; expected a valid ZIP member",
                        name) from exc
        meter.member_ratio(name, meter.total - start, info.compress_size)
        out.append((name, b"".join(chunks)))
    return out


def _open_zip(data: bytes) -> tuple[zipfile.ZipFile, set[int]]:
    """The ZIP, and the positions of entries whose UTF-8 flag was wrong.

    zipfile refuses a whole archive when one name flagged UTF-8 is not UTF-8. Such a
    name is a name like any other: the flag is cleared on a copy, so zipfile reads it
    byte for byte, and ``_zip_name`` decodes it with its bytes escaped.
    """
    try:
        return zipfile.ZipFile(io.BytesIO(data)), set()
    except UnicodeDecodeError as exc:
        copy, relabelled = _clear_false_utf8_flags(data)
        if not relabelled:  # the name zipfile choked on is not one we can find
            raise zipfile.BadZipFile(f"a member name cannot be decoded ({exc})") from exc
        return zipfile.ZipFile(io.BytesIO(copy)), relabelled


def _clear_false_utf8_flags(data: bytes) -> tuple[bytes, set[int]]:
    """A copy of ``data`` where entries flagged UTF-8 with a non-UTF-8 name are unflagged
    (central directory and local header), and those entries' positions."""
    end = zip_end(data)
    if end is None or end.zip64:
        return data, set()
    copy = bytearray(data)
    relabelled: set[int] = set()
    at = end.offset - end.directory_size
    for index in range(end.entries):
        if copy[at:at + 4] != _ZIP_CENTRAL or at + 46 > end.offset:
            break
        (flags,) = struct.unpack_from("<H", copy, at + 8)
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", copy, at + 28)
        (local,) = struct.unpack_from("<I", copy, at + 42)
        raw = bytes(copy[at + 46:at + 46 + name_length])
        if flags & _UTF8_FLAG and not _is_utf8(raw):
            struct.pack_into("<H", copy, at + 8, flags & ~_UTF8_FLAG)
            local += end.prefix
            if copy[local:local + 4] == ZIP_LOCAL:
                (local_flags,) = struct.unpack_from("<H", copy, local + 6)
                struct.pack_into("<H", copy, local + 6, local_flags & ~_UTF8_FLAG)
            relabelled.add(index)
        at += 46 + name_length + extra_length + comment_length
    return bytes(copy), relabelled


def _zip_name(info: zipfile.ZipInfo, relabelled: bool) -> str:
    """The entry's name decoded from its bytes, undecodable bytes as surrogates.

    Flagged names are UTF-8. Unflagged ones are CP437 by the ZIP specification, except
    when they are valid UTF-8 with some non-ASCII byte: tools that forget the flag write
    UTF-8, and CP437 text is practically never valid UTF-8. ``orig_filename`` keeps what
    zipfile's ``filename`` cuts at a NUL byte.
    """
    if info.flag_bits & _UTF8_FLAG:
        return info.orig_filename
    raw = info.orig_filename.encode("cp437")  # zipfile decoded the bytes as CP437
    if relabelled or _is_utf8(raw):
        return raw.decode("utf-8", "surrogateescape")
    return info.orig_filename


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _tar_members(data: bytes, compressed: bool, limits: Limits) -> list[tuple[str, bytes]]:
    meter = _Meter(limits, len(data))
    raw: _Readable = gzip.GzipFile(fileobj=io.BytesIO(data)) if compressed \
        else io.BytesIO(data)
    stream = _MeteredStream(raw, meter)
    out: list[tuple[str, bytes]] = []
    seen: dict[str, str] = {}
    what = "tar.gz" if compressed else "tar"
    try:
        try:
            # typeshed's tarfile._Fileobj also asks for write, tell, seek and close; in
            # stream mode ("r|", external fileobj) tarfile only calls read on it.
            archive = tarfile.open(fileobj=cast(IO[bytes], stream),  # noqa: SIM115 - streamed
                                   mode="r|",
                                   encoding="utf-8", errors="surrogateescape")
        except tarfile.ReadError as exc:
            if compressed:
                raise error("EDI-ARCHIVE-GZIP", f"the gzip file holds {_gzipped(data)}, not "
                                                f"a tar archive ({exc}); expected a .tar.gz "
                                                "of invoices (or the file itself, not "
                                                "gzipped)") from exc
            raise
        for member in archive:
            name = check_name(member.name, seen)
            if member.issym() or member.islnk():
                target = printable_name(member.linkname)
                raise error("EDI-ARCHIVE-LINK", f"member {name!r} is a "
                                                f"{'symbolic' if member.issym() else 'hard'}"
                                                f" link to {target!r}; expected "
                                                "regular files only", name)
            if member.isdir() or ignored(name):
                continue
            if not member.isreg() or member.issparse():
                raise error("EDI-ARCHIVE-SPECIAL", f"member {name!r} is not a regular "
                                                   "file; expected regular files only", name)
            _check_count(len(out) + 1, limits)
            stream.current = name
            meter.declare(name, member.size)
            content = archive.extractfile(member)
            if content is None:  # isreg() above makes this unreachable; say so if not
                raise error("EDI-ARCHIVE-MALFORMED", f"member {name!r} has no data", name)
            out.append((name, content.read()))
    except _TAR_ERRORS as exc:
        raise error("EDI-ARCHIVE-MALFORMED", f"the {what} archive cannot be read: {exc}; "
                                             f"expected a valid {what} file") from exc
    return out


def _gzipped(data: bytes) -> str:
    """What a gzip file that is no tar holds, from its first decompressed bytes."""
    try:
        head = gzip.GzipFile(fileobj=io.BytesIO(data)).read(64)
    except _TAR_ERRORS as exc:
        return f"data that cannot be decompressed ({exc})"
    if not head:
        return "no data"
    if not head.strip():
        return "nothing but whitespace"
    if head.startswith(b"%PDF-"):
        return "a single PDF"
    if head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
        return "a single XML document"
    return "a single file"


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


class _Readable(Protocol):
    """What _MeteredStream reads from: a (gzip-decompressing or plain) binary stream."""

    def read(self, size: int = -1, /) -> bytes: ...


class _MeteredStream:
    """A file object for tarfile that meters every decompressed byte it hands out."""

    def __init__(self, raw: _Readable, meter: _Meter) -> None:
        self.raw = raw
        self.meter = meter
        self.current = "(tar header)"  # the member being read, named in the verdict

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:  # never an unbounded read of a possible bomb
            size = self.meter.limits.max_archive_total_bytes + 1 - self.meter.total
        chunk = self.raw.read(min(size, max(CHUNK, size)))
        self.meter.add(self.current, len(chunk))
        return chunk
