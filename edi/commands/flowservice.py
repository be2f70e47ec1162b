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
    acknowledgement of what is not acknowledged Ok or Error yet, record them, file the
    lifecycle statuses published since the last run (each CDAR flow once), and print
    them. `edi watch` does the same every [[flow_service.platform]] follow_every seconds."""
    from edi import cli
    from edi.flowservice.follow import follow as follow_once
    from edi.ledger import Ledger

    settings = cli._settings(ctx)
    ledger = Ledger(settings.ledger_url)
    try:
        out = follow_once(ledger, settings)
    finally:
        ledger.close()
    for row in out:
        if "lifecycle_flow" in row:
            click.echo(json.dumps(row) if as_json else
                       f"{row['lifecycle_flow'] or '-'}  <- {row['target']}  "
                       f"{row['filed']} status(es) filed  {row['detail'] or ''}".rstrip())
            continue
        if as_json:
            click.echo(json.dumps({k: (v.isoformat() if hasattr(v, "isoformat") else v)
                                   for k, v in row.items()}))
        else:
            click.echo(f"{row['flow_id']}  {row['tracking_id']}  -> {row['target']}  "
                       f"{row['remote_flow_id'] or '-'}  {row['ack_status'] or row['detail']}")


@command.command("subscribe")
@click.argument("name", required=False)
@click.option("--renew", is_flag=True, help="Replace a subscription already there (the "
              "platform answers a new signing key)")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per platform")
@click.pass_context
def subscribe(ctx: click.Context, name: str | None, renew: bool, as_json: bool) -> None:
    """Register our receiving endpoint (POST /v1/hooks/<name>) at each platform with
    webhook = true (or the one named), and print the signingKey it answers: set the
    platform's webhook_key_env to it, as a secret, before `edi watch` receives.

    A command, not a step of `edi watch`: the platform tells the signing key once, when
    the webhook is created, and edi-flux reads secrets from the environment only, so
    subscribing at every start would pile up webhooks at the platform with keys the
    running process does not hold."""
    from edi import cli
    from edi.flowservice.client import Unreachable
    from edi.flowservice.settings import FlowServiceSettings
    from edi.routing.base import DeliveryError
    from edi.routing.flowservice import client_for

    settings = cli._settings(ctx)
    conf = settings.section(FlowServiceSettings)
    chosen = [p for p in conf.platform if p.webhook and (name is None or p.name == name)]
    if not chosen:
        named = f" and name {name!r}" if name else ""
        raise click.ClickException(f"no [[flow_service.platform]] with webhook = true{named}")
    failed = False
    for p in chosen:
        callback = p.callback_url or _callback(conf, p.name or "")
        said: dict[str, Any] = {"platform": p.name, "url": p.url, "callbackUrl": callback}
        try:
            if callback is None:
                raise DeliveryError("[flow_service] port is 0 (any free one): give "
                                    "callback_url, the address the platform calls", transient=False)
            client = client_for(p.url, settings)
            listed = client.webhooks()
            if listed.status != 200:
                raise DeliveryError(f"GET /v1/webhooks: HTTP {listed.status} "
                                    f"{listed.body[:200]!r}", transient=False)
            there = [w for w in (listed.json() or {}).get("webhooks") or []
                     if w.get("callbackUrl") == callback]
            if there and not renew:
                said["webhookId"] = there[0].get("webhookId")
                said["detail"] = "already subscribed; --renew replaces it (a new signing key)"
            else:
                for w in there:   # each old one gone (or already gone) before a new one
                    gone = client.unsubscribe(str(w.get("webhookId")))
                    if gone.status not in (200, 204, 404):
                        raise DeliveryError(
                            f"DELETE /v1/webhooks/{w.get('webhookId')}: HTTP {gone.status} "
                            f"{gone.body[:200]!r}; nothing replaced: the old webhook and its "
                            "key stay in use", transient=False)
                made = client.subscribe(callback)
                if made.status != 201:
                    raise DeliveryError(f"POST /v1/webhooks: HTTP {made.status} "
                                        f"{made.body[:200]!r}", transient=False)
                body = made.json() or {}
                said.update(webhookId=body.get("webhookId"), signingKey=body.get("signingKey"),
                            keyEnv=p.webhook_key_env)
        except (DeliveryError, Unreachable, ValueError) as exc:
            said["detail"] = f"not subscribed: {exc}"
            failed = True
        if as_json:
            click.echo(json.dumps(said))
        elif "signingKey" in said:
            click.echo(f"{p.name}: webhook {said['webhookId']} at {p.url} calls {callback}\n"
                       f"  signing key (set ${p.webhook_key_env} to it, as a secret): "
                       f"{said['signingKey']}")
        else:
            click.echo(f"{p.name}: {said.get('webhookId') or '-'}  {said['detail']}")
    if failed:
        ctx.exit(1)


def _callback(conf: Any, name: str) -> str | None:
    """Our receiving endpoint at our own [flow_service] address (None: port 0)."""
    if not conf.port:
        return None
    return f"{conf.scheme}://{conf.host}:{conf.port}/v1/hooks/{name}"
