"""Import of the bank accounts suppliers declared (CSV: SIRET or SIREN;IBAN or RIB;BIC).

The account column takes an IBAN, or a French RIB as the portal asks for it (23
characters, or its four fields separated by spaces: ``30004 00031 00012345678 65``):
the RIB key is checked and the account kept as the IBAN it makes (``edi.directory.rib``).

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
from stdnum.exceptions import ValidationError

from edi.directory import store
from edi.directory.csvfile import DirectoryError, Zeros, decode, rows
from edi.directory.orders import _read, _supplier
from edi.directory.rib import account_number

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
            iban, bic = checked_account(rec["iban"], rec["bic"])
        except ValueError as exc:   # RibError is one
            raise DirectoryError(name, line, str(exc)) from None
        out.append((supplier, iban, bic))
    return out


def checked_account(number: str, bic: str | None) -> tuple[str, str | None]:
    """(IBAN, BIC) of an account given as an IBAN or a RIB, and an optional BIC; raises
    ``RibError`` (the RIB's field or key that is wrong) or ``ValueError`` naming what."""
    try:
        iban = account_number(number)
    except ValidationError as exc:
        raise ValueError(f"IBAN {number!r} is invalid ({type(exc).__name__})") from None
    code = (bic or "").strip() or None
    if code:
        try:
            code = stdbic.validate(code)
        except ValidationError as exc:
            raise ValueError(f"BIC {bic!r} is invalid ({type(exc).__name__})") from None
    return iban, code


def add_account(path: Path, supplier: str, number: str, bic: str | None = None) -> str:
    """Declare one more account of ``supplier`` (SIRET or SIREN), given as an IBAN or a
    RIB; returns its IBAN. Raises ``RibError``/``ValueError`` before the store changes."""
    who = supplier.replace(" ", "")
    if not who.isdigit() or len(who) not in (9, 14):
        raise ValueError(f"supplier {supplier!r} is neither a SIRET nor a SIREN")
    iban, code = checked_account(number, bic)

    def change(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT OR REPLACE INTO accounts VALUES (?, ?, ?)", (who, iban, code))
        store.set_meta(conn, accounts_imported_at=datetime.now(UTC).isoformat(
            timespec="seconds"))

    store.rewrite(path, change)
    return iban


def accounts_of(path: Path, siret: str) -> list[tuple[str, str | None]]:
    """(IBAN, BIC) declared under ``siret`` or its SIREN, in IBAN order."""
    if not path.exists():
        return []
    conn = store.connect_ro(path)
    try:
        return [(iban, bic) for iban, bic in conn.execute(
            "SELECT DISTINCT iban, bic FROM accounts WHERE supplier IN (?, ?) ORDER BY iban",
            (siret, siret[:9]))]
    finally:
        conn.close()
