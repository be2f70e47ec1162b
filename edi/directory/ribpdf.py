"""A structure's bank details as a one-page PDF, as the portal's "download the RIB".

Written with pikepdf, already a dependency (the envelope layer reads Factur-X containers
with it): qpdf builds the file (objects, cross-reference table, trailer), we only give
the page's text operators, in the standard Helvetica fonts every PDF reader has (no font
embedded, WinAnsi encoding: French accents print). A PDF library that lays out documents
(reportlab, fpdf2) would be a new dependency for a dozen lines of text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
from stdnum import iban as stdiban

from edi.directory.rib import rib_of_iban
from edi.durable import write_atomic

A4 = (595, 842)
COLUMNS = (0, 110, 220, 350)     # points from the left margin: the RIB's four fields
COLUMN_CHARS = 19


@dataclass(frozen=True, slots=True)
class Holder:
    siret: str
    name: str
    address: str


def lines_of(holder: Holder, iban: str, bic: str | None) -> list[tuple[str, str]]:
    """(font, text) lines of one account's page: F1 regular, F2 bold; a tab separates
    the columns of the RIB's table (``as_text`` for a terminal)."""
    rib = rib_of_iban(iban)
    out = [("F2", "Relevé d'identité bancaire"), ("F1", ""),
           ("F1", f"Titulaire : {holder.name}"), ("F1", f"Adresse : {holder.address or '-'}"),
           ("F1", f"SIRET : {holder.siret}"), ("F1", "")]
    if rib is not None:
        out += [("F2", "Code banque\tCode guichet\tNuméro de compte\tClé RIB"),
                ("F1", f"{rib.bank}\t{rib.branch}\t{rib.account}\t{rib.key}"),
                ("F1", f"RIB : {rib}"), ("F1", "")]
    out += [("F2", f"IBAN : {stdiban.format(iban)}"), ("F2", f"BIC : {bic or '-'}"),
            ("F1", ""),
            ("F1", f"Édité par edi-flux le {datetime.now(UTC).date().isoformat()}")]
    return out


def as_text(line: str) -> str:
    """A line of ``lines_of`` for a terminal: columns padded instead of tabs."""
    cells = line.split("\t")
    return "".join(c.ljust(COLUMN_CHARS) for c in cells[:-1]) + cells[-1]


def write_rib_pdf(file: Path, holder: Holder,
                  accounts: Sequence[tuple[str, str | None]]) -> None:
    """One page per (IBAN, BIC) of ``accounts``, written atomically at ``file``."""
    pdf = pikepdf.new()
    fonts = pikepdf.Dictionary(
        F1=pdf.make_indirect(_font("/Helvetica")), F2=pdf.make_indirect(_font("/Helvetica-Bold")))
    for iban, bic in accounts:
        page = pdf.add_blank_page(page_size=A4)
        page.Resources = pikepdf.Dictionary(Font=fonts)
        page.Contents = pdf.make_stream(_content(lines_of(holder, iban, bic)))
    pdf.docinfo["/Title"] = f"RIB {holder.name}"
    pdf.docinfo["/Producer"] = "edi-flux"
    import io

    out = io.BytesIO()
    pdf.save(out)
    write_atomic(file, out.getvalue())


def _font(base: str) -> pikepdf.Dictionary:
    return pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                              BaseFont=pikepdf.Name(base),
                              Encoding=pikepdf.Name.WinAnsiEncoding)


def _content(lines: list[tuple[str, str]]) -> bytes:
    parts = [b"BT"]
    y = 780
    for font, text in lines:
        size = b"14" if font == "F2" and text.startswith("Relev") else b"11"
        parts.append(b"/" + font.encode() + b" " + size + b" Tf")
        for x, cell in zip(COLUMNS, text.split("\t"), strict=False):
            parts.append(f"1 0 0 1 {56 + x} {y} Tm".encode() + b" (" + _escape(cell) + b") Tj")
        y -= 16
    parts.append(b"ET")
    return b"\n".join(parts)


def _escape(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
