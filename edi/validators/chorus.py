"""Chorus Pro's deposit rules: what Chorus Pro rejects although EN 16931 accepts it.

No Schematron publishes these rules: they depend on the public buyer's record in Chorus
Pro's directory (is it active, does it require an engagement number or a service code),
on the engagements it issued and on the bank accounts its suppliers declared. They are
judged against the local copy of the directory (``edi.directory``), held in memory by
each worker, so that they cost microseconds per invoice.

Rule ids are stable (``CPRO-...``) and listed with their texts in ``RULES``; a message is
"français / English" in one string, like the identifier checks'.

Length and character limits, and where they come from:
- invoice number at most 20 characters (Chorus Pro's numeroFacture limit);
- engagement number at most 50 characters (Chorus Pro release note V1.3.6, applied by
  OCA/l10n-france PR #275 "Fix max size of engagement juridique");
- service code: letters (accented ones too), digits, "_", "-" and space — the Chorus Pro
  specification quoted in akretion/factur-x-libreoffice-extension#12, where Chorus Pro
  rejected a flow with "Le champ (...BuyerReference.value) doit etre alphanumerique".

When they apply: in the B2G Chorus Pro scenario only (``doc.scenario.b2g``, decided by
``edi.validators.scenario``): a buyer that is a structure of the directory, or any buyer
of an interface declared Chorus Pro-only. A private buyer (B2B) is never judged by them.

Where the service code is read (``service_code``): BT-46 with scheme 0224, the buyer's
routing identifier of the reform — XP Z12-012 Annex B V1.4 (example UC1, p. 11): "BT-46c
Identifiant de l'acheteur (routage)", "BT-46c-1 Identifiant du schéma (routage) 0224";
BR-FR-24/BR-FR-26 check its format and length at
``cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID[@schemeID='0224']``
(CII ``ram:BuyerTradeParty/ram:GlobalID[@schemeID='0224']``) — else BT-10 (BuyerReference),
where Chorus Pro has always read it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from stdnum import iban as stdiban

from edi.directory.snapshot import Directory, cached
from edi.model import Finding, Reason, RuleSet, Severity
from edi.validators import identifiers
from edi.validators.identifiers import CHORUS_SIRET, Rule, siret_error, why
from edi.validators.scenario import Scenario, buyer_siret, policy, scenario_of

if TYPE_CHECKING:
    from lxml import etree

    from edi.config import Settings
    from edi.model import Document, Invoice

LAYER = "chorus"
MAX_NUMBER = 20
MAX_ENGAGEMENT = 50
_SERVICE_CHARS = re.compile(r"[\w\- ]+")          # \w: letters (accented too), digits, _
_CREDIT_NOTES = frozenset({"381", "261", "262", "396", "502", "503"})

F, W = Severity.FATAL, Severity.WARNING
SERVICE_0224 = (
    "the service code is BT-46 with scheme 0224 when the invoice carries one (XP Z12-012 "
    "Annex B V1.4, UC1: « BT-46c Identifiant de l'acheteur (routage) », « BT-46c-1 "
    "Identifiant du schéma (routage) 0224 »; format and length checked by BR-FR-24 and "
    "BR-FR-26), else BT-10 (BuyerReference)")
RULES: dict[str, Rule] = {
    "CPRO-NUM-LONG": Rule(
        F, "numéro de facture {value!r} : {length} caractères, Chorus Pro en accepte "
           f"{MAX_NUMBER} au plus",
        "invoice number {value!r}: {length} characters, Chorus Pro accepts at most "
        f"{MAX_NUMBER}"),
    "CPRO-ENG-LONG": Rule(
        F, "numéro d'engagement {value!r} : {length} caractères, Chorus Pro en accepte "
           f"{MAX_ENGAGEMENT} au plus",
        "engagement number {value!r}: {length} characters, Chorus Pro accepts at most "
        f"{MAX_ENGAGEMENT}"),
    "CPRO-SVC-CAR": Rule(
        F, "code service {value!r} : seuls lettres, chiffres, « _ », « - » et espace sont "
           "admis",
        "service code {value!r}: only letters, digits, '_', '-' and space are allowed"),
    "CPRO-FOUR-SIRET": Rule(
        W, "SIRET du fournisseur {value!r} invalide : {why_fr}",
        "supplier SIRET {value!r} is invalid: {why_en}", F, CHORUS_SIRET),
    "CPRO-FOUR-SIRET-ABSENT": Rule(
        W, "fournisseur établi en France sans SIRET (BT-29, schéma 0009) : Chorus Pro "
           "l'identifie par son SIRET",
        "supplier established in France without a SIRET (BT-29, scheme 0009): Chorus Pro "
        "identifies it by its SIRET"),
    "CPRO-DEST-INCONNU": Rule(
        F, "destinataire {siret} absent de l'annuaire Chorus Pro (importé le {imported})",
        "buyer {siret} is not in the Chorus Pro directory (imported {imported})"),
    "CPRO-DEST-INACTIF": Rule(
        F, "destinataire {siret} ({name}) inactif dans l'annuaire Chorus Pro",
        "buyer {siret} ({name}) is inactive in the Chorus Pro directory"),
    "CPRO-ENG-OBLIG": Rule(
        F, "le destinataire {siret} exige un numéro d'engagement (BT-13), absent",
        "buyer {siret} requires an engagement number (BT-13), none given"),
    "CPRO-SVC-OBLIG": Rule(
        F, "le destinataire {siret} exige un code service (BT-46 schéma 0224, ou BT-10), "
           "absent",
        "buyer {siret} requires a service code (BT-46 scheme 0224, or BT-10), none given",
        None, SERVICE_0224),
    "CPRO-SVC-OU-ENG": Rule(
        F, "le destinataire {siret} exige un code service (BT-46 schéma 0224, ou BT-10) ou"
           " un numéro d'engagement (BT-13) : aucun des deux",
        "buyer {siret} requires a service code (BT-46 scheme 0224, or BT-10) or an "
        "engagement number (BT-13): neither given", None, SERVICE_0224),
    "CPRO-SVC-INCONNU": Rule(
        F, "code service {code!r} ({term}) inconnu du destinataire {siret} (services "
           "connus : {known})",
        "service code {code!r} ({term}) is not a service of buyer {siret} (known "
        "services: {known})", None, SERVICE_0224),
    "CPRO-SVC-INACTIF": Rule(
        F, "service {code!r} du destinataire {siret} inactif",
        "service {code!r} of buyer {siret} is inactive"),
    "CPRO-SVC-ENG-OBLIG": Rule(
        F, "le service {code!r} du destinataire {siret} exige un numéro d'engagement "
           "(BT-13), absent",
        "service {code!r} of buyer {siret} requires an engagement number (BT-13), none "
        "given"),
    "CPRO-ENG-INCONNU": Rule(
        F, "engagement {number!r} inconnu parmi les {count} engagements du destinataire "
           "{siret}",
        "engagement {number!r} is not among the {count} engagements of buyer {siret}"),
    "CPRO-ENG-CLOS": Rule(
        F, "engagement {number!r} du destinataire {siret} non ouvert (statut {status!r})",
        "engagement {number!r} of buyer {siret} is not open (status {status!r})"),
    "CPRO-ENG-FOURN": Rule(
        F, "engagement {number!r} du destinataire {siret} émis pour le fournisseur "
           "{holder}, pas pour {supplier}",
        "engagement {number!r} of buyer {siret} was issued to supplier {holder}, not to "
        "{supplier}"),
    "CPRO-ENG-MONTANT": Rule(
        W, "montant {amount} ({basis}) supérieur au reste à facturer {remaining} de "
           "l'engagement {number!r}",
        "amount {amount} ({basis}) exceeds the remaining {remaining} of engagement "
        "{number!r}"),
    "CPRO-IBAN-NON-DECLARE": Rule(
        F, "IBAN {iban} non déclaré par le fournisseur {supplier} (comptes déclarés : "
           "{declared})",
        "IBAN {iban} is not an account declared by supplier {supplier} (declared: "
        "{declared})"),
    "CPRO-DOUBLON": Rule(
        F, "doublon : le fournisseur {supplier} a déjà déposé la facture {number!r} en "
           "{year}",
        "duplicate: supplier {supplier} already deposited invoice {number!r} in {year}"),
}


def finding(rule_id: str, location: str, **values: object) -> Finding:
    """A deposit-rule finding, as severe as the B2G scenario (the only one they judge)
    makes it."""
    rule = RULES[rule_id]
    return Finding(rule_id, rule.severity_in(True), LAYER, location, rule.message(**values))


def business_key(invoice: Invoice) -> str | None:
    """The identity Chorus Pro checks duplicates by: supplier, invoice number, year.

    Supplier identity is its SIRET, else SIREN, else VAT number, else name (upper-cased,
    spaces collapsed); the number is compared upper-cased and trimmed. None when a part
    is missing (no number or no issue date): such an invoice cannot be a duplicate.
    """
    number = _clean(invoice.number)
    year = (invoice.issue_date or "").strip()[:4]
    if not number or not (len(year) == 4 and year.isdigit()):
        return None
    for kind, value in (("SIRET", invoice.seller_siret), ("SIREN", invoice.seller_siren),
                        ("VAT", invoice.seller_vat), ("NAME", invoice.seller_name)):
        cleaned = _clean(value)
        if cleaned:
            if kind != "NAME":
                cleaned = cleaned.replace(" ", "")
            return f"{kind}:{cleaned}|{number.upper()}|{year}"
    return None


def _clean(value: str | None) -> str:
    return " ".join((value or "").split()).upper()


def service_code(invoice: Invoice) -> tuple[str, str]:
    """(service code, the term it was read from): BT-46 with scheme 0224 (the reform's
    routing code, see the module docstring), else BT-10; ("", "BT-10") when neither."""
    routing = (invoice.buyer_routing_code or "").strip()
    if routing:
        return routing, "BT-46"
    return (invoice.buyer_reference or "").strip(), "BT-10"


class ChorusLayer:
    """Chorus Pro's deposit rules, for the invoices of the configured scenario."""

    name = LAYER
    reason = Reason.REJ_SEMAN

    def __init__(self, settings: Settings) -> None:
        self.policy = policy(settings)
        self.settings = self.policy.chorus
        self.directory_path = self.policy.directory_path
        self.with_identifiers = (self.settings.identifiers
                                 and "identifiers" not in settings.validation.layers)

    def directory(self) -> Directory | None:
        return cached(self.directory_path, self.settings.reload_check_seconds)

    def scenario(self, doc: Document) -> Scenario | None:
        """The invoice's scenario: ``doc.scenario`` as ``validate()`` decided it, or
        decided here when the layer is used on its own."""
        if doc.scenario is not None:
            return doc.scenario
        return scenario_of(doc, self.policy, self.directory())

    def applies(self, doc: Document) -> bool:
        scenario = self.scenario(doc)
        return scenario is not None and scenario.b2g

    def check(self, doc: Document, tree: etree._ElementTree | None) -> list[Finding]:
        invoice = doc.invoice
        if invoice is None:
            return []
        directory = self.directory()
        scenario = self.scenario(doc)
        doc.rule_sets.append(self.rule_set(directory, scenario))
        out = check_invoice(invoice, directory, self.settings.engagement_amount,
                            scenario.structure if scenario is not None else None)
        if self.with_identifiers:
            out += identifiers.check_invoice(invoice, tree, b2g=True)
        return out

    def rule_set(self, directory: Directory | None, scenario: Scenario | None = None) -> RuleSet:
        name = scenario.name if scenario is not None else self.settings.scenario
        if directory is None:
            return RuleSet.of_edi("Chorus Pro deposit rules", "edi/validators/chorus.py",
                                  note=f"scenario: {name}; no directory loaded: directory "
                                       "rules skipped")
        return RuleSet.of_edi("Chorus Pro deposit rules", "edi/validators/chorus.py",
                              f"Chorus Pro directory imported {directory.imported_at}, "
                              f"{len(directory.structures)} structures",
                              note=f"scenario: {name}")


