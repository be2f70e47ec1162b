"""Which rules judge an invoice, and why: its scenario, decided once, before the layers run.

As in KoSIT's validator, a scenario is data, not code scattered in the layers: it is
decided from what we hold (the invoice's parties, the flow's interface, the loaded Chorus
Pro directory, the configuration) and every layer reads it from ``doc.scenario``; the
compte rendu names it and says why.

- **B2G Chorus Pro**: the buyer is a structure of the loaded Chorus Pro directory, found
  by its SIRET (BT-46 with scheme 0009, or a 14-digit BT-47) or by its SIREN (BT-47, or
  the SIRET's first nine digits). Chorus Pro's deposit rules judge it (``chorus`` layer),
  and some identifier checks become fatal (each citing the text that says Chorus Pro
  refuses it, see ``identifiers.Rule.b2g``). A deployment may declare an interface
  Chorus Pro-only (``[chorus] applies = "always"``, ``by_interface = ["chorus=always"]``):
  there every invoice is B2G, and an unknown buyer stays ``CPRO-DEST-INCONNU``.
- **B2B domestic**: a French seller and a French buyer absent from the directory: a private
  company, reached through its platform (PA). The reform's rules (BR-FR) judge it, not
  Chorus Pro's (no ``CPRO-DEST-INCONNU``, no 20-character invoice number limit).
- **out of scope**: outside the French e-invoicing obligation: a seller or buyer not
  established in France (``[schematron] french_countries``), or a buyer carrying no
  identifier at all and no "BAR" note (B2C). FNFE's explanatory note (V1.4.0, §2.1) limits
  the BR-FR rules to invoices "émises par un assujetti à la TVA établi en France", and
  Flux 2 is the domestic B2B flow: BR-FR does not judge these (with the default
  ``french_rules = "domestic"``).

``Scenario.french_rules`` is the one decision of whether BR-FR judges an invoice's
parties (the profile test stays the br-fr layer's); ``Scenario.b2g`` whether the Chorus
Pro deposit rules do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from edi.directory.snapshot import Directory, cached
from edi.validators.chorus_settings import ChorusSettings
from edi.validators.schematron_settings import SchematronSettings

if TYPE_CHECKING:
    from edi.config import Settings
    from edi.model import Document, Invoice

B2B = "B2B domestic"
OUT_OF_SCOPE = "out of scope"
PA = "a private company reached through its platform (PA)"


@dataclass(frozen=True, slots=True)
class Scenario:
    """The scenario that judged one invoice: its name, why, and what it switches on."""

    name: str                   # "B2G Chorus Pro", "B2B domestic", "out of scope"
    why: str                    # one sentence a depositor can check against the invoice
    b2g: bool                   # Chorus Pro's deposit rules judge it (chorus layer)
    french_rules: bool          # the French rules (BR-FR, EXTENDED-CTC-FR) judge it
    buyer: str | None = None    # the buyer identifier the decision rests on
    structure: str | None = None  # the directory structure found for the buyer (SIRET)

    @property
    def reason_text(self) -> str:
        return self.why

    def to_dict(self) -> dict[str, str]:
        """What the compte rendu and ``edi validate --json`` say of it."""
        return {"name": self.name, "why": self.why}


@dataclass(frozen=True)
class Policy:
    """The settings a scenario is decided from, read once per Settings object."""

    chorus: ChorusSettings
    schematron: SchematronSettings
    directory_path: Path

    @property
    def b2g_name(self) -> str:
        return self.chorus.scenario


_policy: tuple[Settings, Policy] | None = None   # per-process: the workers' one Settings


def policy(settings: Settings) -> Policy:
    global _policy
    if _policy is not None and _policy[0] is settings:
        return _policy[1]
    chorus = settings.section(ChorusSettings)
    found = Policy(chorus, settings.section(SchematronSettings),
                   settings.path(chorus.directory))
    _policy = (settings, found)
    return found


def directory_for(settings: Settings) -> Directory | None:
    """The Chorus Pro directory as this process holds it (``edi.directory.cached``: one
    snapshot per process, looked at again every ``reload_check_seconds``)."""
    p = policy(settings)
    return cached(p.directory_path, p.chorus.reload_check_seconds)


def decide(doc: Document, settings: Settings) -> Scenario | None:
    """``doc``'s scenario against this process's directory; None when nothing was parsed."""
    if doc.invoice is None:
        return None
    return scenario_of(doc, settings, directory_for(settings))


# -- the buyer ---------------------------------------------------------------------------

def _digits(value: str | None) -> str:
    return (value or "").replace(" ", "")


def buyer_siret(invoice: Invoice) -> str | None:
    """The buyer's SIRET: BT-46 (scheme 0009), or a 14-digit legal identifier (BT-47)."""
    for value in (invoice.buyer_siret, invoice.buyer_siren):
        v = _digits(value)
        if len(v) == 14 and v.isdigit():
            return v
    return None


