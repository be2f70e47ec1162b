"""A real SQLite ledger filled through the Ledger API, and the app over it."""

from __future__ import annotations

import itertools
import json
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from edi.config import Settings, load
from edi.ledger import Ledger
from edi.model import (
    Container,
    Document,
    Finding,
    Flow,
    FlowStatus,
    Invoice,
    Reason,
    Severity,
    Syntax,
    new_flow_id,
    utcnow,
)
from tests.conftest import BACKEND, new_ledger_url

REPO = Path(__file__).resolve().parents[2]

_serial = itertools.count(1)

SELLER = "73282932000074"
BUYER = "11000201100044"
OTHER_SELLER = "35600000000048"

BR_FR_12 = Finding("BR-FR-12", Severity.FATAL, "br-fr", "/Invoice/cbc:BuyerReference",
                   "buyer reference (BT-10) is missing; Chorus Pro requires the service code")
BR_CO_15 = Finding("BR-CO-15", Severity.FATAL, "en16931", "/Invoice/cac:LegalMonetaryTotal",
                   "total with VAT 1200.00 differs from total without VAT + VAT 1440.00")
WARN = Finding("BR-FR-W-01", Severity.WARNING, "br-fr", "/Invoice/cbc:Note",
               "no PMT note; expected the fixed indemnity note")


@dataclass
class Filled:
    """What a test put into the ledger, by role."""

    ledger: Ledger
    settings: Settings
    ids: dict[str, str] = field(default_factory=dict)


def document(number: str, seller: str = SELLER, buyer: str = BUYER, syntax: Syntax = Syntax.UBL,
             findings: tuple[Finding, ...] = (), reason: Reason | None = None,
             seq: int = 1, delivered: bool = True) -> Document:
    inv = Invoice(number=number, issue_date="2025-03-14", type_code="380", currency="EUR",
                  seller_name="Atelier Numerique SAS", seller_siret=seller,
                  buyer_name="Ministere des Tests", buyer_siret=buyer,
                  total_with_vat="1440.00", line_count=1)
    return Document(seq=seq, name=f"{number}.xml", content=b"<Invoice/>",
                    container=Container.XML, syntax=syntax, invoice=inv,
                    findings=list(findings), reason=reason, delivered=delivered)


def add_flow(ledger: Ledger, status: FlowStatus, docs: list[Document], file_name: str,
             received_at: datetime | None = None, reason: str | None = None,
             fmt: str | None = None, archive_path: str | None = None) -> Flow:
    """Receive, (archive,) then finish a flow as the processor does."""
    at = received_at or utcnow()
    # new_flow_id never goes back in time within a process; a flow "received" in the
    # past gets the id it would have had then (ids sort by reception time).
    flow_id = new_flow_id() if at >= utcnow() - timedelta(seconds=1) else \
        f"F{at:%Y%m%dT%H%M%S}{at.microsecond:06d}-{next(_serial):06x}"
    flow = Flow(flow_id=flow_id, file_name=file_name,
                sha256="0" * 64, size=1234, interface="inbox", status=FlowStatus.IN_RECU,
                received_at=at, format=fmt or (docs[0].format if docs else None),
                source=f"inbox/{file_name}")
    ledger.receive([flow])
    if archive_path is not None:
        ledger.set_status(flow.flow_id, FlowStatus.IN_EN_COURS_TRAITEMENT_CPP, "archived",
                          archive_path=archive_path)
    if status.terminal:
        ledger.finish(flow, status, docs, reason, 0.05, {})
    else:
        ledger.set_status(flow.flow_id, status, "waiting")
    return flow


def fill(ledger: Ledger) -> dict[str, str]:
    """A small, known ledger: integrated, rejected (with findings), partial, retrying."""
    now = utcnow()
    ids = {}
    # In time order: flow ids sort by reception, as when the processor receives them.
    ids["old"] = add_flow(ledger, FlowStatus.IN_INTEGRE, [document("FA-OLD-1")], "old.xml",
                          now - timedelta(days=3)).flow_id
    ids["ok"] = add_flow(ledger, FlowStatus.IN_INTEGRE, [document("FA-OK-1")], "ok.xml",
                         now - timedelta(hours=2)).flow_id
    ids["cii"] = add_flow(ledger, FlowStatus.IN_INTEGRE,
                          [document("FA-CII-7", seller=OTHER_SELLER, syntax=Syntax.CII)],
                          "cii.xml", now - timedelta(hours=1, minutes=30)).flow_id
    ids["rejected"] = add_flow(
        ledger, FlowStatus.IN_REJETE,
        [document("FA-BAD-9", findings=(BR_FR_12, BR_CO_15, WARN), reason=Reason.REJ_SEMAN,
                  delivered=False)],
        "bad.xml", now - timedelta(hours=1), reason="REJ_SEMAN").flow_id
    ids["partial"] = add_flow(
        ledger, FlowStatus.IN_INTEGRE_PARTIEL,
        [document("FA-P-1", seq=1),
         document("FA-P-2", seq=2, findings=(BR_FR_12,), reason=Reason.REJ_SEMAN,
                  delivered=False)],
        "batch.zip", now - timedelta(minutes=30), reason="REJ_SEMAN").flow_id
    ids["retry"] = add_flow(ledger, FlowStatus.IN_EN_ATTENTE_RETRAITEMENT_CPP, [], "wait.xml",
                            now - timedelta(minutes=20), fmt="UBL").flow_id
    return ids


def make_settings(tmp_path: Path, extra: str = "") -> Settings:
    """Settings rooted in ``tmp_path`` (inbox, archive, reports and a SQLite ledger live
    there; a PostgreSQL ledger is a new database: tests/conftest.py)."""
    toml = tmp_path / "edi.toml"
    if BACKEND == "postgresql":
        extra = f'[paths]\nledger = "{new_ledger_url(tmp_path)}"\n' + extra
    toml.write_text(extra, encoding="utf-8")
    return load(toml, base_dir=tmp_path)


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Filled]:
    settings = make_settings(tmp_path)
    ledger = Ledger(settings.ledger_url)
    try:
        yield Filled(ledger, settings, fill(ledger))
    finally:
        ledger.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    filled: Filled
    stop: Callable[[], None]


def start_server(tmp_path: Path, extra: str = "") -> Server:
    """A filled ledger and the real server on it (the same path as ``edi watch --serve``)."""
    from edi.web.app import serve_in_thread

    settings = make_settings(tmp_path, extra)
    ledger = Ledger(settings.ledger_url)
    filled = Filled(ledger, settings, fill(ledger))
    port = free_port()
    stop = serve_in_thread(settings, "127.0.0.1", port)
    return Server(f"http://127.0.0.1:{port}", filled, stop)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = start_server(tmp_path_factory.mktemp("serve"))
    try:
        yield srv
    finally:
        srv.stop()
        srv.filled.ledger.close()


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def http(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> Reply:
    """One real HTTP request (stdlib only), redirects not followed."""
    req = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with _opener.open(req, timeout=10) as resp:
            return Reply(resp.status, {k.lower(): v for k, v in resp.headers.items()},
                         resp.read())
    except urllib.error.HTTPError as err:
        return Reply(err.code, {k.lower(): v for k, v in err.headers.items()}, err.read())
