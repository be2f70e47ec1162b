"""The API answers as its OpenAPI description says (schemathesis drives real requests).

Schemathesis runs as its own command line: its pytest plugin does not load under the
pytest this project uses (``'Function' object has no attribute '_nodeid'``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.conftest import Server, http


def schemathesis_cli() -> str:
    exe = Path(sys.executable).with_name("schemathesis")
    found = str(exe) if exe.exists() else shutil.which("schemathesis")
    if not found:
        reason = "schemathesis is not installed (pip install schemathesis)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: it must be there)")
        pytest.skip(reason)
    return found


def test_api_conforms_to_its_openapi(server: Server, tmp_path: Path) -> None:
    cli = schemathesis_cli()
    server.filled.ledger.record_scan("inbox")   # a live watcher: /health answers 200
    run = subprocess.run(
        [cli, "run", f"{server.url}/openapi.json", "--checks", "all", "--max-examples", "30",
         "--workers", "1", "--seed", "1", "--max-response-time", "2"],
        capture_output=True, text=True, timeout=240, cwd=tmp_path,
        env={**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"})
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


def test_openapi_lists_the_filters(server: Server) -> None:
    doc = http(f"{server.url}/openapi.json").json()
    names = {p["name"] for p in doc["paths"]["/api/flows"]["get"]["parameters"]}
    assert names == {"status", "since", "until", "format", "supplier", "buyer", "q", "limit",
                     "offset"}
