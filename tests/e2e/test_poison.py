"""A flow's defect stays in that flow: the rest of its batch concludes, the run goes on.

Each case puts one poison flow among valid ones and runs the real `edi process`: the
batch commits, the valid flows are integrated, the poison flow ends in a terminal status
that says what happened, the command exits 0, and a second run has nothing left to do.
"""

from __future__ import annotations

import io
import json
import re
import tarfile
import zipfile

import pytest

from edi import samples
from tests.e2e.conftest import Workspace

TERMINAL = {"IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE", "IN_INCIDENTE"}


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _latin1_tar(members: dict[str, bytes]) -> bytes:
    """A tar.gz whose member names are Latin-1 bytes, as Windows tools write them."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz", format=tarfile.GNU_FORMAT,
                      encoding="latin-1") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _drop_valid(ws: Workspace, n: int = 3) -> set[str]:
    names = set()
    for i in range(n):
        name = f"valid-{i}.xml"
        ws.drop(name, samples.ubl_invoice(number=f"V-{i}"))
        names.add(name)
    return names


def _by_file(ws: Workspace) -> dict[str, dict]:
    return {f["file_name"]: f for f in ws.flows()}


def _detail(ws: Workspace, flow_id: str) -> str:
    return ws.db().execute("select detail from flows where flow_id = ?",
                           (flow_id,)).fetchone()[0] or ""


def _second_run_has_nothing_to_do(ws: Workspace, before: dict[str, dict]) -> None:
    out = ws.edi("process").stderr
    assert "0 flow(s)" in out, out
    after = _by_file(ws)
    assert {n: f["status"] for n, f in after.items()} == {
        n: f["status"] for n, f in before.items()}


def test_a_tar_with_latin1_member_names_is_integrated(ws: Workspace) -> None:
    valid = _drop_valid(ws)
    ws.drop("windows.tar.gz", _latin1_tar({
        "facture-\xe9.xml": samples.ubl_invoice(number="L-1"),
        "rejet\xe9e.xml": b"<Invoice><broken></Invoice>"}))

    ws.edi("process")

    flows = _by_file(ws)
    assert {flows[n]["status"] for n in valid} == {"IN_INTEGRE"}
    tar = flows["windows.tar.gz"]
    assert tar["status"] == "IN_INTEGRE_PARTIEL"
    names = sorted(i["name"] for i in tar["invoices"])
    # valid text that still says which bytes were there (escaped, never dropped)
    assert all(n.encode("utf-8") for n in names)
    assert [n[:6] for n in names] == ["factur", "rejet\\"] and "xe9" in names[0]
    rejected = ws.root / "rejected" / tar["flow_id"]
    copies = sorted(p.name for p in rejected.iterdir())
    assert len(copies) == 2 and f"{tar['flow_id']}.cr.json" in copies
    aside = next(p for p in rejected.iterdir() if p.name.startswith("rejet"))
    assert aside.read_bytes() == b"<Invoice><broken></Invoice>"
    assert sorted(p.name.split("_", 1)[1] for p in ws.files("outbox")) == sorted(
        ["L-1.xml", "V-0.xml", "V-1.xml", "V-2.xml"])
    _second_run_has_nothing_to_do(ws, flows)


@pytest.mark.parametrize("members", [
    ["Facture été.xml", "Facture ètè.xml"],
    ["a b.xml", "a-b.xml"],
    ["Same.xml", "same.xml"],             # one name on a case-insensitive share
    ["d/x.xml", "d-x.xml"],               # a folder inside the archive, flattened
], ids=["accents", "space-dash", "case", "folder"])
def test_rejected_members_are_set_aside_under_unique_names(ws: Workspace,
                                                           members: list[str]) -> None:
    valid = _drop_valid(ws, 2)
    broken = {name: f"<Invoice><broken {i}></Invoice>".encode()
              for i, name in enumerate(members)}
    ws.drop("batch.zip", _zip({**broken, "ok.xml": samples.ubl_invoice(number="OK-1")}))

    ws.edi("process")

    flows = _by_file(ws)
    assert {flows[n]["status"] for n in valid} == {"IN_INTEGRE"}
    batch = flows["batch.zip"]
    assert batch["status"] == "IN_INTEGRE_PARTIEL"
    folder = ws.root / "rejected" / batch["flow_id"]
    copies = {p.name: p.read_bytes() for p in folder.iterdir()
              if not p.name.endswith(".cr.json")}
    assert sorted(copies.values()) == sorted(broken.values()), "each member set aside once"
    assert len({n.casefold() for n in copies}) == len(members)
    assert all(not n.startswith(".") and "/" not in n for n in copies)
    # deterministic: the first member keeps its name, a later twin gets a suffix
    assert any(re.search(r"_002\.xml$", n) for n in copies) or set(copies) == {
        n.replace("/", "-") for n in members}
    _second_run_has_nothing_to_do(ws, flows)


@pytest.mark.parametrize("step", ["deliver", "set-aside", "record"])
def test_a_defect_while_concluding_one_flow_costs_that_flow_only(ws: Workspace,
                                                                 step: str) -> None:
    valid = _drop_valid(ws)
    poison = samples.ubl_invoice(number="P-1")
    if step == "set-aside":  # only rejected invoices are set aside
        poison = b"<Invoice><broken></Invoice>"
    ws.drop("poison.xml", poison)
    ws.env["EDI_FAIL_AT"] = f"{step}:poison"

    ws.edi("process")

    flows = _by_file(ws)
    assert {flows[n]["status"] for n in valid} == {"IN_INTEGRE"}
    bad = flows["poison.xml"]
    assert bad["status"] == "IN_INCIDENTE"
    detail = _detail(ws, bad["flow_id"])
    assert "internal error while" in detail and "injected fault" in detail, detail
    reports = {p.name for p in ws.files("reports")}
    for name in valid:
        assert f"{flows[name]['flow_id']}.cr.json" in reports
    assert f"{bad['flow_id']}.cr.json" not in reports  # no report says otherwise
    delivered = sorted(p.name.split("_", 1)[1] for p in ws.files("outbox"))
    assert [d for d in delivered if d.startswith("V-")] == ["V-0.xml", "V-1.xml", "V-2.xml"]
    assert not [p for p in ws.files("outbox") if p.name.startswith(".")]  # no temporaries
    _second_run_has_nothing_to_do(ws, flows)

    # the defect gone, the operator runs it again: it concludes, nothing sent twice
    ws.env.pop("EDI_FAIL_AT")
    out = ws.edi("reprocess" if step == "set-aside" else "resend", bad["flow_id"]).stdout
    expected = "IN_REJETE" if step == "set-aside" else "IN_INTEGRE"
    assert expected in out
    assert len([p for p in ws.files("outbox") if "P-1" in p.name]) == (
        0 if step == "set-aside" else 1)


def test_flows_in_hand_at_two_stops_are_taken_up_alone_and_conclude(ws: Workspace) -> None:
    """A SIGKILL takes down every flow in hand: innocent ones must not become incidents."""
    ws.drop("a.xml", samples.ubl_invoice(number="A-1"))
    ws.drop("b.xml", samples.ubl_invoice(number="B-1"))
    for _ in range(2):
        assert ws.edi("process", crash_at="examined", check=False).returncode == -9
    assert {f["status"] for f in ws.flows()} == {"IN_EN_COURS_TRAITEMENT_CPP"}

    proc = ws.edi("process")
    assert proc.stderr.count("taking it up alone") == 2, proc.stderr
    flows = _by_file(ws)
    assert {n: f["status"] for n, f in flows.items()} == {"a.xml": "IN_INTEGRE",
                                                          "b.xml": "IN_INTEGRE"}
    _second_run_has_nothing_to_do(ws, flows)


def test_a_flow_that_stops_the_processor_alone_is_not_taken_again(ws: Workspace) -> None:
    ws.drop("killer.xml", samples.ubl_invoice(number="K-1"))
    for _ in range(4):  # twice in a batch, then twice alone: it is the killer
        assert ws.edi("process", crash_at="examined", check=False).returncode == -9
    flow = ws.flows()[0]
    assert flow["status"] == "IN_EN_COURS_TRAITEMENT_CPP"

    ws.drop("next.xml", samples.ubl_invoice(number="N-1"))
    ws.edi("process")  # a fifth start: the flow is set aside, the new one goes through

    flows = _by_file(ws)
    assert flows["killer.xml"]["status"] == "IN_INCIDENTE"
    assert "last 2 times with this flow alone" in _detail(ws, flows["killer.xml"]["flow_id"])
    assert flows["next.xml"]["status"] == "IN_INTEGRE"
    _second_run_has_nothing_to_do(ws, flows)
    out = ws.edi("reprocess", flows["killer.xml"]["flow_id"]).stdout
    assert "IN_INTEGRE" in out


def test_a_ledger_row_the_database_refuses_falls_back_to_one_flow(tmp_path) -> None:
    """``finish_many`` with one verdict the database will not take records the others."""
    from sqlalchemy.exc import DataError

    from edi.ledger import Ledger, Verdict
    from edi.model import Document, Flow, FlowStatus, new_flow_id, utcnow
    from tests.conftest import new_ledger_url

    ledger = Ledger(new_ledger_url(tmp_path))
    flows = [Flow(flow_id=new_flow_id(), file_name=f"{i}.xml", sha256="0" * 64, size=1,
                  interface="inbox", status=FlowStatus.IN_EN_COURS_TRAITEMENT_CPP,
                  received_at=utcnow()) for i in range(3)]
    ledger.receive(flows)
    verdicts = [Verdict(f, FlowStatus.IN_REJETE,
                        [Document(seq=1, name=f.file_name, content=b"")], None, 0.1, {})
                for f in flows]
    # no integer column holds 2**63 (a lone surrogate, once refused, is now cleaned)
    verdicts[1].documents[0].seq = 2**63
    failed = ledger.finish_many(verdicts)
    assert [v.flow.flow_id for v, _ in failed] == [flows[1].flow_id]
    assert isinstance(failed[0][1], OverflowError | DataError)
    statuses = {f.flow_id: ledger.get(f.flow_id).status for f in flows}  # type: ignore
    assert statuses == {flows[0].flow_id: FlowStatus.IN_REJETE,
                        flows[1].flow_id: FlowStatus.IN_EN_COURS_TRAITEMENT_CPP,
                        flows[2].flow_id: FlowStatus.IN_REJETE}
    ledger.close()


def test_reports_of_a_poison_batch_are_valid_json(ws: Workspace) -> None:
    ws.drop("windows.tar.gz", _latin1_tar({"\xe9t\xe9.xml": b"garbage"}))
    ws.edi("process")
    flow = ws.flows()[0]
    assert flow["status"] in TERMINAL
    cr = json.loads((ws.root / "reports" / f"{flow['flow_id']}.cr.json").read_text())
    assert cr["status"] == flow["status"]
