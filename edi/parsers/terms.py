"""EN 16931 terms read through a syntax's table of compiled XPath expressions.

UBL and CII name the same business terms in different places: each syntax module gives
its table (``Terms``), and one function reads any table into an ``Invoice``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from lxml import etree

from edi.model import Invoice


@dataclass(frozen=True)
class Terms:
    header: Mapping[str, etree.XPath]     # Invoice field -> expression on the root
    lines: etree.XPath                    # count of invoice lines (BG-25)
    parties: Mapping[str, etree.XPath]    # "seller"/"buyer" -> the party element
    party: Mapping[str, etree.XPath]      # name/siret/siren/vat/country -> on the party
    convert: Mapping[str, Callable[[str], str | None]] = field(default_factory=dict)


def read(root: etree._Element, terms: Terms) -> Invoice:
    """The invoice's terms (absent ones None)."""
    values: dict[str, object] = {}
    for name, path in terms.header.items():
        value = path(root)
        values[name] = (terms.convert[name](value) if name in terms.convert else value) \
            or None
    for role, find in terms.parties.items():
        found = find(root)
        if found:
            for suffix, path in terms.party.items():
                values[f"{role}_{suffix}"] = path(found[0]) or None
    return Invoice(**values, line_count=int(terms.lines(root)))
