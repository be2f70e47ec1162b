"""Factur-X / ZUGFeRD 2.x PDF -> the embedded invoice XML.

The PDF is opened with pypdf (the reader the factur-x library itself uses) and the XML
is taken from its embedded files by the names the standards give it. We take the raw
bytes rather than factur-x's ``get_xml_from_pdf`` result because that function parses
every attachment with lxml's default parser and silently skips what it cannot parse;
here the XML goes through our hardened parser (``xml_safety.parse``, the one entry
point for deposited XML), so a DTD, an entity bomb or a lying encoding inside a PDF gets
the same specific verdict as in a plain XML file.

Embedded files are found where readers look for them: the catalog's name tree
(/Root/Names/EmbeddedFiles, at any depth) and its associated files (/Root/AF, which
Factur-X requires), each under its name-tree key and its /UF and /F names. Two
*different* invoice XMLs in one PDF are refused: only one could be judged, and the
buyer's software might read the other (another IBAN, other totals).
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, EmbeddedFile, IndirectObject

from edi.config import Limits
from edi.parsers.rules import error

# Names of the invoice XML, by standard, in order of preference (compared case-blind).
# order-x.xml is taken too, so that an Order-X PDF is told apart from a PDF with no XML.
INVOICE_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "order-x.xml")
# Of those, the names of an invoice: two different files under them make a PDF ambiguous.
_INVOICES = frozenset(INVOICE_NAMES[:3])

# What pypdf raises on hostile or broken input besides its own errors: caught by name,
# so that a bug of ours (NameError...) still surfaces.
PDF_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
              zlib.error, struct.error, RecursionError, OverflowError, UnicodeError)

_EOF_WINDOW = 1024  # %%EOF must end the file; writers add at most a few bytes after it
_NAME_TREE_DEPTH = 32  # a name tree is a balanced tree: 32 levels hold any real PDF


@dataclass(frozen=True)
class Embedded:
    """One file specification found in the PDF: its names and where it was found."""

    names: tuple[str, ...]          # name-tree key first (if any), then /UF or /F
    where: str                      # /Root/Names/EmbeddedFiles or /Root/AF
    file: EmbeddedFile

    @property
    def name(self) -> str:
        return self.names[0]

    @property
    def stream(self) -> object:
        """What identifies the embedded stream (one stream may have several specs)."""
        ref = self.file.pdf_object["/EF"].get_object().raw_get("/F")
        return (ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else id(ref)

    def is_invoice(self) -> bool:
        return any(n.lower() in _INVOICES for n in self.names)


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
        files = embedded_files(reader)
        chosen = _choose(files)
        if chosen is None:
            shown = dict.fromkeys(repr(f.name) for f in files)
            found = ", ".join(shown) or "no embedded file"
            raise error("EDI-PDF-NO-XML",
                        f"the PDF embeds {found}; expected an invoice XML named "
                        f"{' or '.join(INVOICE_NAMES[:3])} (Factur-X / ZUGFeRD 2.x)",
                        "/Root/Names/EmbeddedFiles")
        content = chosen.file.content
        _refuse_a_second_invoice(chosen, content, files)
    except PDF_ERRORS as exc:
        raise error("EDI-PDF-MALFORMED", f"the PDF cannot be read: {type(exc).__name__}: "
                                         f"{exc}; expected a valid PDF/A-3 file") from exc
    return chosen.name, content


def embedded_files(reader: PdfReader) -> list[Embedded]:
    """The file specifications of the name tree (at any depth), then those of /AF."""
    root = reader.root_object
    found: list[Embedded] = []
    names = root.get("/Names")
    names = names.get_object() if names is not None else None
    if isinstance(names, DictionaryObject) and "/EmbeddedFiles" in names:
        _walk(names["/EmbeddedFiles"], found, set(), 0)
    associated = root.get("/AF")
    associated = associated.get_object() if associated is not None else None
    for spec in associated if isinstance(associated, ArrayObject) else ():
        _add(found, None, spec.get_object(), "/Root/AF")
    return found


def _walk(node: object, found: list[Embedded], seen: set[int], depth: int) -> None:
    """The (key, file specification) pairs of a name-tree node and its kids."""
    if isinstance(node, IndirectObject):
        if node.idnum in seen:
            return  # a loop in the tree: each node is read once
        seen.add(node.idnum)
    node = node.get_object() if isinstance(node, IndirectObject) else node
    if not isinstance(node, DictionaryObject) or depth > _NAME_TREE_DEPTH:
        return
    pairs = node.get("/Names")
    pairs = pairs.get_object() if pairs is not None else None
    if isinstance(pairs, ArrayObject):
        for i in range(0, len(pairs) - 1, 2):
            key = pairs[i].get_object()
            key = key if isinstance(key, str) else bytes(key).decode("latin-1")
            _add(found, key, pairs[i + 1].get_object(), "/Root/Names/EmbeddedFiles")
    kids = node.get("/Kids")
    kids = kids.get_object() if kids is not None else None
    for kid in kids if isinstance(kids, ArrayObject) else ():
        _walk(kid, found, seen, depth + 1)


def _add(found: list[Embedded], key: str | None, spec: object, where: str) -> None:
    if not isinstance(spec, DictionaryObject) or "/EF" not in spec:
        return  # not an embedded file (an external reference, or null)
    file = EmbeddedFile(name=key or "", pdf_object=spec)
    names = tuple(dict.fromkeys(n for n in (key, file.alternative_name) if n))
    found.append(Embedded(names or ("(unnamed)",), where, file))


def _choose(files: list[Embedded]) -> Embedded | None:
    """The invoice XML among the embedded files, by the standards' names, else any .xml."""
    for wanted in INVOICE_NAMES:
        for file in files:
            if wanted in (n.lower() for n in file.names):
                return file
    for file in files:
        if any(n.lower().endswith(".xml") for n in file.names):
            return file
    return None


def _refuse_a_second_invoice(chosen: Embedded, content: bytes, files: list[Embedded]) -> None:
    """EDI-PDF-XML-TWICE when another invoice-named file holds other bytes than ``chosen``.

    The same stream reached twice (name tree and /AF) or an identical copy is no
    ambiguity; each distinct stream is read once.
    """
    if not chosen.is_invoice():
        return
    read = {chosen.stream}
    for other in files:
        if not other.is_invoice() or other.stream in read:
            continue
        read.add(other.stream)
        second = other.file.content
        if second != content:
            raise error("EDI-PDF-XML-TWICE",
                        f"the PDF embeds two different invoice XMLs: {chosen.name!r} "
                        f"({len(content):,} bytes, in {chosen.where}) and {other.name!r} "
                        f"({len(second):,} bytes, in {other.where}); expected exactly one "
                        "(only one would be judged, and a reader might take the other)",
                        other.where)