def check_invoice(invoice: Invoice, directory: Directory | None,
                  amount_basis: str = "with_vat",
                  structure: str | None = None) -> list[Finding]:
    """All deposit-rule findings of one invoice; directory rules only with a directory,
    against the buyer's SIRET, else ``structure`` (the scenario's: the one structure of
    a buyer known by its SIREN only)."""
    out: list[Finding] = []
    number = invoice.number or ""
    if len(number) > MAX_NUMBER:
        out.append(finding("CPRO-NUM-LONG", "BT-1", value=number, length=len(number)))
    po = (invoice.purchase_order or "").strip()
    if len(po) > MAX_ENGAGEMENT:
        out.append(finding("CPRO-ENG-LONG", "BT-13", value=po, length=len(po)))
    reference = (invoice.buyer_reference or "").strip()
    if reference and not _SERVICE_CHARS.fullmatch(reference):
        out.append(finding("CPRO-SVC-CAR", "BT-10", value=reference))
    out += _supplier(invoice)
    siret = buyer_siret(invoice) or structure
    if directory is not None and siret is not None:
        out += _directory_rules(invoice, directory, siret, po, service_code(invoice),
                                amount_basis)
    return out


def _supplier(invoice: Invoice) -> list[Finding]:
    siret = (invoice.seller_siret or "").replace(" ", "")
    if siret:
        error = siret_error(siret)
        if error is not None:
            return [finding("CPRO-FOUR-SIRET", "BT-29", value=invoice.seller_siret,
                            **why(error))]
        return []
    if (invoice.seller_country or "").upper() == "FR":
        return [finding("CPRO-FOUR-SIRET-ABSENT", "BT-29")]
    return []


