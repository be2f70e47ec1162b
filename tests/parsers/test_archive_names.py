"""Archive member names in any encoding come out as printable text, escaped visibly.

Names are bytes: Latin-1 from a Windows tar, CP437 in a ZIP without the UTF-8 flag, bytes
that are not UTF-8 although the flag says so, control characters. Every one must reach the
ledger and the XML report as valid text, with the ``\\xNN`` escapes of claim.safe_name.
"""

from __future__ import annotations

import io
import tarfile
import zipfile

import pytest

from edi import samples
from edi.config import Limits
from edi.model import FlowError
from edi.parsers import archive, read, unpack

LIMITS = Limits()
UTF8_FLAG = 0x800


def raw_zip(entries: list[tuple[bytes, bytes, bool]]) -> bytes:
    """A ZIP whose names are the given raw bytes, each with or without the UTF-8 flag.

    zipfile only writes ASCII or flagged UTF-8, so each name is written as an ASCII
    placeholder of the same length, then replaced by its bytes in the local header and the
    central directory, whose flag bits are set as asked.
    """
    buffer = io.BytesIO()
    placeholders = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for index, (raw, content, _) in enumerate(entries):
            placeholder = chr(ord("A") + index).encode() * len(raw)  # none holds another
            placeholders.append(placeholder)
            zf.writestr(placeholder.decode(), content)
    data = bytearray(buffer.getvalue())
    for placeholder, (raw, _, flagged) in zip(placeholders, entries, strict=True):
        local = data.find(placeholder)
        central = data.find(placeholder, local + 1)
        assert local > 0 and central > local and data.count(placeholder) == 2
        for at, flags_at in ((local, local - 30 + 6), (central, central - 46 + 8)):
            data[at:at + len(raw)] = raw
            flags = int.from_bytes(data[flags_at:flags_at + 2], "little")
            flags = flags | UTF8_FLAG if flagged else flags & ~UTF8_FLAG
            data[flags_at:flags_at + 2] = flags.to_bytes(2, "little")
    return bytes(data)


