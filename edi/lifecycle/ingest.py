"""The lifecycle statuses of a concluded flow, filed with its verdict (one transaction).

Received: each status of each accepted CDAR message of the flow (judged in the worker by
``check.py``), keyed by what identifies it (message id MDT-4, invoice, status, sequence,
time) so that the same message received again files nothing. In the ``platform`` role,
ours too: 200 Déposée for an accepted invoice and 201 Émise once delivered, 213 Rejetée or
501 Irrecevable with the verdict's reason (BR-FR-CDV-15), each written as a CDAR message
under ``reports/lifecycle/`` and sent back to the depositor where a route says so. In the
``seller`` role edi-flux sets no status of its own here: its verdict is the compte rendu.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from edi.config import Settings
from edi.durable import DurableBatch
from edi.flow.context import Concluding, Context
from edi.ledger.lifecycle import match
from edi.lifecycle import cdar, codes
from edi.lifecycle.cdar import Filed, LifecycleStatus
from edi.lifecycle.settings import LifecycleSettings
from edi.model import Document, Finding, Flow, FlowError, InvoiceStatus, Syntax, utcnow
from edi.routing import table
from edi.validators import xml_safety

if TYPE_CHECKING:
    from edi.ledger import Ledger

FOLDER = "lifecycle"   # under the reports folder


def lifecycle_step(ctx: Context, item: Concluding, batch: DurableBatch) -> None:
    """Fill the verdict's ``lifecycle`` with what the flow brings or, in our role, sets."""
    v = item.verdict
    assert v is not None
    filed = received(item.flow, item.documents, ctx)
    settings = ctx.settings.section(LifecycleSettings)
    if settings.role == "platform":
        filed += platform_statuses(ctx, item, batch, settings)
    v.lifecycle = filed


def key(*parts: object) -> str:
    return hashlib.sha256("|".join("" if p is None else str(p) for p in parts)
                          .encode("utf-8")).hexdigest()


def received(flow: Flow, documents: list[Document], ctx: Context) -> list[Filed]:
    """Each status of the flow's accepted CDAR messages, on the invoice it names when the
    ledger holds it already (the compte rendu says which, or that it is unmatched; an
    invoice recorded with this group matches it when the group is recorded)."""
    carrying = [d for d in documents if d.syntax is Syntax.CDAR and not d.fatal]
    if not carrying:
        return []
    out: list[Filed] = []
    with ctx.ledger.engine.connect() as c:
        for doc in carrying:
            root = xml_safety.parse(doc.content, ctx.settings.limits).getroot()
            for st in cdar.statuses(root):
                found = match(c, st.invoice_number, st.issuer_siren, st.issue_date,
                              st.type_code)
                out.append(Filed(st, key("cdar", st.message_id, st.invoice_number,
                                         st.issuer_siren, st.code, st.sequence,
                                         st.at.isoformat()),
                                 flow_id=found[0] if found else None,
                                 seq=found[1] if found else None,
                                 carried_by=flow.flow_id, carried_seq=doc.seq))
    return out


def seller_siren(doc: Document) -> str | None:
    inv = doc.invoice
    if inv is None:
        return None
    for value in (inv.seller_siren, inv.seller_siret):
        if value and value[:9].isdigit():
            return value[:9]
    return None


def platform_statuses(ctx: Context, item: Concluding, batch: DurableBatch,
                      settings: LifecycleSettings) -> list[Filed]:
    """Our statuses as the issuing platform, one CDAR message each."""
    flow = item.flow
    now = utcnow()
    out: list[Filed] = []
    for doc in item.documents:
        if doc.syntax is Syntax.CDAR:
            continue
        wanted: list[tuple[int, datetime, str | None]] = []
        if doc.fatal:
            code = 501 if doc.status is InvoiceStatus.IRRECEVABLE else 213
            why = str(doc.reason) if doc.reason else "REJ_SEMAN"
            if why not in codes.REASONS_FOR[code]:
                why = "REJ_SEMAN" if code == 213 else "IRR_SYNTAX"
            wanted.append((code, now, why))
        else:
            wanted.append((200, flow.received_at, None))
            if doc.delivered:
                wanted.append((201, now, None))
        for code, at, reason in wanted:
            st = own_status(doc, code, at, reason, source="platform")
            name = f"{flow.flow_id}_{doc.seq}_{code}.cdar.xml"
            message = cdar.Message(
                st, sender=cdar.Party("WK", settings.name, platform_id=settings.platform_id),
                issuer=cdar.Party("WK", settings.name, platform_id=settings.platform_id),
                recipients=[seller_party(doc)], seller_siren=st.issuer_siren,
                received_at=flow.received_at)
            content = cdar.build(message, created=now)
            batch.write(ctx.reports / FOLDER / name, content)
            for target in table.report_targets_for(flow, ctx.settings):
                if not target.exists(name):
                    target.deliver(name, content)
            if code in codes.FOR_PPF:
                message.for_ppf = True
                send_to_ppf(ctx.settings, settings, name, cdar.build(message, created=now),
                            lambda path, data: batch.write(path, data))
            out.append(Filed(st, key("platform", flow.flow_id, doc.seq, code),
                             flow_id=flow.flow_id, seq=doc.seq,
                             message_file=str(Path(FOLDER) / name)))
    return out


