"""``edi report daily``: the day's summary for people who do not open the dashboard."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import click

from edi.commands.serve import current_settings


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


@command.command("daily")
@click.option("--date", "day", default=None, metavar="D",
              help="Day (UTC) to summarise: YYYY-MM-DD, today (default) or yesterday.")
def daily(day: str | None) -> None:
    """Write daily-D.csv, daily-D.summary.csv and daily-D.html into the reports folder."""
    from edi.ledger import Ledger
    from edi.web.daily import write

    chosen = _day(day)
    settings = current_settings()
    ledger = Ledger(settings.ledger_url)
    try:
        for path in write(settings, ledger, chosen):
            click.echo(str(path))
    finally:
        ledger.close()
