"""``edi flow-service``: ``edi watch`` serving the XP Z12-013 Flow Service, and
``edi flow-service follow``: what the platforms we deliver to say of our invoices.

The server runs inside the processor, as its ``api`` intake source: a submission is
claimed in the request by the same claim as the inbox, under the same single-instance
guard, and carried on by the same run loop. (A separate process beside ``edi watch``
would need a second claimant on one work area, which the guard exists to prevent.)
``[flow_service] enabled = true`` makes a plain ``edi watch`` serve it as well.
"""

from __future__ import annotations

import json
from typing import Any

import click


@click.group("flow-service", invoke_without_command=True)
@click.option("--host", default=None, help="Address to bind (default [flow_service] host)")
@click.option("--port", type=int, default=None, help="Port (default [flow_service] port; "
              "0: any free one, printed)")
@click.option("--workers", type=int, default=None, help="Validation worker processes")
@click.pass_context
def command(ctx: click.Context, host: str | None, port: int | None,
            workers: int | None) -> None:
    """Process the inbox and serve the Flow Service (POST /v1/flows...) until stopped."""
    if ctx.invoked_subcommand is not None:
        return
    import dataclasses

    from edi import cli
    from edi.flowservice.settings import FlowServiceSettings

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
    ctx.obj["settings"].section(FlowServiceSettings)   # a wrong --host/--port: said now
    ctx.invoke(cli.watch, layers=None, workers=workers, serve=False, host=None, port=None)


@command.command("follow")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per delivery")
@click.pass_context
def follow(ctx: click.Context, as_json: bool) -> None:
    """Ask each platform we delivered to (by trackingId) for its flow id and
    acknowledgement, record them, file the lifecycle statuses they publish (each CDAR
    flow once), and print them."""
    from edi import cli
    from edi.flowservice.client import Unreachable
    from edi.ledger import Ledger
    from edi.ledger import flowservice as fs
    from edi.model import utcnow
    from edi.routing.base import DeliveryError
    from edi.routing.flowservice import client_for, tracking_id

    settings = cli._settings(ctx)
    ledger = Ledger(settings.ledger_url)
    out: list[dict[str, Any]] = []
    try:
        clients: dict[str, Any] = {}
        for d in fs.api_deliveries(ledger):
            tid = tracking_id(d["file_name"])
            row: dict[str, Any] = {"target": d["target"], "tracking_id": tid,
                                   "flow_id": d["flow_id"], "remote_flow_id": None,
                                   "ack_status": None, "detail": None,
                                   "submitted_at": d["at"], "checked_at": utcnow()}
            try:
                if d["target"] not in clients:
                    clients[d["target"]] = client_for(d["target"], settings)
                answer = clients[d["target"]].search({"trackingId": tid}, limit=1)
                found = (answer.json() or {}).get("results") if answer.status == 200 else None
                if found:
                    row["remote_flow_id"] = found[0]["flowId"]
                    row["ack_status"] = found[0]["acknowledgement"]["status"]
                    row["detail"] = json.dumps(found[0]["acknowledgement"].get("details"))
                else:
                    row["detail"] = f"HTTP {answer.status}: not found by trackingId"
            except (Unreachable, DeliveryError) as exc:
                row["detail"] = f"not reached: {exc}"
            fs.record_remote(ledger, row)
            out.append(row)
        for target, client in clients.items():
            out += take_lifecycle(ledger, settings, target, client)
    finally:
        ledger.close()
    for row in out:
        if "lifecycle_flow" in row:
            click.echo(json.dumps(row) if as_json else
                       f"{row['lifecycle_flow']}  <- {row['target']}  "
                       f"{row['filed']} status(es) filed  {row['detail'] or ''}".rstrip())
            continue
        if as_json:
            click.echo(json.dumps({k: (v.isoformat() if hasattr(v, "isoformat") else v)
                                   for k, v in row.items()}))
        else:
            click.echo(f"{row['flow_id']}  {row['tracking_id']}  -> {row['target']}  "
                       f"{row['remote_flow_id'] or '-'}  {row['ack_status'] or row['detail']}")


def take_lifecycle(ledger: Any, settings: Any, target: str, client: Any
                   ) -> list[dict[str, Any]]:
    """The lifecycle flows ``target`` publishes that we have not taken yet: each CDAR
    downloaded once (``docType=Original``) and filed through the lifecycle ingest (XSD +
    Schematron, matched to our invoice by number and seller SIREN), ``source`` naming the
    platform. One line each: what was filed, or why nothing was."""
    from edi.flowservice.client import Unreachable
    from edi.lifecycle.ingest import file_remote, remote_ref, remote_source, taken_remote

    source = remote_source(target)
    try:
        published = client.lifecycle_flows()
    except Unreachable as exc:
        return [{"lifecycle_flow": None, "target": target, "filed": 0,
                 "detail": f"not reached: {exc}"}]
    taken = taken_remote(ledger, source)
    out: list[dict[str, Any]] = []
    for flow in published:
        remote_id = flow["flowId"]
        if remote_ref(remote_id) in taken:
            continue
        row: dict[str, Any] = {"lifecycle_flow": remote_id, "target": target, "filed": 0,
                               "detail": None}
        try:
            answer = client.get(remote_id, "Original")
        except Unreachable as exc:
            row["detail"] = f"not reached: {exc}"
            out.append(row)
            continue
        if answer.status != 200:
            row["detail"] = f"HTTP {answer.status}: {answer.body[:200]!r}"
        else:
            row["filed"], findings = file_remote(ledger, settings, answer.body,
                                                 source=source, remote_flow_id=remote_id)
            fatal = [f for f in findings if f.fatal]
            if fatal:
                row["detail"] = "refused: " + "; ".join(
                    f"{f.rule_id} {f.message}" for f in fatal[:3])
        out.append(row)
    return out
