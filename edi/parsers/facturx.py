"""Factur-X / ZUGFeRD 2.x PDF -> the embedded invoice XML.

The PDF is opened with pypdf (the reader the factur-x library itself uses) and the XML
is taken from its embedded files by the names the standards give it. We take the raw
bytes rather than factur-x's ``get_xml_from_pdf`` result because that function parses
every attachment with lxml's default parser and silently skips what it cannot parse;
here the XML goes through our hardened parser, so a DTD, an entity bomb or a lying
encoding inside a PDF gets the same specific verdict as in a plain XML file.
"""

from __future__ import annotations

import io
import struct
import zlib

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from edi.config import Limits
from edi.parsers.rules import error

# Names of the invoice XML, by standard, in order of preference (compared case-blind).
# order-x.xml is taken too, so that an Order-X PDF is told apart from a PDF with no XML.
INVOICE_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "order-x.xml")

# What pypdf raises on hostile or broken input besides its own errors: caught by name,
# so that a bug of ours (NameError...) still surfaces.
PDF_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
              zlib.error, struct.error, RecursionError, OverflowError, UnicodeError)

_EOF_WINDOW = 1024  # %%EOF must end the file; writers add at most a few bytes after it


def extract(data: bytes, limits: Limits) -> tuple[str, bytes]:
    """(attachment name, XML bytes) of the invoice embedded in a PDF, or a FlowError."""
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise error("EDI-PDF-MALFORMED",
                    f"the PDF ({len(data):,} bytes) has no %%EOF marker at its end: it is "
                    "truncated; expected a complete PDF/A-3 file", "end of file")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise error("EDI-PDF-ENCRYPTED",
                        "the PDF is encrypted; expected an unencrypted PDF/A-3 (Factur-X "
                        "forbids encryption)", "/Encrypt")
        pages = len(reader.pages)
        if pages > limits.max_pdf_pages:
            raise error("EDI-PDF-PAGES", f"the PDF has {pages:,} pages; the limit is "
                                         f"{limits.max_pdf_pages:,} ([limits] max_pdf_pages)")
        attachments = [(a.name, a) for a in reader.attachment_list]
        chosen = _choose([name for name, _ in attachments])
        if chosen is None:
            found = ", ".join(repr(name) for name, _ in attachments) or "no embedded file"
            raise error("EDI-PDF-NO-XML",
                        f"the PDF embeds {found}; expected an invoice XML named "
                        f"{' or '.join(INVOICE_NAMES[:3])} (Factur-X / ZUGFeRD 2.x)",
                        "/Root/Names/EmbeddedFiles")
        name, attachment = attachments[chosen]
        content = attachment.content
    except PDF_ERRORS as exc:
        raise error("EDI-PDF-MALFORMED", f"the PDF cannot be read: {type(exc).__name__}: "
                                         f"{exc}; expected a valid PDF/A-3 file") from exc
    return name, content


def _choose(names: list[str]) -> int | None:
    """Index of the invoice XML among the embedded files' names."""
    lowered = [n.lower() for n in names]
    for wanted in INVOICE_NAMES:
        if wanted in lowered:
            return lowered.index(wanted)
    for i, name in enumerate(lowered):
        if name.endswith(".xml"):
            return i
    return None
