"""`edi lifecycle set`: our user's own status, as a CDAR message that passes the rules."""

from __future__ import annotations

import json

from edi.samples import ubl_invoice
from tests.lifecycle.conftest import Workspace
from tests.lifecycle.test_cdar import judged


def accepted_flow(ws: Workspace) -> str:
    ws.configure()
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    return ws.flows()[0]["flow_id"]


def test_212_with_its_amount_is_written_routed_and_shown(ws: Workspace) -> None:
    flow_id = accepted_flow(ws)
    out = ws.edi("lifecycle", "set", flow_id, "212", "--amount", "120.00",
                 "--vat-rate", "20").stdout
    assert "212 set on invoice FA-2025-000123" in out and "outbox" in out
    messages = list((ws.root / "reports" / "lifecycle").glob("*.cdar.xml"))
    assert len(messages) == 1
    assert messages[0].name in {p.name for p in ws.files("outbox")}   # routed like it
    assert judged(messages[0].read_bytes()) == []   # the official rules, again
    text = messages[0].read_text("utf-8")
    assert "<ram:ValueAmount currencyID=\"EUR\">120.00</ram:ValueAmount>" in text
    assert "<ram:ValuePercent>20.00</ram:ValuePercent>" in text
    invoice = json.loads(ws.edi("flow", flow_id, "--json").stdout)["invoices"][0]
    assert [(s["code"], s["source"]) for s in invoice["lifecycle"]] == [(212, "user")]


def test_212_without_its_amount_is_refused(ws: Workspace) -> None:
    flow_id = accepted_flow(ws)
    proc = ws.edi("lifecycle", "set", flow_id, "212", check=False)
    assert proc.returncode != 0
    assert "BR-FR-CDV-14" in proc.stderr


def test_a_platform_status_is_refused_in_the_seller_role(ws: Workspace) -> None:
    flow_id = accepted_flow(ws)
    proc = ws.edi("lifecycle", "set", flow_id, "203", check=False)
    assert proc.returncode != 0
    assert "not one edi-flux sets in the seller role" in proc.stderr


def test_the_platform_role_sends_the_pour_ppf_twin_of_a_212(ws: Workspace) -> None:
    ws.configure(extra='[lifecycle]\nrole = "platform"\nppf_targets = ["ppf/"]\n')
    (ws.root / "ppf").mkdir()
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    flow_id = ws.flows()[0]["flow_id"]
    ws.edi("lifecycle", "set", flow_id, "212", "--amount", "4932.00", "--vat-rate", "20")
    sent = sorted(p.name for p in (ws.root / "ppf").iterdir())
    assert len(sent) == 2 and all(n.endswith("_POUR_PPF.cdar.xml") for n in sent)  # 200, 212
    for name in sent:
        content = (ws.root / "ppf" / name).read_bytes()
        assert judged(content) == []
        assert b"urn.cpro.gouv.fr:1p0:CDV:einvoicingF2" in content


def test_a_target_down_refuses_the_status_clearly_and_files_nothing(ws: Workspace) -> None:
    """`edi lifecycle set` has no flow to wait with: a target that does not take the
    message is a clear error, the status is not filed (set it again later, filed once)
    and no message is left that no target holds."""
    ws.configure(extra='[lifecycle]\nrole = "platform"\nppf_targets = ["ppf/"]\n')
    (ws.root / "ppf").mkdir()
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    flow_id = ws.flows()[0]["flow_id"]
    (ws.root / "ppf").rename(ws.root / "ppf-away")
    (ws.root / "ppf").write_bytes(b"not a folder")   # the PPF's share is not there
    before = sorted(p.name for p in ws.files("reports/lifecycle"))
    proc = ws.edi("lifecycle", "set", flow_id, "212", "--amount", "10.00", "--vat-rate",
                  "20", check=False)
    assert proc.returncode != 0
    assert "status 212 not set" in proc.stderr and "nothing filed" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in ws.files("reports/lifecycle")) == before
    invoice = json.loads(ws.edi("flow", flow_id, "--json").stdout)["invoices"][0]
    assert 212 not in [s["code"] for s in invoice["lifecycle"]]
    (ws.root / "ppf").unlink()
    (ws.root / "ppf-away").rename(ws.root / "ppf")
    ws.edi("lifecycle", "set", flow_id, "212", "--amount", "10.00", "--vat-rate", "20")
    invoice = json.loads(ws.edi("flow", flow_id, "--json").stdout)["invoices"][0]
    assert [s["code"] for s in invoice["lifecycle"]].count(212) == 1