def ppf_name(name: str) -> str:
    return name.replace(".cdar.xml", "_POUR_PPF.cdar.xml")


def send_to_ppf(settings: Settings, lifecycle: LifecycleSettings, name: str, content: bytes,
                write: Callable[[Path, bytes], None]) -> None:
    """The _POUR_PPF twin of a mandatory status: written beside the message, and sent to
    ``[lifecycle] ppf_targets``."""
    twin = ppf_name(name)
    write(settings.path(settings.paths.reports) / FOLDER / twin, content)
    routes = table.table_for(settings)
    for ref in lifecycle.ppf_targets:
        target = routes.target(ref)
        if not target.exists(twin):
            target.deliver(twin, content)


def own_status(doc: Document, code: int, at: datetime, reason: str | None = None, *,
               source: str, data: tuple[cdar.Characteristic, ...] = (),
               action: str | None = None) -> LifecycleStatus:
    """A status we set on one of our invoices."""
    inv = doc.invoice
    return LifecycleStatus(
        code=code, at=at.astimezone(UTC).replace(microsecond=0),   # as CDAR states it
        invoice_number=(inv.number if inv and inv.number else doc.name),
        issuer_siren=seller_siren(doc), issue_date=inv.issue_date if inv else None,
        type_code=inv.type_code if inv and inv.type_code in VALID_TYPES else None,
        reason_code=reason, reason=codes.REASON_LABELS.get(reason or "", reason),
        action_code=action, action=codes.ACTIONS.get(action) if action else None,
        data=data, source=source)


def seller_party(doc: Document) -> cdar.Party:
    """The seller as recipient: its SIREN, and as electronic address (MDT-73, required
    for a recipient that is not a platform) its SIREN too, as annex B's examples build
    theirs, since the invoice as we keep it carries no BT-34."""
    inv = doc.invoice
    siren = seller_siren(doc)
    return cdar.Party("SE", inv.seller_name if inv else None, siren=siren,
                      address=siren or "INCONNU")


# BR-FR-04: the invoice type codes a CDAR may name (MDT-91).
VALID_TYPES = frozenset({"380", "389", "393", "501", "386", "500", "384", "471", "472", "473",
                         "261", "262", "381", "396", "502", "503"})


def remote_source(base_url: str) -> str:
    """The ``source`` of a status a remote platform published: its address (host:port),
    as short as the column allows (20)."""
    from urllib.parse import urlsplit

    return (urlsplit(base_url).netloc or base_url)[:20]


def remote_ref(remote_flow_id: str) -> str:
    """What ``carried_by`` keeps of a remote lifecycle flow: its id, or within 40
    characters a digest of it."""
    return remote_flow_id if len(remote_flow_id) <= 40 else \
        "sha256:" + hashlib.sha256(remote_flow_id.encode("utf-8")).hexdigest()[:33]


def taken_remote(ledger: Ledger, source: str) -> set[str]:
    """The remote lifecycle flows (``carried_by``) already filed from ``source``."""
    from sqlalchemy import select

    from edi.ledger import schema as s

    e = s.lifecycle_events.c
    with ledger.reader.connect() as c:
        return set(c.execute(select(e.carried_by).distinct().where(
            e.source == source, e.carried_by.is_not(None))).scalars())


def file_remote(ledger: Ledger, settings: Settings, content: bytes, *, source: str,
                remote_flow_id: str) -> tuple[int, list[Finding]]:
    """A CDAR message a remote platform published, judged as a received one is (XSD, then
    the official Schematron and our reading) and, when accepted, each of its statuses filed
    on the invoice it names (number and seller SIREN) with ``source``: (how many are new,
    the findings; none filed when a finding is fatal)."""
    import dataclasses

    from edi.ledger.lifecycle import file
    from edi.lifecycle import check

    try:
        tree = xml_safety.parse(content, settings.limits)
    except FlowError as exc:
        return 0, [exc.finding(check.LAYER)]
    findings, reason, _ = check.judge(tree)
    if reason is not None:
        return 0, findings
    ref = remote_ref(remote_flow_id)
    filed = [Filed(dataclasses.replace(st, source=source),
                   key("cdar", st.message_id, st.invoice_number, st.issuer_siren, st.code,
                       st.sequence, st.at.isoformat()), carried_by=ref)
             for st in cdar.statuses(tree.getroot())]
    with ledger.engine.begin() as c:
        return file(c, filed, utcnow()), findings
