"""Orders become engagements; accepted invoices consume them, once each.

``record_orders``: an accepted order flow (``edi.parsers.order``: Order-X or UBL Order)
becomes its engagement in the directory store, where the deposit rules look it up; an
order change replaces its amount, a cancellation closes it. One store rewrite per group,
before its invoices are taken from their engagements (an invoice of the same group is
judged against the engagements as they were when it was examined).

``consume_engagements``:
Called by the ``duplicates`` step, in the parent, right after the business keys are
reserved: an invoice that is not rejected and names (BT-13) an open engagement of its
buyer, issued to its seller, takes its amount from it in the ledger
(``edi.ledger.engagements``, one transaction per group, the engagement's row serializing
concurrent workers); a credit note gives its amount back. The engagement's amount is the
directory store's (``edi orders import``). Which total is counted is ``[chorus]
engagement_amount`` (BT-112 with VAT by default, as public commitments are).

An invoice that takes more than what remains gets ``CPRO-ENG-MONTANT`` (the chorus
layer's rule, recorded by the ``ledger`` layer) at the severity its scenario gives it: a
warning, as Chorus Pro only warns; the invoice stays accepted and its amount is counted.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from edi.config import Limits
from edi.directory import store
from edi.directory.snapshot import Engagement
from edi.durable import STORAGE_ERRNOS, StorageUnavailable
from edi.ledger import engagements as ledger_engagements
from edi.model import Container, Document, Finding, RuleSet, Syntax
from edi.parsers import facturx
from edi.parsers.order import Order
from edi.parsers.order import parse as parse_order
from edi.validators import xml_safety

if TYPE_CHECKING:
    from edi.flow.context import Concluding, Context

CREDIT_NOTES = frozenset({"381", "261", "262", "396", "502", "503"})


def consume_engagements(ctx: Context, items: Sequence[Concluding]) -> None:
    """Record the group's accepted orders, then take its accepted invoices from their
    engagements; findings for those that went over."""
    from edi.validators.chorus_settings import ChorusSettings

    chorus = ctx.settings.section(ChorusSettings)
    path = ctx.settings.path(chorus.directory)
    record_orders(ctx, path, items)
    known = engagements_in(path)   # one stat: an order of this group is seen at once
    if not known:
        return
    uses: list[ledger_engagements.Use] = []
    docs: dict[tuple[str, int], Document] = {}
    for item in items:
        for doc in item.documents:
            use = use_of(item.flow.flow_id, doc, known, chorus.engagement_amount)
            if use is not None:
                uses.append(use)
                docs[(use.flow_id, use.seq)] = doc
    for result in ledger_engagements.consume(ctx.ledger.engine, uses):
        if result.over_cents:
            doc = docs[(result.use.flow_id, result.use.seq)]
            if not any(f.rule_id == "CPRO-ENG-MONTANT" for f in doc.findings):
                doc.findings.append(over_finding(doc, result, chorus.engagement_amount))


def record_orders(ctx: Context, path: Path, items: Sequence[Concluding]) -> None:
    """The group's accepted orders as engagements in the store at ``path``."""
    rows: list[tuple[object, ...]] = []
    for item in items:
        for doc in item.documents:
            if doc.syntax is not Syntax.ORDER or doc.fatal:
                continue
            order = _order_of(doc, ctx.settings.limits)
            rows.append((order.buyer, order.number, order.supplier, order.amount,
                         order.status, order.open, f"flow {item.flow.flow_id}"))
            verb = {"order": "recorded", "change": "updated", "cancellation": "closed"}
            doc.rule_sets.append(RuleSet.of_edi(
                "Engagement", "edi/directory/consumption.py",
                note=f"engagement {order.number} of buyer {order.buyer} for supplier "
                     f"{order.supplier} {verb[order.kind]} (amount {order.amount or '-'}, "
                     f"{order.status})"))
    if not rows:
        return

    def change(conn: sqlite3.Connection) -> None:
        for row in rows:
            if row[3] is None:   # a cancellation without a total keeps the amount known
                conn.execute("UPDATE engagements SET status = ?, open = ?, source = ? "
                             "WHERE buyer = ? AND number = ?",
                             (row[4], row[5], row[6], row[0], row[1]))
                if conn.execute("SELECT changes()").fetchone()[0]:
                    continue
            conn.execute("INSERT OR REPLACE INTO engagements VALUES (?, ?, ?, ?, ?, ?, ?)",
                         row)
        store.set_meta(conn, orders_imported_at=datetime.now(UTC).isoformat(
            timespec="seconds"))

    try:
        store.rewrite(path, change)
    except (OSError, sqlite3.OperationalError) as exc:
        # a full or read-only disk: the run waits for it (the flows stay in hand), as for
        # any folder of ours; anything else is the flows' fault
        code = getattr(exc, "errno", None) or (errno.ENOSPC if "full" in str(exc) else None)
        if code in STORAGE_ERRNOS:
            raise StorageUnavailable("directory", path, code, str(exc)) from exc
        raise


