"""Whether the buyer can be addressed: a directory line in effect for it.

Under the reform an invoice reaches its buyer through the platform its directory line
names (``edi directory import-lines``, ``edi.directory.lines``). When lines are loaded, an
in-scope invoice (scenario B2B domestic or B2G Chorus Pro: a French seller and a French
buyer identified by its SIRET or SIREN) whose buyer has no line in effect today cannot be
delivered: the platform rejects it, status 213 *Rejetée* with reason DEST_INC
(« destinataire inconnu », one of the reasons BR-FR-CDV-CL-09 allows for status 213).

What is not judged: out-of-scope invoices (a foreign party, a buyer without identifier:
B2C) have no line and need none; a buyer known by neither a SIRET nor a SIREN (a VAT
number, a routing code alone) cannot be looked up, so nothing is said; nor is anything
said while no directory line is loaded (a store holding only the Chorus Pro structures).

Severity: fatal. No official rule set (EN 16931, BR-FR) performs the check, but the
scenarios it runs in say otherwise: the reform's lifecycle makes an unknown recipient a
rejection (DEST_INC), and a line directory that is loaded is the one routing trusts. The
invoice's reason is DEST_INC (BR-FR-CDV-CL-09; a 213 Rejetée may carry it, BR-FR-CDV-15).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from edi.directory.lines import buyer_ids, cached_index
from edi.model import Finding, Reason, RuleSet, Severity
from edi.validators.chorus_settings import ChorusSettings
from edi.validators.identifiers import Rule
from edi.validators.scenario import OUT_OF_SCOPE

if TYPE_CHECKING:
    from lxml import etree

    from edi.config import Settings
    from edi.model import Document

LAYER = "recipient"
F = Severity.FATAL
RULES: dict[str, Rule] = {
    "DIR-DEST-INC": Rule(
        F, "destinataire inconnu (DEST_INC) : l'acheteur {buyer} ({term}) n'a aucune "
           "ligne d'annuaire en vigueur le {day} (annuaire importé le {imported})",
        "unknown recipient (DEST_INC): buyer {buyer} ({term}) has no directory line in "
        "effect on {day} (directory lines imported {imported})", None,
        "fatal in the B2B domestic and B2G scenarios, the only ones it judges: no official "
        "rule set performs it, but the reform rejects an invoice whose recipient has no "
        "directory line (status 213, reason DEST_INC, BR-FR-CDV-CL-09)"),
}


class RecipientLayer:
    """A directory line in effect for the buyer of an in-scope invoice."""

    name = LAYER
    reason = Reason.DEST_INC

    def __init__(self, settings: Settings) -> None:
        chorus = settings.section(ChorusSettings)
        self.directory_path = settings.path(chorus.directory)
        self.reload_seconds = chorus.reload_check_seconds

    def applies(self, doc: Document) -> bool:
        """In-scope invoices (B2B domestic, B2G), when directory lines are loaded."""
        if doc.invoice is None or doc.scenario is None or doc.scenario.name == OUT_OF_SCOPE:
            return False
        return cached_index(self.directory_path, self.reload_seconds).loaded

    def check(self, doc: Document, tree: etree._ElementTree | None) -> list[Finding]:
        if doc.invoice is None:
            return []
        index = cached_index(self.directory_path, self.reload_seconds)
        siret, siren, term = buyer_ids(doc.invoice.buyer_siret, doc.invoice.buyer_siren)
        doc.rule_sets.append(RuleSet.of_edi(
            "Directory lines", "edi/validators/recipient.py",
            f"{index.count} directory line(s) imported {index.imported_at}"))
        if siret is None and siren is None:
            return []
        today = date.today()
        if index.for_buyer(siret, siren, today):
            return []
        message = RULES["DIR-DEST-INC"].message(
            buyer=siret or siren, term=term, day=today.isoformat(),
            imported=index.imported_at)
        return [Finding("DIR-DEST-INC", F, LAYER, term, message)]
