"""A CDAR message submitted through the Flow Service API (``edi flow-service``, a real
one on 127.0.0.1) is detected, judged and filed like one from the inbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from edi.ledger import Ledger
from edi.ledger import lifecycle as sql
from edi.samples import ubl_invoice
from tests.flowservice.conftest import Instance, make_instance
from tests.lifecycle.helpers import status_message


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Instance]:
    made: list[Instance] = []
    yield make_instance(made, tmp_path / "edi")
    for inst in made:
        inst.kill()


def test_a_cdar_submitted_by_the_api_is_filed_on_its_invoice(service: Instance) -> None:
    inst = service
    inst.configure()
    inst.start()
    client = inst.client()
    invoice = client.submit("facture.xml", ubl_invoice()).json()["flowId"]
    assert inst.wait_ack(invoice)["acknowledgement"]["status"] == "Ok"

    answer = client.submit("encaissee.xml", status_message(212, amount="1380.00",
                                                           percent="20.00"))
    assert answer.status == 202, answer.body
    assert answer.json()["flowSyntax"] == "CDAR"
    message = answer.json()["flowId"]
    assert inst.wait_ack(message)["acknowledgement"]["status"] == "Ok"
    unknown = client.submit("inconnue.xml", status_message(
        205, issuer_role="BY", number="NOT-HERE")).json()["flowId"]
    assert inst.wait_ack(unknown)["acknowledgement"]["status"] == "Ok"
    refused = client.submit("sans-montant.xml", status_message(212)).json()["flowId"]
    inst.wait_ack(refused)   # a business rejection: not a technical error of the flow

    ledger = Ledger(inst.ledger)
    try:
        flow = ledger.row(message)
        assert (flow["status"], flow["format"], flow["interface"]) == \
            ("IN_INTEGRE", "CDAR", "api")
        (filed,) = ledger.invoices(invoice)
        assert [s["code"] for s in filed["lifecycle"]] == [212]
        assert filed["lifecycle_status"] == 212
        assert filed["lifecycle"][0]["source"] == "cdar"
        assert (ledger.row(refused)["status"], ledger.row(refused)["reason"]) == \
            ("IN_REJETE", "REJ_SEMAN")
        with ledger.engine.connect() as c:    # the unmatched one is kept, on no invoice
            waiting = sql.unmatched(c)
        assert [(r["invoice_number"], r["carried_by"]) for r in waiting] == \
            [("NOT-HERE", unknown)]
    finally:
        ledger.close()
