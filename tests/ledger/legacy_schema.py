"""The ledger's tables as edi-flux created them with `metadata.create_all`, before versioned
migrations (verbatim copy of edi/ledger/schema.py at that time): tests build a ledger of
that day with it, to check that opening it adopts it with its rows."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

flows = Table(
    "flows", metadata,
    Column("flow_id", String(40), primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("interface", String(200), nullable=False),
    Column("source", Text),                       # original path or sftp://partner/path
    Column("status", String(40), nullable=False),
    Column("format", String(40)),
    Column("reason", String(40)),                 # the flow's main reason when rejected
    Column("detail", Text),                       # last technical error, for incidents
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("invoice_count", Integer, nullable=False, default=0),
    Column("accepted_count", Integer, nullable=False, default=0),
    Column("supplier", Text),                     # seller SIRET/SIREN/VAT of the first invoice
    Column("buyer", Text),
    Column("archive_path", Text),
    Column("seconds", Float),                     # processing time, for reports and metrics
)
Index("ix_flows_status", flows.c.status)
Index("ix_flows_received", flows.c.received_at)
Index("ix_flows_sha256", flows.c.sha256)
Index("ix_flows_source", flows.c.interface, flows.c.source)

flow_events = Table(
    "flow_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("flow_id", String(40), nullable=False),
    Column("status", String(40), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("detail", Text),
)
Index("ix_events_flow", flow_events.c.flow_id)

invoices = Table(
    "invoices", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("flow_id", String(40), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("number", Text),
    Column("issue_date", String(10)),
    Column("type_code", String(10)),
    Column("format", String(20)),
    Column("profile", String(20)),
    Column("seller_name", Text),
    Column("seller_id", Text),
    Column("buyer_name", Text),
    Column("buyer_id", Text),
    Column("currency", String(3)),
    Column("total_with_vat", String(40)),
    Column("status", String(30), nullable=False),
    Column("status_code", Integer, nullable=False),
    Column("reason", String(30)),
    Column("output_name", Text),
    Column("data", Text),                         # the invoice's EN 16931 terms, JSON
    UniqueConstraint("flow_id", "seq", name="uq_invoice_flow_seq"),
)
Index("ix_invoices_flow", invoices.c.flow_id)
Index("ix_invoices_number", invoices.c.number)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("flow_id", String(40), nullable=False),
    Column("seq", Integer, nullable=False),       # 0: the flow itself
    Column("rule_id", String(120), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("layer", String(40), nullable=False),
    Column("location", Text, nullable=False),
    Column("message", Text, nullable=False),
)
Index("ix_findings_flow", findings.c.flow_id)
Index("ix_findings_rule", findings.c.rule_id)

# Business identity of every accepted invoice: the unique key makes "check for a
# duplicate, then accept" safe even when two workers accept twins at the same time.
accepted_keys = Table(
    "accepted_keys", metadata,
    Column("business_key", String(400), primary_key=True),
    Column("flow_id", String(40), nullable=False),
    Column("seq", Integer, nullable=False),
)

deliveries = Table(
    "deliveries", metadata,
    Column("flow_id", String(40), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("target", String(300), primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

scans = Table(
    "scans", metadata,
    Column("interface", String(200), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
)

# Dashboard and metrics (edi/ledger/queries.py): list filters and search by SIRET or file
# name without a table scan, and the scrape-time group-bys as index-only scans over a
# million flows.
Index("ix_flows_status_format", flows.c.status, flows.c.format, flows.c.flow_id)
Index("ix_flows_received_status", flows.c.received_at, flows.c.status)
Index("ix_flows_supplier", flows.c.supplier, flows.c.flow_id)
Index("ix_flows_buyer", flows.c.buyer, flows.c.flow_id)
Index("ix_flows_file_name", flows.c.file_name)
Index("ix_invoices_seller", invoices.c.seller_id)
Index("ix_invoices_buyer", invoices.c.buyer_id)
Index("ix_invoices_status", invoices.c.status)
Index("ix_findings_severity_rule", findings.c.severity, findings.c.rule_id, findings.c.flow_id)

# One running edi per folder set (edi/ledger/guard.py): a row per scope (an inbox, a work
# area), held by one instance and renewed by its heartbeat; a stale row is taken over.
instances = Table(
    "instances", metadata,
    Column("scope", String(1000), primary_key=True),
    Column("owner", String(64), nullable=False),      # random per run: who holds it
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("command", String(40), nullable=False),    # watch, process
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("heartbeat_at", DateTime(timezone=True), nullable=False),
)
