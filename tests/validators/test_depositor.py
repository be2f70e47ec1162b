"""The depositor layer: a connection deposits only for the structures bound to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from edi.config import ConfigError, load
from edi.directory.depositors import Candidate, register
from edi.directory.snapshot import load as load_directory
from edi.model import Invoice, Severity
from edi.validators.depositor import RULES, judge
from edi.validators.depositor_settings import Connection, DepositorSettings
from tests.validators.sample_invoices import siret

OURS = siret(41234567)
MANDATOR = siret(52345678)
OTHER = siret(63456789)
BUYER = siret(13002526)


def invoice(seller: str | None = OURS, siren: str | None = None, type_code: str = "380",
            buyer: str | None = BUYER) -> Invoice:
    return Invoice(number="F-1", type_code=type_code, seller_siret=seller,
                   seller_siren=siren or (seller[:9] if seller else None),
                   buyer_siret=buyer, buyer_siren=buyer[:9] if buyer else None)


@pytest.fixture
def directory(tmp_path: Path):  # a store with OURS and MANDATOR registered
    path = tmp_path / "directory.sqlite"
    for s in (OURS, MANDATOR, BUYER):
        register(path, Candidate.by_hand(s, f"Structure {s}", "Lyon"))
    return load_directory(path)


ACME = Connection("sftp:acme", structures=(OURS,), mandated=(MANDATOR,))


def rules(found: list[tuple[str, str, str]]) -> list[str]:
    return [rule_id for rule_id, _, _ in found]


def test_a_bound_registered_seller_passes(directory) -> None:
    assert judge(invoice(), "sftp:acme", ACME, directory, True) == []
    assert judge(invoice(MANDATOR), "sftp:acme", ACME, directory, True) == []


def test_another_supplier_is_refused_naming_the_connection(directory) -> None:
    found = judge(invoice(OTHER), "sftp:acme", ACME, directory, True)
    assert rules(found) == ["DEP-FOUR-NON-AUTORISE", "DEP-FOUR-NON-REFERENCE"]
    _, location, message = found[0]
    assert location == "BT-29"
    assert f"connection sftp:acme may not deposit for supplier {OTHER} (BT-29)" in message
    assert f"{OURS}, {MANDATOR} (mandated)" in message
    assert f"L'identifiant fournisseur {OTHER} (BT-29) n'est pas référencé" in found[1][2]


def test_a_bound_but_unregistered_seller_is_not_referenced(directory) -> None:
    conn = Connection("inbox", structures=(OTHER,))
    assert rules(judge(invoice(OTHER), "inbox", conn, directory, True)) == [
        "DEP-FOUR-NON-REFERENCE"]
    assert judge(invoice(OTHER), "inbox", conn, directory, False) == []


def test_a_siren_only_seller_is_judged_by_its_siren(directory) -> None:
    by_siren = Invoice(number="F-1", seller_siret=None, seller_siren=OURS[:9])
    assert judge(by_siren, "sftp:acme", ACME, directory, True) == []
    stranger = Invoice(number="F-1", seller_siret=None, seller_siren=OTHER[:9])
    found = judge(stranger, "sftp:acme", ACME, directory, True)
    assert rules(found) == ["DEP-FOUR-NON-AUTORISE", "DEP-FOUR-NON-REFERENCE"]
    assert found[0][1] == "BT-30"
    nobody = Invoice(number="F-1")
    assert rules(judge(nobody, "sftp:acme", ACME, directory, True)) == ["DEP-FOUR-ABSENT"]


def test_a_siren_entry_covers_every_establishment(directory) -> None:
    conn = Connection("inbox", structures=(OURS[:9],))
    assert judge(invoice(siret(41234567, 2)), "inbox", conn, directory, False) == []


def test_self_billing_only_where_configured(directory) -> None:
    # The buyer (ours) issued it for its supplier OTHER.
    self_billed = invoice(OTHER, type_code="389", buyer=OURS)
    assert rules(judge(self_billed, "sftp:acme", ACME, directory, True))[0] == \
        "DEP-FOUR-NON-AUTORISE"
    allowed = Connection("sftp:acme", structures=(OURS,), self_billed=True)
    assert judge(self_billed, "sftp:acme", allowed, directory, True) == []
    # ...and it is the buyer that must be ours then
    stranger = invoice(OURS, type_code="389", buyer=OTHER)
    found = judge(stranger, "sftp:acme", allowed, directory, True)
    assert found[0][0] == "DEP-FOUR-NON-AUTORISE" and found[0][1] == "BT-46"
    assert "self-billed invoice BT-3 = 389" in found[0][2]


def test_an_unbound_connection_when_bindings_refuse_it(directory) -> None:
    assert rules(judge(invoice(), "inbox", None, directory, True)) == [
        "DEP-RACCORDEMENT-INCONNU"]


def test_severity_warning_by_default_fatal_in_b2g() -> None:
    for rule in RULES.values():
        assert rule.severity_in(False) is Severity.WARNING
        assert rule.severity_in(True) is Severity.FATAL


def test_settings_are_checked(tmp_path: Path) -> None:
    good = tmp_path / "edi.toml"
    good.write_text(f'[[depositors.connection]]\nname = "inbox"\nstructures = ["{OURS}"]\n')
    s = load(good, base_dir=tmp_path).section(DepositorSettings)
    assert s.binding("inbox") == Connection("inbox", (OURS,))
    for bad, says in (('[[depositors.connection]]\nname = "inbox"\nstructures = ["123"]\n',
                       "neither a SIRET"),
                      ('[depositors]\nunbound = "maybe"\n', "unbound"),
                      ('[[depositors.connection]]\nname = "a"\n[[depositors.connection]]\n'
                       'name = "a"\n', "listed twice")):
        good.write_text(bad)
        with pytest.raises(ConfigError, match=says):
            load(good, base_dir=tmp_path)


def test_the_layer_judges_what_came_through_a_connection_only(tmp_path: Path) -> None:
    from edi.model import Document
    from edi.validators.depositor import DepositorLayer

    toml = tmp_path / "edi.toml"
    toml.write_text('[depositors]\nunbound = "refuse"\n[[depositors.connection]]\n'
                    f'name = "inbox"\nstructures = ["{OURS}"]\n')
    layer = DepositorLayer(load(toml, base_dir=tmp_path))
    doc = Document(seq=1, name="f.xml", content=b"", invoice=invoice())
    assert not layer.applies(doc)            # edi validate: no connection
    doc.interface = "sftp:other"
    assert layer.applies(doc)                # unbound = "refuse": judged, and refused
    assert [f.rule_id for f in layer.check(doc, None)] == ["DEP-RACCORDEMENT-INCONNU"]
    toml.write_text(f'[[depositors.connection]]\nname = "inbox"\nstructures = ["{OURS}"]\n')
    assert not DepositorLayer(load(toml, base_dir=tmp_path)).applies(doc)   # "any"
