"""An ERP built from the official XP Z12-013 description alone (erp.py: every request laid
out and every answer checked by the document itself) deposits real Factur-X PDFs on a
real `edi flow-service` (127.0.0.1, the static EDI_API_TOKEN), follows the flow to `Ok`
and then its lifecycle statuses, each a separate CDAR flow; the same files through an
inbox get the same verdict and the same compte rendu.

The instance is in the ``platform`` role with every default layer: as the ERP's platform
it publishes 200 Déposée and 201 Émise par la plateforme itself, and its user sets 203
Mise à disposition (`edi lifecycle set`). A seller-side status (212 Encaissée) cannot be
set on this invoice: its seller is German, has no SIREN, and a status of the seller
needs the issuer's SIREN (BR-FR-CDV-07, MDT-38), so edi-flux refuses to write it."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from edi.config import Validation
from tests.conftest import require_shared
from tests.flowservice.conftest import TOKEN, Instance, make_instance
from tests.flowservice.erp import Description, Erp, NotAsSpecified
from tests.flowservice.test_app import _flow_row
from tests.flowservice.test_delivery import _drop
from tests.flowservice.test_depositor import edi

pytestmark = pytest.mark.shared

OFFICIAL = ("reform", "notes", "XP-Z12-013-Flow-Service-1.3.0.openapi.json")
EN16931 = ("corpus", "facturx", "ZUGFeRDv2", "correct", "intarsys", "EN16931")
ACCEPTED = "zugferd_2p0_EN16931_Einfach.pdf"          # every default layer passes it
NUMBER = "471102"                                     # its invoice number (BT-1)
REFUSED = "zugferd_2p0_EN16931_Betriebskostenabrechnung.pdf"   # an empty attachment
CDAR = "urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
PLATFORM = '[lifecycle]\nrole = "platform"\nname = "Plateforme de l\'ERP"\n'


def _description() -> Description:
    return Description(require_shared(*OFFICIAL))


def _pdf(name: str) -> bytes:
    return require_shared(*EN16931, name).read_bytes()


def _platform(instances: list[Instance], root: Path) -> Instance:
    inst = make_instance(instances, root)
    inst.configure(layers=Validation().layers, extra=PLATFORM)
    return inst


def _erp(inst: Instance) -> Erp:
    return Erp(_description(), inst.url, TOKEN)


def _wait(what: str, probe: Any, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"not within {timeout} s: {what}")


def _status_of(cdar: bytes) -> tuple[str, int]:
    """(invoice number, status code) of a CDAR lifecycle message, read as the ERP reads
    it: the referenced document's IssuerAssignedID and ProcessConditionCode."""
    root = etree.fromstring(cdar, etree.XMLParser(resolve_entities=False, no_network=True))
    assert root.tag == f"{{{CDAR}}}CrossDomainAcknowledgementAndResponse", root.tag
    (ref,) = root.iterfind(f".//{{{RAM}}}ReferenceReferencedDocument")
    number = ref.findtext(f"{{{RAM}}}IssuerAssignedID")
    code = ref.findtext(f"{{{RAM}}}ProcessConditionCode")
    assert number is not None and code is not None
    return number, int(code)


class LifecycleInbox:
    """The lifecycle flows the ERP has taken so far, each downloaded once (Original)."""

    def __init__(self, erp: Erp) -> None:
        self.erp = erp
        self.taken: dict[str, tuple[dict[str, Any], str, int]] = {}

    def poll(self) -> dict[int, dict[str, Any]]:
        for flow in self.erp.search({"flowType": ["CustomerInvoiceLC"],
                                     "flowDirection": ["In"]}):
            if flow["flowId"] in self.taken:
                continue
            original = self.erp.download(flow["flowId"], "Original")
            assert original.status == 200, original.body
            assert original.headers["Content-Disposition"] == \
                f"attachment;filename={flow['name']}"
            self.taken[flow["flowId"]] = (flow, *_status_of(original.content))
        return {code: flow for flow, number, code in self.taken.values() if number == NUMBER}


