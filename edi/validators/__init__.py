"""Validation: run the configured layers, in order, over one parsed invoice."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from edi.model import Document, LayerRun, Reason, Severity

if TYPE_CHECKING:
    from lxml import etree

    from edi.config import Settings
    from edi.validators.base import Layer


def validate(doc: Document, tree: etree._ElementTree, layers: list[Layer],
             settings: Settings) -> None:
    """Judge ``doc`` layer by layer; the first layer with a fatal finding gives the reason.

    With ``stop_on_fatal`` (the default, as in phive) a fatal finding skips later layers,
    which are reported as not run, with the cause.
    """
    stop = settings.validation.stop_on_fatal
    for layer in layers:
        if doc.reason is not None and stop:
            doc.layers.append(LayerRun(layer.name, False, 0.0, 0,
                                       f"skipped: {doc.reason} found by an earlier layer"))
            continue
        if not layer.applies(doc):
            doc.layers.append(LayerRun(layer.name, False, 0.0, 0, "does not apply"))
            continue
        started = time.perf_counter()
        findings = layer.check(doc, tree)
        doc.findings.extend(findings)
        doc.layers.append(LayerRun(layer.name, True, time.perf_counter() - started,
                                   len(findings)))
        if doc.reason is None and any(f.severity is Severity.FATAL for f in findings):
            doc.reason = getattr(layer, "reason", Reason.REJ_SEMAN)
