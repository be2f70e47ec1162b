"""The depositing structures and the engagements as rows, for `edi structures list`,
`edi orders` and the dashboard's pages and JSON (one computation for all three)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from edi.directory.snapshot import load


def structure_rows(path: Path, connections: dict[str, list[str]] | None = None
                   ) -> list[dict[str, Any]]:
    """Registered structures in SIRET order, with their number of declared accounts and,
    given ``connections`` (connection name -> SIRETs or SIRENs bound), those bound."""
    if not path.exists():
        return []
    d = load(path)
    rows = []
    for s in sorted(d.depositors.values(), key=lambda x: x.siret):
        bound = [name for name, listed in (connections or {}).items()
                 if s.siret in listed or s.siren in listed]
        rows.append({"siret": s.siret, "siren": s.siren, "name": s.name,
                     "address": s.address, "kind": s.kind, "source": s.source,
                     "registered_at": s.registered_at,
                     "accounts": len(d.declared_accounts(s.siret, s.siren)),
                     "connections": bound})
    return rows


def order_rows(path: Path, reader: Engine, buyer: str | None = None) -> list[dict[str, Any]]:
    """Engagements of the store (one buyer's, if given) with what accepted invoices took
    from them (the ledger's ``engagement_totals``) and what remains."""
    from edi.ledger import engagements

    found = load(path).engagements if path.exists() else {}
    taken = engagements.invoiced(reader)
    rows: list[dict[str, Any]] = []
    for b in sorted(found):
        if buyer and b != buyer.replace(" ", ""):
            continue
        for number, e in sorted(found[b].items()):
            cents, count = taken.get((b, number), (0, 0))
            invoiced = Decimal(cents) / 100
            remaining = e.amount - invoiced if e.amount is not None else None
            rows.append({"buyer": b, "number": number, "supplier": e.supplier,
                         "amount": _money(e.amount), "invoiced": f"{invoiced:.2f}",
                         "remaining": _money(remaining), "invoices": count,
                         "status": e.status, "open": e.open, "source": e.source})
    return rows


def _money(value: Decimal | None) -> str | None:
    return f"{value:.2f}" if value is not None else None