def test_the_erp_deposits_a_factur_x_pdf_sees_it_ok_then_its_lifecycle_statuses(
        instances: list[Instance], tmp_path: Path) -> None:
    inst = _platform(instances, tmp_path / "pa")
    inst.start()
    erp = _erp(inst)
    pdf = _pdf(ACCEPTED)

    deposited = erp.deposit(ACCEPTED, pdf, "Factur-X", tracking_id="erp-einfach-1")
    assert deposited.status == 202, deposited.body
    flow_id = deposited.body["flowId"]
    assert deposited.body["trackingId"] == "erp-einfach-1"
    assert deposited.body["sha256"] == hashlib.sha256(pdf).hexdigest()
    seen, flow = erp.follow(flow_id)
    assert seen[-1] == "Ok" and set(seen) <= {"Pending", "Ok"}, seen
    assert flow["acknowledgement"] == {"status": "Ok"}
    assert (flow["flowType"], flow["flowDirection"], flow["flowSyntax"]) == (
        "CustomerInvoice", "Out", "Factur-X")
    assert flow["trackingId"] == "erp-einfach-1" and flow["name"] == ACCEPTED
    assert erp.download(flow_id, "Original").content == pdf

    inbox = LifecycleInbox(erp)
    _wait("the platform's 200 and 201", lambda: {200, 201} <= set(inbox.poll()))
    refused = subprocess.run([sys.executable, "-m", "edi.cli", "lifecycle", "set", flow_id,
                              "212", "--amount", "529.87", "--vat-rate", "19"],
                             cwd=inst.root, capture_output=True, text=True, timeout=60,
                             env={k: v for k, v in os.environ.items() if k != "EDI_CONFIG"})
    assert refused.returncode == 1 and "BR-FR-CDV-07" in refused.stderr, refused.stderr
    edi(inst.root, "lifecycle", "set", flow_id, "203")        # our user: Mise à disposition
    statuses = _wait("203 set by the platform's user", lambda: (
        found if 203 in (found := inbox.poll()) else None))
    assert set(statuses) == {200, 201, 203}, statuses    # and no 212: nothing was written
    order = [flow, statuses[200], statuses[201], statuses[203]]
    times = [datetime.fromisoformat(f["updatedAt"].replace("Z", "+00:00")) for f in order]
    assert times == sorted(times), times               # Ok, then the statuses in order
    ids = {f["flowId"] for f in statuses.values()}
    assert len(ids) == 3 and flow_id not in ids     # each status a flow of its own
    for lc in statuses.values():
        assert (lc["flowSyntax"], lc["flowType"], lc["flowDirection"]) == (
            "CDAR", "CustomerInvoiceLC", "In")
        assert lc["acknowledgement"] == {"status": "Ok"}
        assert erp.flow(lc["flowId"]) == lc           # getFlow says what search said
    assert list(erp.search({"flowType": ["CustomerInvoiceLC"], "flowDirection": ["Out"]})) \
        == []                                         # the ERP sent no lifecycle flow
    assert {op for op, _ in erp.log} == {"createFlow", "getFlow", "searchFlows"}


def test_a_pdf_the_rules_refuse_is_an_error_acknowledgement_with_a_reason_code_enum_value(
        instances: list[Instance], tmp_path: Path) -> None:
    inst = _platform(instances, tmp_path / "pa")
    inst.start()
    erp = _erp(inst)
    deposited = erp.deposit(REFUSED, _pdf(REFUSED), "Factur-X")
    assert deposited.status == 202, deposited.body
    seen, flow = erp.follow(deposited.body["flowId"])
    assert seen[-1] == "Error", seen
    (detail,) = flow["acknowledgement"]["details"]
    spec = _description()
    spec.check(spec.schema("ReasonCodeEnum"), detail["reasonCode"], "reasonCode")
    assert detail["reasonCode"] == "EmptyAttachement"    # IRR_VID_PJ, the enum's spelling
    assert (detail["level"], detail["item"]) == ("Error", NUMBER)
    assert "ATT-EMPTY" in detail["reasonMessage"]
    errors = list(erp.search({"ackStatus": "Error"}))
    assert [f["flowId"] for f in errors] == [flow["flowId"]]
    row = _flow_row(inst, flow["flowId"])
    assert row is not None and (row["status"], row["reason"]) == ("IN_REJETE", "IRR_VID_PJ")


