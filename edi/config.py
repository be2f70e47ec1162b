"""One TOML file -> frozen dataclasses; every setting has a default.

The core sections live here. A stage that needs its own settings declares a frozen
dataclass in its own module and registers it with ``@section("name")``; the TOML table of
that name is then parsed into it on demand (``settings.section(Cls)``) and shown by
``edi config show``. So adding a stage never means editing this file.

``load`` checks the whole file before any command touches anything (``check``): types,
ranges (a class may declare ``BOUNDS``; no number is ever negative, NaN or infinite),
every registered section, the validation layers, the ledger URL, and the folders
(distinct, none inside the inbox, each creatable and writable). Every mistake is one
``ConfigError`` line naming the setting: ``[limits] max_file_bytes: -1 is negative; ...``.
"""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from edi.model import ConfigError

T = TypeVar("T")

SECTIONS: dict[str, type] = {}


@dataclass(frozen=True)
class Bound:
    """The range of a numeric setting: ``low`` (excluded when ``strict``) up to ``high``."""

    low: float = 0
    high: float | None = None
    what: str = "a number"
    strict: bool = False

    @property
    def expected(self) -> str:
        if self.high is not None:
            return f"{self.what} from {self.low:g} to {self.high:g}"
        return f"{self.what} {'>' if self.strict else '>='} {self.low:g}"

    def check(self, label: str, value: float) -> None:
        if value < 0 and self.low >= 0:
            problem = "is negative"
        elif value < self.low or (self.strict and value == self.low):
            problem = "is too small"
        elif self.high is not None and value > self.high:
            problem = "is too large"
        else:
            return
        raise ConfigError(f"{label}: {value!r} {problem}; expected {self.expected}")


# Every number of every section: never negative (a class's BOUNDS can say more).
NON_NEGATIVE = Bound()
SECONDS = "a duration in seconds"
BYTES = "a size in bytes"


def section(name: str):
    """Register a frozen dataclass as the parser of TOML table ``name``."""

    def register(cls: type[T]) -> type[T]:
        cls.__section__ = name  # type: ignore[attr-defined]
        SECTIONS[name] = cls
        return cls

    return register


@section("paths")
@dataclass(frozen=True)
class Paths:
    """Folders, relative to the working directory unless absolute."""

    inbox: Path = Path("inbox")
    outbox: Path = Path("outbox")
    rejected: Path = Path("rejected")
    archive: Path = Path("archive")
    reports: Path = Path("reports")
    work: Path = Path("var/work")     # claimed flows in hand; same filesystem as inbox
    ledger: str = "sqlite:///var/edi.sqlite"
    # What several nodes share (one filesystem): archive, outbox, rejected, reports and
    # work, when relative, are under it; "" (default): under the working directory.
    shared: Path = Path("")

    SHARED: ClassVar[tuple[str, ...]] = ("archive", "outbox", "rejected", "reports", "work")

    def under_shared(self, base: Path) -> Paths:
        """These paths with the relative shared folders moved under ``shared``."""
        if str(self.shared) in ("", "."):
            return self
        root = self.shared if self.shared.is_absolute() else base / self.shared
        moved = {name: root / getattr(self, name) for name in self.SHARED
                 if not getattr(self, name).is_absolute()}
        return dataclasses.replace(self, **moved)


@section("intake")
@dataclass(frozen=True)
class Intake:
    quiet_period: float = 1.0          # seconds a file's size and mtime must stay unchanged
    scan_interval: float = 5.0         # seconds between full directory scans (the truth)
    done_files: bool = False           # take X only once X.done exists next to it
    ignore_suffixes: tuple[str, ...] = (".tmp", ".part", ".done")
    batch: int = 256                   # flows claimed and concluded together (bounded memory)
    process_wait: float = 30.0         # `edi process`: at most this long for files still written
    stop_grace: float = 5.0            # on SIGINT/SIGTERM, seconds for the flows in hand to finish
    instance_stale_after: float = 30.0  # a guard not renewed for this long is taken over
    lease: float = 30.0                # a flow's owner silent this long: another takes it up
    # a flow claimed on another node whose original this node cannot see waits for that
    # node this many times (a lease, then twice as long...) before it is IN_INCIDENTE
    other_node_waits: int = 5

    BOUNDS: ClassVar[dict[str, Bound]] = {
        "quiet_period": Bound(0, what=SECONDS),
        "lease": Bound(0.5, 3600, what=SECONDS),
        "scan_interval": Bound(0.2, what=SECONDS),    # below, an idle watcher burns a core
        "batch": Bound(1, what="a number of flows"),
        "other_node_waits": Bound(0, 20, what="a number of waits"),
    }

    def __post_init__(self) -> None:
        if any(not suffix for suffix in self.ignore_suffixes):
            raise ConfigError("[intake] ignore_suffixes: an empty suffix would ignore every "
                              "file; expected suffixes such as \".tmp\"")


