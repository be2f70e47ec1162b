"""The route table: which targets receive an accepted invoice, as data (as in Bots EDI).

```toml
[routes]
default = ["outbox"]                 # when no route matches (this is the default)
daily_report = ["etat"]              # where `edi report daily --deliver` sends the summary

[[routes.target]]                    # a named target
name = "etat"
url = "sftp://edi@sftp.partner.fr:22/depot"
known_hosts = "/etc/edi/known_hosts"
key_file = "/etc/edi/keys/etat_ed25519"
passphrase_env = "EDI_ETAT_PASSPHRASE"   # secrets are named here, never written here

[[routes.route]]                     # routes are tried in order; the first match wins
name = "public buyers"
match = { buyer_siren = ["110000007"], format = ["UBL", "CII"] }
targets = ["outbox", "etat"]
reports_to_depositor = true          # send each flow's compte rendu back over SFTP
```

``[routes] depositor_renderings`` (default ``["xml"]``) names the renderings of the compte
rendu (``edi.reports.renderers``) that go back to a depositor.

A match field takes a value or a list (any of them); every given field must match. A
route's targets are ``outbox``, a named target, an ``sftp://`` URL (its settings from
``[routes.sftp]``) or a local folder.

``platform`` matches the buyer's directory line (``edi directory import-lines``): the id
of the platform that receives for the buyer's SIRET or SIREN today, e.g.
``match = { platform = ["0042"] }``; a buyer without a line in effect matches none.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

from edi.config import ConfigError, Settings, section
from edi.directory.lines import LineIndex, cached_index, platforms_for
from edi.model import Document, Flow
from edi.routing import targets
from edi.routing.base import Target
from edi.routing.ssh import SshOptions
from edi.routing.targets import OUTBOX

if TYPE_CHECKING:
    from edi.intake.sftp_settings import Partner

log = logging.getLogger(__name__)
REPORTS_PREFIX = "reports:"   # a ref naming an SFTP intake partner's reports folder


@dataclass(frozen=True)
class Match:
    """What a route selects; empty fields match anything."""

    buyer_siret: tuple[str, ...] | str = ()   # BT-46
    buyer_siren: tuple[str, ...] | str = ()   # BT-47, or the first 9 digits of BT-46
    supplier: tuple[str, ...] | str = ()      # seller SIRET, SIREN or VAT id
    format: tuple[str, ...] | str = ()        # UBL, CII, FACTURX
    interface: tuple[str, ...] | str = ()     # inbox, or an SFTP intake partner's interface
    platform: tuple[str, ...] | str = ()      # the buyer's directory line's platform id

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            values = (value,) if isinstance(value, str) else tuple(value)
            norm = tuple(v.replace(" ", "").upper() for v in values)
            object.__setattr__(self, f.name, norm)

    @property
    def flow_level(self) -> bool:
        """True when only flow-wide criteria are set, so the route can speak for a flow."""
        return not (self.buyer_siret or self.buyer_siren or self.supplier or self.platform)

    def matches(self, doc: Document | None, flow: Flow,
                lines: LineIndex | None = None) -> bool:
        if self.interface and flow.interface.upper() not in self.interface:
            return False
        fmt = doc.format if doc is not None else flow.format
        if self.format and (fmt or "").upper() not in self.format:
            return False
        if doc is None:
            return self.flow_level
        inv = doc.invoice
        if inv is None:
            return self.flow_level
        if self.buyer_siret and _norm(inv.buyer_siret) not in self.buyer_siret:
            return False
        if self.buyer_siren:
            siren = _norm(inv.buyer_siren) or _norm(inv.buyer_siret)[:9]
            if siren not in self.buyer_siren:
                return False
        if self.supplier:
            ids = {_norm(inv.seller_siret), _norm(inv.seller_siret)[:9],
                   _norm(inv.seller_siren), _norm(inv.seller_vat)} - {""}
            if not ids & set(self.supplier):
                return False
        if not self.platform:
            return True
        return lines is not None and bool(
            platforms_for(lines, inv.buyer_siret, inv.buyer_siren) & set(self.platform))


def _norm(value: str | None) -> str:
    return (value or "").replace(" ", "").upper()


@dataclass(frozen=True)
class Route:
    name: str = ""
    match: Match = field(default_factory=Match)
    targets: tuple[str, ...] = (OUTBOX,)
    reports_to_depositor: bool = False


@dataclass(frozen=True)
class TargetSpec(SshOptions):
    name: str = ""
    url: str = ""                          # a URL (sftp://user@host:port/path), or a folder


@section("routes")
@dataclass(frozen=True)
class Routes:
    default: tuple[str, ...] = (OUTBOX,)
    reports_to_depositor: bool = False     # for flows no flow-level route speaks for
    daily_report: tuple[str, ...] = ()     # targets of `edi report daily --deliver`
    depositor_renderings: tuple[str, ...] = ("xml",)  # renderings sent back to depositors
    route: tuple[Route, ...] = ()
    target: tuple[TargetSpec, ...] = ()
    sftp: SshOptions = field(default_factory=SshOptions)  # for sftp:// URLs named inline

    def __post_init__(self) -> None:
        from edi.reports import renderers

        for rendering in self.depositor_renderings:
            if rendering not in renderers.names():
                raise ConfigError(f"[routes] depositor_renderings: unknown rendering "
                                  f"{rendering!r}; known: {list(renderers.names())}")
        names = [t.name for t in self.target]
        for spec in self.target:
            if not spec.name or not spec.url:
                missing = "url" if spec.name else "name"
                raise ConfigError(f"[[routes.target]] {spec.name or '(unnamed)'}: {missing} "
                                  "is missing; each target needs a name and a url")
            if spec.name == OUTBOX or names.count(spec.name) > 1:
                raise ConfigError(f"[[routes.target]] name {spec.name!r} is reserved or "
                                  "used twice")
            if targets.scheme_of(spec.url) is not None:  # else a folder, relative
                targets.check(spec.url, spec, f"routes.target {spec.name}")
        for i, route in enumerate(self.route):
            if not route.targets:
                raise ConfigError(f"routes.route[{i}] ({route.name}): no targets")
            for ref in route.targets:
                self._check_ref(ref, f"routes.route[{i}] ({route.name or 'unnamed'})", names)
        for ref in self.default:
            self._check_ref(ref, "routes.default", names)
        for ref in self.daily_report:
            self._check_ref(ref, "routes.daily_report", names)

    def local_folders(self) -> dict[str, Path]:
        """The local folders this table delivers to, by the setting that names them
        (the configuration check refuses one that is, or is inside, the inbox)."""
        found: dict[str, Path] = {}
        for spec in self.target:
            if targets.is_local(spec.url) or targets.scheme_of(spec.url) is None:
                found[f"[[routes.target]] {spec.name}: url"] = Path(
                    spec.url.removeprefix("file://"))
        names = {t.name for t in self.target}
        refs = [("[routes] default", r) for r in self.default]
        refs += [(f"[routes] route[{i}].targets", r)
                 for i, route in enumerate(self.route) for r in route.targets]
        refs += [("[routes] daily_report", r) for r in self.daily_report]
        for where, ref in refs:
            if ref != OUTBOX and ref not in names and targets.is_local(ref):
                found[f"{where}: {ref}"] = Path(ref.removeprefix("file://"))
        return found

    def _check_ref(self, ref: str, where: str, names: list[str]) -> None:
        if ref == OUTBOX or ref in names:
            return
        if targets.scheme_of(ref) is None:
            raise ConfigError(f"{where}: unknown target {ref!r}; known: "
                              f"{[OUTBOX, *names]}, an sftp:// URL or a folder path")
        targets.check(ref, self.sftp, where)


def make_target(ref: str, settings: Settings, spec: TargetSpec | None = None,
                ssh: SshOptions | None = None) -> Target:
    """The Target ``ref`` names: ``outbox``, a URL or a folder (named: ``spec``), of the
    kind its scheme registers (``edi.routing.targets``)."""
    if spec is not None:
        return targets.build(spec.name, spec.url, settings, spec)
    return targets.build(ref, ref, settings, ssh or SshOptions())


class RouteTable:
    """The parsed table and its targets, built once: targets keep their connections."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.routes: Routes = settings.section(Routes)
        self.specs = {t.name: t for t in self.routes.target}
        self._targets: dict[str, Target] = {}
        self._lock = threading.Lock()

    def route_for(self, doc: Document, flow: Flow) -> Route | None:
        lines = self._lines() if any(r.match.platform for r in self.routes.route) else None
        return next((r for r in self.routes.route if r.match.matches(doc, flow, lines)),
                    None)

    def _lines(self) -> LineIndex:
        """The directory lines (``platform`` matches), as this process last loaded them."""
        from edi.validators.chorus_settings import ChorusSettings

        chorus = self.settings.section(ChorusSettings)
        return cached_index(self.settings.path(chorus.directory),
                            chorus.reload_check_seconds)

    def target(self, ref: str) -> Target:
        """The target a ref names: ``outbox``, a named target, a URL or folder, or
        ``reports:<partner>`` (an SFTP intake partner's reports folder)."""
        if ref.startswith(REPORTS_PREFIX):
            return self._reports_target(ref)
        with self._lock:
            target = self._targets.get(ref)
            if target is None:
                target = make_target(ref, self.settings, self.specs.get(ref), self.routes.sftp)
                self._targets[ref] = target
            return target

    def refs_for(self, doc: Document, flow: Flow) -> list[str]:
        """The refs of the targets an accepted invoice goes to (``target`` builds them)."""
        route = self.route_for(doc, flow)
        return list(route.targets if route else self.routes.default)

    def targets_for(self, doc: Document, flow: Flow) -> list[Target]:
        return [self.target(ref) for ref in self.refs_for(doc, flow)]

    def all_targets(self) -> list[Target]:
        """Every target the table can name (for `edi routes test`)."""
        refs = dict.fromkeys([*self.routes.default, *self.specs, *self.routes.daily_report,
                              *(ref for r in self.routes.route for ref in r.targets)])
        return [self.target(ref) for ref in refs]

    def reports_to_depositor(self, flow: Flow) -> bool:
        route = next((r for r in self.routes.route if r.match.matches(None, flow)), None)
        return route.reports_to_depositor if route else self.routes.reports_to_depositor

    def report_refs_for(self, flow: Flow) -> list[str]:
        """``reports:<partner>`` when the flow's compte rendu goes back to its depositor."""
        if not self.reports_to_depositor(flow):
            return []
        partner = _partner_of(flow, self.settings)
        if partner is None or not partner.reports_folder:
            log.warning("flow %s: reports_to_depositor, but interface %s is no SFTP intake "
                        "partner with a reports_folder", flow.flow_id, flow.interface)
            return []
        return [REPORTS_PREFIX + partner.name]

    def report_targets_for(self, flow: Flow) -> list[Target]:
        return [self.target(ref) for ref in self.report_refs_for(flow)]

    def _reports_target(self, ref: str) -> Target:
        from edi.intake.sftp_settings import SftpIntakeSettings

        name = ref.removeprefix(REPORTS_PREFIX)
        with self._lock:
            target = self._targets.get(ref)
            if target is None:
                partners = self.settings.section(SftpIntakeSettings).partner
                partner = next((p for p in partners if p.name == name and p.reports_folder),
                               None)
                if partner is None:
                    raise ConfigError(f"{ref}: no SFTP intake partner {name!r} with a "
                                      "reports_folder")
                target = targets.build(partner.reports_url, partner.reports_url,
                                       self.settings, partner)
                self._targets[ref] = target
            return target

    def close(self) -> None:
        with self._lock:
            targets, self._targets = list(self._targets.values()), {}
        for target in targets:
            target.close()