# -- the same files through the inbox ------------------------------------------------------

# What must differ between the compte rendu of a flow deposited by the API and that of
# the same file (same name, same bytes) dropped into the inbox of an instance with the
# same configuration; everything else is compared as it is:
#   flow_id          minted per flow; it also appears in invoices[].output_name and in
#                    the archive path of the history: replaced by "<flow>" there;
#   interface        "api" against "inbox" (the point of the comparison), also named in
#                    the IN_RECU history detail ("via api"): replaced by "<interface>";
#   received_at, finished_at, history[].at      times;
#   invoices[].layers[].seconds                 durations;
#   the instance's folder in the history's archive path: two instances, two roots
#                    ("<root>"), and the archive's date folders (YYYY/MM/DD: a time).
TIMES = ("received_at", "finished_at")


def _comparable(report: dict[str, Any], inst: Instance) -> dict[str, Any]:
    flow_id, interface = report["flow_id"], report["interface"]
    out = {k: v for k, v in report.items() if k not in ("flow_id", "interface", *TIMES)}
    out["invoices"] = [{**inv, "layers": [{k: v for k, v in layer.items() if k != "seconds"}
                                          for layer in inv["layers"]]}
                       for inv in report["invoices"]]
    out["history"] = [{k: v for k, v in h.items() if k != "at"} for h in report["history"]]
    text = json.dumps(out, ensure_ascii=False)
    text = text.replace(flow_id, "<flow>").replace(str(inst.root.resolve()), "<root>") \
        .replace(str(inst.root), "<root>").replace(f"via {interface} ", "via <interface> ")
    text = re.sub(r"archive/\d{4}/\d{2}/\d{2}/", "archive/<date>/", text)
    return json.loads(text)


def _report(inst: Instance, flow_id: str) -> dict[str, Any]:
    return json.loads((inst.root / "reports" / f"{flow_id}.cr.json").read_text("utf-8"))


def test_the_same_files_through_the_inbox_get_the_same_verdict_and_compte_rendu(
        instances: list[Instance], tmp_path: Path) -> None:
    api, inbox = _platform(instances, tmp_path / "api"), _platform(instances, tmp_path / "inbox")
    assert (api.root / "edi.toml").read_text().replace(api.ledger, "L") == \
        (inbox.root / "edi.toml").read_text().replace(inbox.ledger, "L")   # same config
    api.start()
    inbox.start()
    erp, watcher = _erp(api), _erp(inbox)
    by_name: dict[str, dict[str, Any]] = {}
    for name in (ACCEPTED, REFUSED):
        deposited = erp.deposit(name, _pdf(name), "Factur-X")
        assert deposited.status == 202, deposited.body
        by_name[name] = erp.follow(deposited.body["flowId"])[1]
        _drop(inbox, name, _pdf(name))

    def dropped() -> dict[str, dict[str, Any]] | None:
        flows = {f["name"]: f for f in watcher.search({"flowType": ["CustomerInvoice"]})}
        done = set(flows) == set(by_name) and all(
            f["acknowledgement"]["status"] != "Pending" for f in flows.values())
        return flows if done else None

    dropped_flows = _wait("the inbox flows concluded", dropped)
    assert [by_name[n]["acknowledgement"]["status"] for n in (ACCEPTED, REFUSED)] == \
        ["Ok", "Error"]
    for name, through_api in by_name.items():
        through_inbox = dropped_flows[name]
        assert through_inbox["acknowledgement"] == through_api["acknowledgement"], name
        for key in ("flowSyntax", "flowProfile", "processingRule", "flowType"):
            assert through_inbox[key] == through_api[key], (name, key)
        a, b = (_flow_row(api, through_api["flowId"]),
                _flow_row(inbox, through_inbox["flowId"]))
        assert a is not None and b is not None
        assert (a["interface"], b["interface"]) == ("api", "inbox")
        assert (a["status"], a["reason"]) == (b["status"], b["reason"]), name
        report_a, report_b = _report(api, a["flow_id"]), _report(inbox, b["flow_id"])
        assert (report_a["interface"], report_b["interface"]) == ("api", "inbox")
        assert _comparable(report_a, api) == _comparable(report_b, inbox), name


