"""Reserved for flow leases (several processes and machines) (a no-op until that work lands).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

The revisions of work in progress in parallel are numbered in advance, so that each can
land in any order without two heads.
"""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
