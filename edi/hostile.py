"""Deposits a hostile or unlucky depositor makes: for the property test and the soak bench.

Each generated file is a (raw name, bytes, kind) triple: raw names are bytes in any
encoding (Latin-1, CP437, UTF-8, control characters, formula-looking, colliding once
escaped), contents are valid invoices, broken ones (truncated, bit-flipped, wrong
encoding), XML attacks (DTD, XXE, entity bombs, behind BOMs), pathological prologs, and
archives of all of those (stored and deflated ZIP, tar, tar.gz, colliding member names).
Nothing here judges a file: the tests check only that every file ends in one terminal flow.
"""

from __future__ import annotations

import io
import random
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from edi import samples


@dataclass(frozen=True, slots=True)
class Deposit:
    name: bytes     # the file name as the depositor's system wrote it
    content: bytes
    kind: str       # what the generator made, for messages only


_STEMS = [
    "facture", "Facture été", "Facture ètè", "a b", "a-b", "=HYPERLINK(\"http://x\",\"y\")",
    "+cmd", "-1", "@SUM(A1)", "ファイル", "reçu", "x" * 180, "..", ".hidden", "con", "NUL",
]


def _name(rng: random.Random, i: int, ext: str) -> bytes:
    stem = rng.choice(_STEMS)
    encoding = rng.choice(["utf-8", "latin-1", "cp437", "utf-8"])
    raw = stem.encode(encoding, errors="replace")
    if rng.random() < 0.15:
        raw += rng.choice([b"\n", b"\r", b"\t", b"\x01", b"\x7f", b" "])
    if rng.random() < 0.1:
        raw += bytes([rng.randrange(0x80, 0x100)])
    # a counter keeps names distinct on disk; collisions happen once names are escaped
    return raw.replace(b"/", b"_") + f"-{i}".encode() + ext.encode()


def _valid(rng: random.Random, i: int) -> bytes:
    number = f"H-{i}-{rng.randrange(10**6)}"
    return (samples.ubl_invoice(number=number) if rng.random() < 0.5
            else samples.cii_invoice(number=number))


def _truncated(rng: random.Random, i: int) -> bytes:
    data = _valid(rng, i)
    return data[: rng.randrange(1, len(data))]


def _flipped(rng: random.Random, i: int) -> bytes:
    data = bytearray(_valid(rng, i))
    for _ in range(rng.randrange(1, 20)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _latin1_lie(rng: random.Random, i: int) -> bytes:
    """Latin-1 bytes in a file that declares (or defaults to) UTF-8."""
    data = _valid(rng, i)
    for closing in (b"</cbc:Name>", b"</ram:Name>"):
        if closing in data:
            return data.replace(closing, "é".encode("latin-1") + closing, 1)
    return data + "é".encode("latin-1")


_XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<Invoice>&x;</Invoice>")
_BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
         + b"".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">'.encode() for n in range(1, 10))
         + b"]><lolz>&lol9;</lolz>")


def _attack(rng: random.Random, i: int) -> bytes:
    body = rng.choice([_XXE, _BOMB, b"<!DOCTYPE html><html/>"])
    prefix = rng.choice([b"", b"\xef\xbb\xbf", b"  \r\n" * 20])
    if rng.random() < 0.3:
        return prefix + body.decode().encode("utf-16")
    return prefix + body


def _prolog(rng: random.Random, i: int) -> bytes:
    """Comment lines and whitespace before the root, ``<!DOCTYPE`` later in CDATA: the
    shape that made a backtracking pre-check hang."""
    comments = b"".join(b"<!-- line -->\r\n" for _ in range(rng.randrange(5, 60)))
    spaces = b" " * rng.randrange(0, 80)
    valid = _valid(rng, i)
    start = valid.index(b"?>") + 2
    note = b"<![CDATA[<!DOCTYPE html><p>x</p>]]>"
    return valid[:start] + b"\n" + comments + spaces + valid[start:].replace(
        b"</cbc:Note>", note + b"</cbc:Note>", 1)


def _junk(rng: random.Random, i: int) -> bytes:
    return rng.choice([b"", b"   \n", b"hello, world\n", bytes(rng.randrange(256)
                                                                for _ in range(200)),
                       b"%PDF-1.7\n%truncated", b"PK\x03\x04broken", b"\x1f\x8b\x08broken"])


def _pdf(rng: random.Random, i: int) -> bytes:
    return samples.facturx_pdf(number=f"P-{i}-{rng.randrange(10**6)}")


_MEMBER_MAKERS: list[Callable[[random.Random, int], bytes]] = [
    _valid, _valid, _truncated, _flipped, _attack, _junk, _prolog]


def _members(rng: random.Random, i: int) -> list[tuple[str, bytes]]:
    out = []
    for j in range(rng.randrange(1, 6)):
        maker = rng.choice(_MEMBER_MAKERS)
        stem = rng.choice(_STEMS)[:40]
        out.append((f"{stem}.xml" if rng.random() < 0.3 else f"{stem}-{j}.xml",
                    maker(rng, i * 10 + j)))
    if rng.random() < 0.3:
        out.append((f"p{i}.pdf", _pdf(rng, i)))
    return out


def _zip(rng: random.Random, i: int) -> bytes:
    buf = io.BytesIO()
    method = rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
    seen: set[str] = set()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in _members(rng, i):
            if name in seen:
                continue
            seen.add(name)
            z.writestr(name, data)
    return buf.getvalue()


def _tar(rng: random.Random, i: int) -> bytes:
    buf = io.BytesIO()
    mode = rng.choice(["w", "w:gz"])
    encoding = rng.choice(["latin-1", "utf-8"])  # Windows tools write Latin-1 names
    with tarfile.open(fileobj=buf, mode=mode, format=tarfile.GNU_FORMAT,  # type: ignore[call-overload]
                      encoding=encoding, errors="replace") as t:
        seen: set[str] = set()
        for name, data in _members(rng, i):
            if name in seen:
                continue
            seen.add(name)
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


KINDS: dict[str, tuple[Callable[[random.Random, int], bytes], str]] = {
    "valid": (_valid, ".xml"), "truncated": (_truncated, ".xml"),
    "flipped": (_flipped, ".xml"), "latin1-lie": (_latin1_lie, ".xml"),
    "attack": (_attack, ".xml"), "prolog": (_prolog, ".xml"), "junk": (_junk, ".dat"),
    "pdf": (_pdf, ".pdf"), "zip": (_zip, ".zip"), "tar": (_tar, ".tar"),
}
WEIGHTS = {"valid": 6, "truncated": 1, "flipped": 1, "latin1-lie": 1, "attack": 1,
           "prolog": 1, "junk": 1, "pdf": 1, "zip": 2, "tar": 1}


def deposits(seed: int, count: int, start: int = 0) -> Iterator[Deposit]:
    """``count`` deposits, the same for the same seed."""
    rng = random.Random(seed)
    kinds = list(WEIGHTS)
    weights = [WEIGHTS[k] for k in kinds]
    for i in range(start, start + count):
        kind = rng.choices(kinds, weights)[0]
        maker, ext = KINDS[kind]
        yield Deposit(_name(rng, i, ext), maker(rng, i), kind)
