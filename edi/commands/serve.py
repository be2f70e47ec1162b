"""``edi serve``: the Suivi des flux dashboard, JSON API and metrics over HTTP."""

from __future__ import annotations

import click

from edi.commands import current_settings


@click.command("serve")
@click.option("--host", default=None, help="Address to bind (default [serve] host, "
              "127.0.0.1). Beyond loopback a token or users must be configured.")
@click.option("--port", type=int, default=None, help="Port (default [serve] port, 8080).")
@click.option("--hash-password", is_flag=True,
              help="Prompt for a password and print the hash for a [serve] users entry.")
def command(host: str | None, port: int | None, hash_password: bool) -> None:
    """Serve the dashboard (read-only), /api, /openapi.json, /health and /metrics."""
    from edi.web.settings import BindError, Serve, check_bind
    from edi.web.settings import hash_password as make_hash

    if hash_password:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        click.echo(make_hash(password))
        return
    settings = current_settings()
    serve = settings.section(Serve)
    host = host or serve.host
    port = serve.port if port is None else port
    try:
        check_bind(serve, host)
    except BindError as exc:
        raise click.ClickException(str(exc)) from exc

    import uvicorn

    from edi.web.app import create_app

    app = create_app(settings)
    click.echo(f"edi serve: http://{host}:{port}/ (ledger {settings.ledger_url_shown})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                lifespan="off")
