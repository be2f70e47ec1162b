"""What every validation layer is: a name, whether it applies, and uniform findings.

Layers run in the order configured (``[validation] layers``); adding a rule set is adding
a layer to ``REGISTRY``, never editing the pipeline. Layers run inside validation worker
processes: a layer may keep per-process caches (compiled schemas, a Saxon processor), built
lazily on first use, never at import time in the parent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from edi.model import ConfigError

if TYPE_CHECKING:
    from lxml import etree

    from edi.config import Settings
    from edi.model import Document, Finding, Reason


class Layer(Protocol):
    """A validation layer. It may also have ``compile_ahead() -> Iterator[None]``: work
    done one step at a time while an ``edi watch`` worker is idle (the Schematron layers
    compile their stylesheets there)."""

    name: str
    reason: Reason  # the reason an invoice gets when this layer finds a fatal problem

    def applies(self, doc: Document) -> bool:
        """Whether this layer judges this document (by syntax, profile, scenario)."""

    def check(self, doc: Document, tree: etree._ElementTree) -> list[Finding]:
        """The findings of this layer on one parsed invoice; may also fill ``doc.rule_sets``."""


class LayerFactory(Protocol):
    def __call__(self, settings: Settings) -> Layer: ...


# name -> "module:attribute" of a factory taking Settings. Imported lazily, inside the
# worker, so that heavy engines (saxonche) never load in the parent process.
REGISTRY: dict[str, str] = {
    "antivirus": "edi.validators.antivirus:AntivirusLayer",
    "xsd": "edi.validators.xsd:XsdLayer",
    "envelope": "edi.validators.envelope:EnvelopeLayer",
    "attachments": "edi.validators.attachments:AttachmentsLayer",
    "identifiers": "edi.validators.identifiers:IdentifiersLayer",
    "en16931": "edi.validators.schematron:EN16931Layer",
    "br-fr": "edi.validators.schematron:BRFRLayer",
    "chorus": "edi.validators.chorus:ChorusLayer",
    "depositor": "edi.validators.depositor:DepositorLayer",
    "recipient": "edi.validators.recipient:RecipientLayer",   # directory lines (DEST_INC)
}

# "xml" (the hardened parse) always runs first: nothing else can be judged without it.
# Naming it in --layers is allowed and changes nothing.
ALWAYS = ("xml",)


def registry(settings: Settings | None = None) -> dict[str, str]:
    """Our layers, plus those a configuration plugs in (``[validation] plugins``)."""
    found = dict(REGISTRY)
    for entry in settings.validation.plugins if settings else ():
        name, sep, target = entry.partition("=")
        if not sep or ":" not in target:
            raise ValueError(f"[validation] plugins: {entry!r} is not 'name=module:Factory'")
        found[name.strip()] = target.strip()
    return found


def known_layers(settings: Settings | None = None) -> list[str]:
    return [*ALWAYS, *registry(settings)]


def build_layers(settings: Settings) -> list[Layer]:
    """Instantiate the configured layers that exist, in the configured order."""
    import importlib

    layers: list[Layer] = []
    table = registry(settings)
    for name in settings.validation.layers:
        if name in ALWAYS:
            continue
        target = table.get(name)
        if target is None:
            raise ValueError(f"unknown validation layer {name!r}; "
                             f"known: {known_layers(settings)}")
        module_name, attr = target.split(":")
        try:  # a configured layer that cannot be imported stops start-up, never skipped
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            raise ConfigError(f"[validation] layers: layer {name!r}: module {module_name!r} "
                              f"cannot be imported: {exc}") from exc
        layers.append(getattr(module, attr)(settings))
    return layers
