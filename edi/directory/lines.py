"""The reform's directory lines: which platform receives for an address, and since when.

A line is an addressing identifier (a SIREN, a SIRET of it, a routing code of that SIRET,
or a suffix of the SIREN) with the platform registered to receive for it (its type, WK
for an accredited platform (PA) or DFH for the public one, its id and name) and the dates
of effect (from ``effectiveDate``, up to the day before ``endDate`` when there is one).

``edi directory import-lines FILE`` replaces every line of the store (table
``directory_lines``, beside the Chorus Pro structures, in the same immutable file) by those
of FILE, in either shape:

- JSON in the Directory Service's directory-line shape (XP Z12-013 1.3.0,
  ``directoryLinePayload...``): an array of lines, or a search answer ``{"results": [...]}``.
  The description has no field for the platform's id and name nor for the dates of
  effect, so a line carries them as ``platformId``, ``platformName``, ``effectiveDate``
  and ``endDate`` (ISO dates) beside its own ``addressingIdentifier``, ``siren``,
  ``siret``, ``routingIdentifier``, ``addressingSuffix`` and ``platformType``;
- CSV (``;`` or ``,``) whose header names the same fields.

A file with one bad line is refused whole, with that line's number and what was expected;
the lines in force stay as they were. A store written before lines existed has no such
table: it holds no lines (``LineIndex.loaded`` is False), which is not an error.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from edi.directory import store
from edi.directory.csvfile import DirectoryError, decode

TABLE = "directory_lines"
FIELDS = ("addressingIdentifier", "siren", "siret", "routingIdentifier", "addressingSuffix",
          "platformType", "platformId", "platformName", "effectiveDate", "endDate")
PLATFORM_TYPES = ("WK", "DFH")   # UNCL 3035: value added network provider (PA), the PPF
_ROUTING = re.compile(r"^(?!\s+$)[\-_/a-zA-Z0-9]{1,100}$")   # the description's pattern


@dataclass(frozen=True, slots=True)
class Line:
    addressing_identifier: str
    siren: str
    siret: str | None
    routing_identifier: str | None
    suffix: str | None
    platform_type: str
    platform_id: str
    platform_name: str | None
    effective: str               # ISO date, first day in effect
    end: str | None              # ISO date, first day no longer in effect

    def status(self, today: date) -> str:
        """Enabled, Upcoming (in effect later) or Disabled (no longer in effect)."""
        day = today.isoformat()
        if day < self.effective:
            return "Upcoming"
        if self.end is not None and day >= self.end:
            return "Disabled"
        return "Enabled"

    def in_effect(self, today: date) -> bool:
        return self.status(today) == "Enabled"


@dataclass(frozen=True, slots=True)
class LinesImport:
    lines: int
    seconds: float
    shape: str                   # "json" or "csv"


# -- reading a file ----------------------------------------------------------------------

def _text(raw: dict[str, Any], key: str, file: str, line: int, limit: int) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DirectoryError(file, line, f"{key} {value!r}: expected a string")
    value = value.strip()
    if len(value) > limit:
        raise DirectoryError(file, line, f"{key} has {len(value)} characters: expected at "
                             f"most {limit}")
    return value or None


def _date(raw: dict[str, Any], key: str, file: str, line: int) -> str | None:
    value = _text(raw, key, file, line, 10)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise DirectoryError(file, line, f"{key} {value!r}: expected a date YYYY-MM-DD") \
            from None


def line_from(raw: object, file: str, line: int) -> Line:
    """One line from its fields (JSON object or CSV row); DirectoryError says what is wrong."""
    if not isinstance(raw, dict):
        raise DirectoryError(file, line, "expected an object (a directory line)")
    siren = _text(raw, "siren", file, line, 9)
    if siren is None or not (len(siren) == 9 and siren.isascii() and siren.isdigit()):
        raise DirectoryError(file, line, f"siren {siren!r}: expected 9 digits")
    siret = _text(raw, "siret", file, line, 14)
    if siret is not None and not (len(siret) == 14 and siret.isascii() and siret.isdigit()):
        raise DirectoryError(file, line, f"siret {siret!r}: expected 14 digits")
    if siret is not None and siret[:9] != siren:
        raise DirectoryError(file, line, f"siret {siret} is not under siren {siren} "
                             "(its first nine digits)")
    routing = _text(raw, "routingIdentifier", file, line, 100)
    if routing is not None and not _ROUTING.match(routing):
        raise DirectoryError(file, line, f"routingIdentifier {routing!r}: expected 1 to "
                             "100 letters, digits, '-', '_' or '/'")
    if routing is not None and siret is None:
        raise DirectoryError(file, line, f"routingIdentifier {routing!r} without a siret: "
                             "a routing code belongs to a facility")
    suffix = _text(raw, "addressingSuffix", file, line, 100)
    if suffix is not None and (siret is not None or routing is not None):
        raise DirectoryError(file, line, "addressingSuffix with a siret or a "
                             "routingIdentifier: a suffix addresses the SIREN alone")
    platform_type = _text(raw, "platformType", file, line, 3)
    if platform_type not in PLATFORM_TYPES:
        raise DirectoryError(file, line, f"platformType {platform_type!r}: expected WK "
                             "(an accredited platform, PA) or DFH (the public platform)")
    platform_id = _text(raw, "platformId", file, line, 100)
    if platform_id is None:
        raise DirectoryError(file, line, "no platformId: a line names the platform that "
                             "receives for its address")
    effective = _date(raw, "effectiveDate", file, line)
    if effective is None:
        raise DirectoryError(file, line, "no effectiveDate: expected the date the line "
                             "takes effect (YYYY-MM-DD)")
    end = _date(raw, "endDate", file, line)
    if end is not None and end <= effective:
        raise DirectoryError(file, line, f"endDate {end} is not after effectiveDate "
                             f"{effective}")
    composed = "_".join(p for p in (siren, siret, routing, suffix) if p)
    addressing = _text(raw, "addressingIdentifier", file, line, 125) or composed
    return Line(addressing, siren, siret, routing, suffix, platform_type, platform_id,
                _text(raw, "platformName", file, line, 200), effective, end)


def _json_items(text: str, file: str) -> list[tuple[int, object]]:
    """(line number, element) of the file's array of lines (or of its ``results``)."""
    decoder = json.JSONDecoder()
    try:
        whole = json.loads(text)
    except ValueError as exc:
        raise DirectoryError(file, getattr(exc, "lineno", None), f"not JSON: {exc}") \
            from exc
    if isinstance(whole, dict) and isinstance(whole.get("results"), list):
        start = text.index("[", text.index('"results"'))
    elif isinstance(whole, list):
        start = text.index("[")
    else:
        raise DirectoryError(file, 1, "expected an array of directory lines or an object "
                             "with its lines in \"results\"")
    items: list[tuple[int, object]] = []
    pos = start + 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if text[pos] == "]":
            return items
        value, end = decoder.raw_decode(text, pos)
        items.append((text.count("\n", 0, pos) + 1, value))
        pos = end


