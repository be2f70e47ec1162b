"""A real OpenSSH ``sshd`` on 127.0.0.1 for tests and benches, with throwaway keys.

SFTP faults worth testing (a session killed mid-upload, a refused host key, a full
disk) only happen for real against a real server, so the suite runs Debian's sshd with
``internal-sftp`` rather than a Python stand-in. Used by tests/sftp/conftest.py and
bench/sftp_delivery.py.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

SSHD = shutil.which("sshd") or shutil.which("sshd", path="/usr/sbin:/usr/local/sbin")


class SshdMissing(Exception):
    """sshd is not installed here (Debian: apt-get install openssh-server)."""


@dataclass(frozen=True)
class KeyPair:
    private: Path        # OpenSSH private key file (encrypted when passphrase is set)
    public_line: str     # "ssh-ed25519 AAAA..."
    passphrase: str | None = None


def write_key(path: Path, kind: str = "ed25519", passphrase: str | None = None) -> KeyPair:
    """A new private key in OpenSSH format (as ssh-keygen writes it) and its public line."""
    key: ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey
    key = ed25519.Ed25519PrivateKey.generate() if kind == "ed25519" else \
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode()) if passphrase
        else serialization.NoEncryption())
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.OpenSSH, encryption))
    path.chmod(0o600)
    public = key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                           serialization.PublicFormat.OpenSSH).decode()
    return KeyPair(path, public, passphrase)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sshd:
    """One sshd listening on 127.0.0.1:port, accepting ``user`` with the given keys.

    ``stop()``/``start()`` keep the port and host key, so a test can take the server
    down and bring the same one back. ``kill_sessions()`` kills the per-connection
    children only (a dropped connection), leaving the listener up.
    """

    def __init__(self, base: Path, port: int | None = None) -> None:
        if SSHD is None:
            raise SshdMissing("sshd not found (Debian package: openssh-server)")
        self.base = base
        self.base.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.user = getpass.getuser()
        self.host_key = write_key(base / "host_ed25519")
        self.ed25519 = write_key(base / "user_ed25519")
        self.rsa = write_key(base / "user_rsa", "rsa")
        self.authorized = base / "authorized_keys"
        self.authorized.write_text(f"{self.ed25519.public_line}\n{self.rsa.public_line}\n")
        self.known_hosts = base / "known_hosts"
        self.known_hosts.write_text(self.known_hosts_line() + "\n")
        self.log = base / "sshd.log"
        self.config = base / "sshd_config"
        self.config.write_text(self._config())
        self.proc: subprocess.Popen[bytes] | None = None

    def _config(self) -> str:
        return "\n".join([
            f"Port {self.port}",
            "ListenAddress 127.0.0.1",
            f"HostKey {self.host_key.private}",
            f"PidFile {self.base / 'sshd.pid'}",
            f"AuthorizedKeysFile {self.authorized}",
            "StrictModes no",                # the test folders live under /tmp
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "PermitRootLogin prohibit-password",
            "UseDNS no",
            "MaxStartups 200:30:400",        # the per-file-connection bench opens many
            "MaxSessions 50",
            "LogLevel VERBOSE",
            "Subsystem sftp internal-sftp",
            "",
        ])

    def known_hosts_line(self) -> str:
        return f"[127.0.0.1]:{self.port} {self.host_key.public_line}"

    def url(self, path: Path | str) -> str:
        return f"sftp://{self.user}@127.0.0.1:{self.port}{path}"

    def start(self, timeout: float = 10.0) -> None:
        if self.proc and self.proc.poll() is None:
            return
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation dir
        log = self.log.open("ab")
        self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(self.config)],
                                     stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"sshd exited with {self.proc.returncode}:\n"
                                   + self.log.read_text(errors="replace")[-2000:])
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(8).startswith(b"SSH-"):
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("sshd did not answer in time:\n" + self.log.read_text()[-2000:])

    def children(self) -> list[int]:
        """Pids of all descendants of the listener: the per-connection sessions."""
        if not self.proc:
            return []
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        found: list[int] = []
        frontier = [self.proc.pid]
        while frontier:
            pid = frontier.pop()
            kids = [p for p, pp in parents.items() if pp == pid]
            found.extend(kids)
            frontier.extend(kids)
        return found

    def kill_sessions(self) -> int:
        """SIGKILL every open session (connections drop, the listener stays up)."""
        pids = self.children()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return len(pids)

    def stop(self) -> None:
        """Kill the listener and its sessions, and wait until the port is closed."""
        if not self.proc:
            return
        sessions = self.children()
        self.proc.kill()
        self.proc.wait()
        for pid in sessions:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.proc = None

    def __enter__(self) -> Sshd:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
