"""The hardened parse: the "xml" layer every invoice goes through before any other.

Deposited XML comes from outside: it may carry a DTD (external entities that read local
files or reach the network, entity bombs that expand to gigabytes), lie about its
encoding, or be huge. So: a size cap first, the encoding checked against the bytes, any
DOCTYPE refused before the parser sees it, and a parser that never loads DTDs, never
expands entities and never touches the network.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from edi.config import Limits
from edi.parsers.rules import error

# One parser per process (lxml keeps a parser context per thread): building it costs more
# than parsing a small invoice.
PARSER_PER_PROCESS = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
    huge_tree=False, remove_blank_text=False, collect_ids=False,
)

# Encodings an invoice may declare (codecs' canonical names -> how we name them).
ACCEPTED_ENCODINGS = {
    "utf-8": "UTF-8", "ascii": "US-ASCII", "utf-16": "UTF-16", "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE", "latin-1": "ISO-8859-1", "iso8859-1": "ISO-8859-1",
}

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_DECLARATION = re.compile(r"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_PROLOG_DOCTYPE = re.compile(r"^\ufeff?\s*(?:<\?xml.*?\?>)?(?:\s+|<!--.*?-->|<\?.*?\?>)*<!DOCTYPE",
                             re.DOTALL)
_EXTERNAL_ENTITY = re.compile(r"<!ENTITY\s+(?:%\s*)?\S+\s+(?:SYSTEM|PUBLIC)\b")
_ANY_ENTITY = re.compile(r"<!ENTITY\b")


def parse(data: bytes, limits: Limits) -> etree._ElementTree:
    """``data`` parsed safely, or a FlowError saying what is wrong and where."""
    if len(data) > limits.max_xml_bytes:
        raise error("EDI-XML-SIZE", f"the invoice XML is {len(data):,} bytes; the limit is "
                                    f"{limits.max_xml_bytes:,} bytes ([limits] max_xml_bytes)")
    if not data.strip():
        raise error("EDI-EMPTY", f"the invoice XML is empty ({len(data)} bytes, no content); "
                                 "expected an XML invoice")
    family = check_encoding(data)
    doctype_marker = b"<!DOCTYPE" if family == "8bit" else "<!DOCTYPE".encode(family)
    if doctype_marker in data:
        refuse_doctype(data, family)
    try:
        root = etree.fromstring(data, PARSER_PER_PROCESS)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise error("EDI-XML-MALFORMED",
                    f"the XML is not well-formed: {exc.msg}; expected well-formed XML 1.0",
                    f"line {line}, column {column}") from exc
    tree = root.getroottree()
    if tree.docinfo.doctype:  # the byte scan above cannot miss one, but never trust it
        raise error("EDI-XML-DTD", f"the XML carries {tree.docinfo.doctype!r}; expected no "
                                   "DOCTYPE", "line 1")
    return tree


def check_encoding(data: bytes) -> str:
    """The byte family ("8bit", "utf-16-le", "utf-16-be") once the declaration is checked.

    Accepts UTF-8 (with or without BOM), US-ASCII, UTF-16 and ISO-8859-1 when the bytes
    agree with the declaration (and the BOM); refuses the usual lies: Latin-1 bytes
    declared (or defaulting to) UTF-8, UTF-8 bytes declared ISO-8859-1, a BOM that
    contradicts the declaration.
    """
    bom, family = b"", "8bit"
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, family = mark, name
            break
    if family.startswith("utf-32"):
        raise error("EDI-XML-ENCODING-UNSUPPORTED",
                    f"the XML starts with a {family.upper()} byte order mark; expected UTF-8, "
                    "UTF-16 or ISO-8859-1", "byte 0")
    if not bom and data[:2] == b"<\x00":
        family = "utf-16-le"
    elif not bom and data[:2] == b"\x00<":
        family = "utf-16-be"
    if family == "utf-8":
        family = "8bit"
    head = data[len(bom):len(bom) + 512]
    if family == "8bit":
        prolog = head.decode("latin-1")
    else:
        prolog = head[: len(head) // 2 * 2].decode(family, errors="replace")
    match = _DECLARATION.match(prolog)
    declared_raw = match.group(1) if match else None
    declared = _canonical(declared_raw) if declared_raw else None
    if declared_raw and declared is None:
        raise error("EDI-XML-ENCODING-UNSUPPORTED",
                    f"the XML declares encoding {declared_raw!r}; expected UTF-8, US-ASCII, "
                    "UTF-16 or ISO-8859-1", "line 1")
    shown = ACCEPTED_ENCODINGS.get(declared or "", declared_raw)
    if family != "8bit":  # UTF-16 by BOM or by the bytes of '<'
        if declared not in (None, "utf-16", family):
            raise error("EDI-XML-ENCODING",
                        f"the bytes are {family.upper()} ({'byte order mark' if bom else 'NUL'}"
                        f" bytes) but the XML declares {shown}; expected the declaration to "
                        "match the bytes", "line 1")
        _strict(data[len(bom):], family, f"{family.upper()}")
        return family
    if bom and declared not in (None, "utf-8"):
        raise error("EDI-XML-ENCODING",
                    f"the XML starts with a UTF-8 byte order mark but declares {shown}; "
                    "expected the declaration to match the bytes", "line 1")
    if declared in ("utf-16", "utf-16-le", "utf-16-be"):
        raise error("EDI-XML-ENCODING",
                    f"the XML declares {shown} but its bytes are 8-bit (no byte order mark, "
                    "no NUL bytes); expected UTF-16 bytes or a true declaration", "line 1")
    if declared in ("latin-1", "iso8859-1"):
        if not data.isascii() and _is_utf8(data):
            raise error("EDI-XML-ENCODING",
                        "the XML declares ISO-8859-1 but its non-ASCII bytes are UTF-8 "
                        "sequences (e.g. 'Ã©' for 'é'); expected encoding=\"UTF-8\"",
                        "line 1")
        return family
    if declared == "ascii":
        _strict(data, "ascii", "US-ASCII")
    elif not data.isascii():
        _strict(data, "utf-8", shown or "UTF-8 (the default, no encoding declared)")
    return family


def refuse_doctype(data: bytes, family: str) -> None:
    """Raise when a DOCTYPE sits in the prolog: entities are classified, never parsed."""
    text = data.decode("latin-1" if family == "8bit" else family, errors="replace")
    if not _PROLOG_DOCTYPE.match(text):
        return  # "<!DOCTYPE" inside a comment, CDATA or attribute: the parser judges
    end = text.find("]>")
    subset = text[: end if end >= 0 else min(len(text), 65536)]
    line = text.count("\n", 0, text.find("<!DOCTYPE")) + 1
    if _EXTERNAL_ENTITY.search(subset):
        raise error("EDI-XML-XXE", "the XML declares an external entity (SYSTEM or PUBLIC) "
                                   "in its DOCTYPE; expected no DTD and no entities",
                    f"line {line}")
    if _ANY_ENTITY.search(subset):
        count = len(_ANY_ENTITY.findall(subset))
        raise error("EDI-XML-ENTITY", f"the XML declares {count} entit"
                                      f"{'y' if count == 1 else 'ies'} in its DOCTYPE (entity "
                                      "expansion); expected no DTD and no entities",
                    f"line {line}")
    raise error("EDI-XML-DTD", "the XML carries a DOCTYPE; expected no DTD (invoices are "
                               "judged by their XSD)", f"line {line}")


def _canonical(name: str) -> str | None:
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return canonical if canonical in ACCEPTED_ENCODINGS else None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _strict(data: bytes, codec: str, declared: str) -> None:
    try:
        data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 4]
        eight_bit = codec in ("utf-8", "ascii")
        hint = ""
        if eight_bit and not _is_utf8(data):
            hint = " (the bytes look like ISO-8859-1 / Windows-1252)"
        where = f"byte {exc.start}"
        if eight_bit:
            line = data.count(b"\n", 0, exc.start) + 1
            where = f"line {line}, {where}"
        raise error("EDI-XML-ENCODING",
                    f"the XML is read as {declared} but byte(s) {bad.hex(' ')} at byte "
                    f"{exc.start} are not {codec.upper()}{hint}; expected the bytes to match "
                    "the declared encoding", where) from exc
