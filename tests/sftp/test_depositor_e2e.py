"""Through `edi watch` and a real sshd: an SFTP partner bound to one supplier deposits in
another's name; that invoice is rejected with Chorus Pro's reason, the compte rendu that
goes back to the partner names its connection, and the bound supplier's goes through; an
Order-X it leaves becomes an engagement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edi.samples import ubl_invoice
from tests.conftest import require_shared
from tests.directory.test_orders_accounts import order_x
from tests.e2e.test_chorus import NANTES
from tests.sftp.conftest import listing
from tests.sftp.test_intake_e2e import INTERFACE, TERMINAL, Partner, partner, site_for
from tests.sftp.test_watch_e2e import edi, flows, watch_until

pytestmark = [pytest.mark.slow, pytest.mark.sshd]
__all__ = ["partner"]   # the fixture, imported for this module's tests

OURS = "41234567000019"
STRANGER = "55210055400013"
LYON = "01889575552182"


def run(site: Path, *args: str) -> str:
    proc = edi(site, *args)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return out


def test_a_partner_deposits_only_for_its_structures(tmp_path: Path, partner: Partner) -> None:
    site = site_for(tmp_path, partner)
    config = site / "edi.toml"
    config.write_text(config.read_text().replace(
        'layers = ["xml", "xsd"]', 'layers = ["xml", "xsd", "depositor", "chorus"]')
        + f'\n[[depositors.connection]]\nname = "{INTERFACE}"\nstructures = ["{OURS}"]\n')
    folder = require_shared("directory")
    run(site, "directory", "import", str(folder / "annuaire-structures.csv"),
        "--services", str(folder / "annuaire-services.csv"))
    run(site, "structures", "add", OURS, "--name", "ACME Services", "--yes")
    partner.deposit("ours.xml", ubl_invoice(number="SFTP-OURS", buyer_siret=NANTES,
                                            buyer_reference="SVC00030"))
    # an order comes by SFTP too, and becomes an engagement
    partner.deposit("order.xml", order_x(number="EJ-SFTP-1", buyer=LYON, seller=OURS,
                                         total="2500.00"))
    partner.deposit("theirs.xml", ubl_invoice(number="SFTP-THEIRS", buyer_siret=NANTES,
                                              buyer_reference="SVC00030",
                                              seller_siret=STRANGER))

    def done() -> bool:
        if listing(partner.inbound) or len(listing(partner.reports)) < 3:
            return False
        return all(f["status"] in TERMINAL for f in flows(site))

    watch_until(site, done, "every deposit answered")
    assert not listing(partner.inbound)
    by_name = {f["file_name"]: f for f in flows(site)}
    assert by_name["ours.xml"]["status"] == "IN_INTEGRE"
    assert (by_name["order.xml"]["status"], by_name["order.xml"]["format"]) == (
        "IN_INTEGRE", "ORDER")
    engagements = {r["number"]: r for r in json.loads(run(site, "orders", "list", "--json"))}
    assert engagements["EJ-SFTP-1"]["amount"] == "2500.00"
    theirs = by_name["theirs.xml"]
    assert (theirs["status"], theirs["reason"]) == ("IN_REJETE", "REJ_SEMAN")
    report = json.loads((site / "reports" / f"{theirs['flow_id']}.cr.json").read_text())
    assert report["interface"] == INTERFACE
    dep = [f for f in report["invoices"][0]["findings"] if f["layer"] == "depositor"]
    assert [f["rule_id"] for f in dep] == ["DEP-FOUR-NON-AUTORISE", "DEP-FOUR-NON-REFERENCE"]
    assert f"connection {INTERFACE} may not deposit for supplier {STRANGER}" in \
        dep[0]["message"]
    back = (partner.reports / f"{theirs['flow_id']}.cr.xml").read_text()
    assert INTERFACE in back and "DEP-FOUR-NON-AUTORISE" in back
