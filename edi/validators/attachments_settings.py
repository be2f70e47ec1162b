"""What an attachment may be: the ``[attachments]`` table of the ``attachments`` layer.

Kept apart from ``attachments.py`` so that reading the configuration loads nothing else.

    [attachments]
    max_bytes = 10_000_000          # one attachment, decoded (Chorus Pro: 10 MB)
    max_total_bytes = 50_000_000    # all the attachments of one invoice
    max_name_length = 100
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from edi.config import BYTES, Bound, ConfigError, section

# The reform's list: the MIME codes EN 16931 allows for BT-125 (BR-CL-24, in the CEN
# and Factur-X Schematrons) and the two XML ones EXTENDED-CTC-FR adds (BR-FREXT-CL-24),
# each with the extensions a file of that type carries.
TYPES = (
    "application/pdf=.pdf",
    "image/png=.png",
    "image/jpeg=.jpg .jpeg",
    "text/csv=.csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet=.xlsx",
    "application/vnd.oasis.opendocument.spreadsheet=.ods",
    "application/xml=.xml",
    "text/xml=.xml",
)


@section("attachments")
@dataclass(frozen=True)
class AttachmentSettings:
    """Settings of the ``attachments`` layer (BG-24 in UBL and CII, a PDF's other files).

    types: ``MIME=.ext .ext`` — the allowed MIME codes, each with its extensions (default:
      the reform's list, ``TYPES``).
    max_bytes: one attachment's decoded size (default 10 MB, Chorus Pro's cap per file).
    max_total_bytes: all the attachments of one invoice together.
    max_name_length: characters of an attachment's file name (no reform figure; a
      setting).
    content_check: severity of ``ATT-CONTENT`` (bytes that are not of the declared type):
      ``warning`` by default — the reform judges the declared type and extension, and the
      official EN 16931 examples carry placeholder bytes under application/pdf (CEN's
      "Testing Base64 encoding", a PDF base64-encoded twice); ``fatal`` refuses them.
    """

    types: tuple[str, ...] = TYPES
    max_bytes: int = 10_000_000
    max_total_bytes: int = 50_000_000
    max_name_length: int = 100
    content_check: str = "warning"

    BOUNDS: ClassVar[dict[str, Bound]] = {
        "max_bytes": Bound(0, what=BYTES, strict=True),
        "max_total_bytes": Bound(0, what=BYTES, strict=True),
        "max_name_length": Bound(1, what="a number of characters"),
    }

    def __post_init__(self) -> None:
        if self.content_check not in ("fatal", "warning"):
            raise ConfigError(f"[attachments] content_check: {self.content_check!r} is not "
                              "one of ['fatal', 'warning']")
        for entry in self.types:
            mime, sep, extensions = entry.partition("=")
            if not sep or "/" not in mime or not all(
                    e.startswith(".") and len(e) > 1 for e in extensions.split()):
                raise ConfigError(f"[attachments] types: expected 'MIME=.ext .ext', got "
                                  f"{entry!r}")

    @property
    def extensions(self) -> dict[str, tuple[str, ...]]:
        """MIME code -> its extensions (lower case, with the dot)."""
        table: dict[str, tuple[str, ...]] = {}
        for entry in self.types:
            mime, _, extensions = entry.partition("=")
            table[mime.strip().lower()] = tuple(e.lower() for e in extensions.split())
        return table