# -- the ERP's own checks can fail ---------------------------------------------------------

def test_the_erp_refuses_an_answer_the_description_does_not_allow() -> None:
    spec = _description()
    get_flow = spec.operation("getFlow")
    json_type = {"Content-Type": "application/json"}
    good = {"flowId": "F1", "name": "a.pdf", "flowSyntax": "Factur-X",
            "flowProfile": "CIUS", "processingRule": "B2B", "processingRuleSource": "Computed",
            "submittedAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z",
            "flowType": "CustomerInvoice", "flowDirection": "Out",
            "acknowledgement": {"status": "Ok"}}
    assert get_flow.validate(200, json_type, json.dumps(good).encode()) == good
    wrong = [{**good, "acknowledgement": {"status": "Fine"}},          # not FlowAckStatus
             {k: v for k, v in good.items() if k != "flowType"},        # required missing
             {**good, "updatedAt": "yesterday"},                        # not a date-time
             {**good, "acknowledgement": {"status": "Error", "details": []}}]   # minItems 1
    for body in wrong:
        with pytest.raises(NotAsSpecified, match="getFlow 200 body"):
            get_flow.validate(200, json_type, json.dumps(body).encode())
    with pytest.raises(NotAsSpecified, match="does not declare"):
        get_flow.validate(409, json_type, b'{"errorCode": "X"}')
    with pytest.raises(NotAsSpecified, match="media type"):
        get_flow.validate(200, {"Content-Type": "text/html"}, b"<html/>")
    with pytest.raises(NotAsSpecified, match="getFlow 404 body"):
        get_flow.validate(404, json_type, b'{"errorMessage": "no errorCode"}')
    with pytest.raises(NotAsSpecified, match="declares no content"):
        spec.operation("deleteWebhook").validate(204, {}, b"{}")
    with pytest.raises(NotAsSpecified, match="no query parameter"):
        get_flow.url("http://x", {"flowId": "F1"}, {"format": "pdf"})
    with pytest.raises(NotAsSpecified, match="createFlow part flowInfo"):
        Erp(spec, "http://127.0.0.1:9", TOKEN).deposit("a.pdf", b"%PDF", "PDF")


def test_the_description_s_reason_code_refuses_its_own_enum_values_unless_mended() -> None:
    """Why erp.MENDS exists: as published, ``ReasonCode`` (oneOf enum / string) accepts
    a string outside the enum but none of the enum's values."""
    raw = Description(require_shared(*OFFICIAL), mend=False)
    mended = _description()
    reason_code = raw.schema("ReasonCode")
    with pytest.raises(NotAsSpecified):
        raw.check(reason_code, "EmptyAttachement", "reasonCode")
    raw.check(reason_code, "OUR_OWN_CODE", "reasonCode")
    mended.check(mended.schema("ReasonCode"), "EmptyAttachement", "reasonCode")
    mended.check(mended.schema("ReasonCode"), "OUR_OWN_CODE", "reasonCode")
    with pytest.raises(NotAsSpecified):
        mended.check(mended.schema("ReasonCode"), 7, "reasonCode")
