"""The `edi` command line.

Core commands live here; any module of ``edi.commands`` exposing ``command`` (a click
command or group) is added too, so a stage brings its own commands without editing this
file.
"""

from __future__ import annotations

import importlib
import itertools
import json
import logging
import os
import pkgutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from edi import config as config_mod
from edi.config import ConfigError, Settings
from edi.durable import StorageUnavailable
from edi.model import FlowStatus


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]


class _Commands(click.Group):
    """edi's commands: this module's, and edi/commands' (imported when a name is not one
    of this module's, or for a list of them). So `edi process` starts its workers before
    importing the other commands' modules (the routes, the directory) it may not need."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is None and _discover():
            found = super().get_command(ctx, cmd_name)
        return found

    def list_commands(self, ctx: click.Context) -> list[str]:
        _discover()
        return super().list_commands(ctx)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="TOML configuration (default: $EDI_CONFIG, else ./edi.toml, else defaults)")
@click.option("-v", "--verbose", count=True, help="More log output (-vv: debug)")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, verbose: int) -> None:
    """edi-flux: e-invoice flows from inbox to outbox, with Chorus Pro's statuses."""
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = config_mod.load(config_path)  # a ConfigError ends the run in main()
    ctx.ensure_object(dict)
    ctx.obj["settings"] = settings


def _layers_option(f: Any) -> Any:
    return click.option(
        "--layers", default=None,
        help="Comma-separated validation layers to run, e.g. xml,xsd "
             "(default: [validation] layers)")(f)


def _with_layers(settings: Settings, layers: str | None) -> Settings:
    if not layers:
        return settings
    from edi.validators.base import known_layers

    chosen = tuple(x.strip() for x in layers.split(",") if x.strip())
    known = known_layers(settings)
    unknown = [x for x in chosen if x not in known]
    if unknown:
        raise click.BadParameter(f"unknown layer(s) {unknown}; known: {known}",
                                 param_hint="--layers")
    return settings.with_layers(chosen)


def _with_workers(settings: Settings, workers: int | None) -> Settings:
    if workers is None:
        return settings
    import dataclasses

    return dataclasses.replace(settings, validation=dataclasses.replace(
        settings.validation, workers=workers))


def _open(settings: Settings, start_workers: int = 0,
          compile_ahead: bool = False) -> tuple[Any, Any, Any]:
    """The ledger, the examiner and the processor of a run. ``start_workers``: that many
    workers are started first, so that their start-up (an interpreter each, the parsers,
    the layers) runs on the other cores while this process imports the ledger and the
    flow's stages and opens the ledger, instead of after. ``compile_ahead``: a
    long-lived pool, whose idle workers compile the stylesheets before the first flow
    (workers._serve)."""
    from edi.workers import Examiner

    for p in (settings.paths.inbox, settings.paths.outbox, settings.paths.rejected,
              settings.paths.archive, settings.paths.reports, settings.paths.work):
        settings.path(p).mkdir(parents=True, exist_ok=True)
    examiner = Examiner(settings, compile_ahead=compile_ahead)
    if start_workers:
        examiner.start(start_workers)
    try:
        from edi.flow.conductor import Processor
        from edi.ledger import Ledger

        ledger = Ledger(settings.ledger_url)
        return ledger, examiner, Processor(settings, ledger, examiner)
    except BaseException:
        examiner.close()
        raise


def _all_workers(settings: Settings) -> int:
    from edi.workers import worker_count

    return worker_count(settings)


