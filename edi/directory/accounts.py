"""Import of the bank accounts suppliers declared (CSV: SIRET or SIREN;IBAN;BIC).

A supplier's accounts are declared as a whole: an import replaces, for every supplier it
names, the accounts on file; suppliers it does not name keep theirs (``replace=True``
starts over).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from stdnum import bic as stdbic
from stdnum import iban as stdiban
from stdnum.exceptions import ValidationError

from edi.directory import store
from edi.directory.csvfile import DirectoryError, Zeros, decode, rows
from edi.directory.orders import _read, _supplier

COLUMNS = ("supplier", "iban", "bic")


@dataclass
class AccountsImport:
    accounts: int = 0
    suppliers: int = 0
    zeros: Zeros = field(default_factory=Zeros)
    seconds: float = 0.0


def import_accounts(path: Path, file: Path, replace: bool = False) -> AccountsImport:
    started = time.perf_counter()
    report = AccountsImport()
    found = parse_csv(_read(file), file.name, report.zeros)
    suppliers = {row[0] for row in found}
    report.accounts, report.suppliers = len(found), len(suppliers)

    def change(conn: sqlite3.Connection) -> None:
        if replace:
            conn.execute("DELETE FROM accounts")
        else:
            conn.executemany("DELETE FROM accounts WHERE supplier = ?",
                             [(s,) for s in suppliers])
        conn.executemany("INSERT OR REPLACE INTO accounts VALUES (?, ?, ?)", found)
        store.set_meta(conn, accounts_imported_at=datetime.now(UTC).isoformat(
            timespec="seconds"))

    store.rewrite(path, change)
    report.seconds = time.perf_counter() - started
    return report


def parse_csv(data: bytes, name: str, zeros: Zeros) -> list[tuple[str, str, str | None]]:
    """Rows ``SIRET or SIREN;IBAN;BIC``, header line optional; IBAN and BIC checked."""
    text, _ = decode(data, name)
    body = text.lstrip("\ufeff")
    first = body.split("\n", 1)[0].split(";")[0].strip()
    offset = 0
    if first.isdigit():
        body = ";".join(COLUMNS) + "\n" + body
        offset = -1
    else:
        body = ";".join(COLUMNS) + "\n" + (body.split("\n", 1)[1] if "\n" in body else "")
    _, records = rows(body, name, COLUMNS)
    out = []
    for line, rec in records:
        line += offset
        supplier = _supplier(rec["supplier"], name, line, zeros)
        try:
            iban = stdiban.validate(rec["iban"])
        except ValidationError as exc:
            raise DirectoryError(name, line, f"IBAN {rec['iban']!r} is invalid "
                                 f"({type(exc).__name__})") from None
        bic = rec["bic"].strip() or None
        if bic:
            try:
                bic = stdbic.validate(bic)
            except ValidationError as exc:
                raise DirectoryError(name, line, f"BIC {rec['bic']!r} is invalid "
                                     f"({type(exc).__name__})") from None
        out.append((supplier, iban, bic))
    return out
