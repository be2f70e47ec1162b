"""Detection by content, never by extension: bytes -> documents -> parsed invoices.

A depositor's file name says nothing reliable (``facture.xml`` may be a PDF, a ZIP may be
called ``.dat``), so the format is read from magic bytes and, for XML, from the root
element's namespace. Each kind is recognised by its own structure, where that kind puts
it: a ZIP by its local header at 0 or its end-of-central-directory record at the end, a tar
by its header checksum, gzip and PDF by their magic at 0, XML by its first character. A
signature found somewhere in the first kilobyte is only a fallback for a PDF with a junk
prefix, taken when nothing else matched: a ZIP or tar of PDFs holds ``%PDF-`` there too.
Bytes that are validly two things (a PDF with a ZIP appended, a ZIP behind a PDF header)
are refused as a polyglot: each reader would see another file.

Unsupported formats that we recognise (ZUGFeRD 1.0, FatturaPA, Order-X) are named in the
verdict, so the depositor knows what to send instead.
"""

from __future__ import annotations

import re
from enum import StrEnum

from lxml import etree

from edi.config import Limits
from edi.lifecycle import cdar
from edi.model import Container, Document, FlowError, Profile, Syntax
from edi.parsers import archive, cii, facturx, order, ubl
from edi.parsers.rules import error
from edi.validators import xml_safety


class Kind(StrEnum):
    """What a byte string looks like, before any parsing."""

    EMPTY = "empty"
    XML = "xml"
    PDF = "pdf"
    ZIP = "zip"
    GZIP = "gzip"
    TAR = "tar"
    POLYGLOT = "polyglot"
    TEXT = "text"
    BINARY = "binary"


ARCHIVES = frozenset({Kind.ZIP, Kind.GZIP, Kind.TAR})

_NON_SPACE = re.compile(rb"[^ \t\r\n\f\v]")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_XML_START = (b"<", b"\xef\xbb\xbf<", b"\xff\xfe<\x00", b"\xfe\xff\x00<", b"<\x00", b"\x00<",
              b"\xef\xbb\xbf\n", b"\xef\xbb\xbf\r")

# Roots we recognise but do not take: (namespace or None for any, local name) -> rule id.
_UNSUPPORTED_ROOTS = {
    ("urn:ferd:CrossIndustryDocument:invoice:1p0", "CrossIndustryDocument"):
        ("EDI-TYPE-ZUGFERD1", "a ZUGFeRD 1.0 invoice"),
    (None, "CrossIndustryDocument"): ("EDI-TYPE-ZUGFERD1", "a ZUGFeRD 1.0 invoice"),
    (None, "FatturaElettronica"): ("EDI-TYPE-FATTURAPA", "an Italian FatturaPA invoice"),
    (None, "SCRDMCCBDACIOMessageStructure"): ("EDI-TYPE-ORDERX", "an Order-X order"),
}
_EXPECTED = ("expected a UBL 2.1 Invoice or CreditNote, a UN/CEFACT CII "
             "CrossIndustryInvoice (Factur-X / ZUGFeRD 2.x / XRechnung), a Factur-X PDF or a "
             "ZIP / TAR.GZ of them")


# How each kind was recognised, for a polyglot's verdict.
_SEEN_AS = {
    Kind.PDF: "a PDF (%PDF- header)",
    Kind.ZIP: "a ZIP archive (local header at 0 or end-of-central-directory record)",
    Kind.GZIP: "a gzip file (magic 1f 8b at 0)",
    Kind.TAR: "a tar archive (header with a valid checksum)",
    Kind.XML: "an XML document ('<' at its start)",
}
PDF_JUNK = 1024  # PDF readers accept this many junk bytes before %PDF-


def sniff(data: bytes) -> Kind:
    """The kind of ``data`` from its structure (see the module docstring)."""
    if _NON_SPACE.search(data) is None:
        return Kind.EMPTY
    found = structures(data)
    if len(found) > 1:
        return Kind.POLYGLOT
    if found:
        return found[0]
    head = data[:PDF_JUNK]
    if data[257:262] == b"ustar":  # a damaged tar header: tarfile says what is wrong
        return Kind.TAR
    if _looks_like_xml(head):
        return Kind.XML
    if b"%PDF-" in head:  # a junk prefix before the header, as PDF readers allow
        return Kind.PDF
    if _CONTROL.search(head) is None:
        return Kind.TEXT
    return Kind.BINARY


def structures(data: bytes) -> list[Kind]:
    """Every kind ``data`` validly is, each recognised by its own header; more than one
    is a polyglot.

    A ZIP found only by its end record (something precedes it) is a self-extracting or
    concatenated archive; when what precedes it reads as a PDF or XML, that is a second
    kind.
    """
    found = []
    if data.startswith(b"%PDF-"):
        found.append(Kind.PDF)
    zip_at_start = data.startswith((archive.ZIP_LOCAL, archive.ZIP_END))
    if zip_at_start or archive.zip_end(data) is not None:
        found.append(Kind.ZIP)
        if not zip_at_start and Kind.PDF not in found:
            head = data[:PDF_JUNK]
            if b"%PDF-" in head:
                found.append(Kind.PDF)
            elif _looks_like_xml(head):
                found.append(Kind.XML)
    if data.startswith(b"\x1f\x8b"):
        found.append(Kind.GZIP)
    if archive.tar_header(data):
        found.append(Kind.TAR)
    return found


def _looks_like_xml(head: bytes) -> bool:
    return head.startswith(_XML_START) or head.lstrip().startswith(b"<")