def _workers_wanted(settings: Settings) -> int:
    """The workers a batch run will keep busy, by the inbox's first entries: one per
    chunk of CHUNK flows, up to the pool's size (an empty inbox starts none, and a cron
    run that finds nothing stays cheap)."""
    from edi.workers import CHUNK, worker_count

    most = worker_count(settings)
    try:
        with os.scandir(settings.path(settings.paths.inbox)) as entries:
            seen = sum(1 for _ in itertools.islice(entries, most * CHUNK))
    except OSError:
        return 0
    return min(most, -(-seen // CHUNK))


@cli.command()
@_layers_option
@click.option("--workers", type=int, default=None, help="Validation worker processes")
@click.option("--serve", is_flag=True, help="Also serve the dashboard (see `edi serve`)")
@click.option("--host", default=None, help="Dashboard address (with --serve)")
@click.option("--port", type=int, default=None, help="Dashboard port (with --serve)")
@click.pass_context
def watch(ctx: click.Context, layers: str | None, workers: int | None, serve: bool,
          host: str | None, port: int | None) -> None:
    """Process the inbox until stopped (SIGINT/SIGTERM: the flows in hand get
    [intake] stop_grace seconds, the rest is taken up at the next start).

    On a SQLite ledger one instance per inbox and work area: a second one exits with
    code 3. On PostgreSQL any number share one ledger and inbox (leases per flow).
    """
    from edi.flow.run import Stop
    from edi.flow.run import watch as watch_loop
    from edi.intake.sources import open_sources

    settings = _with_workers(_with_layers(_settings(ctx), layers), workers)
    ledger, examiner, processor = _open(settings, start_workers=_all_workers(settings),
                                        compile_ahead=True)
    stop = Stop()
    stop.install()
    guard = _hold(ctx, "watch", settings, ledger, examiner, stop)
    processor.should_stop = lambda: stop.requested
    stop_server = None
    if serve:
        from edi.web import counters
        from edi.web.app import serve_in_thread

        def count(flow: Any, status: FlowStatus) -> None:
            if status in (FlowStatus.IN_EN_ATTENTE_RETRAITEMENT_CPP,
                          FlowStatus.IN_EN_ATTENTE_TRAITEMENT_CPP):
                counters.delivery_retry()
            else:
                counters.flow_processed(str(status), flow.format)

        from edi.web.settings import BindError

        processor.on_flow = count
        processor.observe = counters.observe
        try:
            stop_server = serve_in_thread(settings, host, port)
        except (BindError, OSError) as exc:
            examiner.close()
            _release(guard)
            ledger.close()
            raise click.ClickException(f"cannot serve the dashboard: {exc}") from exc
    inbox = settings.path(settings.paths.inbox)
    click.echo(f"edi watch: inbox {inbox}, outbox {settings.path(settings.paths.outbox)}, "
               f"ledger {settings.ledger_url_shown} ({settings.source}); Ctrl-C to stop", err=True)
    _say_antivirus(settings)
    try:
        examiner.warm_up()
        watch_loop(processor, settings, open_sources(settings, ledger), stop)
    except StorageUnavailable as exc:  # only raised once a stop ends the wait for space
        _stopped_while_unwritable(exc)
    finally:
        if stop_server:
            stop_server()
        examiner.close()
        _release(guard)
        ledger.close()
    click.echo("edi watch: stopped cleanly", err=True)


def _hold(ctx: click.Context, command: str, settings: Settings, ledger: Any, examiner: Any,
          stop: Any) -> Any:
    """This instance's claim on its inbox and work area, or exit 3 naming the holder.

    Also bounds the stop: once requested, the workers get [intake] stop_grace seconds.
    """
    from edi.ledger.guard import InstanceBusy, InstanceGuard, leases_replace_guard, scopes

    if leases_replace_guard(ledger):  # PostgreSQL: several instances share the ledger
        examiner.stop_on(stop.event, settings.intake.stop_grace)
        return None
    guard = InstanceGuard(ledger, scopes(settings.path(settings.paths.inbox),
                                         settings.path(settings.paths.work)),
                          command, settings.intake.instance_stale_after, on_lost=stop.request)
    try:
        guard.acquire()
    except InstanceBusy as exc:
        examiner.close()
        ledger.close()
        click.echo(f"edi {command}: {exc}", err=True)
        ctx.exit(3)
    examiner.stop_on(stop.event, settings.intake.stop_grace)
    return guard


def _say_antivirus(settings: Settings) -> None:
    """Once, at start: whether deposits are scanned (issue: off must be said, not silent)."""
    if "antivirus" in settings.validation.layers:
        from edi.validators.antivirus import start_line

        click.echo(f"edi: {start_line(settings)}", err=True)


def _stopped_while_unwritable(exc: StorageUnavailable) -> None:
    logging.getLogger("edi").warning(
        "stopped while %s could not be written (%s); the flows in hand are taken up at the "
        "next start", exc.folder, exc)


def _release(guard: Any) -> None:
    from sqlalchemy.exc import SQLAlchemyError

    if guard is None:
        return
    try:
        guard.release()
    except SQLAlchemyError as exc:  # said, not swallowed: the claim lapses on its own
        logging.getLogger("edi").error(
            "could not release the instance guard (%s); it lapses %g s after its last "
            "heartbeat", exc, guard.stale_after)


@cli.command()
@_layers_option
@click.option("--workers", type=int, default=None, help="Validation worker processes")
@click.option("--json", "as_json", is_flag=True, help="Print each flow's verdict as JSON")
@click.pass_context
def process(ctx: click.Context, layers: str | None, workers: int | None,
            as_json: bool) -> None:
    """Take what is in the inbox, then exit (for cron and batch runs).

    Files still being written are waited for until stable, at most [intake] process_wait
    seconds (and at least three quiet periods); one still changing then is left for the
    next run. On a SQLite ledger one instance per inbox and work area: a second one exits
    with code 3; on PostgreSQL several share one (leases per flow).
    """
    from edi.flow.run import Stop, run_pass, run_round, start_up
    from edi.intake.inbox import InboxSource

    settings = _with_workers(_with_layers(_settings(ctx), layers), workers)
    ledger, examiner, processor = _open(settings, start_workers=_workers_wanted(settings))
    stop = Stop()
    stop.install()
    guard = _hold(ctx, "process", settings, ledger, examiner, stop)
    _say_antivirus(settings)
    processor.should_stop = lambda: stop.requested
    t0 = time.perf_counter()
    results: dict[str, FlowStatus] = {}
    intake = settings.intake
    bound = max(intake.process_wait, 3 * intake.quiet_period)
    try:
        results.update(start_up(processor, stop))
        inbox = InboxSource(settings)   # batch runs take the inbox; `edi watch` every source
        tracker = inbox.tracker
        give_up = time.monotonic() + bound

        def take(progress: Any = None) -> None:
            """A round, then passes until nothing waits to become stable, or the bound."""
            results.update(run_round(processor, [inbox], stop, progress))
            while not stop.requested:
                left = give_up - time.monotonic()
                if not tracker.pending() or left <= 0:
                    return
                stop.event.wait(min(left, max(0.05, tracker.next_check() or 0.0)))
                if stop.requested:
                    return
                results.update(run_pass(processor, [inbox], stop, progress))

        total = inbox.count()
        if sys.stderr.isatty() and total:
            with click.progressbar(length=total, label="flows", file=sys.stderr) as bar:
                take(bar.update)
        else:
            take()
        still = tracker.waiting()
        if not stop.requested:
            for path in still:
                logging.getLogger("edi").warning(
                    "%s still changing after %g s: not yet stable, left for the next run",
                    path, bound)
        waiting = len(still)
    except StorageUnavailable as exc:  # only raised once a stop ends the wait for space
        _stopped_while_unwritable(exc)
        waiting = 0
    finally:
        examiner.close()
        _release(guard)
    elapsed = time.perf_counter() - t0
    counts: dict[str, int] = {}
    for status in results.values():
        counts[str(status)] = counts.get(str(status), 0) + 1
    if as_json:
        click.echo(json.dumps([_flow_json(ledger, fid) for fid in sorted(results)],
                              indent=2, default=str))
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no flow"
    rate = len(results) / elapsed if elapsed > 0 else 0.0
    click.echo(f"edi process: {len(results)} flow(s) in {elapsed:.2f} s ({rate:.0f}/s): "
               f"{summary}" + (f"; {waiting} file(s) not yet stable, left for the next run"
                               if waiting else ""), err=True)
    ledger.close()


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@_layers_option
@click.option("--workers", type=int, default=None, help="Validation worker processes")
@click.option("--json", "as_json", is_flag=True, help="Print verdicts and findings as JSON")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[str, ...], layers: str | None,
             workers: int | None, as_json: bool) -> None:
    """Validate files (or folders of files) without routing or recording them.

    Exit code 0 when every invoice passes, 1 otherwise.
    """
    from edi.workers import Examiner, Job

    settings = _with_workers(_with_layers(_settings(ctx), layers), workers)
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(x for x in p.rglob("*") if x.is_file()
                                and not x.name.startswith(".")))
        else:
            files.append(p)
    jobs = [Job(str(f), f.name, f, verdict_only=True) for f in files]
    t0 = time.perf_counter()
    verdicts: dict[str, list[Any]] = {}
    with Examiner(settings) as examiner:
        for outcomes in examiner.run(jobs, chunk=64):
            for outcome in outcomes:
                verdicts[outcome.key] = outcome.documents or []
    elapsed = time.perf_counter() - t0
    ok = True
    out: list[dict[str, Any]] = []
    count = 0
    for f in files:
        docs = verdicts.get(str(f), [])
        count += len(docs)
        valid = bool(docs) and not any(d.fatal for d in docs)
        entry = {"file": str(f), "valid": valid, "invoices": [_doc_json(d) for d in docs]}
        ok = ok and valid
        out.append(entry)
        if not as_json:
            mark = "OK " if entry["valid"] else "KO "
            click.echo(f"{mark} {f}")
            for d in docs:
                for fnd in d.findings:
                    click.echo(f"     [{fnd.severity}] {fnd.rule_id} ({fnd.layer}) "
                               f"{fnd.location}: {fnd.message}")
    if as_json:
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    rate = count / elapsed if elapsed > 0 else 0.0
    click.echo(f"edi validate: {len(files)} file(s), {count} invoice(s) in {elapsed:.2f} s "
               f"({rate:.0f} invoices/s)", err=True)
    ctx.exit(0 if ok else 1)


