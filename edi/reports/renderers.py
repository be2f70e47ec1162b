"""The renderings of a compte rendu, as a list: each one a file suffix, a media type and a
function from the report (a dict, ``compte_rendu.build``) to bytes.

The processor writes every rendering under ``reports/``; ``ASIDE`` is the one set aside
with rejected invoices; ``[routes] depositor_renderings`` names those sent back to a
depositor; the web app serves each by its suffix. A new format (a lifecycle message) is
one module with its ``render`` function plus one line in ``RENDERERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from edi.reports import compte_rendu


@dataclass(frozen=True, slots=True)
class Renderer:
    name: str                         # as settings name it: "json", "xml"
    suffix: str                       # after the flow id: "<flow id>.cr.json"
    media_type: str                   # as the web app serves it
    render: Callable[[dict], bytes]

    def file_name(self, flow_id: str) -> str:
        return f"{flow_id}{self.suffix}"

    @property
    def kind(self) -> str:
        """The suffix without its dot, as download URLs name it: ``cr.json``."""
        return self.suffix.lstrip(".")


RENDERERS: tuple[Renderer, ...] = (
    Renderer("json", compte_rendu.JSON_SUFFIX, "application/json", compte_rendu.to_json),
    Renderer("xml", compte_rendu.XML_SUFFIX, "application/xml", compte_rendu.to_xml),
)
ASIDE = "json"          # the rendering written beside a flow's rejected invoices


def names() -> tuple[str, ...]:
    return tuple(r.name for r in RENDERERS)


def by_name(name: str) -> Renderer:
    for r in RENDERERS:
        if r.name == name:
            return r
    raise KeyError(f"no compte rendu rendering named {name!r}; known: {list(names())}")


def by_kind(kind: str) -> Renderer | None:
    """The renderer of a download kind (``cr.json``), or None."""
    return next((r for r in RENDERERS if r.kind == kind), None)


def render_all(report: dict) -> dict[str, bytes]:
    """{renderer name: bytes}: every rendering, all made before any is written."""
    return {r.name: r.render(report) for r in RENDERERS}


def report_paths(folder: Path, flow_id: str) -> list[Path]:
    """Where each rendering of ``flow_id`` lives in ``folder``."""
    return [folder / r.file_name(flow_id) for r in RENDERERS]
