"""The rows the ledger writes for what it is given, built in one place: the ledger
writes them, and ``bounds.check`` computes beforehand the findings writing them will add."""

from __future__ import annotations

import json
from typing import Any

from edi.model import LIFECYCLE_MESSAGE, LIFECYCLE_MESSAGE_CODE, Document, Syntax


def invoice_row(flow_id: str, d: Document, output: str | None) -> dict[str, Any]:
    inv = d.invoice
    return {
        "flow_id": flow_id, "seq": d.seq, "name": d.name,
        "number": inv.number if inv else None,
        "issue_date": inv.issue_date if inv else None,
        "type_code": inv.type_code if inv else None,
        "format": d.format, "profile": str(d.profile) if d.profile else None,
        "seller_name": inv.seller_name if inv else None,
        "seller_id": party(inv, "seller") if inv else None,
        "buyer_name": inv.buyer_name if inv else None,
        "buyer_id": party(inv, "buyer") if inv else None,
        "currency": inv.currency if inv else None,
        "total_with_vat": inv.total_with_vat if inv else None,
        **verdict(d),
        "reason": str(d.reason) if d.reason else None,
        "output_name": output,
        "data": json.dumps(inv.to_dict()) if inv else None,
    }


def verdict(d: Document) -> dict[str, Any]:
    """The row's ``status`` and ``status_code``: the invoice's verdict, or, for a CDAR
    lifecycle message that was filed, ``MESSAGE_CDAR`` (0): a message is no invoice."""
    if is_message(d) and not d.fatal:
        return {"status": LIFECYCLE_MESSAGE, "status_code": LIFECYCLE_MESSAGE_CODE}
    return {"status": str(d.status), "status_code": d.status.code}


def is_message(d: Document) -> bool:
    """A lifecycle message (CDAR), not an invoice: a flow's invoice counts leave it out."""
    return d.syntax is Syntax.CDAR


def party(inv: Any, role: str) -> str | None:
    return (getattr(inv, f"{role}_siret") or getattr(inv, f"{role}_siren")
            or getattr(inv, f"{role}_vat") or None)
