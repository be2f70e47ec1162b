"""`edi directory import FILE [--services FILE]`, `edi directory import-lines FILE` and
`edi directory show SIRET`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from edi.commands import current_settings
from edi.config import Settings


def store_path(s: Settings) -> Path:
    from edi.validators.chorus_settings import ChorusSettings

    return s.path(s.section(ChorusSettings).directory)


def fail(exc: Exception) -> click.ClickException:
    return click.ClickException(f"{exc}\nThe directory in force is unchanged.")


@click.group("directory")
def command() -> None:
    """Chorus Pro's directory of public structures (annuaire des structures)."""


@command.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--services", "services_file", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The services export (IdentifiantStructure;CodeService;...)")
def import_(file: Path, services_file: Path | None) -> None:
    """Replace the directory by Chorus Pro's structures export FILE (atomically)."""
    from edi.directory import DirectoryError, import_directory

    path = store_path(current_settings())
    try:
        r = import_directory(path, file, services_file)
    except DirectoryError as exc:
        raise fail(exc) from exc
    click.echo(f"Directory imported into {path}: {r.structures} structures, "
               f"{r.services} services in {r.seconds:.2f} s (encoding {r.encoding}).")
    restored = r.zeros.restored + r.service_zeros.restored
    if restored:
        lines = ", ".join(map(str, r.zeros.lines or r.service_zeros.lines))
        click.echo(f"Leading zeros restored on {restored} SIRET(s) cut by a spreadsheet "
                   f"({r.zeros.restored} structures, {r.service_zeros.restored} services; "
                   f"first lines: {lines}).")
    if r.orphan_services:
        click.echo(f"Warning: {r.orphan_services} service(s) of structures absent from "
                   f"{file.name} were skipped.")


@command.command("import-lines")
@click.argument("file", required=False,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "remote", default=None, metavar="URL",
              help="A remote XP Z12-013 Directory Service (its base URL, before /v1) to "
                   "fetch every line from, instead of FILE")
@click.option("--token-env", default="EDI_DIRECTORY_TOKEN", show_default=True,
              help="The environment variable holding its bearer token")
@click.option("--cache", "cache_file", default=None,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Where the fetched lines are kept (default: beside the store)")
@click.option("--max-age", default=0.0, show_default=True,
              help="Seconds the cached copy answers without asking the service")
@click.option("--ca-file", default=None, type=click.Path(exists=True, path_type=Path),
              help="CA certificates for a service with a private CA")
def import_lines(file: Path | None, remote: str | None, token_env: str,
                 cache_file: Path | None, max_age: float, ca_file: Path | None) -> None:
    """Replace the reform's directory lines by FILE (JSON in the Directory Service's
    directory-line shape, or CSV with the same fields), or by those of a remote
    Directory Service (--from URL, through a local cache), atomically."""
    import os

    from edi.directory import DirectoryError
    from edi.directory.lines import fetch_lines
    from edi.directory.lines import import_lines as run

    if (file is None) == (remote is None):
        raise click.UsageError("give either FILE or --from URL")
    path = store_path(current_settings())
    source = file
    try:
        if remote is not None:
            token = os.environ.get(token_env)
            if not token:
                raise click.ClickException(f"${token_env} is not set: the Directory "
                                           "Service needs a bearer token")
            cache = cache_file or path.with_name(path.name + ".lines.json")
            fetched = fetch_lines(remote, cache, token=token, max_age=max_age,
                                  ca_file=ca_file)
            click.echo(f"{fetched.lines} lines fetched from {remote} into {cache}."
                       if fetched.fresh else f"Using {cache}: {fetched.note}.")
            source = fetched.cache
        r = run(path, source) if source is not None else None
    except DirectoryError as exc:
        raise click.ClickException(f"{exc}\nThe directory lines in force are "
                                   "unchanged.") from exc
    if r is None:   # neither FILE nor --from: refused above
        return
    click.echo(f"Directory lines imported into {path}: {r.lines} lines ({r.shape}) in "
               f"{r.seconds:.2f} s.")


@command.command("show")
@click.argument("siret")
@click.option("--json", "as_json", is_flag=True, help="Print JSON")
def show(siret: str, as_json: bool) -> None:
    """Print one structure with its flags, services and known engagements."""
    from edi.directory import load

    path = store_path(current_settings())
    if not path.exists():
        raise click.ClickException(f"no directory at {path}: run `edi directory import`")
    key = siret.replace(" ", "")
    if key.isdigit() and len(key) < 14:
        key = key.zfill(14)
    d = load(path)
    s = d.structures.get(key)
    if s is None:
        raise click.ClickException(f"{siret} is not in the directory imported "
                                   f"{d.imported_at} ({len(d.structures)} structures)")
    services = sorted(d.services.get(key, {}).values(), key=lambda x: x.code)
    engagements = sorted(d.engagements.get(key, {}).values(), key=lambda x: x.number)
    if as_json:
        click.echo(json.dumps({
            "structure": {f: getattr(s, f) for f in s.__slots__},
            "services": [{f: getattr(x, f) for f in x.__slots__} for x in services],
            "engagements": [{"number": e.number, "supplier": e.supplier,
                             "amount": str(e.amount) if e.amount is not None else None,
                             "status": e.status, "open": e.open} for e in engagements],
            "directory_imported_at": d.imported_at}, ensure_ascii=False, indent=2))
        return
    click.echo(f"{s.identifier}  {s.name}  ({s.id_type}, "
               f"{'active' if s.active else 'INACTIVE'})")
    flags = [("GestionEngagement", s.gestion_engagement), ("GestionService", s.gestion_service),
             ("GestionServiceEngagement", s.gestion_service_engagement),
             ("GestionStatutMiseEnPaiement", s.gestion_statut_mep),
             ("EmetteurEdi", s.emetteur_edi), ("RecepteurEdi", s.recepteur_edi),
             ("EstMOA", s.est_moa), ("EstMOAUniquement", s.est_moa_uniquement)]
    for name, value in flags:
        click.echo(f"  {name:<28} {'yes' if value else 'no'}")
    click.echo(f"  services: {len(services)}")
    for x in services:
        extra = ", engagement required" if x.engagement_required else ""
        click.echo(f"    {x.code:<20} {'active' if x.active else 'INACTIVE'}{extra}  {x.name}")
    if engagements:
        click.echo(f"  engagements: {len(engagements)}")
        for e in engagements:
            click.echo(f"    {e.number:<20} supplier {e.supplier}  remaining "
                       f"{e.amount if e.amount is not None else '?'}  {e.status}")
    click.echo(f"  (directory imported {d.imported_at})")
