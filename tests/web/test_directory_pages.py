"""The dashboard's structures and orders pages and their JSON, on the real server."""

from __future__ import annotations

from pathlib import Path

from edi.directory import import_orders
from edi.directory.depositors import Candidate, register
from edi.ledger import engagements
from tests.web.conftest import http, start_server

OURS = "41234567000019"
BUYER = "22605818858938"


def test_structures_and_orders_are_shown(tmp_path: Path) -> None:
    store = tmp_path / "var" / "directory.sqlite"
    register(store, Candidate.by_hand(OURS, "ACME Services", "1 rue de la Paix, Paris"))
    csv = tmp_path / "orders.csv"
    csv.write_text(f"{BUYER};EJ-WEB-1;{OURS};6000.00;ouvert\n", encoding="utf-8")
    import_orders(store, [csv])
    server = start_server(tmp_path, f'[[depositors.connection]]\nname = "sftp:acme"\n'
                                    f'structures = ["{OURS}"]\n')
    try:
        engagements.consume(server.filled.ledger.engine, [
            engagements.Use("F1", 1, BUYER, "EJ-WEB-1", 493_200, 600_000)])
        [s] = http(f"{server.url}/api/structures").json()["structures"]
        assert (s["siret"], s["name"], s["connections"], s["accounts"]) == (
            OURS, "ACME Services", ["sftp:acme"], 0)
        [o] = http(f"{server.url}/api/orders").json()["orders"]
        assert (o["number"], o["amount"], o["invoiced"], o["remaining"]) == (
            "EJ-WEB-1", "6000.00", "4932.00", "1068.00")
        assert http(f"{server.url}/api/orders?buyer=13002526500013").json() == {"orders": []}
        page = http(f"{server.url}/structures")
        assert page.status == 200 and b"ACME Services" in page.body
        orders = http(f"{server.url}/orders").body.decode()
        assert "EJ-WEB-1" in orders and "1068.00" in orders and 'href="/orders"' in orders
    finally:
        server.stop()
        server.filled.ledger.close()