def _directory_rules(invoice: Invoice, d: Directory, siret: str, po: str,
                     service_term: tuple[str, str], amount_basis: str) -> list[Finding]:
    service, term = service_term
    structure = d.structures.get(siret)
    if structure is None:
        return [finding("CPRO-DEST-INCONNU", "BT-46", siret=siret, imported=d.imported_at)]
    if not structure.active:
        return [finding("CPRO-DEST-INACTIF", "BT-46", siret=siret, name=structure.name)]
    out: list[Finding] = []
    if structure.gestion_engagement and not po:
        out.append(finding("CPRO-ENG-OBLIG", "BT-13", siret=siret))
    if structure.gestion_service and not service:
        out.append(finding("CPRO-SVC-OBLIG", term, siret=siret))
    if structure.gestion_service_engagement and not service and not po:
        out.append(finding("CPRO-SVC-OU-ENG", term, siret=siret))
    services = d.services.get(siret, {})
    manages_services = (structure.gestion_service or structure.gestion_service_engagement
                        or bool(services))
    if service and manages_services:
        known = services.get(service)
        if known is None:
            listed = ", ".join(sorted(services)[:10]) or "-"
            out.append(finding("CPRO-SVC-INCONNU", term, code=service, term=term,
                               siret=siret, known=listed))
        elif not known.active:
            out.append(finding("CPRO-SVC-INACTIF", term, code=service, siret=siret))
        elif known.engagement_required and not po:
            out.append(finding("CPRO-SVC-ENG-OBLIG", "BT-13", code=service, siret=siret))
    if po:
        out += _engagement(invoice, d, siret, po, amount_basis)
    out += _account(invoice, d)
    return out


