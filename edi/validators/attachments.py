"""The ``attachments`` layer: what an invoice carries besides its data.

Judged: every BG-24 attachment (UBL ``cbc:EmbeddedDocumentBinaryObject``, CII
``ram:AttachmentBinaryObject``, at any level) and, in a PDF, every embedded file other
than the invoice XML (read by qpdf, ``edi.parsers.facturx.envelope``). Each failure has
its rule id and its unreceivability reason (IRRECEVABLE, 501; ``edi rules ATT`` names
both channels):

- type: the MIME code is on the reform's list (``[attachments] types``), the file name's
  extension is one of that type's, and the bytes are what the type says (a ``.pdf``
  starts with ``%PDF-``, a PNG with its signature...): ``ATT-TYPE``, ``ATT-EXT``,
  ``ATT-CONTENT`` — IRR_EXT_DOC;
- name: present, a plain file name (no folder, no ``..``), no control or reserved
  character, at most ``max_name_length`` characters: ``ATT-NAME-*`` — IRR_NOM_PJ;
- empty: ``ATT-EMPTY`` — IRR_VID_PJ; undecodable base64: ``ATT-BASE64`` — IRR_SYNTAX;
- size: one attachment over ``max_bytes`` (10 MB, as Chorus Pro), all of them over
  ``max_total_bytes``: ``ATT-SIZE``, ``ATT-TOTAL`` — IRR_TAILLE_PJ.

Always fatal: these are reasons for the invoice to be unreceivable, not findings whose
severity a scenario lowers. ``ATT-CONTENT`` alone, our own check beyond the reform's
(which judges the declared type), is a warning unless ``[attachments] content_check =
"fatal"``: the official EN 16931 examples carry placeholder bytes under application/pdf.
The layer is not blocking: the invoice's data is still judged by the rule layers, so the
depositor learns every error at once.

``attachments_of`` is shared with the ``antivirus`` layer, which scans each one decoded.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from edi.model import (
    Container,
    Document,
    Finding,
    Reason,
    RuleSet,
    Severity,
    Syntax,
    channel_names,
)
from edi.parsers import facturx
from edi.parsers.rules import reason_of
from edi.validators.attachments_settings import AttachmentSettings

if TYPE_CHECKING:
    from lxml import etree

    from edi.config import Settings

LAYER = "attachments"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
_NS = {"cbc": CBC, "ram": RAM}
_XPATH = {Syntax.UBL: "//cbc:EmbeddedDocumentBinaryObject",
          Syntax.CII: "//ram:AttachmentBinaryObject"}

_TEXTS: tuple[tuple[str, str], ...] = (
    ("ATT-TYPE", "An attachment's MIME code is absent or not on the allowed list "
                 "([attachments] types: the reform's BT-125 list)."),
    ("ATT-EXT", "An attachment's file name has no allowed extension, or one of another type "
                "than its MIME code."),
    ("ATT-CONTENT", "An attachment's bytes are not of the type its MIME code declares (an "
                    "executable named .pdf...)."),
    ("ATT-NAME-MISSING", "An attachment has no file name."),
    ("ATT-NAME-PATH", "An attachment's name is a path (a folder, '..', an absolute or drive "
                      "path), not a plain file name."),
    ("ATT-NAME-CHARS", "An attachment's name holds a control character or one of "
                       "\\ / : * ? \" < > |."),
    ("ATT-NAME-LENGTH", "An attachment's name is longer than [attachments] "
                        "max_name_length."),
    ("ATT-EMPTY", "An attachment is empty."),
    ("ATT-BASE64", "An attachment's base64 content cannot be decoded."),
    ("ATT-SIZE", "An attachment is larger than [attachments] max_bytes (10 MB by default, "
                 "as Chorus Pro)."),
    ("ATT-TOTAL", "The attachments of one invoice together are larger than [attachments] "
                  "max_total_bytes."),
)


@dataclass(frozen=True)
class Rule:
    rule_id: str
    text: str

    def catalogue_entry(self) -> tuple[str, str, str]:
        names = channel_names(reason_of(self.rule_id))
        if self.rule_id == "ATT-CONTENT":
            return "warning", self.text, (f"a warning unless [attachments] content_check = "
                                          f"\"fatal\"; then: {names}")
        return "fatal", self.text, f"always fatal: {names}"


RULES: dict[str, Rule] = {rule: Rule(rule, text) for rule, text in _TEXTS}

_RESERVED = re.compile(r'[\x00-\x1f\x7f:*?"<>|]')
_DRIVE = re.compile(r"^[A-Za-z]:")
_SPACE = re.compile(rb"\s+")


@dataclass(frozen=True)
class Attached:
    """One attachment of an invoice, decoded."""

    name: str | None
    mime: str | None
    content: bytes | None          # None: the base64 could not be decoded
    where: str                     # location for findings
    source: str                    # "BG-24" (in the XML) or "PDF" (an embedded file)
    truncated: bool = False        # larger than the decoding cap (a PDF stream)
    error: str = ""                # why the content could not be decoded

    @property
    def label(self) -> str:
        return f"{self.source} attachment {self.name!r}" if self.name else \
            f"{self.source} attachment without a name"


def attachments_of(doc: Document, tree: etree._ElementTree, cap: int) -> list[Attached]:
    """Every attachment of ``doc``: BG-24 in its XML, then a PDF's other embedded files."""
    from edi.validators.envelope import envelope_of

    found: list[Attached] = []
    path = _XPATH.get(doc.syntax) if doc.syntax else None
    for element in tree.xpath(path, namespaces=_NS) if path else ():
        found.append(_bg24(element))
    if doc.container is Container.PDF:
        try:
            env = envelope_of(doc, cap)
        except facturx.EnvelopeError:
            return found  # the envelope layer reports FX-PDF-UNREADABLE
        for att in env.others():
            found.append(Attached(att.name, att.mime, att.content,
                                  f"{att.where} {att.name!r}", "PDF", att.truncated))
    return found