@section("limits")
@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 100_000_000          # a deposited file (Chorus Pro: 120 MB per flow)
    max_xml_bytes: int = 50_000_000            # one invoice XML, after extraction
    max_archive_members: int = 500             # invoices in one archive flow
    max_archive_total_bytes: int = 500_000_000  # uncompressed total of an archive
    max_compression_ratio: float = 200.0       # uncompressed/compressed, per member and total
    max_pdf_pages: int = 2000

    BOUNDS: ClassVar[dict[str, Bound]] = {
        "max_file_bytes": Bound(0, what=BYTES, strict=True),
        "max_xml_bytes": Bound(0, what=BYTES, strict=True),
        "max_archive_members": Bound(0, what="a number of members", strict=True),
        "max_archive_total_bytes": Bound(0, what=BYTES, strict=True),
        "max_compression_ratio": Bound(1, what="a ratio"),   # NaN would switch the cap off
        "max_pdf_pages": Bound(0, what="a number of pages", strict=True),
    }


@section("validation")
@dataclass(frozen=True)
class Validation:
    layers: tuple[str, ...] = ("xml", "antivirus", "xsd", "envelope", "attachments", "en16931",
                               "br-fr", "identifiers", "depositor", "recipient", "chorus")
    stop_on_fatal: bool = True        # a fatal xml/xsd finding skips later layers;
    #                                   the rule layers (EN 16931, BR-FR...) all run
    workers: int = 0                  # validation worker processes; 0 = one per core
    plugins: tuple[str, ...] = ()     # layers of your own: "name=module:Factory"
    start_method: str = "spawn"       # spawn or forkserver (never fork: saxonche)
    task_timeout: float = 120.0       # seconds one flow may take in a worker; 0 = no limit

    BOUNDS: ClassVar[dict[str, Bound]] = {
        "workers": Bound(0, 1024, what="a number of processes (0: one per core)"),
    }
    START_METHODS: ClassVar[tuple[str, ...]] = ("spawn", "forkserver")


@section("delivery")
@dataclass(frozen=True)
class Delivery:
    """Retry policy for technical failures (an output folder full, a partner down)."""

    attempts: int = 0                 # a cap on delivery attempts; 0: none, max_wait bounds
    backoff_initial: float = 2.0
    backoff_max: float = 300.0
    jitter: float = 0.2
    max_wait: float = 3600.0          # seconds a flow waits for its target, then IN_INCIDENTE
    max_age: float = 86_400.0         # seconds before a waiting flow becomes IN_INCIDENTE

    BOUNDS: ClassVar[dict[str, Bound]] = {
        "attempts": Bound(0, what="a number of attempts (0: no cap)"),
        "max_wait": Bound(0, what=SECONDS),
        "backoff_initial": Bound(0, what=SECONDS),
        "backoff_max": Bound(0, what=SECONDS),
        "jitter": Bound(0, 1, what="a fraction"),
        "max_age": Bound(0, what=SECONDS, strict=True),
    }


