"""The ``duplicates`` step: a file already integrated (byte for byte), an invoice already
accepted (same supplier, number and year), are DOUBLON."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from edi.directory.consumption import consume_engagements
from edi.durable import StorageUnavailable
from edi.flow.context import Concluding, Context, Group
from edi.model import Document, Finding, Flow, Reason, Severity
from edi.testing import crash_point
from edi.validators.chorus import business_key


def identical_files(ctx: Context, archived: Sequence[tuple[Flow, Path]]
                    ) -> tuple[list[tuple[Flow, Path]], list[tuple[Flow, list[Document]]]]:
    """(flows to examine, flows byte-identical to an integrated one, already judged)."""
    twins = ctx.ledger.integrated_twins([f for f, _ in archived])
    fresh: list[tuple[Flow, Path]] = []
    doubles: list[tuple[Flow, list[Document]]] = []
    for flow, original in archived:
        twin = twins.get(flow.flow_id)
        if twin is None:
            fresh.append((flow, original))
            continue
        doubles.append((flow, [Document(
            seq=1, name=flow.file_name, content=original.read_bytes(),
            reason=Reason.DOUBLON, findings=[Finding(
                "EDI-DOUBLON-FICHIER", Severity.FATAL, "intake", "/",
                f"byte-identical to flow {twin}, already integrated; "
                "a file is integrated once")])]))
    return fresh, doubles


def known_invoices(ctx: Context, group: Group) -> None:
    """Reserve the group's business keys in one transaction; if the group fails, flow by
    flow, so that only a flow the ledger refuses becomes a fault."""
    items = group.live()
    try:
        _reserve(ctx, items)
        return
    except StorageUnavailable:
        raise
    except Exception as exc:
        if len(items) == 1:
            _fault(ctx, group, items[0], exc)
            return
    for item in items:
        try:
            _reserve(ctx, [item])
        except Exception as exc:
            _fault(ctx, group, item, exc)


def _fault(ctx: Context, group: Group, item: Concluding, exc: Exception) -> None:
    if isinstance(exc, StorageUnavailable):
        raise exc
    group.fault(item.flow, "checking duplicates", exc)


def _reserve(ctx: Context, items: Sequence[Concluding]) -> None:
    keys: dict[str, dict[int, str]] = {}
    for item in items:
        per_flow = {d.seq: k for d in item.documents
                    if not d.fatal and d.invoice and (k := business_key(d.invoice))}
        if per_flow:
            keys[item.flow.flow_id] = per_flow
    taken = ctx.ledger.reserve_keys_many(keys)
    crash_point("reserved")
    for item in items:
        for doc in item.documents:
            owner = taken.get(item.flow.flow_id, {}).get(doc.seq)
            if owner is None or doc.invoice is None:
                continue
            doc.reason = Reason.DOUBLON
            inv = doc.invoice
            doc.findings.append(Finding(
                "CPRO-DOUBLON", Severity.FATAL, "ledger", "/",
                f"invoice {inv.number} of supplier {_seller(inv)} issued in "
                f"{(inv.issue_date or '')[:4]} is already accepted (flow {owner}); "
                "an invoice number is used once per supplier and year"))
    consume_engagements(ctx, items)   # the accepted ones take from their engagement


def _seller(inv: Any) -> str | None:
    return inv.seller_siret or inv.seller_siren or inv.seller_vat or inv.seller_name
