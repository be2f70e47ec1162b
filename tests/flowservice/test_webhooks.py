"""Webhooks as the Flow Service describes them: subscribe, list, delete; each callback a
``Flow`` object signed with ``Afnor-Signature`` (HMAC-SHA-256) and its timestamp, retried
with backoff from an outbox table, so that none is lost when the subscriber fails or
edi-flux stops."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from edi.flowservice.webhooks import signature, verify
from edi.samples import ubl_invoice
from tests.flowservice.conftest import Instance, make_instance


class Subscriber:
    """An HTTP endpoint that records callbacks; ``failing`` answers 500 instead."""

    def __init__(self) -> None:
        self.calls: list[tuple[dict[str, str], bytes]] = []
        self.failing = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the http.server API)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if outer.failing:
                    outer.failing -= 1
                    self.send_response(500)
                else:
                    outer.calls.append((dict(self.headers.items()), body))
                    self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def bodies(self) -> list[dict]:
        return [json.loads(body) for _, body in self.calls]

    def wait(self, predicate, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self.bodies()):
                return
            time.sleep(0.1)
        raise AssertionError(f"callbacks so far: {self.bodies()}")


@pytest.fixture
def subscriber() -> Iterator[Subscriber]:
    sub = Subscriber()
    yield sub
    sub.server.shutdown()


def _subscribe(inst: Instance, sub: Subscriber, **filters: object) -> dict:
    answer = inst.client().call("POST", "/v1/webhooks",
                                json.dumps({"callbackUrl": sub.url, **filters}).encode(),
                                {"Content-Type": "application/json"})
    assert answer.status == 201, answer.body
    return answer.json()


def test_a_callback_is_the_flow_object_signed_with_the_webhook_s_key(
        one: Instance, subscriber: Subscriber) -> None:
    hook = _subscribe(one, subscriber)
    flow_id = one.client().submit("w.xml", ubl_invoice(number="HOOK-1")).json()["flowId"]
    subscriber.wait(lambda bodies: any(b["flowId"] == flow_id and
                                       b["acknowledgement"]["status"] == "Ok" for b in bodies))
    headers, body = next((h, b) for h, b in subscriber.calls
                         if json.loads(b)["acknowledgement"]["status"] == "Ok")
    assert verify(hook["signingKey"], body, headers)
    stamp = int(headers["Afnor-Signature-Timestamp"])
    assert headers["Afnor-Signature"] == signature(hook["signingKey"], body, stamp)
    assert not verify(hook["signingKey"], body + b" ", headers)
    assert headers["Edi-Event-Id"] == f"{flow_id}:Ok:{hook['webhookId']}"
    assert json.loads(body) == one.client().get(flow_id).json()


def test_filters_choose_the_callbacks_and_a_deleted_webhook_gets_no_more(
        one: Instance, subscriber: Subscriber) -> None:
    errors_only = _subscribe(one, subscriber, ackStatus="Error",
                             flowTypes=["CustomerInvoice"], flowDirection="Out")
    listed = one.client().call("GET", "/v1/webhooks").json()
    assert listed["count"] == 1 and listed["webhookIds"] == [errors_only["webhookId"]]
    assert listed["webhooks"][0]["ackStatus"] == "Error"
    client = one.client()
    good = client.submit("g.xml", ubl_invoice(number="HOOK-2")).json()["flowId"]
    bad = client.submit("b.xml", b"<Invoice><unclosed>").json()["flowId"]
    subscriber.wait(lambda bodies: any(b["flowId"] == bad for b in bodies))
    one.wait_ack(good)
    time.sleep(3)   # the good flow's Ok had its chance to be (wrongly) called back
    assert {b["flowId"] for b in subscriber.bodies()} == {bad}
    gone = client.call("DELETE", f"/v1/webhooks/{errors_only['webhookId']}")
    assert gone.status == 204
    assert client.call("DELETE", f"/v1/webhooks/{errors_only['webhookId']}").status == 404
    assert client.call("GET", "/v1/webhooks").json()["count"] == 0


def test_a_failing_subscriber_is_retried_and_a_stop_loses_no_callback(
        instances: list[Instance], tmp_path: Path, subscriber: Subscriber) -> None:
    inst = make_instance(instances, tmp_path / "edi")
    inst.configure()
    inst.start()
    _subscribe(inst, subscriber, ackStatus="Ok")
    subscriber.failing = 10**6                 # down: every callback refused
    flow_id = inst.client().submit("r.xml", ubl_invoice(number="HOOK-3")).json()["flowId"]
    inst.wait_ack(flow_id)
    time.sleep(3)                              # queued, tried, refused
    inst.stop()
    subscriber.failing = 2                     # back, after two more refusals
    inst.start()
    subscriber.wait(lambda bodies: [b["flowId"] for b in bodies] == [flow_id])
    time.sleep(2)
    assert [b["flowId"] for b in subscriber.bodies()] == [flow_id]   # once it said 200


def test_the_lifecycle_statuses_we_set_are_called_back_as_flows_of_their_own(
        instances: list[Instance], tmp_path: Path, subscriber: Subscriber) -> None:
    inst = make_instance(instances, tmp_path / "platform")
    inst.configure(extra='[lifecycle]\nrole = "platform"\n')
    inst.start()
    _subscribe(inst, subscriber, flowTypes=["CustomerInvoiceLC"], flowDirection="In")
    flow_id = inst.client().submit("lc.xml", ubl_invoice(number="HOOK-LC")).json()["flowId"]
    subscriber.wait(lambda bodies: any(b["flowId"].startswith(f"{flow_id}-LC")
                                       for b in bodies))
    assert {(b["flowType"], b["flowDirection"], b["flowSyntax"])
            for b in subscriber.bodies()} == {("CustomerInvoiceLC", "In", "CDAR")}
