"""Catalogue of the intake and parse rules edi-flux raises itself (the "EDI-" rules).

Each rule id names one precise problem, so that a depositor reading a compte rendu knows
what to fix; ``edi rules`` prints this table. The reason (Chorus Pro code) is given with
each rule because it decides the invoice's status (501 IRRECEVABLE for all of these).
"""

from __future__ import annotations

from edi.model import FlowError, Reason, Severity, channel_names

FATAL = Severity.FATAL

# rule id -> (severity, what the rule checks)
RULES: dict[str, tuple[Severity, str]] = {
    # whole files
    "EDI-EMPTY": (FATAL, "The file (or archive member) is empty or holds only whitespace."),
    "EDI-FILE-SIZE": (FATAL, "The deposited file is larger than [limits] max_file_bytes."),
    "EDI-TYPE-TEXT": (FATAL, "The file is plain text, not an XML invoice, a PDF or an "
                             "archive."),
    "EDI-TYPE-UNKNOWN": (FATAL, "The file's content matches no supported format (XML, PDF, "
                                "ZIP, TAR.GZ)."),
    "EDI-TYPE-ROOT": (FATAL, "The XML root element is not a UBL 2.1 Invoice or CreditNote "
                             "nor a CII CrossIndustryInvoice."),
    "EDI-TYPE-ZUGFERD1": (FATAL, "ZUGFeRD 1.0 (CrossIndustryDocument) is not supported; "
                                 "ZUGFeRD 2.x / Factur-X is."),
    "EDI-TYPE-FATTURAPA": (FATAL, "FatturaPA (Italian e-invoice) is not supported."),
    "EDI-TYPE-ORDERX": (FATAL, "Order-X is an order, not an invoice."),
    "EDI-TYPE-POLYGLOT": (FATAL, "The file is validly two formats at once (a PDF with a "
                                 "ZIP appended, a ZIP behind a PDF header...): refused, as "
                                 "each reader would see another content."),
    "EDI-TYPE-PROFILE": (FATAL, "The CII guideline id (BT-24) names no supported profile "
                                "(MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED, "
                                "EXTENDED-CTC-FR, XRechnung)."),
    # XML
    "EDI-XML-SIZE": (FATAL, "The invoice XML is larger than [limits] max_xml_bytes."),
    "EDI-XML-MALFORMED": (FATAL, "The XML is not well-formed."),
    "EDI-XML-DTD": (FATAL, "The XML carries a DOCTYPE; invoices never need one and DTDs are "
                           "refused (entity expansion, network access)."),
    "EDI-XML-XXE": (FATAL, "The XML declares an external entity (XXE): refused, never "
                           "resolved."),
    "EDI-XML-ENTITY": (FATAL, "The XML declares internal entities (entity expansion bomb): "
                              "refused, never expanded."),
    "EDI-XML-ENCODING": (FATAL, "The XML's bytes contradict its declared encoding (or its "
                                "byte order mark)."),
    "EDI-XML-ENCODING-UNSUPPORTED": (FATAL, "The declared encoding is not UTF-8, US-ASCII, "
                                            "UTF-16 or ISO-8859-1."),
    # PDF
    "EDI-PDF-MALFORMED": (FATAL, "The PDF cannot be read (truncated or corrupt)."),
    "EDI-PDF-ENCRYPTED": (FATAL, "The PDF is encrypted; PDF/A-3 (Factur-X) forbids "
                                 "encryption."),
    "EDI-PDF-PAGES": (FATAL, "The PDF has more pages than [limits] max_pdf_pages."),
    "EDI-PDF-NO-XML": (FATAL, "The PDF embeds no invoice XML (factur-x.xml, "
                              "zugferd-invoice.xml, xrechnung.xml)."),
    "EDI-PDF-XML-TWICE": (FATAL, "The PDF embeds two different invoice XMLs (factur-x.xml, "
                                 "zugferd-invoice.xml, xrechnung.xml): only one would be "
                                 "judged."),
    # archives
    "EDI-ARCHIVE-MALFORMED": (FATAL, "The archive cannot be read (truncated or corrupt)."),
    "EDI-ARCHIVE-ENCRYPTED": (FATAL, "The ZIP archive has encrypted members."),
    "EDI-ARCHIVE-GZIP": (FATAL, "The gzip file does not hold a tar archive."),
    "EDI-ARCHIVE-EMPTY": (FATAL, "The archive holds no file."),
    "EDI-ARCHIVE-COUNT": (FATAL, "The archive holds more invoices than "
                                 "[limits] max_archive_members."),
    "EDI-ARCHIVE-TRAVERSAL": (FATAL, "A member name climbs out of the archive ('..')."),
    "EDI-ARCHIVE-ABSOLUTE": (FATAL, "A member name is an absolute path."),
    "EDI-ARCHIVE-LINK": (FATAL, "A member is a symbolic or hard link."),
    "EDI-ARCHIVE-SPECIAL": (FATAL, "A member is a device, FIFO or other special file."),
    "EDI-ARCHIVE-DUPLICATE": (FATAL, "Two members have the same name."),
    "EDI-ARCHIVE-NESTED": (FATAL, "A member is itself an archive; archives are not nested."),
    "EDI-ARCHIVE-BOMB-SIZE": (FATAL, "The uncompressed archive exceeds "
                                     "[limits] max_archive_total_bytes."),
    "EDI-ARCHIVE-BOMB-RATIO": (FATAL, "The archive or a member expands more than "
                                      "[limits] max_compression_ratio times."),
    # recording (edi/ledger/bounds.py; findings of layer "ledger"): never changes a verdict
    "EDI-LEDGER-VALUE": (Severity.WARNING, "A value of the invoice (number, date, code, "
                         "name, amount) is longer than the ledger keeps: stored cut, or not "
                         "stored for a date or an amount; the compte rendu keeps it whole."),
    # lifecycle messages (edi/lifecycle/check.py; the official BR-FR-CDV rules keep theirs)
    "EDI-CDAR-XSD": (FATAL, "The CDAR lifecycle message is not valid against the CDAR D22B "
                            "XSD."),
    "EDI-CDAR-STATUS": (FATAL, "The CDAR message carries a status code outside "
                               "BR-FR-CDV-CL-06: it cannot be filed on an invoice."),
    "EDI-CDAR-ACTOR": (FATAL, "The CDAR message's issuer (MDT-40) may not set this status "
                              "(e.g. 212 Encaissée by the buyer, 205 Approuvée by the "
                              "seller)."),
    # the xsd layer
    "XSD": (FATAL, "The invoice is not valid against the official XSD of its syntax and "
                   "profile (UBL 2.1, Factur-X profile, EXTENDED-CTC-FR)."),
}

