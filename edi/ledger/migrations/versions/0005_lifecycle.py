"""Reserved for the invoice lifecycle (CDAR statuses) (a no-op until that work lands).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

The revisions of work in progress in parallel are numbered in advance, so that each can
land in any order without two heads.
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
