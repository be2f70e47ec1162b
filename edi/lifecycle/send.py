"""A status our user sets on one of its invoices (``edi lifecycle set``): checked against
the role and the rules, built as a CDAR message, judged by the XSD and the official
Schematron before anything is written, filed, written under ``reports/lifecycle/`` and
routed like the invoice (to its route's targets: the seller's platform) and back to the
depositor where a route says so."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from edi.config import ConfigError, Settings
from edi.durable import write_atomic
from edi.ledger import Ledger
from edi.ledger import lifecycle as sql
from edi.lifecycle import cdar, check, codes
from edi.lifecycle.cdar import Filed
from edi.lifecycle.ingest import FOLDER, key, own_status, ppf_name, seller_party
from edi.lifecycle.settings import LifecycleSettings
from edi.model import Document, Invoice, Syntax, utcnow
from edi.routing import table
from edi.routing.base import DeliveryError

log = logging.getLogger(__name__)


class Refused(ValueError):
    """The status cannot be set: the message says what was found and what is expected."""


class NotSent(Refused):
    """The first target refused the message for good (not a passing failure): the status
    is not filed, so that setting it again once fixed files it once."""


@dataclass(frozen=True, slots=True)
class Sent:
    code: int
    invoice: str
    path: Path
    targets: list[str]                 # reached now
    waiting: list[str] = field(default_factory=list)   # down: retried by every round
    error: str | None = None           # why the first of them did not take it


def allowed(role: str) -> list[int]:
    """The statuses edi-flux sets for its user in ``role``: the seller's own, and in the
    platform role the platform's too."""
    sides = codes.SELLER_SIDE | (codes.PLATFORM if role == "platform" else frozenset())
    return [s.code for s in codes.STATUSES.values() if s.set_by & sides]


def set_status(settings: Settings, ledger: Ledger, flow_id: str, code: int, *,
               invoice: str | None = None, amount: str | None = None,
               vat_rate: str | None = None, reason: str | None = None,
               at: datetime | None = None) -> Sent:
    role = settings.section(LifecycleSettings)
    if code not in allowed(role.role):
        raise Refused(f"status {code} ({codes.label(code) or 'not in CL-06'}) is not one "
                      f"edi-flux sets in the {role.role} role; expected one of "
                      f"{', '.join(map(str, allowed(role.role)))}")
    status = codes.STATUSES[code]
    flow = ledger.get(flow_id)
    if flow is None:
        raise Refused(f"no flow {flow_id}")
    rows = [r for r in ledger.invoices(flow_id) if r.get("status") == "DEPOSEE"]
    if invoice is not None:
        rows = [r for r in rows if r.get("number") == invoice or str(r.get("seq")) == invoice]
    if len(rows) != 1:
        found = ", ".join(str(r.get("number")) for r in ledger.invoices(flow_id)) or "none"
        raise Refused(f"flow {flow_id}: {len(rows)} accepted invoice(s) match "
                      f"{invoice or '(no --invoice)'}; its invoices: {found}; name one "
                      "with --invoice NUMBER")
    row = rows[0]
    data: tuple[cdar.Characteristic, ...] = ()
    if code == 212 and (amount is None or vat_rate is None):
        raise Refused("212 Encaissée needs --amount and --vat-rate (BR-FR-CDV-14: the "
                      "amount cashed MDT-215 and its VAT rate MDT-224)")
    if amount is not None:
        try:
            data = (cdar.Characteristic("MEN", cdar.amount(amount), row.get("currency") or
                                        "EUR", cdar.amount(vat_rate or "0")),)
        except ValueError as exc:
            raise Refused(str(exc)) from exc
    if status.needs_reason and not reason:
        raise Refused(f"{code} {status.label} needs --reason (BR-FR-CDV-15), one of "
                      f"{', '.join(sorted(codes.REASONS_FOR.get(code, codes.REASONS)))}")
    if reason and (reason not in codes.REASONS
                   or reason not in codes.REASONS_FOR.get(code, frozenset(codes.REASONS))):
        raise Refused(f"--reason {reason}: not a reason BR-FR-CDV-CL-09 allows for {code}")
    doc = _document(row)
    st = own_status(doc, code, at or utcnow(), reason, source="user", data=data)
    if role.role == "platform" and code in codes.STATUSES and \
            codes.STATUSES[code].set_by == codes.PLATFORM:
        sender = issuer = cdar.Party("WK", role.name, platform_id=role.platform_id)
        recipients = [seller_party(doc)]
    else:
        seller = cdar.Party("SE", doc.invoice.seller_name if doc.invoice else None,
                            siren=st.issuer_siren)
        sender = issuer = seller
        recipients = [cdar.Party("WK", "plateforme du vendeur")]
    created = utcnow()
    content = cdar.build(cdar.Message(st, sender=sender, issuer=issuer,
                                      recipients=recipients, seller_siren=st.issuer_siren,
                                      received_at=flow.received_at), created=created)
    problems = judge_own(content)
    if problems:
        raise Refused("the message built does not pass the rules: " + "; ".join(problems))
    name = f"{flow_id}_{row['seq']}_{code}_{created:%Y%m%dT%H%M%S}.cdar.xml"
    reports = settings.path(settings.paths.reports)
    path = reports / FOLDER / name
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, content)
    twin = b""
    if role.role == "platform" and code in codes.FOR_PPF:
        platform = cdar.Party("WK", role.name, platform_id=role.platform_id)
        twin = cdar.build(cdar.Message(st, sender=platform, issuer=issuer, recipients=[],
                                       seller_siren=st.issuer_siren,
                                       received_at=flow.received_at, for_ppf=True),
                          created=created)
        problems = judge_own(twin)
        if problems:
            raise Refused("the _POUR_PPF message built does not pass the rules: "
                          + "; ".join(problems))
    routes = table.table_for(settings)
    sends: list[tuple[str, str, bytes]] = []      # (target ref, file name, content)
    if twin:
        write_atomic(path.parent / ppf_name(name), twin)
        sends += [(ref, ppf_name(name), twin) for ref in role.ppf_targets]
    sends += [(ref, name, content) for ref in [*routes.refs_for(doc, flow),
                                                *routes.report_refs_for(flow)]]
    status_key = key("user", flow_id, row["seq"], code, created.isoformat())
    reached: list[str] = []
    waiting: list[tuple[str, str]] = []           # (ref, name): a target down, retried
    error: DeliveryError | None = None
    for ref, file_name, body in sends:   # each tried: one target down delays no other
        try:
            target = routes.target(ref)
            if not target.exists(file_name):
                target.deliver(file_name, body)
            reached.append(f"{target.name} ({file_name})" if file_name != name
                           else target.name)
        except DeliveryError as exc:
            if not exc.transient and not reached:
                # a target that will not take it as it is: nothing filed, nothing left
                path.unlink(missing_ok=True)
                (path.parent / ppf_name(name)).unlink(missing_ok=True)
                raise NotSent(f"status {code} not set on invoice {row.get('number')}: "
                              f"{exc}; already sent to: none; nothing filed. Set it again "
                              "once the target takes it") from exc
            error = error or exc
            waiting.append((ref, file_name))
    with ledger.engine.begin() as c:
        sql.file(c, [Filed(st, status_key, flow_id=flow_id, seq=row["seq"],
                           message_file=str(Path(FOLDER) / name))], created)
        # filed with what is still to send, in one transaction: no status without its
        # sends, no send of a status not filed
        for ref, file_name in waiting:
            sql.queue_sends(c, status_key, file_name, [ref], created)
    return Sent(code, str(row.get("number")), path, reached,
                [ref for ref, _ in waiting], str(error) if error else None)


