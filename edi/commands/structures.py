"""`edi structures add/list/show/rib/remove`: the structures this installation deposits for.

As on the Chorus Pro portal: type the SIRET, the platform finds the structure (name,
address, public or private) in the directories it holds and shows it for confirmation;
then its bank details (`edi accounts add`, as an IBAN or a RIB), which `edi structures
rib` prints and writes as a PDF.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from edi.commands import current_settings
from edi.commands.directory import store_path

if TYPE_CHECKING:
    from edi.directory.snapshot import Depositor


@click.group("structures")
def command() -> None:
    """Depositing structures (suppliers this installation deposits invoices for)."""


@command.command("add")
@click.argument("siret")
@click.option("--yes", "-y", is_flag=True, help="Register without asking for confirmation")
@click.option("--name", default=None,
              help="A private company absent from the directories: its name, entered by hand")
@click.option("--address", default="", help="With --name: its address")
@click.option("--type", "kind", type=click.Choice(["private", "public"]), default="private",
              help="With --name: public or private structure (default private)")
def add(siret: str, yes: bool, name: str | None, address: str, kind: str) -> None:
    """Register the structure of SIRET, its name and address taken from the directories
    held (Chorus Pro's), shown for confirmation."""
    from edi.directory.depositors import Candidate, StructureRefused, find, register

    path = store_path(current_settings())
    try:
        candidate = (Candidate.by_hand(siret, name, address, kind) if name is not None
                     else find(path, siret))
    except StructureRefused as exc:
        raise click.ClickException(f"{exc.message}\nNo structure was registered.") from exc
    click.echo(f"SIRET     {candidate.siret}\nName      {candidate.name}\n"
               f"Address   {candidate.address or '-'}\nType      {candidate.kind}\n"
               f"Source    {candidate.source}")
    if not yes and not click.confirm("Register this structure?", default=True):
        raise click.ClickException("Not registered.")
    when = register(path, candidate)
    click.echo(f"Structure {candidate.siret} registered in {path} ({when}).")


@command.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON")
def list_(as_json: bool) -> None:
    """Every registered structure, with its number of bank accounts."""
    from edi.directory import load

    path = store_path(current_settings())
    rows: list[dict[str, object]] = []
    if path.exists():
        d = load(path)
        for s in sorted(d.depositors.values(), key=lambda x: x.siret):
            rows.append({**_record(s), "accounts": len(d.declared_accounts(s.siret, s.siren))})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("No structure registered: `edi structures add SIRET`.")
        return
    for r in rows:
        click.echo(f"{r['siret']}  {r['kind']:<7}  {r['accounts']} account(s)  {r['name']}")


@command.command("show")
@click.argument("siret")
@click.option("--json", "as_json", is_flag=True, help="Print JSON")
def show(siret: str, as_json: bool) -> None:
    """One registered structure: name, address, bank accounts (IBAN and RIB) and the
    connections bound to it in [depositors]."""
    from stdnum import iban as stdiban

    from edi.directory.accounts import accounts_of
    from edi.directory.rib import rib_of_iban
    from edi.validators.depositor_settings import DepositorSettings

    settings = current_settings()
    path = store_path(settings)
    s = _registered(path, siret)
    accounts = accounts_of(path, s.siret)
    connections = [c.name for c in settings.section(DepositorSettings).connection
                   if c.allows(s.siret, s.siren)]
    if as_json:
        click.echo(json.dumps({**_record(s), "accounts": [
            {"iban": iban, "bic": bic, "rib": str(rib_of_iban(iban) or "") or None}
            for iban, bic in accounts], "connections": connections},
            ensure_ascii=False, indent=2))
        return
    click.echo(f"{s.siret}  {s.name}  ({s.kind})\n  address      {s.address or '-'}\n"
               f"  source       {s.source}\n  registered   {s.registered_at}")
    click.echo(f"  accounts     {len(accounts)}")
    for iban, bic in accounts:
        rib = rib_of_iban(iban)
        click.echo(f"    IBAN {stdiban.format(iban)}  BIC {bic or '-'}"
                   + (f"  RIB {rib}" if rib else ""))
    click.echo(f"  connections  {', '.join(connections) or 'none bound in [depositors]'}")


@command.command("rib")
@click.argument("siret")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="The PDF to write (default: rib-SIRET.pdf)")
def rib(siret: str, output: Path | None) -> None:
    """Print the structure's bank details (RIB and IBAN) and write them as a PDF."""
    from edi.directory.accounts import accounts_of
    from edi.directory.ribpdf import Holder, as_text, lines_of, write_rib_pdf

    path = store_path(current_settings())
    s = _registered(path, siret)
    accounts = accounts_of(path, s.siret)
    if not accounts:
        raise click.ClickException(f"structure {s.siret} has no bank account declared: "
                                   f"`edi accounts add {s.siret} RIB-or-IBAN`")
    holder = Holder(s.siret, s.name, s.address)
    for n, (iban, bic) in enumerate(accounts):
        if n:
            click.echo("")
        for _, text in lines_of(holder, iban, bic):
            click.echo(as_text(text))
    target = output or Path(f"rib-{s.siret}.pdf")
    write_rib_pdf(target, holder, accounts)
    click.echo(f"\nWritten to {target} ({len(accounts)} page(s)).")


@command.command("remove")
@click.argument("siret")
def remove(siret: str) -> None:
    """Forget a registered structure (its bank accounts stay declared)."""
    from edi.directory.depositors import remove as forget

    path = store_path(current_settings())
    s = _registered(path, siret)
    forget(path, s.siret)
    click.echo(f"Structure {s.siret} removed.")


def _registered(path: Path, siret: str) -> Depositor:
    from edi.directory import load

    key = siret.replace(" ", "")
    found = load(path).depositors.get(key) if path.exists() else None
    if found is None:
        raise click.ClickException(f"{siret} is not a registered structure: "
                                   f"`edi structures add {key}`")
    return found


def _record(s: Depositor) -> dict[str, str]:
    fields = ("siret", "siren", "name", "address", "kind", "source", "registered_at")
    return {f: getattr(s, f) for f in fields}
