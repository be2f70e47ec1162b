"""Validation: decide the invoice's scenario, then run the configured layers over it.

The scenario (``edi.validators.scenario``) is decided once, before any layer runs, and
kept in ``doc.scenario``: every layer reads from it whether it judges the invoice.

Which fatal findings stop the later layers (``[validation] stop_on_fatal``, default true):
only those of a *blocking* layer, one that judges whether the document can be read at all
(``xml`` — the hardened parse, before this function — and ``xsd``, or any layer whose
reason is an ``IRR_*`` one, or that sets ``blocking = True``). The business-rule layers
(``en16931``, ``br-fr``, ``identifiers``, ``chorus``) are independent: a fatal finding of
EN 16931 does not keep BR-FR or the Chorus Pro rules from judging, so that the depositor
learns every error at once. The invoice's reason is the first fatal layer's. With
``stop_on_fatal = false`` nothing stops: every layer that applies runs.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from edi.model import Document, LayerRun, Reason, Severity

if TYPE_CHECKING:
    from lxml import etree

    from edi.config import Settings
    from edi.validators.base import Layer

BLOCKING_LAYERS = frozenset({"xml", "xsd"})


def blocking(layer: Layer) -> bool:
    """Whether a fatal finding of ``layer`` means later layers cannot judge the document."""
    declared = getattr(layer, "blocking", None)
    if declared is not None:
        return bool(declared)
    reason = getattr(layer, "reason", Reason.REJ_SEMAN)
    return layer.name in BLOCKING_LAYERS or reason.name.startswith("IRR_")


def validate(doc: Document, tree: etree._ElementTree, layers: list[Layer],
             settings: Settings) -> None:
    """Decide ``doc``'s scenario, then judge it layer by layer; the first layer with a
    fatal finding gives the reason. A fatal finding of a blocking layer (xml, xsd) skips
    the later layers, reported as not run with the cause, when ``stop_on_fatal`` is set.
    """
    from edi.validators.scenario import decide

    if doc.scenario is None:
        doc.scenario = decide(doc, settings)
    stop = settings.validation.stop_on_fatal
    stopped_by: str | None = None
    for layer in layers:
        if stopped_by is not None:
            doc.layers.append(LayerRun(layer.name, False, 0.0, 0,
                                       f"skipped: {doc.reason} found by the {stopped_by} "
                                       "layer"))
            continue
        if not layer.applies(doc):
            doc.layers.append(LayerRun(layer.name, False, 0.0, 0, "does not apply"))
            continue
        started = time.perf_counter()
        findings = layer.check(doc, tree)
        doc.findings.extend(findings)
        doc.layers.append(LayerRun(layer.name, True, time.perf_counter() - started,
                                   len(findings)))
        if any(f.severity is Severity.FATAL for f in findings):
            if doc.reason is None:
                doc.reason = getattr(layer, "reason", Reason.REJ_SEMAN)
            if stop and blocking(layer):
                stopped_by = layer.name
