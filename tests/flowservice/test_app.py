"""The Flow Service as a client sees it: a real `edi flow-service` on 127.0.0.1.

Submissions are durable before 202 and never make a second flow; search and get answer
from the ledger with the technical acknowledgement; bad input is a clear HTTP error."""

from __future__ import annotations

import base64
import hashlib
import json
import time
from urllib.parse import urlencode

from sqlalchemy import create_engine, select
from sqlalchemy.pool import NullPool

from edi.flowservice import client as http
from edi.ledger import schema as s
from edi.samples import cii_invoice, facturx_pdf, ubl_invoice
from tests.flowservice.conftest import TOKEN, Instance, make_instance


def _flow_row(inst: Instance, flow_id: str) -> dict | None:
    engine = create_engine(inst.ledger, poolclass=NullPool)
    try:
        with engine.connect() as c:
            row = c.execute(select(s.flows).where(s.flows.c.flow_id == flow_id)).first()
            return dict(row._mapping) if row else None
    finally:
        engine.dispose()


def _on_disk(inst: Instance, flow_id: str) -> list[bytes]:
    """The contents of the flow's files anywhere under the instance: its work file until
    it is archived, then its archived original. The running instance may move one away
    between the listing and the read (archived, then the work file removed): that listing
    is taken again, never waited for (the original is always in one place or both)."""
    for _ in range(5):
        listed = [p for p in inst.root.rglob(f"{flow_id}*") if p.is_file()] + \
            list((inst.root / "archive").rglob(f"{flow_id}/*"))
        try:
            return [p.read_bytes() for p in listed]
        except FileNotFoundError:   # moved on since listed: list again
            continue
    raise AssertionError(f"the files of {flow_id} kept moving while being read")


def test_a_submission_is_in_the_ledger_and_on_disk_once_answered_202_then_becomes_ok(
        one: Instance) -> None:
    content = ubl_invoice(number="API-0001")
    answer = one.client().submit("api-0001.xml", content, tracking_id="erp-0001")
    assert answer.status == 202, answer.body
    body = answer.json()
    assert body["trackingId"] == "erp-0001" and body["flowSyntax"] == "UBL"
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    row = _flow_row(one, body["flowId"])
    assert row is not None and row["interface"] == "api"
    assert content in _on_disk(one, body["flowId"])
    flow = one.wait_ack(body["flowId"])
    assert flow["acknowledgement"] == {"status": "Ok"}
    assert flow["trackingId"] == "erp-0001" and flow["flowDirection"] == "Out"
    original = one.client().get(body["flowId"], "Original")
    assert original.status == 200 and original.body == content
    assert original.headers["content-disposition"] == "attachment;filename=api-0001.xml"


def test_the_same_tracking_id_or_the_same_bytes_again_is_already_existing_never_a_second_flow(
        one: Instance) -> None:
    client = one.client()
    content = cii_invoice(number="API-0002")
    first = client.submit("a.xml", content, tracking_id="t-2").json()["flowId"]
    again = client.submit("a.xml", content, tracking_id="t-2")
    same_bytes = client.submit("b.xml", content, tracking_id="t-other")
    other_bytes = client.submit("c.xml", cii_invoice(number="API-0003"), tracking_id="t-2")
    for answer in (again, same_bytes, other_bytes):
        assert answer.status == 422, answer.body
        assert answer.json()["errorCode"] == "AlreadyExistingFlow"
        assert answer.json()["instance"] == f"/v1/flows/{first}"
    found = client.search({"trackingId": "t-2"}).json()["results"]
    assert [f["flowId"] for f in found] == [first]


def test_a_checksum_that_is_not_the_file_s_is_checksum_mismatch_and_nothing_is_kept(
        one: Instance) -> None:
    content = ubl_invoice(number="API-0004")
    info = {"name": "x.xml", "flowSyntax": "UBL", "trackingId": "t-4", "sha256": "0" * 64}
    body, ctype = http.multipart(info, "x.xml", content, "application/xml")
    answer = one.client().call("POST", "/v1/flows", body, {"Content-Type": ctype})
    assert answer.status == 422 and answer.json()["errorCode"] == "ChecksumMismatch"
    assert one.client().search({"trackingId": "t-4"}).json()["results"] == []
    assert one.client().submit("x.xml", content, tracking_id="t-4").status == 202


