"""Through `edi process`: the inbox deposits only for the structures bound to it; an
invoice in another supplier's name is rejected with Chorus Pro's reason, and the compte
rendu says which connection sent it."""

from __future__ import annotations

import json

from edi import samples
from tests.e2e.conftest import Workspace
from tests.e2e.test_chorus import NANTES, import_directory

OURS = "41234567000019"      # the samples' seller, registered by hand
STRANGER = "55210055400013"  # a valid SIRET neither registered nor bound
PRIVATE_BUYER = "73282932000074"
LAYERS = ("xml", "xsd", "depositor", "chorus")


def bind(ws: Workspace, extra: str = "") -> None:
    ws.configure(layers=LAYERS, extra=f"""
[[depositors.connection]]
name = "inbox"
structures = ["{OURS}"]
{extra}""")
    import_directory(ws)
    added = ws.edi("structures", "add", OURS, "--name", "ACME Services",
                   "--address", "1 rue de la Paix, 75002 Paris", "--yes")
    assert "registered" in added.stdout


def reports(ws: Workspace) -> dict[str, dict]:
    out = {}
    for path in ws.files("reports"):
        if path.name.endswith(".cr.json"):
            report = json.loads(path.read_text(encoding="utf-8"))
            for inv in report["invoices"]:
                out[inv["number"]] = {**inv, "interface": report["interface"],
                                      "flow_status": report["status"]}
    return out


def b2g(number: str, **overrides: object) -> bytes:
    return samples.ubl_invoice(number=number, buyer_siret=NANTES,
                               buyer_reference="SVC00030", **overrides)


def test_the_inbox_deposits_for_its_structures_only(ws: Workspace) -> None:
    bind(ws)
    ws.drop("ours.xml", b2g("OURS-1"))
    ws.drop("theirs.xml", b2g("THEIRS-1", seller_siret=STRANGER))
    ws.drop("theirs-b2b.xml", samples.ubl_invoice(number="THEIRS-B2B", seller_siret=STRANGER,
                                                  buyer_siret=PRIVATE_BUYER))
    ws.edi("process")
    found = reports(ws)

    ours = found["OURS-1"]
    assert (ours["status"], ours["flow_status"]) == ("DEPOSEE", "IN_INTEGRE")
    assert [f for f in ours["findings"] if f["layer"] == "depositor"] == []

    theirs = found["THEIRS-1"]
    assert (theirs["status"], theirs["reason"], theirs["flow_status"]) == (
        "REJETEE", "REJ_SEMAN", "IN_REJETE")
    assert theirs["interface"] == "inbox"
    dep = [f for f in theirs["findings"] if f["layer"] == "depositor"]
    assert [(f["rule_id"], f["severity"], f["location"]) for f in dep] == [
        ("DEP-FOUR-NON-AUTORISE", "fatal", "BT-29"), ("DEP-FOUR-NON-REFERENCE", "fatal", "BT-29")]
    assert f"connection inbox may not deposit for supplier {STRANGER}" in dep[0]["message"]
    assert f"L'identifiant fournisseur {STRANGER} (BT-29) n'est pas référencé" in \
        dep[1]["message"]

    # outside B2G, no official rule performs this check: a warning, the invoice goes on
    b2b = found["THEIRS-B2B"]
    assert b2b["status"] == "DEPOSEE"
    assert {f["severity"] for f in b2b["findings"] if f["layer"] == "depositor"} == {"warning"}


def test_outside_b2g_fatal_when_configured_and_self_billing_allowed(ws: Workspace) -> None:
    bind(ws, extra='self_billed = true\n[depositors]\noutside_b2g = "fatal"\n')
    ws.drop("theirs-b2b.xml", samples.ubl_invoice(number="THEIRS-B2B", seller_siret=STRANGER,
                                                  buyer_siret=PRIVATE_BUYER))
    # self-billed: we, the buyer, issued it in the name of our supplier
    ws.drop("self-billed.xml", samples.ubl_invoice(number="AUTO-1", type_code="389",
                                                   seller_siret=STRANGER, buyer_siret=OURS))
    ws.edi("process")
    found = reports(ws)
    assert found["THEIRS-B2B"]["status"] == "REJETEE"
    assert found["AUTO-1"]["status"] == "DEPOSEE", found["AUTO-1"]["findings"]


def test_a_connection_not_bound_is_refused_when_unbound_refuse(ws: Workspace) -> None:
    ws.configure(layers=LAYERS, extra=f"""
[depositors]
unbound = "refuse"
[[depositors.connection]]
name = "sftp:acme"
structures = ["{OURS}"]
""")
    import_directory(ws)
    ws.drop("ours.xml", b2g("OURS-1"))
    ws.edi("process")
    found = reports(ws)["OURS-1"]
    assert found["status"] == "REJETEE"
    assert [f["rule_id"] for f in found["findings"] if f["layer"] == "depositor"] == [
        "DEP-RACCORDEMENT-INCONNU"]
