"""Real invoices built for a test by ``edi.samples``, read into (Invoice, tree).

They go through the project's parser (``edi.parsers.read``) when it is there; until it
lands, the Invoice is filled from the very values the sample was built from, and the tree
is the sample's own XML, so the identifier checks still read real accounts and BICs.
"""

from __future__ import annotations

from lxml import etree
from stdnum import luhn

from edi import samples
from edi.config import Settings
from edi.model import Document, Invoice, Profile


def read(syntax: str = "ubl", **overrides: object) -> tuple[Document, etree._ElementTree]:
    data = (samples.ubl_invoice(**overrides) if syntax == "ubl"
            else samples.cii_invoice(Profile.EN16931, **overrides))
    doc = Document(seq=1, name=f"sample.{syntax}.xml", content=data)
    try:
        from edi.parsers import detect
    except ImportError:
        detect = None
    if detect is not None:
        tree = detect.read(doc, Settings().limits)
        return doc, tree
    s = samples.sample(**overrides)
    fields = {f: getattr(s, f) for f in Invoice.__slots__ if hasattr(s, f)}  # type: ignore
    totals = samples._totals(s)
    doc.invoice = Invoice(**fields, total_without_vat=str(totals.net),
                          total_vat=str(totals.vat), total_with_vat=str(totals.gross),
                          amount_due=str(totals.gross), line_count=s.lines)
    return doc, etree.fromstring(data).getroottree()


def siren(seed: int) -> str:
    """A valid SIREN (Luhn) from any 8-digit seed."""
    base = f"{seed % 10**8:08d}"
    return base + luhn.calc_check_digit(base)


def siret(seed: int, establishment: int = 1) -> str:
    """A valid SIRET whose SIREN is ``siren(seed)``."""
    base = siren(seed) + f"{establishment:04d}"
    return base + luhn.calc_check_digit(base)