def check_size(size: int, limits: Limits) -> None:
    """Refuse a file over the cap before reading it: a 200 MB deposit is never loaded."""
    if size > limits.max_file_bytes:
        raise error("EDI-FILE-SIZE", f"the file is {size:,} bytes; the limit is "
                                     f"{limits.max_file_bytes:,} ([limits] max_file_bytes)")


def unpack(name: str, data: bytes, limits: Limits) -> list[Document]:
    """One flow's bytes -> its documents: one for a plain file, one per archive member.

    Flow-level problems raise FlowError; a member that is empty, text or of an unknown
    type is recorded on its own Document (reason and finding) so the others go on.
    """
    check_size(len(data), limits)
    kind = sniff(data)
    if kind not in ARCHIVES:
        doc = Document(seq=1, name=name, content=data)
        _classify(doc, kind)
        return [doc]
    documents = []
    for seq, (member, content) in enumerate(archive.members(data, kind.value, limits), 1):
        member_kind = sniff(content)
        if member_kind in ARCHIVES:
            raise error("EDI-ARCHIVE-NESTED", f"member {member!r} is itself a "
                                              f"{member_kind.value} archive; expected XML or "
                                              "PDF invoices only", member)
        doc = Document(seq=seq, name=member, content=content)
        try:
            _classify(doc, member_kind)
        except FlowError as exc:
            doc.reason = exc.reason
            doc.findings.append(exc.finding("intake"))
        documents.append(doc)
    return documents


def read(doc: Document, limits: Limits) -> etree._ElementTree:
    """The "xml" layer: extract, parse safely, detect syntax and profile, fill the invoice.

    Returns the tree the later layers judge; raises FlowError. A document that ``unpack``
    already found unreadable raises its recorded problem again.
    """
    if doc.reason is not None:
        first = doc.findings[0] if doc.findings else None
        raise FlowError(doc.reason, first.message if first else str(doc.reason),
                        first.rule_id if first else None, first.location if first else "/")
    xml = doc.content
    if doc.container is Container.PDF:
        _, xml = facturx.extract(doc.content, limits)
    tree = xml_safety.parse(xml, limits)
    root = tree.getroot()
    qname = etree.QName(root)
    namespace, local = qname.namespace, qname.localname
    if namespace == ubl.INVOICE_NS and local == "Invoice" or \
            namespace == ubl.CREDIT_NOTE_NS and local == "CreditNote":
        doc.syntax = Syntax.UBL
        doc.profile = Profile.EN16931
        doc.document_type = f"UBL {local}" + (" (PDF)" if doc.container is Container.PDF
                                               else "")
        doc.invoice = ubl.parse(root)
    elif namespace == cii.ROOT_NS and local == "CrossIndustryInvoice":
        doc.syntax = Syntax.CII
        doc.profile = cii.profile(root)
        doc.document_type = "Factur-X PDF" if doc.container is Container.PDF else "CII"
        doc.invoice = cii.parse(root)
    elif (order_type := order.document_type(namespace, local)) is not None:
        doc.syntax = Syntax.ORDER    # a purchase order: judged by edi.parsers.order
        doc.document_type = order_type + (" (PDF)" if doc.container is Container.PDF
                                          else "")
    elif namespace == cdar.RSM and local == cdar.ROOT:
        doc.syntax = Syntax.CDAR     # a lifecycle message: judged by edi.lifecycle.check
        doc.document_type = "CDAR"
    else:
        _refuse_root(namespace, local, root.sourceline)
    return tree


def _classify(doc: Document, kind: Kind) -> None:
    """Set the container of a single (non-archive) document, or raise why it has none."""
    if kind is Kind.XML:
        doc.container = Container.XML
    elif kind is Kind.PDF:
        doc.container = Container.PDF
    elif kind is Kind.POLYGLOT:
        kinds = " and ".join(_SEEN_AS[k] for k in structures(doc.content))
        raise error("EDI-TYPE-POLYGLOT", f"{doc.name!r} is validly two kinds of file at once: "
                                         f"{kinds}; each program would read another "
                                         f"content; {_EXPECTED}, each file only one of "
                                         "them")
    elif kind is Kind.EMPTY:
        raise error("EDI-EMPTY", f"{doc.name!r} is empty ({len(doc.content)} bytes, no "
                                 f"content); {_EXPECTED}")
    elif kind is Kind.TEXT:
        first = doc.content[:40].decode("utf-8", errors="replace").splitlines()[0]
        raise error("EDI-TYPE-TEXT", f"{doc.name!r} is plain text (starts {first!r}); "
                                     f"{_EXPECTED}")
    else:
        raise error("EDI-TYPE-UNKNOWN", f"{doc.name!r} is binary data of an unknown format "
                                        f"(starts {doc.content[:8].hex(' ')}); {_EXPECTED}")


def _refuse_root(namespace: str | None, local: str, line: int | None) -> None:
    found = _UNSUPPORTED_ROOTS.get((namespace, local)) or _UNSUPPORTED_ROOTS.get((None, local))
    where = f"/{local}" + (f" (line {line})" if line else "")
    shown = f"{{{namespace}}}{local}" if namespace else local
    if found:
        rule, what = found
        raise error(rule, f"the document is {what} (root {shown}), which edi-flux does not "
                          f"take; {_EXPECTED}", where)
    raise error("EDI-TYPE-ROOT", f"the root element is {shown}; {_EXPECTED}", where)
