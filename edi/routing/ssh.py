"""How to reach and trust an SFTP server: one type for intake partners and delivery
targets, free of paramiko so that loading the configuration never imports it."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from edi.config import Bound, ConfigError

if TYPE_CHECKING:
    from edi.config import Settings

RENAME_MODES = ("posix", "rename", "direct")


@dataclass(frozen=True)
class SshOptions:
    """Secrets are named here (an environment variable, a file), never written here."""

    known_hosts: Path | None = None        # None: ~/.ssh/known_hosts
    accept_unknown_host: bool = False      # first contact only: record the key, then trust it
    key_file: Path | None = None           # Ed25519, RSA or ECDSA private key (OpenSSH/PEM)
    passphrase_env: str | None = None      # environment variable holding the key passphrase
    passphrase_file: Path | None = None    # or a file holding it (first line)
    password_env: str | None = None        # password authentication, from the environment
    rename: str = "posix"                  # posix (posix-rename@openssh.com), rename, direct
    fsync: bool = True                     # fsync@openssh.com before the rename, if offered
    connect_timeout: float = 10.0          # TCP connect, banner, authentication
    timeout: float = 30.0                  # each SFTP operation
    keepalive: float = 30.0                # seconds between keepalives on an idle connection

    BOUNDS: ClassVar[dict[str, Bound]] = {
        "connect_timeout": Bound(0, what="a duration in seconds", strict=True),
        "timeout": Bound(0, what="a duration in seconds", strict=True),
        "keepalive": Bound(0, what="a duration in seconds"),
    }

    def check(self) -> None:
        """Raise ``ConfigError`` for options no connection can use."""
        if self.rename not in RENAME_MODES:
            raise ConfigError(f"rename = {self.rename!r}: expected one of {RENAME_MODES}")
        if self.passphrase_env and self.passphrase_file:
            raise ConfigError("give passphrase_env or passphrase_file, not both")

    def ssh_options(self, settings: Settings) -> SshOptions:
        """Just these options (a subclass's other fields left out), relative paths
        resolved against the configuration's base folder."""
        values = {f.name: getattr(self, f.name) for f in fields(SshOptions)}
        for key in ("known_hosts", "key_file", "passphrase_file"):
            if values[key] is not None:
                values[key] = settings.path(values[key])
        return replace(SshOptions(), **values)