def buyer_siren(invoice: Invoice) -> str | None:
    """The buyer's SIREN: a 9-digit BT-47, else its SIRET's first nine digits."""
    v = _digits(invoice.buyer_siren)
    if len(v) == 9 and v.isdigit():
        return v
    siret = buyer_siret(invoice)
    return siret[:9] if siret else None


def _buyer_label(invoice: Invoice) -> str | None:
    """How a message names the buyer: SIRET, SIREN, VAT number or routing code."""
    for value in (buyer_siret(invoice), buyer_siren(invoice), invoice.buyer_vat,
                  invoice.buyer_routing_code):
        if value and value.strip():
            return value.strip()
    return None


_sirens: tuple[Directory, dict[str, list[str]]] | None = None   # per process, per snapshot


def _siren_index(directory: Directory) -> dict[str, list[str]]:
    """SIREN -> the SIRETs of the directory's structures under it (built once a snapshot)."""
    global _sirens
    if _sirens is not None and _sirens[0] is directory:
        return _sirens[1]
    index: dict[str, list[str]] = {}
    for ident, structure in directory.structures.items():
        if structure.id_type.upper() == "SIRET" and len(ident) == 14:
            index.setdefault(ident[:9], []).append(ident)
    _sirens = (directory, index)
    return index


def public_buyer(invoice: Invoice,
                 directory: Directory) -> tuple[str, str | None, str] | None:
    """(buyer identifier, directory structure, why) when the buyer is a public structure
    of ``directory``; None when it is not there. The structure is the SIRET the deposit
    rules judge against: the invoice's, else (buyer known by its SIREN only, as in a UBL
    EN 16931 invoice whose one BT-46 is the 0224 routing code) the SIREN's one structure;
    None when that SIREN has several."""
    siret = buyer_siret(invoice)
    if siret is not None:
        structure = directory.structures.get(siret)
        if structure is not None:
            return siret, siret, (f"buyer {siret} ({structure.name}) is a public structure "
                                  "of the Chorus Pro directory")
    siren = buyer_siren(invoice)
    if siren is not None:
        under = _siren_index(directory).get(siren)
        if under:
            first = directory.structures[under[0]]
            who = (f"buyer {siret}: its SIREN {siren} is that of a public entity" if siret
                   else f"buyer SIREN {siren} is a public entity")
            judged = siret or (under[0] if len(under) == 1 else None)
            return siret or siren, judged, (
                f"{who} of the Chorus Pro directory ({first.name}, {len(under)} "
                "structure(s) under that SIREN)")
    return None


# -- the decision ------------------------------------------------------------------------

def _mode(chorus: ChorusSettings, interface: str | None) -> tuple[str, str]:
    """The ``applies`` mode for this interface, and the setting it comes from."""
    from edi.validators.depositor_settings import family

    for candidate in family(interface):   # api:<client>, then api
        for pair in chorus.by_interface:
            name, _, value = pair.partition("=")
            if name == candidate:
                return value, f'[chorus] by_interface "{pair}"'
    return chorus.applies, f'[chorus] applies = "{chorus.applies}"'


