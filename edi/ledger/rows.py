"""The rows the ledger writes for what it is given, built in one place: the ledger
writes them, and ``bounds.check`` computes beforehand the findings writing them will add."""

from __future__ import annotations

import json
from typing import Any

from edi.model import Document


def invoice_row(flow_id: str, d: Document, output: str | None) -> dict[str, Any]:
    inv = d.invoice
    status = d.status
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
        "status": str(status), "status_code": status.code,
        "reason": str(d.reason) if d.reason else None,
        "output_name": output,
        "data": json.dumps(inv.to_dict()) if inv else None,
    }


def party(inv: Any, role: str) -> str | None:
    return (getattr(inv, f"{role}_siret") or getattr(inv, f"{role}_siren")
            or getattr(inv, f"{role}_vat") or None)
