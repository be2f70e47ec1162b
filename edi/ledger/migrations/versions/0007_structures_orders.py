"""Reserved for depositing structures, bank details and orders (a no-op until that work lands).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

The revisions of work in progress in parallel are numbered in advance, so that each can
land in any order without two heads.
"""

from __future__ import annotations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
