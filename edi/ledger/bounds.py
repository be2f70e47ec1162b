"""What the ledger stores from an invoice, checked before the transaction.

An invoice is the depositor's text: a number of any length, a date with a time zone, a
currency "EURO". The database refuses what does not fit its column (PostgreSQL:
``value too long``; an index entry over 2,704 bytes; NUL), and a refused row would refuse
the whole group of verdicts recorded with it. So every value goes through ``invoice_row``
first:

- an issue date carrying a time zone (``2025-03-14+01:00``, schema-valid xs:date) is stored
  as its date, ``2025-03-14``: nothing is lost that the ledger uses;
- a code (currency, type code) or text (number, names, identifiers) longer than its
  column or bound is stored cut, with an ``EDI-LEDGER-VALUE`` warning on the invoice
  naming the value and the limit: the layers judge the value itself (an invalid currency
  is already an XSD / EN 16931 error), the ledger only keeps what it can;
- a date or an amount that does not fit is not stored at all (a cut amount is a wrong
  amount), with the same warning.

The warning never changes a verdict; the invoice's ``data`` (its EN 16931 terms as JSON)
and its compte rendu keep every value as read. ``check`` gives the same findings to a
caller that wants them in the compte rendu (call it before rendering); ``invoice_row``
adds each only once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Column, String, TypeDecorator

from edi.ledger import rows
from edi.ledger import schema as s
from edi.model import Document, Finding, Severity

RULE = "EDI-LEDGER-VALUE"
LAYER = "ledger"

# Text columns have no length in the database, but an indexed one must stay well under
# PostgreSQL's btree entry limit (2,704 bytes, up to 4 bytes a character in UTF-8).
IDENTIFIER_CHARS = 200      # invoice number, seller/buyer SIRET, SIREN or VAT number
NAME_CHARS = 500            # party names, member names
LOCATION_CHARS = 1000       # a finding's location and message: display text, cut with "…"
MESSAGE_CHARS = 4000

_DATE_WITH_ZONE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})")


@dataclass(frozen=True, slots=True)
class Field:
    """One invoice value the ledger stores: its business term, its limit, and whether a
    value over it is cut (text, codes) or not stored (dates, amounts)."""

    column: str
    term: str
    limit: int
    cut: bool = True


def _declared_length(column: Column[Any]) -> int:
    """The n of a column declared ``s.String(n)`` (a TypeDecorator over VARCHAR(n))."""
    length = cast(String, cast("TypeDecorator[Any]", column.type).impl_instance).length
    assert length is not None, column.name
    return length


def _length(column: str) -> int:
    return _declared_length(s.invoices.c[column])


FIELDS = (
    Field("number", "BT-1 invoice number", IDENTIFIER_CHARS),
    Field("issue_date", "BT-2 issue date", _length("issue_date"), cut=False),
    Field("type_code", "BT-3 invoice type code", _length("type_code")),
    Field("currency", "BT-5 currency code", _length("currency")),
    Field("seller_name", "BT-27 seller name", NAME_CHARS),
    Field("seller_id", "BT-29/BT-30/BT-31 seller identifier", IDENTIFIER_CHARS),
    Field("buyer_name", "BT-44 buyer name", NAME_CHARS),
    Field("buyer_id", "BT-46/BT-47/BT-48 buyer identifier", IDENTIFIER_CHARS),
    Field("total_with_vat", "BT-112 total with VAT", _length("total_with_vat"), cut=False),
    Field("name", "file or archive member name", NAME_CHARS),
)

_NORMALISE: dict[str, Callable[[str], str]] = {
    "issue_date": lambda v: m.group(1) if (m := _DATE_WITH_ZONE.fullmatch(v.strip())) else v,
}


def invoice_row(row: dict[str, Any], document: Document) -> tuple[dict[str, Any], list[Finding]]:
    """``row`` (an ``invoices`` row) with every value made to fit, and the findings to
    record for ``document`` with it (those not already among its findings)."""
    out = dict(row)
    found: list[Finding] = []
    for f in FIELDS:
        value = out.get(f.column)
        if not isinstance(value, str):
            continue
        value = s.clean(value)
        if (normalise := _NORMALISE.get(f.column)) is not None:
            value = normalise(value)
        if len(value) > f.limit:
            stored = value[:f.limit] if f.cut else None
            found.append(_finding(f, value, stored))
            value = stored
        out[f.column] = value
    have = set(document.findings)
    return out, [x for x in found if x not in have]


def check(document: Document) -> list[Finding]:
    """The ``EDI-LEDGER-VALUE`` findings recording ``document`` will add, computed now
    (a caller adds them to the document before rendering its compte rendu)."""
    return invoice_row(rows.invoice_row("", document, None), document)[1]


def identifier(value: str | None) -> str | None:
    """A party identifier as the flows table stores it (bounded like the invoice's)."""
    return s.clean(value)[:IDENTIFIER_CHARS] if value is not None else None


def display(value: str, limit: int) -> str:
    """A finding's location or message, cut with an ellipsis past ``limit``."""
    value = s.clean(value)
    return value if len(value) <= limit else value[:limit - 1] + "…"


def business_key(key: str) -> str:
    """A business key as ``accepted_keys`` stores it: as is when it fits, else its start
    and its SHA-256, so that two different long keys never become one (a false DOUBLON)
    and the same key always gives the same stored one."""
    limit = _declared_length(s.accepted_keys.c.business_key)
    key = s.clean(key)
    if len(key) <= limit:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return f"{key[:limit - len(digest) - 1]}#{digest}"


def _finding(f: Field, value: str, stored: str | None) -> Finding:
    shown = value if len(value) <= 60 else value[:57] + "..."
    what = (f"stored cut to its first {f.limit}: {stored!r}" if stored is not None else
            "not stored (a cut value would be a wrong one)")
    return Finding(RULE, Severity.WARNING, LAYER, f.term,
                   f"{f.term} {shown!r} is {len(value)} characters long; the ledger keeps "
                   f"at most {f.limit}, so it is {what}; the compte rendu and the "
                   "invoice's data keep the value as read")


__all__ = ["RULE", "FIELDS", "invoice_row", "check", "identifier", "display", "business_key"]
