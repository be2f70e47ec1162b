"""A target that keeps what it receives in memory: for tests (``memory://<box>``).

Every target naming the same box shares it, in this process: a test builds a route to
``memory://out`` and reads ``BOXES["out"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from edi.routing.base import DeliveryError

if TYPE_CHECKING:
    from edi.config import Settings
    from edi.durable import DurableBatch
    from edi.routing.ssh import SshOptions

BOXES: dict[str, dict[str, bytes]] = {}
FAILING: dict[str, DeliveryError] = {}   # box -> the error every delivery to it raises


class MemoryTarget:
    def __init__(self, name: str, box: str) -> None:
        self.name = name
        self.box = box
        self.files = BOXES.setdefault(box, {})

    def deliver(self, file_name: str, content: bytes,
                batch: DurableBatch | None = None) -> None:
        if self.box in FAILING:
            raise FAILING[self.box]
        self.files[file_name] = bytes(content)

    def exists(self, file_name: str) -> bool:
        return file_name in self.files

    def check(self) -> str:
        return f"memory box with {len(self.files)} file(s)"

    def close(self) -> None:
        return None


def build(name: str, url: str, settings: Settings, ssh: SshOptions) -> MemoryTarget:
    return MemoryTarget(name, url.removeprefix("memory://"))
