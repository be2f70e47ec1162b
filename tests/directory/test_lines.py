"""The reform's directory lines imported into the directory store, from JSON in the
Directory Service's shape and from CSV: what is kept, what is refused (with its line)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from edi.commands import directory as directory_cmd
from edi.directory import DirectoryError, import_directory, load
from edi.directory.lines import cached_index, import_lines, load_index, read_lines
from tests.directory.test_import import B, export, write

SIREN = "552100554"
SIRET = "55210055400013"
LINES = [
    {"addressingIdentifier": SIREN, "siren": SIREN, "platformType": "WK",
     "platformId": "0042", "platformName": "PA Exemple", "effectiveDate": "2026-09-01"},
    {"siren": SIREN, "siret": SIRET, "routingIdentifier": "SERV-1", "platformType": "WK",
     "platformId": "0043", "effectiveDate": "2026-01-01", "endDate": "2027-01-01"},
    {"siren": "130005481", "addressingSuffix": "FACTURES", "platformType": "DFH",
     "platformId": "PPF", "effectiveDate": "2030-01-01"},
]
CSV = ("siren;siret;routingIdentifier;addressingSuffix;platformType;platformId;platformName;"
       "effectiveDate;endDate\n"
       f"{SIREN};;;;WK;0042;PA Exemple;2026-09-01;\n"
       f"{SIREN};{SIRET};SERV-1;;WK;0043;;2026-01-01;2027-01-01\n"
       "130005481;;;FACTURES;DFH;PPF;;2030-01-01;\n")


def test_json_and_csv_give_the_same_lines(tmp_path: Path) -> None:
    from_json, shape_j = read_lines(write(tmp_path / "l.json", json.dumps(LINES, indent=2)))
    from_csv, shape_c = read_lines(write(tmp_path / "l.csv", CSV))
    assert (shape_j, shape_c) == ("json", "csv")
    assert from_json == from_csv
    route = from_json[1]
    assert route.addressing_identifier == f"{SIREN}_{SIRET}_SERV-1"   # composed when absent
    assert (route.platform_id, route.effective, route.end) == ("0043", "2026-01-01",
                                                               "2027-01-01")
    assert from_json[2].addressing_identifier == "130005481_FACTURES"
    assert route.status(date(2026, 6, 1)) == "Enabled"
    assert route.status(date(2027, 1, 1)) == "Disabled"
    assert from_json[2].status(date(2026, 6, 1)) == "Upcoming"


def test_a_search_answer_of_the_directory_service_is_read_as_well(tmp_path: Path) -> None:
    answer = {"search": {}, "totalNumberOfResults": 3, "results": LINES}
    lines, _ = read_lines(write(tmp_path / "answer.json", json.dumps(answer)))
    assert [x.siren for x in lines] == [SIREN, SIREN, "130005481"]


@pytest.mark.parametrize("change,line,expected", [
    ({"siren": "55210055"}, 3, "siren '55210055': expected 9 digits"),
    ({"siret": "12345678900013"}, 3, "is not under siren"),
    ({"platformType": "XX"}, 3, "platformType 'XX': expected WK"),
    ({"platformId": None}, 3, "no platformId"),
    ({"effectiveDate": "01/09/2026"}, 3, "expected a date YYYY-MM-DD"),
    ({"endDate": "2020-01-01"}, 3, "is not after effectiveDate"),
    ({"routingIdentifier": "bad code"}, 3, "routingIdentifier 'bad code'"),
    ({"addressingSuffix": "X", "siret": SIRET}, 3, "a suffix addresses the SIREN alone"),
])
def test_a_bad_line_refuses_the_file_with_its_line_and_reason(
        tmp_path: Path, change: dict[str, object], line: int, expected: str) -> None:
    store = tmp_path / "d.sqlite"
    import_lines(store, write(tmp_path / "good.json", json.dumps(LINES)))
    second = {**LINES[1], **change}
    bad = [LINES[0], {k: v for k, v in second.items() if v is not None}]
    # one object per line after the opening bracket: the second line is the file's line 3
    text = "[\n" + ",\n".join(json.dumps(x) for x in bad) + "\n]\n"
    with pytest.raises(DirectoryError) as caught:
        import_lines(store, write(tmp_path / "bad.json", text))
    assert caught.value.line == line and expected in caught.value.message
    assert len(load_index(store).by_siren[SIREN]) == 2   # the lines in force are kept


def test_csv_errors_carry_the_csv_line(tmp_path: Path) -> None:
    bad = CSV + f"{SIREN};{SIRET};SERV-1;;WK;0044;;2026-01-01;\n"   # line 5: a duplicate
    with pytest.raises(DirectoryError) as caught:
        read_lines(write(tmp_path / "l.csv", bad))
    assert caught.value.line == 5 and "again (first at line 3)" in caught.value.message
    with pytest.raises(DirectoryError) as header:
        read_lines(write(tmp_path / "h.csv", "siren;platform\n552100554;X\n"))
    assert header.value.line == 1 and "platform" in header.value.message


def test_lines_and_structures_share_the_store_without_dropping_each_other(
        tmp_path: Path) -> None:
    store = tmp_path / "d.sqlite"
    import_lines(store, write(tmp_path / "l.csv", CSV))
    import_directory(store, write(tmp_path / "annuaire.csv", export("true", "false")))
    assert B in load(store).structures
    index = load_index(store)
    assert index.loaded and len(index.by_siren[SIREN]) == 2
    in_force = index.for_buyer(SIRET, None, date(2026, 10, 1))
    assert [x.platform_id for x in in_force] == ["0043"]   # the SIRET's own line first
    assert [x.platform_id for x in index.for_buyer(f"{SIREN}00021", None,
                                                   date(2026, 10, 1))] == ["0042"]
    assert index.for_buyer(None, "130005481", date(2031, 1, 1)) == []   # suffix only
    assert cached_index(store, 0).loaded


def test_a_store_written_before_lines_is_read_as_holding_none(tmp_path: Path) -> None:
    store = tmp_path / "old.sqlite"
    conn = sqlite3.connect(store)
    conn.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                       "INSERT INTO meta VALUES ('directory_imported_at', 'then');")
    conn.close()
    assert not load_index(store).loaded
    import_lines(store, write(tmp_path / "l.json", json.dumps(LINES)))   # and upgraded
    assert load_index(store).loaded and load(store).meta["directory_imported_at"] == "then"


def test_the_command_imports_and_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "edi.toml").write_text('[chorus]\ndirectory = "d.sqlite"\n')
    runner = CliRunner()
    good = write(tmp_path / "l.csv", CSV)
    done = runner.invoke(directory_cmd.command, ["import-lines", str(good)])
    assert done.exit_code == 0, done.output
    assert "3 lines (csv)" in done.output
    bad = write(tmp_path / "bad.csv", CSV + "123;;;;WK;1;;2026-01-01;\n")
    refused = runner.invoke(directory_cmd.command, ["import-lines", str(bad)])
    assert refused.exit_code != 0
    assert "bad.csv, line 5: siren '123': expected 9 digits" in refused.output
    assert "unchanged" in refused.output
