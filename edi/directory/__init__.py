"""A local copy of Chorus Pro's public directory, with engagements and bank accounts.

Imports (``import_directory``, ``import_orders``, ``import_accounts``) each replace the one
SQLite store atomically; the deposit rules read it through ``cached``, which keeps it in
memory per process so that no lookup touches the disk.
"""

from edi.directory.accounts import AccountsImport, import_accounts
from edi.directory.csvfile import DirectoryError
from edi.directory.orders import OrdersImport, import_orders
from edi.directory.snapshot import Directory, Engagement, Service, Structure, cached, load
from edi.directory.structures import DirectoryImport, import_directory

__all__ = [
    "AccountsImport", "Directory", "DirectoryError", "DirectoryImport", "Engagement",
    "OrdersImport", "Service", "Structure", "cached", "import_accounts", "import_directory",
    "import_orders", "load",
]
