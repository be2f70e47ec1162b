"""The ``envelope`` layer: a Factur-X PDF's container, checked as the FNFE validator and
Mustang check it.

Factur-X 1.0 (and ZUGFeRD 2.x) put the invoice XML in a PDF/A-3 and describe it in the
PDF's XMP metadata; a receiving platform refuses a PDF whose description contradicts the
XML it carries. Checked here, each with its own rule id:

- the XMP packet is there and well formed (``FX-PDF-XMP-MISSING``, ``-MALFORMED``), read
  by the hardened parser like every XML a depositor sends;
- it identifies a PDF/A-3 (``pdfaid:part`` 3, ``pdfaid:conformance`` A, B or U:
  ``FX-PDF-PDFA``);
- it declares the Factur-X extension schema (PDF/A requires one for non-standard
  properties) with its four properties, and carries them (``FX-PDF-XMP-SCHEMA``):
  ``fx:ConformanceLevel`` is the XML's profile (``-LEVEL``), ``fx:DocumentFileName`` the
  embedded file's name (``-FILENAME``), ``fx:DocumentType`` INVOICE (``-TYPE``),
  ``fx:Version`` an accepted version (``-VERSION``);
- the invoice XML's file specification is in the catalog's ``/AF`` (``FX-PDF-AF``) with
  an allowed ``/AFRelationship`` (``-AF-RELATIONSHIP``) and a MIME type (``FX-PDF-MIME``).

The PDF is read with pikepdf (qpdf) (``edi.parsers.facturx.envelope``); the invoice XML
itself was taken by pypdf in the xml layer. When qpdf cannot read the PDF
(``FX-PDF-UNREADABLE``) or finds another invoice XML than pypdf did
(``FX-PDF-READERS-DIFFER``: two programs would read two invoices), the container cannot be
trusted. The one-invoice-XML-per-PDF rule stays the xml layer's ``EDI-PDF-XML-TWICE``.

Severity by scenario (``[envelope]``, ``envelope_settings.py``): fatal for a PDF sent to a
French platform (B2G Chorus Pro, B2B domestic), a warning elsewhere; fatal means
IRRECEVABLE (501) with the rule's reason (``edi.parsers.rules.LAYER_REASONS``: IRR_TYPE_F
for a PDF that is not the Factur-X it claims to be, IRR_SYNTAX for one that cannot be
read). ``FX-PDF-READERS-DIFFER`` is always fatal: no scenario makes an ambiguous invoice
safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from edi.model import (
    Container,
    Document,
    Finding,
    FlowError,
    Profile,
    Reason,
    RuleSet,
    Severity,
    channel_names,
)
from edi.parsers import facturx
from edi.parsers.rules import reason_of
from edi.validators import xml_safety
from edi.validators.envelope_settings import EnvelopeSettings
from edi.validators.scenario import B2B

if TYPE_CHECKING:
    from lxml import etree

    from edi.config import Settings

LAYER = "envelope"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
# The Factur-X 1.0 namespace, and ZUGFeRD 2.0's (same properties, its own URI).
FX_NAMESPACES = ("urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
                 "urn:zugferd:pdfa:CrossIndustryDocument:invoice:2p0#")
FX_PROPERTIES = ("DocumentFileName", "DocumentType", "Version", "ConformanceLevel")
PDFA_CONFORMANCES = ("A", "B", "U")

# The XML's profile -> the fx:ConformanceLevel values that describe it. factur-x knows no
# EXTENDED-CTC-FR level: such a PDF declares EXTENDED (edi/samples.py writes them so); an
# XRechnung, a CIUS of EN 16931, is declared XRECHNUNG (Factur-X 1.0.06) or, by factur-x,
# EN 16931.
LEVELS: dict[Profile, tuple[str, ...]] = {
    Profile.MINIMUM: ("MINIMUM",),
    Profile.BASIC_WL: ("BASIC WL",),
    Profile.BASIC: ("BASIC",),
    Profile.EN16931: ("EN 16931",),
    Profile.EXTENDED: ("EXTENDED",),
    Profile.EXTENDED_CTC_FR: ("EXTENDED", "EXTENDED-CTC-FR"),
    Profile.XRECHNUNG: ("XRECHNUNG", "EN 16931"),
}


_SCENARIO_NOTE = ("severity by scenario: [envelope] severity (fatal) for a Factur-X PDF "
                  "sent to a French platform (B2G Chorus Pro, B2B domestic), "
                  "severity_elsewhere (warning) otherwise, by_rule for one rule")


@dataclass(frozen=True)
class Rule:
    """One container rule: what it checks; whether a scenario sets its severity."""

    rule_id: str
    text: str
    by_scenario: bool = True

    def catalogue_entry(self) -> tuple[str, str, str]:
        how = _SCENARIO_NOTE if self.by_scenario else "always fatal"
        return "fatal", self.text, f"{how}; when fatal: {channel_names(reason_of(self.rule_id))}"


_TEXTS: tuple[tuple[str, str], ...] = (
    ("FX-PDF-UNREADABLE", "qpdf cannot read the PDF that pypdf read (damaged structure): "
                          "its container cannot be checked."),
    ("FX-PDF-READERS-DIFFER", "qpdf and pypdf find different invoice XMLs in the PDF: two "
                              "programs would read two invoices."),
    ("FX-PDF-XMP-MISSING", "The PDF has no XMP metadata stream (/Root/Metadata); PDF/A-3 "
                           "and Factur-X require one."),
    ("FX-PDF-XMP-MALFORMED", "The XMP metadata is not well-formed XML, or carries a DTD or "
                             "entities."),
    ("FX-PDF-PDFA", "The XMP does not identify a PDF/A-3 (pdfaid:part 3, pdfaid:conformance "
                    "A, B or U)."),
    ("FX-PDF-XMP-SCHEMA", "The XMP lacks the Factur-X extension schema (pdfaExtension:schemas "
                          "naming the fx namespace and its four properties) or the fx "
                          "properties themselves."),
    ("FX-PDF-XMP-LEVEL", "fx:ConformanceLevel is not the profile of the embedded XML (its "
                         "guideline id, BT-24)."),
    ("FX-PDF-XMP-FILENAME", "fx:DocumentFileName is not the name of the embedded invoice "
                            "XML."),
    ("FX-PDF-XMP-TYPE", "fx:DocumentType is not INVOICE."),
    ("FX-PDF-XMP-VERSION", "fx:Version is not an accepted version ([envelope] versions; "
                           "Factur-X 1.0 and ZUGFeRD 2.x write 1.0)."),
    ("FX-PDF-AF", "The invoice XML's file specification is not referenced from the catalog's "
                  "associated files (/Root/AF)."),
    ("FX-PDF-AF-RELATIONSHIP", "The invoice XML's /AFRelationship is missing or not Data, "
                               "Source or Alternative ([envelope] relationships)."),
    ("FX-PDF-MIME", "The invoice XML's embedded stream has no MIME type (/Subtype) or another "
                    "than text/xml ([envelope] mime_types)."),
)
ALWAYS_FATAL = frozenset({"FX-PDF-READERS-DIFFER"})
RULES: dict[str, Rule] = {rule: Rule(rule, text, rule not in ALWAYS_FATAL)
                          for rule, text in _TEXTS}


def french_platform(doc: Document) -> bool:
    """Whether the invoice goes to a French platform: Chorus Pro (B2G) or a PA (B2B)."""
    scenario = doc.scenario
    return scenario is not None and (scenario.b2g or scenario.name == B2B)


@cache
def rule_set() -> RuleSet:
    """The envelope rules as a report names them: edi-flux's, read with pikepdf (qpdf)."""
    import pikepdf

    return RuleSet.of_edi("Factur-X envelope", "edi/validators/envelope.py",
                          f"pikepdf {pikepdf.__version__}, qpdf {pikepdf.__libqpdf_version__}")


