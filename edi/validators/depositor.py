"""Who may deposit for whom: each connection deposits for the structures bound to it.

Chorus Pro refuses an invoice whose supplier is not a referenced structure ("L'identifiant
fournisseur ... n'est pas référencé"), and a partner connected for supplier A may not
deposit in the name of supplier B. This layer judges both, for the connections that
``[depositors]`` binds (``edi.validators.depositor_settings``): the seller (its SIRET,
BT-29 with scheme 0009, else its SIREN, BT-30) must be one of the structures of the
connection the flow came through (``Document.interface``: ``inbox``, ``sftp:<partner>``,
``api:<client>``), and a structure registered with ``edi structures add``.

Two cases are allowed only where configured: a self-billed invoice (BT-3 = 389), which
the buyer issues for its supplier, is judged by its buyer when the connection has
``self_billed = true``; a mandated third party deposits for the structures listed in
its ``mandated``.

Severity: no official rule set (EN 16931, BR-FR) performs this check, so it is a warning
outside the B2G Chorus Pro scenario (``[depositors] outside_b2g`` may make it fatal);
fatal in B2G, where Chorus Pro refuses an unreferenced supplier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from edi.directory.snapshot import Directory, cached
from edi.model import Finding, Reason, RuleSet, Severity
from edi.validators.chorus_settings import ChorusSettings
from edi.validators.depositor_settings import Connection, DepositorSettings
from edi.validators.identifiers import Rule

if TYPE_CHECKING:
    from lxml import etree

    from edi.config import Settings
    from edi.model import Document, Invoice

LAYER = "depositor"
SELF_BILLED = "389"
W, F = Severity.WARNING, Severity.FATAL
CHORUS_REFUSES = ("Chorus Pro refuses an invoice whose supplier is not a structure "
                  "referenced for the depositor (« L'identifiant fournisseur ... n'est pas "
                  "référencé »)")
RULES: dict[str, Rule] = {
    "DEP-FOUR-NON-REFERENCE": Rule(
        W, "L'identifiant fournisseur {supplier} ({term}) n'est pas référencé : aucune "
           "structure enregistrée sous cet identifiant (edi structures add)",
        "supplier identifier {supplier} ({term}) is not referenced: no structure is "
        "registered under it (edi structures add)", F, CHORUS_REFUSES),
    "DEP-FOUR-NON-AUTORISE": Rule(
        W, "le raccordement {connection} n'est pas habilité à déposer pour le fournisseur "
           "{supplier} ({term}) ; structures habilitées : {allowed}",
        "connection {connection} may not deposit for supplier {supplier} ({term}); it "
        "deposits for: {allowed}", F, CHORUS_REFUSES),
    "DEP-FOUR-ABSENT": Rule(
        W, "fournisseur sans SIRET (BT-29, schéma 0009) ni SIREN (BT-30) : le raccordement "
           "{connection} ne peut déposer que pour ses structures",
        "supplier has neither a SIRET (BT-29, scheme 0009) nor a SIREN (BT-30): "
        "connection {connection} deposits only for its structures", F, CHORUS_REFUSES),
    "DEP-RACCORDEMENT-INCONNU": Rule(
        W, "le raccordement {connection} n'est habilité pour aucune structure "
           "([depositors] unbound = \"refuse\")",
        "connection {connection} may deposit for no structure ([depositors] unbound = "
        "\"refuse\")", F, CHORUS_REFUSES),
}


class DepositorLayer:
    """The connection-to-structure binding, for the connections ``[depositors]`` lists."""

    name = LAYER
    reason = Reason.REJ_SEMAN

    def __init__(self, settings: Settings) -> None:
        self.settings = settings.section(DepositorSettings)
        chorus = settings.section(ChorusSettings)
        self.directory_path = settings.path(chorus.directory)
        self.reload_seconds = chorus.reload_check_seconds

    def applies(self, doc: Document) -> bool:
        """Invoices that came through a connection (not ``edi validate``'s files), when
        ``[depositors]`` binds any."""
        if doc.invoice is None or doc.interface is None or not self.settings.connection:
            return False
        return (self.settings.binding(doc.interface) is not None
                or self.settings.unbound == "refuse")

    def check(self, doc: Document, tree: etree._ElementTree | None) -> list[Finding]:
        if doc.invoice is None:
            return []
        directory = cached(self.directory_path, self.reload_seconds)
        b2g = doc.scenario is not None and doc.scenario.b2g
        connection = self.settings.binding(doc.interface)
        doc.rule_sets.append(RuleSet.of_edi(
            "Depositor binding", "edi/validators/depositor.py",
            f"{len(directory.depositors) if directory else 0} registered structure(s)",
            note=f"connection {doc.interface or '?'}: "
                 f"{_listed(connection) if connection else 'not bound'}"))
        severity = F if b2g or self.settings.outside_b2g == "fatal" else W
        return [Finding(rule_id, severity, LAYER, location, message) for
                rule_id, location, message in judge(
                    doc.invoice, doc.interface or "?", connection, directory,
                    self.settings.registered)]


def judge(invoice: Invoice, interface: str, connection: Connection | None,
          directory: Directory | None, registered: bool) -> list[tuple[str, str, str]]:
    """(rule id, location, message) of each problem: the party deposited for is not
    one of the connection's structures, or not a registered one."""
    if connection is None:
        return [_found("DEP-RACCORDEMENT-INCONNU", "BT-29", connection=interface)]
    self_billed = (invoice.type_code or "").strip() == SELF_BILLED and connection.self_billed
    if self_billed:   # the buyer issued it for its supplier: the buyer is the depositor
        siret, siren = _compact(invoice.buyer_siret), _compact(invoice.buyer_siren)
        terms = ("BT-46", "BT-47")
    else:
        siret, siren = _compact(invoice.seller_siret), _compact(invoice.seller_siren)
        terms = ("BT-29", "BT-30")
    if not siret and not siren:
        return [_found("DEP-FOUR-ABSENT", terms[0], connection=interface)]
    who, term = (siret, terms[0]) if siret else (siren, terms[1])
    if self_billed:
        term += ", self-billed invoice BT-3 = 389"
    out: list[tuple[str, str, str]] = []
    if connection.allows(siret, siren) is None:
        out.append(_found("DEP-FOUR-NON-AUTORISE", terms[0] if siret else terms[1],
                          connection=interface, supplier=who, term=term,
                          allowed=_listed(connection)))
    if registered and not _registered(directory, siret, siren):
        out.append(_found("DEP-FOUR-NON-REFERENCE", terms[0] if siret else terms[1],
                          supplier=who, term=term))
    return out


def _found(rule_id: str, location: str, **values: object) -> tuple[str, str, str]:
    return rule_id, location, RULES[rule_id].message(**values)


def _registered(directory: Directory | None, siret: str | None, siren: str | None) -> bool:
    if directory is None:
        return False
    if siret:
        return siret in directory.depositors
    return any(d.siren == siren for d in directory.depositors.values())


def _listed(connection: Connection) -> str:
    parts = list(connection.structures) + [f"{m} (mandated)" for m in connection.mandated]
    text = ", ".join(parts) or "none"
    return text + ("; self-billed invoices of these" if connection.self_billed else "")


def _compact(value: str | None) -> str | None:
    return (value or "").replace(" ", "") or None
