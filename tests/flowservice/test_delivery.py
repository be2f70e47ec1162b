"""edi-flux delivering to a platform through the Flow Service: two real instances on
127.0.0.1, A routing its accepted invoices to B's Flow Service over TLS (a certificate
made by the test), B ingesting and judging them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.pool import NullPool

from edi.config import load
from edi.ledger import schema as s
from edi.routing.flowservice import FlowServiceTarget, tracking_id
from edi.samples import cii_invoice, ubl_invoice
from tests.flowservice.conftest import TOKEN, Instance, make_instance, self_signed


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _receiver(instances: list[Instance], tmp_path: Path, port: int) -> Instance:
    cert, key = self_signed(tmp_path)
    b = make_instance(instances, tmp_path / "b")
    b.configure(flow_service=f'tls_cert = "{cert}"\ntls_key = "{key}"', port=port)
    return b


def _sender(instances: list[Instance], tmp_path: Path, port: int) -> Instance:
    return sender_to(instances, tmp_path, f"https://127.0.0.1:{port}")


def sender_to(instances: list[Instance], tmp_path: Path, url: str, platform: str = "",
              flow_service: str = "", env: dict[str, str] | None = None) -> Instance:
    """A, routing to ``url`` (its only target), with more settings for that platform."""
    a = make_instance(instances, tmp_path / "a")
    a.configure(flow_service=flow_service, extra=f'''
[routes]
default = ["{url}"]

[[flow_service.platform]]
url = "{url}"
token_env = "B_TOKEN"
ca_file = "{tmp_path / 'ca.pem'}"
timeout = 5.0
{platform}
''')
    a.env = {"B_TOKEN": TOKEN, **(env or {})}
    return a


def _drop(inst: Instance, name: str, content: bytes) -> None:
    inbox = inst.root / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / name).write_bytes(content)
    os.utime(inbox / name, (1_000_000_000, 1_000_000_000))


def _rows(inst: Instance, table: object) -> list[dict]:
    engine = create_engine(inst.ledger, poolclass=NullPool)
    try:
        with engine.connect() as c:
            return [dict(r._mapping) for r in c.execute(select(table)).all()]  # type: ignore[call-overload]
    finally:
        engine.dispose()


def _wait(predicate, timeout: float = 90, what: str = "") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {timeout} s: {what}")


def _b_flows(b: Instance, ca: Path) -> list[dict]:
    return b.client(ca_file=ca).search({}, limit=100).json()["results"]


def test_a_delivers_every_accepted_invoice_once_to_b_over_tls_and_b_judges_it(
        instances: list[Instance], tmp_path: Path) -> None:
    port = _free_port()
    b = _receiver(instances, tmp_path, port)
    b.start()
    a = _sender(instances, tmp_path, port)
    a.start()
    _drop(a, "one.xml", ubl_invoice(number="AB-1"))
    _drop(a, "two.xml", cii_invoice(number="AB-2"))
    _drop(a, "broken.xml", b"<Invoice><unclosed>")
    ca = tmp_path / "ca.pem"
    _wait(lambda: sorted(f["status"] for f in _rows(a, s.flows)) == [
        "IN_INTEGRE", "IN_INTEGRE", "IN_REJETE"], what="A concluded its three flows")
    sent = _rows(a, s.deliveries)
    assert sorted(d["file_name"] for d in sent) == sorted(
        f["trackingId"] for f in _b_flows(b, ca))
    assert {d["target"] for d in sent} == {f"https://127.0.0.1:{port}"}
    for flow in _b_flows(b, ca):
        assert b.wait_ack(flow["flowId"])["acknowledgement"]["status"] == "Ok"
    time.sleep(1.0)
    assert len(_b_flows(b, ca)) == 2   # nothing came twice, nothing of the broken one
    followed = subprocess.run([sys.executable, "-m", "edi.cli", "flow-service", "follow",
                               "--json"], cwd=a.root, capture_output=True, text=True,
                              env={**os.environ, "B_TOKEN": TOKEN}, timeout=60, check=True)
    seen = [json.loads(line) for line in followed.stdout.splitlines()]
    by_tracking = {f["trackingId"]: f["flowId"] for f in _b_flows(b, ca)}
    assert {r["tracking_id"]: r["remote_flow_id"] for r in seen} == by_tracking
    assert {r["ack_status"] for r in seen} == {"Ok"}
    assert len(_rows(a, s.api_remote_flows)) == 2


def test_while_b_is_down_a_waits_then_delivers_once_b_is_back(
        instances: list[Instance], tmp_path: Path) -> None:
    port = _free_port()
    b = _receiver(instances, tmp_path, port)
    a = _sender(instances, tmp_path, port)
    a.start()
    _drop(a, "late.xml", ubl_invoice(number="LATE-1"))
    _wait(lambda: any(f["status"] == "IN_EN_ATTENTE_TRAITEMENT_CPP" for f in _rows(a, s.flows)),
          what="A waits for its target")
    b.start()
    ca = tmp_path / "ca.pem"
    _wait(lambda: any(f["status"] == "IN_INTEGRE" for f in _rows(a, s.flows)),
          what="A delivered once B was back")
    assert len(_b_flows(b, ca)) == 1


def test_a_retry_after_a_lost_answer_is_already_existing_and_counts_as_delivered(
        instances: list[Instance], tmp_path: Path) -> None:
    port = _free_port()
    b = _receiver(instances, tmp_path, port)
    b.start()
    a = _sender(instances, tmp_path, port)
    url = f"https://127.0.0.1:{port}"
    from edi.routing.flowservice import client_for

    os.environ["B_TOKEN"] = TOKEN
    try:
        settings = load(a.root / "edi.toml", base_dir=a.root)
        target = FlowServiceTarget(url, client_for(url, settings))
    finally:
        del os.environ["B_TOKEN"]
    name = "F20261202T000000000000-abcdef_RETRY-1.xml"
    content = ubl_invoice(number="RETRY-1")
    assert not target.exists(name)
    target.deliver(name, content)          # B took it; say its answer was lost
    assert target.exists(name)
    target.deliver(name, content)          # the retry: AlreadyExistingFlow, no error
    found = _b_flows(b, tmp_path / "ca.pem")
    assert [f["trackingId"] for f in found] == [tracking_id(name)] == [name]
    assert "healthy" in target.check()


def test_a_tracking_id_is_the_delivery_s_name_or_within_64_characters_a_digest_of_it() -> None:
    short = "F20261202T000000000000-abcdef_FA-1.xml"
    assert tracking_id(short) == short
    long = "F20261202T000000000000-abcdef_" + "N" * 80 + ".xml"
    assert len(tracking_id(long)) <= 64
    assert tracking_id(long) == tracking_id(long) != tracking_id(long + "x")
    assert tracking_id(long).startswith("F20261202T000000000000-abcdef-")


def test_b_killed_mid_transfer_and_restarted_still_gets_every_invoice_exactly_once(
        instances: list[Instance], tmp_path: Path) -> None:
    port = _free_port()
    b = _receiver(instances, tmp_path, port)
    b.start()
    a = _sender(instances, tmp_path, port)
    n = 20
    for i in range(n):
        _drop(a, f"inv-{i:02}.xml", ubl_invoice(number=f"KILL-{i:02}"))
    a.start()
    ca = tmp_path / "ca.pem"
    _wait(lambda: len(_rows(b, s.flows)) >= 3, what="B took some invoices")
    b.kill()                                   # SIGKILL, whatever it was doing
    b.start()
    _wait(lambda: [f["status"] for f in _rows(a, s.flows)].count("IN_INTEGRE") == n,
          timeout=180, what="A delivered every invoice")
    received = _b_flows(b, ca)
    names = sorted(d["file_name"] for d in _rows(a, s.deliveries))
    assert sorted(f["trackingId"] for f in received) == names and len(names) == n
    for flow in received:
        assert b.wait_ack(flow["flowId"])["acknowledgement"]["status"] == "Ok"
