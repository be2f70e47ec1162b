"""Every XML read from a depositor goes through the one entry point, xml_safety.parse.

Invoices, archive members and the XML inside Factur-X PDFs reach it through
edi.parsers.detect.read (tested with the parsers); Order-X orders imported as
engagements are tested here. A scan of edi/ keeps new readers from parsing on their own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from edi.directory import DirectoryError
from edi.directory.orders import parse_orderx
from tests.directory.test_orders_accounts import order_x

EDI = Path(__file__).resolve().parents[2] / "edi"
PARSING = re.compile(r"\betree\.(?:fromstring|XML|parse|iterparse|XMLParser|HTML|"
                     r"fromstringlist|XMLPullParser)\(")
# Files that parse with lxml themselves, and why that is safe.
TRUSTED = {
    "validators/xml_safety.py": "the entry point itself",
    "validators/xsd.py": "the XSDs edi-flux ships",
    "validators/schematron.py": "SVRL reports our own saxon produces",
    "rules.py": "the compiled Schematron edi-flux ships",
    "reports/compte_rendu.py": "the compte rendu XSD edi-flux ships",
    "validators/optimise/transform.py": "build step: the official XSLT and code lists",
    "validators/optimise/prove.py": "build step: corpus files and our own saxon's SVRL, "
                                    "never a deposit",
    "validators/native/compiler.py": "build step: the official XSLT it compiles",
    "validators/native/prove.py": "build step: corpus files and our own saxon's SVRL",
}


def test_no_module_parses_deposited_xml_on_its_own() -> None:
    parsing = {str(path.relative_to(EDI)) for path in EDI.rglob("*.py")
               if PARSING.search(path.read_text(encoding="utf-8"))}
    assert parsing - set(TRUSTED) == set()
    assert "validators/xml_safety.py" in parsing  # the scan does see calls


def test_orders_parse_nothing_themselves() -> None:
    """Order-X files go through the hardened parser; their XSD is the xsd layer's."""
    for module in ("directory/orders.py", "parsers/order.py"):
        assert PARSING.findall((EDI / module).read_text(encoding="utf-8")) == [], module


BOM = b"\xef\xbb\xbf"


def orderx_refused(data: bytes) -> DirectoryError:
    with pytest.raises(DirectoryError) as caught:
        parse_orderx(data, "commande.xml")
    return caught.value


def test_a_plain_order_x_still_reads() -> None:
    assert parse_orderx(BOM + order_x("EJ-BOM-1"), "commande.xml")[0][1] == "EJ-BOM-1"


@pytest.mark.parametrize("bom", [b"", BOM], ids=["no BOM", "UTF-8 BOM"])
def test_order_x_with_an_external_entity_is_refused_as_xxe(bom: bytes, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for depositors\n")
    data = order_x().replace(b"?>\n", b'?>\n<!DOCTYPE r [<!ENTITY s SYSTEM "'
                             + secret.as_uri().encode() + b'">]>\n', 1)
    err = orderx_refused(bom + data)
    assert "(EDI-XML-XXE)" in err.message and err.line == 2
    assert "not for depositors" not in str(err)


def test_order_x_with_a_doctype_is_refused_as_dtd() -> None:
    data = order_x().replace(b"?>\n", b'?>\n<!DOCTYPE r SYSTEM "/etc/passwd">\n', 1)
    err = orderx_refused(BOM + data)
    assert "(EDI-XML-DTD)" in err.message and err.line == 2


def test_malformed_order_x_names_rule_and_line() -> None:
    data = order_x().replace(b"</rsm:ExchangedDocument>", b"</rsm:ExchangedDoc>", 1)
    err = orderx_refused(data)
    assert "(EDI-XML-MALFORMED)" in err.message and err.line
    assert "not well-formed" in err.message


def test_utf16_order_x_reads() -> None:
    text = order_x("EJ-U16").decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert parse_orderx(b"\xff\xfe" + text.encode("utf-16-le"), "o.xml")[0][1] == "EJ-U16"
