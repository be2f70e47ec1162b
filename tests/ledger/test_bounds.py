"""No invoice value can make the ledger refuse a transaction (on the backend under test).

These values crashed ``edi process`` on PostgreSQL (value too long, integer out of range,
NUL) and left whole batches in progress; SQLite took them as they came. Both backends now
store the same thing, with a warning on the invoice where a value did not fit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from edi.ledger import FlowQuery, Ledger, Verdict, bounds
from edi.ledger.schema import clean
from edi.model import Container, Document, Flow, FlowStatus, Invoice, Syntax, new_flow_id, utcnow


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    led = Ledger(ledger_url)
    yield led
    led.close()


def _received(ledger: Ledger, name: str, size: int = 3) -> Flow:
    flow = Flow(flow_id=new_flow_id(), file_name=name, sha256="a" * 64, size=size,
                interface="inbox", status=FlowStatus.IN_RECU, received_at=utcnow(),
                source=f"/in/{name}")
    ledger.receive([flow])
    return flow


def _document(**terms: str) -> Document:
    values = {"number": "FA-1", "issue_date": "2025-03-14", "type_code": "380",
              "currency": "EUR", "seller_name": "Atelier Numerique SAS",
              "seller_siret": "73282932000074", "buyer_name": "Ministere des Tests",
              "buyer_siret": "11000201100044", "total_with_vat": "1440.00", **terms}
    return Document(seq=1, name="f.xml", content=b"<Invoice/>", container=Container.XML,
                    syntax=Syntax.UBL, invoice=Invoice(**values), delivered=True)


def _finish(ledger: Ledger, *documents: Document) -> list[Flow]:
    flows = [_received(ledger, f"f{i}.xml") for i in range(len(documents))]
    failed = ledger.finish_many([Verdict(f, FlowStatus.IN_INTEGRE, [d], None, 0.1, {})
                                 for f, d in zip(flows, documents, strict=True)])
    assert failed == []
    return flows


def _stored(ledger: Ledger, flow: Flow) -> dict:
    (invoice,) = ledger.invoices(flow.flow_id)
    return invoice


def _warnings(invoice: dict) -> dict[str, str]:
    return {f["location"]: f["message"] for f in invoice["findings"]
            if f["rule_id"] == bounds.RULE and f["severity"] == "warning"}


def test_an_issue_date_with_a_time_zone_is_stored_as_its_date(ledger: Ledger) -> None:
    plus, zulu = _finish(ledger, _document(issue_date="2025-03-14+01:00"),
                         _document(number="FA-2", issue_date="2025-03-15Z"))
    assert _stored(ledger, plus)["issue_date"] == "2025-03-14"
    assert _stored(ledger, zulu)["issue_date"] == "2025-03-15"
    assert _warnings(_stored(ledger, plus)) == {}  # nothing lost: no finding
    assert ledger.get(plus.flow_id).status is FlowStatus.IN_INTEGRE


def test_values_that_do_not_fit_are_cut_or_left_out_with_a_warning_and_the_group_records(
        ledger: Ledger) -> None:
    long_number = "N" * 300
    fine, euro, wide = _finish(
        ledger, _document(),
        _document(number="FA-2", currency="EURO", type_code="380-INVOICE-X"),
        _document(number=long_number, total_with_vat="1" * 50, issue_date="14 mars 2025",
                  seller_name="S" * 2000, buyer_name="Mini\x00stere"))
    assert _warnings(_stored(ledger, fine)) == {}

    e = _stored(ledger, euro)
    assert (e["currency"], e["type_code"]) == ("EUR", "380-INVOIC")
    assert e["data"]["currency"] == "EURO"          # the invoice's terms keep it whole
    found = _warnings(e)
    assert set(found) == {"BT-5 currency code", "BT-3 invoice type code"}
    assert "'EURO' is 4 characters long; the ledger keeps at most 3" in \
        found["BT-5 currency code"]

    w = _stored(ledger, wide)
    assert w["number"] == "N" * bounds.IDENTIFIER_CHARS
    assert w["total_with_vat"] is None and w["issue_date"] is None  # never a wrong one
    assert w["seller_name"] == "S" * bounds.NAME_CHARS
    assert w["buyer_name"] == "Mini\ufffdstere"
    assert set(_warnings(w)) == {"BT-1 invoice number", "BT-112 total with VAT",
                                 "BT-2 issue date", "BT-27 seller name"}
    assert "not stored" in _warnings(w)["BT-112 total with VAT"]
    assert json.loads(json.dumps(w["data"]))["number"] == long_number
    for flow in (fine, euro, wide):
        assert ledger.get(flow.flow_id).status is FlowStatus.IN_INTEGRE


def test_the_warnings_can_be_had_before_recording_and_are_recorded_once(
        ledger: Ledger) -> None:
    doc = _document(currency="EURO")
    early = bounds.check(doc)
    assert [f.rule_id for f in early] == [bounds.RULE]
    doc.findings.extend(early)  # as a pipeline would, to show them in the compte rendu
    (flow,) = _finish(ledger, doc)
    assert [f["rule_id"] for f in _stored(ledger, flow)["findings"]] == [bounds.RULE]


def test_long_business_keys_stay_distinct_and_a_twin_is_still_a_duplicate(
        ledger: Ledger) -> None:
    a, b = "S|" + "N" * 500 + "A|2025", "S|" + "N" * 500 + "B|2025"
    assert ledger.reserve_keys("F1", {1: a}) == {}
    assert ledger.reserve_keys("F2", {1: b}) == {}         # not a false DOUBLON
    assert ledger.reserve_keys("F3", {1: a}) == {1: "F1"}  # the same long key is
    assert ledger.reserve_keys("F1", {1: a}) == {}         # and its owner may redo


def test_a_file_over_2_gib_is_recorded(ledger: Ledger) -> None:
    flow = _received(ledger, "huge.xml", size=3_000_000_000)
    assert ledger.get(flow.flow_id).size == 3_000_000_000


def test_a_finding_or_detail_with_a_nul_is_recorded_and_long_messages_are_cut(
        ledger: Ledger) -> None:
    from edi.model import Finding, Severity

    doc = _document()
    doc.findings.append(Finding("X-1", Severity.WARNING, "plugin", "/a\x00b",
                                "seen \x00 here " + "m" * 10_000))
    (flow,) = _finish(ledger, doc)
    (found,) = _stored(ledger, flow)["findings"]
    assert found["location"] == "/a\ufffdb"
    assert len(found["message"]) == bounds.MESSAGE_CHARS and found["message"].endswith("…")
    ledger.set_status(flow.flow_id, FlowStatus.IN_INCIDENTE, "error: b'\x00\x01'")
    assert ledger.history(flow.flow_id)[-1]["detail"] == "error: b'\ufffd\x01'"


def test_a_search_or_a_look_up_with_a_nul_finds_nothing_and_fails_nothing(
        ledger: Ledger) -> None:
    (flow,) = _finish(ledger, _document())
    for q in (FlowQuery(search="a\x00b"), FlowQuery(supplier="7328\x00"),
              FlowQuery(buyer="\x00"), FlowQuery(format="UBL\x00"),
              FlowQuery(status=["IN_INTEGRE\x00"])):
        assert ledger.flows(q) == [] and ledger.count(q) == 0
    assert ledger.get(flow.flow_id + "\x00") is None
    assert ledger.row("\x00") is None and ledger.history("\x00") == []
    assert ledger.invoices("\x00") == []
    assert [r["flow_id"] for r in ledger.flows(FlowQuery(search="FA-1"))] == [flow.flow_id]


@pytest.mark.parametrize(("value", "stored"), [
    ("FA-2026-1", "FA-2026-1"),
    ("FA\x00-1\x00", "FA\ufffd-1\ufffd"),                    # ASCII: only NUL can occur
    ("Société\x00 \ud800é", "Société\ufffd \ufffdé"),          # NUL and a lone surrogate
    ("\udfff", "\ufffd"),
    ("", ""),
])
def test_text_that_no_database_holds_is_replaced(value: str, stored: str) -> None:
    assert clean(value) == stored