@dataclass(frozen=True)
class Settings:
    paths: Paths = field(default_factory=Paths)
    intake: Intake = field(default_factory=Intake)
    limits: Limits = field(default_factory=Limits)
    validation: Validation = field(default_factory=Validation)
    delivery: Delivery = field(default_factory=Delivery)
    raw: dict[str, Any] = field(default_factory=dict)  # the whole file, for registered sections
    source: str = "(embedded defaults)"
    base_dir: Path = field(default_factory=Path.cwd)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (to spawned workers) without the sections cache: a worker builds what
        it asks for, and unpickling a cached section would import its module there (the
        dashboard's, the ledger's...), which workers must never load."""
        state = dict(self.__dict__)
        state.pop("_sections", None)
        return state

    def section(self, cls: type[T]) -> T:
        """The settings of a registered section (defaults where the file says nothing),
        built once per ``Settings``: steps ask for theirs per flow, and building one
        (type hints, coercion) cost more than the compte rendu's JSON (issue 17)."""
        built = self.__dict__.setdefault("_sections", {})   # a per-instance cache
        if cls not in built:
            name = cls.__section__  # type: ignore[attr-defined]
            built[cls] = _build(cls, self.raw.get(name, {}), name)
        return built[cls]  # type: ignore[no-any-return]

    def check(self) -> None:
        """Raise ConfigError if anything is wrong (``load`` already did this)."""
        check(self)

    def path(self, p: Path) -> Path:
        return p if p.is_absolute() else self.base_dir / p

    @property
    def ledger_url(self) -> str:
        url = self.paths.ledger
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") \
                and url not in (prefix, prefix + ":memory:"):
            return prefix + str(self.base_dir / url[len(prefix):])
        return url

    @property
    def ledger_url_shown(self) -> str:
        """The ledger URL as logs may show it: a database password is never printed."""
        from sqlalchemy.engine import make_url

        return make_url(self.ledger_url).render_as_string(hide_password=True)

    def with_layers(self, layers: tuple[str, ...]) -> Settings:
        return dataclasses.replace(
            self, validation=dataclasses.replace(self.validation, layers=layers))

    def as_dict(self) -> dict[str, Any]:
        _late_sections()
        out: dict[str, Any] = {}
        for name, cls in SECTIONS.items():
            out[name] = _plain(dataclasses.asdict(self.section(cls)))
        return out


def load(path: str | os.PathLike | None = None, base_dir: Path | None = None) -> Settings:
    """Settings from ``path``, else $EDI_CONFIG, else ./edi.toml if present, else defaults.

    The whole configuration is checked here (``check``), before any command touches a
    file, a folder or the ledger; a mistake is a ConfigError naming the file and setting.
    """
    base = base_dir or Path.cwd()
    chosen = path or os.environ.get("EDI_CONFIG") or None
    if chosen is None and (base / "edi.toml").is_file():
        chosen = base / "edi.toml"
    raw: dict[str, Any] = {}
    source = "(embedded defaults)"
    shown = source
    if chosen is not None:
        p = Path(chosen)
        shown = str(p)
        raw = _read(p, shown)
        source = str(p.resolve())
    try:
        unknown = set(raw) - set(SECTIONS)
        if unknown:
            unknown -= _late_sections()
        if unknown:
            raise ConfigError(f"unknown table(s) {sorted(unknown)}; known: {sorted(SECTIONS)}")
        settings = Settings(
            paths=_build(Paths, raw.get("paths", {}), "paths").under_shared(base),
            intake=_build(Intake, raw.get("intake", {}), "intake"),
            limits=_build(Limits, raw.get("limits", {}), "limits"),
            validation=_build(Validation, raw.get("validation", {}), "validation"),
            delivery=_build(Delivery, raw.get("delivery", {}), "delivery"),
            raw=raw,
            source=source,
            base_dir=base,
        )
        check(settings)
    except ConfigError as exc:
        raise ConfigError(f"configuration {shown}: {exc}") from exc
    return settings


def _read(p: Path, shown: str) -> dict[str, Any]:
    """The TOML table of file ``p``; every way of failing is one line."""
    where = f"configuration {shown}"
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise ConfigError(f"{where}: file not found") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"{where}: is a folder; expected a TOML file") from exc
    except OSError as exc:
        raise ConfigError(f"{where}: cannot be read: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{where}: not UTF-8 text (byte 0x{data[exc.start]:02x} at line "
                          f"{line}); save the file as UTF-8") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML: {exc}") from exc


# Modules that declare sections of their own; imported on demand so that loading the
# configuration never drags in heavy dependencies (saxonche must not load in the parent).
SECTION_MODULES: tuple[str, ...] = (
    "edi.routing.table",
    "edi.intake.sftp_settings",
    "edi.validators.schematron_settings",
    "edi.validators.chorus_settings",
    "edi.validators.depositor_settings",
    "edi.validators.envelope_settings",
    "edi.validators.attachments_settings",
    "edi.validators.antivirus_settings",
    "edi.web.settings",
    "edi.lifecycle.settings",
    "edi.flowservice.settings",
)


