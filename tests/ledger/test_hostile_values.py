"""The two PostgreSQL-only crashes, end to end, on the backend under test.

An issue date with a time zone or a currency ``EURO`` overflowed a column: ``edi process``
crashed and left its batch in progress, again at every restart. A search with a NUL byte
answered 500. Here ``edi process`` and the real server run as a user runs them.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from edi import samples
from tests.e2e.conftest import Workspace, ws  # noqa: F401 - ws is the fixture
from tests.web.conftest import Server, http, server  # noqa: F401 - server is the fixture


def test_a_date_with_a_time_zone_and_a_currency_euro_do_not_stop_edi_process(
        ws: Workspace) -> None:  # noqa: F811
    ws.drop("a-zoned.xml", samples.ubl_invoice(number="TZ-1", issue_date="2025-03-14+01:00"))
    ws.drop("b-euro.xml", samples.ubl_invoice(number="EURO-1", currency="EURO"))
    ws.drop("c-plain.xml", samples.ubl_invoice(number="OK-1"))

    ws.edi("process")

    flows = {f["file_name"]: f for f in ws.flows()}
    assert set(flows) == {"a-zoned.xml", "b-euro.xml", "c-plain.xml"}
    assert {f["status"] for f in flows.values()} <= {"IN_INTEGRE", "IN_REJETE"}
    assert flows["a-zoned.xml"]["status"] == flows["c-plain.xml"]["status"] == "IN_INTEGRE"
    zoned = json.loads(ws.edi("flow", flows["a-zoned.xml"]["flow_id"], "--json").stdout)
    (invoice,) = zoned["invoices"]
    assert invoice["issue_date"] == "2025-03-14"
    euro = json.loads(ws.edi("flow", flows["b-euro.xml"]["flow_id"], "--json").stdout)
    (invoice,) = euro["invoices"]
    assert invoice["currency"] == "EUR"  # its data (tests/ledger/test_bounds.py) keeps EURO
    assert [f["severity"] for f in invoice["findings"]
            if f["rule_id"] == "EDI-LEDGER-VALUE"] == ["warning"]
    assert ws.files("var/work") == []
    ws.edi("process")  # nothing left over, nothing redone
    assert len(ws.flows()) == 3


def test_a_search_with_a_nul_byte_answers_no_flow_not_a_server_error(
        server: Server) -> None:  # noqa: F811
    for query in ("?q=a%00b", f"?q={quote('FA-OK-1')}%00", "?supplier=%00",
                  "?buyer=7%00"):
        reply = http(f"{server.url}/api/flows{query}")
        assert reply.status == 200, (query, reply.status, reply.text)
        assert reply.json()["flows"] == []
    assert http(f"{server.url}/api/flows?format=UBL%00").status == 400  # not a format
    assert http(f"{server.url}/api/flows/F%00").status == 404
    assert http(f"{server.url}/flows?q=a%00b").status == 200
