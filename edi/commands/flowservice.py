"""``edi flow-service``: ``edi watch`` serving the XP Z12-013 Flow Service.

The server runs inside the processor, as its ``api`` intake source: a submission is
claimed in the request by the same claim as the inbox, under the same single-instance
guard, and carried on by the same run loop. (A separate process beside ``edi watch``
would need a second claimant on one work area, which the guard exists to prevent.)
``[flow_service] enabled = true`` makes a plain ``edi watch`` serve it as well.
"""

from __future__ import annotations

import click


@click.command("flow-service")
@click.option("--host", default=None, help="Address to bind (default [flow_service] host)")
@click.option("--port", type=int, default=None, help="Port (default [flow_service] port; "
              "0: any free one, printed)")
@click.option("--workers", type=int, default=None, help="Validation worker processes")
@click.pass_context
def command(ctx: click.Context, host: str | None, port: int | None,
            workers: int | None) -> None:
    """Process the inbox and serve the Flow Service (POST /v1/flows...) until stopped."""
    import dataclasses

    from edi import cli

    settings = cli._settings(ctx)
    raw = dict(settings.raw)
    table = dict(raw.get("flow_service", {}))
    table["enabled"] = True
    if host is not None:
        table["host"] = host
    if port is not None:
        table["port"] = port
    raw["flow_service"] = table
    ctx.obj["settings"] = dataclasses.replace(settings, raw=raw)
    from edi.flowservice.settings import FlowServiceSettings

    ctx.obj["settings"].section(FlowServiceSettings)   # a wrong --host/--port: said now
    ctx.invoke(cli.watch, layers=None, workers=workers, serve=False, host=None, port=None)
