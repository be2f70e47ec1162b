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

``envelope`` reads what is *around* the invoice for the container checks (the
``envelope``, ``attachments`` and ``antivirus`` layers): the XMP metadata packet, every
embedded file with its MIME type, ``/AFRelationship`` and whether ``/Root/AF`` references
it. It uses pikepdf (qpdf), a complete PDF implementation (cross-reference recovery,
object streams, every stream filter), rather than a second hand-written walk: the
container checks judge structure, where a lenient reader's guesses would hide defects.
An embedded stream is never decoded past a cap (``[limits] max_file_bytes`` by default):
a compression bomb in an attachment stops there and is reported as too large.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from edi.config import Limits
from edi.parsers.rules import error

if TYPE_CHECKING:
    import pikepdf
    from pypdf import PdfReader
    from pypdf.generic import EmbeddedFile

# Names of the invoice XML, by standard, in order of preference (compared case-blind).
# order-x.xml is taken too, so that an Order-X PDF is told apart from a PDF with no XML.
INVOICE_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "order-x.xml")
# Of those, the names of an invoice: two different files under them make a PDF ambiguous.
_INVOICES = frozenset(INVOICE_NAMES[:3])

# What pypdf raises on hostile or broken input besides its own PyPdfError: caught by name,
# so that a bug of ours (NameError...) still surfaces.
PDF_ERRORS = (ValueError, KeyError, TypeError, AttributeError, IndexError, zlib.error,
              struct.error, RecursionError, OverflowError, UnicodeError)

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
        from pypdf.generic import DictionaryObject, IndirectObject

        ef = cast(DictionaryObject, self.file.pdf_object["/EF"].get_object())
        ref = ef.raw_get("/F")
        return (ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else id(ref)

    def is_invoice(self) -> bool:
        return any(n.lower() in _INVOICES for n in self.names)


def extract(data: bytes, limits: Limits) -> tuple[str, bytes]:
    """(attachment name, XML bytes) of the invoice embedded in a PDF, or a FlowError.

    pypdf is imported here, on the first PDF: a worker judging only XML never loads it
    (a fifth of a second of its start-up).
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

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
    except (PyPdfError, *PDF_ERRORS) as exc:
        raise error("EDI-PDF-MALFORMED", f"the PDF cannot be read: {type(exc).__name__}: "
                                         f"{exc}; expected a valid PDF/A-3 file") from exc
    return chosen.name, content


def embedded_files(reader: PdfReader) -> list[Embedded]:
    """The file specifications of the name tree (at any depth), then those of /AF."""
    from pypdf.generic import ArrayObject, DictionaryObject

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
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

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
    from pypdf.generic import DictionaryObject, EmbeddedFile

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


# -- the envelope: XMP metadata and every embedded file, read with pikepdf (qpdf) ----------

_PLAIN_FILTERS = {"/FlateDecode": "flate", "/Fl": "flate"}


class EnvelopeError(Exception):
    """qpdf cannot read the PDF that pypdf read: the container cannot be checked."""


@dataclass(frozen=True)
class Attachment:
    """One embedded file of a PDF as qpdf reads it."""

    name: str                       # /UF, else /F, else the name-tree key
    names: tuple[str, ...]          # every name it goes by (key, /UF, /F)
    content: bytes                  # decoded, at most ``cap + 1`` bytes (see ``truncated``)
    mime: str | None                # the embedded stream's /Subtype, e.g. "text/xml"
    relationship: str | None        # /AFRelationship without its slash, e.g. "Data"
    in_af: bool                     # referenced from the catalog's /AF array
    where: str                      # "/Root/Names/EmbeddedFiles" or "/Root/AF"
    truncated: bool = False         # decoding stopped at the cap: the file is larger

    def is_invoice(self) -> bool:
        return any(n.lower() in _INVOICES for n in self.names)


@dataclass(frozen=True)
class Envelope:
    """What surrounds the invoice XML in a Factur-X PDF."""

    xmp: bytes | None                                # the catalog's /Metadata stream
    attachments: tuple[Attachment, ...]              # each embedded stream once
    warnings: tuple[str, ...] = field(default=())    # what qpdf repaired while reading

    @property
    def invoice(self) -> Attachment | None:
        """The invoice XML, chosen by the names ``extract`` prefers."""
        for wanted in INVOICE_NAMES:
            for att in self.attachments:
                if wanted in (n.lower() for n in att.names):
                    return att
        for att in self.attachments:
            if any(n.lower().endswith(".xml") for n in att.names):
                return att
        return None

    def others(self) -> list[Attachment]:
        """The embedded files other than the invoice XML."""
        chosen = self.invoice
        return [a for a in self.attachments if a is not chosen]


def envelope(data: bytes, cap: int) -> Envelope:
    """The XMP packet and embedded files of a PDF; ``EnvelopeError`` when qpdf cannot
    read it. Streams are decoded up to ``cap`` bytes (one more byte tells a larger one)."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            root = pdf.Root
            metadata = root.get("/Metadata")
            xmp = None
            if isinstance(metadata, pikepdf.Stream):
                xmp, _ = _decoded(metadata, cap)
            in_af = set()
            specs: list[tuple[str | None, pikepdf.Dictionary, str]] = []
            associated = root.get("/AF")
            if isinstance(associated, pikepdf.Array):
                for spec in associated:
                    if isinstance(spec, pikepdf.Dictionary):
                        in_af.add(_identity(spec))
                        specs.append((None, spec, "/Root/AF"))
            names = root.get("/Names")
            if isinstance(names, pikepdf.Dictionary) and "/EmbeddedFiles" in names:
                tree = pikepdf.NameTree(names.EmbeddedFiles)
                specs = [(key, spec, "/Root/Names/EmbeddedFiles") for key, spec in tree.items()
                         if isinstance(spec, pikepdf.Dictionary)] + specs
            attachments = _attachments(specs, in_af, cap)
            warnings = tuple(str(w) for w in pdf.get_warnings())
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, TypeError, KeyError,
            RuntimeError, zlib.error, RecursionError, OverflowError, UnicodeError) as exc:
        raise EnvelopeError(f"{type(exc).__name__}: {exc}") from exc
    return Envelope(xmp, tuple(attachments), warnings)


