"""Detect and parse: bytes of a flow -> documents -> parsed invoices (EN 16931 terms).

Two entry points, both pure functions run inside validation workers:

- ``unpack(name, data, limits)``: one flow's bytes -> its documents (one for a plain file,
  one per member of an archive), detected by content, never by extension. Flow-level
  problems raise ``FlowError``; a member-level problem is recorded on that member's
  ``Document`` (``reason`` + finding) so the other members go on.
- ``read(doc, limits)``: the "xml" layer: extract the XML (Factur-X PDF), parse it with
  the hardened parser, detect syntax and profile, fill ``doc.invoice``; returns the tree
  the later layers judge. Raises ``FlowError``.
"""

from edi.parsers.detect import read, unpack

__all__ = ["read", "unpack"]
