"""A ledger flow as the Flow Service's ``Flow`` object, with its acknowledgement.

The acknowledgement is technical, as the specification's ``ReasonCodeEnum`` is:

- ``Pending`` while the flow is not concluded (received, waiting, in progress, put back);
- ``Error`` when it was refused for a technical reason, each invoice's IRR_* (or DOUBLON)
  named by its ``ReasonCodeEnum`` value (``Reason.flow_service``), and for an incident
  (``OtherTechnicalError``: edi-flux failed, not the flow);
- ``Ok`` otherwise: integrated, or rejected for a business reason (REJ_SEMAN...), which
  is no technical error: that verdict is the invoice's lifecycle status (213 REJETEE,
  carried by a CDAR lifecycle flow). The acknowledgement still names it, as a detail of
  level ``Warning`` whose reason code is our own (the enum is open: "ability to extend
  this set"), so that a client reading only acknowledgements is not misled.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edi.model import TERMINAL_FLOW_STATUSES, FlowStatus, Reason

SYNTAX_OF_FORMAT = {"UBL": "UBL", "CII": "CII", "FACTURX": "Factur-X", "CDAR": "CDAR"}
RULE_OF_SCENARIO = {"B2G Chorus Pro": "B2G", "B2B domestic": "B2B",
                    "out of scope": "OutOfScope"}
if TYPE_CHECKING:
    from edi.ledger import Ledger

PENDING, OK, ERROR = "Pending", "Ok", "Error"


class ChecksumMismatch(Exception):
    """A submission whose ``flowInfo`` sha256 is not the file's: 422 ``ChecksumMismatch``,
    nothing kept."""


def when(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def technical(reason: str | None) -> str | None:
    """The ``ReasonCodeEnum`` value of one of our reasons, if it is a technical one."""
    try:
        return Reason(reason).flow_service if reason else None
    except ValueError:
        return None


def ack_status(row: dict[str, Any], invoices: list[dict[str, Any]] | None = None) -> str:
    status = FlowStatus(row["status"])
    if status not in TERMINAL_FLOW_STATUSES:
        return PENDING
    if status is FlowStatus.IN_INCIDENTE:
        return ERROR
    if status is FlowStatus.IN_REJETE:
        reasons = [row.get("reason")] + [i.get("reason") for i in invoices or []]
        if any(technical(r) for r in reasons):
            return ERROR
    return OK


def acknowledgement(row: dict[str, Any], invoices: list[dict[str, Any]],
                    flow_findings: list[dict[str, Any]]) -> dict[str, Any]:
    status = ack_status(row, invoices)
    details: list[dict[str, Any]] = []
    if FlowStatus(row["status"]) is FlowStatus.IN_INCIDENTE:
        details.append({"level": "Error", "item": row["file_name"][:255],
                        "reasonCode": "OtherTechnicalError",
                        "reasonMessage": f"incident: {row.get('detail') or 'no detail'}"})
    elif status != PENDING:
        for inv in invoices:
            if inv.get("reason"):
                details.append(_detail(inv.get("number") or inv["name"], inv["reason"],
                                       inv.get("status_code"), inv.get("findings", [])))
        if not invoices and row.get("reason"):
            details.append(_detail(row["file_name"], row["reason"], None, flow_findings))
    ack: dict[str, Any] = {"status": status}
    if details:
        ack["details"] = details
    return ack


def _detail(item: str, reason: str, code: int | None, findings: list[dict[str, Any]]
            ) -> dict[str, Any]:
    enum = technical(reason)
    fatal = next((f for f in findings if f.get("severity") == "fatal"), None)
    said = f"{fatal['rule_id']}: {fatal['message']}" if fatal else "no finding recorded"
    if enum is not None:
        return {"level": "Error", "item": item, "reasonCode": enum,
                "reasonMessage": f"{reason} ({code or 501}): {said}"}
    return {"level": "Warning", "item": item, "reasonCode": reason,
            "reasonMessage": f"rejected {reason} ({code or 213} REJETEE), a business "
                             f"verdict carried by the invoice's lifecycle status: {said}"}


def flow_syntax(row: dict[str, Any], submission: dict[str, Any] | None) -> str:
    if submission and submission.get("flow_syntax"):
        return str(submission["flow_syntax"])
    fmt = SYNTAX_OF_FORMAT.get(row.get("format") or "")
    if fmt:
        return fmt
    # not read (or an archive) and not submitted by the API: named by its extension
    return "Factur-X" if row["file_name"].lower().endswith(".pdf") else "CII"


def flow_profile(submission: dict[str, Any] | None, invoices: list[dict[str, Any]],
                 pending: bool) -> str:
    if submission and submission.get("flow_profile"):
        return str(submission["flow_profile"])
    if pending or not invoices:
        return "Undefined"
    profile = (invoices[0].get("profile") or "").upper()
    if "EXTENDED" in profile:
        return "Extended-CTC-FR"
    if "BASIC" in profile or "MINIMUM" in profile:
        return "Basic"
    return "CIUS"


def processing_rule(submission: dict[str, Any] | None, report: dict[str, Any] | None
                    ) -> tuple[str, str]:
    """The processing rule and its source (Input: the client said it; else Computed)."""
    if submission and submission.get("processing_rule"):
        return str(submission["processing_rule"]), "Input"
    scenario = (report or {}).get("scenario") or ""
    rules = {RULE_OF_SCENARIO.get(name.strip()) for name in scenario.split(",")}
    rules.discard(None)
    if len(rules) == 1:
        return str(rules.pop()), "Computed"
    return "Undefined", "Computed"


def flow_type(row: dict[str, Any], syntax: str) -> str:
    if syntax == "CDAR":
        return "CustomerInvoiceLC"
    if row.get("reason") == "IRR_TYPE_F":
        return "Undefined"   # not an invoice we could read
    return "CustomerInvoice"   # the supplier's outgoing invoice, deposited with us


def tracking_id(row: dict[str, Any], submission: dict[str, Any] | None) -> str | None:
    """The client's trackingId: its submission's, or (a crash between the flow's claim and
    its submission's row) the one its source carries, written with the flow itself."""
    if submission is not None:
        return submission.get("tracking_id") or None
    source = row.get("source") or ""
    if row.get("interface") == "api" and source.startswith("api://"):
        from urllib.parse import unquote

        return unquote(source[len("api://"):].partition("/")[2]) or None
    return None


def flow_object(row: dict[str, Any], submission: dict[str, Any] | None,
                invoices: list[dict[str, Any]], flow_findings: list[dict[str, Any]],
                report: dict[str, Any] | None) -> dict[str, Any]:
    """The ``Flow`` schema: CoreFlowInfo + FullFlowInfoExtension + FlowExtension."""
    syntax = flow_syntax(row, submission)
    pending = FlowStatus(row["status"]) not in TERMINAL_FLOW_STATUSES
    rule, rule_source = processing_rule(submission, report)
    out: dict[str, Any] = {
        "flowId": row["flow_id"],
        "name": row["file_name"][:255],
        "flowSyntax": syntax,
        "flowProfile": flow_profile(submission, invoices, pending),
        "processingRule": rule,
        "processingRuleSource": rule_source,
        "submittedAt": when(submission["submitted_at"] if submission else row["received_at"]),
        "updatedAt": when(row["updated_at"]),
        "flowType": flow_type(row, syntax),
        "flowDirection": "Out",   # from the depositor (the OD) to us (its platform)
        "acknowledgement": acknowledgement(row, invoices, flow_findings),
    }
    tid = tracking_id(row, submission)
    if tid:
        out["trackingId"] = tid
    return out


def read_report(reports: Path, flow_id: str) -> dict[str, Any] | None:
    """The flow's compte rendu (JSON), once rendered."""
    from edi.reports.compte_rendu import JSON_SUFFIX

    path = reports / f"{flow_id}{JSON_SUFFIX}"
    if not path.is_file():
        return None
    return json.loads(path.read_bytes())  # type: ignore[no-any-return]


def flow_objects(ledger: Ledger, reports: Path, rows: list[dict[str, Any]]
                 ) -> list[dict[str, Any]]:
    """``Flow`` objects of ledger rows (their submissions, invoices and reports read)."""
    from edi.ledger import flowservice as fs
    from edi.ledger import queries

    subs = fs.submissions(ledger, [r["flow_id"] for r in rows])
    out = []
    for row in rows:
        concluded = FlowStatus(row["status"]).terminal
        invoices = ledger.invoices(row["flow_id"]) if concluded else []
        findings = queries.flow_findings(ledger, row["flow_id"]) \
            if concluded and not invoices else []
        report = read_report(reports, row["flow_id"]) if concluded else None
        out.append(flow_object(row, subs.get(row["flow_id"]), invoices, findings, report))
    return out


def lifecycle_object(row: dict[str, Any], reports: Path) -> dict[str, Any]:
    """A lifecycle status we wrote as a CDAR message, as a ``Flow``: from us to the
    depositor (``In``), about its invoice (``CustomerInvoiceLC``), acknowledged ``Ok``."""
    rule, _ = processing_rule(None, read_report(reports, row["flow_id"]))
    at = when(row["recorded_at"])
    return {"flowId": row["fs_id"], "name": Path(row["message_file"]).name[:255],
            "flowSyntax": "CDAR", "flowProfile": "Undefined", "processingRule": rule,
            "processingRuleSource": "Computed", "submittedAt": at, "updatedAt": at,
            "flowType": "CustomerInvoiceLC", "flowDirection": "In",
            "acknowledgement": {"status": OK}}
