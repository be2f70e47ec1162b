"""The Directory Service, read-only, from the Chorus Pro directory we hold: a facility, its
legal unit and its services as routing codes, answered as the official description says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_shared
from tests.flowservice.conftest import TOKEN, Instance, make_instance
from tests.flowservice.test_conformance import schemathesis_cli

# The operations we answer 501 Not Implemented (documented) are no server error; the
# healthcheck requires a bearer token but documents no 401.
CHECKS = """
[[operations]]
include-operation-id = ["searchCompanyBySiren", "searchFacilityBySiret", "searchRoutingCode",
                        "searchDirectoryLine", "getDirectoryLineById"]
checks.positive_data_acceptance.enabled = false
checks.not_a_server_error.enabled = false

[[operations]]
include-operation-id = "getHealth"
checks.status_code_conformance.enabled = false
"""
SIRET = "20330132059871"     # a structure of ../shared/directory's sample, with a service


def _valid(value: object, schema: str) -> None:
    """``value`` against a schema of the official description (its own $refs)."""
    import json

    import jsonschema_rs

    doc = json.loads(require_shared("reform", "notes",
                                    "XP-Z12-013-Directory-Service-1.3.0.openapi.json")
                     .read_text())
    root = {"$ref": f"#/components/schemas/{schema}", "components": doc["components"]}
    errors = [str(e) for e in jsonschema_rs.validator_for(root).iter_errors(value)]
    assert errors == [], errors


@pytest.fixture
def served(instances: list[Instance], tmp_path: Path) -> Instance:
    folder = require_shared("directory")
    inst = make_instance(instances, tmp_path / "edi")
    inst.configure()
    subprocess.run([sys.executable, "-m", "edi.cli", "directory", "import",
                    str(folder / "annuaire-structures.csv"), "--services",
                    str(folder / "annuaire-services.csv")], cwd=inst.root, check=True,
                   capture_output=True, timeout=120)
    inst.start()
    return inst


@pytest.mark.shared
def test_a_facility_its_legal_unit_and_its_routing_code_come_from_the_directory(
        served: Instance) -> None:
    client = served.client()
    facility = client.call("GET", f"/directory-service/v1/siret/code-insee:{SIRET}")
    assert facility.status == 200, facility.body
    body = facility.json()
    assert body["siret"] == SIRET and body["siren"] == SIRET[:9]
    assert body["name"] == "DIRECTION REGIONALE DE NOISY-LE-GRAND 1"
    assert body["administrativeStatus"] == "A" and body["address"]["postalCode"] == "93160"
    unit = client.call("GET", f"/directory-service/v1/siren/code-insee:{SIRET[:9]}").json()
    assert unit["entityType"] == "Public" and unit["businessName"] == body["name"]
    code = client.call("GET", f"/directory-service/v1/routing-code/siret:{SIRET}/code:SVC00010")
    assert code.status == 200 and code.json()["routingCodeName"] == "SERVICE 0 NOISY-LE-GRAND"
    for value, schema in ((body, "facilityPayloadHistory"), (unit, "legalUnitPayloadHistory"),
                          (code.json(), "routingCodePayloadHistoryLegalUnitFacility")):
        _valid(value, schema)
    assert client.call("GET", "/directory-service/v1/siret/code-insee:00000000000000"
                       ).status == 404
    assert client.call("GET", "/directory-service/v1/siret/code-insee:123").status == 400
    assert client.call("POST", "/directory-service/v1/directory-line/search", b"{}",
                       {"Content-Type": "application/json"}).status == 501
    assert served.client(token="wrong").call(
        "GET", f"/directory-service/v1/siret/code-insee:{SIRET}").status == 401


@pytest.mark.shared
@pytest.mark.slow
def test_every_answer_conforms_to_the_official_directory_service_description(
        served: Instance, tmp_path: Path) -> None:
    official = require_shared("reform", "notes",
                              "XP-Z12-013-Directory-Service-1.3.0.openapi.json")
    (tmp_path / "schemathesis.toml").write_text(CHECKS, encoding="utf-8")
    run = subprocess.run(
        [schemathesis_cli(), "--config-file", str(tmp_path / "schemathesis.toml"), "run",
         str(official), "--url", f"{served.url}/directory-service",
         "-H", f"Authorization: Bearer {TOKEN}", "--max-examples", "20", "--workers", "1",
         "--seed", "1"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"})
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
