"""Each Flow Service client is a connection of its own, ``api:<client>`` (a real
``edi flow-service``): client A bound to structure X deposits for X and is refused for Y,
client B bound to Y the reverse; a client with no binding of its own falls back on the
plain ``api`` binding, and the refusal names its own connection."""

from __future__ import annotations

import json
from pathlib import Path

from edi.samples import ubl_invoice
from tests.conftest import require_shared
from tests.e2e.test_chorus import NANTES
from tests.flowservice.conftest import Instance, make_instance
from tests.flowservice.test_app import _flow_row
from tests.flowservice.test_depositor import edi

X = "41234567000019"
Y = "55210055400013"

BINDINGS = f"""
[[flow_service.client]]
name = "a"
token_env = "EDI_TEST_TOKEN_A"
structures = ["{X[:9]}"]

[[flow_service.client]]
name = "b"
token_env = "EDI_TEST_TOKEN_B"
structures = ["{Y[:9]}"]
"""

CONNECTIONS = f"""
[[depositors.connection]]
name = "api:a"
structures = ["{X}"]

[[depositors.connection]]
name = "api:b"
structures = ["{Y}"]

[[depositors.connection]]
name = "api"
structures = ["{X}"]
"""


def test_each_api_client_deposits_only_for_the_structures_bound_to_it(
        instances: list[Instance], tmp_path: Path) -> None:
    inst = make_instance(instances, tmp_path / "edi")
    inst.configure(layers=("xml", "xsd", "depositor", "chorus"), flow_service=BINDINGS,
                   extra=CONNECTIONS)
    inst.env = {"EDI_TEST_TOKEN_A": "token-of-client-a", "EDI_TEST_TOKEN_B": "token-of-b"}
    folder = require_shared("directory")
    edi(inst.root, "directory", "import", str(folder / "annuaire-structures.csv"),
        "--services", str(folder / "annuaire-services.csv"))
    edi(inst.root, "structures", "add", X, "--name", "ACME Services", "--yes")
    edi(inst.root, "structures", "add", Y, "--name", "Other Services", "--yes")
    inst.start()
    clients = {"a": inst.client("token-of-client-a"), "b": inst.client("token-of-b"),
               "env": inst.client()}   # EDI_API_TOKEN: no binding of its own, so "api"
    ids: dict[tuple[str, str], str] = {}
    for who, seller in (("a", X), ("a", Y), ("b", Y), ("b", X), ("env", X), ("env", Y)):
        name = f"{who}-{seller}.xml"
        answer = clients[who].submit(name, ubl_invoice(
            number=f"API-{who}-{seller[:4]}", seller_siret=seller, buyer_siret=NANTES,
            buyer_reference="SVC00030"), tracking_id=name)
        assert answer.status == 202, answer.body
        ids[who, seller] = answer.json()["flowId"]
    for flow_id in ids.values():
        inst.wait_ack(flow_id)

    def verdict(who: str, seller: str) -> tuple[str, list[str]]:
        row = _flow_row(inst, ids[who, seller])
        assert row is not None and row["interface"] == "api"
        report = json.loads((inst.root / "reports" / f"{ids[who, seller]}.cr.json")
                            .read_text())
        found = [f for f in report["invoices"][0]["findings"] if f["layer"] == "depositor"]
        return row["status"], [f"{f['rule_id']}: {f['message']}" for f in found]

    for who, allowed, refused in (("a", X, Y), ("b", Y, X), ("env", X, Y)):
        assert verdict(who, allowed) == ("IN_INTEGRE", [])
        status, found = verdict(who, refused)
        assert status == "IN_REJETE"
        assert len(found) == 1 and found[0].startswith("DEP-FOUR-NON-AUTORISE: "), found
        assert found[0].endswith(f"connection api:{who} may not deposit for supplier "
                                 f"{refused} (BT-29); it deposits for: {allowed}"), found


def test_a_flow_service_flow_names_its_client_as_its_connection() -> None:
    from edi.intake.api import connection_of
    from edi.validators.depositor_settings import Connection, DepositorSettings

    assert connection_of("api", "api://a%3Ab/T-1") == "api:a:b"
    assert connection_of("api", None) == "api"        # no source: the family only
    assert connection_of("sftp:acme", "sftp://acme/in/f.xml") == "sftp:acme"
    settings = DepositorSettings(connection=(Connection("api", (X,)), Connection("api:b", (Y,))))
    assert settings.binding("api:b") == Connection("api:b", (Y,))
    assert settings.binding("api:c") == Connection("api", (X,))
    assert settings.binding("sftp:acme") is None and settings.binding("inbox") is None


def test_chorus_by_interface_reads_the_client_then_api() -> None:
    from edi.validators.chorus_settings import ChorusSettings
    from edi.validators.scenario import _mode

    shared = ChorusSettings(by_interface=("api=never",))
    assert _mode(shared, "api:a") == ("never", '[chorus] by_interface "api=never"')
    own = ChorusSettings(by_interface=("api=never", "api:a=always"))
    assert _mode(own, "api:a")[0] == "always" and _mode(own, "api:b")[0] == "never"
    assert _mode(own, "sftp:a")[0] == own.applies   # no family beyond the Flow Service
