"""Reports on flows: the compte rendu (CR) per flow, its renderings (``renderers``), and
text views for the command line."""

from edi.reports.compte_rendu import build, read, to_json, to_xml, write, write_many

__all__ = ["build", "read", "to_json", "to_xml", "write", "write_many"]
