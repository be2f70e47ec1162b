"""Reserved for the XP Z12-013 Flow Service (submissions, webhooks) (a no-op until that work lands).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

The revisions of work in progress in parallel are numbered in advance, so that each can
land in any order without two heads.
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
