"""The command line's text views, fed by a real ledger."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from edi.ledger import Ledger
from edi.model import (
    Document,
    Finding,
    Flow,
    FlowStatus,
    Invoice,
    Reason,
    Severity,
    Syntax,
)
from edi.reports.text import flow_detail, flows_table

T0 = datetime(2025, 3, 14, 8, 30, tzinfo=UTC)


def recorded_ledger(tmp_path: Path) -> Ledger:
    """Two finished flows: an archive partly integrated, an empty file rejected."""
    ledger = Ledger(f"sqlite:///{tmp_path / 'edi.sqlite'}")
    archive = Flow("F20250314T083000000000-aaaa01", "lot-" + "x" * 60 + ".zip", "a" * 64,
                   9000, "inbox", FlowStatus.IN_RECU, T0, format="ZIP")
    empty = Flow("F20250314T083100000000-bbbb01", "vide.xml", "e" * 64, 0, "inbox",
                 FlowStatus.IN_RECU, T0 + timedelta(minutes=1))
    ledger.receive([archive, empty])
    docs = [
        Document(1, "FA-1.xml", b"", syntax=Syntax.UBL, delivered=True, invoice=Invoice(
            number="FA-1", seller_siret="41234567000019", buyer_siret="13002526500013",
            total_with_vat="360.00", currency="EUR")),
        Document(2, "FA-2.xml", b"", syntax=Syntax.UBL, reason=Reason.REJ_SEMAN,
                 invoice=Invoice(number="FA-2", seller_siret="41234567000019"),
                 findings=[Finding("BR-CO-15", Severity.FATAL, "en16931", "/Invoice",
                                   "Total TTC 120,00 attendu, 130,00 trouvé")]),
    ]
    ledger.finish(archive, FlowStatus.IN_INTEGRE_PARTIEL, docs, "REJ_SEMAN", 0.4,
                  {1: "F20250314T083000000000-aaaa01_FA-1.xml"})
    ledger.finish(empty, FlowStatus.IN_REJETE, [], "IRR_VIDE_F", 0.01, {})
    return ledger


def test_flows_table_lists_every_flow_with_its_counts(tmp_path: Path) -> None:
    ledger = recorded_ledger(tmp_path)
    try:
        text = flows_table(ledger.flows())
    finally:
        ledger.close()
    lines = text.splitlines()
    assert lines[0] == "Suivi des flux"
    assert lines[1].split() == ["Received", "(UTC)", "Flow", "File", "Format", "Supplier",
                                "Buyer", "Invoices", "Status", "Reason"]
    assert set(lines[2]) <= {"-", " "}
    newest, oldest = lines[3], lines[4]
    assert newest.split()[:4] == ["2025-03-14", "08:31:00", "F20250314T083100000000-bbbb01",
                                  "vide.xml"]
    assert "0/0" in newest and "IN_REJETE" in newest and newest.endswith("IRR_VIDE_F")
    assert "1/2" in oldest and "IN_INTEGRE_PARTIEL" in oldest and "41234567000019" in oldest
    assert "lot-xxx" in oldest and "…" in oldest and "x" * 60 not in oldest  # shortened
    assert lines[-1] == "2 flows"
    # Columns line up: every status starts at the same offset.
    assert newest.index("IN_REJETE") == oldest.index("IN_INTEGRE_PARTIEL")


def test_flows_table_with_no_flow() -> None:
    assert flows_table([]) == "Suivi des flux\n(no flow)\n"


def test_flow_detail_shows_invoices_findings_and_history(tmp_path: Path) -> None:
    ledger = recorded_ledger(tmp_path)
    flow_id = "F20250314T083000000000-aaaa01"
    try:
        text = flow_detail(ledger.row(flow_id), ledger.invoices(flow_id),
                           ledger.history(flow_id))
    finally:
        ledger.close()
    assert text.startswith(f"Flow {flow_id}  IN_INTEGRE_PARTIEL (REJ_SEMAN)\n")
    assert "  invoices    1/2 accepted" in text
    assert "#1  FA-1  DEPOSEE (200)" in text
    assert "-> F20250314T083000000000-aaaa01_FA-1.xml" in text
    assert "360.00 EUR" in text
    assert "#2  FA-2  REJETEE (213) REJ_SEMAN" in text
    assert ("fatal   BR-CO-15  [en16931] /Invoice: Total TTC 120,00 attendu, 130,00 trouvé"
            in text)
    history = text.split("Status history\n")[1].splitlines()
    assert history[0].startswith("  2025-03-14 08:30:00  IN_RECU  received lot-")
    assert history[-1].split()[2] == "IN_INTEGRE_PARTIEL"


def test_flow_detail_of_a_flow_without_invoices(tmp_path: Path) -> None:
    ledger = recorded_ledger(tmp_path)
    flow_id = "F20250314T083100000000-bbbb01"
    try:
        text = flow_detail(ledger.row(flow_id), ledger.invoices(flow_id),
                           ledger.history(flow_id))
    finally:
        ledger.close()
    assert "IN_REJETE (IRR_VIDE_F)" in text
    assert "Invoices: none parsed" in text
    assert "  size        0 bytes" in text
