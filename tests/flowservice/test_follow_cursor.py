"""``edi flow-service follow`` keeps a cursor per target: two real instances on
127.0.0.1, A delivering to B (``platform`` role, TLS) through a recording proxy, a real
HTTP server of the test that passes every request on and keeps what was asked and
answered. After a first follow, a second asks B only for the lifecycle flows updated
since (``updatedAfter``), and only for the acknowledgements not yet Ok or Error; a status
B published in between is filed by the second."""

from __future__ import annotations

import http.client
import json
import ssl
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, delete
from sqlalchemy.pool import NullPool

from edi.flowservice.follow import SETTLE, cursor_name
from edi.ledger import schema as s
from edi.routing.flowservice import tracking_id
from edi.samples import ubl_invoice
from tests.flowservice.conftest import Instance
from tests.flowservice.test_delivery import _drop, _free_port, _rows, _wait
from tests.flowservice.test_delivery import sender_to as _via
from tests.flowservice.test_follow_lifecycle import _follow, _lifecycle_flows, _platform

HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class Recorder:
    """A reverse proxy on 127.0.0.1 in front of ``upstream`` (https, trusting ``ca``):
    each exchange kept as (method, path, request body, status, answer body)."""

    def __init__(self, upstream: str, ca: Path) -> None:
        self.upstream = urlsplit(upstream)
        self.context = ssl.create_default_context(cafile=str(ca))
        self.exchanges: list[dict[str, Any]] = []
        # (method, path prefix) -> status answered instead of passing the request on: a
        # platform's refusal that a healthy real instance never gives
        self.refuse: dict[tuple[str, str], int] = {}
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _pass(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else None
                refused = next((code for (method, prefix), code in recorder.refuse.items()
                                if method == self.command and self.path.startswith(prefix)),
                               None)
                if refused is not None:
                    recorder.exchanges.append({"method": self.command, "path": self.path,
                                               "body": body, "status": refused,
                                               "answer": b""})
                    self.send_response(refused)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                conn = http.client.HTTPSConnection(
                    recorder.upstream.hostname or "", recorder.upstream.port,
                    context=recorder.context, timeout=30)
                try:
                    conn.request(self.command, self.path, body=body, headers={
                        k: v for k, v in self.headers.items() if k.lower() not in HOP})
                    answer = conn.getresponse()
                    data = answer.read()
                    headers = answer.getheaders()
                finally:
                    conn.close()
                recorder.exchanges.append({"method": self.command, "path": self.path,
                                           "body": body, "status": answer.status,
                                           "answer": data})
                self.send_response(answer.status)
                for k, v in headers:
                    if k.lower() not in HOP and k.lower() not in ("date", "server"):
                        self.send_header(k, v)
                    elif k.lower() == "date":
                        self.send_header("Date", v)   # the platform's clock, passed on
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _pass

            def log_message(self, format: str, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def searches(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """(request, answer) of each POST /v1/flows/search."""
        return [(json.loads(x["body"]), json.loads(x["answer"])) for x in self.exchanges
                if x["method"] == "POST" and x["path"] == "/v1/flows/search"]

    def downloads(self) -> list[str]:
        return [x["path"] for x in self.exchanges
                if x["method"] == "GET" and "docType=Original" in x["path"]]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorders() -> Iterator[list[Recorder]]:
    made: list[Recorder] = []
    yield made
    for r in made:
        r.close()


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _cursor(a: Instance, target: str) -> datetime:
    row = next(r for r in _rows(a, s.api_cursors) if r["name"] == cursor_name(target))
    at: datetime = row["updated_at"]
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def test_a_second_follow_asks_only_for_what_is_new_and_files_it(
        instances: list[Instance], recorders: list[Recorder], tmp_path: Path) -> None:
    port = _free_port()
    b = _platform(instances, tmp_path, port)
    b.start()
    ca = tmp_path / "ca.pem"
    proxy = Recorder(f"https://127.0.0.1:{port}", ca)
    recorders.append(proxy)
    a = _via(instances, tmp_path, proxy.url, platform="follow_every = 0")   # by hand here
    a.start()
    _drop(a, "one.xml", ubl_invoice(number="CUR-1"))
    _wait(lambda: [f["status"] for f in _rows(a, s.flows)] == ["IN_INTEGRE"],
          what="A delivered its first invoice")
    _wait(lambda: len(_lifecycle_flows(b, ca)) >= 2, what="B published 200 and 201")
    first_published = {f["flowId"]: f for f in _lifecycle_flows(b, ca)}
    time.sleep(SETTLE + 1.5)   # what B published is settled: the cursor may pass it

    first = _follow(a)
    assert {r["lifecycle_flow"] for r in first if "lifecycle_flow" in r} == set(first_published)
    newest = max(_moment(f["updatedAt"]) for f in first_published.values())
    assert _cursor(a, proxy.url) == newest
    (asked, _), = [x for x in proxy.searches() if "flowType" in x[0]["where"]]
    assert "updatedAfter" not in asked["where"]          # the first run reads from the start

    _drop(a, "two.xml", ubl_invoice(number="CUR-2"))
    _wait(lambda: [f["status"] for f in _rows(a, s.flows)] == ["IN_INTEGRE"] * 2,
          what="A delivered its second invoice")
    _wait(lambda: len(_lifecycle_flows(b, ca)) >= 4, what="B published the second's statuses")
    new = {f["flowId"] for f in _lifecycle_flows(b, ca)} - set(first_published)
    assert len(new) == 2

    proxy.exchanges.clear()   # what A's delivery asked (its target's exists) left out
    second = _follow(a)
    lifecycle = [x for x in proxy.searches() if "flowType" in x[0]["where"]]
    assert lifecycle, proxy.exchanges
    for asked, _ in lifecycle:
        assert _moment(asked["where"]["updatedAfter"]) == newest
    listed = {f["flowId"] for _, answered in lifecycle for f in answered["results"]}
    assert listed == new                                  # nothing of before the cursor
    assert sorted(proxy.downloads()) == sorted(f"/v1/flows/{i}?docType=Original" for i in new)
    assert {r["lifecycle_flow"] for r in second if "lifecycle_flow" in r} == new
    assert all(r["filed"] >= 1 for r in second if "lifecycle_flow" in r), second
    # the first delivery's Ok was recorded: only the second's acknowledgement was asked
    deliveries = sorted(_rows(a, s.deliveries), key=lambda d: d["at"])
    by_tracking = [x[0]["where"]["trackingId"] for x in proxy.searches()
                   if "trackingId" in x[0]["where"]]
    assert by_tracking == [tracking_id(deliveries[1]["file_name"])]
    events = _rows(a, s.lifecycle_events)
    second_flow = deliveries[1]["flow_id"]
    assert {e["code"] for e in events if e["flow_id"] == second_flow} == {200, 201}
    assert {e["carried_by"] for e in events} == set(first_published) | new

    proxy.exchanges.clear()
    third = _follow(a)
    assert proxy.downloads() == []                        # each remote flow downloaded once
    assert not [x for x in proxy.searches() if "trackingId" in x[0]["where"]]   # all Ok
    assert [r for r in third if "lifecycle_flow" in r] == []
    assert len(_rows(a, s.lifecycle_events)) == len(events)

    # a crash after filing, before the cursor moved: all listed again, none filed twice
    engine = create_engine(a.ledger, poolclass=NullPool)
    with engine.begin() as c:
        c.execute(delete(s.api_cursors).where(s.api_cursors.c.name == cursor_name(proxy.url)))
    engine.dispose()
    proxy.exchanges.clear()
    assert [r for r in _follow(a) if "lifecycle_flow" in r] == []
    (asked, answered), = [x for x in proxy.searches() if "flowType" in x[0]["where"]]
    assert {f["flowId"] for f in answered["results"]} == set(first_published) | new
    assert proxy.downloads() == []
    assert len(_rows(a, s.lifecycle_events)) == len(events)
    assert _cursor(a, proxy.url) >= newest


def test_the_cursor_name_fits_its_column_and_stays_one_per_target() -> None:
    short = "https://api.flow.pa.example/flow-service"
    assert cursor_name(short) == "follow:" + short
    long = "https://" + "x" * 80 + ".example/flow-service"
    assert len(cursor_name(long)) <= 60
    assert cursor_name(long) == cursor_name(long) != cursor_name(long + "/v2")
