"""`edi routes test`: connect to every target and SFTP partner, and say what works.

Run it after editing the route table or receiving a partner's host key: a refused key,
a wrong passphrase or an unwritable folder shows here, not in a flow's incident.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import click

from edi.commands import current_settings
from edi.config import Settings
from edi.routing.base import DeliveryError, Target
from edi.routing.table import RouteTable


@dataclass
class Check:
    kind: str          # target or intake
    name: str
    ok: bool
    detail: str
    transient: bool | None = None


def check_target(target: Target) -> str:
    """Prove we can write: each target probes itself (``Target.check``)."""
    return target.check()


def _listdir(folder: str) -> Callable[[Any], list[str]]:
    return lambda sftp: sftp.listdir(folder)


def run_checks(settings: Settings) -> list[Check]:
    from edi.intake.sftp_settings import SftpIntakeSettings
    from edi.routing.sftp import SftpSession

    results: list[Check] = []
    table = RouteTable(settings)
    try:
        for target in table.all_targets():
            try:
                results.append(Check("target", target.name, True, check_target(target)))
            except DeliveryError as exc:
                results.append(Check("target", target.name, False, str(exc), exc.transient))
            except OSError as exc:
                results.append(Check("target", target.name, False, str(exc), True))
    finally:
        table.close()
    for partner in settings.section(SftpIntakeSettings).partner:
        session = SftpSession(partner.url, partner.ssh_options(settings), name=partner.name)
        folder = session.location.path
        try:
            names = session.run(f"listing {folder}", _listdir(folder))
            waiting = [n for n in names if not n.startswith(".")]
            results.append(Check("intake", partner.name, True,
                                 f"connected, {len(waiting)} file(s) waiting in {folder}"))
        except DeliveryError as exc:
            results.append(Check("intake", partner.name, False, str(exc), exc.transient))
        finally:
            session.close()
    return results


@click.group("routes")
def command() -> None:
    """The route table's targets and the SFTP partners."""


@command.command("test")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output")
def test(as_json: bool) -> None:
    """Connect to every target and SFTP partner; exit 1 if any fails."""
    results = run_checks(current_settings())
    if as_json:
        click.echo(json.dumps([asdict(r) for r in results], indent=1))
    else:
        for r in results:
            mark = "OK  " if r.ok else "FAIL"
            hint = "" if r.ok else (" (temporary? retried by delivery)" if r.transient
                                    else " (needs a fix)")
            click.echo(f"{mark} {r.kind:<6} {r.name}: {r.detail}{hint}")
    failed = sum(not r.ok for r in results)
    if failed:
        click.echo(f"{failed} of {len(results)} failed", err=True)
        raise SystemExit(1)
