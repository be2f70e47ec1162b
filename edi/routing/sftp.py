"""SFTP target: deliver a file to a partner's folder exactly once, never to an unknown host.

A file is written under a temporary name (``.NAME.part``), its size checked with a stat,
then renamed to its final, deterministic name, so the partner never picks up half a
file and a redo overwrites instead of duplicating. ``put(confirm=True)`` is not used: it
stats the final name and fails falsely when the partner's robot has already moved the
file away.

Failures become :class:`DeliveryError`: ``transient`` when waiting may help (network,
server down, disk full), not when it cannot (host key, credentials, permissions), and
``uncertain`` when the connection died after the rename was sent: the retry then asks
``exists`` before sending again.

One connection per worker thread, reused across files (a handshake costs far more than
a small invoice), and dropped as soon as it misbehaves.
"""

from __future__ import annotations

import errno
import logging
import os
import posixpath
import secrets
import socket
import stat
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import unquote, urlsplit

import paramiko
from paramiko.sftp import CMD_EXTENDED, CMD_WRITE, int64

from edi.config import ConfigError
from edi.routing.base import DeliveryError
from edi.routing.ssh import SshOptions

if TYPE_CHECKING:
    from edi.config import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")


SftpOptions = SshOptions   # the one SSH options type (edi.routing.ssh)


@dataclass(frozen=True)
class SftpLocation:
    """``sftp://user@host:port/path``; ``/~/path`` is relative to the login folder."""

    user: str
    host: str
    port: int
    path: str

    @classmethod
    def parse(cls, url: str) -> SftpLocation:
        parts = urlsplit(url)
        if parts.scheme != "sftp":
            raise ConfigError(f"{url!r}: not an sftp:// URL")
        if parts.password is not None:
            raise ConfigError(f"{url!r}: a password has no place in the configuration; "
                              "name an environment variable with password_env")
        if not parts.username or not parts.hostname:
            raise ConfigError(f"{url!r}: expected sftp://user@host[:port]/path")
        try:
            port = parts.port or 22
        except ValueError as exc:
            raise ConfigError(f"{url!r}: bad port") from exc
        path = unquote(parts.path) or "/"
        if path == "/~" or path.startswith("/~/"):
            path = path[3:] or "."
        return cls(unquote(parts.username), parts.hostname, port, path.rstrip("/") or "/")

    @property
    def url(self) -> str:
        path = self.path if self.path.startswith("/") else "/~/" + self.path
        return f"sftp://{self.user}@{self.host}:{self.port}{path}"

    @property
    def host_key_name(self) -> str:
        """The host's name in known_hosts, as OpenSSH writes it."""
        return self.host if self.port == 22 else f"[{self.host}]:{self.port}"

    def join(self, name: str) -> str:
        return posixpath.join(self.path, name)


class _Connection:
    def __init__(self, client: paramiko.SSHClient, sftp: paramiko.SFTPClient) -> None:
        self.client = client
        self.sftp = sftp
        self.pid = os.getpid()
        self.can_fsync = True

    def alive(self) -> bool:
        transport = self.client.get_transport()
        return (self.pid == os.getpid() and transport is not None and transport.is_active())

    def close(self) -> None:
        try:
            self.client.close()
        except (OSError, EOFError, paramiko.SSHException) as exc:
            log.debug("closing an SFTP connection: %s", exc)


class _RefuseOrRecord(paramiko.MissingHostKeyPolicy):
    """An unknown host is refused, unless recording unknown hosts is configured."""

    lock = threading.Lock()

    def __init__(self, session: SftpSession) -> None:
        self.session = session

    def missing_host_key(self, client: paramiko.SSHClient, hostname: str,
                         key: paramiko.PKey) -> None:
        known_hosts = self.session.known_hosts
        if not self.session.options.accept_unknown_host:
            raise DeliveryError(
                f"{self.session.name}: unknown host {hostname} ({key.get_name()} key "
                f"{key.fingerprint}) is not in {known_hosts}: connection refused. Check the "
                "fingerprint with the partner, then add it to known_hosts "
                "(or set accept_unknown_host = true to record it at first contact)",
                transient=False)
        line = paramiko.hostkeys.HostKeyEntry([hostname], key).to_line()
        with self.lock:
            known_hosts.parent.mkdir(parents=True, exist_ok=True)
            with known_hosts.open("a", encoding="ascii") as f:
                f.write(line)
        log.warning("%s: recorded the key of unknown host %s (%s %s) in %s",
                    self.session.name, hostname, key.get_name(), key.fingerprint, known_hosts)


