"""``edi watch`` follows the platforms it delivers to by itself (``follow_every``): two
real instances on 127.0.0.1, A delivering to B (``platform`` role, TLS). B's
acknowledgement and lifecycle statuses reach A's ledger with no command run; B killed,
A's loop goes on (a broken file is rejected meanwhile, the follows fail and say so), and
once B is back the next follows file what it published."""

from __future__ import annotations

from pathlib import Path

from edi.ledger import schema as s
from edi.samples import ubl_invoice
from tests.flowservice.conftest import Instance
from tests.flowservice.test_delivery import _drop, _free_port, _rows, _wait
from tests.flowservice.test_follow_cursor import _via
from tests.flowservice.test_follow_lifecycle import _platform


def _codes(a: Instance) -> list[int]:
    return sorted(e["code"] for e in _rows(a, s.lifecycle_events))


def test_watch_follows_by_itself_and_a_platform_down_does_not_stop_it(
        instances: list[Instance], tmp_path: Path) -> None:
    port = _free_port()
    b = _platform(instances, tmp_path, port)
    b.start()
    a = _via(instances, tmp_path, f"https://127.0.0.1:{port}", platform="follow_every = 1.0")
    a.start()
    _drop(a, "one.xml", ubl_invoice(number="WATCH-1"))
    _wait(lambda: _codes(a) == [200, 201], what="A's watch filed B's 200 and 201")
    _wait(lambda: [r["ack_status"] for r in _rows(a, s.api_remote_flows)] == ["Ok"],
          what="A's watch recorded B's acknowledgement")

    b.kill()
    _drop(a, "broken.xml", b"<Invoice><unclosed>")
    _drop(a, "two.xml", ubl_invoice(number="WATCH-2"))
    _wait(lambda: sorted(f["status"] for f in _rows(a, s.flows)) == [
        "IN_EN_ATTENTE_TRAITEMENT_CPP", "IN_INTEGRE", "IN_REJETE"],
        what="A went on while B was down: broken rejected, two waiting")
    said = f"following https://127.0.0.1:{port}: not reached"
    _wait(lambda: said in (a.log.read_text() if a.log else ""),
          what="a follow that failed, said in A's log")
    assert a.proc is not None and a.proc.poll() is None

    b.start()
    _wait(lambda: sorted(f["status"] for f in _rows(a, s.flows)) == [
        "IN_INTEGRE", "IN_INTEGRE", "IN_REJETE"], what="A delivered two once B was back")
    _wait(lambda: _codes(a) == [200, 200, 201, 201], what="A's watch filed two's statuses")
    _wait(lambda: [r["ack_status"] for r in _rows(a, s.api_remote_flows)] == ["Ok", "Ok"],
          what="and its acknowledgement")
    assert len({e["carried_by"] for e in _rows(a, s.lifecycle_events)}) == 4   # each once