def _identity(obj: object) -> object:
    objgen = getattr(obj, "objgen", (0, 0))
    return objgen if objgen != (0, 0) else id(obj)


def _attachments(specs: list[tuple[str | None, pikepdf.Dictionary, str]], in_af: set[object],
                 cap: int) -> list[Attachment]:
    """Each embedded stream once, named by all its file specifications' names."""
    import pikepdf

    found: dict[object, Attachment] = {}
    for key, spec, where in specs:
        ef = spec.get("/EF")
        if not isinstance(ef, pikepdf.Dictionary):
            continue  # an external file reference: nothing embedded
        stream = ef.get("/UF") if isinstance(ef.get("/UF"), pikepdf.Stream) else ef.get("/F")
        if not isinstance(stream, pikepdf.Stream):
            continue
        names = tuple(dict.fromkeys(n for n in (key, _text(spec.get("/UF")),
                                                _text(spec.get("/F"))) if n))
        ident = _identity(stream)
        known = found.get(ident)
        if known is not None:  # the same stream reached twice (name tree and /AF)
            merged = tuple(dict.fromkeys(known.names + names))
            found[ident] = Attachment(
                known.name, merged, known.content, known.mime,
                known.relationship or _name(spec.get("/AFRelationship")),
                known.in_af or _identity(spec) in in_af, known.where, known.truncated)
            continue
        content, truncated = _decoded(stream, cap)
        shown = _text(spec.get("/UF")) or _text(spec.get("/F")) or key or "(unnamed)"
        found[ident] = Attachment(shown, names or ("(unnamed)",), content,
                                  _name(stream.get("/Subtype")),
                                  _name(spec.get("/AFRelationship")),
                                  _identity(spec) in in_af, where, truncated)
    return list(found.values())


def _decoded(stream: pikepdf.Object, cap: int) -> tuple[bytes, bool]:
    """A stream's decoded bytes, at most ``cap + 1`` of them, and whether it had more.

    A plain Flate stream (what writers use for attachments) is inflated here, stopping at
    the cap; other filter chains are bounded by their raw size (``cap`` raw bytes at most),
    as qpdf decodes them whole.
    """
    import pikepdf

    filters = stream.get("/Filter")
    chain = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else \
        [str(filters)] if filters is not None else []
    if not chain:
        raw = stream.read_raw_bytes()
        return raw[:cap + 1], len(raw) > cap
    if len(chain) == 1 and chain[0] in _PLAIN_FILTERS and stream.get("/DecodeParms") is None:
        inflater = zlib.decompressobj()
        out = inflater.decompress(stream.read_raw_bytes(), cap + 1)
        return out, len(out) > cap or bool(inflater.unconsumed_tail)
    if len(stream.read_raw_bytes()) > cap:
        return b"", True
    out = stream.read_bytes()
    return out[:cap + 1], len(out) > cap


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text or None


def _name(value: object) -> str | None:
    """A PDF name as text without its slash (/text#2Fxml -> text/xml)."""
    if value is None:
        return None
    text = str(value)
    return text[1:] if text.startswith("/") else text