def raw_tar(names: list[bytes], *, fmt: int = tarfile.GNU_FORMAT) -> bytes:
    """A tar whose member names are the given bytes, written as such in the header."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=fmt, encoding="utf-8",
                      errors="surrogateescape") as tf:
        for index, raw in enumerate(names):
            content = samples.ubl_invoice(number=f"T-{index}")
            info = tarfile.TarInfo(raw.decode("utf-8", "surrogateescape"))
            info.size = len(content)
            tf.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def names(data: bytes, kind: str) -> list[str]:
    found = [name for name, _ in archive.members(data, kind, LIMITS)]
    for name in found:  # what the ledger (UTF-8 text) and the XML report need
        name.encode("utf-8")
        assert name.isprintable(), name
    return found


def refused(data: bytes) -> FlowError:
    with pytest.raises(FlowError) as caught:
        unpack("lot.bin", data, LIMITS)
    return caught.value


def test_a_latin1_tar_name_is_escaped_as_claim_does() -> None:
    data = raw_tar([b"facture-\xe9.xml"])
    assert b"facture-\xe9.xml\x00" in data[:100]  # the raw byte, as Windows tools write it
    assert names(data, "tar") == ["facture-\\xe9.xml"]
    docs = unpack("lot.tar", data, LIMITS)
    read(docs[0], LIMITS)
    assert docs[0].invoice.number == "T-0"


def test_a_latin1_name_in_a_pax_header_is_escaped() -> None:
    """tarfile writes an undecodable name in a PAX header marked hdrcharset=BINARY."""
    data = raw_tar([b"caf\xe9.xml"], fmt=tarfile.PAX_FORMAT)
    assert b"hdrcharset=BINARY" in data
    assert names(data, "tar") == ["caf\\xe9.xml"]


def test_a_utf8_tar_name_is_kept_as_is() -> None:
    assert names(raw_tar(["facture-é.xml".encode()]), "tar") == ["facture-é.xml"]


def test_a_cp437_zip_name_is_decoded() -> None:
    """Without the UTF-8 flag a ZIP name is CP437 (Windows' own zip): 0x82 is é."""
    data = raw_zip([(b"facture-\x82.xml", samples.ubl_invoice(), False)])
    assert names(data, "zip") == ["facture-é.xml"]


def test_an_unflagged_utf8_zip_name_is_read_as_utf8() -> None:
    """Tools that forget the flag write UTF-8; CP437 text is practically never valid UTF-8."""
    data = raw_zip([("facture-é.xml".encode(), samples.ubl_invoice(), False)])
    assert names(data, "zip") == ["facture-é.xml"]


def test_a_flagged_zip_name_that_is_not_utf8_is_escaped_not_fatal() -> None:
    """zipfile refuses the whole archive for one such name; it is a name like another."""
    data = raw_zip([(b"caf\xe9.xml", samples.ubl_invoice(number="A"), True),
                    (b"ok.xml", samples.ubl_invoice(number="B"), True)])
    with pytest.raises(UnicodeDecodeError):
        zipfile.ZipFile(io.BytesIO(data))
    assert names(data, "zip") == ["caf\\xe9.xml", "ok.xml"]
    docs = unpack("lot.zip", data, LIMITS)
    for doc in docs:
        read(doc, LIMITS)
    assert [d.invoice.number for d in docs] == ["A", "B"]


@pytest.mark.parametrize("raw, shown", [
    (b"a\nb.xml", "a\\x0ab.xml"), (b"a\rb.xml", "a\\x0db.xml"),
    (b"\x1b[31mred.xml", "\\x1b[31mred.xml"),
    (b"tab\t.xml", "tab\\x09.xml"), (b"del\x7f.xml", "del\\x7f.xml"),
    ("nel\u0085.xml".encode(), "nel\\u0085.xml"), ("ls\u2028.xml".encode(), "ls\\u2028.xml"),
])
def test_control_characters_in_a_zip_name_are_escaped(raw: bytes, shown: str) -> None:
    data = raw_zip([(raw, samples.ubl_invoice(), True)])
    assert names(data, "zip") == [shown]


def test_a_control_character_in_a_tar_name_is_escaped() -> None:
    assert names(raw_tar([b"line\nbreak.xml"]), "tar") == ["line\\x0abreak.xml"]


def test_a_nul_in_a_zip_name_is_still_refused() -> None:
    """zipfile's ``filename`` silently cuts at NUL ('a.xml\\x00.pdf' -> 'a.xml'); we look
    at the whole name and refuse it, as before."""
    err = refused(raw_zip([(b"a.xml\x00.pdf", samples.ubl_invoice(), False)]))
    assert err.rule_id == "EDI-ARCHIVE-TRAVERSAL" and "NUL" in err.message
    assert "\\x00" in err.message


@pytest.mark.parametrize("decoded, shown", [
    ("caf\udce9.xml", "caf\\xe9.xml"),      # a surrogate-escaped byte: its byte
    ("\ud800lone.xml", "\\ud800lone.xml"),  # a lone surrogate that stands for no byte
    ("\ufffe.xml", "\\ufffe.xml"), ("ok.xml", "ok.xml"), ("dossier/été.xml", "dossier/été.xml"),
])
def test_printable_name(decoded: str, shown: str) -> None:
    assert archive.printable_name(decoded) == shown
    shown.encode("utf-8")


def test_a_name_starting_with_an_undecodable_byte_is_not_taken_for_an_absolute_path() -> None:
    """The escape adds a backslash, which check_name reads as a separator: the path checks
    are made on the real name, before escaping."""
    assert names(raw_tar([b"\xe9t\xe9.xml"]), "tar") == ["\\xe9t\\xe9.xml"]


def test_traversal_is_still_seen_behind_undecodable_bytes() -> None:
    err = refused(raw_tar([b"\xe9/../../evil.xml"]))
    assert err.rule_id == "EDI-ARCHIVE-TRAVERSAL"
    err = refused(raw_zip([(b"..\\\xe9.xml", samples.ubl_invoice(), False)]))
    assert err.rule_id == "EDI-ARCHIVE-TRAVERSAL"


def test_two_raw_names_that_escape_alike_are_refused_as_duplicates() -> None:
    """b'caf\\xe9.xml' (a Latin-1 byte) and the text 'caf\\\\xe9.xml' (a backslash, an x...)
    read the same once escaped: refused, never renamed, never merged."""
    err = refused(raw_tar([b"caf\xe9.xml", b"caf\\xe9.xml"]))
    assert err.rule_id == "EDI-ARCHIVE-DUPLICATE"
    assert "b'caf\\xe9.xml'" in err.message and "b'caf\\\\xe9.xml'" in err.message
    assert "once escaped" in err.message
    err = refused(raw_zip([(b"caf\xe9.xml", b"<a/>", True), (b"caf\\xe9.xml", b"<a/>", True)]))
    assert err.rule_id == "EDI-ARCHIVE-DUPLICATE"


def test_true_duplicates_are_still_refused() -> None:
    err = refused(raw_tar([b"caf\xe9.xml", b"caf\xe9.xml"]))
    assert err.rule_id == "EDI-ARCHIVE-DUPLICATE" and "appears twice" in err.message
    err = refused(raw_zip([(b"a\\b.xml", b"<a/>", False), (b"a/b.xml", b"<a/>", False)]))
    assert err.rule_id == "EDI-ARCHIVE-DUPLICATE" and "appears twice" in err.message


def test_distinct_names_stay_distinct_after_escaping() -> None:
    data = raw_tar([b"caf\xe9.xml", "café.xml".encode(), b"caf\xc3.xml"])
    assert names(data, "tar") == ["caf\\xc3.xml", "caf\\xe9.xml", "café.xml"]
