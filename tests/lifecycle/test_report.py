"""A lifecycle flow's compte rendu says what it is: the statuses each CDAR message
carried and the invoice each was filed on, or "unmatched"; no invoice verdict."""

from __future__ import annotations

import json

from lxml import etree

from edi.lifecycle.report import UNMATCHED
from edi.reports import compte_rendu as cr
from edi.samples import ubl_invoice
from tests.lifecycle.conftest import Workspace
from tests.lifecycle.helpers import status_message
from tests.lifecycle.test_ingest import flow_of
from tests.reports import jsonschema_subset


def reports_of(ws: Workspace, flow_id: str) -> tuple[dict, etree._Element]:
    folder = ws.root / "reports"
    report = json.loads((folder / f"{flow_id}{cr.JSON_SUFFIX}").read_bytes())
    assert jsonschema_subset.errors(report, cr.json_schema()) == []
    xml = etree.parse(str(folder / f"{flow_id}{cr.XML_SUFFIX}"))
    assert cr.xml_schema().validate(xml), cr.xml_schema().error_log
    return report, xml.getroot()


def test_a_cdar_entry_lists_its_statuses_and_where_each_was_filed(ws: Workspace) -> None:
    ws.configure()
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    invoice = flow_of(ws, "facture.xml")
    ws.drop("approuvee.xml", status_message(205, issuer_role="BY"))
    ws.drop("inconnue.xml", status_message(205, issuer_role="BY", number="NO-SUCH-INVOICE"))
    ws.edi("process")

    report, xml = reports_of(ws, flow_of(ws, "approuvee.xml")["flow_id"])
    assert report["status"] == "IN_INTEGRE", report
    (entry,) = report["invoices"]
    # listed, not counted as an invoice: the same counts as the ledger's
    assert (report["invoice_count"], report["accepted_count"]) == (0, 0)
    assert "status" not in entry and "status_code" not in entry   # no invoice verdict
    (status,) = entry["lifecycle"]
    assert (status["code"], status["label"]) == (205, "Approuvée")
    assert status["filed_on"] == f"{invoice['flow_id']}/1"
    assert (status["flow_id"], status["seq"]) == (invoice["flow_id"], 1)
    ns = {"cr": cr.NAMESPACE}
    element = xml.find("cr:invoices/cr:invoice", ns)
    assert element.get("status") is None
    (carried,) = element.findall("cr:lifecycle/cr:lifecycle_status", ns)
    assert (carried.get("code"), carried.get("filed_on")) == ("205", status["filed_on"])

    report, _ = reports_of(ws, flow_of(ws, "inconnue.xml")["flow_id"])
    (status,) = report["invoices"][0]["lifecycle"]
    assert (status["invoice_number"], status["filed_on"]) == ("NO-SUCH-INVOICE", UNMATCHED)
    assert status["flow_id"] is None and status["seq"] is None


def test_a_refused_cdar_carries_no_status_and_no_invoice_verdict(ws: Workspace) -> None:
    ws.configure()
    ws.drop("sans-montant.xml", status_message(212))   # BR-FR-CDV-14
    ws.edi("process")
    report, _ = reports_of(ws, flow_of(ws, "sans-montant.xml")["flow_id"])
    assert report["status"] == "IN_REJETE"
    (entry,) = report["invoices"]
    assert "status" not in entry and entry["lifecycle"] == []
    assert entry["reason"] == "REJ_SEMAN"


def test_an_invoice_entry_is_as_before(ws: Workspace) -> None:
    ws.configure()
    ws.drop("facture.xml", ubl_invoice())
    ws.edi("process")
    report, _ = reports_of(ws, flow_of(ws, "facture.xml")["flow_id"])
    (entry,) = report["invoices"]
    assert (entry["status"], entry["status_code"]) == ("DEPOSEE", 200)
    assert "lifecycle" not in entry
