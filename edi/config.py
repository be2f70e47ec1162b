"""One TOML file -> frozen dataclasses; every setting has a default.

The core sections live here. A stage that needs its own settings declares a frozen
dataclass in its own module and registers it with ``@section("name")``; the TOML table of
that name is then parsed into it on demand (``settings.section(Cls)``) and shown by
``edi config show``. So adding a stage never means editing this file.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

SECTIONS: dict[str, type] = {}


class ConfigError(Exception):
    """The configuration file is unreadable or a setting has the wrong type."""


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


@section("intake")
@dataclass(frozen=True)
class Intake:
    quiet_period: float = 1.0          # seconds a file's size and mtime must stay unchanged
    scan_interval: float = 5.0         # seconds between full directory scans (the truth)
    done_files: bool = False           # take X only once X.done exists next to it
    ignore_suffixes: tuple[str, ...] = (".tmp", ".part", ".done")
    batch: int = 256                   # flows claimed and concluded together (bounded memory)


@section("limits")
@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 100_000_000          # a deposited file (Chorus Pro: 120 MB per flow)
    max_xml_bytes: int = 50_000_000            # one invoice XML, after extraction
    max_archive_members: int = 500             # invoices in one archive flow
    max_archive_total_bytes: int = 500_000_000  # uncompressed total of an archive
    max_compression_ratio: float = 200.0       # uncompressed/compressed, per member and total
    max_pdf_pages: int = 2000


@section("validation")
@dataclass(frozen=True)
class Validation:
    layers: tuple[str, ...] = ("xml", "xsd", "en16931", "br-fr", "identifiers", "chorus")
    stop_on_fatal: bool = True        # a fatal finding skips the later layers (as phive)
    workers: int = 0                  # validation worker processes; 0 = one per core
    plugins: tuple[str, ...] = ()     # layers of your own: "name=module:Factory"
    start_method: str = "spawn"       # spawn or forkserver (never fork: saxonche); "inline"
    #                                   runs in this process (tests, small `edi validate`)


@section("delivery")
@dataclass(frozen=True)
class Delivery:
    """Retry policy for technical failures (an output folder full, a partner down)."""

    attempts: int = 5
    backoff_initial: float = 2.0
    backoff_max: float = 300.0
    jitter: float = 0.2
    max_age: float = 86_400.0         # seconds before a waiting flow becomes IN_INCIDENTE


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

    def section(self, cls: type[T]) -> T:
        """The settings of a registered section (defaults where the file says nothing)."""
        name = cls.__section__  # type: ignore[attr-defined]
        return _build(cls, self.raw.get(name, {}), name)

    def path(self, p: Path) -> Path:
        return p if p.is_absolute() else self.base_dir / p

    @property
    def ledger_url(self) -> str:
        url = self.paths.ledger
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix:
            return prefix + str(self.base_dir / url[len(prefix):])
        return url

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
    """Settings from ``path``, else $EDI_CONFIG, else ./edi.toml if present, else defaults."""
    base = base_dir or Path.cwd()
    chosen = path or os.environ.get("EDI_CONFIG")
    if chosen is None and (base / "edi.toml").is_file():
        chosen = base / "edi.toml"
    raw: dict[str, Any] = {}
    source = "(embedded defaults)"
    if chosen is not None:
        p = Path(chosen)
        try:
            raw = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"configuration file not found: {p}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{p}: not valid TOML: {exc}") from exc
        source = str(p.resolve())
    unknown = set(raw) - set(SECTIONS)
    if unknown:
        unknown -= _late_sections()
    if unknown:
        raise ConfigError(f"unknown section(s) {sorted(unknown)}; known: {sorted(SECTIONS)}")
    return Settings(
        paths=_build(Paths, raw.get("paths", {}), "paths"),
        intake=_build(Intake, raw.get("intake", {}), "intake"),
        limits=_build(Limits, raw.get("limits", {}), "limits"),
        validation=_build(Validation, raw.get("validation", {}), "validation"),
        delivery=_build(Delivery, raw.get("delivery", {}), "delivery"),
        raw=raw,
        source=source,
        base_dir=base,
    )


# Modules that declare sections of their own; imported on demand so that loading the
# configuration never drags in heavy dependencies (saxonche must not load in the parent).
SECTION_MODULES: tuple[str, ...] = (
    "edi.routing.table",
    "edi.intake.sftp_settings",
    "edi.validators.schematron_settings",
    "edi.validators.chorus_settings",
    "edi.web.settings",
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


def _build(cls: type[T], table: Any, where: str) -> T:
    if not isinstance(table, dict):
        raise ConfigError(f"[{where}] must be a table")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = set(table) - names
    if unknown:
        raise ConfigError(f"[{where}] unknown setting(s) {sorted(unknown)}; known: {sorted(names)}")
    values = {k: _coerce(hints[k], v, f"{where}.{k}") for k, v in table.items()}
    return cls(**values)


def _coerce(hint: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if hint is Path:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a path string, got {value!r}")
        return Path(value)
    if hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise ConfigError(f"{where}: expected a number, got {value!r}")
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(f"{where}: expected a list, got {value!r}")
        inner = typing.get_args(hint)[0]
        return tuple(_coerce(inner, v, where) for v in value)
    if origin in (types.UnionType, typing.Union):
        for arg in typing.get_args(hint):
            if arg is type(None) and value is None:
                return None
            try:
                return _coerce(arg, value, where)
            except ConfigError:
                continue
        raise ConfigError(f"{where}: {value!r} does not fit {hint}")
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, where)  # type: ignore[arg-type]
    if hint in (str, int, bool) and (type(value) is not hint):
        raise ConfigError(f"{where}: expected {hint.__name__}, got {value!r}")
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
