"""The local-folder target: the default outbox, and any folder a route names
(``file://`` URLs and plain paths)."""

from __future__ import annotations

import errno
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from edi.durable import DurableBatch, write_atomic
from edi.routing.base import DeliveryError

if TYPE_CHECKING:
    from edi.config import Settings
    from edi.routing.ssh import SshOptions


class LocalTarget:
    def __init__(self, folder: Path, name: str = "outbox") -> None:
        self.folder = folder
        self.name = name

    def deliver(self, file_name: str, content: bytes,
                batch: DurableBatch | None = None) -> None:
        try:
            if batch is None:
                write_atomic(self.folder / file_name, content)
            else:
                batch.write(self.folder / file_name, content)
        except OSError as exc:
            # A full or read-only folder heals when ops act: retry later. Anything else
            # (a name the filesystem refuses) will not heal by waiting.
            transient = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES,
                                      errno.EPERM, errno.EIO, errno.ENOENT, errno.EBUSY)
            raise DeliveryError(f"cannot write {self.folder / file_name}: {exc.strerror}",
                                transient=transient) from exc

    def exists(self, file_name: str) -> bool:
        return (self.folder / file_name).exists()

    def check(self) -> str:
        """Prove we can write: a probe file, written then removed."""
        probe = f".edi-probe-{secrets.token_hex(4)}.part"
        self.deliver(probe, b"")
        (self.folder / probe).unlink(missing_ok=True)
        return f"{self.folder} writable"

    def close(self) -> None:
        return None

    def __repr__(self) -> str:
        return f"LocalTarget({self.folder})"


def build(name: str, url: str, settings: Settings, ssh: SshOptions) -> LocalTarget:
    if url == "outbox":
        return LocalTarget(settings.path(settings.paths.outbox), name)
    return LocalTarget(settings.path(Path(url.removeprefix("file://"))), name)
