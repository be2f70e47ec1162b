"""Leases: several processes and machines on one ledger.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

A flow is worked on by one process at a time: ``flows.lease_owner`` says which, and
``flows.lease_expires_at`` (the database's clock) until when; the owner renews it while it
works, and only a flow whose lease expired (or that has none) is taken up by another
process. ``intake_claims`` records a claim of an inbox file before the file is renamed
into the work area (nothing sits there unrecorded); ``remote_claims`` records a remote
(SFTP) file taken by one process before it is downloaded. Existing flows get no owner:
the first process that starts takes up the unfinished ones, as before. A lease given back
keeps its owner and loses its expiry (``ix_flows_lease``: the leases held).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("flows") as batch:
        batch.add_column(sa.Column("lease_owner", sa.String(64), nullable=True))
        batch.add_column(sa.Column("lease_expires_at", sa.DateTime(timezone=True),
                                   nullable=True))
    op.create_index("ix_flows_lease", "flows", ["lease_expires_at", "lease_owner"])
    op.create_table(
        "intake_claims",
        sa.Column("flow_id", sa.String(40), primary_key=True),
        sa.Column("interface", sa.String(200), nullable=False),
        sa.Column("source", sa.Text()),
        sa.Column("owner", sa.String(64)),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "remote_claims",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("interface", sa.String(200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(64)),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("remote_claims")
    op.drop_table("intake_claims")
    op.drop_index("ix_flows_lease", table_name="flows")
    with op.batch_alter_table("flows") as batch:
        batch.drop_column("lease_expires_at")
        batch.drop_column("lease_owner")
