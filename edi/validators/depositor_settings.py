"""Which structures each connection may deposit for: settings of the ``depositor`` layer.

A connection is the interface a flow came through, as the ledger and the compte rendu
name it: ``inbox``, ``sftp:<partner>`` (or the partner's own ``interface``), and for the Flow
Service ``api:<client>`` (``[[flow_service.client]] name``; the ledger's interface is ``api``,
the client is in its source). A plain ``api`` binds every client without a binding of its own.

```toml
[depositors]
unbound = "any"          # a connection not listed below: "any" (not checked) or "refuse"
registered = true        # the seller must also be a structure of `edi structures add`
outside_b2g = "warning"  # severity outside the B2G Chorus Pro scenario ("fatal" to refuse)

[[depositors.connection]]
name = "sftp:acme"
structures = ["41234567800014"]   # SIRETs, or SIRENs (every establishment of it)
mandated = ["52345678900011"]     # structures it deposits for as their mandated third party
self_billed = true                # self-billed invoices (BT-3 = 389): the buyer is ours
```

With no connection listed the layer does not apply: every existing installation goes on
as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from edi.config import ConfigError, section

UNBOUND = ("any", "refuse")
SEVERITIES = ("warning", "fatal")


@dataclass(frozen=True)
class Connection:
    name: str = ""
    structures: tuple[str, ...] = ()
    mandated: tuple[str, ...] = ()
    self_billed: bool = False

    def __post_init__(self) -> None:
        where = f"[[depositors.connection]] {self.name!r}"
        if not self.name:
            raise ConfigError("[[depositors.connection]] name: empty; expected the interface "
                              "a flow comes through (inbox, sftp:<partner>, api:<client>)")
        for value in (*self.structures, *self.mandated):
            compact = value.replace(" ", "")
            if not compact.isdigit() or len(compact) not in (9, 14):
                raise ConfigError(f"{where}: {value!r} is neither a SIRET (14 digits) nor a "
                                  "SIREN (9 digits)")

    def allows(self, siret: str | None, siren: str | None) -> str | None:
        """How this connection may deposit for a party identified by ``siret`` and/or
        ``siren``: "structure", "mandated", or None when it may not."""
        for kind, listed in (("structure", self.structures), ("mandated", self.mandated)):
            if any(_matches(value.replace(" ", ""), siret, siren) for value in listed):
                return kind
        return None


def _matches(entry: str, siret: str | None, siren: str | None) -> bool:
    """A SIRET entry is that establishment (a SIREN-only party matches its SIREN); a
    SIREN entry is every establishment of the company."""
    if len(entry) == 14:
        return entry == siret if siret else entry[:9] == siren
    return entry in {siren, siret[:9] if siret else None}


@section("depositors")
@dataclass(frozen=True)
class DepositorSettings:
    """Settings of the ``depositor`` layer (see the module docstring)."""

    connection: tuple[Connection, ...] = ()
    unbound: str = "any"
    registered: bool = True
    outside_b2g: str = "warning"

    def __post_init__(self) -> None:
        if self.unbound not in UNBOUND:
            raise ConfigError(f"[depositors] unbound: {self.unbound!r} is not one of "
                              f"{', '.join(UNBOUND)}")
        if self.outside_b2g not in SEVERITIES:
            raise ConfigError(f"[depositors] outside_b2g: {self.outside_b2g!r} is not one of "
                              f"{', '.join(SEVERITIES)}")
        names = [c.name for c in self.connection]
        for name in names:
            if names.count(name) > 1:
                raise ConfigError(f"[[depositors.connection]] {name!r}: listed twice")

    def binding(self, interface: str | None) -> Connection | None:
        """The connection's own binding; for a Flow Service client (``api:<client>``)
        without one, the binding of plain ``api``, which every client shares."""
        for name in family(interface):
            for c in self.connection:
                if c.name == name:
                    return c
        return None


def family(interface: str | None) -> tuple[str, ...]:
    """The names a setting may give a connection, its own first: ``api:<client>`` is also
    ``api`` (every Flow Service client); any other connection only its own name."""
    if interface is None:
        return ()
    head, sep, client = interface.partition(":")
    return (interface, head) if head == "api" and sep and client else (interface,)
