"""Real invoices built for a test by ``edi.samples`` and read by the project's parser
(``edi.parsers.read``) into the Invoice and the tree the layers judge.
"""

from __future__ import annotations

from lxml import etree
from stdnum import luhn

from edi import parsers, samples
from edi.config import Settings
from edi.model import Document, Profile


def read(syntax: str = "ubl", **overrides: object) -> tuple[Document, etree._ElementTree]:
    data = (samples.ubl_invoice(**overrides) if syntax == "ubl"
            else samples.cii_invoice(Profile.EN16931, **overrides))
    doc = Document(seq=1, name=f"sample.{syntax}.xml", content=data)
    tree = parsers.read(doc, Settings().limits)
    return doc, tree


def siren(seed: int) -> str:
    """A valid SIREN (Luhn) from any 8-digit seed."""
    base = f"{seed % 10**8:08d}"
    return base + luhn.calc_check_digit(base)


def siret(seed: int, establishment: int = 1) -> str:
    """A valid SIRET whose SIREN is ``siren(seed)``."""
    base = siren(seed) + f"{establishment:04d}"
    return base + luhn.calc_check_digit(base)