def _csv_items(text: str, file: str) -> list[tuple[int, object]]:
    first = text.partition("\n")[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    unknown = [h for h in header if h not in FIELDS]
    if unknown or "siren" not in header:
        raise DirectoryError(file, 1, f"header {', '.join(header) or '(none)'}: expected "
                             f"columns among {', '.join(FIELDS)} (siren required)")
    reader.fieldnames = header
    items: list[tuple[int, object]] = []
    for row in reader:
        if None in row:
            raise DirectoryError(file, reader.line_num, f"{len(header) + len(row[None])} "
                                 f"fields: expected {len(header)}")   # type: ignore[index]
        items.append((reader.line_num, {k: v for k, v in row.items() if v is not None
                                        and v.strip()}))
    return items


def read_lines(path: Path) -> tuple[list[Line], str]:
    """Every line of ``path`` (JSON or CSV), and which shape it was; refused whole when
    one line is bad or two lines share an addressing identifier."""
    text, _ = decode(path.read_bytes(), path.name)
    shape = "json" if text.lstrip()[:1] in ("[", "{") else "csv"
    items = _json_items(text, path.name) if shape == "json" else _csv_items(text, path.name)
    seen: dict[str, int] = {}
    out = []
    for number, raw in items:
        found = line_from(raw, path.name, number)
        if found.addressing_identifier in seen:
            raise DirectoryError(path.name, number, f"addressing identifier "
                                 f"{found.addressing_identifier} again (first at line "
                                 f"{seen[found.addressing_identifier]})")
        seen[found.addressing_identifier] = number
        out.append(found)
    return out, shape


def import_lines(path: Path, file: Path) -> LinesImport:
    """Replace the lines of the store at ``path`` by those of ``file``, atomically."""
    started = time.monotonic()
    lines, shape = read_lines(file)

    def change(conn: sqlite3.Connection) -> None:
        conn.execute(f"DELETE FROM {TABLE}")
        conn.executemany(
            f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(x.addressing_identifier, x.siren, x.siret, x.routing_identifier, x.suffix,
              x.platform_type, x.platform_id, x.platform_name, x.effective, x.end)
             for x in lines])
        store.set_meta(conn, lines_imported_at=date.today().isoformat(),
                       lines_source=file.name, lines_count=len(lines))

    store.rewrite(path, change)
    return LinesImport(len(lines), time.monotonic() - started, shape)


