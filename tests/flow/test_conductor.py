"""The conductor on its own: a real SQLite ledger in tmp, an examiner that judges in this
process (xml parse only, no worker), and a memory target as the route's only target."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from edi import config, samples, testing
from edi.flow import conductor, steps
from edi.flow.conductor import Processor
from edi.flow.examine import examine_file
from edi.intake.scan import scan
from edi.ledger import Ledger
from edi.model import FlowStatus
from edi.reports import renderers
from edi.routing import memory
from edi.routing.base import DeliveryError
from edi.routing.table import close_targets
from edi.workers import Job, Outcome, Submission


class InProcessExaminer:
    """Examines each job at once, in this process; ``lose`` names jobs whose worker
    "died" (no verdict comes back)."""

    def __init__(self, settings: config.Settings, lose: Sequence[str] = ()) -> None:
        self.settings = settings
        self.lose = set(lose)
        self.seen: list[Job] = []
        self.submitted: dict[int, list[Job]] = {}   # id(submission) -> its jobs

    def submit(self, jobs: Sequence[Job], chunk: int = 16) -> Submission:
        self.seen.extend(jobs)
        sub = Submission()
        self.submitted[id(sub)] = list(jobs)
        return sub

    def results(self, sub: Submission) -> Iterator[list[Outcome]]:
        for chunk in [self.submitted.pop(id(sub))]:
            yield [Outcome(j.key, None, "the validation worker died twice on this flow")
                   if j.name in self.lose else
                   Outcome(j.key, examine_file(j.name, j.path, self.settings, [],
                                               j.interface)) for j in chunk]

    def stopping(self) -> bool:
        return False


@pytest.fixture
def box(tmp_path: Path) -> Iterator[dict[str, bytes]]:
    name = f"out-{tmp_path.name}"
    yield memory.BOXES.setdefault(name, {})
    memory.BOXES.pop(name, None)
    memory.FAILING.pop(name, None)
    close_targets()


def _setup(tmp_path: Path, box_name: str, lose: Sequence[str] = ()
           ) -> tuple[config.Settings, Ledger, Processor, InProcessExaminer]:
    toml = tmp_path / "edi.toml"
    toml.write_text(f'[routes]\ndefault = ["memory://{box_name}"]\n'
                    '[delivery]\nbackoff_initial = 60\n')
    settings = config.load(toml, base_dir=tmp_path)
    for p in (settings.paths.inbox, settings.paths.archive, settings.paths.reports,
              settings.paths.rejected, settings.paths.work):
        settings.path(p).mkdir(parents=True, exist_ok=True)
    ledger = Ledger(settings.ledger_url)
    examiner = InProcessExaminer(settings, lose)
    return settings, ledger, Processor(settings, ledger, examiner), examiner  # type: ignore[arg-type]


def _deposit(settings: config.Settings, files: dict[str, bytes]) -> list:
    inbox = settings.path(settings.paths.inbox)
    for name, data in files.items():
        (inbox / name).write_bytes(data)
    return scan(inbox, settings.intake)


def _run(processor: Processor, settings: config.Settings, files: dict[str, bytes]
         ) -> dict[str, tuple[str, FlowStatus]]:
    flows = processor.claim(_deposit(settings, files))
    results = processor.process(flows)
    return {f.file_name: (f.flow_id, results[f.flow_id]) for f in flows}


def test_an_accepted_invoice_is_delivered_reported_and_recorded(tmp_path: Path,
                                                                box: dict[str, bytes]) -> None:
    settings, ledger, processor, _ = _setup(tmp_path, f"out-{tmp_path.name}")
    data = samples.ubl_invoice(number="INV-1")
    (fid, status), = _run(processor, settings, {"a.xml": data}).values()
    assert status is FlowStatus.IN_INTEGRE
    assert box == {f"{fid}_INV-1.xml": data}
    assert ledger.get(fid).status is FlowStatus.IN_INTEGRE
    assert ledger.delivered(fid) == {(1, f"memory://out-{tmp_path.name}")}
    reports = settings.path(settings.paths.reports)
    for rendering in renderers.RENDERERS:
        assert (reports / rendering.file_name(fid)).is_file()
    cr = json.loads((reports / f"{fid}.cr.json").read_bytes())
    assert cr["status"] == "IN_INTEGRE"
    assert cr["invoices"][0]["status"] == "DEPOSEE"   # accepted (delivery is not 203)
    assert cr["invoices"][0]["output_name"]            # and delivered, by the parent
    assert ledger.get(fid).sha256 and processor.archived_original(ledger.get(fid)).is_file()


def test_a_rejected_file_is_set_aside_with_its_report_and_sent_nowhere(
        tmp_path: Path, box: dict[str, bytes]) -> None:
    settings, ledger, processor, _ = _setup(tmp_path, f"out-{tmp_path.name}")
    (fid, status), = _run(processor, settings, {"broken.xml": b"<Invoice"}).values()
    assert status is FlowStatus.IN_REJETE
    assert box == {}
    aside = settings.path(settings.paths.rejected) / fid
    assert (aside / "broken.xml").read_bytes() == b"<Invoice"
    assert json.loads((aside / f"{fid}.cr.json").read_bytes())["status"] == "IN_REJETE"


def test_duplicates_a_same_file_and_a_same_invoice_number_are_doublon(
        tmp_path: Path, box: dict[str, bytes]) -> None:
    settings, ledger, processor, examiner = _setup(tmp_path, f"out-{tmp_path.name}")
    first = samples.ubl_invoice(number="INV-7")
    _run(processor, settings, {"first.xml": first})
    examined = len(examiner.seen)
    twin = _run(processor, settings, {"again.xml": first})
    assert twin["again.xml"][1] is FlowStatus.IN_REJETE
    assert len(examiner.seen) == examined        # byte-identical: judged without a worker
    renumbered = samples.ubl_invoice(number="INV-7").replace(b"</cbc:ID>", b"</cbc:ID>\n", 1)
    assert renumbered != first
    again = _run(processor, settings, {"same-number.xml": renumbered})
    fid, status = again["same-number.xml"]
    assert status is FlowStatus.IN_REJETE
    cr = json.loads((settings.path(settings.paths.reports) / f"{fid}.cr.json").read_bytes())
    assert {f["rule_id"] for i in cr["invoices"] for f in i["findings"]} >= {"CPRO-DOUBLON"}
    assert len(box) == 1


def test_a_target_that_fails_makes_the_flow_wait_for_it(tmp_path: Path,
                                                        box: dict[str, bytes]) -> None:
    name = f"out-{tmp_path.name}"
    settings, ledger, processor, _ = _setup(tmp_path, name)
    memory.FAILING[name] = DeliveryError("box closed", transient=True)
    (fid, status), = _run(processor, settings, {"a.xml": samples.ubl_invoice()}).values()
    assert status is FlowStatus.IN_EN_ATTENTE_TRAITEMENT_CPP
    assert ledger.row(fid)["next_attempt_at"] is not None
    assert not (settings.path(settings.paths.reports) / f"{fid}.cr.json").exists()
    del memory.FAILING[name]
    assert processor.due_retries() == []          # not before its time
    processor.requeue(fid)
    assert processor.process([ledger.get(fid)])[fid] is FlowStatus.IN_INTEGRE
    assert len(box) == 1


def test_a_flow_without_a_verdict_is_an_incident_alone(tmp_path: Path,
                                                       box: dict[str, bytes]) -> None:
    settings, ledger, processor, _ = _setup(tmp_path, f"out-{tmp_path.name}", lose=["b.xml"])
    got = _run(processor, settings, {"a.xml": samples.ubl_invoice(number="A"),
                                     "b.xml": samples.ubl_invoice(number="B")})
    assert got["a.xml"][1] is FlowStatus.IN_INTEGRE
    assert got["b.xml"][1] is FlowStatus.IN_INCIDENTE
    assert "died twice" in ledger.row(got["b.xml"][0])["detail"]


def test_the_crash_points_are_derived_from_the_step_list() -> None:
    assert steps.crash_points() == testing.STEPS
    assert steps.fail_points() == testing.FAIL_STEPS
    assert len(set(testing.STEPS)) == len(testing.STEPS)


def test_the_conductor_names_the_steps_in_their_order() -> None:
    order = " -> ".join(s.name for s in steps.FLOW)
    doc = " ".join(inspect.getdoc(conductor).split())
    assert order in doc
