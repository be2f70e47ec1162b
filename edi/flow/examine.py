"""Detect, parse, validate: the ``examine`` step, inside a validation worker.

Pure: bytes in, documents with their findings out. This module never imports the
conductor (``edi.flow.conductor``), so a worker loads only what judging needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from edi import parsers
from edi.config import Settings
from edi.intake.claim import safe_name
from edi.model import Document, FlowError, FlowStatus, Syntax
from edi.parsers.detect import check_size
from edi.validators import validate


def examine_file(name: str, path: Path, settings: Settings, layers: list[Any],
                 interface: str | None = None) -> list[Document]:
    """``examine`` a deposited file; one over the size cap is refused without reading it
    (its set-aside copy is then taken from the archive)."""
    try:
        check_size(path.stat().st_size, settings.limits)
    except FlowError as exc:
        return [Document(seq=1, name=name, content=b"", reason=exc.reason,
                         findings=[exc.finding("intake")], interface=interface)]
    return examine(name, path.read_bytes(), settings, layers, interface)


def examine(name: str, data: bytes, settings: Settings, layers: list[Any],
            interface: str | None = None) -> list[Document]:
    """Scan, detect and parse a flow's bytes into documents, then validate each one.

    With the ``antivirus`` layer configured, the deposited bytes are scanned before
    anything opens them (a virus in a file refused for its type, or in an archive as a
    whole, is caught there; the layer then scans each document and its attachments).
    """
    if "antivirus" in settings.validation.layers:
        from edi.validators.antivirus import scan_deposit

        infected = scan_deposit(name, data, settings)  # ScanFailed: an incident, never a pass
        if infected is not None:
            infected.interface = interface
            return [infected]
    try:
        documents = parsers.unpack(name, data, settings.limits)
    except FlowError as exc:
        return [Document(seq=1, name=name, content=data, reason=exc.reason,
                         findings=[exc.finding("intake")], interface=interface)]
    name_documents(documents)
    for doc in documents:
        doc.interface = interface
        if doc.reason is not None:
            continue
        try:
            tree = parsers.read(doc, settings.limits)
        except FlowError as exc:
            doc.reason = exc.reason
            doc.findings.append(exc.finding("xml"))
            continue
        if doc.syntax is Syntax.CDAR:
            judge_cdar(doc, tree)
            continue
        if doc.syntax is Syntax.ORDER:   # an order: its own checks, then an engagement
            from edi.parsers.order import judge

            judge(doc, tree)
            continue
        validate(doc, tree, layers, settings)
    return documents


def judge_cdar(doc: Document, tree: Any) -> None:
    """A lifecycle message: its XSD and the official BR-FR-CDV rules, not the invoice
    layers (``edi.lifecycle.check``); its statuses are filed when the flow is recorded."""
    from edi.lifecycle.check import judge

    findings, reason, runs = judge(tree)
    doc.findings.extend(findings)
    doc.layers.extend(runs)
    doc.reason = reason


def verdict_of(documents: Sequence[Document]) -> tuple[FlowStatus, str | None]:
    """A flow's status from its invoices' verdicts, and the first rejection's reason."""
    rejected = [d for d in documents if d.fatal]
    if len(rejected) == len(documents):
        status = FlowStatus.IN_REJETE
    elif rejected:
        status = FlowStatus.IN_INTEGRE_PARTIEL
    else:
        status = FlowStatus.IN_INTEGRE
    reason = str(rejected[0].reason) if rejected and rejected[0].reason else None
    return status, reason


def flow_format(documents: Sequence[Document]) -> str | None:
    """A flow's format: its one invoice's, or ARCHIVE for several."""
    if len(documents) > 1:
        return "ARCHIVE"
    return documents[0].format if documents else None


def name_documents(documents: Iterable[Document]) -> None:
    """Names as escaped text before anything records or writes them."""
    for doc in documents:
        doc.name = safe_name(doc.name)
