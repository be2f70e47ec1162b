"""`edi structures`: a depositing structure from its SIRET, as the portal registers it,
and its bank details as a RIB printed and written as a PDF."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pikepdf
import pypdf
import pytest
from click.testing import CliRunner, Result

from edi.commands import accounts as accounts_cmd
from edi.commands import structures as structures_cmd
from edi.config import Settings
from edi.directory import import_directory, load
from edi.directory import store as store_mod
from edi.directory.depositors import Candidate, StructureRefused, find, register
from tests.conftest import require_shared

LYON = "01889575552182"        # UNIVERSITE DE LYON 0, 78 RUE DE LA MAIRIE, 69002 LYON
CLOSED = "26545380307466"      # DIRECTION REGIONALE DE NANTES 7, StructureActive false
LA_POSTE = "35600000049837"    # La Poste: digits summing to a multiple of 5, not Luhn
PRIVATE = "55210055400013"     # a valid SIRET no directory of ours knows
RIB = "30004 00031 00012345678 65"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = require_shared("directory")
    import_directory(tmp_path / "var" / "directory.sqlite",
                     folder / "annuaire-structures.csv", folder / "annuaire-services.csv")
    return tmp_path


def run(site: Path, command: object, *args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(command, list(args), input=stdin,  # type: ignore[arg-type]
                              obj={"settings": Settings(base_dir=site)})


def test_add_fills_in_name_address_and_type_and_asks(site: Path) -> None:
    declined = run(site, structures_cmd.command, "add", LYON, stdin="n\n")
    assert declined.exit_code == 1
    assert "UNIVERSITE DE LYON 0" in declined.output
    assert "78 RUE DE LA MAIRIE, 69002 LYON, France" in declined.output
    assert "public" in declined.output and "Register this structure?" in declined.output
    assert load(site / "var" / "directory.sqlite").depositors == {}

    accepted = run(site, structures_cmd.command, "add", LYON, stdin="y\n")
    assert accepted.exit_code == 0, accepted.output
    d = load(site / "var" / "directory.sqlite")
    s = d.depositors[LYON]
    assert (s.name, s.address, s.kind, s.siren) == (
        "UNIVERSITE DE LYON 0", "78 RUE DE LA MAIRIE, 69002 LYON, France", "public",
        LYON[:9])
    assert len(d.structures) == 1500   # the directory itself is untouched


@pytest.mark.parametrize(("siret", "code", "says"), [
    ("01889575552183", "SIRET_INVALIDE", "wrong check digits"),
    ("0188957555218", "SIRET_INVALIDE", "invalid"),
    (CLOSED, "SIRET_FERME", "DIRECTION REGIONALE DE NANTES 7) is closed: StructureActive "
                            "is false"),
    (PRIVATE, "SIRET_INCONNU", "not among the 1500 structures of the Chorus Pro directory"),
    # La Poste's own rule: stdnum accepts it (not Luhn), so it is unknown, not invalid
    (LA_POSTE, "SIRET_INCONNU", "is unknown"),
    ("35600000049838", "SIRET_INVALIDE", "wrong check digits"),
])
def test_a_siret_that_cannot_be_registered_says_why(site: Path, siret: str, code: str,
                                                     says: str) -> None:
    with pytest.raises(StructureRefused) as caught:
        find(site / "var" / "directory.sqlite", siret)
    assert caught.value.code == code
    assert says in caught.value.message
    refused = run(site, structures_cmd.command, "add", siret, "--yes")
    assert refused.exit_code == 1
    assert says in refused.output and "No structure was registered" in refused.output


def test_la_poste_luhn_would_refuse_what_stdnum_accepts() -> None:
    from stdnum import luhn

    assert not luhn.is_valid(LA_POSTE)
    assert sum(map(int, LA_POSTE)) % 5 == 0


def test_a_private_company_entered_by_hand(site: Path) -> None:
    added = run(site, structures_cmd.command, "add", PRIVATE, "--name", "Fonderie SA",
                "--address", "1 rue des Forges, 69007 Lyon", "--yes")
    assert added.exit_code == 0, added.output
    s = load(site / "var" / "directory.sqlite").depositors[PRIVATE]
    assert (s.kind, s.source) == ("private", "entered by hand")
    bad = run(site, structures_cmd.command, "add", "55210055400014", "--name", "X", "--yes")
    assert bad.exit_code == 1 and "wrong check digits" in bad.output


def test_list_and_show(site: Path) -> None:
    assert "No structure registered" in run(site, structures_cmd.command, "list").output
    run(site, structures_cmd.command, "add", LYON, "--yes")
    run(site, accounts_cmd.command, "add", LYON, *RIB.split(), "--bic", "BNPAFRPP")
    listed = json.loads(run(site, structures_cmd.command, "list", "--json").output)
    assert [(r["siret"], r["accounts"]) for r in listed] == [(LYON, 1)]
    shown = json.loads(run(site, structures_cmd.command, "show", LYON, "--json").output)
    assert shown["accounts"] == [{"iban": "FR7630004000310001234567865", "bic": "BNPAFRPP",
                                  "rib": RIB}]
    unknown = run(site, structures_cmd.command, "show", PRIVATE)
    assert unknown.exit_code == 1 and "not a registered structure" in unknown.output


def test_rib_is_printed_and_written_as_a_pdf(site: Path) -> None:
    run(site, structures_cmd.command, "add", LYON, "--yes")
    none_yet = run(site, structures_cmd.command, "rib", LYON)
    assert none_yet.exit_code == 1 and "no bank account declared" in none_yet.output
    run(site, accounts_cmd.command, "add", LYON, RIB.replace(" ", ""), "--bic", "BNPAFRPP")
    pdf = site / "rib.pdf"
    printed = run(site, structures_cmd.command, "rib", LYON, "--output", str(pdf))
    assert printed.exit_code == 0, printed.output
    assert f"RIB : {RIB}" in printed.output
    assert "IBAN : FR76 3000 4000 3100 0123 4567 865" in printed.output
    text = pypdf.PdfReader(pdf).pages[0].extract_text()
    for expected in ("Relevé d'identité bancaire", "UNIVERSITE DE LYON 0", LYON, RIB,
                     "FR76 3000 4000 3100 0123 4567 865", "BNPAFRPP", "Clé RIB"):
        assert expected in text, (expected, text)
    with pikepdf.open(pdf) as opened:    # qpdf finds the file sound
        assert len(opened.pages) == 1
        assert opened.check_pdf_syntax() == []


def test_a_store_written_before_structures_existed_is_read_and_extended(
        tmp_path: Path) -> None:
    path = tmp_path / "directory.sqlite"
    old_schema = store_mod.SCHEMA.split("CREATE TABLE depositors")[0]
    conn = sqlite3.connect(path)
    conn.executescript(old_schema)
    conn.execute("INSERT INTO accounts VALUES ('55210055400013', 'FR7630004000310001234567865',"
                 " NULL)")
    conn.commit()
    conn.close()
    assert load(path).depositors == {}
    register(path, Candidate.by_hand(PRIVATE, "Fonderie SA", "Lyon"))
    d = load(path)
    assert list(d.depositors) == [PRIVATE] and PRIVATE in d.accounts
