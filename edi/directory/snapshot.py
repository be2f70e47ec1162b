"""The directory in memory: what the deposit rules look up, per invoice, without I/O.

Each validation worker loads the store once and keeps it (``cached``); it looks at the
file's identity again at most every ``check_every`` seconds and reloads when an import
replaced it. That per-process cache is the only state here, and it is named as such.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from edi.directory import store


@dataclass(frozen=True, slots=True)
class Structure:
    identifier: str
    id_type: str
    name: str
    emetteur_edi: bool
    recepteur_edi: bool
    gestion_statut_mep: bool
    gestion_engagement: bool
    gestion_service: bool
    gestion_service_engagement: bool
    est_moa: bool
    est_moa_uniquement: bool
    active: bool


@dataclass(frozen=True, slots=True)
class Service:
    code: str
    name: str
    active: bool
    engagement_required: bool


@dataclass(frozen=True, slots=True)
class Engagement:
    buyer: str
    number: str
    supplier: str                     # SIRET (14 digits) or SIREN (9 digits)
    amount: Decimal | None            # remaining amount, when known
    status: str
    open: bool
    source: str

    def for_supplier(self, siret: str | None, siren: str | None) -> bool:
        if len(self.supplier) == 14:
            return self.supplier == siret
        return self.supplier in (siren, siret[:9] if siret else None)


@dataclass(frozen=True, slots=True)
class Depositor:
    """A structure registered to deposit invoices (``edi structures add``)."""

    siret: str
    siren: str
    name: str
    address: str
    kind: str                         # "public" or "private"
    source: str                       # the directory its name and address came from
    registered_at: str


@dataclass(slots=True)
class Directory:
    """One loaded store: structures by identifier, their services, engagements, accounts."""

    structures: dict[str, Structure] = field(default_factory=dict)
    services: dict[str, dict[str, Service]] = field(default_factory=dict)
    engagements: dict[str, dict[str, Engagement]] = field(default_factory=dict)
    accounts: dict[str, frozenset[str]] = field(default_factory=dict)
    depositors: dict[str, Depositor] = field(default_factory=dict)   # by SIRET
    meta: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    @property
    def imported_at(self) -> str:
        return self.meta.get("directory_imported_at", "never")

    def declared_accounts(self, siret: str | None, siren: str | None) -> frozenset[str]:
        """IBANs a supplier declared, under its SIRET or its SIREN."""
        out: frozenset[str] = frozenset()
        for key in {siret, siren, siret[:9] if siret else None} - {None}:
            out |= self.accounts.get(key, frozenset())  # type: ignore[arg-type]
        return out


def load(path: Path) -> Directory:
    """Read the whole store into memory (a few hundred ms for 100,000 structures)."""
    conn = store.connect_ro(path)
    try:
        return _load(conn, path)
    finally:
        conn.close()


def _load(conn: sqlite3.Connection, path: Path) -> Directory:
    d = Directory(path=path)
    d.meta = dict(conn.execute("SELECT key, value FROM meta"))
    for row in conn.execute(
            "SELECT identifier, id_type, name, emetteur_edi, recepteur_edi, "
            "gestion_statut_mep, gestion_engagement, gestion_service, "
            "gestion_service_engagement, est_moa, est_moa_uniquement, active "
            "FROM structures"):
        d.structures[row[0]] = Structure(row[0], row[1], row[2], *map(bool, row[3:]))
    for ident, code, name, active, eng in conn.execute(
            "SELECT identifier, code, name, active, engagement_required FROM services"):
        d.services.setdefault(ident, {})[code] = Service(code, name, bool(active), bool(eng))
    for buyer, number, supplier, amount, status, is_open, source in conn.execute(
            "SELECT buyer, number, supplier, amount, status, open, source FROM engagements"):
        d.engagements.setdefault(buyer, {})[number] = Engagement(
            buyer, number, supplier, Decimal(amount) if amount is not None else None,
            status, bool(is_open), source)
    accounts: dict[str, set[str]] = {}
    for supplier, iban in conn.execute("SELECT supplier, iban FROM accounts"):
        accounts.setdefault(supplier, set()).add(iban)
    d.accounts = {k: frozenset(v) for k, v in accounts.items()}
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if "depositors" in tables:   # a store written before structures were registered
        for row in conn.execute("SELECT siret, siren, name, address, kind, source, "
                                "registered_at FROM depositors"):
            d.depositors[row[0]] = Depositor(*row)
    return d


# Per-process cache: store path -> the directory loaded from it.
_process_cache: store.PerProcess[Directory | None] = store.PerProcess(load, lambda: None)


def cached(path: Path, check_every: float = 5.0) -> Directory | None:
    """The directory at ``path`` as this process last loaded it (None when absent).

    Touches the disk (one ``stat``) at most every ``check_every`` seconds.
    """
    return _process_cache.get(path, check_every)
