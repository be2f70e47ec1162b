"""Receiving a platform's webhooks: two real instances on 127.0.0.1. A subscribes at B
(``edi flow-service subscribe``: POST /v1/webhooks with A's ``/v1/hooks/b``), then
delivers; B (``platform`` role, TLS) calls A back when it acknowledges A's invoice and
when it publishes the invoice's lifecycle statuses, and A records both without any
follow. A forged signature is refused (401) and an old timestamp (400), nothing recorded;
a repeat is dropped."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from edi.flowservice.client import post
from edi.flowservice.webhooks import signature
from edi.ledger import schema as s
from edi.samples import ubl_invoice
from tests.flowservice.conftest import Instance
from tests.flowservice.test_delivery import _drop, _free_port, _rows, _wait
from tests.flowservice.test_follow_cursor import Recorder, _via
from tests.flowservice.test_follow_lifecycle import _edi, _lifecycle_flows, _platform


def _call(url: str, body: bytes, key: str, stamp: int | None = None,
          event: str | None = None) -> tuple[int, Any]:
    stamp = int(time.time()) if stamp is None else stamp
    headers = {"Content-Type": "application/json",
               "Afnor-Signature": signature(key, body, stamp),
               "Afnor-Signature-Timestamp": str(stamp)}
    if event:
        headers["Edi-Event-Id"] = event
    status, answer = post(url, body, headers, timeout=30)
    return status, json.loads(answer) if answer else None


def _recorded(a: Instance) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    key = ("tracking_id", "remote_flow_id", "ack_status", "detail")
    return ([{k: r[k] for k in key} for r in _rows(a, s.api_remote_flows)],
            sorted((e["key"], e["carried_by"]) for e in _rows(a, s.lifecycle_events)))


def test_b_calls_a_back_and_a_records_acknowledgement_and_statuses_without_follow(
        instances: list[Instance], tmp_path: Path) -> None:
    port, a_port = _free_port(), _free_port()
    b = _platform(instances, tmp_path, port)
    b.start()
    ca = tmp_path / "ca.pem"
    a = _via(instances, tmp_path, f"https://127.0.0.1:{port}",
             platform='follow_every = 0\nname = "b"\nwebhook = true\n'
                      'webhook_key_env = "B_HOOK_KEY"', flow_service="")
    text = (a.root / "edi.toml").read_text().replace("port = 0\n", f"port = {a_port}\n", 1)
    (a.root / "edi.toml").write_text(text)
    hook = f"http://127.0.0.1:{a_port}/v1/hooks/b"

    made = json.loads(_edi(a, "flow-service", "subscribe", "--json").stdout)
    assert made["callbackUrl"] == hook and made["keyEnv"] == "B_HOOK_KEY"
    key = made["signingKey"]
    again = json.loads(_edi(a, "flow-service", "subscribe", "--json").stdout)
    assert again["webhookId"] == made["webhookId"] and "signingKey" not in again
    assert len(b.client(ca_file=ca).webhooks().json()["webhooks"]) == 1   # not twice
    a.env["B_HOOK_KEY"] = key
    a.start()

    _drop(a, "one.xml", ubl_invoice(number="HOOK-1"))
    _wait(lambda: [f["status"] for f in _rows(a, s.flows)] == ["IN_INTEGRE"],
          what="A delivered its invoice")
    _wait(lambda: [r["ack_status"] for r in _rows(a, s.api_remote_flows)] == ["Ok"],
          what="B's acknowledgement recorded by A from its callback")
    _wait(lambda: len(_lifecycle_flows(b, ca)) >= 2, what="B published 200 and 201")
    published = {f["flowId"] for f in _lifecycle_flows(b, ca)}
    _wait(lambda: {e["carried_by"] for e in _rows(a, s.lifecycle_events)} == published,
          what="B's lifecycle statuses filed by A from its callbacks")
    flow_id = _rows(a, s.flows)[0]["flow_id"]
    events = _rows(a, s.lifecycle_events)
    assert {(e["flow_id"], e["code"]) for e in events} == {(flow_id, 200), (flow_id, 201)}
    assert {e["source"] for e in events} == {f"127.0.0.1:{port}"}
    (remote,) = _rows(a, s.api_remote_flows)
    b_flow = next(f for f in b.client(ca_file=ca).search({}, limit=100).json()["results"]
                  if f.get("trackingId") == remote["tracking_id"])
    assert remote["remote_flow_id"] == b_flow["flowId"]
    assert not [c for c in _rows(a, s.api_cursors) if c["name"].startswith("follow:")]
    _wait(lambda: all(e["delivered_at"] for e in _rows(b, s.api_webhook_outbox)),
          what="every callback of B answered 2xx by A")
    sent = _rows(b, s.api_webhook_outbox)
    assert {json.loads(e["body"])["flowId"] for e in sent} >= published | {b_flow["flowId"]}

    before = _recorded(a)
    ack_event = next(e for e in sent if e["flow_id"] == b_flow["flowId"]
                     and json.loads(e["body"])["acknowledgement"]["status"] == "Ok")
    lc_event = next(e for e in sent if e["flow_id"] in published)
    forged = json.loads(ack_event["body"])
    forged["acknowledgement"] = {"status": "Error", "details": [{"level": "Error",
                                                                  "reasonCode": "Other"}]}
    forged_body = json.dumps(forged).encode()
    other_key = "b3RoZXIta2V5LW9mLWEtZm9yZ2Vy"
    assert _call(hook, forged_body, other_key)[0] == 401
    status, _ = post(hook, forged_body, {"Content-Type": "application/json",
                                         "Afnor-Signature": "AAAA",
                                         "Afnor-Signature-Timestamp": str(int(time.time()))},
                     timeout=30)
    assert status == 401
    # the true signature of one body does not cover another
    stamp = int(time.time())
    status, _ = post(hook, forged_body, {"Content-Type": "application/json",
                                         "Afnor-Signature": signature(
                                             key, ack_event["body"].encode(), stamp),
                                         "Afnor-Signature-Timestamp": str(stamp)}, timeout=30)
    assert status == 401
    assert _call(hook, forged_body, key, stamp=int(time.time()) - 3600)[0] == 400
    assert _call(hook, forged_body, key, stamp=0)[0] == 400
    assert post(hook, forged_body, {"Content-Type": "application/json"}, timeout=30)[0] == 400
    assert _recorded(a) == before                 # nothing of them recorded

    for event in (ack_event, lc_event):           # a repeat: dropped
        status, answer = _call(hook, event["body"].encode(), key, event=event["event_id"])
        assert status == 200 and answer["repeat"] is True, answer
    assert _recorded(a) == before
    early = {"flowId": "B-ELSE", "flowType": "CustomerInvoice",
             "trackingId": f"{flow_id}_NOT-DELIVERED-YET.xml",
             "acknowledgement": {"status": "Ok"}}
    status, answer = _call(hook, json.dumps(early).encode(), key)
    assert status == 503, answer                  # ours, not recorded yet: send it again
    early["trackingId"] = "someone-else-s-flow"
    status, answer = _call(hook, json.dumps(early).encode(), key)
    assert status == 200 and "ignored" in answer, answer
    assert _recorded(a) == before
    assert post(f"http://127.0.0.1:{a_port}/v1/hooks/nobody", b"{}", {}, timeout=30)[0] == 404
    log = a.stop()
    assert "not the signing key's" in log, log


def test_renew_creates_no_second_webhook_while_the_platform_keeps_the_old_one(
        instances: list[Instance], tmp_path: Path) -> None:
    """`subscribe --renew` replaces a webhook only once the platform answered its DELETE
    (204, or 404 for one already gone): otherwise the platform would call us twice, once
    signed with a key we no longer hold."""
    port = _free_port()
    b = _platform(instances, tmp_path, port)
    b.start()
    ca = tmp_path / "ca.pem"
    proxy = Recorder(f"https://127.0.0.1:{port}", ca)
    try:
        _renew_through(instances, tmp_path, b, ca, proxy)
    finally:
        proxy.close()


def _renew_through(instances: list[Instance], tmp_path: Path, b: Instance, ca: Path,
                   proxy: Recorder) -> None:
    a = _via(instances, tmp_path, proxy.url,
             platform='follow_every = 0\nname = "b"\nwebhook = true\n'
                      'webhook_key_env = "B_HOOK_KEY"\n'
                      'callback_url = "http://127.0.0.1:9/v1/hooks/b"')

    def at_b() -> list[str]:
        return [w["webhookId"] for w in b.client(ca_file=ca).webhooks().json()["webhooks"]]

    made = json.loads(_edi(a, "flow-service", "subscribe", "--json").stdout)
    assert at_b() == [made["webhookId"]]

    proxy.refuse[("DELETE", "/v1/webhooks/")] = 503
    with pytest.raises(subprocess.CalledProcessError) as refused:
        _edi(a, "flow-service", "subscribe", "--renew", "--json")
    assert refused.value.returncode == 1
    said = json.loads(refused.value.stdout)
    assert "signingKey" not in said
    assert f"DELETE /v1/webhooks/{made['webhookId']}: HTTP 503" in said["detail"]
    assert "the old webhook and its key stay in use" in said["detail"]
    assert at_b() == [made["webhookId"]]          # the old one, and no second one
    created = [x for x in proxy.exchanges if (x["method"], x["path"]) == ("POST", "/v1/webhooks")]
    assert len(created) == 1                      # the first subscribe's only

    del proxy.refuse[("DELETE", "/v1/webhooks/")]
    renewed = json.loads(_edi(a, "flow-service", "subscribe", "--renew", "--json").stdout)
    assert renewed["webhookId"] != made["webhookId"]
    assert renewed["signingKey"] and renewed["signingKey"] != made["signingKey"]
    assert at_b() == [renewed["webhookId"]]
