"""/api/structures and /api/orders answer as the dashboard API's OpenAPI description says:
schemathesis drives the real server, with a registered structure (bound to a connection)
and an engagement partly invoiced, so the documented schemas meet real rows, nulls too."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from edi.directory import import_orders
from edi.directory.depositors import Candidate, register
from edi.ledger import engagements
from tests.web.conftest import http, start_server
from tests.web.test_openapi import schemathesis_cli

OURS = "41234567000019"
BUYER = "22605818858938"


def test_structures_and_orders_conform_to_the_openapi(tmp_path: Path) -> None:
    cli = schemathesis_cli()
    store = tmp_path / "var" / "directory.sqlite"
    register(store, Candidate.by_hand(OURS, "ACME Services", "1 rue de la Paix, Paris"))
    csv = tmp_path / "orders.csv"
    csv.write_text(f"{BUYER};EJ-API-1;{OURS};6000.00;ouvert\n"
                   f"{BUYER};EJ-API-2;{OURS[:9]};;ouvert\n", encoding="utf-8")
    import_orders(store, [csv])
    server = start_server(tmp_path, f'[[depositors.connection]]\nname = "api:erp"\n'
                                    f'structures = ["{OURS}"]\n')
    try:
        engagements.consume(server.filled.ledger.engine, [
            engagements.Use("F1", 1, BUYER, "EJ-API-1", 493_200, 600_000)])
        doc = http(f"{server.url}/openapi.json").json()
        assert {"/api/structures", "/api/orders"} <= set(doc["paths"])
        assert {"Structure", "Order"} <= set(doc["components"]["schemas"])
        orders = http(f"{server.url}/api/orders").json()["orders"]
        assert [(o["number"], o["remaining"]) for o in orders] == [
            ("EJ-API-1", "1068.00"), ("EJ-API-2", None)]
        assert http(f"{server.url}/api/structures").json()["structures"][0][
            "connections"] == ["api:erp"]
        run = subprocess.run(
            [cli, "run", f"{server.url}/openapi.json", "--checks", "all",
             "--include-path-regex", "^/api/(structures|orders)$", "--max-examples", "30",
             "--workers", "1", "--seed", "1"],
            capture_output=True, text=True, timeout=240, cwd=tmp_path,
            env={**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"})
        assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
        assert "Tested: 2" in run.stdout, run.stdout   # both operations, none skipped
    finally:
        server.stop()
        server.filled.ledger.close()