def _doc_json(d: Any) -> dict[str, Any]:
    return {
        "seq": d.seq, "name": d.name, "format": d.format,
        "profile": str(d.profile) if d.profile else None,
        "number": d.invoice.number if d.invoice else None,
        "status": str(d.status), "status_code": d.status.code,
        "reason": str(d.reason) if d.reason else None,
        "scenario": d.scenario.to_dict() if d.scenario is not None else None,
        "rule_sets": [r.to_dict() for r in d.rule_sets],
        "layers": [{"layer": r.layer, "ran": r.ran, "seconds": round(r.seconds, 6),
                    "findings": r.findings, "note": r.note} for r in d.layers],
        "findings": [f.to_dict() for f in d.findings],
    }


def _flow_json(ledger: Any, flow_id: str) -> dict[str, Any]:
    row = ledger.row(flow_id) or {"flow_id": flow_id}
    out = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}
    out["invoices"] = [
        {**{k: v for k, v in inv.items() if k not in ("data",)}, "invoice": inv["data"]}
        for inv in ledger.invoices(flow_id)]
    return out


def _parse_day(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        d = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from exc
    return d if d.tzinfo else d.replace(tzinfo=UTC)


@cli.command()
@click.option("--status", multiple=True, help="Flow status (repeatable), e.g. IN_REJETE")
@click.option("--since", help="Received on or after (ISO date or time, UTC)")
@click.option("--until", help="Received before (ISO date or time, UTC)")
@click.option("--format", "fmt", help="UBL, CII, FACTURX or ARCHIVE")
@click.option("--supplier", help="Supplier SIRET/SIREN/VAT (prefix)")
@click.option("--buyer", help="Buyer SIRET/SIREN/VAT (prefix)")
@click.option("--search", help="Flow id, invoice number or SIRET")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def flows(ctx: click.Context, status: tuple[str, ...], since: str | None, until: str | None,
          fmt: str | None, supplier: str | None, buyer: str | None, search: str | None,
          limit: int, as_json: bool) -> None:
    """The "Suivi des flux" table: the latest flows first."""
    from edi.ledger import FlowQuery, Ledger

    bad = [s for s in status if s not in FlowStatus.__members__]
    if bad:
        raise click.BadParameter(f"unknown status {bad}; known: {list(FlowStatus.__members__)}",
                                 param_hint="--status")
    settings = _settings(ctx)
    ledger = Ledger(settings.ledger_url)
    q = FlowQuery(status=status, since=_parse_day(since), until=_parse_day(until),
                  format=fmt, supplier=supplier, buyer=buyer, search=search, limit=limit)
    rows = ledger.flows(q)
    if as_json:
        click.echo(json.dumps([_flow_json(ledger, r["flow_id"]) for r in rows], indent=2,
                              ensure_ascii=False, default=str))
    else:
        from edi.reports.text import flows_table

        click.echo(flows_table(rows))
    ledger.close()


@cli.command("flow")
@click.argument("flow_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def flow_cmd(ctx: click.Context, flow_id: str, as_json: bool) -> None:
    """One flow: its invoices, findings and status history."""
    from edi.ledger import Ledger

    ledger = Ledger(_settings(ctx).ledger_url)
    row = ledger.row(flow_id)
    if row is None:
        raise click.ClickException(f"no flow {flow_id}")
    if as_json:
        data = _flow_json(ledger, flow_id)
        data["history"] = [{**h, "at": h["at"].isoformat()} for h in ledger.history(flow_id)]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    else:
        from edi.reports.text import flow_detail

        click.echo(flow_detail(row, ledger.invoices(flow_id), ledger.history(flow_id)))
    ledger.close()


def _run_again(ctx: click.Context, flow_id: str, verb: str) -> None:
    settings = _settings(ctx)
    ledger, examiner, processor = _open(settings)
    try:
        flow = processor.requeue(flow_id)
    except KeyError as exc:
        raise click.ClickException(f"no flow {flow_id}") from exc
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        status = processor.process([flow]).get(flow_id)
        said = str(status) if status is not None and status.terminal else \
            _where_now(ledger, flow_id)   # not concluded by this run: where it is now
    finally:
        examiner.close()
        ledger.close()
    click.echo(f"{verb} {flow_id}: {said}")


def _where_now(ledger: Any, flow_id: str) -> str:
    """A flow this run did not conclude: waiting for a later attempt (its target still
    down), or taken by another process (our lease lost meanwhile)."""
    row = ledger.row(flow_id) or {}
    owner, until = ledger.lease_of(flow_id)
    said = f"{row.get('status')}"
    if row.get("next_attempt_at") is not None:
        said += f", next attempt at {row['next_attempt_at']:%Y-%m-%d %H:%M:%S} UTC"
    if owner and owner != ledger.owner:
        said += f", now in the hands of {owner}"
    if row.get("detail"):
        said += f" ({row['detail']})"
    return said


@cli.command()
@click.argument("flow_id")
@click.pass_context
def reprocess(ctx: click.Context, flow_id: str) -> None:
    """Run a rejected or incident flow again from its archived original."""
    _run_again(ctx, flow_id, "reprocessed")


@cli.command()
@click.argument("flow_id")
@click.pass_context
def resend(ctx: click.Context, flow_id: str) -> None:
    """Deliver an incident flow again (invoices already delivered are not sent twice)."""
    _run_again(ctx, flow_id, "resent")


@cli.group("config")
def config_group() -> None:
    """The effective configuration."""


@config_group.command("show")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def config_show(ctx: click.Context, as_json: bool) -> None:
    """Print the effective configuration (file values over embedded defaults)."""
    settings = _settings(ctx)
    data = settings.as_dict()
    if as_json:
        click.echo(json.dumps({"source": settings.source, **data}, indent=2))
        return
    click.echo(f"# source: {settings.source}")
    click.echo(_to_toml(data))


def _to_toml(data: dict[str, Any]) -> str:
    lines: list[str] = []
    for name, table in data.items():
        scalars = {k: v for k, v in table.items() if not _is_table_list(v)}
        lines.append(f"[{name}]")
        lines.extend(f"{k} = {_toml_value(v)}" for k, v in scalars.items())
        lines.append("")
        for k, v in table.items():
            if _is_table_list(v):
                for item in v:
                    lines.append(f"[[{name}.{k}]]")
                    lines.extend(f"{ik} = {_toml_value(iv)}" for ik, iv in item.items())
                    lines.append("")
    return "\n".join(lines)


def _is_table_list(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if v is None:
        return '""'
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + " }"
    return json.dumps(str(v), ensure_ascii=False)


_discovered = False


def _discover() -> bool:
    """Add edi/commands' commands to the group, once; True if this call added them."""
    global _discovered
    if _discovered:
        return False
    _discovered = True
    import edi.commands

    for info in pkgutil.iter_modules(edi.commands.__path__):
        module = importlib.import_module(f"edi.commands.{info.name}")
        command = getattr(module, "command", None)
        if isinstance(command, click.Command):
            cli.add_command(command)
    return True


def main() -> None:
    try:
        cli(prog_name="edi")
    except ConfigError as exc:  # one line naming the setting, exit 2, nothing touched
        click.echo(f"edi: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
