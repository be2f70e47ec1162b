"""EN 16931 terms read through a syntax's table of compiled XPath expressions.

UBL and CII name the same business terms in different places: each syntax module gives
its table (``Terms``), and one function reads any table into an ``Invoice``.

BT-46 (buyer identifier) is read by its scheme: ``0009`` is the buyer's SIRET
(``buyer_siret``), ``0224`` its private routing identifier (``buyer_routing_code``).
XP Z12-012 Annex B (V1.4, example UC1, p. 11) lists it as "BT-46c Identifiant de
l'acheteur (routage)", scheme "BT-46c-1 ... 0224", value "CDROUT1"; the BR-FR Schematron
checks it where we read it (BR-FR-24 "Validation du format des identifiants privés avec
schemeID = 0224" and BR-FR-26 "Longueur maximale ...": UBL
``cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID[@schemeID='0224']``,
CII ``ram:BuyerTradeParty/ram:GlobalID[@schemeID='0224']``). For a public buyer it is the
Chorus Pro service code (see ``edi.validators.chorus.service_code``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from edi.model import Invoice


@dataclass(frozen=True)
class Terms:
    header: Mapping[str, etree.XPath]     # Invoice field -> expression on the root
    lines: etree.XPath                    # count of invoice lines (BG-25)
    parties: Mapping[str, etree.XPath]    # "seller"/"buyer" -> the party element
    party: Mapping[str, etree.XPath]      # name/siret/siren/vat/country -> on the party
    convert: Mapping[str, Callable[[str], str | None]] = field(default_factory=dict)


def bar_treatment(value: str) -> str | None:
    """BT-22 of the "BAR" note: UBL writes ``#BAR#B2B`` (the path yields ``B2B`` and what
    follows a closing ``#``), CII the code alone; BR-FR-11 reads it the same way."""
    code = value.split("#", 1)[0].strip().upper()
    return code or None


def read(root: etree._Element, terms: Terms) -> Invoice:
    """The invoice's terms (absent ones None)."""
    values: dict[str, Any] = {}  # term name -> its value, each Invoice field's own type
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
