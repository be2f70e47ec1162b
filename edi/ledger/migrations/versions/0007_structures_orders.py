"""Engagements consumed by accepted invoices: their totals and each invoice's use.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

``engagement_totals`` holds, per engagement (buyer SIRET, number), what accepted invoices
took from it in cents, and how much of that was already taken when its amount was last set
(a CSV import gives what remains: counting starts again from there); ``engagement_uses``
each invoice's share (negative for a credit note) and how far it went over the amount, so
that a flow done again never consumes twice.
The engagements themselves (amount, supplier, status) stay in the directory store; the
depositing structures and their bank accounts too. The tables are spelled out here, not
imported from schema.py (this revision keeps describing its day).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "engagement_totals",
        sa.Column("buyer", sa.String(14), primary_key=True),
        sa.Column("number", sa.String(50), primary_key=True),
        sa.Column("invoiced_cents", sa.BigInteger, nullable=False),
        sa.Column("baseline_cents", sa.BigInteger, nullable=False),
        sa.Column("based_at", TZ),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "engagement_uses",
        sa.Column("flow_id", sa.String(40), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("buyer", sa.String(14), nullable=False),
        sa.Column("number", sa.String(50), nullable=False),
        sa.Column("cents", sa.BigInteger, nullable=False),
        sa.Column("over_cents", sa.BigInteger, nullable=False),
        sa.Column("at", TZ, nullable=False),
    )
    op.create_index("ix_engagement_uses_engagement", "engagement_uses", ["buyer", "number"])


def downgrade() -> None:
    op.drop_index("ix_engagement_uses_engagement", table_name="engagement_uses")
    op.drop_table("engagement_uses")
    op.drop_table("engagement_totals")
