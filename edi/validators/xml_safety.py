"""The hardened parse: THE entry point for every XML edi-flux reads from a depositor.

An invoice file, an archive member, the XML embedded in a Factur-X PDF, an Order-X
order: whatever XML comes from outside is read by ``parse`` and by nothing else. (Files
edi-flux ships itself, the XSDs, the Schematron XSLT and the SVRL saxon produces from
them, are trusted and parsed where they are used.)

Deposited XML may carry a DTD (external entities that read local files or reach the
network, entity bombs that expand to gigabytes), lie about its encoding, or be huge. So:
a size cap first; the encoding checked against the bytes (byte order mark, UTF-16 by its
NUL bytes, the declaration); any DOCTYPE refused before the parser sees it, found by a
linear scan of the prolog *as characters* (after the byte order mark, in the byte family
the encoding gives); and a parser that never loads DTDs, never expands entities, never
touches the network and refuses any external load it is asked for anyway. Because no
DTD gets through, no entity can expand, which is what makes it safe to lift libxml2's
size limits (``huge_tree``) for large invoices: an invoice under ``max_xml_bytes`` is
never called malformed for a parser limit.
"""

from __future__ import annotations

import codecs
import re
from typing import AnyStr

from lxml import etree

from edi.config import Limits
from edi.parsers.rules import error


class RefuseEveryLoad(etree.Resolver):
    """Refuses whatever external resource libxml2 would load (DTD, entity, XInclude).

    ``parse`` refuses DOCTYPEs before the parser runs, so this should never be called;
    it is the second line: the refusal happens before any file or URL is opened, so its
    verdict cannot depend on whether the resource exists (no oracle).
    """

    def resolve(self, system_url: str, public_id: str, context: object) -> None:
        raise error("EDI-XML-XXE", "the XML makes the parser load an external resource "
                                   f"({system_url!r}); refused, never loaded; expected no "
                                   "DTD and no entities")


def _parser(huge_tree: bool) -> etree.XMLParser:
    # collect_ids stays True: with lxml 6.1 on libxml2 2.14, collect_ids=False sets a bit of
    # libxml2's loadsubset and the external DTD subset is then *loaded* (a
    # '<!DOCTYPE r SYSTEM "/etc/shadow">' opened the file). Without a DTD only xml:id
    # attributes are IDs, so the table costs nothing on an invoice.
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        attribute_defaults=False, huge_tree=huge_tree, remove_blank_text=False,
    )
    parser.resolvers.add(RefuseEveryLoad())
    return parser


# One parser of each kind per process (lxml keeps a parser context per thread): building
# one costs more than parsing a small invoice. The huge one lifts libxml2's limits (a
# 10,000,000-byte text node, 256 levels of nesting, 50,000-character names); the default
# one keeps them, as a spare safety net, for the files too small to reach them.
PARSER_PER_PROCESS = _parser(huge_tree=False)
HUGE_PARSER_PER_PROCESS = _parser(huge_tree=True)

# Files up to this size go to the default parser: libxml2's smallest limit a real invoice
# can reach is a text node of 10,000,000 bytes (a base64 attachment, BT-125), counted in
# UTF-8, and one byte of ISO-8859-1 or two of UTF-16 give at most three bytes of UTF-8.
HUGE_FROM_BYTES = 10_000_000 // 3

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
# Applied with match() to the first 512 characters only; [^>]*? cannot run past the
# declaration's end, and no two quantifiers compete for the same characters.
_DECLARATION = re.compile(r"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")

# The tokens of a prolog, as characters (UTF-16, decoded) and as bytes (UTF-8, US-ASCII
# and ISO-8859-1, where markup characters are single ASCII bytes): doctype, comment open
# and close, processing instruction open and close, white space (XML's S).
_Prolog = tuple[AnyStr, AnyStr, AnyStr, AnyStr, AnyStr, re.Pattern[AnyStr]]
_TEXT_PROLOG: _Prolog[str] = ("<!DOCTYPE", "<!--", "-->", "<?", "?>",
                              re.compile(r"[ \t\r\n]*"))
_BYTES_PROLOG: _Prolog[bytes] = (b"<!DOCTYPE", b"<!--", b"-->", b"<?", b"?>",
                                 re.compile(rb"[ \t\r\n]*"))