# rule id -> the reason (Chorus Pro code) an invoice gets when it breaks the rule
REASONS: dict[str, Reason] = {
    "EDI-EMPTY": Reason.IRR_VIDE_F,
    "EDI-ARCHIVE-EMPTY": Reason.IRR_VIDE_F,
    "EDI-FILE-SIZE": Reason.IRR_TAILLE_F,
    "EDI-XML-SIZE": Reason.IRR_TAILLE_F,
    "EDI-PDF-PAGES": Reason.IRR_TAILLE_F,
    "EDI-ARCHIVE-COUNT": Reason.IRR_TAILLE_F,
    "EDI-ARCHIVE-BOMB-SIZE": Reason.IRR_TAILLE_F,
    "EDI-ARCHIVE-BOMB-RATIO": Reason.IRR_TAILLE_F,
    **{rule: Reason.IRR_TYPE_F for rule in RULES if rule.startswith("EDI-TYPE-")},
    "EDI-PDF-NO-XML": Reason.IRR_TYPE_F,
    "EDI-CDAR-STATUS": Reason.REJ_SEMAN,
    "EDI-CDAR-ACTOR": Reason.REJ_SEMAN,
}

# The envelope layers' rules -> reason (their texts are in each layer's RULES table:
# edi/validators/envelope.py, attachments.py, antivirus.py). With the EDI- rules above,
# one table: every rule id of ours -> its reason, hence its name in CDAR and in the Flow
# Service acknowledgement (``channels``).
LAYER_REASONS: dict[str, Reason] = {
    "FX-PDF-UNREADABLE": Reason.IRR_SYNTAX,
    "FX-PDF-READERS-DIFFER": Reason.IRR_SYNTAX,
    "FX-PDF-XMP-MISSING": Reason.IRR_TYPE_F,
    "FX-PDF-XMP-MALFORMED": Reason.IRR_SYNTAX,
    "FX-PDF-PDFA": Reason.IRR_TYPE_F,
    "FX-PDF-XMP-SCHEMA": Reason.IRR_TYPE_F,
    "FX-PDF-XMP-LEVEL": Reason.IRR_TYPE_F,
    "FX-PDF-XMP-FILENAME": Reason.IRR_TYPE_F,
    "FX-PDF-XMP-TYPE": Reason.IRR_TYPE_F,
    "FX-PDF-XMP-VERSION": Reason.IRR_TYPE_F,
    "FX-PDF-AF": Reason.IRR_TYPE_F,
    "FX-PDF-AF-RELATIONSHIP": Reason.IRR_TYPE_F,
    "FX-PDF-MIME": Reason.IRR_TYPE_F,
    "ATT-TYPE": Reason.IRR_EXT_DOC,
    "ATT-EXT": Reason.IRR_EXT_DOC,
    "ATT-CONTENT": Reason.IRR_EXT_DOC,
    "ATT-NAME-MISSING": Reason.IRR_NOM_PJ,
    "ATT-NAME-PATH": Reason.IRR_NOM_PJ,
    "ATT-NAME-CHARS": Reason.IRR_NOM_PJ,
    "ATT-NAME-LENGTH": Reason.IRR_NOM_PJ,
    "ATT-EMPTY": Reason.IRR_VID_PJ,
    "ATT-BASE64": Reason.IRR_SYNTAX,
    "ATT-SIZE": Reason.IRR_TAILLE_PJ,
    "ATT-TOTAL": Reason.IRR_TAILLE_PJ,
    "AV-VIRUS": Reason.IRR_ANTIVIRUS,
}
REASONS.update(LAYER_REASONS)


