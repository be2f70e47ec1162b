"""Archives: one flow, many invoices; every hostile archive refused with its own rule."""

from __future__ import annotations

import io
import stat
import tarfile
import zipfile

import pytest

from edi import samples
from edi.config import Limits
from edi.model import Container, FlowError, Reason, Syntax
from edi.parsers import read, unpack

LIMITS = Limits()


def make_zip(members: dict[str, bytes], *, symlinks: dict[str, str] | None = None,
             encrypted: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    data = bytearray(buffer.getvalue())
    if encrypted:  # zipfile cannot write encrypted members: set the flag bit by hand
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            at = data.find(signature)
            data[at + offset] |= 0x1
    return bytes(data)


def make_tar(members: dict[str, bytes], *, compressed: bool = True,
             links: dict[str, tuple[bytes, str]] | None = None) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz" if compressed else "w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, (kind, target) in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type = kind
            info.linkname = target
            archive.addfile(info)
    return buffer.getvalue()


def refused(data: bytes, limits: Limits = LIMITS) -> FlowError:
    with pytest.raises(FlowError) as caught:
        unpack("flow.zip", data, limits)
    return caught.value


def invoices(n: int) -> dict[str, bytes]:
    return {f"inv-{i:04d}.xml": samples.ubl_invoice(number=f"Z-{i}") for i in range(n)}


def test_zip_members_become_documents_in_name_order() -> None:
    data = make_zip({"c.xml": samples.cii_invoice(number="C"),
                     "a.xml": samples.ubl_invoice(number="A"),
                     "b.pdf": samples.facturx_pdf(number="B"),
                     "dir/": b"", "__MACOSX/._a.xml": b"\x00\x05\x16\x07"})
    docs = unpack("lot.dat", data, LIMITS)
    assert [(d.seq, d.name) for d in docs] == [(1, "a.xml"), (2, "b.pdf"), (3, "c.xml")]
    for doc in docs:
        read(doc, LIMITS)
    assert [d.invoice.number for d in docs] == ["A", "B", "C"]
    assert [d.container for d in docs] == [Container.XML, Container.PDF, Container.XML]
    assert docs[2].syntax is Syntax.CII


@pytest.mark.parametrize("compressed", [True, False])
def test_tar_members_become_documents_in_name_order(compressed: bool) -> None:
    data = make_tar({"z.xml": samples.ubl_invoice(number="Z"),
                     "m.xml": samples.cii_invoice(number="M")}, compressed=compressed)
    docs = unpack("lot.tgz", data, LIMITS)
    assert [(d.seq, d.name) for d in docs] == [(1, "m.xml"), (2, "z.xml")]


def test_500_similar_invoices_in_a_tar_gz_are_not_mistaken_for_a_bomb() -> None:
    """Near-identical invoices compress very well together; 500 is within the caps."""
    data = make_tar(invoices(500))
    assert len(unpack("lot.tar.gz", data, LIMITS)) == 500


def test_501_invoices_are_over_the_count_cap() -> None:
    err = refused(make_zip(invoices(501)))
    assert (err.reason, err.rule_id) == (Reason.IRR_TAILLE_F, "EDI-ARCHIVE-COUNT")
    err = refused(make_tar(invoices(501)))
    assert err.rule_id == "EDI-ARCHIVE-COUNT"


def test_a_bad_member_is_recorded_and_the_others_go_on() -> None:
    docs = unpack("lot.zip", make_zip({"a.xml": samples.ubl_invoice(),
                                       "b.txt": b"not an invoice", "c.xml": b""}), LIMITS)
    assert [d.reason for d in docs] == [None, Reason.IRR_TYPE_F, Reason.IRR_VIDE_F]
    assert [f.rule_id for f in docs[1].findings] == ["EDI-TYPE-TEXT"]
    assert docs[2].findings[0].layer == "intake"


@pytest.mark.parametrize("name", ["../evil.xml", "ok/../../evil.xml", "..\\..\\evil.xml"])
def test_traversal_names(name: str) -> None:
    err = refused(make_zip({name: samples.ubl_invoice()}))
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-ARCHIVE-TRAVERSAL")
    err = refused(make_tar({name: samples.ubl_invoice()}))
    assert err.rule_id == "EDI-ARCHIVE-TRAVERSAL"


@pytest.mark.parametrize("name", ["/etc/evil.xml", "C:/evil.xml", "c:\\evil.xml"])
def test_absolute_names(name: str) -> None:
    err = refused(make_zip({name: samples.ubl_invoice()}))
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-ARCHIVE-ABSOLUTE")


def test_symlinks_and_hard_links() -> None:
    err = refused(make_zip({"a.xml": samples.ubl_invoice()}, symlinks={"b.xml": "/etc/passwd"}))
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-ARCHIVE-LINK")
    for kind in (tarfile.SYMTYPE, tarfile.LNKTYPE):
        err = refused(make_tar({"a.xml": samples.ubl_invoice()},
                               links={"b.xml": (kind, "/etc/passwd")}))
        assert err.rule_id == "EDI-ARCHIVE-LINK"


def test_special_file_in_a_tar() -> None:
    err = refused(make_tar({}, links={"fifo": (tarfile.FIFOTYPE, "")}))
    assert err.rule_id == "EDI-ARCHIVE-SPECIAL"


def test_nested_archives() -> None:
    inner = make_zip({"a.xml": samples.ubl_invoice()})
    err = refused(make_zip({"inner.zip": inner, "b.xml": samples.ubl_invoice()}))
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-ARCHIVE-NESTED")
    assert "inner.zip" in err.message
    err = refused(make_tar({"inner.dat": make_tar({"a.xml": samples.ubl_invoice()})}))
    assert err.rule_id == "EDI-ARCHIVE-NESTED"


def test_compression_bomb_by_ratio() -> None:
    zeros = b"<a>" + b"\x20" * 5_000_000 + b"</a>"
    err = refused(make_zip({"bomb.xml": zeros}))
    assert (err.reason, err.rule_id) == (Reason.IRR_TAILLE_F, "EDI-ARCHIVE-BOMB-RATIO")
    err = refused(make_tar({"bomb.xml": zeros}))
    assert err.rule_id == "EDI-ARCHIVE-BOMB-RATIO"


def test_compression_bomb_by_total_size() -> None:
    limits = Limits(max_archive_total_bytes=50_000)
    err = refused(make_zip(invoices(10)), limits)
    assert (err.reason, err.rule_id) == (Reason.IRR_TAILLE_F, "EDI-ARCHIVE-BOMB-SIZE")
    err = refused(make_tar(invoices(10)), limits)
    assert err.rule_id == "EDI-ARCHIVE-BOMB-SIZE"


def test_zip_header_lying_about_size_is_refused() -> None:
    """A central directory claiming 10 bytes for 60,007: the CRC check refuses the member."""
    data = bytearray(make_zip({"a.xml": b"<a>" + b"x" * 60_000 + b"</a>"}))
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")  # uncompressed size
    err = refused(bytes(data))
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-ARCHIVE-MALFORMED")
    assert "a.xml" in err.message


def test_zip_header_announcing_too_much_is_refused_before_reading() -> None:
    data = bytearray(make_zip({"a.xml": samples.ubl_invoice()}))
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (4_000_000_000).to_bytes(4, "little")
    err = refused(bytes(data))
    assert (err.reason, err.rule_id) == (Reason.IRR_TAILLE_F, "EDI-ARCHIVE-BOMB-SIZE")
    assert "announced" in err.message


def test_encrypted_zip() -> None:
    err = refused(make_zip({"a.xml": samples.ubl_invoice()}, encrypted=True))
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-ARCHIVE-ENCRYPTED")


def test_empty_archive() -> None:
    err = refused(make_zip({}))
    assert (err.reason, err.rule_id) == (Reason.IRR_VIDE_F, "EDI-ARCHIVE-EMPTY")


def test_duplicate_member_names() -> None:
    data = make_tar({"a.xml": samples.ubl_invoice()})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for _ in range(2):
            info = tarfile.TarInfo("a.xml")
            info.size = 3
            archive.addfile(info, io.BytesIO(b"<a/"))
    assert data
    err = refused(buffer.getvalue())
    assert err.rule_id == "EDI-ARCHIVE-DUPLICATE"


def test_truncated_archives() -> None:
    data = make_zip(invoices(3))
    err = refused(data[: len(data) // 2])
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-ARCHIVE-MALFORMED")
    data = make_tar(invoices(3))
    err = refused(data[: len(data) // 2])
    assert err.rule_id == "EDI-ARCHIVE-MALFORMED"


@pytest.mark.parametrize("content, held", [
    (samples.ubl_invoice(), "a single XML document"), (samples.facturx_pdf(), "a single PDF"),
    (b"", "no data"), (b"just text", "a single file"),
])
def test_gzip_of_a_single_file_is_not_a_tar(content: bytes, held: str) -> None:
    """A gzipped invoice is refused, saying what it holds: the README promises ZIP and
    TAR.GZ archives, and a .gz of one file is a .tar.gz the depositor did not make."""
    import gzip

    err = refused(gzip.compress(content))
    assert (err.reason, err.rule_id) == (Reason.IRR_SYNTAX, "EDI-ARCHIVE-GZIP")
    assert f"holds {held}, not a tar archive" in err.message and ".tar.gz" in err.message
