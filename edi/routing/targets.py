"""Delivery targets by URL scheme: a registry, like the validation layers'.

A route names a target as ``outbox``, a ``[[routes.target]]`` name, a folder path or a
URL; the URL's scheme picks the kind here. Each kind's module gives
``build(name, url, settings, ssh) -> Target`` and may give ``check_url(url, ssh)``, run
when the configuration is loaded (a bad URL stops start-up, not a flow). A new target
kind (``https`` for the standard API) is one module plus one line in ``KINDS``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from edi.config import ConfigError

if TYPE_CHECKING:
    from edi.config import Settings
    from edi.routing.base import Target
    from edi.routing.ssh import SshOptions

OUTBOX = "outbox"


@dataclass(frozen=True, slots=True)
class Kind:
    module: str          # gives build(name, url, settings, ssh) and maybe check_url(url, ssh)
    local: bool = False  # a folder of this machine: refused inside the inbox


KINDS: dict[str, Kind] = {
    "file": Kind("edi.routing.local", local=True),
    "sftp": Kind("edi.routing.sftp"),
    "memory": Kind("edi.routing.memory"),
    "https": Kind("edi.routing.flowservice"),   # an XP Z12-013 Flow Service
    "http": Kind("edi.routing.flowservice"),    # the same, unencrypted (loopback, tests)
}


def scheme_of(ref: str) -> str | None:
    """``file`` for ``outbox`` and folder paths, a URL's scheme, None for a bare name."""
    if ref == OUTBOX:
        return "file"
    head, sep, _ = ref.partition("://")
    if sep and head.isidentifier():
        return head
    return "file" if "/" in ref else None


def kind_of(ref: str, where: str) -> Kind:
    scheme = scheme_of(ref)
    kind = KINDS.get(scheme or "")
    if kind is None:
        raise ConfigError(f"{where}: unknown target {ref!r}; a target is outbox, a "
                          f"[[routes.target]] name, a folder path or a URL of "
                          f"{sorted(KINDS)}")
    return kind


def _module(kind: Kind, ref: str) -> Any:
    try:
        return importlib.import_module(kind.module)
    except ImportError as exc:
        raise ConfigError(f"target {ref!r}: module {kind.module!r} cannot be imported: "
                          f"{exc}") from exc


def check(ref: str, ssh: SshOptions, where: str) -> None:
    """Refuse, at load, a target no delivery could reach."""
    kind = kind_of(ref, where)
    checker = getattr(_module(kind, ref), "check_url", None)
    if checker is not None:
        try:
            checker(ref, ssh)
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from exc


def is_local(ref: str) -> bool:
    kind = KINDS.get(scheme_of(ref) or "")
    return kind is not None and kind.local


def build(name: str, url: str, settings: Settings, ssh: SshOptions) -> Target:
    kind = kind_of(url, f"target {name}")
    return _module(kind, url).build(name, url, settings, ssh)  # type: ignore[no-any-return]
