"""Commands that stages bring to the CLI: each module exposing ``command`` is added.

``current_settings`` gives a command the settings the CLI loaded (``--config``), or the
usual lookup when the command runs on its own (tests with click's CliRunner).
"""

from __future__ import annotations

import click

from edi.config import ConfigError, Settings, load


def current_settings() -> Settings:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if isinstance(ctx.obj, dict) and isinstance(ctx.obj.get("settings"), Settings):
            return ctx.obj["settings"]
        ctx = ctx.parent
    try:
        return load()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
