"""The invoice lifecycle: CDAR statuses per invoice; delivery is no longer 203.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

``lifecycle_events`` holds every status of BR-FR-CDV-CL-06 an invoice gets (received in
a CDAR message, or set by edi-flux in its ``[lifecycle] role``); ``lifecycle_latest`` each
invoice's latest one (listing invoices by status). An invoice's own status
is edi-flux's verdict: an accepted invoice that was delivered was recorded
``MISE_A_DISPOSITION`` (203), a status only the receiving platform sets; it becomes
``DEPOSEE`` (200, accepted), its delivery still told by ``output_name``. No lifecycle
status is invented for existing invoices: which role wrote them is not known.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lifecycle_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("flow_id", sa.String(40)),
        sa.Column("seq", sa.Integer()),
        sa.Column("invoice_number", sa.Text()),
        sa.Column("seller_siren", sa.String(9)),
        sa.Column("issue_date", sa.String(10)),
        sa.Column("type_code", sa.String(10)),
        sa.Column("code", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sequence", sa.Integer()),
        sa.Column("reason_code", sa.String(40)),
        sa.Column("reason", sa.Text()),
        sa.Column("action_code", sa.String(10)),
        sa.Column("action", sa.Text()),
        sa.Column("data", sa.Text()),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("issuer_role", sa.String(10)),
        sa.Column("message_id", sa.Text()),
        sa.Column("carried_by", sa.String(40)),
        sa.Column("message_file", sa.Text()),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_lifecycle_invoice", "lifecycle_events", ["flow_id", "seq"])
    op.create_index("ix_lifecycle_number", "lifecycle_events", ["invoice_number"])
    op.create_table(
        "lifecycle_latest",
        sa.Column("flow_id", sa.String(40), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("code", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_lifecycle_latest_code", "lifecycle_latest", ["code", "flow_id"])
    # Only where there is something to rename: a new ledger (on a full disk too) is not
    # written to beyond its tables.
    if op.get_bind().execute(sa.text("SELECT 1 FROM invoices WHERE status = "
                                     "'MISE_A_DISPOSITION' LIMIT 1")).first():
        op.execute(sa.text("UPDATE invoices SET status = 'DEPOSEE', status_code = 200 "
                           "WHERE status = 'MISE_A_DISPOSITION'"))


def downgrade() -> None:
    op.execute(sa.text("UPDATE invoices SET status = 'MISE_A_DISPOSITION', status_code = 203 "
                       "WHERE status = 'DEPOSEE' AND output_name IS NOT NULL"))
    op.drop_index("ix_lifecycle_latest_code", table_name="lifecycle_latest")
    op.drop_table("lifecycle_latest")
    op.drop_index("ix_lifecycle_number", table_name="lifecycle_events")
    op.drop_index("ix_lifecycle_invoice", table_name="lifecycle_events")
    op.drop_table("lifecycle_events")