class EnvelopeLayer:
    name = LAYER
    reason = Reason.IRR_TYPE_F
    blocking = False     # the invoice data can still be judged: every error is reported

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.options = settings.section(EnvelopeSettings)
        self.limits = settings.limits

    def applies(self, doc: Document) -> bool:
        return doc.container is Container.PDF

    def check(self, doc: Document, tree: etree._ElementTree) -> list[Finding]:
        doc.rule_sets.append(rule_set())
        found: list[tuple[str, str, str]] = []   # (rule id, location, message)
        try:
            env = envelope_of(doc, self.limits.max_file_bytes)
        except facturx.EnvelopeError as exc:
            found.append(("FX-PDF-UNREADABLE", "/", f"qpdf cannot read the PDF ({exc}); "
                          "expected a PDF/A-3 that any reader reads the same way"))
            return self._findings(doc, found)
        invoice = env.invoice
        self._readers(doc, invoice, found)
        xmp = self._xmp(env, found)
        if xmp is not None:
            self._pdfa(xmp, found)
            self._factur_x(doc, xmp, invoice, found)
        if invoice is not None:
            self._associated(invoice, found)
        return self._findings(doc, found)

    # -- each check ---------------------------------------------------------------------

    def _readers(self, doc: Document, invoice: facturx.Attachment | None,
                 found: list[tuple[str, str, str]]) -> None:
        """The invoice XML qpdf finds is the one pypdf gave the xml layer."""
        try:
            name, xml = facturx.extract(doc.content, self.limits)
        except FlowError:  # the xml layer read it: unreachable, unless limits changed
            return
        if invoice is None or invoice.content != xml:
            seen = f"{invoice.name!r} ({len(invoice.content):,} bytes)" if invoice else \
                "no invoice XML"
            found.append(("FX-PDF-READERS-DIFFER", "/Root/Names/EmbeddedFiles",
                          f"pypdf reads the invoice XML {name!r} ({len(xml):,} bytes) but "
                          f"qpdf reads {seen}; expected one invoice that every reader "
                          "finds"))

    def _xmp(self, env: facturx.Envelope,
             found: list[tuple[str, str, str]]) -> etree._Element | None:
        if env.xmp is None:
            found.append(("FX-PDF-XMP-MISSING", "/Root/Metadata",
                          "the PDF has no XMP metadata stream; expected the PDF/A-3 XMP "
                          "packet describing the Factur-X invoice (fx:ConformanceLevel, "
                          "fx:DocumentFileName...)"))
            return None
        try:
            return xml_safety.parse(env.xmp, self.limits).getroot()
        except FlowError as exc:
            found.append(("FX-PDF-XMP-MALFORMED", "/Root/Metadata",
                          f"the XMP metadata cannot be read: {exc.message} ({exc.rule_id}); "
                          "expected a well-formed XMP packet"))
            return None

    def _pdfa(self, xmp: etree._Element, found: list[tuple[str, str, str]]) -> None:
        part = _property(xmp, PDFAID, "part")
        conformance = _property(xmp, PDFAID, "conformance")
        if part != "3" or conformance not in PDFA_CONFORMANCES:
            found.append(("FX-PDF-PDFA", "/Root/Metadata pdfaid",
                          f"the XMP identifies pdfaid:part {part!r}, pdfaid:conformance "
                          f"{conformance!r}; expected a PDF/A-3: part '3', conformance "
                          f"{' or '.join(repr(c) for c in PDFA_CONFORMANCES)}"))

    def _factur_x(self, doc: Document, xmp: etree._Element,
                  invoice: facturx.Attachment | None,
                  found: list[tuple[str, str, str]]) -> None:
        namespace = next((ns for ns in FX_NAMESPACES
                          if any(_property(xmp, ns, p) is not None for p in FX_PROPERTIES)),
                         None)
        if namespace is None:
            found.append(("FX-PDF-XMP-SCHEMA", "/Root/Metadata",
                          "the XMP carries no Factur-X property (fx:ConformanceLevel, "
                          "fx:DocumentFileName, fx:DocumentType, fx:Version) in "
                          f"{' or '.join(FX_NAMESPACES)}; expected the four of them"))
            return
        declared = _extension_properties(xmp, namespace)
        missing = [p for p in FX_PROPERTIES if p not in declared]
        absent = [p for p in FX_PROPERTIES if _property(xmp, namespace, p) is None]
        if missing or absent:
            what = []
            if missing:
                what.append("the extension schema (pdfaExtension:schemas) does not declare "
                            + ", ".join(f"fx:{p}" for p in missing))
            if absent:
                what.append("the XMP does not give " + ", ".join(f"fx:{p}" for p in absent))
            found.append(("FX-PDF-XMP-SCHEMA", "/Root/Metadata pdfaExtension:schemas",
                          f"{'; '.join(what)} (namespace {namespace}); expected the Factur-X "
                          "extension schema declaring DocumentFileName, DocumentType, "
                          "Version and ConformanceLevel, and their values"))
        level = _property(xmp, namespace, "ConformanceLevel")
        wanted = LEVELS.get(doc.profile or Profile.EN16931, ())
        if level is not None and level not in wanted:
            found.append(("FX-PDF-XMP-LEVEL", "/Root/Metadata fx:ConformanceLevel",
                          f"fx:ConformanceLevel is {level!r} but the embedded XML is of "
                          f"profile {doc.profile} (guideline id, BT-24); expected "
                          f"{' or '.join(repr(w) for w in wanted)}"))
        file_name = _property(xmp, namespace, "DocumentFileName")
        if file_name is not None and invoice is not None and file_name not in invoice.names:
            found.append(("FX-PDF-XMP-FILENAME", "/Root/Metadata fx:DocumentFileName",
                          f"fx:DocumentFileName is {file_name!r} but the embedded invoice XML "
                          f"is named {invoice.name!r}; expected the embedded file's name"))
        kind = _property(xmp, namespace, "DocumentType")
        if kind is not None and kind != "INVOICE":
            found.append(("FX-PDF-XMP-TYPE", "/Root/Metadata fx:DocumentType",
                          f"fx:DocumentType is {kind!r}; expected 'INVOICE'"))
        version = _property(xmp, namespace, "Version")
        if version is not None and version not in self.options.versions:
            found.append(("FX-PDF-XMP-VERSION", "/Root/Metadata fx:Version",
                          f"fx:Version is {version!r}; expected "
                          f"{' or '.join(repr(v) for v in self.options.versions)}"))

    def _associated(self, invoice: facturx.Attachment,
                    found: list[tuple[str, str, str]]) -> None:
        if not invoice.in_af:
            found.append(("FX-PDF-AF", "/Root/AF",
                          f"the invoice XML {invoice.name!r} is not referenced from the "
                          "catalog's /AF array; expected its file specification there "
                          "(PDF/A-3 associated file)"))
        allowed = self.options.relationships
        if invoice.relationship not in allowed:
            shown = repr(invoice.relationship) if invoice.relationship else "absent"
            found.append(("FX-PDF-AF-RELATIONSHIP", f"/AFRelationship of {invoice.name!r}",
                          f"the invoice XML's /AFRelationship is {shown}; expected "
                          f"{', '.join(allowed)}"))
        if invoice.mime not in self.options.mime_types:
            shown = repr(invoice.mime) if invoice.mime else "absent"
            found.append(("FX-PDF-MIME", f"/Subtype of {invoice.name!r}",
                          f"the invoice XML's MIME type (/Subtype) is {shown}; expected "
                          f"{' or '.join(self.options.mime_types)}"))

    # -- severity and reason ----------------------------------------------------------

    def severity(self, doc: Document, rule_id: str) -> Severity:
        if not RULES[rule_id].by_scenario:
            return Severity.FATAL
        chosen = self.options.overrides.get(rule_id) or (
            self.options.severity if french_platform(doc) else self.options.severity_elsewhere)
        return Severity(chosen)

    def _findings(self, doc: Document, found: list[tuple[str, str, str]]) -> list[Finding]:
        findings = [Finding(rule, self.severity(doc, rule), LAYER, where, message)
                    for rule, where, message in found]
        first = next((f for f in findings if f.fatal), None)
        if first is not None and doc.reason is None:
            doc.reason = reason_of(first.rule_id)
        return findings


