"""A batch through `edi process` against the shared sample directory: the Chorus Pro
deposit rules decide, and the compte rendu names the rule and the scenario."""

from __future__ import annotations

from edi import samples
from tests.conftest import require_shared
from tests.e2e.conftest import Workspace

NANTES = "22605818858938"   # GestionEngagement + GestionService; services SVC00030/31


def test_deposit_rules_in_a_batch(ws: Workspace) -> None:
    folder = require_shared("directory")
    ws.configure(layers=("xml", "xsd", "chorus"))
    imported = ws.edi("directory", "import", str(folder / "annuaire-structures.csv"),
                      "--services", str(folder / "annuaire-services.csv"))
    assert "1500 structures" in imported.stdout
    ws.drop("ok.xml", samples.ubl_invoice(number="OK-1", buyer_siret=NANTES,
                                          buyer_reference="SVC00030"))
    ws.drop("no-service.xml", samples.cii_invoice(number="NOSVC-1", buyer_siret=NANTES,
                                                  buyer_reference=None))
    ws.drop("unknown.xml", samples.ubl_invoice(number="UNK-1", buyer_siret="41234567000019"))
    ws.edi("process")
    by_number = {inv["number"]: inv for flow in ws.flows() for inv in flow["invoices"]}
    assert by_number["OK-1"]["findings"] == []
    assert [f["rule_id"] for f in by_number["NOSVC-1"]["findings"]] == ["CPRO-SVC-OBLIG"]
    assert [f["rule_id"] for f in by_number["UNK-1"]["findings"]] == ["CPRO-DEST-INCONNU"]
    assert by_number["UNK-1"]["status"] == "REJETEE"
    assert by_number["OK-1"]["status"] != "REJETEE"
