"""`edi lifecycle set FLOW_ID CODE`: a status of the invoice's lifecycle, set by our user
(e.g. 212 Encaissée), written as a CDAR message and routed; `edi lifecycle codes` lists
the statuses; `edi lifecycle unmatched` the statuses received for no invoice we know."""

from __future__ import annotations

import json

import click

from edi.commands import current_settings


@click.group("lifecycle")
def command() -> None:
    """Invoice lifecycle statuses (CDAR, BR-FR-CDV-CL-06)."""


@command.command("set")
@click.argument("flow_id")
@click.argument("code", type=int)
@click.option("--invoice", help="Invoice number (or seq) when the flow holds several")
@click.option("--amount", help="Amount cashed (MDT-215), e.g. 120.00")
@click.option("--vat-rate", help="VAT rate of that amount (MDT-224), e.g. 20")
@click.option("--reason", help="Reason code (BR-FR-CDV-CL-09), e.g. TX_TVA_ERR")
def set_(flow_id: str, code: int, invoice: str | None, amount: str | None,
         vat_rate: str | None, reason: str | None) -> None:
    """Set status CODE on an invoice of FLOW_ID: written and routed as a CDAR message."""
    from edi.ledger import Ledger
    from edi.lifecycle.send import Refused, set_status

    settings = current_settings()
    ledger = Ledger(settings.ledger_url)
    try:
        sent = set_status(settings, ledger, flow_id, code, invoice=invoice, amount=amount,
                          vat_rate=vat_rate, reason=reason)
    except Refused as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        ledger.close()
    where = ", ".join(sent.targets) or "no target"
    click.echo(f"{sent.code} set on invoice {sent.invoice}: {sent.path} (sent to {where})")
    if sent.waiting:
        click.echo(f"not yet taken by {', '.join(sent.waiting)}: {sent.error}; queued, "
                   "tried again by every round of edi watch / edi process "
                   "(edi lifecycle pending)", err=True)


@command.command("pending")
@click.option("--json", "as_json", is_flag=True)
def pending(as_json: bool) -> None:
    """Our lifecycle messages a target has not taken yet (it was down): retried by every
    round of edi watch / edi process, with backoff, until it does."""
    from edi.ledger import Ledger
    from edi.ledger import lifecycle as sql

    ledger = Ledger(current_settings().ledger_url)
    try:
        with ledger.connection() as c:
            rows = sql.pending_sends(c)
    finally:
        ledger.close()
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
        return
    for r in rows:
        click.echo(f"{r['name']}  -> {r['target']}  attempts {r['attempts']}, next "
                   f"{r['next_attempt_at']:%Y-%m-%d %H:%M:%S}  {r['last_error'] or ''}".rstrip())
    click.echo(f"{len(rows)} message(s) waiting", err=True)


@command.command("codes")
def codes_() -> None:
    """The statuses of BR-FR-CDV-CL-06, and who may set each."""
    from edi.lifecycle.codes import STATUSES

    for st in STATUSES.values():
        who = ", ".join(sorted(st.set_by)) or "-"
        click.echo(f"{st.code}  {st.label:<32} set by {who}"
                   + ("  (reason required)" if st.needs_reason else ""))


@command.command("unmatched")
@click.option("--json", "as_json", is_flag=True)
def unmatched(as_json: bool) -> None:
    """Statuses received for an invoice we do not know (yet)."""
    from edi.ledger import Ledger
    from edi.ledger import lifecycle as sql

    ledger = Ledger(current_settings().ledger_url)
    with ledger.connection() as c:
        rows = sql.unmatched(c)
    ledger.close()
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        click.echo(f"{r['at']}  {r['code']} {r['label']}  invoice {r['invoice_number']} "
                   f"of SIREN {r['seller_siren']} (flow {r['carried_by']})")
