"""``edi report daily``: the day's summary for people who do not open the dashboard."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import click

from edi.commands import current_settings
from edi.config import ConfigError, Settings


def _day(value: str | None) -> date:
    today = datetime.now(UTC).date()   # days are UTC, like the ledger's times
    if value in (None, "today"):
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, today or yesterday, got {value!r}",
                                 param_hint="--date") from exc


@click.group("report")
def command() -> None:
    """Summaries of the flow ledger."""


def _delivery_refs(settings: Settings, to: tuple[str, ...]) -> tuple[str, ...]:
    """``--to`` when given, else ``[routes] daily_report``; checked as the table checks."""
    from edi.routing.table import Routes

    try:
        routes = settings.section(Routes)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    if not to:
        if not routes.daily_report:
            raise click.UsageError("--deliver: no target; set [routes] daily_report "
                                   "(e.g. [\"outbox\"]) or name one with --to")
        return routes.daily_report
    try:   # the same rules as the configured list: a target name, outbox, sftp://, folder
        dataclasses.replace(routes, daily_report=to)
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint="--to") from exc
    return to


def deliver(settings: Settings, refs: tuple[str, ...], paths: list[Path]) -> int:
    """Send each file to each target unless already there; returns the failures.

    The names are the day's (``daily-YYYY-MM-DD.*``), so a rerun finds them and sends
    nothing twice; a file already delivered is never replaced.
    """
    from edi.routing.base import DeliveryError
    from edi.routing.table import RouteTable

    failures = 0
    table = RouteTable(settings)
    try:
        for ref in refs:
            target = table.target(ref)
            for path in paths:
                try:
                    if target.exists(path.name):
                        click.echo(f"{target.name}: {path.name} already there, not sent again",
                                   err=True)
                        continue
                    target.deliver(path.name, path.read_bytes())
                except DeliveryError as exc:
                    failures += 1
                    click.echo(f"{target.name}: {path.name} not delivered: {exc}", err=True)
                    continue
                click.echo(f"{target.name}: {path.name} delivered", err=True)
    finally:
        table.close()
    return failures


@command.command("daily")
@click.option("--date", "day", default=None, metavar="D",
              help="Day (UTC) to summarise: YYYY-MM-DD, today (default) or yesterday.")
@click.option("--deliver", "deliver_", is_flag=True,
              help="Also send the files to the [routes] daily_report targets (or --to).")
@click.option("--to", "to", multiple=True, metavar="TARGET",
              help="Deliver to this target instead (implies --deliver; repeatable): a "
                   "[[routes.target]] name, outbox, an sftp:// URL or a folder path.")
def daily(day: str | None, deliver_: bool, to: tuple[str, ...]) -> None:
    """Write daily-D.csv, daily-D.summary.csv and daily-D.html into the reports folder.

    With --deliver (or --to) the three files go to the report targets like a flow's
    invoices go to theirs; a file already at a target is left as is, so deliver a day
    that is over (--date yesterday, from cron) rather than today.
    """
    from edi.ledger import Ledger
    from edi.web.daily import write

    chosen = _day(day)
    settings = current_settings()
    refs = _delivery_refs(settings, to) if deliver_ or to else ()
    ledger = Ledger(settings.ledger_url)
    try:
        paths = write(settings, ledger, chosen)
    finally:
        ledger.close()
    for path in paths:
        click.echo(str(path))
    if refs and chosen >= datetime.now(UTC).date():
        click.echo(f"note: {chosen} is not over; a later --deliver will not replace what "
                   "is delivered now", err=True)
    if refs and deliver(settings, refs, paths):
        raise click.ClickException("some files were not delivered (see above); rerun "
                                   "--deliver to send what is missing")