def scenario_of(doc: Document, settings: Settings | Policy,
                directory: Directory | None) -> Scenario | None:
    """The scenario of a parsed invoice (None when there is no invoice to judge)."""
    invoice = doc.invoice
    if invoice is None:
        return None
    p = settings if isinstance(settings, Policy) else policy(settings)
    home = p.schematron.french_countries
    seller_home = invoice.seller_country in home
    buyer_home = invoice.buyer_country in home
    identified = _buyer_label(invoice) is not None or invoice.treatment is not None
    in_scope = seller_home and buyer_home and identified

    mode, source = _mode(p.chorus, doc.interface)
    label = _buyer_label(invoice) or "(no identifier)"
    found = public_buyer(invoice, directory) if directory is not None else None
    b2g, why, structure = False, "", found[1] if found else None
    if mode == "always":
        b2g = True
        where = f"interface {doc.interface!r}" if source.startswith("[chorus] by") \
            else "this deployment"
        why = (f"{where} is declared Chorus Pro-only ({source}): its buyers must be "
               "structures of the Chorus Pro directory")
        if found:
            why = f"{found[2]}; {why}"
    elif mode == "buyer-siret":
        siret = buyer_siret(invoice)
        b2g = siret is not None and directory is not None
        if b2g:
            why = (f"buyer {siret} is identified by a SIRET and a Chorus Pro directory is "
                   f"loaded ({source}: every such buyer is taken for a public one)")
        else:
            reason = "no Chorus Pro directory is loaded" if siret else \
                "the buyer is not identified by a SIRET"
            why = f"{reason} ({source}): buyer {label} is {PA}"
    elif mode == "directory" and found is not None:
        b2g, why = True, found[2]
    elif mode == "directory":
        why = (f"buyer {label} is not in the Chorus Pro directory: {PA}"
               if directory is not None else
               f"no Chorus Pro directory is loaded: buyer {label} is taken for {PA}")
    else:  # never
        why = f"{source}: buyer {label} is {PA}"

    french = _french_rules(p.schematron.french_rules, seller_home, in_scope)
    if b2g:
        name = p.b2g_name
        if not french:
            why += _no_french(p.schematron.french_rules, invoice, home, in_scope)
    elif in_scope:
        name = B2B
        if not french:
            why += _no_french(p.schematron.french_rules, invoice, home, in_scope)
    else:
        name = OUT_OF_SCOPE
        why = _out_of_scope(invoice, home, seller_home, buyer_home)
        why += (f'; [schematron] french_rules = "{p.schematron.french_rules}": BR-FR judges '
                "it all the same" if french else ": BR-FR does not judge it")
    return Scenario(name, why, b2g, french, _buyer_label(invoice), structure)


def _french_rules(when: str, seller_home: bool, in_scope: bool) -> bool:
    if when == "always":
        return True
    if when == "never":
        return False
    if when == "seller":
        return seller_home
    return in_scope


def _countries(home: tuple[str, ...]) -> str:
    return "/".join(home) or "(none)"


def _out_of_scope(invoice: Invoice, home: tuple[str, ...], seller_home: bool,
                  buyer_home: bool) -> str:
    if not buyer_home:
        return (f"buyer country {invoice.buyer_country or '(none)'} is not "
                f"{_countries(home)}: outside the French e-invoicing reform")
    if not seller_home:
        return (f"seller country {invoice.seller_country or '(none)'} is not "
                f"{_countries(home)}: outside the French e-invoicing reform")
    return ("the buyer carries no identifier (no SIRET, SIREN, VAT number or routing code, "
            "no BAR note): a consumer (B2C), outside the e-invoicing obligation")


def _no_french(when: str, invoice: Invoice, home: tuple[str, ...], in_scope: bool) -> str:
    if when == "never" or in_scope:
        return f'; [schematron] french_rules = "{when}": BR-FR does not judge it'
    if invoice.seller_country in home and invoice.buyer_country in home:
        return "; the buyer carries no identifier: BR-FR does not judge it"
    country = invoice.seller_country if invoice.seller_country not in home \
        else invoice.buyer_country
    return (f"; a party is established in {country or '(no country)'}, not in "
            f"{_countries(home)}: BR-FR does not judge it")
