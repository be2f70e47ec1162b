"""CDAR messages dropped into the inbox: detected, judged, filed on their invoice."""

from __future__ import annotations

import json

from edi.samples import ubl_invoice
from tests.lifecycle.conftest import Workspace
from tests.lifecycle.helpers import status_message
from tests.lifecycle.test_cdar import judged


def flow_of(ws: Workspace, name: str) -> dict:
    return next(f for f in ws.flows() if f["file_name"] == name)


def flow_json(ws: Workspace, flow_id: str) -> dict:
    return json.loads(ws.edi("flow", flow_id, "--json").stdout)


def test_an_accepted_invoice_then_its_212_shows_both_statuses(ws: Workspace) -> None:
    ws.configure(extra='[lifecycle]\nrole = "platform"\n')
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    ws.drop("encaissee.xml", status_message(212, amount="1380.00", percent="20.00"))
    ws.edi("process")
    cdar_flow = flow_of(ws, "encaissee.xml")
    assert cdar_flow["status"] == "IN_INTEGRE", cdar_flow
    assert cdar_flow["format"] == "CDAR"
    invoice = flow_json(ws, flow_of(ws, "facture.xml")["flow_id"])["invoices"][0]
    codes = [s["code"] for s in invoice["lifecycle"]]
    assert codes == [200, 201, 212]
    assert invoice["lifecycle_status"] == 212
    last = invoice["lifecycle"][-1]
    assert (last["label"], last["source"]) == ("Encaissée", "cdar")
    assert set(last) >= {"code", "label", "at", "reason_code", "reason", "source"}
    assert last["data"] == [{"type_code": "MEN", "amount": "1380.00", "currency": "EUR",
                             "percent": "20.00"}]
    assert not any(p.name.startswith(flow_of(ws, "encaissee.xml")["flow_id"])
                   for p in ws.files("outbox"))   # a status is filed, not delivered


def cdar_flows(ws: Workspace) -> dict[str, dict]:
    return {f["file_name"]: f for f in ws.flows()}


def rule_ids(flow: dict) -> set[str]:
    return {f["rule_id"] for inv in flow["invoices"] for f in inv["findings"]}


def test_a_cdar_failing_the_xsd_is_unreadable(ws: Workspace) -> None:
    ws.configure()
    broken = status_message(205).replace(b"<ram:TypeCode>23</ram:TypeCode>",
                                         b"<ram:Bogus>23</ram:Bogus>", 1)
    ws.drop("casse.xml", broken)
    ws.edi("process")
    flow = cdar_flows(ws)["casse.xml"]
    assert (flow["status"], flow["reason"]) == ("IN_REJETE", "IRR_SYNTAX")
    assert rule_ids(flow) == {"EDI-CDAR-XSD"}


def test_a_cdar_failing_the_schematron_is_rejected_with_its_rule(ws: Workspace) -> None:
    ws.configure()
    ws.drop("sans-montant.xml", status_message(212))   # 212 without MEN: BR-FR-CDV-14
    ws.drop("sans-motif.xml", status_message(210))     # 210 without a reason: BR-FR-CDV-15
    ws.edi("process")
    flows = cdar_flows(ws)
    for name, rule in (("sans-montant.xml", "BR-FR-CDV-14_MDT-207"),
                       ("sans-motif.xml", "BR-FR-CDV-15_MDT-113")):
        assert (flows[name]["status"], flows[name]["reason"]) == ("IN_REJETE", "REJ_SEMAN")
        assert rule in rule_ids(flows[name]), rule_ids(flows[name])
    assert ws.db().execute("SELECT count(*) FROM lifecycle_events").fetchone()[0] == 0


def test_a_status_not_allowed_for_its_actor_is_rejected(ws: Workspace) -> None:
    ws.configure()
    ws.drop("acheteur-encaisse.xml", status_message(212, issuer_role="BY", amount="10.00",
                                                    percent="20.00"))
    ws.edi("process")
    flow = cdar_flows(ws)["acheteur-encaisse.xml"]
    assert (flow["status"], flow["reason"]) == ("IN_REJETE", "REJ_SEMAN")
    assert rule_ids(flow) == {"EDI-CDAR-ACTOR"}
    finding = flow["invoices"][0]["findings"][0]
    assert "212 Encaissée" in finding["message"] and "BY" in finding["message"]