def send_pending(settings: Settings, ledger: Ledger, *, now: datetime | None = None,
                 limit: int = 100) -> list[dict[str, Any]]:
    """Our lifecycle messages whose targets were down, tried again: each due row taken by
    one process, delivered (unless the target holds it already) and dropped, or put off
    with backoff (``[delivery]`` backoff_initial doubling up to backoff_max; never given
    up: ``edi lifecycle pending`` shows what waits and why). What happened, per row."""
    now = now or utcnow()
    delivery = settings.delivery
    reports = settings.path(settings.paths.reports) / FOLDER
    with ledger.connection() as c:   # a read: no write lock taken on an idle round
        due = sql.due_sends(c, now, limit)
    out: list[dict[str, Any]] = []
    if not due:
        return out
    routes = table.table_for(settings)
    for row in due:
        with ledger.engine.begin() as c:
            if not sql.take_send(c, row, now + timedelta(seconds=max(60.0, delivery.backoff_max))):
                continue   # another process has it
        said = {"target": row["target"], "name": row["name"], "sent": False, "detail": None}
        try:
            content = (reports / row["name"]).read_bytes()
            target = routes.target(row["target"])
            if not target.exists(row["name"]):
                target.deliver(row["name"], content)
        except (DeliveryError, ConfigError, OSError) as exc:
            attempts = row["attempts"] + 1
            wait = min(delivery.backoff_max, delivery.backoff_initial * 2 ** (attempts - 1))
            with ledger.engine.begin() as c:
                sql.send_failed(c, row["id"], attempts, now + timedelta(seconds=wait),
                                str(exc))
            said["detail"] = f"{exc}; attempt {attempts}, next in {wait:.0f} s"
            log.warning("lifecycle message %s to %s: %s", row["name"], row["target"],
                        said["detail"])
        else:
            with ledger.engine.begin() as c:
                sql.sent(c, row["id"])
            said["sent"] = True
            log.info("lifecycle message %s delivered to %s (attempt %d)", row["name"],
                     row["target"], row["attempts"] + 1)
        out.append(said)
    return out


def judge_own(content: bytes) -> list[str]:
    """Our own message through the XSD and the official Schematron."""
    from edi.config import Limits
    from edi.validators import xml_safety

    tree = xml_safety.parse(content, Limits())
    findings, _, _ = check.judge(tree)
    return [f"{f.rule_id}: {f.message}" for f in findings if f.fatal]


def _document(row: dict[str, Any]) -> Document:
    data = row.get("invoice") or row.get("data") or {}
    known = {k: v for k, v in data.items() if k in Invoice.__slots__}  # type: ignore[attr-defined]
    syntax = Syntax(row["format"]) if row.get("format") in ("UBL", "CII") else None
    return Document(seq=row["seq"], name=row.get("name") or "", content=b"",
                    syntax=syntax, invoice=Invoice(**known))

