"""Revision 0005 on a ledger written before it: delivered invoices recorded
MISE_A_DISPOSITION (203) become DEPOSEE (200), nothing invented in their lifecycle; and
back down again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, insert, select
from sqlalchemy.pool import NullPool

from edi.ledger import Ledger, migrations
from edi.ledger import schema as s
from edi.model import utcnow

FLOW = "F20250101T000000000000-000005"


def _invoice(seq: int, output: str | None) -> dict:
    return {"flow_id": FLOW, "seq": seq, "name": f"{seq}.xml", "number": f"FA-{seq}",
            "status": "MISE_A_DISPOSITION" if output else "DEPOSEE",
            "status_code": 203 if output else 200, "output_name": output}


def test_0005_turns_203_verdicts_into_200_and_back(ledger_url: str) -> None:
    Ledger(ledger_url).close()
    engine = create_engine(ledger_url, poolclass=NullPool)
    at = utcnow()
    try:
        with engine.begin() as c:
            command.downgrade(migrations.config(c), "0004")
        with engine.begin() as c:
            c.execute(insert(s.flows).values(
                flow_id=FLOW, file_name="lot.zip", sha256="c" * 64, size=10,
                interface="inbox", source="/in/lot.zip", status="IN_INTEGRE",
                received_at=at, updated_at=at, attempts=0, invoice_count=2,
                accepted_count=2))
            c.execute(insert(s.invoices), [_invoice(1, f"{FLOW}_FA-1.xml"),
                                           _invoice(2, None)])
    finally:
        engine.dispose()
    ledger = Ledger(ledger_url)          # upgrades to head
    try:
        invoices = ledger.invoices(FLOW)
        assert [(i["status"], i["status_code"]) for i in invoices] == [("DEPOSEE", 200)] * 2
        assert [i["lifecycle"] for i in invoices] == [[], []]
    finally:
        ledger.close()
    engine = create_engine(ledger_url, poolclass=NullPool)
    try:
        with engine.begin() as c:
            command.downgrade(migrations.config(c), "0004")
        with engine.connect() as c:
            rows = c.execute(select(s.invoices.c.seq, s.invoices.c.status,
                                    s.invoices.c.status_code)
                             .order_by(s.invoices.c.seq)).all()
        assert [tuple(r) for r in rows] == [(1, "MISE_A_DISPOSITION", 203), (2, "DEPOSEE", 200)]
    finally:
        engine.dispose()