# The DOCTYPE declaration is judged on its first MiB (an internal subset is a few lines;
# the verdict on a larger one is still a refusal, at worst EDI-XML-DTD for EDI-XML-XXE).
_DOCTYPE_WINDOW = 1 << 20
# Applied to the DOCTYPE declaration only. Linear: each quantifier is followed by a
# character it cannot match (a name ends at white space, white space ends at a name).
_EXTERNAL_ENTITY = re.compile(r"<!ENTITY\s+(?:%\s*)?[^\s%]\S*\s+(?:SYSTEM|PUBLIC)\b")
_ANY_ENTITY = re.compile(r"<!ENTITY\b")
_NON_SPACE = re.compile(rb"[^ \t\n\r\x0b\x0c]")  # what bytes.strip() keeps
_CHUNK = 1 << 20  # encoding checks decode by chunks of a MiB


def parse(data: bytes, limits: Limits) -> etree._ElementTree:
    """``data`` parsed safely, or a FlowError saying what is wrong and where.

    THE entry point for deposited XML (see the module docstring): size cap, encoding,
    no DOCTYPE, then lxml with no DTD, no entity, no network and no external load.
    """
    if len(data) > limits.max_xml_bytes:
        raise error("EDI-XML-SIZE", f"the invoice XML is {len(data):,} bytes; the limit is "
                                    f"{limits.max_xml_bytes:,} bytes ([limits] max_xml_bytes)")
    if _NON_SPACE.search(data) is None:  # (data.strip() would copy it)
        raise error("EDI-EMPTY", f"the invoice XML is empty ({len(data)} bytes, no content); "
                                 "expected an XML invoice")
    family, bom = _encoding(data)
    if family == "8bit":
        if b"<!DOCTYPE" in data:
            refuse_doctype(data, bom)
    elif "<!DOCTYPE".encode(family) in data:  # decoded (a copy) only when it may have one
        refuse_doctype(data[bom:].decode(family))
    parser = HUGE_PARSER_PER_PROCESS if len(data) > HUGE_FROM_BYTES else PARSER_PER_PROCESS
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise error("EDI-XML-MALFORMED",
                    f"the XML is not well-formed: {exc.msg}; expected well-formed XML 1.0",
                    f"line {line}, column {column}") from exc
    tree = root.getroottree()
    if tree.docinfo.doctype:  # the prolog scan cannot miss one, but never trust it
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
    return _encoding(data)[0]