def test_technical_rejections_are_error_acknowledgements_with_reason_code_enum_values(
        one: Instance) -> None:
    client = one.client()
    empty = client.submit("empty.xml", b"", tracking_id="t-empty").json()["flowId"]
    broken = client.submit("broken.xml", b"<Invoice><unclosed></Invoice>",
                           tracking_id="t-broken").json()["flowId"]
    for flow_id, code in ((empty, "EmptyFlow"), (broken, "InvalidSchema")):
        ack = one.wait_ack(flow_id)["acknowledgement"]
        assert ack["status"] == "Error", ack
        assert [d["reasonCode"] for d in ack["details"]] == [code]
        assert ack["details"][0]["level"] == "Error" and ack["details"][0]["reasonMessage"]
    errors = client.search({"ackStatus": "Error"}).json()["results"]
    assert {f["flowId"] for f in errors} == {empty, broken}


def test_a_factur_x_pdf_is_its_own_readable_view_and_nothing_is_converted(
        one: Instance) -> None:
    pdf = facturx_pdf(number="API-PDF-1")
    flow_id = one.client().submit("fx.pdf", pdf).json()["flowId"]
    flow = one.wait_ack(flow_id)
    assert flow["flowSyntax"] == "Factur-X"
    assert one.client().get(flow_id, "ReadableView").body == pdf
    converted = one.client().get(flow_id, "Converted")
    assert converted.status == 404 and converted.json()["errorCode"] == "MISSING_RESOURCE"
    assert one.client().get(flow_id, "Nonsense").status == 400


def test_no_token_or_a_wrong_one_is_401_and_a_request_id_is_a_uuid_echoed(one: Instance
                                                                          ) -> None:
    none = http.request("POST", f"{one.url}/v1/flows/search", b'{"where": {}}',
                        {"Content-Type": "application/json"}, timeout=10)
    assert none.status == 401 and none.json()["errorCode"] == "MISSING_TOKEN"
    wrong = one.client(token="not-the-token").search({})
    assert wrong.status == 401 and wrong.json()["errorCode"] == "INVALID_TOKEN"
    rid = "6f1c9a3e-0000-4000-8000-000000000001"
    health = one.client().call("GET", "/v1/healthcheck", headers={"Request-Id": rid})
    assert health.status == 200 and health.headers["request-id"] == rid
    assert http.request("GET", f"{one.url}/v1/healthcheck", None, {}, timeout=10).status == 401
    not_uuid = one.client().call("POST", "/v1/flows/search", b'{"where": {}}',
                                 {"Request-Id": "abc", "Content-Type": "application/json"})
    assert not_uuid.status == 400 and not_uuid.json()["errorCode"] == "INVALID_REQUEST_ID"


def test_bad_submissions_are_clear_http_errors(one: Instance) -> None:
    client = one.client()
    content = ubl_invoice(number="API-0005")
    wrong_syntax, ctype = http.multipart({"name": "w.xml", "flowSyntax": "PDF"}, "w.xml",
                                         content, "application/xml")
    answer = client.call("POST", "/v1/flows", wrong_syntax, {"Content-Type": ctype})
    assert answer.status == 400 and "flowSyntax" in answer.json()["errorMessage"]
    no_name, ctype = http.multipart({"flowSyntax": "UBL"}, "w.xml", content, "application/xml")
    assert client.call("POST", "/v1/flows", no_name, {"Content-Type": ctype}).status == 400
    broken = client.call("POST", "/v1/flows", b"--xyz\r\nnot a part",
                         {"Content-Type": "multipart/form-data; boundary=xyz"})
    assert broken.status == 400, broken.body
    not_multipart = client.call("POST", "/v1/flows", b"{}", {"Content-Type": "application/json"})
    assert not_multipart.status == 400
    assert client.search({}).json()["results"] == []   # none of them made a flow


def test_a_file_over_the_maximum_is_413(instances: list[Instance], tmp_path) -> None:
    inst = make_instance(instances, tmp_path / "small")
    inst.configure(flow_service="max_bytes = 2000")
    inst.start()
    answer = inst.client().submit("big.xml", ubl_invoice(number="BIG"))   # ~6 KB
    assert answer.status == 413 and answer.json()["errorCode"] == "FILE_SIZE_EXCEEDED"
    assert inst.client().search({}).json()["results"] == []


