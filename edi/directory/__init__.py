"""A local copy of Chorus Pro's public directory, with engagements and bank accounts.

Imports (``import_directory``, ``import_orders``, ``import_accounts``) each replace the one
SQLite store atomically; the deposit rules read it through ``cached``, which keeps it in
memory per process so that no lookup touches the disk.

The names below are imported from their modules on first use, not with the package: the
configuration check imports ``edi.directory.lines`` (the routes' directory of lines),
which must not bring in the orders import and, through it, the invoice parsers and pypdf
before a batch run has started its workers (they are then imported while the workers
start).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from edi.directory.accounts import AccountsImport, import_accounts
    from edi.directory.csvfile import DirectoryError
    from edi.directory.orders import OrdersImport, import_orders
    from edi.directory.snapshot import Directory, Engagement, Service, Structure, cached, load
    from edi.directory.structures import DirectoryImport, import_directory

_MODULES = {
    "AccountsImport": "accounts", "import_accounts": "accounts",
    "DirectoryError": "csvfile",
    "OrdersImport": "orders", "import_orders": "orders",
    "Directory": "snapshot", "Engagement": "snapshot", "Service": "snapshot",
    "Structure": "snapshot", "cached": "snapshot", "load": "snapshot",
    "DirectoryImport": "structures", "import_directory": "structures",
}

__all__ = [
    "AccountsImport", "Directory", "DirectoryError", "DirectoryImport", "Engagement",
    "OrdersImport", "Service", "Structure", "cached", "import_accounts", "import_directory",
    "import_orders", "load",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'edi.directory' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"edi.directory.{module}"), name)
    globals()[name] = value
    return value
