"""The Flow Service answers as the official XP Z12-013 description says: schemathesis
drives a real `edi flow-service` from ../shared's file itself and validates every
response (status codes, headers, bodies against the schemas, auth, methods).

Two things are set apart, each for a reason the description cannot express:

- ``ReasonCode``'s ``oneOf`` is mended to ``anyOf`` in memory (schemathesis_hooks.py):
  as written, no ``ReasonCodeEnum`` value can satisfy it;
- ``positive_data_acceptance`` is left out for the three POSTs (``CHECKS``): it expects
  every schema-valid request to be accepted, but a valid ``sha256`` that is not the
  file's must be 422 ChecksumMismatch, a resubmission 422 AlreadyExistingFlow, a webhook
  needs its callbackUrl even though the description marks the request body optional, and
  a cursor must be one we issued. Those refusals are tested one by one in test_app.py;
- ``negative_data_rejection`` is left out for the healthcheck: a Request-Id that is no
  UUID is refused (400) everywhere else, but the healthcheck documents no 400, and a
  health probe answers about health.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, require_shared
from tests.flowservice.conftest import TOKEN, Instance
from tests.web.test_openapi import schemathesis_cli

CHECKS = """
[[operations]]
include-operation-id = ["createFlow", "searchFlows", "createWebhook"]
checks.positive_data_acceptance.enabled = false

[[operations]]
include-operation-id = "getHealth"
checks.negative_data_rejection.enabled = false
"""
OFFICIAL = ("reform", "notes", "XP-Z12-013-Flow-Service-1.3.0.openapi.json")


@pytest.mark.shared
@pytest.mark.slow
def test_every_answer_conforms_to_the_official_flow_service_description(
        one: Instance, tmp_path: Path) -> None:
    official = require_shared(*OFFICIAL)
    cli = schemathesis_cli()
    (tmp_path / "schemathesis.toml").write_text(CHECKS, encoding="utf-8")
    run = subprocess.run(
        [cli, "--config-file", str(tmp_path / "schemathesis.toml"), "run", str(official),
         "--url", one.url, "-H", f"Authorization: Bearer {TOKEN}",
         "--max-examples", "25", "--workers", "1", "--seed", "1"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
        env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.flowservice.schemathesis_hooks",
             "PYTHONPATH": str(REPO), "NO_COLOR": "1"})
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
    assert "7/7" in run.stdout   # every operation of the description was exercised


@pytest.mark.shared
def test_the_descriptions_shipped_in_the_package_are_the_official_files() -> None:
    from edi.flowservice import spec

    assert spec.FLOW_SERVICE.read_bytes() == require_shared(*OFFICIAL).read_bytes()
    assert spec.DIRECTORY_SERVICE.read_bytes() == require_shared(
        "reform", "notes", "XP-Z12-013-Directory-Service-1.3.0.openapi.json").read_bytes()
    assert (spec.FOLDER / "LICENSE").read_bytes() == require_shared(
        "reform", "LICENSE").read_bytes()
