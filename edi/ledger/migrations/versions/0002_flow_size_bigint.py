"""A flow's size in bytes is a BIGINT.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-20

A file of 2 GiB or more is claimed (and refused later by [limits] max_file_bytes), but
PostgreSQL's INTEGER stops at 2**31 - 1: recording its claim failed, and left the whole
claimed group unrecorded in the work area.
SQLite's INTEGER already holds 64 bits: nothing to do there (a copy-and-move of the
largest table for a type name would only cost time).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("flows", "size", type_=sa.BigInteger(), existing_type=sa.Integer(),
                        existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("flows", "size", type_=sa.Integer(), existing_type=sa.BigInteger(),
                        existing_nullable=False)