def _encoding(data: bytes) -> tuple[str, int]:
    """(byte family, length of the BOM) once the encoding is checked against the bytes.

    The whole document is checked, by chunks (no decoded copy of it is kept). 8-bit
    documents (UTF-8, US-ASCII, ISO-8859-1) have their markup characters as single ASCII
    bytes: their prolog is scanned as bytes, after the BOM. UTF-16 ones are scanned as
    characters, decoded.
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
    if not bom and data[:4] in (b"<\x00\x00\x00", b"\x00\x00\x00<"):
        # UTF-32 by its NUL bytes: libxml2 would read it so, the checks below as UTF-16
        raise error("EDI-XML-ENCODING-UNSUPPORTED",
                    "the XML's bytes are UTF-32 ('<' followed or preceded by three NUL "
                    "bytes); expected UTF-8, UTF-16 or ISO-8859-1", "byte 0")
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
        _strict(data, family, f"{family.upper()}", len(bom))
        return family, len(bom)
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
        return family, len(bom)
    if declared == "ascii":
        _strict(data, "ascii", "US-ASCII")
    elif not data.isascii():
        _strict(data, "utf-8", shown or "UTF-8 (the default, no encoding declared)")
    return family, len(bom)


def doctype_offset(text: str | bytes, start: int = 0) -> int | None:
    """Where a DOCTYPE stands in the prolog of ``text`` (from ``start``), or None.

    The prolog is what may come before the root element: the XML declaration, white
    space, comments and processing instructions. Each step moves past one of them with
    ``find``, never looking back, so the scan is linear whatever the input (the regular
    expression it replaces backtracked exponentially on runs of white space or comments
    when "<!DOCTYPE" appeared later, say in a CDATA note: 40 spaces took minutes).
    """
    if isinstance(text, str):
        return _doctype_in_prolog(text, start, _TEXT_PROLOG)
    return _doctype_in_prolog(text, start, _BYTES_PROLOG)


def _doctype_in_prolog(text: AnyStr, start: int, prolog: _Prolog[AnyStr]) -> int | None:
    """``doctype_offset`` for one kind of text, with its prolog tokens of the same kind."""
    doctype, comment, comment_end, pi, pi_end, space = prolog
    pos = start
    while True:
        blank = space.match(text, pos)
        assert blank is not None  # [ ]* always matches
        pos = blank.end()
        if text.startswith(doctype, pos):
            return pos
        if text.startswith(comment, pos):
            end, width = text.find(comment_end, pos + 4), 3
        elif text.startswith(pi, pos):
            end, width = text.find(pi_end, pos + 2), 2
        else:
            return None  # the root element, or something the parser will call malformed
        if end < 0:
            return None  # an unterminated comment or PI: the parser calls it malformed
        pos = end + width


def refuse_doctype(text: str | bytes, start: int = 0) -> None:
    """Raise when a DOCTYPE sits in the prolog: entities are classified, never parsed.

    ``text`` is the document as characters (decoded UTF-16) or as 8-bit bytes, ``start``
    the offset after its byte order mark. "<!DOCTYPE" elsewhere (in a comment, a CDATA
    section, an attribute) is no DOCTYPE: the parser judges the document.
    """
    pos = doctype_offset(text, start)
    if pos is None:
        return
    line = (text.count(b"\n", 0, pos) if isinstance(text, bytes)
            else text.count("\n", 0, pos)) + 1
    window = text[pos:pos + _DOCTYPE_WINDOW]
    declaration = window.decode("latin-1") if isinstance(window, bytes) else window
    declaration = declaration[:_doctype_end(declaration)]
    if _EXTERNAL_ENTITY.search(declaration):
        raise error("EDI-XML-XXE", "the XML declares an external entity (SYSTEM or PUBLIC) "
                                   "in its DOCTYPE; expected no DTD and no entities",
                    f"line {line}")
    count = len(_ANY_ENTITY.findall(declaration))
    if count:
        raise error("EDI-XML-ENTITY", f"the XML declares {count} entit"
                                      f"{'y' if count == 1 else 'ies'} in its DOCTYPE (entity "
                                      "expansion); expected no DTD and no entities",
                    f"line {line}")
    raise error("EDI-XML-DTD", "the XML carries a DOCTYPE; expected no DTD (invoices are "
                               "judged by their XSD)", f"line {line}")


def _doctype_end(declaration: str) -> int:
    """The end of the DOCTYPE declaration that ``declaration`` starts with (linear).

    Its closing '>' is the first one outside quoted literals and outside the internal
    subset ([...], in which comments and processing instructions are skipped whole).
    Without one, the whole window.
    """
    pos, in_subset, size = len("<!DOCTYPE"), False, len(declaration)
    while pos < size:
        char = declaration[pos]
        if char in "\"'":
            end = declaration.find(char, pos + 1)
        elif in_subset and declaration.startswith("<!--", pos):
            end = declaration.find("-->", pos + 4) + 2
        elif in_subset and declaration.startswith("<?", pos):
            end = declaration.find("?>", pos + 2) + 1
        else:
            if char == "[":
                in_subset = True
            elif char == "]":
                in_subset = False
            elif char == ">" and not in_subset:
                return pos + 1
            pos += 1
            continue
        if end < pos:
            return size  # an unterminated literal, comment or PI
        pos = end + 1
    return size


def _canonical(name: str) -> str | None:
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return canonical if canonical in ACCEPTED_ENCODINGS else None


def _is_utf8(data: bytes) -> bool:
    return _first_error(data, "utf-8") is None


def _first_error(data: bytes, codec: str, start: int = 0) -> tuple[int, Exception] | None:
    """(offset, error) of the first byte from ``start`` that is not ``codec``, or None.

    Decodes by chunks of a MiB and keeps nothing: a 50 MB invoice is not copied into a
    string of up to 200 MB just to learn that it is valid.
    """
    decoder = codecs.getincrementaldecoder(codec)()
    view = memoryview(data)
    for offset in range(start, len(data), _CHUNK):
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(view[offset:offset + _CHUNK], final=offset + _CHUNK >= len(data))
        except UnicodeDecodeError as exc:
            return offset - pending + exc.start, exc
    return None


def _strict(data: bytes, codec: str, declared: str, start: int = 0) -> None:
    """EDI-XML-ENCODING naming the first byte (from ``start``) that is not ``codec``."""
    found = _first_error(data, codec, start)
    if found is None:
        return
    at, exc = found
    bad = data[at:at + 4]
    eight_bit = codec in ("utf-8", "ascii")
    hint = ""
    if eight_bit and (codec == "utf-8" or not _is_utf8(data)):
        hint = " (the bytes look like ISO-8859-1 / Windows-1252)"
    where = f"byte {at - start}"
    if eight_bit:
        line = data.count(b"\n", 0, at) + 1
        where = f"line {line}, {where}"
    raise error("EDI-XML-ENCODING",
                f"the XML is read as {declared} but byte(s) {bad.hex(' ')} at byte "
                f"{at - start} are not {codec.upper()}{hint}; expected the bytes to match "
                "the declared encoding", where) from exc
