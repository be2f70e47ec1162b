"""Where ClamAV's daemon listens: the ``[antivirus]`` table of the ``antivirus`` layer.

Off unless configured: a machine without clamd processes as before, and says so at start.
Once configured, every scan must succeed: clamd down, a timeout or an error answer make
the flow a technical incident (``IN_INCIDENTE``), never a pass.

    [antivirus]
    socket = "/var/run/clamav/clamd.ctl"   # clamd's LocalSocket (Debian's clamav-daemon)
    # address = "127.0.0.1:3310"           # or its TCPSocket/TCPAddr
    timeout = 60.0

clamd refuses a stream longer than its ``StreamMaxLength`` (25 MB by default): set it at
least to ``[limits] max_file_bytes``, or large deposits become incidents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from edi.config import SECONDS, Bound, ConfigError, section


@section("antivirus")
@dataclass(frozen=True)
class AntivirusSettings:
    """socket: the path of clamd's Unix socket; address: ``host:port`` of its TCP socket
    (one of the two, or neither: off). timeout: seconds one scan may take, from connecting
    to the answer. chunk_bytes: size of the INSTREAM chunks sent."""

    socket: str = ""
    address: str = ""
    timeout: float = 60.0
    chunk_bytes: int = 65_536

    BOUNDS: ClassVar[dict[str, Bound]] = {
        "timeout": Bound(0, what=SECONDS, strict=True),
        "chunk_bytes": Bound(1024, 8_388_608, what="a size in bytes"),
    }

    def __post_init__(self) -> None:
        if self.socket and self.address:
            raise ConfigError("[antivirus] socket and address are both set; expected one: "
                              "clamd's Unix socket or its TCP address")
        if self.address:
            host, sep, port = self.address.rpartition(":")
            if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
                raise ConfigError(f"[antivirus] address: {self.address!r} is not "
                                  "'host:port'; expected e.g. '127.0.0.1:3310'")

    @property
    def enabled(self) -> bool:
        return bool(self.socket or self.address)

    @property
    def endpoint(self) -> str:
        return self.socket or self.address