def _late_sections() -> set[str]:
    import importlib

    for mod in SECTION_MODULES:
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name is None or not mod.startswith(exc.name):
                raise  # a real import error inside an existing module
    return set(SECTIONS)


# -- the check ---------------------------------------------------------------------------

FOLDERS = ("inbox", "outbox", "rejected", "archive", "reports", "work")


def check(settings: Settings) -> None:
    """Everything a command relies on, checked without touching anything.

    Every registered section builds (its own checks run), the cross-setting rules hold,
    the layers exist, the ledger URL parses, and the folders are distinct, outside the
    inbox, creatable and writable. Raises ConfigError naming the setting.
    """
    _late_sections()
    built: list[object] = [settings.section(cls) for cls in SECTIONS.values()]
    d = settings.delivery
    if d.backoff_max < d.backoff_initial:
        raise ConfigError(f"[delivery] backoff_max: {d.backoff_max!r} is below backoff_initial "
                          f"{d.backoff_initial!r}; expected a ceiling >= the first delay")
    _check_validation(settings)
    ledger_file = _check_ledger(settings)
    _check_folders(settings, ledger_file)
    inbox = Path(os.path.abspath(settings.path(settings.paths.inbox).resolve()))
    for part in built:  # a section delivering to local folders says which (routes)
        folders = getattr(part, "local_folders", None)
        for label, folder in (folders() if folders else {}).items():
            path = Path(os.path.abspath(settings.path(folder).resolve()))
            if path == inbox or inbox in path.parents:
                raise ConfigError(f"{label}: {path} is in [paths] inbox {inbox}; what is "
                                  "delivered there would be taken in again")


def _check_validation(settings: Settings) -> None:
    import importlib.util

    from edi.validators.base import REGISTRY, known_layers, registry

    v = settings.validation
    if v.start_method not in Validation.START_METHODS:
        raise ConfigError(f"[validation] start_method: {v.start_method!r} is not one of "
                          f"{list(Validation.START_METHODS)} (fork is refused: saxonche "
                          "aborts after fork())")
    for entry in v.plugins:
        name, sep, target = entry.partition("=")
        module, colon, attr = target.strip().partition(":")
        if not sep or not name.strip() or not colon or not module or not attr:
            raise ConfigError(f"[validation] plugins: {entry!r} is not 'name=module:Factory'")
    try:
        table = registry(settings)
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    known = known_layers(settings)
    for name in v.layers:
        if name not in known:
            raise ConfigError(f"[validation] layers: unknown layer {name!r}; known: {known}")
        if v.layers.count(name) > 1:
            raise ConfigError(f"[validation] layers: {name!r} is named twice")
    for name, target in table.items():
        module = target.split(":")[0]
        try:  # found, not imported: a layer's engine must load in the workers only
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError) as exc:
            spec, detail = None, f": {exc}"
        else:
            detail = ""
        if spec is None and (name in v.layers or REGISTRY.get(name) != target):
            raise ConfigError(f"[validation] plugins: layer {name!r}: module {module!r} "
                              f"cannot be imported{detail}")


