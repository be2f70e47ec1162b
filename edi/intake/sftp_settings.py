"""Settings of the SFTP intake: the partners whose outbound folders we collect from.

```toml
[[sftp_intake.partner]]
name = "acme"
url = "sftp://edi@sftp.acme.fr:22/out/factures"   # the folder polled
known_hosts = "/etc/edi/known_hosts"
key_file = "/etc/edi/keys/acme_ed25519"
interval = 60                 # seconds between polls
after = "delete"              # or "move", to move_to
reports_folder = "/out/cr"    # where comptes rendus go back (routes: reports_to_depositor)
```

Kept apart from the intake code so that loading the configuration never imports paramiko.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import ClassVar

from edi.config import Bound, ConfigError, section
from edi.routing.ssh import SshOptions

AFTER = ("delete", "move")


@dataclass(frozen=True)
class Partner(SshOptions):
    name: str = ""
    url: str = ""                    # sftp://user@host:port/folder to poll
    interface: str = ""              # the flows' interface; default "sftp:<name>"
    interval: float = 60.0           # seconds between polls of this partner
    pattern: str = "*"               # which file names to take (fnmatch); dotfiles never
    after: str = "delete"            # what happens to the remote file once recorded
    move_to: str = ""                # remote folder for after = "move"
    reports_folder: str = ""         # remote folder for comptes rendus sent back

    BOUNDS: ClassVar[dict[str, Bound]] = {
        **SshOptions.BOUNDS, "interval": Bound(0, what="a duration in seconds", strict=True)}

    @property
    def interface_name(self) -> str:
        return self.interface or f"sftp:{self.name}"

    @property
    def reports_url(self) -> str:
        """Same server and login as the polled folder, another folder."""
        head, _, _ = self.url.partition("://")
        rest = self.url[len(head) + 3:]
        authority = rest.split("/", 1)[0]
        folder = self.reports_folder
        if not folder.startswith("/"):
            folder = "/~/" + folder
        return f"sftp://{authority}{posixpath.normpath(folder)}"


@section("sftp_intake")
@dataclass(frozen=True)
class SftpIntakeSettings:
    partner: tuple[Partner, ...] = ()
    ignore_suffixes: tuple[str, ...] = (".tmp", ".part", ".filepart", ".done")

    def __post_init__(self) -> None:
        names = [p.name for p in self.partner]
        for p in self.partner:
            where = f"[[sftp_intake.partner]] {p.name!r}"
            if not p.name or names.count(p.name) > 1:
                raise ConfigError(f"{where}: each partner needs a unique name")
            if not p.url.startswith("sftp://"):
                raise ConfigError(f"{where}: url must be sftp://user@host:port/folder")
            if p.after not in AFTER:
                raise ConfigError(f"{where}: after = {p.after!r}; expected one of {AFTER}")
            if p.after == "move" and not p.move_to:
                raise ConfigError(f"{where}: after = \"move\" needs move_to")
            if p.interval <= 0:
                raise ConfigError(f"{where}: interval must be positive")
