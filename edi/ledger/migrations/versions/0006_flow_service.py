"""The XP Z12-013 Flow Service: submissions, webhooks and their outbox, remote flows.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

``api_submissions`` keeps the ``flowInfo`` a client gave with each flow it submitted (its
trackingId, syntax, profile, processing rule); ``api_webhooks`` the subscriptions;
``api_webhook_outbox`` every callback until its subscriber acknowledged it (so none is lost
across a restart); ``api_cursors`` how far the webhook dispatcher has read the flows;
``api_remote_flows`` what our ``https://`` targets submitted to a platform. The tables
are spelled out here, not imported from schema.py (this revision keeps describing its day).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "api_submissions",
        sa.Column("flow_id", sa.String(40), primary_key=True),
        sa.Column("client", sa.String(200), nullable=False),
        sa.Column("tracking_id", sa.String(64)),
        sa.Column("flow_syntax", sa.String(20), nullable=False),
        sa.Column("flow_profile", sa.String(40)),
        sa.Column("processing_rule", sa.String(40)),
        sa.Column("request_id", sa.String(64)),
        sa.Column("organization_id", sa.String(200)),
        sa.Column("submitted_at", TZ, nullable=False),
    )
    op.create_index("ix_api_submissions_client", "api_submissions",
                    ["client", "tracking_id"])
    op.create_table(
        "api_webhooks",
        sa.Column("webhook_id", sa.String(36), primary_key=True),
        sa.Column("client", sa.String(200), nullable=False),
        sa.Column("callback_url", sa.Text, nullable=False),
        sa.Column("flow_types", sa.Text),
        sa.Column("flow_direction", sa.String(10)),
        sa.Column("ack_status", sa.String(10)),
        sa.Column("signing_key", sa.String(200), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_api_webhooks_client", "api_webhooks", ["client"])
    op.create_table(
        "api_webhook_outbox",
        sa.Column("event_id", sa.String(120), primary_key=True),
        sa.Column("webhook_id", sa.String(36), nullable=False),
        sa.Column("flow_id", sa.String(40), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", TZ, nullable=False),
        sa.Column("delivered_at", TZ),
        sa.Column("last_error", sa.Text),
    )
    op.create_index("ix_api_outbox_due", "api_webhook_outbox",
                    ["delivered_at", "next_attempt_at"])
    op.create_table(
        "api_cursors",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("flow_id", sa.String(40), nullable=False),
    )
    op.create_table(
        "api_remote_flows",
        sa.Column("target", sa.String(300), primary_key=True),
        sa.Column("tracking_id", sa.String(64), primary_key=True),
        sa.Column("flow_id", sa.String(40), nullable=False),
        sa.Column("remote_flow_id", sa.String(64)),
        sa.Column("ack_status", sa.String(10)),
        sa.Column("detail", sa.Text),
        sa.Column("submitted_at", TZ, nullable=False),
        sa.Column("checked_at", TZ),
    )


def downgrade() -> None:
    for table in ("api_remote_flows", "api_cursors", "api_webhook_outbox", "api_webhooks",
                  "api_submissions"):
        op.drop_table(table)
