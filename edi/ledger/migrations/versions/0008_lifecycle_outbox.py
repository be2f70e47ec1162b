"""Our own lifecycle messages not yet taken by a target, retried until they are.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

``edi lifecycle set`` used to refuse a status whose target was down (the user had to set
it again later). Now the status is filed and its message written once; each target still
to reach is a ``lifecycle_outbox`` row that every round of ``edi process`` / ``edi watch``
tries again, with backoff. The table is spelled out here, not imported from schema.py.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "lifecycle_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("status_key", sa.String(64), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", TZ, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_lifecycle_outbox_due", "lifecycle_outbox", ["next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_lifecycle_outbox_due", table_name="lifecycle_outbox")
    op.drop_table("lifecycle_outbox")