def reason_of(rule_id: str) -> Reason:
    """The reason of a rule: IRR_SYNTAX unless the rule is about emptiness, size or type."""
    return REASONS.get(rule_id, Reason.IRR_SYNTAX)


def channels(rule_id: str) -> tuple[str, str | None]:
    """(CDAR reason, Flow Service ``ReasonCodeEnum`` value) of one of our rules."""
    reason = reason_of(rule_id)
    return reason.value, reason.flow_service


def channel_table() -> dict[str, tuple[str, str | None]]:
    """Every rule id of ours (EDI-, XSD and the envelope layers') -> both channel names;
    what the Flow Service API answers with and what a CDAR status message carries."""
    return {rule: channels(rule) for rule in [*RULES, *LAYER_REASONS]}


class Catalogued(tuple):
    """A RULES entry: ``(severity, text)`` as ever, telling ``edi rules`` its reason's
    names in both channels (``catalogue_entry``)."""

    rule_id: str

    def __new__(cls, rule_id: str, severity: Severity, text: str) -> Catalogued:
        entry = super().__new__(cls, (severity, text))
        entry.rule_id = rule_id
        return entry

    def catalogue_entry(self) -> tuple[Severity, str, str]:
        return self[0], self[1], channel_names(reason_of(self.rule_id))


RULES = {rule: Catalogued(rule, *entry) for rule, entry in RULES.items()}


def error(rule_id: str, message: str, location: str = "/") -> FlowError:
    """A FlowError for one of our rules, with the rule's reason; raise it."""
    if rule_id not in RULES:
        raise KeyError(f"{rule_id} is not in edi.parsers.rules.RULES")
    return FlowError(reason_of(rule_id), message, rule_id, location)
