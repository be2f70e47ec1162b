"""`edi accounts import FILE`: suppliers' declared bank accounts into the directory store."""

from __future__ import annotations

from pathlib import Path

import click

from edi.commands import current_settings
from edi.commands.directory import fail, store_path


@click.group("accounts")
def command() -> None:
    """Bank accounts suppliers declared, for the deposit rules (BT-84)."""


@command.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Forget every account imported before")
def import_(file: Path, replace: bool) -> None:
    """Declare accounts from CSV (SIRET or SIREN;IBAN;BIC): each supplier named in FILE
    gets exactly the accounts listed for it."""
    from edi.directory import DirectoryError, import_accounts

    path = store_path(current_settings())
    try:
        r = import_accounts(path, file, replace=replace)
    except DirectoryError as exc:
        raise fail(exc) from exc
    click.echo(f"Accounts imported into {path}: {r.accounts} account(s) of {r.suppliers} "
               f"supplier(s) in {r.seconds:.2f} s.")
    if r.zeros.restored:
        click.echo(f"Leading zeros restored on {r.zeros.restored} identifier(s).")
