"""Directory imports on generated files with every variant real exports come in, and on
the shared sample export."""

from __future__ import annotations

import codecs
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from edi.commands import directory as directory_cmd
from edi.config import Settings
from edi.directory import DirectoryError, import_directory, load
from tests.conftest import require_shared
from tests.validators.sample_invoices import siret

HEADER = ("TypeIdentifiant;Identifiant;RaisonSociale;EmetteurEdi;RecepteurEdi;"
          "GestionStatutMiseEnPaiement;GestionEngagement;GestionService;"
          "GestionServiceEngagement;EstMOA;EstMOAUniquement;StructureActive;CodePostal")
A = siret(1234567)          # starts with a zero: "0123456..." — a spreadsheet's victim
B = siret(20000001)
BOOLEANS = {"true/false": ("true", "false"), "oui/non": ("oui", "non"),
            "O/N": ("O", "N"), "1/0": ("1", "0"), "TRUE/False": ("TRUE", "False")}


def export(yes: str, no: str, a: str = A) -> str:
    rows = [HEADER,
            f"SIRET;{a};MAIRIE D'ÉVREUX;{no};{no};{yes};{yes};{no};{no};{no};{no};{yes};27000",
            f"SIRET;{B};CENTRE HOSPITALIER;{no};{no};{no};{no};{yes};{no};{no};{no};{no};75000"]
    return "\n".join(rows) + "\n"


def write(path: Path, text: str, encoding: str = "utf-8", bom: bool = False,
          crlf: bool = False) -> Path:
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding)
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)
    return path


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True),
                                          ("cp1252", False)])
@pytest.mark.parametrize("crlf", [False, True])
@pytest.mark.parametrize("booleans", BOOLEANS)
def test_every_variant_reads_the_same(tmp_path: Path, encoding: str, bom: bool, crlf: bool,
                                      booleans: str) -> None:
    file = write(tmp_path / "annuaire.csv", export(*BOOLEANS[booleans]), encoding, bom, crlf)
    report = import_directory(tmp_path / "d.sqlite", file)
    assert report.structures == 2
    assert report.encoding == ("utf-8-sig" if bom else encoding)
    d = load(tmp_path / "d.sqlite")
    a, b = d.structures[A], d.structures[B]
    assert a.name == "MAIRIE D'ÉVREUX"
    assert (a.gestion_statut_mep, a.gestion_engagement, a.gestion_service, a.active) == \
        (True, True, False, True)
    assert (b.gestion_engagement, b.gestion_service, b.active) == (False, True, False)


def test_leading_zeros_are_restored_and_counted(tmp_path: Path) -> None:
    stripped = A.lstrip("0")
    assert len(stripped) == 13
    file = write(tmp_path / "annuaire.csv", export("true", "false", a=stripped))
    services = write(tmp_path / "services.csv",
                     "IdentifiantStructure;CodeService;LibelleService;ServiceActif;"
                     f"GestionEngagement\n{stripped};SVC1;COMPTA;oui;non\n{B};SVC2;RH;1;0\n")
    report = import_directory(tmp_path / "d.sqlite", file, services)
    assert report.zeros.restored == 1 and report.zeros.lines == [2]
    assert report.service_zeros.restored == 1
    d = load(tmp_path / "d.sqlite")
    assert A in d.structures and d.services[A]["SVC1"].active
    assert not d.services[B]["SVC2"].engagement_required


