"""French bank details: the RIB key, its IBAN, and RIBs wherever an IBAN is accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from stdnum import iban as stdiban

from edi.commands import accounts as accounts_cmd
from edi.config import Settings
from edi.directory import DirectoryError, import_accounts, load
from edi.directory.rib import RibError, account_number, parse_rib, rib_key, rib_of_iban
from tests.validators.sample_invoices import siret

SUPPLIER = siret(41234567)
RIB = "30004 00031 00012345678 65"
IBAN = "FR7630004000310001234567865"


def test_the_key_of_the_sample_rib_is_65() -> None:
    # 89 × 30004 + 15 × 31 + 3 × 12345678 = 39707855; 39707855 mod 97 = 32; 97 - 32 = 65
    assert (89 * 30004 + 15 * 31 + 3 * 12345678) % 97 == 32
    assert rib_key("30004", "00031", "00012345678") == "65"


@pytest.mark.parametrize("given", [RIB, RIB.replace(" ", ""), "  30004 00031 00012345678 65 "])
def test_a_rib_in_either_shape_is_its_iban(given: str) -> None:
    rib = parse_rib(given)
    assert (rib.bank, rib.branch, rib.account, rib.key) == ("30004", "00031", "00012345678",
                                                           "65")
    assert rib.iban == IBAN
    assert stdiban.is_valid(rib.iban)
    assert rib_of_iban(stdiban.format(IBAN)) == rib


def test_letters_of_the_account_number_count_as_their_digits() -> None:
    # A, J -> 1; B, K, S -> 2 ... I, R, Z -> 9
    assert rib_key("10107", "00100", "000123456A9") == rib_key("10107", "00100", "00012345619")
    assert rib_key("10107", "00100", "0001234RZ00") == rib_key("10107", "00100", "00012349900")
    key = rib_key("10107", "00100", "0001234ab00")
    rib = parse_rib(f"10107 00100 0001234ab00 {key}")
    assert rib.account == "0001234AB00" and stdiban.is_valid(rib.iban)


@pytest.mark.parametrize(("given", "says"), [
    ("30004 00031 00012345678 66", "clé RIB 66 is wrong, the key of 30004 00031 00012345678 "
                                   "is 65"),
    ("30004000310001234567866", "clé RIB 66 is wrong"),
    ("3000400031000123456786", "22 characters, expected 23"),
    ("30004 0031 00012345678 65", "code guichet '0031', expected 5 digits"),
    ("3000A 00031 00012345678 65", "code banque '3000A', expected 5 digits"),
    ("30004 00031 0001234567_ 65", "numéro de compte '0001234567_', expected 11 digits or "
                                   "letters"),
    ("30004 00031 00012345678", "3 fields, expected 4"),
])
def test_a_wrong_rib_is_refused_with_the_reason(given: str, says: str) -> None:
    with pytest.raises(RibError) as caught:
        account_number(given)
    assert says in str(caught.value)


def test_an_iban_is_still_an_iban() -> None:
    assert account_number("FR76 3000 4000 3100 0123 4567 865") == IBAN
    assert rib_of_iban("DE89370400440532013000") is None


def _csv(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "accounts.csv"
    f.write_text(text, encoding="utf-8")
    return f


def test_accounts_import_takes_a_rib_in_both_shapes(tmp_path: Path) -> None:
    store = tmp_path / "directory.sqlite"
    other = siret(52345678)
    r = import_accounts(store, _csv(tmp_path, f"supplier;iban;bic\n{SUPPLIER};{RIB};BNPAFRPP\n"
                                              f"{other};{RIB.replace(' ', '')};\n"))
    assert (r.accounts, r.suppliers) == (2, 2)
    d = load(store)
    assert d.accounts[SUPPLIER] == frozenset({IBAN}) == d.accounts[other]


def test_accounts_import_refuses_a_wrong_key_naming_the_line(tmp_path: Path) -> None:
    store = tmp_path / "directory.sqlite"
    with pytest.raises(DirectoryError) as caught:
        import_accounts(store, _csv(tmp_path, f"supplier;iban;bic\n{SUPPLIER};{IBAN};\n"
                                              f"{SUPPLIER};30004 00031 00012345678 66;\n"))
    assert caught.value.line == 3
    assert "clé RIB 66 is wrong" in str(caught.value)
    assert not store.exists()   # nothing imported


def test_accounts_add_takes_the_four_fields(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(accounts_cmd.command, ["add", SUPPLIER, *RIB.split(), "--bic",
                                              "BNPAFRPP"], obj={"settings": Settings(
                                                  base_dir=tmp_path)})
    assert ok.exit_code == 0, ok.output
    assert "FR76 3000 4000 3100 0123 4567 865" in ok.output
    bad = runner.invoke(accounts_cmd.command, ["add", SUPPLIER, "30004", "00031",
                                               "00012345678", "66"],
                        obj={"settings": Settings(base_dir=tmp_path)})
    assert bad.exit_code == 1
    assert "clé RIB 66 is wrong" in bad.output and "No account was declared" in bad.output
    assert load(tmp_path / "var" / "directory.sqlite").accounts == {SUPPLIER: frozenset({IBAN})}


def test_the_declared_accounts_rule_takes_an_account_declared_as_a_rib(tmp_path: Path) -> None:
    from edi.directory import import_directory
    from edi.model import Invoice
    from edi.validators.chorus import check_invoice
    from tests.conftest import require_shared

    folder = require_shared("directory")
    store = tmp_path / "directory.sqlite"
    import_directory(store, folder / "annuaire-structures.csv")
    import_accounts(store, _csv(tmp_path, f"{SUPPLIER};{RIB};\n"))
    d = load(store)
    lyon = "01889575552182"    # a buyer of the sample directory that requires nothing

    def rules(iban: str) -> list[str]:
        invoice = Invoice(number="F-1", seller_siret=SUPPLIER, seller_siren=SUPPLIER[:9],
                          buyer_siret=lyon, iban=iban)
        return [f.rule_id for f in check_invoice(invoice, d)]

    assert rules("FR76 3000 4000 3100 0123 4567 865") == []
    assert rules("FR1420041010050500013M02606") == ["CPRO-IBAN-NON-DECLARE"]
