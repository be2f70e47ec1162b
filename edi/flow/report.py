"""The ``render``, ``set aside`` and ``return report`` steps: the compte rendu of a flow
in every registered rendering (``edi.reports.renderers``), the rejected invoices set
aside with it, and the renderings a route sends back to the depositor."""

from __future__ import annotations

from datetime import datetime

from edi.durable import DurableBatch, fsync_dir
from edi.flow.context import Concluding, Context
from edi.flow.names import aside_names
from edi.lifecycle.report import carried
from edi.reports import compte_rendu, renderers
from edi.routing import table
from edi.testing import crash_point, fail_point


def render(item: Concluding, history: list[dict], finished: datetime) -> None:
    """Build the flow's report from what happened, then render it every way."""
    v = item.verdict
    assert v is not None
    item.report = compte_rendu.build(
        v.flow, v.documents, v.status, reason=v.reason, finished_at=finished,
        history=[*history, {"status": str(v.status), "at": finished, "detail": "verdict"}],
        outputs=v.outputs, lifecycle=carried(v.lifecycle))
    fail_point("render", v.flow.file_name)
    item.rendered = renderers.render_all(item.report)


def set_aside(ctx: Context, item: Concluding, batch: DurableBatch) -> None:
    """Copies of rejected invoices, with their compte rendu, for the depositor."""
    rejected = item.rejected
    if not rejected:
        return
    flow = item.flow
    fail_point("set-aside", flow.file_name)
    folder = ctx.rejected / flow.flow_id
    names = aside_names(flow.flow_id, rejected)
    for doc in rejected:
        if not doc.content and len(rejected) == 1 and doc.name == flow.file_name:
            # refused unread (over the size cap): the copy comes from the archive
            batch.copy(ctx.archived_original(flow), folder / names[doc.seq])
        else:
            batch.write(folder / names[doc.seq], doc.content)
    aside = renderers.by_name(renderers.ASIDE)
    batch.write(folder / aside.file_name(flow.flow_id), item.rendered[aside.name])
    crash_point("rejected")


def return_report(ctx: Context, item: Concluding) -> None:
    """The compte rendu back to the depositor (its SFTP folder), when a route says so."""
    flow = item.flow
    targets = table.report_targets_for(flow, ctx.settings)
    if not targets:
        return
    for name in table.table_for(ctx.settings).routes.depositor_renderings:
        rendering = renderers.by_name(name)
        file_name = rendering.file_name(flow.flow_id)
        for target in targets:
            if (0, target.name) not in item.done and not target.exists(file_name):
                target.deliver(file_name, item.rendered[rendering.name])
            if (0, target.name, file_name) not in item.sent:
                item.sent.append((0, target.name, file_name))


def write(ctx: Context, item: Concluding, batch: DurableBatch) -> None:
    """Every rendering under reports/, in the group's batch."""
    for r in renderers.RENDERERS:
        batch.write(ctx.reports / r.file_name(item.flow.flow_id), item.rendered[r.name])


def withdraw(ctx: Context, flow_id: str) -> None:
    """The comptes rendus of a flow whose verdict could not be recorded: no report may
    say a status the ledger does not."""
    aside = renderers.by_name(renderers.ASIDE)
    paths = [*renderers.report_paths(ctx.reports, flow_id),
             ctx.rejected / flow_id / aside.file_name(flow_id)]
    for folder in {p.parent for p in paths if p.exists()}:
        for p in paths:
            if p.parent == folder:
                p.unlink(missing_ok=True)
        fsync_dir(folder)