class SftpSession:
    """Thread-local, reused SFTP connections to one location, and what their errors mean.

    Shared by the delivery target and the SFTP intake: both need the same trust rules.
    """

    def __init__(self, url: str, options: SftpOptions | None = None,
                 name: str | None = None) -> None:
        self.location = SftpLocation.parse(url)
        self.options = options or SshOptions()
        self.options.check()
        self.name = name or self.location.url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[_Connection] = []

    @property
    def known_hosts(self) -> Path:
        return self.options.known_hosts or Path.home() / ".ssh" / "known_hosts"

    # -- connections ---------------------------------------------------------------

    def connection(self) -> tuple[_Connection, bool]:
        """This thread's connection (and whether it is a reused one), opening it if need be."""
        conn: _Connection | None = getattr(self._local, "conn", None)
        if conn is not None and conn.alive():
            return conn, True
        if conn is not None:
            self.drop(conn)
        conn = self._connect()
        self._local.conn = conn
        with self._lock:
            self._connections.append(conn)
        return conn, False

    def drop(self, conn: _Connection) -> None:
        """Forget a connection that failed: its protocol state can no longer be trusted."""
        conn.close()
        if getattr(self._local, "conn", None) is conn:
            self._local.conn = None
        with self._lock:
            if conn in self._connections:
                self._connections.remove(conn)

    def close(self) -> None:
        with self._lock:
            conns, self._connections = self._connections, []
        for conn in conns:
            conn.close()
        self._local = threading.local()

    def _credentials(self) -> dict[str, object]:
        opts = self.options
        creds: dict[str, object] = {}
        if opts.password_env:
            password = os.environ.get(opts.password_env)
            if password is None:
                raise DeliveryError(f"{self.name}: environment variable {opts.password_env} "
                                    "(password_env) is not set", transient=False)
            creds["password"] = password
        if opts.key_file:
            passphrase = None
            if opts.passphrase_env:
                passphrase = os.environ.get(opts.passphrase_env)
                if passphrase is None:
                    raise DeliveryError(f"{self.name}: environment variable "
                                        f"{opts.passphrase_env} (passphrase_env) is not set",
                                        transient=False)
            elif opts.passphrase_file:
                try:
                    passphrase = opts.passphrase_file.read_text(encoding="utf-8").splitlines()[0]
                except (OSError, IndexError) as exc:
                    raise DeliveryError(f"{self.name}: cannot read passphrase_file "
                                        f"{opts.passphrase_file}: {exc}", transient=False) from exc
            try:
                creds["pkey"] = paramiko.PKey.from_path(
                    opts.key_file, passphrase.encode() if passphrase is not None else None)
            except paramiko.PasswordRequiredException as exc:
                raise DeliveryError(f"{self.name}: key {opts.key_file} is encrypted: set "
                                    "passphrase_env or passphrase_file", transient=False) from exc
            except (OSError, paramiko.SSHException, ValueError) as exc:
                raise DeliveryError(f"{self.name}: cannot load key {opts.key_file}: {exc} "
                                    "(wrong passphrase or unsupported key type?)",
                                    transient=False) from exc
        if not creds:
            raise DeliveryError(f"{self.name}: no credentials: set key_file or password_env",
                                transient=False)
        return creds

    def _connect(self) -> _Connection:
        loc, opts = self.location, self.options
        creds = self._credentials()
        client = paramiko.SSHClient()
        try:
            client.get_host_keys().load(str(self.known_hosts))
        except FileNotFoundError:
            if not opts.accept_unknown_host:
                raise DeliveryError(f"{self.name}: known_hosts file {self.known_hosts} does not "
                                    "exist: cannot check the host key, connection refused",
                                    transient=False) from None
        client.set_missing_host_key_policy(_RefuseOrRecord(self))
        where = f"{loc.user}@{loc.host}:{loc.port}"
        try:
            client.connect(loc.host, loc.port, username=loc.user, timeout=opts.connect_timeout,
                           banner_timeout=opts.connect_timeout,
                           auth_timeout=opts.connect_timeout,
                           channel_timeout=opts.connect_timeout,
                           allow_agent=False, look_for_keys=False, **creds)  # type: ignore[arg-type]
            transport = client.get_transport()
            assert transport is not None
            transport.set_keepalive(int(opts.keepalive))
            sftp = client.open_sftp()
            sftp.get_channel().settimeout(opts.timeout)  # type: ignore[union-attr]
        except DeliveryError:
            client.close()
            raise
        except paramiko.BadHostKeyException as exc:
            client.close()
            raise DeliveryError(
                f"{self.name}: host key of {loc.host_key_name} has CHANGED: the server shows "
                f"{exc.key.get_name()} {exc.key.fingerprint}, {self.known_hosts} expects "
                f"{exc.expected_key.get_name()} {exc.expected_key.fingerprint}. Connection "
                "refused (possible man-in-the-middle); if the partner really changed its key, "
                "update known_hosts", transient=False) from exc
        except paramiko.AuthenticationException as exc:
            # a refusal leaves the transport up; a connection dropped mid-authentication
            # also says "authentication failed", but waiting cures that one
            transport = client.get_transport()
            dropped = transport is None or not transport.is_active()
            client.close()
            if dropped:
                raise DeliveryError(f"{self.name}: connection to {where} lost during "
                                    f"authentication: {exc}", transient=True) from exc
            raise DeliveryError(f"{self.name}: authentication failed for {where}: {exc}",
                                transient=False) from exc
        except (OSError, EOFError, paramiko.SSHException) as exc:
            client.close()
            raise DeliveryError(f"{self.name}: cannot connect to {where}: "
                                f"{str(exc) or type(exc).__name__}", transient=True) from exc
        log.debug("%s: connected", self.name)
        return _Connection(client, sftp)

    # -- operations ----------------------------------------------------------------

    def run(self, doing: str, op: Callable[[paramiko.SFTPClient], T], *,
            retry_stale: bool = True) -> T:
        """Run ``op`` on this thread's connection, mapping failures to DeliveryError.

        A reused connection that turns out dead (the server closed it while idle) is
        replaced once, which is safe only for operations that can simply be repeated.
        """
        conn, reused = self.connection()
        try:
            return op(conn.sftp)
        except (OSError, EOFError, paramiko.SSHException) as exc:
            err = self.failure(conn, exc, doing)
            if not (retry_stale and reused and err.transient and not conn.alive()):
                raise err from exc
        conn, _ = self.connection()
        try:
            return op(conn.sftp)
        except (OSError, EOFError, paramiko.SSHException) as exc:
            raise self.failure(conn, exc, doing) from exc

    def failure(self, conn: _Connection, exc: BaseException, doing: str, *,
                uncertain_if_lost: bool = False) -> DeliveryError:
        """What an exception during ``doing`` means for a retry."""
        lost = (isinstance(exc, EOFError | paramiko.SSHException | TimeoutError |
                           ConnectionError | socket.timeout) or not conn.alive())
        if lost:
            self.drop(conn)  # a timed-out request may still be answered: start afresh
            return DeliveryError(f"{self.name}: connection lost while {doing}: "
                                 f"{str(exc) or type(exc).__name__}",
                                 transient=True, uncertain=uncertain_if_lost)
        code = exc.errno if isinstance(exc, OSError) else None
        if code == errno.EACCES:
            return DeliveryError(f"{self.name}: permission denied while {doing}",
                                 transient=False)
        if code == errno.ENOENT:
            return DeliveryError(f"{self.name}: no such file or folder while {doing}",
                                 transient=False)
        # SSH_FX_FAILURE: disk full, quota, a busy file... the server may recover
        return DeliveryError(f"{self.name}: the server failed {doing}: {exc} (SSH_FX_FAILURE: "
                             "disk full, quota or a server fault)", transient=True)


