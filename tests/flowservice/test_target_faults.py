"""What the Flow Service target makes of a platform that fails: answers 5xx or 429,
is slow, drops the connection after reading the request, refuses it for good. The
platform here is a real HTTP server on 127.0.0.1 that misbehaves on purpose (edi-flux's
own server cannot be made to); the success paths run against edi-flux itself
(test_delivery.py)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from edi.flowservice.client import FlowServiceClient
from edi.routing.base import DeliveryError
from edi.routing.flowservice import FlowServiceTarget


class Platform:
    """``behaviour``: "503", "429", "400", "slow" (sleeps past the client's timeout),
    "drop" (reads the request, closes without answering)."""

    def __init__(self) -> None:
        self.behaviour = "503"
        self.requests = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the http.server API)
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.requests += 1
                if outer.behaviour == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                if outer.behaviour == "slow":
                    time.sleep(2)
                status = int(outer.behaviour) if outer.behaviour.isdigit() else 202
                body = json.dumps({"errorCode": "SOMETHING", "errorMessage": "said"}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def platform() -> Iterator[Platform]:
    p = Platform()
    yield p
    p.server.shutdown()


def _target(url: str) -> FlowServiceTarget:
    return FlowServiceTarget(url, FlowServiceClient(url, token="t", timeout=0.5))


@pytest.mark.parametrize(("behaviour", "transient", "uncertain"), [
    ("503", True, False), ("500", True, False), ("429", True, False),
    ("slow", True, True), ("drop", True, True), ("400", False, False), ("403", False, False),
])
def test_a_failing_platform_is_a_delivery_error_that_says_whether_waiting_helps(
        platform: Platform, behaviour: str, transient: bool, uncertain: bool) -> None:
    platform.behaviour = behaviour
    with pytest.raises(DeliveryError) as caught:
        _target(platform.url).deliver("F1_FA-1.xml", b"<Invoice/>")
    assert caught.value.transient is transient
    assert caught.value.uncertain is uncertain
    assert platform.requests == 1     # one attempt: retries belong to [delivery]


def test_a_platform_that_is_not_listening_is_transient_and_certainly_not_delivered(
        platform: Platform) -> None:
    url = platform.url
    platform.server.shutdown()
    platform.server.server_close()
    with pytest.raises(DeliveryError) as caught:
        _target(url).deliver("F1_FA-1.xml", b"<Invoice/>")
    assert caught.value.transient and not caught.value.uncertain
