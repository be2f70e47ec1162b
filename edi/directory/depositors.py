"""Depositing structures: the suppliers (or their agents) on whose behalf flows come in.

On the Chorus Pro portal a supplier creates its account by typing its SIRET; the
platform recognises it and fills in its name and address. ``find`` does the same from
the directories this installation holds: Chorus Pro's directory export (``edi directory
import``; its structures are public ones). A SIRET whose check digits are wrong (stdnum
knows La Poste's sum-of-digits rule), one that no directory knows, or one the directory
marks closed (``StructureActive`` false) is refused with the reason. A private company
absent from every directory may be entered by hand (``Candidate.by_hand``): it is
recorded as such.

``register`` keeps the structure in the directory store (table ``depositors``), next to
its bank accounts; the ``depositor`` validation layer then checks that each flow's
seller is a structure its connection may deposit for.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from edi.directory import store
from edi.validators.identifiers import siret_error, why

ADDRESS_COLUMNS = ("Adresse", "ComplementAdresse1", "ComplementAdresse2")
KINDS = ("public", "private")


class StructureRefused(Exception):
    """A SIRET that cannot be registered; ``code`` says why, the message in full."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Candidate:
    """A structure as a directory describes it, shown for confirmation before
    ``register`` keeps it."""

    siret: str
    name: str
    address: str
    kind: str
    source: str

    @property
    def siren(self) -> str:
        return self.siret[:9]

    @staticmethod
    def by_hand(siret: str, name: str, address: str, kind: str = "private") -> Candidate:
        """A structure no directory knows, described by the user (its SIRET still checked)."""
        checked = check_siret(siret)
        if kind not in KINDS:
            raise StructureRefused("TYPE", f"type {kind!r}: expected one of {', '.join(KINDS)}")
        if not name.strip():
            raise StructureRefused("NOM", "a structure entered by hand needs its name")
        return Candidate(checked, name.strip(), address.strip(), kind, "entered by hand")


def check_siret(value: str) -> str:
    """``value`` as 14 digits when its check digits are right, else ``StructureRefused``."""
    siret = value.replace(" ", "").replace(".", "")
    error = siret_error(siret)
    if error is not None:
        raise StructureRefused("SIRET_INVALIDE", f"SIRET {value!r} is invalid: "
                                                 f"{why(error)['why_en']}")
    return siret


def find(path: Path, value: str) -> Candidate:
    """The structure of SIRET ``value`` from the directories held in the store at
    ``path``; ``StructureRefused`` when invalid, unknown or closed."""
    siret = check_siret(value)
    if not path.exists():
        raise StructureRefused("SIRET_INCONNU", f"SIRET {siret} cannot be looked up: no "
                               f"directory at {path} (run `edi directory import`), or "
                               "enter the structure by hand (--name, --address)")
    conn = store.connect_ro(path)
    try:
        row = conn.execute("SELECT name, active, extra FROM structures WHERE identifier = ?"
                           " AND id_type = 'SIRET'", (siret,)).fetchone()
        imported = dict(conn.execute("SELECT key, value FROM meta")).get(
            "directory_imported_at", "never")
        count = conn.execute("SELECT count(*) FROM structures").fetchone()[0]
    finally:
        conn.close()
    if row is None:
        raise StructureRefused("SIRET_INCONNU", f"SIRET {siret} is unknown: not among the "
                               f"{count} structures of the Chorus Pro directory imported "
                               f"{imported}; a private company absent from it can be "
                               "entered by hand (--name, --address)")
    name, active, extra = row
    if not active:
        raise StructureRefused("SIRET_FERME", f"SIRET {siret} ({name}) is closed: "
                               "StructureActive is false in the Chorus Pro directory "
                               f"imported {imported}")
    return Candidate(siret, name, address_of(json.loads(extra)), "public",
                     f"Chorus Pro directory imported {imported}")


def address_of(extra: dict[str, str]) -> str:
    """One line from the export's address columns: street, complements, postcode town,
    country."""
    street = ", ".join(extra[c] for c in ADDRESS_COLUMNS if extra.get(c))
    town = " ".join(extra[c] for c in ("CodePostal", "Ville") if extra.get(c))
    country = extra.get("LibellePays") or extra.get("CodePays") or ""
    return ", ".join(part for part in (street, town, country) if part)


def register(path: Path, candidate: Candidate) -> str:
    """Keep ``candidate`` as a depositing structure (again: its record is refreshed);
    returns when it was registered."""
    when = datetime.now(UTC).isoformat(timespec="seconds")

    def change(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT OR REPLACE INTO depositors VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (candidate.siret, candidate.siren, candidate.name, candidate.address,
                      candidate.kind, candidate.source, when))

    store.rewrite(path, change)
    return when


def remove(path: Path, siret: str) -> bool:
    """Forget a depositing structure; whether it was registered."""
    found: list[int] = []

    def change(conn: sqlite3.Connection) -> None:
        found.append(conn.execute("DELETE FROM depositors WHERE siret = ?",
                                  (siret,)).rowcount)

    store.rewrite(path, change)
    return bool(found and found[0])