WRITE_CHUNK = 32_768   # the largest write every server must accept (SFTP draft, 4.1)
WRITE_WINDOW = 64      # writes in flight: 2 MB, enough to fill a fast link


def _write_checked(sftp: paramiko.SFTPClient, handle: paramiko.SFTPFile,
                   content: bytes) -> None:
    """Pipelined writes whose every status is checked.

    paramiko's own pipelined ``SFTPFile.write`` drops the servers' error replies (they
    are filed under no file object), so a full disk would pass unnoticed; here each reply
    is awaited in order, the same private calls paramiko itself makes.
    """
    pending: deque[int] = deque()
    view = memoryview(content)
    for offset in range(0, len(content), WRITE_CHUNK):
        pending.append(sftp._async_request(type(None), CMD_WRITE, handle.handle,
                                           int64(offset),
                                           bytes(view[offset:offset + WRITE_CHUNK])))
        if len(pending) >= WRITE_WINDOW:
            sftp._read_response(pending.popleft())
    while pending:
        sftp._read_response(pending.popleft())


def _check_name(file_name: str) -> None:
    if not file_name or "/" in file_name or file_name in (".", "..") or "\0" in file_name:
        raise DeliveryError(f"invalid file name {file_name!r}", transient=False)


class SftpTarget(SftpSession):
    """A partner's SFTP folder as a delivery target (edi.routing.base.Target)."""

    def deliver(self, file_name: str, content: bytes, batch: object = None) -> None:
        """Upload now: a remote folder cannot join a local durable batch."""
        _check_name(file_name)
        final = self.location.join(file_name)
        direct = self.options.rename == "direct"
        temp = final if direct else self.location.join(f".{file_name}.part")
        conn, reused = self.connection()
        try:
            handle = conn.sftp.open(temp, "wb")
        except (OSError, EOFError, paramiko.SSHException) as exc:
            err = self.failure(conn, exc, f"creating {temp}")
            if not (reused and err.transient and not conn.alive()):
                raise err from exc
            conn, _ = self.connection()  # the idle connection had died: one fresh try
            try:
                handle = conn.sftp.open(temp, "wb")
            except (OSError, EOFError, paramiko.SSHException) as exc2:
                raise self.failure(conn, exc2, f"creating {temp}") from exc2
        try:
            with handle:
                _write_checked(conn.sftp, handle, content)
                if self.options.fsync and conn.can_fsync:
                    self._fsync(conn, handle)
            size = conn.sftp.stat(temp).st_size
        except (OSError, EOFError, paramiko.SSHException) as exc:
            err = self.failure(conn, exc, f"writing {temp}")
            self._discard(conn, temp)  # a full disk wants its space back
            raise err from exc
        if size != len(content):
            self._discard(conn, temp)
            raise DeliveryError(f"{self.name}: {temp} holds {size} bytes after upload, "
                                f"expected {len(content)}", transient=True)
        if not direct:
            self._rename(conn, temp, final, len(content))

    def _fsync(self, conn: _Connection, handle: paramiko.SFTPFile) -> None:
        """Make the data durable on the server before its final name appears."""
        try:
            # paramiko has no public call for this OpenSSH extension; same call as check()
            conn.sftp._request(CMD_EXTENDED, "fsync@openssh.com", handle.handle)
        except OSError as exc:
            if exc.errno is not None or not conn.alive():
                raise
            conn.can_fsync = False  # SSH_FX_OP_UNSUPPORTED: not an OpenSSH server
            log.info("%s: server has no fsync@openssh.com (%s); not asking again",
                     self.name, exc)

    def _rename(self, conn: _Connection, temp: str, final: str, size: int) -> None:
        try:
            if self.options.rename == "posix":
                conn.sftp.posix_rename(temp, final)
            else:
                conn.sftp.rename(temp, final)
            return
        except (OSError, EOFError, paramiko.SSHException) as exc:
            err = self.failure(conn, exc, f"renaming {temp} to {final}", uncertain_if_lost=True)
            if err.uncertain or self.options.rename == "posix":
                if not err.uncertain and "unsupported" in str(exc).lower():
                    err = DeliveryError(f"{self.name}: the server does not support "
                                        "posix-rename; set rename = \"rename\" for this target",
                                        transient=False)
                raise err from exc
            cause: BaseException = exc
        # plain rename refuses to overwrite: an earlier, uncertain attempt may have landed
        try:
            existing = conn.sftp.stat(final).st_size
        except (OSError, EOFError, paramiko.SSHException) as exc:
            raise self.failure(conn, exc, f"renaming {temp} to {final}") from cause
        if existing != size:
            raise DeliveryError(f"{self.name}: {final} already exists with {existing} bytes, "
                                f"not the {size} being delivered", transient=False) from cause
        self._discard(conn, temp)

    def _discard(self, conn: _Connection, temp: str) -> None:
        if not conn.alive():
            return
        try:
            conn.sftp.remove(temp)
        except (OSError, EOFError, paramiko.SSHException) as exc:
            log.debug("%s: could not remove %s: %s", self.name, temp, exc)

    def exists(self, file_name: str) -> bool:
        _check_name(file_name)
        path = self.location.join(file_name)

        def probe(sftp: paramiko.SFTPClient) -> bool:
            try:
                sftp.stat(path)
            except FileNotFoundError:
                return False
            return True

        return self.run(f"looking for {path}", probe)

    def check(self) -> str:
        """Connect, then create and remove a probe file: what `edi routes test` reports."""
        folder = self.location.path
        attrs = self.run(f"reading folder {folder}", lambda sftp: sftp.stat(folder))
        if not stat.S_ISDIR(attrs.st_mode or 0):
            raise DeliveryError(f"{self.name}: {folder} is not a folder", transient=False)
        probe = f".edi-probe-{secrets.token_hex(4)}.part"
        self.deliver(probe, b"")
        self.run(f"removing {probe}", lambda sftp: sftp.remove(self.location.join(probe)))
        return f"connected, {folder} writable ({self.options.rename} rename)"


def build(name: str, url: str, settings: Settings, ssh: SshOptions) -> SftpTarget:
    return SftpTarget(url, ssh.ssh_options(settings), name=name)


def check_url(url: str, ssh: SshOptions) -> None:
    SftpLocation.parse(url)
    ssh.check()
