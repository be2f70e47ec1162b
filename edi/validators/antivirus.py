"""The ``antivirus`` layer: the deposited file and every attachment, scanned by ClamAV.

ClamAV's daemon (``clamd``, Debian's ``clamav-daemon``) is asked over its socket with the
INSTREAM command (clamd(8)): ``zINSTREAM\\0``, then chunks, each a 4-byte big-endian
length and its bytes, then a zero length; clamd answers one line ending in NUL:
``stream: OK``, ``stream: <signature> FOUND`` or ``<problem> ERROR``. That is the whole
protocol, written here (``Clamd``) rather than taken from a client library: ``clamd`` on
PyPI was last released in 2014, and its maintained forks (clamdpy, clamav-client) wrap
the same few lines while turning every failure into their own exceptions; here each way
of failing must be told apart and named (clamd absent, timeout, a stream over clamd's
StreamMaxLength), because none of them may ever pass a file.

What is scanned, per document: its bytes as deposited (a single file, or its archive
member) and each attachment decoded (``attachments.attachments_of``: BG-24 base64 and a
PDF's embedded files — clamd does not decode base64 inside XML). A detection is the
finding ``AV-VIRUS``: IRRECEVABLE (501) ``IRR_ANTIVIRUS`` (``VirusFound`` in the Flow
Service acknowledgement), always fatal; the layer is blocking, so nothing else opens the
invoice, which is set aside and never delivered (the dashboard never serves it).

A scan that cannot be made raises ``ScanFailed``: the flow becomes a technical incident
(``IN_INCIDENTE``, the run goes on), never a pass. Off unless ``[antivirus]`` names a
socket (``antivirus_settings.py``); then ``start_line`` says so.
"""

from __future__ import annotations

import logging
import socket
import struct
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from edi.model import Document, EdiError, Finding, Reason, RuleSet, Severity, channel_names
from edi.validators.antivirus_settings import AntivirusSettings
from edi.validators.attachments import attachments_of

if TYPE_CHECKING:
    from lxml import etree

    from edi.config import Settings

log = logging.getLogger(__name__)
LAYER = "antivirus"
VERSION_TTL = 60.0   # seconds: how long a layer trusts what clamd said of its versions


@dataclass(frozen=True)
class Rule:
    text: str

    def catalogue_entry(self) -> tuple[str, str, str]:
        return ("fatal", self.text,
                f"always fatal; the invoice is set aside unopened and never delivered: "
                f"{channel_names(Reason.IRR_ANTIVIRUS)}")


RULES: dict[str, Rule] = {
    "AV-VIRUS": Rule("ClamAV (clamd) found a virus in the deposited file or in one of its "
                     "attachments."),
}


class ScanFailed(EdiError):
    """clamd could not scan: down, too slow, or answering an error. Never a pass."""


class Clamd:
    """A client of one clamd, by its Unix socket path or TCP ``host:port``."""

    def __init__(self, endpoint: str, timeout: float, chunk: int = 65_536,
                 unix: bool | None = None) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.chunk = chunk
        self.unix = endpoint.startswith("/") or "/" in endpoint if unix is None else unix

    def _connect(self, deadline: float) -> socket.socket:
        try:
            if self.unix:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                sock.settimeout(max(deadline - time.monotonic(), 0.001))
                sock.connect(self.endpoint)
            else:
                host, _, port = self.endpoint.rpartition(":")
                sock = socket.create_connection((host, int(port)),
                                                timeout=max(deadline - time.monotonic(),
                                                            0.001))
        except TimeoutError as exc:
            raise ScanFailed(f"clamd at {self.endpoint} did not accept a connection within "
                             f"{self.timeout:g} s") from exc
        except OSError as exc:
            raise ScanFailed(f"clamd at {self.endpoint} cannot be reached: "
                             f"{exc.strerror or exc}") from exc
        return sock

    def _command(self, command: bytes, payload: bytes | None = None) -> str:
        deadline = time.monotonic() + self.timeout
        sock = self._connect(deadline)
        try:
            try:
                sock.sendall(b"z" + command + b"\0")
                if payload is not None:
                    for start in range(0, len(payload), self.chunk):
                        _left(sock, deadline)
                        piece = payload[start:start + self.chunk]
                        sock.sendall(struct.pack(">I", len(piece)) + piece)
                    sock.sendall(struct.pack(">I", 0))
            except (BrokenPipeError, ConnectionResetError):
                pass  # clamd stopped reading (e.g. StreamMaxLength): its answer says why
            return _answer(sock, deadline, self.endpoint, self.timeout)
        except TimeoutError as exc:
            raise ScanFailed(f"clamd at {self.endpoint} did not answer within "
                             f"{self.timeout:g} s") from exc
        except OSError as exc:
            raise ScanFailed(f"clamd at {self.endpoint} failed during the scan: "
                             f"{exc.strerror or exc}") from exc
        finally:
            sock.close()

    def ping(self) -> bool:
        return self._command(b"PING") == "PONG"

    def version(self) -> str:
        return self._command(b"VERSION")

    def scan(self, data: bytes) -> str | None:
        """The signature clamd found in ``data``, or None when clean; ScanFailed else."""
        answer = self._command(b"INSTREAM", data)
        if answer.endswith(" FOUND"):
            signature = answer.removeprefix("stream:").removesuffix(" FOUND").strip()
            return signature or "(unnamed signature)"
        if answer == "stream: OK":
            return None
        if "size limit exceeded" in answer.lower():
            raise ScanFailed(f"clamd at {self.endpoint} refused a stream of {len(data):,} "
                             f"bytes ({answer!r}): raise its StreamMaxLength to at least "
                             "[limits] max_file_bytes")
        raise ScanFailed(f"clamd at {self.endpoint} answered {answer!r}; expected "
                         "'stream: OK' or 'stream: <signature> FOUND'")


