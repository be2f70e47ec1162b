"""edi.config: defaults, where the file comes from, sections, and the check at start-up.

The table of malformed configurations runs the real `edi` command (``python -m
edi.cli``, as tests/e2e does) in a fresh folder with a file waiting in the inbox: each
mistake must end in exit code 2 and one line on stderr naming the setting, with nothing
touched — the file still in the inbox, no folder or ledger created.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from edi import config
from edi.config import Bound, ConfigError, Settings, load, section

REPO = Path(__file__).resolve().parent.parent
INVOICE = b"<Invoice>waiting</Invoice>"
PARTNER = '[[sftp_intake.partner]]\nname = "p"\nurl = "sftp://edi@h/out"\n'

# (id, the file's content — None: no file at all —, what the one line must name)
MALFORMED: list[tuple[str, str | bytes | None, str]] = [
    # the four harmful values measured on main
    ("negative-cap", "[limits]\nmax_file_bytes = -1\n", "[limits] max_file_bytes: -1 is negative"),
    ("nan-ratio", "[limits]\nmax_compression_ratio = nan\n", "[limits] max_compression_ratio"),
    ("scan-interval-zero", "[intake]\nscan_interval = 0\n", "[intake] scan_interval"),
    ("outbox-is-inbox", '[paths]\noutbox = "inbox"\n', "[paths] outbox"),
    # the file itself
    ("file-not-found", None, "file not found"),
    ("not-utf8", b'[routes]\ndefault = ["caf\xe9"]\n', "not UTF-8"),
    ("toml-syntax", "[intake\nbatch = 1\n", "line 1, column"),
    ("unknown-table", "[intakes]\nbatch = 1\n", "intakes"),
    ("unknown-setting", "[intake]\nquiet = 1\n", "[intake]: unknown setting(s) ['quiet']"),
    ("table-as-scalar", "paths = 3\n", "[paths]: expected a table"),
    ("array-of-tables", "[[limits]]\nmax_pdf_pages = 3\n", "[limits]: expected a table"),
    # types
    ("list-as-string", '[routes]\ndefault = "outbox"\n', "[routes] default: expected a list"),
    ("string-for-number", "[intake]\nquiet_period = 'soon'\n", "[intake] quiet_period"),
    ("bool-for-int", "[intake]\nbatch = true\n", "[intake] batch: expected int"),
    ("int-for-string", "[chorus]\napplies = 3\n", "[chorus] applies"),
    # ranges
    ("negative-quiet", "[intake]\nquiet_period = -1\n", "[intake] quiet_period"),
    ("batch-zero", "[intake]\nbatch = 0\n", "[intake] batch"),
    ("empty-suffix", '[intake]\nignore_suffixes = [""]\n', "[intake] ignore_suffixes"),
    ("ratio-below-one", "[limits]\nmax_compression_ratio = 0.5\n",
     "[limits] max_compression_ratio"),
    ("zero-members", "[limits]\nmax_archive_members = 0\n", "[limits] max_archive_members"),
    ("negative-workers", "[validation]\nworkers = -2\n", "[validation] workers"),
    ("negative-attempts", "[delivery]\nattempts = -1\n", "[delivery] attempts"),
    ("infinite-backoff", "[delivery]\nbackoff_initial = inf\n", "[delivery] backoff_initial"),
    ("backoff-max-below-initial", "[delivery]\nbackoff_initial = 10\nbackoff_max = 1\n",
     "[delivery] backoff_max"),
    ("jitter-above-one", "[delivery]\njitter = 1.5\n", "[delivery] jitter"),
    ("port-out-of-range", "[serve]\nport = 70000\n", "[serve] port"),
    ("negative-partner-interval", PARTNER + "interval = -1\n",
     "[sftp_intake] partner[0].interval"),
    # folders and ledger
    ("archive-inside-inbox", '[paths]\narchive = "inbox/archive"\n', "[paths] archive"),
    ("ledger-inside-inbox", '[paths]\nledger = "sqlite:///inbox/edi.sqlite"\n',
     "[paths] ledger"),
    ("empty-folder", '[paths]\ninbox = ""\n', "[paths] inbox"),
    ("folder-under-a-file", '[paths]\nreports = "blocker/reports"\n', "[paths] reports"),
    ("ledger-url", '[paths]\nledger = "nope://x"\n', "[paths] ledger"),
    # validation layers
    ("unknown-layer", '[validation]\nlayers = ["xml", "nope"]\n', "[validation] layers"),
    ("missing-plugin-module", '[validation]\nplugins = ["x=nosuchmodule:F"]\n',
     "'nosuchmodule'"),
    ("malformed-plugin", '[validation]\nplugins = ["x"]\n', "[validation] plugins"),
    ("start-method-fork", '[validation]\nstart_method = "fork"\n', "[validation] start_method"),
    # registered sections
    ("target-without-url", '[[routes.target]]\nname = "t"\n', "t: url is missing"),
    ("unknown-route-target", '[routes]\ndefault = ["nowhere"]\n', "routes.default"),
    ("route-into-the-inbox", '[routes]\ndefault = ["outbox", "./inbox/"]\n',
     "[routes] default: ./inbox/"),
    ("target-inside-the-inbox", '[[routes.target]]\nname = "back"\nurl = "inbox/again"\n',
     "[[routes.target]] back: url"),
    ("schematron-choice", '[schematron]\nfrench_rules = "sometimes"\n', "french_rules"),
    ("serve-user", '[serve]\nusers = ["ops:plaintext"]\n', "[serve] users"),
]


@pytest.fixture(autouse=True)
def _no_config_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDI_CONFIG", raising=False)


def edi(root: Path, *args: str, env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    if env is None:
        environ.pop("EDI_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "edi.cli", *args], cwd=root, env=environ,
                          capture_output=True, text=True, timeout=120)


def waiting_file(root: Path) -> Path:
    (root / "inbox").mkdir()
    path = root / "inbox" / "FA-1.xml"
    path.write_bytes(INVOICE)
    os.utime(path, (1_000_000_000, 1_000_000_000))  # long stable: would be taken at once
    (root / "blocker").write_text("a file where a folder is expected")
    return path


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.mark.parametrize(("content", "named"), [(c, n) for _, c, n in MALFORMED],
                         ids=[i for i, _, _ in MALFORMED])
def test_a_malformed_configuration_stops_before_anything_is_touched(
        tmp_path: Path, content: str | bytes | None, named: str) -> None:
    waiting = waiting_file(tmp_path)
    if content is not None:
        data = content.encode() if isinstance(content, str) else content
        (tmp_path / "bad.toml").write_bytes(data)
    before = tree(tmp_path)

    run = edi(tmp_path, "--config", "bad.toml", "process")

    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("edi: configuration bad.toml: ")
    assert named in lines[0]
    assert waiting.read_bytes() == INVOICE
    assert tree(tmp_path) == before            # no var/, no ledger, no folder created


def test_the_same_workspace_with_a_sound_configuration_is_processed(tmp_path: Path) -> None:
    """The harness above can tell: a good file claims the waiting invoice."""
    waiting = waiting_file(tmp_path)
    (tmp_path / "good.toml").write_text('[intake]\nquiet_period = 0\n[validation]\n'
                                        'layers = ["xml"]\nworkers = 1\n')
    run = edi(tmp_path, "--config", "good.toml", "process")
    assert run.returncode == 0, run.stderr
    assert not waiting.exists()
    assert (tmp_path / "var" / "edi.sqlite").is_file()


def test_a_configuration_from_the_environment_is_named_too(tmp_path: Path) -> None:
    waiting_file(tmp_path)
    (tmp_path / "env.toml").write_text("[limits]\nmax_xml_bytes = 0\n")
    run = edi(tmp_path, "flows", env={"EDI_CONFIG": "env.toml"})
    assert run.returncode == 2
    assert run.stderr.strip() == ("edi: configuration env.toml: [limits] max_xml_bytes: 0 is "
                                  "too small; expected a size in bytes > 0")
    assert not (tmp_path / "var").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes whatever the mode bits")
def test_unreadable_file_and_unwritable_folder(tmp_path: Path) -> None:
    toml = tmp_path / "edi.toml"
    toml.write_text("")
    toml.chmod(0)
    with pytest.raises(ConfigError, match="cannot be read: Permission denied"):
        load(toml, base_dir=tmp_path)
    toml.chmod(0o600)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    toml.write_text('[paths]\narchive = "locked/archive"\n')
    with pytest.raises(ConfigError, match=r"\[paths\] archive: .*locked is not writable"):
        load(toml, base_dir=tmp_path)


def test_an_immutable_outbox_is_a_delivery_failure_an_immutable_archive_a_mistake(
        tmp_path: Path) -> None:
    """The outbox may refuse writes for a while (deliveries wait and are retried); the
    folders the processor itself keeps must be writable from the start."""
    frozen = [tmp_path / "outbox", tmp_path / "archive"]
    for folder in frozen:
        folder.mkdir()
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
            pytest.skip("chattr +i is not supported here")
    try:
        with pytest.raises(ConfigError, match=r"\[paths\] archive: .*archive is not writable"):
            load(base_dir=tmp_path)
        subprocess.run(["chattr", "-i", str(tmp_path / "archive")], check=True)
        load(base_dir=tmp_path)                        # the outbox alone: accepted
    finally:
        for folder in frozen:
            subprocess.run(["chattr", "-i", str(folder)], check=False)


def test_a_folder_given_as_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a folder; expected a TOML file"):
        load(tmp_path, base_dir=tmp_path)


# -- config.py itself ------------------------------------------------------------------

def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_there_is_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        ) -> None:
    monkeypatch.delenv("EDI_CONFIG", raising=False)
    settings = load(base_dir=tmp_path)
    assert settings.source == "(embedded defaults)"
    assert (settings.paths, settings.intake, settings.limits, settings.validation,
            settings.delivery) == (config.Paths(), config.Intake(), config.Limits(),
                                   config.Validation(), config.Delivery())
    assert settings.paths.inbox == Path("inbox") and settings.intake.scan_interval == 5.0
    assert settings.ledger_url == f"sqlite:///{tmp_path}/var/edi.sqlite"
    assert settings.path(Path("inbox")) == tmp_path / "inbox"
    assert settings.path(Path("/srv/in")) == Path("/srv/in")
    assert list(tmp_path.iterdir()) == []      # checking creates nothing


def test_precedence_config_then_environment_then_local_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    given = write(tmp_path / "given.toml", "[intake]\nbatch = 1\n")
    env = write(tmp_path / "env.toml", "[intake]\nbatch = 2\n")
    write(tmp_path / "edi.toml", "[intake]\nbatch = 3\n")
    monkeypatch.setenv("EDI_CONFIG", str(env))
    assert load(given, base_dir=tmp_path).intake.batch == 1
    assert load(base_dir=tmp_path).intake.batch == 2
    monkeypatch.delenv("EDI_CONFIG")
    local = load(base_dir=tmp_path)
    assert local.intake.batch == 3 and local.source == str((tmp_path / "edi.toml").resolve())
    (tmp_path / "edi.toml").unlink()
    assert load(base_dir=tmp_path).intake.batch == 256


def test_file_values_over_defaults_and_types(tmp_path: Path) -> None:
    settings = load(write(tmp_path / "edi.toml", (
        '[paths]\narchive = "store/archive"\nledger = "sqlite:///:memory:"\n'
        '[intake]\nquiet_period = 2\nignore_suffixes = [".tmp"]\n'
        '[limits]\nmax_compression_ratio = 1\n')), base_dir=tmp_path)
    assert settings.paths.archive == Path("store/archive")
    assert settings.intake.quiet_period == 2.0 and isinstance(settings.intake.quiet_period,
                                                              float)
    assert settings.intake.ignore_suffixes == (".tmp",)
    assert settings.limits.max_compression_ratio == 1.0          # the smallest ratio allowed
    assert settings.ledger_url == "sqlite:///:memory:"           # not a file named :memory:


def test_a_registered_section_is_parsed_checked_and_shown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "SECTIONS", dict(config.SECTIONS))

    @section("gizmo")
    @dataclass(frozen=True)
    class Gizmo:
        speed: float = 1.0
        name: str = "g"
        BOUNDS = {"speed": Bound(0.5, 10, what="a speed")}   # noqa: RUF012 (a plain class attribute)

    assert config.SECTIONS["gizmo"] is Gizmo
    settings = load(write(tmp_path / "edi.toml", "[gizmo]\nspeed = 2\n"), base_dir=tmp_path)
    assert settings.section(Gizmo) == Gizmo(speed=2.0)
    assert settings.as_dict()["gizmo"] == {"speed": 2.0, "name": "g"}
    assert "gizmo" in settings.as_dict() and "routes" in settings.as_dict()
    with pytest.raises(ConfigError, match=r"\[gizmo\] speed: 20.0 is too large; expected a "
                                          r"speed from 0.5 to 10"):
        load(write(tmp_path / "edi.toml", "[gizmo]\nspeed = 20\n"), base_dir=tmp_path)
    with pytest.raises(ConfigError, match=r"\[gizmo\] name: expected str, got 1"):
        load(write(tmp_path / "edi.toml", "[gizmo]\nname = 1\n"), base_dir=tmp_path)


def test_the_known_sections_are_registered() -> None:
    config._late_sections()
    assert {"paths", "intake", "limits", "validation", "delivery", "routes", "sftp_intake",
            "schematron", "chorus", "serve"} <= set(config.SECTIONS)


@pytest.mark.parametrize(("bound", "value", "message"), [
    (Bound(0, what="a size", strict=True), -1, "-1 is negative; expected a size > 0"),
    (Bound(0, what="a size", strict=True), 0, "0 is too small; expected a size > 0"),
    (Bound(0.2, what="seconds"), 0.1, "0.1 is too small; expected seconds >= 0.2"),
    (Bound(0, 1, what="a fraction"), 2, "2 is too large; expected a fraction from 0 to 1"),
])
def test_bounds_say_what_was_found_and_what_is_expected(bound: Bound, value: float,
                                                        message: str) -> None:
    with pytest.raises(ConfigError) as err:
        bound.check("[x] y", value)
    assert str(err.value) == f"[x] y: {message}"
    bound.check("[x] y", bound.low if not bound.strict else bound.low + 1)


def test_check_runs_on_a_settings_object_changed_later(tmp_path: Path) -> None:
    settings = load(base_dir=tmp_path)
    bad = dataclasses.replace(settings, paths=dataclasses.replace(
        settings.paths, rejected=Path("inbox/rejected")))
    with pytest.raises(ConfigError, match=r"\[paths\] rejected: .* inside \[paths\] inbox"):
        bad.check()
    inbox_in_archive = dataclasses.replace(settings, paths=dataclasses.replace(
        settings.paths, inbox=Path("archive/in")))
    with pytest.raises(ConfigError, match=r"\[paths\] inbox: .* inside \[paths\] archive"):
        inbox_in_archive.check()
    Settings(base_dir=tmp_path).check()
    assert list(tmp_path.iterdir()) == []
