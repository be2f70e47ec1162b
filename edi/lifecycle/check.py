"""Judge a CDAR message: the CDAR D22B XSD, then the official BR-FR-CDV Schematron, then
edi-flux's own reading (a status of CL-06 that we can file, set by an actor who may).

Used on every message that arrives (in a validation worker, like the invoice layers) and
on every message edi-flux builds before it is written. The Schematron runs on this
process's Saxon engine (``edi.validators.schematron.process_engine``): saxonche is used
only from the process and thread that built it.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from edi.lifecycle import cdar, codes
from edi.model import Finding, LayerRun, Reason, Severity

if TYPE_CHECKING:
    from edi.rules import Rule

ARTEFACTS = Path(__file__).resolve().parent / "artefacts"
XSD_PATH = ARTEFACTS / "xsd" / "CrossDomainAcknowledgementAndResponse_100pD22B.xsd"
SCHEMATRON_PATH = ARTEFACTS / "BR-FR-CDV-Schematron-CDAR.xslt"
RULE_SET = "BR-FR-CDV 1.4.0 (FNFE France_RFE, CDAR)"
ENGINE_KEY = "BR-FR-CDV-CDAR"
LAYER = "cdar"


@cache
def schema() -> etree.XMLSchema:
    """The CDAR D22B XSD, loaded once per process."""
    return etree.XMLSchema(file=str(XSD_PATH))


def xsd_findings(tree: etree._ElementTree | etree._Element) -> list[Finding]:
    xsd = schema()
    if xsd.validate(tree):
        return []
    return [Finding("EDI-CDAR-XSD", Severity.FATAL, LAYER, f"line {e.line}",
                    f"not valid against the CDAR D22B XSD: {e.message}")
            for e in list(xsd.error_log)[:20]]


def schematron_findings(tree: etree._ElementTree | etree._Element) -> list[Finding]:
    """The failed asserts of the official BR-FR-CDV rules (their own ids and flags)."""
    from saxonche import PySaxonApiError

    from edi.validators.schematron import EngineError, findings_from_svrl, process_engine

    engine = process_engine()
    executable = engine.executables.get(ENGINE_KEY)
    if executable is None:
        started = time.perf_counter()
        try:
            executable = engine.compiler.compile_stylesheet(stylesheet_file=str(SCHEMATRON_PATH))
        except PySaxonApiError as exc:
            raise EngineError(f"{SCHEMATRON_PATH.name} does not compile: {exc}") from exc
        engine.executables[ENGINE_KEY] = executable
        engine.compile_seconds[ENGINE_KEY] = time.perf_counter() - started
    try:
        out = executable.transform_to_string(xdm_node=engine.node(tree))  # type: ignore[attr-defined]
    except PySaxonApiError as exc:
        raise EngineError(f"{ENGINE_KEY}: transform failed: {exc}") from exc
    if not out:
        raise EngineError(f"{ENGINE_KEY}: the transform produced no report")
    return findings_from_svrl(out.encode("utf-8"), LAYER, None)


def reading_findings(root: etree._Element) -> list[Finding]:
    """What the official rules leave to the receiver: a status we can file (CL-06 is only
    a warning there, for bilateral codes), set by an actor who may set it (MDT-40)."""
    findings: list[Finding] = []
    issuer = root.findtext("rsm:ExchangedDocument/ram:IssuerTradeParty/ram:RoleCode",
                           namespaces=cdar.NS)
    issuer = issuer.strip() if issuer else None
    refs = root.findall("rsm:AcknowledgementDocument/ram:ReferenceReferencedDocument",
                        cdar.NS)
    for i, ref in enumerate(refs, 1):
        where = f"/rsm:{cdar.ROOT}/rsm:AcknowledgementDocument/" \
                f"ram:ReferenceReferencedDocument[{i}]/ram:ProcessConditionCode"
        code_text = (ref.findtext("ram:ProcessConditionCode", namespaces=cdar.NS) or "").strip()
        if not code_text.isdigit() or int(code_text) not in codes.STATUSES:
            findings.append(Finding(
                "EDI-CDAR-STATUS", Severity.FATAL, LAYER, where,
                f"status code {code_text!r} is not in BR-FR-CDV-CL-06; expected one of "
                f"{', '.join(map(str, codes.STATUSES))}"))
            continue
        code = int(code_text)
        if not codes.may_set(code, issuer):
            st = codes.STATUSES[code]
            findings.append(Finding(
                "EDI-CDAR-ACTOR", Severity.FATAL, LAYER,
                f"/rsm:{cdar.ROOT}/rsm:ExchangedDocument/ram:IssuerTradeParty/ram:RoleCode",
                f"status {code} {st.label} is set by an issuer of role {issuer or 'none'} "
                f"(MDT-40); expected one of {', '.join(sorted(st.set_by))}"))
    return findings


def judge(tree: etree._ElementTree) -> tuple[list[Finding], Reason | None, list[LayerRun]]:
    """(findings, the message's reason when refused, what ran): the XSD first (an
    XSD-invalid message is unreadable, IRR_SYNTAX, and nothing else runs), then the
    Schematron and our reading (REJ_SEMAN)."""
    root = tree.getroot()
    t0 = time.perf_counter()
    findings = xsd_findings(tree)
    runs = [LayerRun("cdar-xsd", True, time.perf_counter() - t0, len(findings))]
    if findings:
        return findings, Reason.IRR_SYNTAX, runs
    t1 = time.perf_counter()
    rules = schematron_findings(tree)
    runs.append(LayerRun("cdar-schematron", True, time.perf_counter() - t1, len(rules),
                         RULE_SET))
    rules += reading_findings(root)
    reason = Reason.REJ_SEMAN if any(f.fatal for f in rules) else None
    return rules, reason, runs


def catalogue_rules() -> list[Rule]:
    """The official BR-FR-CDV rules as ``edi rules`` lists them: each assert of the shipped
    CDAR Schematron, with its own id, text and flag (the ids its findings carry)."""
    from edi.rules import Rule, _asserts
    from edi.validators.schematron import rule_identity

    out: list[Rule] = []
    for raw_id, flag, text in _asserts(str(SCHEMATRON_PATH)):
        rule_id, _ = rule_identity(raw_id, text, report=False)
        severity = "warning" if flag in ("warning", "information", "info") else "fatal"
        out.append(Rule(rule_id, LAYER, severity, text,
                        (f"{RULE_SET}: edi/lifecycle/artefacts/{SCHEMATRON_PATH.name}",)))
    return out
