"""Identifier checks: SIREN, SIRET, French VAT key, IBAN, BIC — all by python-stdnum.

Check digits are stdnum's business, not ours: it knows, for instance, that La Poste's
SIRETs (SIREN 356000000) follow a sum-of-digits rule instead of Luhn. This module only
decides *which* values to check, names the rule each failure breaks and says where.

Messages are bilingual in one string, "français / English", because the same compte
rendu is read by French ops people and by foreign depositors.

Severity: no official rule set (EN 16931, BR-FR) checks check digits, so every finding
here is a **warning** by default: our verdict must not be harsher than the receiving
platforms'. A rule is fatal only in a scenario that makes it so, with the text that says
so (``Rule.b2g``, ``Rule.basis``; ``edi rules ID-SIRET`` shows it): in the B2G Chorus Pro
scenario (``edi.validators.scenario``), Chorus Pro checks a supplier's SIRET against its
INSEE-fed référentiel and the syntax of IBANs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree
from stdnum import bic as stdbic
from stdnum import iban as stdiban
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)
from stdnum.fr import siren as stdsiren
from stdnum.fr import siret as stdsiret
from stdnum.fr import tva as stdtva

from edi.model import Finding, Reason, RuleSet, Severity
from edi.namespaces import NS

if TYPE_CHECKING:
    from edi.config import Settings
    from edi.model import Document, Invoice

LAYER = "identifiers"


class Rule(NamedTuple):
    """One catalogue entry: severity and the message template in both languages.

    ``severity`` is the default one; ``b2g`` the severity in the B2G Chorus Pro scenario
    when it differs, ``basis`` the text that says Chorus Pro decides so (or why not).
    """

    severity: Severity
    fr: str
    en: str
    b2g: Severity | None = None
    basis: str = ""

    def message(self, **values: object) -> str:
        return f"{self.fr.format(**values)} / {self.en.format(**values)}"

    def severity_in(self, b2g: bool) -> Severity:
        """The severity in a B2G Chorus Pro scenario (``b2g``) or any other."""
        return self.b2g if b2g and self.b2g is not None else self.severity

    def catalogue_entry(self) -> tuple[str, str, str]:
        """(severity, text, note) as ``edi rules`` lists it."""
        note = self.basis
        if self.b2g is not None and self.b2g is not self.severity:
            note = (f"{self.severity} by default: no official rule set (EN 16931, BR-FR) "
                    f"performs this check; {self.b2g} in the B2G Chorus Pro scenario: "
                    f"{self.basis}")
        return str(self.severity), f"{self.fr} / {self.en}", note


OWN_CHECK = ("a warning in every scenario: no official rule set (EN 16931, BR-FR) "
             "performs this check, and no Chorus Pro text we can cite makes it fatal")

# The texts that make a check fatal for Chorus Pro (the B2G scenario), cited in `edi rules`.
CHORUS_SIRET = (
    "Chorus Pro checks a supplier's SIRET against its référentiel of structures, updated "
    "from INSEE's data, and addresses a public buyer by the SIRET of its directory entry "
    "(DGCL, collectivites-locales.gouv.fr, « L'identification d'une collectivité ou d'un "
    "fournisseur dans Chorus Pro »): a SIRET with wrong check digits is in neither")
CHORUS_IBAN = (
    "Chorus Pro controls the syntax of IBANs (Dossier de spécifications externes Chorus "
    "Pro, Annexe EDI « Description des formats sémantiques et syntaxiques », § 5, control "
    "redefined in V4.20 of 01/03/2019; bank details rules G1.16 to G1.19, V4.21 of "
    "24/12/2021)")
CHORUS_VAT = (
    "Chorus Pro checks that an intra-community VAT number is present, not whether it is "
    "right (DGCL, collectivites-locales.gouv.fr, same page): a warning in every scenario")


RULES: dict[str, Rule] = {
    "ID-SIREN": Rule(
        Severity.WARNING,
        "SIREN {value!r} ({term}) invalide : {why_fr}",
        "SIREN {value!r} ({term}) is invalid: {why_en}",
        None, OWN_CHECK),
    "ID-SIRET": Rule(
        Severity.WARNING,
        "SIRET {value!r} ({term}) invalide : {why_fr}",
        "SIRET {value!r} ({term}) is invalid: {why_en}",
        Severity.FATAL, CHORUS_SIRET),
    "ID-SIRET-SIREN": Rule(
        Severity.WARNING,
        "le SIRET {siret} ({term}) ne commence pas par le SIREN {siren} de la même partie",
        "SIRET {siret} ({term}) does not start with the same party's SIREN {siren}",
        None, OWN_CHECK),
    "ID-TVA-FR": Rule(
        Severity.WARNING,
        "numéro de TVA français {value!r} ({term}) invalide : {why_fr}",
        "French VAT number {value!r} ({term}) is invalid: {why_en}",
        None, CHORUS_VAT),
    "ID-TVA-SIREN": Rule(
        Severity.WARNING,
        "le numéro de TVA {vat} ({term}) ne contient pas le SIREN {siren} de la même partie",
        "VAT number {vat} ({term}) does not contain the same party's SIREN {siren}",
        None, OWN_CHECK),
    "ID-IBAN": Rule(
        Severity.WARNING,
        "le compte {value!r} a la forme d'un IBAN mais est invalide : {why_fr}",
        "account {value!r} looks like an IBAN but is invalid: {why_en}",
        Severity.FATAL, CHORUS_IBAN),
    "ID-IBAN-58": Rule(
        Severity.WARNING,
        "moyen de paiement 58 (virement SEPA) : le compte BT-84 doit être un IBAN valide,"
        " trouvé {value!r} ({why_fr})",
        "payment means 58 (SEPA credit transfer): account BT-84 must be a valid IBAN,"
        " found {value!r} ({why_en})",
        Severity.FATAL, CHORUS_IBAN),
    "ID-BIC": Rule(
        Severity.WARNING,
        "BIC {value!r} invalide : {why_fr}",
        "BIC {value!r} is invalid: {why_en}",
        None, OWN_CHECK),
}

_WHY: dict[type[ValidationError], tuple[str, str]] = {
    InvalidChecksum: ("clé de contrôle fausse", "wrong check digits"),
    InvalidLength: ("longueur incorrecte", "wrong length"),
    InvalidFormat: ("format incorrect", "wrong format"),
    InvalidComponent: ("composant inconnu (pays, banque)", "unknown component (country, bank)"),
}

# Something that reads as an IBAN: country letters, two check digits, 11-30 alphanumerics.
_IBAN_SHAPE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")

# Every place an invoice carries a bank account (UBL and CII), and those that are IBANs
# by definition (CII IBANID); the others are checked only when they look like an IBAN.
# Anchored paths, not "//": a scan of the whole tree would cost more than all the rules.
_UBL_PM = "/*/cac:PaymentMeans/"
_CII_PM = ("/*/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
           "ram:SpecifiedTradeSettlementPaymentMeans/")
_ACCOUNTS = etree.XPath(" | ".join([
    _UBL_PM + "cac:PayeeFinancialAccount/cbc:ID",
    _UBL_PM + "cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID",
    _CII_PM + "ram:PayeePartyCreditorFinancialAccount/ram:IBANID",
    _CII_PM + "ram:PayeePartyCreditorFinancialAccount/ram:ProprietaryID",
    _CII_PM + "ram:PayerPartyDebtorFinancialAccount/ram:IBANID"]), namespaces=NS)
_BICS = etree.XPath(" | ".join([
    _UBL_PM + "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID",
    _CII_PM + "ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID"]), namespaces=NS)

SEPA_CREDIT_TRANSFER = "58"


def finding(rule_id: str, location: str, layer: str = LAYER, b2g: bool = False,
            **values: object) -> Finding:
    """A finding of catalogue rule ``rule_id`` (from this module's RULES), as severe as
    the scenario makes it (``b2g``: the B2G Chorus Pro scenario)."""
    rule = RULES[rule_id]
    return Finding(rule_id, rule.severity_in(b2g), layer, location, rule.message(**values))


def why(exc: ValidationError) -> dict[str, str]:
    """The reason stdnum gave, in both languages, as template values."""
    for cls, (fr, en) in _WHY.items():
        if isinstance(exc, cls):
            return {"why_fr": fr, "why_en": en}
    return {"why_fr": str(exc), "why_en": str(exc)}


_VALIDATE = {"siren": stdsiren.validate, "siret": stdsiret.validate,
             "tva": stdtva.validate, "iban": stdiban.validate, "bic": stdbic.validate}


@lru_cache(maxsize=65536)
def checked(kind: str, value: str) -> tuple[str | None, ValidationError | None]:
    """stdnum's verdict on ``value``: (compact form, None) or (None, why it is wrong).

    Memoised per process: a batch repeats the same suppliers' SIRETs, IBANs and BICs, and
    stdnum's character-by-character cleaning is most of what these checks cost.
    """
    try:
        return _VALIDATE[kind](value), None
    except ValidationError as exc:
        return None, exc


def siret_error(value: str) -> ValidationError | None:
    """Why ``value`` is not a valid SIRET (None when it is)."""
    return checked("siret", value)[1]


def is_siret(value: str | None) -> bool:
    return bool(value) and siret_error(value) is None  # type: ignore[arg-type]


def looks_like_iban(value: str) -> bool:
    return _IBAN_SHAPE.fullmatch(value.replace(" ", "").upper()) is not None


def check_invoice(invoice: Invoice, tree: etree._ElementTree | None = None,
                  layer: str = LAYER, b2g: bool = False) -> list[Finding]:
    """All identifier findings of one invoice, in document order of the terms; warnings,
    except those the B2G Chorus Pro scenario (``b2g``) makes fatal (``Rule.b2g``)."""
    out: list[Finding] = []
    out += _party(invoice.seller_siren, invoice.seller_siret, invoice.seller_vat,
                  invoice.seller_country, ("BT-30", "BT-29", "BT-31"), layer, b2g)
    out += _party(invoice.buyer_siren, invoice.buyer_siret, invoice.buyer_vat,
                  invoice.buyer_country, ("BT-47", "BT-46", "BT-48"), layer, b2g)
    out += _accounts(invoice, tree, layer, b2g)
    return out


def _party(siren: str | None, siret: str | None, vat: str | None, country: str | None,
           terms: tuple[str, str, str], layer: str, b2g: bool) -> list[Finding]:
    out: list[Finding] = []
    siren_term, siret_term, vat_term = terms
    french = country in (None, "", "FR")
    good_siren: str | None = None
    if siren and french:
        compact = stdsiren.compact(siren)
        if len(compact) == 14 and compact.isdigit():  # a SIRET given as legal identifier
            error = siret_error(compact)
            if error is not None:
                out.append(finding("ID-SIRET", siren_term, layer, b2g, value=siren,
                                   term=siren_term, **why(error)))
            else:
                good_siren = compact[:9]
        else:
            good_siren, exc = checked("siren", compact)
            if exc is not None:
                out.append(finding("ID-SIREN", siren_term, layer, b2g, value=siren,
                                   term=siren_term, **why(exc)))
    if siret:
        compact = stdsiret.compact(siret)
        error = siret_error(compact)
        if error is not None:
            out.append(finding("ID-SIRET", siret_term, layer, b2g, value=siret, term=siret_term,
                               **why(error)))
        elif good_siren and not compact.startswith(good_siren):
            out.append(finding("ID-SIRET-SIREN", siret_term, layer, b2g, siret=compact,
                               siren=good_siren, term=siret_term))
        elif good_siren is None:
            good_siren = compact[:9]
    if vat and vat.strip().upper().startswith("FR"):  # stdnum's compact drops the "FR"
        number, exc = checked("tva", vat)
        if exc is not None or number is None:
            out.append(finding("ID-TVA-FR", vat_term, layer, b2g, value=vat, term=vat_term,
                               **why(exc)))  # type: ignore[arg-type]
        else:
            body = number[2:]
            if good_siren and body.isdigit() and body != good_siren:
                out.append(finding("ID-TVA-SIREN", vat_term, layer, b2g, vat=number,
                                   siren=good_siren, term=vat_term))
    return out


def _accounts(invoice: Invoice, tree: etree._ElementTree | None,
              layer: str, b2g: bool) -> list[Finding]:
    out: list[Finding] = []
    accounts: list[tuple[str, str, bool]] = []   # value, location, is BT-84 of means 58
    bics: list[tuple[str, str]] = []
    if tree is not None:
        for el in _ACCOUNTS(tree):
            value = (el.text or "").strip()
            if value:
                accounts.append((value, tree.getpath(el), _is_payee(el)))
        for el in _BICS(tree):
            value = (el.text or "").strip()
            if value:
                bics.append((value, tree.getpath(el)))
    if not accounts and invoice.iban:
        accounts.append((invoice.iban, "BT-84", True))
    if not bics and invoice.bic:
        bics.append((invoice.bic, "BT-86"))

    sepa = (invoice.payment_means or "").strip() == SEPA_CREDIT_TRANSFER
    if sepa and not any(payee for _, _, payee in accounts):
        out.append(finding("ID-IBAN-58", "BT-84", layer, b2g, value="",
                           why_fr="compte absent", why_en="no account"))
    for value, location, payee in accounts:
        iban_by_definition = location.endswith("IBANID")
        if not (iban_by_definition or looks_like_iban(value) or (sepa and payee)):
            continue
        exc = checked("iban", value)[1]
        if exc is not None:
            rule = "ID-IBAN-58" if sepa and payee else "ID-IBAN"
            out.append(finding(rule, location, layer, b2g, value=value, **why(exc)))
    for value, location in bics:
        exc = checked("bic", value)[1]
        if exc is not None:
            out.append(finding("ID-BIC", location, layer, b2g, value=value, **why(exc)))
    return out


def _is_payee(el: etree._Element) -> bool:
    parent = el.getparent()
    return parent is not None and etree.QName(parent).localname in (
        "PayeeFinancialAccount", "PayeePartyCreditorFinancialAccount")


class IdentifiersLayer:
    """The identifier checks as a validation layer of their own (every invoice)."""

    name = LAYER
    reason = Reason.REJ_SEMAN

    def __init__(self, settings: Settings | None = None) -> None:
        import stdnum

        self.rule_set = RuleSet.of_edi("Identifiers", "edi/validators/identifiers.py",
                                       f"python-stdnum {stdnum.__version__}")

    def applies(self, doc: Document) -> bool:
        return doc.invoice is not None

    def check(self, doc: Document, tree: etree._ElementTree | None) -> list[Finding]:
        if doc.invoice is None:
            return []
        doc.rule_sets.append(self.rule_set)
        b2g = doc.scenario is not None and doc.scenario.b2g
        return check_invoice(doc.invoice, tree, b2g=b2g)
