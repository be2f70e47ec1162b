"""`edi orders import FILE...`: engagements (CSV or Order-X) into the directory store."""

from __future__ import annotations

from pathlib import Path

import click

from edi.commands import current_settings
from edi.commands.directory import fail, store_path


@click.group("orders")
def command() -> None:
    """Engagements (purchase orders) public buyers issued, for the deposit rules."""


@command.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Forget the engagements imported before")
def import_(files: tuple[Path, ...], replace: bool) -> None:
    """Add or update engagements from CSV (buyer SIRET;number;supplier;amount;status)
    or Order-X files; all files are checked before the store changes."""
    from edi.directory import DirectoryError, import_orders

    path = store_path(current_settings())
    try:
        r = import_orders(path, list(files), replace=replace)
    except DirectoryError as exc:
        raise fail(exc) from exc
    click.echo(f"Engagements imported into {path}: {r.engagements} from {r.files} file(s), "
               f"{r.open} open, in {r.seconds:.2f} s.")
    if r.zeros and r.zeros.restored:
        click.echo(f"Leading zeros restored on {r.zeros.restored} identifier(s).")