def _check_ledger(settings: Settings) -> Path | None:
    """The ledger URL parses and names a known database; the SQLite file, if any."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    raw = settings.paths.ledger
    try:
        url = make_url(settings.ledger_url)
        url.get_dialect()
    except (ArgumentError, ValueError) as exc:
        raise ConfigError(f"[paths] ledger: {raw!r} is not a database URL ({exc}); "
                          "expected e.g. sqlite:///var/edi.sqlite") from exc
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    db = Path(url.database)
    if db.exists() and not db.is_file():
        raise ConfigError(f"[paths] ledger: {db} exists and is not a file")
    _writable("[paths] ledger", db.parent, f"the ledger's folder {db.parent}")
    return db


def _check_folders(settings: Settings, ledger_file: Path | None) -> None:
    folders: dict[str, Path] = {}
    for name in FOLDERS:
        value: Path = getattr(settings.paths, name)
        folders[name] = Path(os.path.abspath(settings.path(value).resolve()))
    seen: dict[Path, str] = {}
    for name, path in folders.items():
        if path in seen:
            raise ConfigError(f"[paths] {name}: {path} is also [paths] {seen[path]}; every "
                              "folder must be distinct (an outbox that is the inbox would "
                              "take every delivery in again)")
        seen[path] = name
    inbox = folders["inbox"]
    inside = dict(folders)
    if ledger_file is not None:
        inside["ledger"] = Path(os.path.abspath(ledger_file.resolve()))
    for name, path in inside.items():
        if name != "inbox" and inbox in path.parents:
            raise ConfigError(f"[paths] {name}: {path} is inside [paths] inbox {inbox}; "
                              "the inbox is for deposits only")
        if name in FOLDERS and name != "inbox" and path in inbox.parents:
            raise ConfigError(f"[paths] inbox: {inbox} is inside [paths] {name} {path}; "
                              "the inbox is for deposits only")
    for name, path in folders.items():
        _writable(f"[paths] {name}", path, str(path), existing_may_refuse=name == "outbox")
    if _device(folders["work"]) != _device(inbox):
        raise ConfigError(f"[paths] work: {folders['work']} is on another filesystem than "
                          f"[paths] inbox {inbox}; a claim is a rename and needs one "
                          "filesystem")


def _existing(path: Path) -> Path:
    """``path`` or its nearest ancestor that exists."""
    while not os.path.lexists(path) and path.parent != path:
        path = path.parent
    return path


def _device(path: Path) -> int:
    return _existing(path).stat().st_dev


def _writable(label: str, path: Path, shown: str, existing_may_refuse: bool = False) -> None:
    """``path`` is a writable folder, or the folder it would be created in is.

    ``existing_may_refuse``: a delivery folder that exists may refuse writes for a while
    (full, read-only): that is a delivery failure, retried, not a configuration mistake.
    """
    base = _existing(path)
    if not base.is_dir():
        what = "exists and is not a folder" if base == path else \
            f"cannot be created: {base} is not a folder"
        raise ConfigError(f"{label}: {shown} {what}")
    if base == path and existing_may_refuse:
        return
    if not os.access(base, os.W_OK | os.X_OK):
        what = "is not writable" if base == path else \
            f"cannot be created: {base} is not writable"
        raise ConfigError(f"{label}: {shown} {what} (by user id {os.getuid()})")


# -- parsing a table ---------------------------------------------------------------------

def _label(where: str) -> str:
    """``routes.target[0].url`` -> ``[routes] target[0].url``: a setting as people name it."""
    head, _, rest = where.partition(".")
    return f"[{head}] {rest}" if rest else f"[{head}]"


def _build(cls: type[T], table: Any, where: str) -> T:
    if not isinstance(table, dict):
        raise ConfigError(f"{_label(where)}: expected a table, got {table!r}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = set(table) - names
    if unknown:
        raise ConfigError(f"{_label(where)}: unknown setting(s) {sorted(unknown)}; "
                          f"known: {sorted(names)}")
    bounds: dict[str, Bound] = getattr(cls, "BOUNDS", {})
    values = {}
    for k, v in table.items():
        value = _coerce(hints[k], v, f"{where}.{k}")
        if isinstance(value, int | float) and not isinstance(value, bool):
            bounds.get(k, NON_NEGATIVE).check(_label(f"{where}.{k}"), value)
        values[k] = value
    return cls(**values)


def _coerce(hint: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    label = _label(where)
    if hint is Path:
        if not isinstance(value, str):
            raise ConfigError(f"{label}: expected a path string, got {value!r}")
        if not value.strip():
            raise ConfigError(f"{label}: empty; expected a path")
        return Path(value)
    if hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            if not math.isfinite(value):
                raise ConfigError(f"{label}: {value!r} is not a finite number")
            return float(value)
        raise ConfigError(f"{label}: expected a number, got {value!r}")
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(f"{label}: expected a list, got {value!r}")
        inner = typing.get_args(hint)[0]
        return tuple(_coerce(inner, v, f"{where}[{i}]" if dataclasses.is_dataclass(inner)
                             else where) for i, v in enumerate(value))
    if origin in (types.UnionType, typing.Union):
        if value is None and type(None) in typing.get_args(hint):
            return None
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        errors: list[ConfigError] = []
        for arg in options:
            try:
                return _coerce(arg, value, where)
            except ConfigError as exc:
                errors.append(exc)
        if len(options) == 1:
            raise errors[0]
        raise ConfigError(f"{label}: {value!r} does not fit {hint}")
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, where)  # type: ignore[arg-type]
    if hint in (str, int, bool) and (type(value) is not hint):
        raise ConfigError(f"{label}: expected {hint.__name__}, got {value!r}")
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