def _order_of(doc: Document, limits: Limits) -> Order:
    """The order ``doc`` carries, parsed again from its bytes (a worker judged it)."""
    xml = doc.content
    if doc.container is Container.PDF:
        _, xml = facturx.extract(doc.content, limits)
    return parse_order(xml_safety.parse(xml, limits).getroot())


Engagements = dict[str, dict[str, Engagement]]   # buyer SIRET -> number -> engagement

# This process's copy of the store's engagements, by the file's identity: the parent reads
# only this table, never the whole directory the workers hold.
_engagements: dict[Path, tuple[tuple[int, int, int], Engagements]] = {}


def engagements_in(path: Path) -> Engagements:
    """The engagements of the store at ``path`` (read again when the file was replaced)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return {}
    identity = (st.st_ino, st.st_mtime_ns, st.st_size)
    held = _engagements.get(path)
    if held is not None and held[0] == identity:
        return held[1]
    found: Engagements = {}
    conn = store.connect_ro(path)
    try:
        for buyer, number, supplier, amount, status, is_open, source in conn.execute(
                "SELECT buyer, number, supplier, amount, status, open, source "
                "FROM engagements"):
            found.setdefault(buyer, {})[number] = Engagement(
                buyer, number, supplier, Decimal(amount) if amount is not None else None,
                status, bool(is_open), source)
    finally:
        conn.close()
    _engagements[path] = (identity, found)
    return found


def engagement_of(doc: Document, known: Engagements) -> Engagement | None:
    """The open engagement ``doc`` names for its buyer and seller, if the store has it."""
    inv = doc.invoice
    if inv is None or doc.fatal:
        return None
    number = (inv.purchase_order or "").strip()
    buyer = (inv.buyer_siret or "").replace(" ", "") or (
        doc.scenario.structure if doc.scenario is not None else None)
    if not number or not buyer:
        return None
    e = known.get(buyer, {}).get(number)
    seller_siret = (inv.seller_siret or "").replace(" ", "") or None
    seller_siren = (inv.seller_siren or "").replace(" ", "") or None
    if e is None or not e.open or not e.for_supplier(seller_siret, seller_siren):
        return None
    return e


def use_of(flow_id: str, doc: Document, known: Engagements,
           basis: str) -> ledger_engagements.Use | None:
    e = engagement_of(doc, known)
    if e is None or doc.invoice is None:
        return None
    raw = doc.invoice.total_with_vat if basis == "with_vat" else doc.invoice.total_without_vat
    cents = to_cents(raw)
    if cents is None:
        return None
    if (doc.invoice.type_code or "380") in CREDIT_NOTES:
        cents = -abs(cents)
    limit = to_cents(str(e.amount)) if e.amount is not None else None
    return ledger_engagements.Use(flow_id, doc.seq, e.buyer, e.number, cents, limit)


def over_finding(doc: Document, result: ledger_engagements.Consumed, basis: str) -> Finding:
    from edi.validators.chorus import RULES

    rule = RULES["CPRO-ENG-MONTANT"]
    b2g = doc.scenario is not None and doc.scenario.b2g
    use = result.use
    remaining = (use.limit_cents or 0) - result.before_cents
    label = "BT-112 TTC / incl. VAT" if basis == "with_vat" else "BT-109 HT / excl. VAT"
    return Finding("CPRO-ENG-MONTANT", rule.severity_in(b2g), "ledger",
                   "BT-112" if basis == "with_vat" else "BT-109",
                   rule.message(amount=_euros(use.cents), basis=label,
                                remaining=_euros(remaining), number=use.number)
                   + f" ({_euros(result.before_cents)} already invoiced of "
                     f"{_euros(use.limit_cents or 0)})")


def to_cents(value: str | None) -> int | None:
    try:
        amount = Decimal(value) if value else None
    except InvalidOperation:
        return None
    if amount is None or not amount.is_finite():
        return None
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _euros(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"