# -- reading the store -------------------------------------------------------------------

def has_table(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (TABLE,)).fetchone() is not None


def row_line(row: sqlite3.Row | tuple[Any, ...]) -> Line:
    return Line(*tuple(row)[:10])


@dataclass(slots=True)
class LineIndex:
    """The lines of one store, by SIREN and by SIRET."""

    by_siren: dict[str, list[Line]]
    by_siret: dict[str, list[Line]]
    imported_at: str = "never"

    @property
    def count(self) -> int:
        return sum(map(len, self.by_siren.values()))

    @property
    def loaded(self) -> bool:
        return bool(self.by_siren)

    def for_buyer(self, siret: str | None, siren: str | None, today: date) -> list[Line]:
        """The lines in effect ``today`` that address this buyer: its SIRET's (and their
        routing codes), else its SIREN's own (no SIRET, no suffix)."""
        if siret is not None:
            found = [x for x in self.by_siret.get(siret, []) if x.in_effect(today)]
            if found:
                return found
            siren = siren or siret[:9]
        if siren is None:
            return []
        return [x for x in self.by_siren.get(siren, []) if x.in_effect(today)
                and x.siret is None and x.suffix is None]


def _digits(value: str | None, n: int) -> str | None:
    v = (value or "").replace(" ", "")
    return v if len(v) == n and v.isascii() and v.isdigit() else None


def buyer_ids(bt46: str | None, bt47: str | None) -> tuple[str | None, str | None, str]:
    """(SIRET, SIREN, the term it came from) of a buyer, from BT-46 (scheme 0009) and
    BT-47, as the scenario reads them: a 14-digit value is a SIRET, a 9-digit BT-47 the
    SIREN, else the SIRET's first nine digits."""
    siret = _digits(bt46, 14) or _digits(bt47, 14)
    siren = _digits(bt47, 9) or (siret[:9] if siret else None)
    return siret, siren, "BT-46" if siret and _digits(bt46, 14) else "BT-47"


def platforms_for(index: LineIndex, bt46: str | None, bt47: str | None,
                  today: date | None = None) -> set[str]:
    """The ids of the platforms that receive for this buyer today (upper case)."""
    siret, siren, _ = buyer_ids(bt46, bt47)
    return {x.platform_id.upper() for x in index.for_buyer(siret, siren,
                                                             today or date.today())}


def load_index(path: Path) -> LineIndex:
    index = LineIndex({}, {})
    if not path.is_file():
        return index
    conn = store.connect_ro(path)
    try:
        if not has_table(conn):   # a store written before directory lines
            return index
        found = conn.execute("SELECT value FROM meta WHERE key = 'lines_imported_at'"
                             ).fetchone()
        index.imported_at = found[0] if found else "never"
        for row in conn.execute(f"SELECT * FROM {TABLE}"):
            line = row_line(row)
            index.by_siren.setdefault(line.siren, []).append(line)
            if line.siret:
                index.by_siret.setdefault(line.siret, []).append(line)
    finally:
        conn.close()
    return index