def _bg24(element: etree._Element) -> Attached:
    raw = _SPACE.sub(b"", "".join(element.itertext()).encode("ascii", "replace"))
    where = _where(element)
    name = element.get("filename")
    mime = element.get("mimeCode")
    try:
        content: bytes | None = binascii.a2b_base64(raw, strict_mode=True)
        error = ""
    except binascii.Error as exc:
        content, error = None, str(exc)
    return Attached(name, mime, content, where, "BG-24", error=error)


def _where(element: etree._Element) -> str:
    """A readable path: prefixed names, with a position where siblings share the name."""
    steps = []
    node: etree._Element | None = element
    while node is not None:
        parent = node.getparent()
        qname = node.tag
        local = qname.rsplit("}", 1)[-1] if isinstance(qname, str) else "?"
        step = f"{node.prefix}:{local}" if node.prefix else local
        if parent is not None:
            same = [c for c in parent if c.tag == qname]
            if len(same) > 1:
                step += f"[{same.index(node) + 1}]"
        steps.append(step)
        node = parent
    return "/" + "/".join(reversed(steps))


# What the first bytes of each allowed type are (a file of that type, nothing else).
_MAGIC: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (b"PK\x03\x04",),
    "application/vnd.oasis.opendocument.spreadsheet": (b"PK\x03\x04",),
}
_TEXT_TYPES = frozenset({"text/csv", "application/xml", "text/xml"})
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


def content_matches(mime: str, content: bytes) -> bool:
    """Whether ``content`` is a file of type ``mime`` by its first bytes (types we know)."""
    if mime in _MAGIC:
        head = content[:1024] if mime == "application/pdf" else content
        return any(head.startswith(m) if mime != "application/pdf" else m in head
                   for m in _MAGIC[mime])
    if mime in _TEXT_TYPES:
        head = content[:4096]
        if _BINARY.search(head):
            return False
        if mime != "text/csv":
            stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
            return stripped.startswith(b"<")
        return True
    return True  # a type added by configuration: no signature known


RULE_SET = RuleSet.of_edi("Attachments", "edi/validators/attachments.py")


