"""`edi invoices`: invoices by lifecycle status, supplier, buyer, amount and age."""

from __future__ import annotations

import json

import click

from edi.commands import current_settings


@click.command("invoices")
@click.option("--status", help="Latest lifecycle status (BR-FR-CDV-CL-06), e.g. 205")
@click.option("--supplier", help="Supplier SIRET/SIREN/VAT (prefix)")
@click.option("--buyer", help="Buyer SIRET/SIREN/VAT (prefix)")
@click.option("--min-amount", help="Total with VAT at least")
@click.option("--max-amount", help="Total with VAT at most")
@click.option("--older-than", help="Issued more than this many days ago")
@click.option("--limit", default="100", show_default=True)
@click.option("--json", "as_json", is_flag=True)
def command(status: str | None, supplier: str | None, buyer: str | None,
            min_amount: str | None, max_amount: str | None, older_than: str | None,
            limit: str, as_json: bool) -> None:
    """Invoices with their lifecycle, latest first ("approved, not paid after 60 days":
    --status 205 --older-than 60)."""
    from edi.ledger import Ledger
    from edi.ledger import lifecycle as sql
    from edi.lifecycle.query import BadFilter, invoice_filters

    try:
        filters = invoice_filters({"status": status, "supplier": supplier, "buyer": buyer,
                                   "min_amount": min_amount, "max_amount": max_amount,
                                   "older_than": older_than, "limit": limit})
    except BadFilter as exc:
        raise click.BadParameter(str(exc)) from exc
    ledger = Ledger(current_settings().ledger_url)
    with ledger.connection() as c:
        rows = sql.invoice_rows(c, **filters)
    ledger.close()
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
        return
    for r in rows:
        now = r["lifecycle"][-1] if r["lifecycle"] else None
        state = f"{now['code']} {now['label']}" if now else "no lifecycle status"
        click.echo(f"{r['flow_id']} #{r['seq']}  {r['number'] or '-':<20} "
                   f"{r['seller_id'] or '-':<15} -> {r['buyer_id'] or '-':<15} "
                   f"{r['total_with_vat'] or '-':>12} {r['currency'] or ''}  {r['status']}"
                   f"  {state}")