# -- reading the XMP -----------------------------------------------------------------------

def _property(xmp: etree._Element, namespace: str, name: str) -> str | None:
    """A simple XMP property, as an element or as an attribute of an rdf:Description."""
    for description in xmp.iter(f"{{{RDF}}}Description"):
        value = description.get(f"{{{namespace}}}{name}")
        if value is not None:
            return value.strip()
        element = description.find(f"{{{namespace}}}{name}")
        if element is not None:
            return "".join(element.itertext()).strip()
    return None


def _extension_properties(xmp: etree._Element, namespace: str) -> set[str]:
    """The property names the PDF/A extension schema of ``namespace`` declares."""
    names: set[str] = set()
    for uri in xmp.iter(f"{{{PDFA_SCHEMA}}}namespaceURI"):
        if "".join(uri.itertext()).strip() != namespace:
            continue
        schema = uri.getparent()
        for name in schema.iter(f"{{{PDFA_PROPERTY}}}name"):
            names.add("".join(name.itertext()).strip())
        for element in schema.iter():
            declared = element.get(f"{{{PDFA_PROPERTY}}}name")
            if declared:
                names.add(declared.strip())
    for element in xmp.iter():  # the attribute form: pdfaSchema:namespaceURI="..."
        if element.get(f"{{{PDFA_SCHEMA}}}namespaceURI", "").strip() == namespace:
            for name in element.iter(f"{{{PDFA_PROPERTY}}}name"):
                names.add("".join(name.itertext()).strip())
            for child in element.iter():
                declared = child.get(f"{{{PDFA_PROPERTY}}}name")
                if declared:
                    names.add(declared.strip())
    return names


# -- one reading of the PDF for the three envelope layers ---------------------------------

_last: tuple[bytes, int, facturx.Envelope] | None = None


def envelope_of(doc: Document, cap: int) -> facturx.Envelope:
    """``facturx.envelope`` of ``doc``'s PDF, read once for the envelope, attachments and
    antivirus layers (they judge one document after the other in a worker)."""
    global _last
    if _last is not None and _last[0] is doc.content and _last[1] == cap:
        return _last[2]
    env = facturx.envelope(doc.content, cap)
    _last = (doc.content, cap, env)
    return env
