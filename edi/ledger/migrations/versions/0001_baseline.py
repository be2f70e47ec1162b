"""The ledger as edi-flux created it before versioned migrations.

Revision ID: 0001
Revises:
Create Date: 2026-05-20

On an empty database this creates every table and index. On a ledger made by
``metadata.create_all`` (no ``alembic_version`` table) it creates only what that ledger
lacks (tables and indexes added to schema.py over time, which ``create_all`` never added
to existing tables), so the ledger is adopted with its rows. The tables are spelled out
here, not imported from schema.py: this revision must keep describing the schema of its
day when schema.py moves on.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op
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

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

log = logging.getLogger("edi.ledger.migrations")


def _baseline() -> MetaData:
    m = MetaData()
    flows = Table(
        "flows", m,
        Column("flow_id", String(40), primary_key=True),
        Column("file_name", Text, nullable=False),
        Column("sha256", String(64), nullable=False),
        Column("size", Integer, nullable=False),
        Column("interface", String(200), nullable=False),
        Column("source", Text),
        Column("status", String(40), nullable=False),
        Column("format", String(40)),
        Column("reason", String(40)),
        Column("detail", Text),
        Column("received_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("finished_at", DateTime(timezone=True)),
        Column("attempts", Integer, nullable=False),
        Column("next_attempt_at", DateTime(timezone=True)),
        Column("invoice_count", Integer, nullable=False),
        Column("accepted_count", Integer, nullable=False),
        Column("supplier", Text),
        Column("buyer", Text),
        Column("archive_path", Text),
        Column("seconds", Float),
    )
    Index("ix_flows_status", flows.c.status)
    Index("ix_flows_received", flows.c.received_at)
    Index("ix_flows_sha256", flows.c.sha256)
    Index("ix_flows_source", flows.c.interface, flows.c.source)
    Index("ix_flows_status_format", flows.c.status, flows.c.format, flows.c.flow_id)
    Index("ix_flows_received_status", flows.c.received_at, flows.c.status)
    Index("ix_flows_supplier", flows.c.supplier, flows.c.flow_id)
    Index("ix_flows_buyer", flows.c.buyer, flows.c.flow_id)
    Index("ix_flows_file_name", flows.c.file_name)

    events = Table(
        "flow_events", m,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("flow_id", String(40), nullable=False),
        Column("status", String(40), nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("detail", Text),
    )
    Index("ix_events_flow", events.c.flow_id)

    invoices = Table(
        "invoices", m,
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
        Column("data", Text),
        UniqueConstraint("flow_id", "seq", name="uq_invoice_flow_seq"),
    )
    Index("ix_invoices_flow", invoices.c.flow_id)
    Index("ix_invoices_number", invoices.c.number)
    Index("ix_invoices_seller", invoices.c.seller_id)
    Index("ix_invoices_buyer", invoices.c.buyer_id)
    Index("ix_invoices_status", invoices.c.status)

    findings = Table(
        "findings", m,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("flow_id", String(40), nullable=False),
        Column("seq", Integer, nullable=False),
        Column("rule_id", String(120), nullable=False),
        Column("severity", String(10), nullable=False),
        Column("layer", String(40), nullable=False),
        Column("location", Text, nullable=False),
        Column("message", Text, nullable=False),
    )
    Index("ix_findings_flow", findings.c.flow_id)
    Index("ix_findings_rule", findings.c.rule_id)
    Index("ix_findings_severity_rule", findings.c.severity, findings.c.rule_id,
          findings.c.flow_id)

    Table(
        "accepted_keys", m,
        Column("business_key", String(400), primary_key=True),
        Column("flow_id", String(40), nullable=False),
        Column("seq", Integer, nullable=False),
    )
    Table(
        "deliveries", m,
        Column("flow_id", String(40), primary_key=True),
        Column("seq", Integer, primary_key=True),
        Column("target", String(300), primary_key=True),
        Column("file_name", Text, nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "scans", m,
        Column("interface", String(200), primary_key=True),
        Column("at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "instances", m,
        Column("scope", String(1000), primary_key=True),
        Column("owner", String(64), nullable=False),
        Column("host", String(255), nullable=False),
        Column("pid", Integer, nullable=False),
        Column("command", String(40), nullable=False),
        Column("started_at", DateTime(timezone=True), nullable=False),
        Column("heartbeat_at", DateTime(timezone=True), nullable=False),
    )
    return m


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    existing = set(inspector.get_table_names())
    if "flows" in existing:
        log.warning("ledger made before versioned migrations: adopting it as revision "
                    "%s (its rows are kept; what it lacks is created)", revision)
    for table in _baseline().sorted_tables:
        if table.name not in existing:
            table.create(bind)
            continue
        have = {ix["name"] for ix in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in have:
                index.create(bind)


def downgrade() -> None:
    bind = op.get_bind()
    _baseline().drop_all(bind)
