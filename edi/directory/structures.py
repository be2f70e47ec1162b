"""Import of Chorus Pro's "annuaire des structures" export and its services file."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from edi.directory import store
from edi.directory.csvfile import DirectoryError, Zeros, boolean, decode, rows

FLAGS = {  # export column -> store column
    "EmetteurEdi": "emetteur_edi",
    "RecepteurEdi": "recepteur_edi",
    "GestionStatutMiseEnPaiement": "gestion_statut_mep",
    "GestionEngagement": "gestion_engagement",
    "GestionService": "gestion_service",
    "GestionServiceEngagement": "gestion_service_engagement",
    "EstMOA": "est_moa",
    "EstMOAUniquement": "est_moa_uniquement",
    "StructureActive": "active",
}
STRUCTURE_COLUMNS = ("Identifiant", "RaisonSociale", "GestionEngagement", "GestionService",
                     "GestionServiceEngagement", "StructureActive")
SERVICE_COLUMNS = ("IdentifiantStructure", "CodeService", "ServiceActif")


@dataclass
class DirectoryImport:
    """What an import did, for the command's output and the layer's scenario note."""

    structures: int = 0
    services: int = 0
    encoding: str = ""
    services_encoding: str = ""
    zeros: Zeros = field(default_factory=Zeros)
    service_zeros: Zeros = field(default_factory=Zeros)
    orphan_services: int = 0           # services of a structure absent from the file
    seconds: float = 0.0
    imported_at: str = ""


def import_directory(path: Path, structures_file: Path,
                     services_file: Path | None = None) -> DirectoryImport:
    """Replace the directory (structures and services) in the store at ``path``.

    Everything is parsed before the store is touched: a broken line raises
    ``DirectoryError`` and the previous directory stays in force.
    """
    started = time.perf_counter()
    report = DirectoryImport()
    structures = _structures(structures_file, report)
    services = _services(services_file, report, structures) if services_file else []
    report.imported_at = datetime.now(UTC).isoformat(timespec="seconds")

    def change(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM structures")
        conn.execute("DELETE FROM services")
        conn.executemany(f"INSERT INTO structures VALUES ({','.join('?' * 13)})",
                         structures.values())
        conn.executemany("INSERT INTO services VALUES (?, ?, ?, ?, ?)", services)
        store.set_meta(conn, directory_imported_at=report.imported_at,
                       directory_file=structures_file.name,
                       directory_structures=report.structures,
                       directory_services=report.services,
                       directory_zeros_restored=report.zeros.restored)

    store.rewrite(path, change)
    report.seconds = time.perf_counter() - started
    return report


def _structures(file: Path, report: DirectoryImport) -> dict[str, tuple]:
    name = file.name
    text, report.encoding = decode(_read(file), name)
    header, records = rows(text, name, STRUCTURE_COLUMNS)
    known = set(FLAGS) | {"TypeIdentifiant", "Identifiant", "RaisonSociale"}
    extra_columns = [h for h in header if h not in known]
    out: dict[str, tuple] = {}
    first_line: dict[str, int] = {}
    for line, rec in records:
        id_type = (rec.get("TypeIdentifiant") or "SIRET").strip().upper()
        raw = rec["Identifiant"]
        if id_type == "SIRET":
            ident = report.zeros.restore(raw, 14, line)
            if not ident.isdigit() or len(ident) != 14:
                raise DirectoryError(name, line, f"Identifiant {raw!r} is not a SIRET "
                                     "(14 digits)")
        else:
            ident = raw.strip()
            if not ident:
                raise DirectoryError(name, line, "Identifiant is empty")
        if ident in first_line:
            raise DirectoryError(name, line, f"{id_type} {ident} already on line "
                                 f"{first_line[ident]}")
        first_line[ident] = line
        flags = [boolean(rec[col], name, line, col) if col in rec else False
                 for col in FLAGS]
        extra = {c: rec[c].strip() for c in extra_columns if rec[c].strip()}
        out[ident] = (ident, id_type, rec["RaisonSociale"].strip(), *flags,
                      json.dumps(extra, ensure_ascii=False))
    report.structures = len(out)
    return out


def _services(file: Path, report: DirectoryImport,
              structures: dict[str, tuple]) -> list[tuple]:
    name = file.name
    text, report.services_encoding = decode(_read(file), name)
    _, records = rows(text, name, SERVICE_COLUMNS)
    out: dict[tuple[str, str], tuple] = {}
    first_line: dict[tuple[str, str], int] = {}
    for line, rec in records:
        ident = report.service_zeros.restore(rec["IdentifiantStructure"], 14, line)
        code = rec["CodeService"].strip()
        if not code:
            raise DirectoryError(name, line, "CodeService is empty")
        if ident not in structures:
            report.orphan_services += 1
            continue
        key = (ident, code)
        if key in first_line:
            raise DirectoryError(name, line, f"service {code} of {ident} already on line "
                                 f"{first_line[key]}")
        first_line[key] = line
        active = boolean(rec["ServiceActif"], name, line, "ServiceActif")
        engagement = (boolean(rec["GestionEngagement"], name, line, "GestionEngagement")
                      if "GestionEngagement" in rec else False)
        out[key] = (ident, code, (rec.get("LibelleService") or "").strip(), active,
                    engagement)
    report.services = len(out)
    return list(out.values())


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise DirectoryError(file.name, None, f"cannot read: {exc.strerror}") from exc
