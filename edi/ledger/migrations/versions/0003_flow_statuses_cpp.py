"""Flow statuses spelled as Chorus Pro spells them: the ``_CPP`` suffix kept.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Chorus Pro's "Suivi des flux" says ``IN_EN_ATTENTE_TRAITEMENT_CPP``,
``IN_EN_COURS_TRAITEMENT_CPP`` and ``IN_EN_ATTENTE_RETRAITEMENT_CPP``; the ledger said
them without the suffix, so ``edi flows --status IN_EN_ATTENTE_TRAITEMENT_CPP`` (the name
an ops person copies from Chorus Pro's documentation) answered "unknown status". The rows
of ``flows`` and ``flow_events`` are renamed in place; the meanings do not change
(automatic delivery retries were and stay ``IN_EN_ATTENTE_TRAITEMENT_CPP`` with a next
attempt; ``IN_EN_ATTENTE_RETRAITEMENT_CPP`` is a flow put back by an operator).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

RENAMED = ("IN_EN_ATTENTE_TRAITEMENT", "IN_EN_COURS_TRAITEMENT", "IN_EN_ATTENTE_RETRAITEMENT")
TABLES = ("flows", "flow_events")


def _rename(old_suffix: str, new_suffix: str) -> None:
    """Rename the rows that carry an old name; a ledger that has none (a new one) is not
    written to at all."""
    bind = op.get_bind()
    names = {name + old_suffix: name + new_suffix for name in RENAMED}
    for table in TABLES:
        found = bind.execute(sa.text(f"SELECT DISTINCT status FROM {table} WHERE status IN "
                                     ":names").bindparams(sa.bindparam("names", expanding=True)),
                             {"names": list(names)}).scalars().all()
        for old in found:
            bind.execute(sa.text(f"UPDATE {table} SET status = :new WHERE status = :old"),
                         {"old": old, "new": names[old]})


def upgrade() -> None:
    _rename("", "_CPP")


def downgrade() -> None:
    _rename("_CPP", "")