def _engagement(invoice: Invoice, d: Directory, siret: str, po: str,
                amount_basis: str) -> list[Finding]:
    engagements = d.engagements.get(siret)
    if not engagements:   # this buyer's engagements are not known: nothing to say
        return []
    e = engagements.get(po)
    if e is None:
        return [finding("CPRO-ENG-INCONNU", "BT-13", number=po, count=len(engagements),
                        siret=siret)]
    if not e.open:
        return [finding("CPRO-ENG-CLOS", "BT-13", number=po, siret=siret, status=e.status)]
    seller_siret = (invoice.seller_siret or "").replace(" ", "") or None
    seller_siren = (invoice.seller_siren or "").replace(" ", "") or None
    if not e.for_supplier(seller_siret, seller_siren):
        return [finding("CPRO-ENG-FOURN", "BT-13", number=po, siret=siret,
                        holder=e.supplier, supplier=seller_siret or seller_siren or "?")]
    if e.amount is not None and (invoice.type_code or "380") not in _CREDIT_NOTES:
        raw = invoice.total_with_vat if amount_basis == "with_vat" else \
            invoice.total_without_vat
        amount = _decimal(raw)
        if amount is not None and amount > e.amount:
            basis = "BT-112 TTC / incl. VAT" if amount_basis == "with_vat" else \
                "BT-109 HT / excl. VAT"
            return [finding("CPRO-ENG-MONTANT", "BT-112" if amount_basis == "with_vat"
                            else "BT-109", amount=amount, basis=basis,
                            remaining=e.amount, number=po)]
    return []


def _account(invoice: Invoice, d: Directory) -> list[Finding]:
    if not invoice.iban or not d.accounts:
        return []
    seller_siret = (invoice.seller_siret or "").replace(" ", "") or None
    seller_siren = (invoice.seller_siren or "").replace(" ", "") or None
    declared = d.declared_accounts(seller_siret, seller_siren)
    iban = stdiban.compact(invoice.iban)
    if declared and iban not in declared:
        return [finding("CPRO-IBAN-NON-DECLARE", "BT-84", iban=iban,
                        supplier=seller_siret or seller_siren,
                        declared=", ".join(sorted(declared)))]
    return []


def _decimal(value: str | None) -> Decimal | None:
    try:
        return Decimal(value) if value else None
    except InvalidOperation:
        return None
