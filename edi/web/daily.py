"""The daily summary: the day's flows, verdicts and top rejection reasons, CSV and HTML.

Written into the reports folder under names that cannot clash with a flow's compte
rendu (``daily-YYYY-MM-DD.*``), atomically, so a partner picking the folder up never
reads half a file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from edi.config import Settings
from edi.durable import write_atomic
from edi.ledger import Ledger, queries
from edi.model import FlowStatus, utcnow

COLUMNS = ("flow_id", "received_at", "finished_at", "file_name", "interface", "format",
           "status", "reason", "supplier", "buyer", "invoice_count", "accepted_count",
           "seconds")
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Daily:
    day: date
    flows: list[dict[str, Any]]
    verdicts: list[tuple[str, int]]           # every flow status, in Chorus Pro's order
    reasons: list[dict[str, Any]]
    rules: list[dict[str, Any]]
    lifecycle: list[tuple[str, int]] = field(default_factory=list)  # "212 Encaissée", filed


def build(ledger: Ledger, day: date) -> Daily:
    start, end = queries.day_window(day)
    counts = queries.verdicts(ledger, since=start, until=end)
    return Daily(day=day, flows=queries.day_flows(ledger, day),
                 verdicts=[(str(s), counts.get(str(s), 0)) for s in FlowStatus],
                 reasons=queries.top_reasons(ledger, start, end),
                 rules=queries.top_rejecting_rules(ledger, 10, since=start, until=end),
                 lifecycle=_lifecycle(ledger, start, end))


def _lifecycle(ledger: Ledger, start: Any, end: Any) -> list[tuple[str, int]]:
    """Lifecycle statuses filed that day, per status (edi.ledger.lifecycle)."""
    from edi.ledger import lifecycle
    from edi.lifecycle.codes import label

    with ledger.connection() as c:
        return [(f"{code} {label(code) or ''}".strip(), n)
                for code, n in lifecycle.day_counts(c, start, end)]


# A spreadsheet takes a cell starting with one of these as a formula (OWASP, "CSV
# injection"): a deposited file named =HYPERLINK(...).xml must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else value


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell no spreadsheet evaluates: text that could start a formula is
    prefixed with a quote; numbers stay numbers."""
    value = _cell(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def flows_csv(d: Daily) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for f in d.flows:
        w.writerow([csv_cell(f.get(c)) for c in COLUMNS])
    return out.getvalue().encode("utf-8")


def summary_csv(d: Daily) -> bytes:
    """One table a spreadsheet reads as is: kind (verdict, reason, rule), key, count."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(("day", "kind", "key", "count"))
    for status, n in d.verdicts:
        w.writerow((d.day.isoformat(), "verdict", status, n))
    for r in d.reasons:
        w.writerow((d.day.isoformat(), "reason", csv_cell(r["reason"]), r["count"]))
    for r in d.rules:  # a plug-in layer's rule ids are not ours to trust
        w.writerow((d.day.isoformat(), "rule", csv_cell(r["rule_id"]), r["findings"]))
    for status, n in d.lifecycle:
        w.writerow((d.day.isoformat(), "lifecycle", status, n))
    return out.getvalue().encode("utf-8")


def html(d: Daily) -> bytes:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape())
    page = env.get_template("daily.html").render(
        day=d.day.isoformat(), generated=utcnow().strftime("%Y-%m-%d %H:%M:%S UTC"),
        flows=[{c: _cell(f.get(c)) for c in COLUMNS} for f in d.flows], columns=COLUMNS,
        verdicts=[(s, n) for s, n in d.verdicts if n], reasons=d.reasons, rules=d.rules,
        lifecycle=d.lifecycle,
        invoices=sum(f["invoice_count"] or 0 for f in d.flows),
        accepted=sum(f["accepted_count"] or 0 for f in d.flows))
    return page.encode("utf-8")


def write(settings: Settings, ledger: Ledger, day: date) -> list[Path]:
    """Write the day's CSV (flows), summary CSV and HTML; returns the paths written."""
    d = build(ledger, day)
    folder = settings.path(settings.paths.reports)
    stem = f"daily-{day.isoformat()}"
    files = {folder / f"{stem}.csv": flows_csv(d),
             folder / f"{stem}.summary.csv": summary_csv(d),
             folder / f"{stem}.html": html(d)}
    for path, content in files.items():
        write_atomic(path, content)
    return list(files)
