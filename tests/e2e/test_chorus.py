"""Batches through `edi process` against the shared sample directory: the scenario decides
whether Chorus Pro's deposit rules judge an invoice (a public buyer) or not (a private
one), and the compte rendu names the rule and the scenario."""

from __future__ import annotations

import json

from edi import samples
from tests.conftest import require_shared
from tests.e2e.conftest import Workspace
from tests.validators.test_chorus import with_routing_code

NANTES = "22605818858938"   # GestionEngagement + GestionService; services SVC00030/31
PRIVATE = "55210055400013"  # a valid SIRET that is no structure of the directory


def import_directory(ws: Workspace) -> None:
    folder = require_shared("directory")
    imported = ws.edi("directory", "import", str(folder / "annuaire-structures.csv"),
                      "--services", str(folder / "annuaire-services.csv"))
    assert "1500 structures" in imported.stdout


def by_number(ws: Workspace) -> dict[str, dict]:
    return {inv["number"]: inv for flow in ws.flows() for inv in flow["invoices"]}


def reports_by_number(ws: Workspace) -> dict[str, dict]:
    out = {}
    for path in ws.files("reports"):
        if path.name.endswith(".cr.json"):
            report = json.loads(path.read_text(encoding="utf-8"))
            for invoice in report["invoices"]:
                out[invoice["number"]] = {**invoice, "flow_status": report["status"],
                                          "flow_scenario": report["scenario"]}
    return out


def test_deposit_rules_in_a_batch(ws: Workspace) -> None:
    ws.configure(layers=("xml", "xsd", "chorus"))
    import_directory(ws)
    ws.drop("ok.xml", samples.ubl_invoice(number="OK-1", buyer_siret=NANTES,
                                          buyer_reference="SVC00030"))
    ws.drop("no-service.xml", samples.cii_invoice(number="NOSVC-1", buyer_siret=NANTES,
                                                  buyer_reference=None))
    ws.drop("private.xml", samples.ubl_invoice(number="PRIV-1", buyer_siret=PRIVATE))
    ws.edi("process")
    found = by_number(ws)
    assert found["OK-1"]["findings"] == []
    assert [f["rule_id"] for f in found["NOSVC-1"]["findings"]] == ["CPRO-SVC-OBLIG"]
    assert found["NOSVC-1"]["status"] == "REJETEE"
    assert found["OK-1"]["status"] != "REJETEE"
    # A buyer absent from the directory is a private company: not Chorus Pro's business.
    assert found["PRIV-1"]["findings"] == [] and found["PRIV-1"]["status"] != "REJETEE"


def test_a_chorus_pro_only_inbox_refuses_an_unknown_buyer(ws: Workspace) -> None:
    ws.configure(layers=("xml", "xsd", "chorus"),
                 extra='\n[chorus]\nby_interface = ["inbox=always"]\n')
    import_directory(ws)
    ws.drop("unknown.xml", samples.ubl_invoice(number="UNK-1", buyer_siret=PRIVATE))
    ws.edi("process")
    unknown = by_number(ws)["UNK-1"]
    assert [f["rule_id"] for f in unknown["findings"]] == ["CPRO-DEST-INCONNU"]
    assert unknown["status"] == "REJETEE"
    report = reports_by_number(ws)["UNK-1"]
    assert report["scenario"]["name"] == "B2G Chorus Pro"
    assert "declared Chorus Pro-only" in report["scenario"]["why"]


def test_b2b_and_b2g_with_no_configuration_file(ws: Workspace) -> None:
    """The defaults, every layer: a French B2B invoice to a private buyer passes (its
    25-character number too); public buyers are still judged by the deposit rules; a
    service code carried in BT-46 scheme 0224 is read as the Chorus Pro service."""
    (ws.root / "edi.toml").unlink()
    import_directory(ws)
    b2b_number = "FA-2026-B2B-0000000000001"
    assert len(b2b_number) == 25
    ws.drop("b2b.xml", samples.ubl_invoice(number=b2b_number, buyer_siret=PRIVATE,
                                           buyer_name="Fonderie Privee SA",
                                           buyer_reference=None, purchase_order=None))
    ws.drop("no-engagement.xml", samples.ubl_invoice(
        number="PUB-NOENG", buyer_siret=NANTES, buyer_reference="SVC00030",
        purchase_order=None))
    ws.drop("svc-0224.xml", with_routing_code(
        "cii", "SVC00031", number="PUB-0224", buyer_siret=NANTES, buyer_reference=None))
    ws.drop("svc-0224-ubl.xml", with_routing_code(
        "ubl", "SVC00030", number="PUB-0224-UBL", buyer_siret=None,
        buyer_siren=NANTES[:9], buyer_reference=None))
    ws.drop("svc-0224-unknown.xml", with_routing_code(
        "cii", "SVC99999", number="PUB-0224-BAD", buyer_siret=NANTES,
        buyer_reference=None))
    ws.edi("process")

    reports = reports_by_number(ws)
    b2b = reports[b2b_number]
    assert (b2b["status"], b2b["flow_status"]) == ("DEPOSEE", "IN_INTEGRE")
    assert [f for f in b2b["findings"] if f["severity"] == "fatal"] == []
    assert b2b["scenario"] == {
        "name": "B2B domestic",
        "why": f"buyer {PRIVATE} is not in the Chorus Pro directory: a private company "
               "reached through its platform (PA)"}
    assert b2b["flow_scenario"] == "B2B domestic"
    assert {layer["name"]: layer["ran"] for layer in b2b["layers"]}["chorus"] is False

    public = reports["PUB-NOENG"]
    assert public["scenario"]["name"] == "B2G Chorus Pro"
    assert NANTES in public["scenario"]["why"]
    assert [f["rule_id"] for f in public["findings"] if f["severity"] == "fatal"] == \
        ["CPRO-ENG-OBLIG"]

    for number in ("PUB-0224", "PUB-0224-UBL"):
        routed = reports[number]
        assert routed["scenario"]["name"] == "B2G Chorus Pro", number
        assert [f for f in routed["findings"] if f["severity"] == "fatal"] == [], number
        assert routed["flow_status"] == "IN_INTEGRE", number
    bad = reports["PUB-0224-BAD"]
    assert [(f["rule_id"], f["location"]) for f in bad["findings"]
            if f["severity"] == "fatal"] == [("CPRO-SVC-INCONNU", "BT-46")]
