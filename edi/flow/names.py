"""Deterministic file names of a flow's outputs: a redo after a crash writes the same
names, so it overwrites or finds what is there instead of duplicating."""

from __future__ import annotations

import re
from collections.abc import Sequence

from edi.intake.claim import safe_name
from edi.model import Container, Document, Flow
from edi.reports import renderers


def output_names(flow: Flow, documents: Sequence[Document]) -> dict[int, str]:
    """Delivery names (flow id + invoice number): a redo never duplicates."""
    names: dict[int, str] = {}
    used: set[str] = set()
    for doc in documents:
        ext = ".pdf" if doc.container is Container.PDF else ".xml"
        number = doc.invoice.number if doc.invoice and doc.invoice.number else None
        stem = f"{flow.flow_id}_{_safe(number)}" if number else f"{flow.flow_id}_{doc.seq:03d}"
        if stem.casefold() in used:
            stem = f"{stem}_{doc.seq:03d}"
        n = 1
        while stem.casefold() in used:  # a number that looks like another's suffix
            n += 1
            stem = f"{stem}_{n}"
        used.add(stem.casefold())
        names[doc.seq] = stem + ext
    return names


def aside_names(flow_id: str, documents: Sequence[Document]) -> dict[int, str]:
    """{seq: file name} of rejected invoices set aside under rejected/<flow id>/.

    The escaped text of each member's name (any bytes, any encoding), made a plain file
    name; names that would collide (in any case: folders may be case-insensitive) get a
    ``_002``-style suffix in member order, so a redo after a crash writes the same names.
    """
    used = {renderers.by_name(renderers.ASIDE).file_name(flow_id).casefold()}
    names: dict[int, str] = {}
    for doc in sorted(documents, key=lambda d: d.seq):
        base = _file_name(doc.name)
        stem, dot, ext = base.rpartition(".")
        if not stem:
            stem, dot, ext = base, "", ""
        candidate, n = base, 1
        while candidate.casefold() in used:
            n += 1
            candidate = f"{stem}_{n:03d}{dot}{ext}"
        used.add(candidate.casefold())
        names[doc.seq] = candidate
    return names


def _file_name(name: str) -> str:
    """A member name (maybe a path inside its archive) as one visible file name."""
    text = safe_name(name).replace("/", "-")
    return text.lstrip(". ") or "x"


def _safe(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-")
    return cleaned[:120] or "x"
