"""The filters of ``edi invoices`` and ``/api/invoices``, parsed once for both: latest
lifecycle status, supplier, buyer, amount with VAT, age ("approved, not paid after 60
days": ``--status 205 --older-than 60``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from edi.lifecycle import codes

NAMES = ("status", "supplier", "buyer", "min_amount", "max_amount", "older_than", "limit")


class BadFilter(ValueError):
    """A filter that cannot be understood: the message names it and what is expected."""


def invoice_filters(params: Mapping[str, str | None]) -> dict[str, Any]:
    """Keyword arguments of ``edi.ledger.lifecycle.invoice_rows`` from text parameters."""
    out: dict[str, Any] = {}
    status = params.get("status")
    if status:
        if not status.isdigit() or int(status) not in codes.STATUSES:
            raise BadFilter(f"status: {status!r} is not a code of BR-FR-CDV-CL-06; "
                            f"expected one of {', '.join(map(str, codes.STATUSES))}")
        out["status"] = int(status)
    for name in ("supplier", "buyer"):
        if params.get(name):
            out[name] = params[name]
    for name in ("min_amount", "max_amount"):
        value = params.get(name)
        if value:
            try:
                out[name] = float(value)
            except ValueError:
                raise BadFilter(f"{name}: {value!r} is not an amount") from None
    older = params.get("older_than")
    if older:
        if not older.isdigit():
            raise BadFilter(f"older_than: {older!r}: expected a number of days")
        out["older_than"] = datetime.now(UTC) - timedelta(days=int(older))
    limit = params.get("limit") or "100"
    if not limit.isdigit() or not 1 <= int(limit) <= 10_000:
        raise BadFilter(f"limit: {limit!r}: expected 1..10000")
    out["limit"] = int(limit)
    return out