def test_a_status_for_an_unknown_invoice_waits_then_is_matched(ws: Workspace) -> None:
    ws.configure()
    ws.drop("approuvee.xml", status_message(205, issuer_role="BY"))
    ws.edi("process")
    assert cdar_flows(ws)["approuvee.xml"]["status"] == "IN_INTEGRE"
    waiting = ws.db().execute("SELECT code, flow_id FROM lifecycle_events").fetchall()
    assert [tuple(r) for r in waiting] == [(205, None)]       # kept, unmatched
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    invoice = flow_json(ws, cdar_flows(ws)["facture.xml"]["flow_id"])["invoices"][0]
    assert [s["code"] for s in invoice["lifecycle"]] == [205]  # seller role: nothing of ours


def test_another_sellers_invoice_of_the_same_number_is_not_matched(ws: Workspace) -> None:
    ws.configure()
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    ws.drop("autre.xml", status_message(205, issuer_role="BY", siren="552100554"))
    ws.edi("process")
    invoice = flow_json(ws, cdar_flows(ws)["facture.xml"]["flow_id"])["invoices"][0]
    assert invoice["lifecycle"] == [] and invoice["lifecycle_status"] is None


def test_the_same_message_twice_changes_nothing(ws: Workspace) -> None:
    ws.configure()
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    message = status_message(205, issuer_role="BY", message_id="MSG-205-1")
    ws.drop("une.xml", message)
    ws.edi("process")
    ws.drop("deux.xml", message)                                # byte for byte
    ws.drop("trois.xml", message.replace(b"  ", b" "))          # same message, other bytes
    ws.edi("process")
    flows = cdar_flows(ws)
    assert (flows["deux.xml"]["status"], flows["deux.xml"]["reason"]) == ("IN_REJETE",
                                                                        "DOUBLON")
    assert flows["trois.xml"]["status"] == "IN_INTEGRE"
    invoice = flow_json(ws, flows["facture.xml"]["flow_id"])["invoices"][0]
    assert [s["code"] for s in invoice["lifecycle"]] == [205]


def test_statuses_arriving_out_of_order_are_ordered_by_their_time(ws: Workspace) -> None:
    from datetime import UTC, datetime

    ws.configure()
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    ws.drop("paiement.xml", status_message(211, issuer_role="BY",
                                           at=datetime(2025, 5, 2, 10, 0, tzinfo=UTC)))
    ws.edi("process")
    ws.drop("approuvee.xml", status_message(205, issuer_role="BY",
                                            at=datetime(2025, 4, 2, 10, 0, tzinfo=UTC)))
    ws.edi("process")
    invoice = flow_json(ws, cdar_flows(ws)["facture.xml"]["flow_id"])["invoices"][0]
    assert [s["code"] for s in invoice["lifecycle"]] == [205, 211]
    assert invoice["lifecycle_status"] == 211
    now = json.loads(ws.edi("invoices", "--json", "--status", "211").stdout)
    assert [i["number"] for i in now] == ["FA-2025-000123"]
    assert json.loads(ws.edi("invoices", "--json", "--status", "205").stdout) == []


def test_the_platform_role_rejects_with_the_reasons_the_rules_require(ws: Workspace) -> None:
    ws.configure(extra='[lifecycle]\nrole = "platform"\n')
    ws.drop("facture.xml", ubl_invoice())
    ws.drop("vide.xml", b"   ")
    ws.edi("process")
    ws.drop("encore.xml", ubl_invoice(due_date="2025-04-20"))
    ws.edi("process")
    flows = cdar_flows(ws)
    vide = flow_json(ws, flows["vide.xml"]["flow_id"])["invoices"][0]
    assert [(s["code"], s["reason_code"]) for s in vide["lifecycle"]] == [(501, "IRR_VIDE_F")]
    encore = flow_json(ws, flows["encore.xml"]["flow_id"])["invoices"][0]
    assert [(s["code"], s["reason_code"]) for s in encore["lifecycle"]] == [(213, "DOUBLON")]
    messages = sorted((ws.root / "reports" / "lifecycle").glob("*.cdar.xml"))
    assert len(messages) == 6            # 200 and 201, 501, 213; 200 and 213 for the PPF
    assert sum(m.name.endswith("_POUR_PPF.cdar.xml") for m in messages) == 2
    for message in messages:             # each passes the XSD and the official Schematron
        assert judged(message.read_bytes()) == [], message.name


def test_edi_flow_shows_the_timeline_as_text(ws: Workspace) -> None:
    ws.configure(extra='[lifecycle]\nrole = "platform"\n')
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    text = ws.edi("flow", ws.flows()[0]["flow_id"]).stdout
    assert "200 Déposée  (platform)" in text and "201 Émise par la plateforme" in text
