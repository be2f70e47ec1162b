"""A ledger flow as the Flow Service's Flow object (edi/flowservice/models.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from edi.flowservice import models
from edi.ledger.flowservice import source_of

NOW = datetime(2026, 12, 2, 1, 2, 3, tzinfo=UTC)


def _row(**values: object) -> dict:
    row = {"flow_id": "F1", "file_name": "a.xml", "status": "IN_INTEGRE", "reason": None,
           "format": "UBL", "interface": "api", "source": source_of("erp", "t/1 é"),
           "received_at": NOW, "updated_at": NOW, "detail": None}
    row.update(values)
    return row


def test_without_its_submission_row_a_flow_keeps_the_tracking_id_of_its_source() -> None:
    obj = models.flow_object(_row(), None, [], [], None)
    assert obj["trackingId"] == "t/1 é"
    assert "trackingId" not in models.flow_object(_row(source=source_of("erp", None)), None,
                                                  [], [], None)
    assert "trackingId" not in models.flow_object(_row(interface="inbox", source="/in/a.xml"),
                                                  None, [], [], None)


def test_the_acknowledgement_is_technical() -> None:
    pending = _row(status="IN_EN_COURS_TRAITEMENT_CPP")
    assert models.acknowledgement(pending, [], []) == {"status": "Pending"}
    irr = {"reason": "IRR_SYNTAX", "number": "FA-1", "name": "a.xml", "status_code": 501,
           "findings": [{"severity": "fatal", "rule_id": "EDI-XML", "message": "broken"}]}
    ack = models.acknowledgement(_row(status="IN_REJETE", reason="IRR_SYNTAX"), [irr], [])
    assert ack["status"] == "Error"
    assert ack["details"] == [{"level": "Error", "item": "FA-1", "reasonCode": "InvalidSchema",
                               "reasonMessage": "IRR_SYNTAX (501): EDI-XML: broken"}]
    business = {**irr, "reason": "REJ_SEMAN", "status_code": 213}
    ack = models.acknowledgement(_row(status="IN_REJETE", reason="REJ_SEMAN"), [business], [])
    assert ack["status"] == "Ok"
    assert [(d["level"], d["reasonCode"]) for d in ack["details"]] == [("Warning", "REJ_SEMAN")]
    incident = models.acknowledgement(_row(status="IN_INCIDENTE", detail="disk"), [], [])
    assert incident["status"] == "Error"
    assert incident["details"][0]["reasonCode"] == "OtherTechnicalError"


def test_the_processing_rule_is_the_client_s_else_the_scenario_s() -> None:
    assert models.processing_rule({"processing_rule": "B2G"}, None) == ("B2G", "Input")
    assert models.processing_rule(None, {"scenario": "B2B domestic"}) == ("B2B", "Computed")
    assert models.processing_rule(None, {"scenario": "B2B domestic, B2G Chorus Pro"}) == (
        "Undefined", "Computed")
    assert models.processing_rule(None, None) == ("Undefined", "Computed")
