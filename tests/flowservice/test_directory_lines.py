"""Directory lines through a real ``edi flow-service``: imported by ``edi directory
import-lines``, answered by GET /v1/directory-line/code:{id} and POST
/v1/directory-line/search as the description's schemas say; 501 while none is held."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from edi.flowservice.spec import DIRECTORY_SERVICE
from tests.conftest import REPO
from tests.directory.test_import import export, write
from tests.directory.test_lines import LINES, SIREN, SIRET
from tests.flowservice.conftest import TOKEN, Instance, make_instance
from tests.flowservice.directory_lines_hooks import mend
from tests.validators.sample_invoices import siret

JSON = {"Content-Type": "application/json"}
PUBLIC = siret(20000001)   # the second structure of the generated export


def _valid(value: object, schema: str) -> None:
    """``value`` against a schema of the description we ship (its own $refs), its
    status lengths mended (``directory_lines_hooks``)."""
    import jsonschema_rs

    doc = json.loads(DIRECTORY_SERVICE.read_text())
    assert mend(doc) == ["directoryLineStatus", "uniqueDirectoryLineStatus"]
    root = {"$ref": f"#/components/schemas/{schema}", "components": doc["components"]}
    errors = [str(e) for e in jsonschema_rs.validator_for(root).iter_errors(value)]
    assert errors == [], errors


def _edi(inst: Instance, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "edi.cli", *args], cwd=inst.root, check=True,
                   capture_output=True, timeout=120)


@pytest.fixture
def served(instances: list[Instance], tmp_path: Path) -> Instance:
    inst = make_instance(instances, tmp_path / "edi")
    inst.configure()
    structures = write(tmp_path / "annuaire.csv", export("true", "false"))
    public_line = {"siren": PUBLIC[:9], "siret": PUBLIC, "platformType": "DFH",
                   "platformId": "0000", "platformName": "PPF",
                   "effectiveDate": "2026-01-01"}
    lines = write(tmp_path / "lines.json", json.dumps([*LINES, public_line]))
    _edi(inst, "directory", "import", str(structures))
    _edi(inst, "directory", "import-lines", str(lines))
    inst.start()
    return inst


def search(inst: Instance, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    r = inst.client().call("POST", "/directory-service/v1/directory-line/search",
                           json.dumps(body).encode(), JSON)
    return r.status, r.json()


def test_a_line_is_answered_with_its_platform_and_status(served: Instance) -> None:
    client = served.client()
    r = client.call("GET", f"/directory-service/v1/directory-line/code:{SIREN}")
    assert r.status == 200, r.body
    line = r.json()
    _valid(line, "directoryLinePayloadLegalUnitFacilityRoutingCode")
    assert (line["siren"], line["platformType"], line["platformId"],
            line["platformName"]) == (SIREN, "WK", "0042", "PA Exemple")
    assert line["directoryLineStatus"] in ("Enabled", "Disabled")
    public = client.call("GET", f"/directory-service/v1/directory-line/code:"
                                f"{PUBLIC[:9]}_{PUBLIC}?include=siren,siret").json()
    _valid(public, "directoryLinePayloadLegalUnitFacilityRoutingCode")
    assert public["facility"]["siret"] == PUBLIC   # from the Chorus Pro structures
    assert public["legalUnit"]["entityType"] == "Public"
    only = client.call("GET", f"/directory-service/v1/directory-line/code:{SIREN}"
                              "?fields=siren,addressingIdentifier").json()
    assert only == {"siren": SIREN, "addressingIdentifier": SIREN}
    assert client.call("GET", "/directory-service/v1/directory-line/code:nope"
                       ).status == 404
    assert client.call("GET", f"/directory-service/v1/directory-line/code:{SIREN}"
                              "?include=everything").status == 400
    assert served.client(token="wrong").call(
        "GET", f"/directory-service/v1/directory-line/code:{SIREN}").status == 401


def test_the_search_filters_sorts_pages_and_conforms(served: Instance) -> None:
    status, body = search(served, {"filters": {"siren": {"op": "strict", "value": SIREN}},
                                   "sorting": [{"field": "addressingIdentifier",
                                                "order": "descending"}]})
    assert status == 200, body
    _valid(body, "directoryLineSearchPost200Response")
    assert body["totalNumberOfResults"] == 2
    assert [x["addressingIdentifier"] for x in body["results"]] == \
        [f"{SIREN}_{SIRET}_SERV-1", SIREN]
    status, body = search(served, {"filters": {"routingIdentifier": {"op": "contains",
                                                                     "value": "serv"}}})
    assert status == 200 and [x["siret"] for x in body["results"]] == [SIRET]
    status, body = search(served, {"limit": 1, "ignore": 1})
    assert body["totalNumberOfResults"] == 4 and len(body["results"]) == 1
    status, body = search(served, {"filters": {"addressingSuffix": {"op": "strict",
                                                                    "value": "FACTURES"}}})
    assert [x["directoryLineStatus"] for x in body["results"]] == ["Upcoming"]
    assert search(served, {"filters": {"siren": {"op": "contains", "value": "5"}}}
                  )[0] == 400
    assert search(served, {"filters": {"platformId": {"op": "strict", "value": "1"}}}
                  )[0] == 400


def test_no_lines_held_is_still_501(instances: list[Instance], tmp_path: Path) -> None:
    inst = make_instance(instances, tmp_path / "bare")
    inst.configure()
    _edi(inst, "directory", "import", str(write(tmp_path / "a.csv",
                                                export("true", "false"))))
    inst.start()
    assert search(inst, {})[0] == 501
    assert inst.client().call("GET", f"/directory-service/v1/directory-line/code:{SIREN}"
                              ).status == 501


def test_lines_are_imported_from_a_remote_directory_service_through_a_cache(
        served: Instance, tmp_path: Path) -> None:
    from edi.directory.lines import load_index

    local = tmp_path / "local"
    local.mkdir()
    (local / "edi.toml").write_text('[chorus]\ndirectory = "var/directory.sqlite"\n')
    remote = f"{served.url}/directory-service"

    def run(*args: str, token: str = TOKEN) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "edi.cli", "directory", "import-lines",
                               "--from", remote, *args], cwd=local, capture_output=True,
                              text=True, timeout=120,
                              env={**os.environ, "EDI_DIRECTORY_TOKEN": token})

    first = run()
    assert first.returncode == 0, first.stderr
    assert "4 lines fetched" in first.stdout
    store = local / "var" / "directory.sqlite"
    index = load_index(store)
    assert index.count == 4 and {x.platform_id for x in index.by_siren[SIREN]} == \
        {"0042", "0043"}
    cache = local / "var" / "directory.sqlite.lines.json"
    assert json.loads(cache.read_text())["totalNumberOfResults"] == 4
    young = run("--max-age", "3600")
    assert young.returncode == 0 and "cache younger than 3600 s" in young.stdout
    refused = run(token="wrong")
    assert refused.returncode != 0 and "HTTP 401" in refused.stderr
    assert "unchanged" in refused.stderr and load_index(store).count == 4
    served.stop()
    down = run()
    assert down.returncode == 0, down.stderr
    assert "cannot be reached" in down.stdout and "cached copy" in down.stdout
    cache.unlink()
    nothing = run()
    assert nothing.returncode != 0 and "no cached copy" in nothing.stderr


def test_the_remote_lines_are_fetched_page_by_page(served: Instance, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from edi.directory import lines

    monkeypatch.setattr(lines, "PAGE", 3)   # 4 lines: two pages
    fetched = lines.fetch_lines(f"{served.url}/directory-service", tmp_path / "c.json",
                                token=TOKEN)
    assert fetched.fresh and fetched.lines == 4
    found, _ = lines.read_lines(fetched.cache)
    assert len({x.addressing_identifier for x in found}) == 4


LINE_CHECKS = """
[[operations]]
include-operation-id = "searchDirectoryLine"
checks.positive_data_acceptance.enabled = false
"""


@pytest.mark.slow
def test_the_line_operations_conform_to_the_description(served: Instance,
                                                        tmp_path: Path) -> None:
    """schemathesis on the two directory-line operations, every response validated
    against the description we ship (positive data acceptance off for the search: a
    filter value the schema allows but a filter operator does not, e.g. ``siren``
    ``contains``, is a 400; the statuses' impossible maxLength mended)."""
    from tests.web.test_openapi import schemathesis_cli

    (tmp_path / "schemathesis.toml").write_text(LINE_CHECKS, encoding="utf-8")
    run = subprocess.run(
        [schemathesis_cli(), "--config-file", str(tmp_path / "schemathesis.toml"), "run",
         str(DIRECTORY_SERVICE), "--url", f"{served.url}/directory-service",
         "-H", f"Authorization: Bearer {TOKEN}", "--include-operation-id",
         "searchDirectoryLine", "--include-operation-id", "getDirectoryLineById",
         "--max-examples", "30", "--workers", "1", "--seed", "1"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1",
             "SCHEMATHESIS_HOOKS": "tests.flowservice.directory_lines_hooks",
             "PYTHONPATH": str(REPO)})
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