class AttachmentsLayer:
    name = LAYER
    reason = Reason.IRR_EXT_DOC
    blocking = False

    def __init__(self, settings: Settings) -> None:
        self.options = settings.section(AttachmentSettings)
        self.types = self.options.extensions
        self.cap = max(self.options.max_bytes, 1)
        self.decode_cap = settings.limits.max_file_bytes

    def applies(self, doc: Document) -> bool:
        return doc.syntax is not None

    def check(self, doc: Document, tree: etree._ElementTree) -> list[Finding]:
        doc.rule_sets.append(RULE_SET)
        found: list[tuple[str, str, str]] = []
        total = 0
        attachments = attachments_of(doc, tree, self.decode_cap)
        for att in attachments:
            self._name(att, found)
            self._content(att, found)
            if att.content is not None:
                total += len(att.content)
        limit = self.options.max_total_bytes
        if total > limit:
            found.append(("ATT-TOTAL", "/", f"the {len(attachments)} attachments hold "
                          f"{total:,} bytes together; the limit is {limit:,} "
                          "([attachments] max_total_bytes)"))
        content = Severity(self.options.content_check)
        findings = [Finding(rule, content if rule == "ATT-CONTENT" else Severity.FATAL, LAYER,
                            where, message) for rule, where, message in found]
        first = next((f for f in findings if f.fatal), None)
        if first is not None and doc.reason is None:
            doc.reason = reason_of(first.rule_id)
        return findings

    def _name(self, att: Attached, found: list[tuple[str, str, str]]) -> None:
        name = att.name
        if name is None or not name.strip():
            found.append(("ATT-NAME-MISSING", att.where,
                          f"{att.label}: no file name; expected a name such as "
                          "'bon-de-livraison.pdf' (BT-125 filename)"))
            return
        if "/" in name or "\\" in name or name.strip() in (".", "..") or _DRIVE.match(name):
            found.append(("ATT-NAME-PATH", att.where,
                          f"{att.label}: the name is a path; expected a plain file name, "
                          "without folder, '..' or drive"))
        elif _RESERVED.search(name):
            bad = sorted({f"U+{ord(c):04X}" if ord(c) < 32 or ord(c) == 127 else c
                          for c in _RESERVED.findall(name)})
            found.append(("ATT-NAME-CHARS", att.where,
                          f"{att.label}: the name holds {', '.join(bad)}; expected no control "
                          "character nor any of \\ / : * ? \" < > |"))
        limit = self.options.max_name_length
        if len(name) > limit:
            found.append(("ATT-NAME-LENGTH", att.where,
                          f"{att.label}: the name has {len(name)} characters; the limit is "
                          f"{limit} ([attachments] max_name_length)"))

    def _content(self, att: Attached, found: list[tuple[str, str, str]]) -> None:
        mime = (att.mime or "").strip().lower()
        allowed = ", ".join(self.types)
        if not mime:
            found.append(("ATT-TYPE", att.where, f"{att.label}: no MIME code; expected one of "
                                                 f"{allowed}"))
        elif mime not in self.types:
            found.append(("ATT-TYPE", att.where, f"{att.label}: MIME code {att.mime!r} is not "
                                                 f"allowed; expected one of {allowed}"))
        extension = _extension(att.name)
        every = sorted({e for exts in self.types.values() for e in exts})
        if att.name and extension not in every:
            shown = repr(extension) if extension else "no extension"
            found.append(("ATT-EXT", att.where, f"{att.label}: {shown} is not an allowed "
                                                f"extension; expected one of "
                                                f"{', '.join(every)}"))
        elif att.name and mime in self.types and extension not in self.types[mime]:
            found.append(("ATT-EXT", att.where, f"{att.label}: extension {extension!r} is not "
                                                f"one of {mime}'s "
                                                f"({', '.join(self.types[mime])})"))
        if att.content is None:
            found.append(("ATT-BASE64", att.where, f"{att.label}: the base64 content cannot "
                                                   f"be decoded ({att.error}); expected "
                                                   "base64 (RFC 4648)"))
            return
        if not att.content and not att.truncated:
            found.append(("ATT-EMPTY", att.where, f"{att.label}: empty (0 bytes); expected "
                                                  "the attached document"))
            return
        if mime in self.types and not content_matches(mime, att.content):
            found.append(("ATT-CONTENT", att.where,
                          f"{att.label}: declared {mime} but its bytes start "
                          f"{att.content[:8].hex(' ')}; expected a {mime} file"))
        limit = self.options.max_bytes
        if att.truncated or len(att.content) > limit:
            size = f"more than {len(att.content) - 1:,}" if att.truncated else \
                f"{len(att.content):,}"
            found.append(("ATT-SIZE", att.where, f"{att.label}: {size} bytes; the limit is "
                                                 f"{limit:,} ([attachments] max_bytes)"))


def _extension(name: str | None) -> str:
    if not name:
        return ""
    base = re.split(r"[/\\]", name)[-1]
    stem, dot, ext = base.rpartition(".")
    return f".{ext.lower()}" if dot and stem else ""


__all__ = ["AttachmentsLayer", "Attached", "attachments_of", "content_matches", "RULES"]
