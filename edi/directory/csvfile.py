"""Reading the CSV exports people really send: any of their encodings, booleans and
spreadsheet damage, with the line number of whatever cannot be read.

Chorus Pro's exports are ``;``-separated, UTF-8 or Windows-1252, with or without BOM, CRLF
line ends. A spreadsheet round trip turns ``01889575552182`` into ``1889575552182``: the
identifiers are numbers to it. We restore the zeros (and count them) rather than reject a
file that every buyer's accountant produces.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field


class DirectoryError(Exception):
    """An import file cannot be read; the store in force is left untouched.

    ``code`` ends up in the command's output; ``line`` is 1-based (the header is line 1).
    """

    code = "DIRECTORY_IMPORT"

    def __init__(self, file: str, line: int | None, message: str) -> None:
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {message}")
        self.file = file
        self.line = line
        self.message = message


TRUE = frozenset({"true", "oui", "o", "1", "vrai", "yes", "y", "t"})
FALSE = frozenset({"false", "non", "n", "0", "faux", "no", "f", ""})


def decode(data: bytes, file: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was in (BOM first, then UTF-8, then cp1252)."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8", file), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", file), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode(data, "cp1252", file), "cp1252"


def _decode(data: bytes, encoding: str, file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DirectoryError(file, line, f"byte {data[exc.start]:#04x} is neither UTF-8 "
                             f"nor Windows-1252 ({encoding}: {exc.reason})") from exc


def boolean(value: str, file: str, line: int, column: str) -> bool:
    v = value.strip().lower()
    if v in TRUE:
        return True
    if v in FALSE:
        return False
    raise DirectoryError(file, line, f"column {column}: {value!r} is not a boolean "
                         "(true/false, oui/non, O/N, 1/0)")


@dataclass
class Zeros:
    """How many identifiers had their leading zeros restored."""

    restored: int = 0
    lines: list[int] = field(default_factory=list)

    def restore(self, value: str, width: int, line: int) -> str:
        """``value`` padded to ``width`` digits when a spreadsheet cut its zeros."""
        v = value.strip().replace(" ", "")
        if v.isdigit() and len(v) < width:
            self.restored += 1
            if len(self.lines) < 20:
                self.lines.append(line)
            return v.zfill(width)
        return v


def rows(text: str, file: str, required: tuple[str, ...],
         delimiter: str = ";") -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header and an iterator of (line number, {column: value}) over the data rows.

    Columns are matched case-insensitively; a row whose field count differs from the
    header's is an error naming its line.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        raise DirectoryError(file, None, "the file is empty") from None
    except csv.Error as exc:
        raise DirectoryError(file, 1, f"unreadable header: {exc}") from exc
    by_lower = {h.lower(): h for h in header}
    missing = [c for c in required if c.lower() not in by_lower]
    if missing:
        raise DirectoryError(file, 1, f"missing column(s) {', '.join(missing)}; header is "
                             f"{';'.join(header)!r}")
    names = [by_lower.get(h.lower(), h) for h in header]
    canonical = {by_lower[c.lower()]: c for c in required}
    names = [canonical.get(n, n) for n in names]

    def iterate() -> Iterator[tuple[int, dict[str, str]]]:
        line = 1
        try:
            for record in reader:
                line = reader.line_num
                if not record or (len(record) == 1 and not record[0].strip()):
                    continue
                if len(record) != len(names):
                    raise DirectoryError(file, line, f"{len(record)} fields where the header "
                                         f"has {len(names)}")
                yield line, dict(zip(names, record, strict=True))
        except csv.Error as exc:
            raise DirectoryError(file, line + 1, f"unreadable CSV: {exc}") from exc

    return header, iterate()
