"""The ``deliver`` step: each accepted invoice to its route's targets, and the waiting
policy of a target that fails (``[delivery]``)."""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from datetime import timedelta

from edi.durable import DurableBatch
from edi.flow.context import Concluding, Context, Sent
from edi.flow.examine import flow_format
from edi.flow.names import output_names
from edi.model import Flow, FlowStatus, Syntax, utcnow
from edi.routing import table
from edi.routing.base import DeliveryError
from edi.testing import crash_point, fail_point

log = logging.getLogger("edi.flow")


def deliver(ctx: Context, item: Concluding, batch: DurableBatch) -> None:
    """Deliver ``item``'s accepted invoices under their deterministic names; a file
    already at its target is ours from an interrupted run and is not sent again."""
    flow = item.flow
    flow.format = flow_format(item.documents)
    accepted = [d for d in item.accepted  # statuses are filed, orders become engagements
                if d.syntax not in (Syntax.CDAR, Syntax.ORDER)]
    item.outputs = output_names(flow, accepted)
    for doc in accepted:
        fail_point("deliver", flow.file_name)
        name = item.outputs[doc.seq]
        for target in table.targets_for(doc, flow, ctx.settings):
            if (doc.seq, target.name) not in item.done and not target.exists(name):
                target.deliver(name, doc.content, batch=batch)
                crash_point("delivered")
            item.sent.append((doc.seq, target.name, name))
        doc.delivered = True


def failed_delivery(ctx: Context, flow: Flow, exc: DeliveryError,
                    sent: Sequence[Sent] = ()) -> FlowStatus:
    """Record what did reach its target, then wait for the target (the flow is
    ``IN_EN_ATTENTE_TRAITEMENT_CPP`` with its next attempt) until ``[delivery] max_wait``
    has passed since the first failure; only then ``IN_INCIDENTE``."""
    for seq, target, name in sent:
        ctx.ledger.record_delivery(flow.flow_id, seq, target, name)
    d = ctx.settings.delivery
    attempts = flow.attempts + 1
    now = utcnow()
    since = ctx.ledger.waiting_since(flow.flow_id) or now
    waited = (now - since).total_seconds()
    age = (now - flow.received_at).total_seconds()
    capped = d.attempts > 0 and attempts >= d.attempts
    if exc.transient and not capped and waited < d.max_wait and age < d.max_age:
        delay = min(d.backoff_max, d.backoff_initial * 2 ** min(attempts - 1, 30))
        delay *= 1 + random.uniform(-d.jitter, d.jitter)
        delay = max(0.0, min(delay, d.max_wait - waited))
        ctx.ledger.schedule_retry(flow.flow_id, attempts, now + timedelta(seconds=delay),
                                  f"attempt {attempts} failed: {exc}; next attempt in "
                                  f"{delay:.0f} s (waiting since {since:%H:%M:%S}, "
                                  f"at most {d.max_wait:.0f} s)")
        log.warning("flow %s: delivery failed (%s), attempt %d in %.0f s", flow.flow_id,
                    exc, attempts + 1, delay)
        ctx.settled(flow, FlowStatus.IN_EN_ATTENTE_TRAITEMENT_CPP)
        return FlowStatus.IN_EN_ATTENTE_TRAITEMENT_CPP
    why = "not a failure that heals by waiting" if not exc.transient else (
        f"{attempts} attempt(s)" if capped else f"waited {waited:.0f} s")
    return ctx.incident(flow, f"delivery failed ({why}): {exc}", attempts=attempts)
