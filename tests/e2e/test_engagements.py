"""Through `edi process`: accepted invoices consume their engagement, once each; the one
that goes over what remains gets CPRO-ENG-MONTANT; a credit note gives back; `edi
orders` shows what was invoiced and what remains."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from edi import samples
from tests.conftest import BACKEND
from tests.e2e.conftest import Workspace
from tests.e2e.test_chorus import NANTES, import_directory
from tests.e2e.test_depositor import reports

SELLER = "41234567000019"


def invoice(number: str, **overrides: object) -> bytes:
    # one line of 4,110.00 + 20 % VAT: 4,932.00 with VAT (BT-112)
    return samples.ubl_invoice(number=number, buyer_siret=NANTES, buyer_reference="SVC00030",
                               purchase_order="EJ-6000", lines=1, unit_price="4110.00",
                               **overrides)


def orders(ws: Workspace) -> dict[str, dict]:
    return {r["number"]: r for r in json.loads(ws.edi("orders", "list", "--json").stdout)}


def test_invoices_consume_their_engagement_once_each(ws: Workspace) -> None:
    ws.configure(layers=("xml", "xsd", "chorus"))
    import_directory(ws)
    csv = ws.root / "engagements.csv"
    csv.write_text(f"{NANTES};EJ-6000;{SELLER};6000.00;ouvert\n", encoding="utf-8")
    ws.edi("orders", "import", str(csv))
    assert orders(ws)["EJ-6000"]["remaining"] == "6000.00"

    ws.drop("first.xml", invoice("ENG-1"))
    ws.edi("process")
    first = orders(ws)["EJ-6000"]
    assert (first["invoiced"], first["remaining"], first["invoices"]) == ("4932.00", "1068.00",
                                                                           1)
    assert reports(ws)["ENG-1"]["findings"] == []

    ws.drop("second.xml", invoice("ENG-2"))
    ws.edi("process")
    second = reports(ws)["ENG-2"]
    assert second["status"] == "DEPOSEE"    # Chorus Pro warns, does not refuse
    [over] = [f for f in second["findings"] if f["rule_id"] == "CPRO-ENG-MONTANT"]
    assert (over["severity"], over["layer"], over["location"]) == ("warning", "ledger",
                                                                   "BT-112")
    assert "exceeds the remaining 1068.00 of engagement 'EJ-6000'" in over["message"]
    assert orders(ws)["EJ-6000"]["invoiced"] == "9864.00"

    ws.drop("credit.xml", samples.ubl_credit_note(
        number="AV-ENG-2", preceding_invoice="ENG-2", buyer_siret=NANTES,
        buyer_reference="SVC00030", purchase_order="EJ-6000", lines=1, unit_price="4110.00"))
    ws.drop("again.xml", invoice("ENG-1"))     # the same invoice again: DOUBLON, takes nothing
    ws.edi("process")
    assert reports(ws)["AV-ENG-2"]["status"] == "DEPOSEE"
    after = orders(ws)["EJ-6000"]
    assert (after["invoiced"], after["remaining"], after["invoices"]) == ("4932.00", "1068.00",
                                                                           3)
    listed = ws.edi("orders").stdout
    assert "EJ-6000" in listed and "1068.00" in listed
    # Chorus Pro's export says 1,068.00 remain: imported again, that is the amount now,
    # and what was invoiced before is not taken from it a second time
    csv.write_text(f"{NANTES};EJ-6000;{SELLER};1068.00;ouvert\n", encoding="utf-8")
    ws.edi("orders", "import", str(csv))
    again = orders(ws)["EJ-6000"]
    assert (again["amount"], again["invoiced"], again["remaining"]) == ("1068.00", "0.00",
                                                                        "1068.00")


@pytest.mark.skipif(BACKEND != "postgresql", reason="two processors at once need the "
                    "PostgreSQL ledger (SQLite keeps its single-instance guard)")
def test_two_processors_at_once_take_the_engagement_right(ws: Workspace) -> None:
    """Two `edi process` on one PostgreSQL ledger and inbox, started together, with many
    invoices against one engagement: whoever takes which, the total is every accepted
    invoice once and the finding goes to those beyond the amount, never twice the rest."""
    ws.configure(layers=("xml", "xsd", "chorus"), batch=1)
    import_directory(ws)
    csv = ws.root / "engagements.csv"
    csv.write_text(f"{NANTES};EJ-6000;{SELLER};6000.00;ouvert\n", encoding="utf-8")
    ws.edi("orders", "import", str(csv))
    for i in range(6):     # 6 x 1,200.00 with VAT against 6,000.00
        ws.drop(f"f{i}.xml", samples.ubl_invoice(
            number=f"RACE-{i}", buyer_siret=NANTES, buyer_reference="SVC00030",
            purchase_order="EJ-6000", lines=1, unit_price="1000.00"))
    env = {**os.environ, **ws.env}
    env.pop("EDI_CONFIG", None)
    procs = [subprocess.Popen([sys.executable, "-m", "edi.cli", "process"], cwd=ws.root,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    found = reports(ws)
    assert sorted(found) == [f"RACE-{i}" for i in range(6)]
    assert all(r["status"] == "DEPOSEE" for r in found.values())
    over = [n for n, r in found.items()
            if any(f["rule_id"] == "CPRO-ENG-MONTANT" for f in r["findings"])]
    assert len(over) == 1     # the sixth, whichever it was
    row = orders(ws)["EJ-6000"]
    assert (row["invoiced"], row["remaining"], row["invoices"]) == ("7200.00", "-1200.00", 6)
