"""The JSON API, downloads and health over a real server and a real SQLite ledger."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

import pytest

from edi.model import utcnow
from tests.web.conftest import BUYER, OTHER_SELLER, SELLER, Server, http, start_server


def flows(server: Server, query: str = "") -> dict:
    reply = http(f"{server.url}/api/flows{query}")
    assert reply.status == 200, reply.text
    return reply.json()


def ids(page: dict) -> list[str]:
    return [f["flow_id"] for f in page["flows"]]


def test_list_is_newest_first_with_counts(server: Server) -> None:
    page = flows(server)
    assert page["total"] == 6 and page["total_capped"] is False
    assert ids(page) == sorted(ids(page), reverse=True)
    assert ids(page)[0] == server.filled.ids["retry"]


@pytest.mark.parametrize(("query", "expected"), [
    ("?status=IN_REJETE", {"rejected"}),
    ("?status=IN_REJETE,IN_INTEGRE_PARTIEL", {"rejected", "partial"}),
    ("?status=IN_REJETE&status=IN_EN_ATTENTE_RETRAITEMENT_CPP", {"rejected", "retry"}),
    ("?format=CII", {"cii"}),
    (f"?supplier={OTHER_SELLER}", {"cii"}),
    (f"?supplier={SELLER[:9]}&status=IN_INTEGRE", {"ok", "old"}),
    (f"?buyer={BUYER}&status=IN_INTEGRE_PARTIEL", {"partial"}),
    ("?q=FA-BAD-9", {"rejected"}),          # invoice number
    ("?q=FA-P-2", {"partial"}),             # second invoice of an archive
    (f"?q={OTHER_SELLER}", {"cii"}),        # SIRET
])
def test_filters_and_search(server: Server, query: str, expected: set[str]) -> None:
    want = {server.filled.ids[k] for k in expected}
    assert set(ids(flows(server, query))) == want


def test_search_by_flow_id_and_date_range(server: Server) -> None:
    old = server.filled.ids["old"]
    assert ids(flows(server, f"?q={old}")) == [old]
    three_days_ago = (utcnow() - timedelta(days=3)).date().isoformat()
    assert ids(flows(server, f"?since={three_days_ago}&until={three_days_ago}")) == [old]
    assert old not in ids(flows(server, f"?since={(utcnow().date()).isoformat()}"))
    since = quote((utcnow() - timedelta(minutes=45)).isoformat())
    assert set(ids(flows(server, f"?since={since}"))) == {
        server.filled.ids["partial"], server.filled.ids["retry"]}


def test_pagination_walks_every_flow_once(server: Server) -> None:
    seen: list[str] = []
    for offset in range(0, 8, 4):
        page = flows(server, f"?limit=4&offset={offset}")
        assert page["limit"] == 4 and page["offset"] == offset and page["total"] == 6
        seen += ids(page)
    assert len(seen) == 6 and len(set(seen)) == 6


@pytest.mark.parametrize("query", ["?status=NOPE", "?format=PDF", "?limit=0", "?limit=x",
                                   "?since=yesterday", "?offset=-1"])
def test_bad_filters_are_400_with_a_reason(server: Server, query: str) -> None:
    reply = http(f"{server.url}/api/flows{query}")
    assert reply.status == 400
    assert reply.json()["error"].split(":")[0] in query


def test_detail_has_invoices_findings_and_history(server: Server) -> None:
    flow_id = server.filled.ids["rejected"]
    data = http(f"{server.url}/api/flows/{flow_id}").json()
    assert data["flow"]["status"] == "IN_REJETE" and data["flow"]["reason"] == "REJ_SEMAN"
    (invoice,) = data["invoices"]
    assert invoice["number"] == "FA-BAD-9" and invoice["status"] == "REJETEE"
    assert invoice["status_code"] == 213
    rules = {(f["rule_id"], f["severity"]) for f in invoice["findings"]}
    assert rules == {("BR-FR-12", "fatal"), ("BR-CO-15", "fatal"), ("BR-FR-W-01", "warning")}
    br = next(f for f in invoice["findings"] if f["rule_id"] == "BR-FR-12")
    assert br["location"] == "/Invoice/cbc:BuyerReference" and "BT-10" in br["message"]
    assert [e["status"] for e in data["history"]] == ["IN_RECU", "IN_REJETE"]
    assert "archive_path" not in data["flow"]


def test_detail_and_page_name_the_process_holding_the_flow(tmp_path) -> None:
    """Ops see which process (node:pid:id) has a flow in hand and until when; once the
    flow is concluded the lease is given back and only its last owner is named."""
    from edi.model import FlowStatus
    from tests.web.conftest import add_flow, document

    srv = start_server(tmp_path)
    try:
        ledger = srv.filled.ledger
        busy = add_flow(ledger, FlowStatus.IN_EN_COURS_TRAITEMENT_CPP, [document("FA-L-1")],
                        "busy.xml")
        done = add_flow(ledger, FlowStatus.IN_INTEGRE, [document("FA-L-2")], "done.xml")
        lease = http(f"{srv.url}/api/flows/{busy.flow_id}").json()["lease"]
        assert lease["owner"] == ledger.owner
        assert lease["node"] == ledger.owner.split(":")[0] and lease["until"] is not None
        assert lease["until"] > utcnow().isoformat()[:19]
        page = http(f"{srv.url}/flows/{busy.flow_id}").text
        assert ledger.owner in page and "in hand, lease until" in page
        lease = http(f"{srv.url}/api/flows/{done.flow_id}").json()["lease"]
        assert (lease["owner"], lease["until"]) == (ledger.owner, None)
        assert "given back" in http(f"{srv.url}/flows/{done.flow_id}").text
    finally:
        srv.stop()
        srv.filled.ledger.close()


def test_unknown_flow_is_404(server: Server) -> None:
    assert http(f"{server.url}/api/flows/F0-nope").status == 404
    assert http(f"{server.url}/flows/F0-nope").status == 404


def test_overview_numbers(server: Server) -> None:
    data = http(f"{server.url}/api/overview?days=7").json()
    assert data["pending_retries"] == 1
    assert data["oldest_unfinished"]["flow_id"] == server.filled.ids["retry"]
    assert data["rejected_share"] == pytest.approx(1 / 5)   # 1 rejected of 5 finished
    assert data["top_rules"][0] == {"rule_id": "BR-FR-12", "findings": 2, "flows": 2}
    assert "BR-FR-W-01" not in {r["rule_id"] for r in data["top_rules"]}  # warnings
    assert sum(r["count"] for r in data["per_day"]) == 6
    # days=1 is today since midnight UTC: the two integrated flows of the last 2 hours,
    # fewer when the test runs just after midnight (the fill is relative to now)
    midnight = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    today = sum(1 for hours in (2, 1.5) if utcnow() - timedelta(hours=hours) >= midnight)
    counts = http(f"{server.url}/api/overview?days=1").json()["counts"]
    assert counts.get("IN_INTEGRE", 0) == today


def test_pages_are_read_only(server: Server) -> None:
    for path in ("/flows", "/api/flows", "/"):
        assert http(f"{server.url}{path}", method="POST").status == 405
        assert http(f"{server.url}{path}", method="DELETE").status == 405


def test_pages_render_and_send_security_headers(server: Server) -> None:
    reply = http(f"{server.url}/flows?status=IN_REJETE")
    assert reply.status == 200 and "FA-BAD-9" not in reply.text  # the list shows flows
    assert server.filled.ids["rejected"] in reply.text
    assert server.filled.ids["ok"] not in reply.text
    assert "script-src 'self'" in reply.headers["content-security-policy"]
    detail = http(f"{server.url}/flows/{server.filled.ids['rejected']}").text
    assert "BR-CO-15" in detail and "/Invoice/cac:LegalMonetaryTotal" in detail


def test_downloads_original_and_compte_rendu(tmp_path) -> None:
    srv = start_server(tmp_path)
    try:
        settings, ledger = srv.filled.settings, srv.filled.ledger
        from edi.model import FlowStatus
        from tests.web.conftest import add_flow, document

        rel = "archive/2025/03/14/X/facture.xml"
        original = settings.base_dir / rel
        original.parent.mkdir(parents=True)
        original.write_bytes(b"<Invoice>original</Invoice>")
        flow = add_flow(ledger, FlowStatus.IN_INTEGRE, [document("FA-DL-1")], "facture.xml",
                        archive_path=rel)
        reports = settings.base_dir / "reports"
        reports.mkdir()
        (reports / f"{flow.flow_id}.cr.json").write_text('{"flow_id": "x"}')
        (reports / f"{flow.flow_id}.cr.xml").write_text("<cr/>")

        links = http(f"{srv.url}/api/flows/{flow.flow_id}").json()["links"]
        assert set(links) == {"original", "cr_json", "cr_xml"}
        got = http(srv.url + links["original"])
        assert got.body == b"<Invoice>original</Invoice>"
        assert 'filename="facture.xml"' in got.headers["content-disposition"]
        assert http(srv.url + links["cr_xml"]).body == b"<cr/>"
        assert http(srv.url + links["cr_json"]).headers["content-type"].startswith(
            "application/json")

        # An archive_path pointing outside the archive folder is never served.
        (settings.base_dir / "secret.txt").write_text("no")
        sneaky = add_flow(ledger, FlowStatus.IN_INTEGRE, [document("FA-DL-2")], "s.xml",
                          archive_path="archive/../secret.txt")
        assert "original" not in http(f"{srv.url}/api/flows/{sneaky.flow_id}").json()["links"]
        assert http(f"{srv.url}/flows/{sneaky.flow_id}/original").status == 404
        assert http(f"{srv.url}/flows/{sneaky.flow_id}/..%2Fsecret.txt").status == 404
    finally:
        srv.stop()
        srv.filled.ledger.close()


def test_health_follows_the_watchers_scans(tmp_path) -> None:
    import time

    srv = start_server(tmp_path, "[serve]\nhealth_max_scan_age = 0.5\n")
    try:
        stale = http(f"{srv.url}/health")
        assert stale.status == 503 and stale.json()["last_scan"] is None
        srv.filled.ledger.record_scan("inbox")
        fresh = http(f"{srv.url}/health")
        assert fresh.status == 200 and fresh.json()["status"] == "ok"
        time.sleep(0.7)
        assert http(f"{srv.url}/health").status == 503
    finally:
        srv.stop()
        srv.filled.ledger.close()


@pytest.mark.parametrize("fields", [
    {}, {"status": ("IN_REJETE", "IN_INTEGRE")}, {"format": "CII"}, {"supplier": SELLER[:6]},
    {"buyer": BUYER}, {"search": "FA-P-2"}, {"search": OTHER_SELLER}, {"search": "bad.xml"},
    {"search": "nothing"}, {"supplier": SELLER, "status": ("IN_INTEGRE",), "limit": 2}])
def test_the_capped_count_agrees_with_the_exact_count(server: Server, fields: dict) -> None:
    """The dashboard's capped count (pagination over a million flows) is exact below it."""
    from edi.ledger import FlowQuery, queries

    q = FlowQuery(**fields)
    ledger = server.filled.ledger
    assert queries.count_capped(ledger, q, 1000) == (ledger.count(q), False)
    assert queries.count_capped(ledger, q, 0)[1] is (ledger.count(q) > 0)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_no_server_path_in_any_api_answer(tmp_path) -> None:
    """Flows recorded as the processor records them (absolute source, archive path, error
    messages naming files) are published by name and download link only."""
    from edi.model import Flow, FlowStatus, new_flow_id
    from tests.web.conftest import add_flow, document

    srv = start_server(tmp_path)
    try:
        settings, ledger = srv.filled.settings, srv.filled.ledger
        base = settings.base_dir
        inbox, outbox = settings.path(settings.paths.inbox), settings.path(settings.paths.outbox)
        archived = base / "archive" / "2025" / "03" / "14" / "FA-PATH-1.xml"
        archived.parent.mkdir(parents=True)
        archived.write_bytes(b"<Invoice/>")
        done = add_flow(ledger, FlowStatus.IN_INTEGRE, [document("FA-PATH-1")], "FA-PATH-1.xml",
                        archive_path=str(archived))
        ledger.set_status(done.flow_id, FlowStatus.IN_INTEGRE,
                          f"delivered to {outbox}/FA-PATH-1.xml")
        stuck = Flow(flow_id=new_flow_id(), file_name="FA-PATH-2.xml", sha256="1" * 64,
                     size=10, interface="inbox", status=FlowStatus.IN_RECU,
                     received_at=utcnow() - timedelta(days=30),
                     source=str(inbox / "FA-PATH-2.xml"))
        ledger.receive([stuck])
        ledger.schedule_retry(stuck.flow_id, 1, utcnow() + timedelta(hours=1),
                              f"[Errno 28] No space left on device: '{outbox}/FA-PATH-2.xml'; "
                              "key '/etc/edi/keys/acme_ed25519' refused")
        from_sftp = Flow(flow_id=new_flow_id(), file_name="FA-PATH-3.xml", sha256="2" * 64,
                         size=10, interface="sftp:acme", status=FlowStatus.IN_RECU,
                         received_at=utcnow(), source="sftp://edi@sftp.acme.fr/out/FA-PATH-3.xml")
        ledger.receive([from_sftp])

        replies = {path: http(srv.url + path) for path in (
            "/api/flows?limit=500", "/api/overview?days=60", "/health", "/openapi.json",
            *(f"/api/flows/{fid}" for fid in (done.flow_id, stuck.flow_id, from_sftp.flow_id,
                                              *srv.filled.ids.values())))}
        for path, reply in replies.items():
            assert reply.status in (200, 503), path
            for form in {str(tmp_path), str(tmp_path.resolve()), "/etc/edi"}:
                assert form not in reply.text, (path, form)
            for value in _strings(reply.json()):
                assert not value.startswith(("/tmp", "/etc", "/srv", "/var", "/home")), value

        page = {f["flow_id"]: f for f in replies["/api/flows?limit=500"].json()["flows"]}
        assert page[stuck.flow_id]["source"] == "FA-PATH-2.xml"      # relative to the inbox
        assert page[from_sftp.flow_id]["source"] == "sftp://edi@sftp.acme.fr/out/FA-PATH-3.xml"
        assert page[stuck.flow_id]["detail"].endswith(
            "'<outbox>/FA-PATH-2.xml'; key '.../acme_ed25519' refused")
        assert page[done.flow_id]["detail"] == "delivered to <outbox>/FA-PATH-1.xml"
        oldest = replies["/api/overview?days=60"].json()["oldest_unfinished"]
        assert oldest["flow_id"] == stuck.flow_id and "<outbox>/FA-PATH-2.xml" in oldest["detail"]
        detail = replies[f"/api/flows/{done.flow_id}"].json()
        assert detail["links"]["original"] == f"/flows/{done.flow_id}/original"
        assert http(srv.url + detail["links"]["original"]).body == b"<Invoice/>"
        history = replies[f"/api/flows/{stuck.flow_id}"].json()["history"]
        assert any("<outbox>/FA-PATH-2.xml" in (h["detail"] or "") for h in history)
    finally:
        srv.stop()
        srv.filled.ledger.close()