def _partner_of(flow: Flow, settings: Settings) -> Partner | None:
    from edi.intake.sftp_settings import SftpIntakeSettings

    partners = settings.section(SftpIntakeSettings).partner
    return next((p for p in partners if p.interface_name == flow.interface), None)


# Per-process cache: one table (and so one set of connections) per Settings object.
_process_tables: dict[int, tuple[Settings, RouteTable]] = {}
_process_lock = threading.Lock()


def table_for(settings: Settings) -> RouteTable:
    with _process_lock:
        entry = _process_tables.get(id(settings))
        if entry is None or entry[0] is not settings:
            entry = (settings, RouteTable(settings))
            _process_tables[id(settings)] = entry
        return entry[1]


def targets_for(doc: Document, flow: Flow, settings: Settings) -> list[Target]:
    """The targets an accepted invoice goes to: the first matching route's, or the default."""
    return table_for(settings).targets_for(doc, flow)


def report_targets_for(flow: Flow, settings: Settings) -> list[Target]:
    """Where the flow's compte rendu goes back to the depositor (the SFTP partner)."""
    return table_for(settings).report_targets_for(flow)


def close_targets() -> None:
    """Close every cached target's connections (at the end of `edi watch`)."""
    with _process_lock:
        entries = list(_process_tables.values())
        _process_tables.clear()
    for _, table in entries:
        table.close()
