"""Plain-text views of the ledger for the command line (`edi flows`, `edi flow ID`).

They take the ledger's plain dicts (``Ledger.flows()``, ``Ledger.invoices()``,
``Ledger.history()``), not model objects, so the CLI prints what was recorded, even for
a flow whose original is long gone. Times print in UTC, as everywhere in edi-flux.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

_COLUMNS = ("Received (UTC)", "Flow", "File", "Format", "Supplier", "Buyer", "Invoices",
            "Status", "Reason")
_MAX_WIDTH = {"File": 40, "Supplier": 20, "Buyer": 20}


def flows_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """The "Suivi des flux" table: one line per flow, newest first as the ledger gives."""
    if not rows:
        return "Suivi des flux\n(no flow)\n"
    table = [list(_COLUMNS)]
    for r in rows:
        table.append([
            _time(r.get("received_at")),
            _text(r.get("flow_id")),
            _text(r.get("file_name")),
            _text(r.get("format")),
            _text(r.get("supplier")),
            _text(r.get("buyer")),
            f"{r.get('accepted_count') or 0}/{r.get('invoice_count') or 0}",
            _text(r.get("status")),
            _text(r.get("reason")),
        ])
    for i, name in enumerate(_COLUMNS):
        limit = _MAX_WIDTH.get(name)
        if limit:
            for line in table[1:]:
                line[i] = _shorten(line[i], limit)
    widths = [max(len(line[i]) for line in table) for i in range(len(_COLUMNS))]
    out = ["Suivi des flux"]
    for n, line in enumerate(table):
        out.append("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True))
                   .rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    count = len(rows)
    out.append(f"{count} flow{'s' if count != 1 else ''}")
    return "\n".join(out) + "\n"


def flow_detail(flow_row: Mapping[str, Any], invoices: Sequence[Mapping[str, Any]],
                history: Sequence[Mapping[str, Any]]) -> str:
    """One flow: what it is, each invoice's verdict with its findings, then its history."""
    f = flow_row
    reason = f" ({f['reason']})" if f.get("reason") else ""
    out = [f"Flow {f.get('flow_id')}  {f.get('status')}{reason}"]
    out += [
        f"  file        {_text(f.get('file_name'))}",
        f"  format      {_text(f.get('format'))}",
        f"  interface   {_text(f.get('interface'))}",
        f"  size        {f.get('size', '-')} bytes",
        f"  sha256      {_text(f.get('sha256'))}",
        f"  received    {_time(f.get('received_at'))} UTC",
        f"  finished    {_time(f.get('finished_at'))} UTC",
        f"  invoices    {f.get('accepted_count') or 0}/{f.get('invoice_count') or 0} accepted",
    ]
    if f.get("attempts"):
        out.append(f"  attempts    {f['attempts']}")
    if f.get("detail"):
        out.append(f"  detail      {f['detail']}")

    flow_level = [inv for inv in invoices if inv.get("seq") == 0]
    real = [inv for inv in invoices if inv.get("seq") != 0]
    out += ["", "Invoices" if real else "Invoices: none parsed"]
    for inv in real:
        out.append(_invoice_line(inv))
        out += _findings(inv.get("findings") or [], indent="      ")
        for st in inv.get("lifecycle") or []:   # its lifecycle (edi.lifecycle), oldest first
            why = f" {st['reason_code']}" if st.get("reason_code") else ""
            out.append(f"      {st['at']}  {st['code']} {st.get('label') or ''}{why}"
                       f"  ({st.get('source')})")
    flow_findings = [x for inv in flow_level for x in inv.get("findings") or []]
    if flow_findings:
        out += ["", "Flow findings"]
        out += _findings(flow_findings, indent="  ")
    out += ["", "Status history"]
    for h in history:
        detail = f"  {h['detail']}" if h.get("detail") else ""
        out.append(f"  {_time(h.get('at'))}  {h.get('status')}{detail}")
    return "\n".join(out) + "\n"


def _invoice_line(inv: Mapping[str, Any]) -> str:
    number = inv.get("number") or "(no number)"
    verdict = f"{inv.get('status')} ({inv.get('status_code')})"
    if inv.get("filed") is not None:   # a lifecycle message (CDAR), not an invoice
        verdict = f"lifecycle message: {len(inv['filed'])} status(es) filed"
    if inv.get("reason"):
        verdict += f" {inv['reason']}"
    parts = [f"  #{inv.get('seq')}  {number}  {verdict}", f"[{inv.get('name')}]"]
    seller = inv.get("seller_id") or inv.get("seller_name")
    buyer = inv.get("buyer_id") or inv.get("buyer_name")
    if seller or buyer:
        parts.append(f"seller {seller or '-'} -> buyer {buyer or '-'}")
    if inv.get("total_with_vat"):
        parts.append(f"{inv['total_with_vat']} {inv.get('currency') or ''}".rstrip())
    if inv.get("output_name"):
        parts.append(f"-> {inv['output_name']}")
    return "  ".join(parts)


def _findings(findings: Sequence[Mapping[str, Any]], indent: str) -> list[str]:
    return [f"{indent}{x.get('severity', ''):<7} {x.get('rule_id')}  [{x.get('layer')}] "
            f"{x.get('location')}: {x.get('message')}" for x in findings]


def _time(value: Any) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if not isinstance(value, datetime):
        return "-"
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _text(value: Any) -> str:
    return "-" if value is None or value == "" else str(value)


def _shorten(text: str, limit: int) -> str:
    """Keep the start and the end, which tell files and identifiers apart."""
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "…" + text[-(limit - 1 - head):]