def test_a_client_sees_only_its_own_flows_and_oauth2_client_credentials_give_a_token(
        instances: list[Instance], tmp_path) -> None:
    inst = make_instance(instances, tmp_path / "clients")
    inst.configure(flow_service='''
[[flow_service.client]]
name = "erp-a"
token_env = "TOKEN_A"
[[flow_service.client]]
name = "erp-b"
secret_env = "SECRET_B"
''')
    inst.env = {"TOKEN_A": "token-of-a", "SECRET_B": "secret-of-b"}
    inst.start()
    a = inst.client(token="token-of-a")
    mine = a.submit("a.xml", ubl_invoice(number="A-1"), tracking_id="a-1").json()["flowId"]
    form = urlencode({"grant_type": "client_credentials", "client_id": "erp-b",
                      "client_secret": "secret-of-b"}).encode()
    issued = http.request("POST", f"{inst.url}/v1/token", form,
                          {"Content-Type": "application/x-www-form-urlencoded"}, timeout=10)
    assert issued.status == 200 and issued.json()["token_type"] == "Bearer"
    b = inst.client(token=issued.json()["access_token"])
    assert b.get(mine).status == 404
    assert b.search({}).json()["results"] == []
    theirs = b.submit("b.xml", ubl_invoice(number="B-1")).json()["flowId"]
    assert [f["flowId"] for f in a.search({}).json()["results"]] == [mine]
    assert a.get(theirs).status == 404
    assert {f["flowId"] for f in inst.client().search({}).json()["results"]} == {mine, theirs}
    basic = base64.b64encode(b"erp-b:wrong").decode()
    refused = http.request("POST", f"{inst.url}/v1/token", b"grant_type=client_credentials",
                           {"Authorization": f"Basic {basic}",
                            "Content-Type": "application/x-www-form-urlencoded"}, timeout=10)
    assert refused.status == 401


def test_search_pages_with_a_cursor_and_filters_by_update_time(one: Instance) -> None:
    client = one.client()
    ids = [client.submit(f"p{i}.xml", ubl_invoice(number=f"PAGE-{i}")).json()["flowId"]
           for i in range(5)]
    for flow_id in ids:
        one.wait_ack(flow_id)
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        page = client.search({}, limit=2, cursor=cursor).json()
        assert len(page["results"]) <= 2
        seen += [f["flowId"] for f in page["results"]]
        cursor = page.get("nextCursor")
        if cursor is None:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == len(set(seen))
    last = client.get(ids[-1]).json()["updatedAt"]
    later = client.search({"updatedAfter": last}).json()["results"]
    assert ids[-1] not in [f["flowId"] for f in later]
    assert client.search({"ackStatus": "Bogus"}).status == 400
    assert json.loads(client.search({}, limit=0).body)["errorCode"] == "INVALID_REQUEST"
    assert TOKEN


def test_concurrent_identical_submissions_make_one_flow(one: Instance) -> None:
    from concurrent.futures import ThreadPoolExecutor

    content = ubl_invoice(number="API-RACE")
    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda _: one.client().submit(
            "race.xml", content, tracking_id="t-race"), range(12)))
    statuses = sorted(a.status for a in answers)
    assert statuses == [202] + [422] * 11, [a.body for a in answers]
    first = next(a.json()["flowId"] for a in answers if a.status == 202)
    assert {a.json()["instance"] for a in answers if a.status == 422} == {f"/v1/flows/{first}"}
    assert [f["flowId"] for f in one.client().search({}).json()["results"]] == [first]


_VARYING = {"flow_id", "file_name", "interface", "received_at", "finished_at", "history",
            "output_name", "seconds", "duration", "at"}


