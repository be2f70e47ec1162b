"""What a lifecycle flow says in its compte rendu: for each CDAR message, the statuses it
carried and the invoice each was filed on, or ``unmatched`` (kept until that invoice
arrives). A CDAR message is no invoice: its entry claims no invoice status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Any

from edi.lifecycle.cdar import Filed

UNMATCHED = "unmatched"


def carried(filed: Sequence[Filed]) -> dict[int, list[dict[str, Any]]]:
    """{seq of the CDAR document in its flow: its statuses, in the message's order}, as
    the compte rendu's ``lifecycle`` of that document (schemas/compte-rendu.*)."""
    out: dict[int, list[dict[str, Any]]] = {}
    for f in filed:
        if f.carried_seq is None:   # ours, set on an invoice of the flow: not carried
            continue
        st = f.status
        out.setdefault(f.carried_seq, []).append({
            "code": st.code,
            "label": st.label,
            "at": st.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "sequence": st.sequence,
            "invoice_number": st.invoice_number,
            "seller_siren": st.issuer_siren,
            "reason_code": st.reason_code,
            "filed_on": f"{f.flow_id}/{f.seq}" if f.flow_id is not None else UNMATCHED,
            "flow_id": f.flow_id,
            "seq": f.seq,
        })
    return out