@pytest.mark.parametrize("broken,line,words", [
    ("SIRET;{b};X;false;false;false;peut-etre;false;false;false;false;true;1", 3, "boolean"),
    ("SIRET;{b};X;false;false", 3, "fields"),
    ("SIRET;2.03301E+13;X;false;false;false;false;false;false;false;false;true;1", 3,
     "SIRET"),
    ("SIRET;{a};X;false;false;false;false;false;false;false;false;true;1", 3, "already"),
])
def test_a_broken_file_names_its_line_and_leaves_the_directory_in_force(
        tmp_path: Path, broken: str, line: int, words: str) -> None:
    store = tmp_path / "d.sqlite"
    import_directory(store, write(tmp_path / "good.csv", export("true", "false")))
    before = store.stat().st_ino
    text = export("true", "false").splitlines()
    text[2] = broken.format(a=A, b=B)
    with pytest.raises(DirectoryError) as caught:
        import_directory(store, write(tmp_path / "bad.csv", "\n".join(text) + "\n"))
    assert caught.value.line == line and words in caught.value.message
    assert store.stat().st_ino == before
    assert set(load(store).structures) == {A, B}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_missing_column_is_reported_on_the_header(tmp_path: Path) -> None:
    bad = export("true", "false").replace("StructureActive", "Active")
    with pytest.raises(DirectoryError) as caught:
        import_directory(tmp_path / "d.sqlite", write(tmp_path / "x.csv", bad))
    assert caught.value.line == 1 and "StructureActive" in caught.value.message


def test_reimport_replaces_atomically_and_keeps_orders(tmp_path: Path) -> None:
    from edi.directory import import_orders

    store = tmp_path / "d.sqlite"
    import_directory(store, write(tmp_path / "a.csv", export("true", "false")))
    write(tmp_path / "o.csv", f"{A};EJ-1;412345670;10;ouvert\n")
    import_orders(store, [tmp_path / "o.csv"])
    old = load(store)
    replacement = HEADER + "\n" + \
        f"SIRET;{B};NOUVEAU NOM;0;0;0;0;0;0;0;0;1;75000\n"
    import_directory(store, write(tmp_path / "b.csv", replacement))
    new = load(store)
    assert set(new.structures) == {B} and new.structures[B].name == "NOUVEAU NOM"
    assert set(old.structures) == {A, B}          # what a reader held stays whole
    assert new.engagements[A]["EJ-1"].open        # other tables carried over


def test_shared_sample_export(tmp_path: Path) -> None:
    folder = require_shared("directory")
    report = import_directory(tmp_path / "d.sqlite", folder / "annuaire-structures.csv",
                              folder / "annuaire-services.csv")
    assert (report.structures, report.services) == (1500, 1907)
    assert report.orphan_services == 0
    d = load(tmp_path / "d.sqlite")
    assert d.structures["22605818858938"].gestion_engagement
    assert set(d.services["22605818858938"]) == {"SVC00030", "SVC00031"}


def cli(tmp_path: Path, *args: str):
    settings = Settings(base_dir=tmp_path, raw=types.MappingProxyType({}))
    return CliRunner().invoke(directory_cmd.command, list(args), obj={"settings": settings})


def test_cli_import_and_show_on_the_shared_sample(tmp_path: Path) -> None:
    folder = require_shared("directory")
    result = cli(tmp_path, "import", str(folder / "annuaire-structures.csv"),
                 "--services", str(folder / "annuaire-services.csv"))
    assert result.exit_code == 0, result.output
    assert "1500 structures, 1907 services" in result.output
    assert (tmp_path / "var" / "directory.sqlite").exists()
    shown = cli(tmp_path, "show", "22605818858938")
    assert shown.exit_code == 0, shown.output
    assert "COMMUNE DE NANTES 3" in shown.output and "SVC00031" in shown.output
    assert "GestionEngagement            yes" in shown.output
    assert cli(tmp_path, "show", "12345678901234").exit_code == 1


def test_cli_reports_the_broken_line_and_the_restored_zeros(tmp_path: Path) -> None:
    good = write(tmp_path / "a.csv", export("oui", "non", a=A.lstrip("0")), "cp1252",
                 crlf=True)
    result = cli(tmp_path, "import", str(good))
    assert result.exit_code == 0, result.output
    assert "Leading zeros restored on 1 SIRET" in result.output
    text = export("true", "false").replace(";27000", ";27000;extra")
    result = cli(tmp_path, "import", str(write(tmp_path / "b.csv", text)))
    assert result.exit_code == 1
    assert "line 2" in result.output and "unchanged" in result.output