# Per-process cache: store path -> its lines.
_process_cache: store.PerProcess[LineIndex] = store.PerProcess(
    load_index, lambda: LineIndex({}, {}))


def cached_index(path: Path, check_every: float = 5.0) -> LineIndex:
    """The lines of the store at ``path`` as this process last loaded them; one ``stat``
    at most every ``check_every`` seconds (the store is replaced whole by an import)."""
    return _process_cache.get(path, check_every)


# -- a remote Directory Service ----------------------------------------------------------

PAGE = 1000   # the description's largest ``limit``


@dataclass(frozen=True, slots=True)
class Fetched:
    cache: Path          # the local copy the import reads
    lines: int
    fresh: bool          # fetched now (False: the cache, still young enough, or kept
    #                      because the service could not be reached)
    note: str            # why the cache was used, when it was


def fetch_lines(base_url: str, cache: Path, *, token: str, max_age: float = 0.0,
                ca_file: Path | None = None, timeout: float = 30.0) -> Fetched:
    """Every directory line of the XP Z12-013 Directory Service at ``base_url`` (its
    ``POST /v1/directory-line/search``, page by page), written to ``cache`` (JSON, the
    search answer's shape: ``import_lines`` reads it) and returned as that file.

    The cache answers without a request while younger than ``max_age`` seconds, and
    when the service cannot be reached (``Unreachable``) or answers 5xx, saying so; an
    answer that is not a search result (401, 400...) is a DirectoryError, the cache kept.
    A line the service describes without ``platformId``/``effectiveDate`` (the
    description has no such fields) is refused by the import with its line number.
    """
    from edi.durable import fsync_dir, fsync_file
    from edi.flowservice.client import FlowServiceClient, Unreachable

    if cache.is_file() and max_age > 0 and time.time() - cache.stat().st_mtime < max_age:
        return Fetched(cache, _cached_count(cache), False,
                       f"cache younger than {max_age:g} s")
    client = FlowServiceClient(base_url, token=token, ca_file=ca_file, timeout=timeout)
    results: list[object] = []
    try:
        while True:
            body = json.dumps({"limit": PAGE, "ignore": len(results),
                               "sorting": [{"field": "addressingIdentifier",
                                            "order": "ascending"}]}).encode()
            answer = client.call("POST", "/v1/directory-line/search", body,
                                 {"Content-Type": "application/json"})
            if answer.status >= 500 and cache.is_file():
                raise Unreachable(f"HTTP {answer.status}", sent=True)
            data = answer.json() if answer.status == 200 else None
            if not isinstance(data, dict) or not isinstance(data.get("results"), list):
                raise DirectoryError(base_url, None, f"POST /v1/directory-line/search: "
                                     f"HTTP {answer.status} {answer.body[:300]!r}: expected "
                                     "200 with a search result")
            results.extend(data["results"])
            total = data.get("totalNumberOfResults")
            if not data["results"] or not isinstance(total, int) or len(results) >= total:
                break
    except Unreachable as exc:
        if not cache.is_file():
            raise DirectoryError(base_url, None, f"the Directory Service cannot be reached "
                                 f"({exc}) and there is no cached copy at {cache}") from exc
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(cache.stat().st_mtime))
        return Fetched(cache, _cached_count(cache), False,
                       f"the Directory Service cannot be reached ({exc}): the cached copy "
                       f"of {when} is used")
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"source": base_url, "totalNumberOfResults": len(results),
                               "results": results}, ensure_ascii=False, indent=1),
                   encoding="utf-8")
    fsync_file(tmp)
    os.replace(tmp, cache)
    fsync_dir(cache.parent)
    return Fetched(cache, len(results), True, "")


def _cached_count(cache: Path) -> int:
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DirectoryError(cache.name, None, f"the cached copy cannot be read: {exc}") \
            from exc
    results = data.get("results") if isinstance(data, dict) else None
    return len(results) if isinstance(results, list) else 0