def _left(sock: socket.socket, deadline: float) -> None:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    sock.settimeout(left)


def _answer(sock: socket.socket, deadline: float, endpoint: str, timeout: float) -> str:
    reply = b""
    while not reply.endswith(b"\0"):
        _left(sock, deadline)
        piece = sock.recv(4096)
        if not piece:
            break
        reply += piece
        if len(reply) > 65_536:
            break
    if not reply:
        raise ScanFailed(f"clamd at {endpoint} closed the connection without an answer")
    return reply.rstrip(b"\0\n").decode("utf-8", "replace").strip()


def client(settings: Settings) -> Clamd | None:
    """The configured clamd, or None when ``[antivirus]`` names none (off)."""
    av = settings.section(AntivirusSettings)
    if not av.enabled:
        return None
    return Clamd(av.endpoint, av.timeout, av.chunk_bytes, unix=bool(av.socket))


def rule_set(clamd: Clamd) -> RuleSet:
    """ClamAV as a report names it: the engine and signature database versions clamd
    gives ('ClamAV 1.0.7/27470/Tue Nov 26 09:37:26 2024'), and the clamd that scanned."""
    answer = clamd.version()
    return RuleSet("ClamAV", answer.removeprefix("ClamAV ").strip() or None,
                   f"clamd at {clamd.endpoint}")


def start_line(settings: Settings) -> str:
    """What a command says at start about the antivirus (on, off, unreachable)."""
    av = settings.section(AntivirusSettings)
    if not av.enabled:
        return ("antivirus: off — [antivirus] names no clamd socket; deposited files and "
                "attachments are NOT scanned for viruses (set [antivirus] socket, e.g. "
                "/var/run/clamav/clamd.ctl from clamav-daemon)")
    clamd = client(settings)
    assert clamd is not None
    try:
        version = clamd.version()
    except ScanFailed as exc:
        return (f"antivirus: on, but {exc}; every flow becomes IN_INCIDENTE until clamd "
                "answers")
    return f"antivirus: on — clamd at {av.endpoint} ({version})"


_said: set[str] = set()


def _say_once(line: str, level: int) -> None:
    if line not in _said:
        _said.add(line)
        log.log(level, "%s", line)


class AntivirusLayer:
    name = LAYER
    reason = Reason.IRR_ANTIVIRUS
    blocking = True       # a virus: nothing else opens the invoice

    def __init__(self, settings: Settings) -> None:
        self.clamd = client(settings)
        self.cap = settings.limits.max_file_bytes
        self._version: tuple[float, RuleSet] | None = None   # (when asked, what clamd said)
        line = start_line(settings)
        if not line.startswith("antivirus: on —"):  # off, or on but clamd unreachable
            # the commands say it once at start (edi watch / process); each worker only
            # notes it, at debug level, so it is not repeated once per worker
            _say_once(line, logging.DEBUG)

    def applies(self, doc: Document) -> bool:
        return self.clamd is not None

    def rule_set(self) -> RuleSet:
        """``rule_set`` of this layer's clamd, asked again after ``VERSION_TTL`` seconds:
        freshclam updates the signatures under a running clamd."""
        assert self.clamd is not None
        now = time.monotonic()
        if self._version is None or now - self._version[0] > VERSION_TTL:
            self._version = (now, rule_set(self.clamd))
        return self._version[1]

    def check(self, doc: Document, tree: etree._ElementTree) -> list[Finding]:
        assert self.clamd is not None
        doc.rule_sets.append(self.rule_set())
        findings: list[Finding] = []
        targets: list[tuple[str, str, bytes]] = [("the file", "/", doc.content)]
        for att in attachments_of(doc, tree, self.cap):
            if att.content:
                targets.append((att.label, att.where, att.content))
        for what, where, data in targets:
            signature = self.clamd.scan(data)   # ScanFailed: an incident, never a pass
            if signature is not None:
                findings.append(Finding(
                    "AV-VIRUS", Severity.FATAL, LAYER, where,
                    f"ClamAV found {signature} in {what} of {doc.name!r} ({len(data):,} bytes); "
                    "expected no virus: the invoice is set aside unopened, never delivered"))
        if findings:
            doc.reason = Reason.IRR_ANTIVIRUS
        return findings


def scan_deposit(name: str, data: bytes, settings: Settings) -> Document | None:
    """The deposited bytes scanned before anything opens them: a Document refused
    ``IRR_ANTIVIRUS`` when clamd finds a virus, None when clean or when the antivirus is
    off; ``ScanFailed`` when the scan cannot be made.

    For the flow's examine step, ahead of detection: the layer sees only documents that
    parsed, so a virus in a file refused for its type, or in an archive as a whole, is
    caught only here.
    """
    clamd = client(settings)
    if clamd is None:
        return None
    signature = clamd.scan(data)
    if signature is None:
        return None
    return Document(seq=1, name=name, content=data, reason=Reason.IRR_ANTIVIRUS,
                    rule_sets=[rule_set(clamd)], findings=[
        Finding("AV-VIRUS", Severity.FATAL, LAYER, "/",
                f"ClamAV found {signature} in the deposited file {name!r} "
                f"({len(data):,} bytes); expected no virus: the file is set aside unopened, "
                "never delivered")])