def _stable(value: object) -> object:
    """A compte rendu without what names the flow or its times."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in _VARYING}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def test_the_same_file_by_the_api_and_by_the_inbox_gets_the_same_verdict_and_report(
        instances: list[Instance], tmp_path) -> None:
    import subprocess
    import sys

    api = make_instance(instances, tmp_path / "api")
    api.configure()
    api.start()
    inbox = make_instance(instances, tmp_path / "inbox")
    inbox.configure()
    content = ubl_invoice(number="SAME-1", seller_siret="41234567000018")  # a bad SIRET key
    flow_id = api.client().submit("same.xml", content).json()["flowId"]
    api.wait_ack(flow_id)
    (inbox.root / "inbox").mkdir(parents=True)
    (inbox.root / "inbox" / "same.xml").write_bytes(content)
    subprocess.run([sys.executable, "-m", "edi.cli", "process"], cwd=inbox.root, check=True,
                   capture_output=True, timeout=120)
    by_api = json.loads((api.root / "reports" / f"{flow_id}.cr.json").read_text())
    by_inbox = json.loads(next((inbox.root / "reports").glob("*.cr.json")).read_text())
    assert by_api["interface"] == "api" and by_inbox["interface"] == "inbox"
    assert _stable(by_api) == _stable(by_inbox)


def test_a_port_already_taken_is_refused_in_one_line_exit_2(instances: list[Instance],
                                                             tmp_path) -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        inst = make_instance(instances, tmp_path / "busy")
        inst.configure(port=taken.getsockname()[1])
        run = subprocess.run([sys.executable, "-m", "edi.cli", "flow-service"], cwd=inst.root,
                             capture_output=True, text=True, timeout=60)
    assert run.returncode == 2, run.stderr
    assert "[flow_service] the Flow Service could not listen on 127.0.0.1:" in run.stderr
    assert "Traceback" not in run.stderr


def test_lifecycle_statuses_we_set_are_cdar_flows_found_by_search(
        instances: list[Instance], tmp_path) -> None:
    inst = make_instance(instances, tmp_path / "platform")
    inst.configure(extra='[lifecycle]\nrole = "platform"\n')
    inst.start()
    client = inst.client()
    flow_id = client.submit("lc.xml", ubl_invoice(number="LC-1")).json()["flowId"]
    assert inst.wait_ack(flow_id)["acknowledgement"]["status"] == "Ok"
    found: list[dict] = []
    for _ in range(100):
        found = client.search({"flowDirection": ["In"]}).json()["results"]
        if found:
            break
        time.sleep(0.1)
    assert found and all(f["flowId"].startswith(f"{flow_id}-LC") for f in found)
    assert {(f["flowSyntax"], f["flowType"], f["acknowledgement"]["status"])
            for f in found} == {("CDAR", "CustomerInvoiceLC", "Ok")}
    message = client.get(found[0]["flowId"], "Original")
    assert message.status == 200 and b"CrossDomainAcknowledgementAndResponse" in message.body
    assert client.get(found[0]["flowId"]).json() == found[0]
    everything = [f["flowId"] for f in client.search({}).json()["results"]]
    assert flow_id in everything and found[0]["flowId"] in everything
    assert client.search({"flowDirection": ["Out"]}).json()["results"][0]["flowId"] == flow_id
    assert client.get(f"{flow_id}-LC999999").status == 404


def test_beyond_loopback_without_tls_the_flow_service_is_refused(instances: list[Instance],
                                                                  tmp_path) -> None:
    import subprocess
    import sys

    inst = make_instance(instances, tmp_path / "exposed")
    inst.configure()
    run = subprocess.run([sys.executable, "-m", "edi.cli", "flow-service", "--host",
                          "0.0.0.0"], cwd=inst.root, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2, run.stderr
    assert "beyond loopback the Flow Service needs TLS (tls_cert, tls_key)" in run.stderr


def test_a_client_sees_the_flows_of_its_structures_and_acts_only_for_them(
        instances: list[Instance], tmp_path) -> None:
    inst = make_instance(instances, tmp_path / "structures")
    inst.configure(flow_service='''
[[flow_service.client]]
name = "seller-portal"
token_env = "TOKEN_S"
structures = ["412345670"]
''')
    inst.env = {"TOKEN_S": "token-of-s"}
    inst.start()
    theirs = inst.client().submit("s.xml", ubl_invoice(number="S-1",
                                                       seller_siret="41234567000019"))
    other = inst.client().submit("o.xml", ubl_invoice(number="O-1",
                                                      seller_siret="73282932000074"))
    for answer in (theirs, other):
        inst.wait_ack(answer.json()["flowId"])
    portal = inst.client(token="token-of-s")
    seen = [f["flowId"] for f in portal.search({}).json()["results"]]
    assert seen == [theirs.json()["flowId"]]
    assert portal.get(other.json()["flowId"]).status == 404
    forbidden = portal.call("POST", "/v1/flows/search", b'{"where": {}}',
                            {"Organization-Id": "999999999",
                             "Content-Type": "application/json"})
    assert forbidden.status == 403 and forbidden.json()["errorCode"] == "FORBIDDEN_ACCESS"
    allowed = portal.call("POST", "/v1/flows/search", b'{"where": {}}',
                          {"Organization-Id": "41234567000019",
                           "Content-Type": "application/json"})
    assert allowed.status == 200
