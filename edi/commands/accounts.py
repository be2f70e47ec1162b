"""`edi accounts import FILE` and `edi accounts add SIRET ACCOUNT`: suppliers' declared
bank accounts (IBAN, or RIB turned into its IBAN) into the directory store."""

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
    """Declare accounts from CSV (SIRET or SIREN;IBAN or RIB;BIC): each supplier named in
    FILE gets exactly the accounts listed for it. A RIB is 23 characters or its four
    fields separated by spaces; its key is checked."""
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


@command.command("add")
@click.argument("supplier")
@click.argument("account", nargs=-1, required=True)
@click.option("--bic", default=None, help="The account's BIC")
def add(supplier: str, account: tuple[str, ...], bic: str | None) -> None:
    """Declare one account of SUPPLIER (SIRET or SIREN): an IBAN, or a RIB as 23
    characters or its four fields (code banque, code guichet, numéro de compte, clé)."""
    from edi.directory.accounts import add_account

    path = store_path(current_settings())
    number = " ".join(account)
    try:
        iban = add_account(path, supplier, number, bic)
    except ValueError as exc:
        raise click.ClickException(f"{exc}\nNo account was declared.") from exc
    from stdnum import iban as stdiban

    click.echo(f"Account {stdiban.format(iban)} declared for {supplier.replace(' ', '')} "
               f"in {path}.")
