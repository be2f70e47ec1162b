"""What every delivery target is: deliver a named file atomically, tell if it is there,
prove it can be written, close. Kinds of targets are found by scheme in ``targets``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from edi.model import EdiError

if TYPE_CHECKING:
    from edi.durable import DurableBatch


class DeliveryError(EdiError):
    """A technical failure to deliver; ``transient`` failures are retried with backoff.

    ``uncertain`` means the outcome is unknown (connection lost after the final rename was
    sent): the retry must check ``exists`` before sending again.
    """

    def __init__(self, message: str, *, transient: bool = True, uncertain: bool = False):
        super().__init__(message)
        self.transient = transient
        self.uncertain = uncertain


class Target(Protocol):
    name: str        # as shown in reports and the ledger, e.g. "outbox" or "sftp://p@h/in"

    def deliver(self, file_name: str, content: bytes,
                batch: DurableBatch | None = None) -> None:
        """Write ``content`` as ``file_name``: temporary name, durable, then atomic rename.

        A local target may join ``batch`` instead (the file appears when the batch
        commits, before the ledger records it); a remote target delivers at once.
        """

    def exists(self, file_name: str) -> bool:
        """Whether ``file_name`` is already at the target (a redo must not send it twice)."""

    def check(self) -> str:
        """Prove the target can be written (`edi routes test`); says what was proven,
        raises ``DeliveryError`` otherwise."""

    def close(self) -> None: ...
