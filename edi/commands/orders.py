"""`edi orders import FILE...`: engagements (CSV or Order-X) into the directory store;
`edi orders list`: each engagement with what accepted invoices took from it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from edi.commands import current_settings
from edi.commands.directory import fail, store_path


@click.group("orders", invoke_without_command=True)
@click.pass_context
def command(ctx: click.Context) -> None:
    """Engagements (purchase orders) public buyers issued, for the deposit rules; alone,
    `edi orders` lists them with what was invoiced and what remains."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_)


@command.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Forget the engagements imported before")
def import_(files: tuple[Path, ...], replace: bool) -> None:
    """Add or update engagements from CSV (buyer SIRET;number;supplier;amount;status)
    or Order-X files; all files are checked before the store changes. A CSV's amount is
    what remains to invoice (as Chorus Pro shows it): invoices count from it from now on;
    an Order-X's is the order's total."""
    from edi.directory import DirectoryError, import_orders

    path = store_path(current_settings())
    try:
        r = import_orders(path, list(files), replace=replace)
    except DirectoryError as exc:
        raise fail(exc) from exc
    if r.remaining:   # a CSV's amounts are what remains: invoices count from now on
        from edi.ledger import Ledger, engagements

        ledger = Ledger(current_settings().ledger_url)
        try:
            engagements.rebase(ledger.engine, r.remaining)
        finally:
            ledger.close()
    click.echo(f"Engagements imported into {path}: {r.engagements} from {r.files} file(s), "
               f"{r.open} open, in {r.seconds:.2f} s.")
    if r.zeros and r.zeros.restored:
        click.echo(f"Leading zeros restored on {r.zeros.restored} identifier(s).")


@command.command("list")
@click.option("--buyer", default=None, help="Only this buyer's engagements (SIRET)")
@click.option("--json", "as_json", is_flag=True, help="Print JSON")
def list_(buyer: str | None, as_json: bool) -> None:
    """Engagements with their amount, what accepted invoices took (less credit notes)
    and what remains."""
    from edi.directory.views import order_rows
    from edi.ledger import Ledger

    settings = current_settings()
    ledger = Ledger(settings.ledger_url)
    try:
        rows = order_rows(store_path(settings), ledger.reader, buyer)
    finally:
        ledger.close()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("No engagement: `edi orders import FILE` (CSV or Order-X).")
        return
    click.echo(f"{'buyer':<14}  {'engagement':<20}  {'supplier':<14}  {'amount':>12}  "
               f"{'invoiced':>12}  {'remaining':>12}  invoices  status")
    for r in rows:
        click.echo(f"{r['buyer']:<14}  {r['number']:<20}  {r['supplier']:<14}  "
                   f"{r['amount'] or '?':>12}  {r['invoiced']:>12}  {r['remaining'] or '?':>12}"
                   f"  {r['invoices']:>8}  {r['status']}")

