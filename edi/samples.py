"""Realistic, valid sample invoices for tests, benchmarks and demos.

Every builder returns bytes that are XSD-valid and pass the official EN 16931 Schematron
with its defaults (totals consistent, VAT breakdown present); the defaults also satisfy
the French BR-FR Flux 2 rules (SIREN/SIRET with Luhn keys, electronic addresses, the
PMT/PMD/AAB notes). The templates live here, not in ../shared, so that a fresh clone can
build them.

Overrides use the ``Invoice`` field names (``number``, ``buyer_siret``, ``iban`` ...) plus
``lines`` (how many invoice lines), ``due_date``, ``vat_rate`` and ``unit_price``.
``None`` removes the element (e.g. ``purchase_order=None`` for an invoice without an
engagement number), which is how tests build invoices that break a rule on purpose.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from edi.model import Profile

AUTO = "auto"  # derived from another field (SIREN from SIRET, VAT id from SIREN)

GUIDELINES: dict[Profile, str] = {
    Profile.MINIMUM: "urn:factur-x.eu:1p0:minimum",
    Profile.BASIC_WL: "urn:factur-x.eu:1p0:basicwl",
    Profile.BASIC: "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
    Profile.EN16931: "urn:cen.eu:en16931:2017",
    Profile.EXTENDED: "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
    Profile.EXTENDED_CTC_FR:
        "urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr",
    Profile.XRECHNUNG: "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
}

# What goods and services the sample lines sell, in turn.
_ITEMS = (
    ("Licence logiciel de gestion - 12 mois", "LIC-12", "C62", "1200.00", "1"),
    ("Accompagnement au deploiement (jour)", "SRV-JOUR", "DAY", "650.00", "3"),
    ("Formation des agents (session)", "FORM-01", "C62", "480.00", "2"),
    ("Maintenance corrective (heure)", "MAINT-H", "HUR", "85.00", "6"),
)

_TWO = Decimal("0.01")


@dataclass(frozen=True)
class Sample:
    """What a sample invoice says; field names follow ``edi.model.Invoice``."""

    number: str | None = "FA-2025-000123"
    issue_date: str = "2025-03-14"
    due_date: str | None = "2025-04-13"
    type_code: str = "380"
    currency: str = "EUR"
    buyer_reference: str | None = "SERV-FIN-01"          # Chorus Pro code service
    purchase_order: str | None = "EJ-2025-004512"        # Chorus Pro engagement
    seller_name: str = "Atelier Numerique SAS"
    seller_siret: str | None = "41234567000019"
    seller_siren: str | None = AUTO
    seller_vat: str | None = AUTO
    seller_country: str = "FR"
    buyer_name: str = "Service Public Exemple"
    buyer_siret: str | None = "13002526500013"
    buyer_siren: str | None = AUTO
    buyer_vat: str | None = AUTO
    buyer_country: str = "FR"
    payment_means: str = "58"                            # SEPA credit transfer
    iban: str | None = "FR7630004000310001234567865"
    bic: str | None = "BNPAFRPPXXX"
    lines: int = 3
    vat_rate: str = "20.00"
    unit_price: str | None = None                        # same price on every line
    preceding_invoice: str | None = None                 # BT-25, for credit notes

    def resolved(self) -> Sample:
        """Derived identifiers filled in (SIREN from SIRET, VAT ids from SIREN)."""
        seller_siren = _siren(self.seller_siren, self.seller_siret)
        buyer_siren = _siren(self.buyer_siren, self.buyer_siret)
        return dataclasses.replace(
            self,
            seller_siren=seller_siren,
            buyer_siren=buyer_siren,
            seller_vat=_vat(self.seller_vat, seller_siren, self.seller_country),
            buyer_vat=_vat(self.buyer_vat, buyer_siren, self.buyer_country),
        )


@dataclass(frozen=True)
class _Line:
    number: int
    name: str
    item_id: str
    unit: str
    price: Decimal
    quantity: Decimal

    @property
    def amount(self) -> Decimal:
        return (self.price * self.quantity).quantize(_TWO, ROUND_HALF_UP)


@dataclass(frozen=True)
class _Totals:
    lines: tuple[_Line, ...]
    net: Decimal
    vat: Decimal
    gross: Decimal
    rate: Decimal


def sample(**overrides: object) -> Sample:
    """The default sample with ``overrides`` (unknown names raise TypeError)."""
    return dataclasses.replace(Sample(), **overrides).resolved()  # type: ignore[arg-type]


def ubl_invoice(**overrides: object) -> bytes:
    """A UBL 2.1 Invoice (EN 16931)."""
    return _ubl(sample(**overrides), credit_note=False).encode("utf-8")


def ubl_credit_note(**overrides: object) -> bytes:
    """A UBL 2.1 CreditNote (type 381) referring to the invoice it corrects."""
    overrides.setdefault("type_code", "381")
    overrides.setdefault("number", "AV-2025-000045")
    overrides.setdefault("preceding_invoice", "FA-2025-000123")
    return _ubl(sample(**overrides), credit_note=True).encode("utf-8")


def cii_invoice(profile: Profile = Profile.EN16931, **overrides: object) -> bytes:
    """A UN/CEFACT CII CrossIndustryInvoice of the given Factur-X profile."""
    return _cii(sample(**overrides), Profile(profile)).encode("utf-8")


def facturx_pdf(profile: Profile = Profile.EN16931, **overrides: object) -> bytes:
    """A Factur-X PDF: a small real PDF with the CII invoice embedded by factur-x."""
    from facturx import generate_from_binary

    s = sample(**overrides)
    xml = _cii(s, Profile(profile)).encode("utf-8")
    # factur-x knows EXTENDED-CTC-FR only as a CII schema, not as a PDF/A-3 XMP level:
    # such a PDF declares EXTENDED in its metadata, its XML says EXTENDED-CTC-FR.
    level = "extended" if profile == Profile.EXTENDED_CTC_FR else "autodetect"
    return generate_from_binary(_visual_pdf(s), xml, level=level, check_xsd=False,
                                lang="fr-FR")


def write_batch(folder: Path | str, n: int, mix: tuple[str, ...] = ("ubl", "cii"),
                start: int = 1) -> list[Path]:
    """Write ``n`` distinct invoices into ``folder``, cycling through the formats in ``mix``.

    Formats: "ubl", "ubl-credit", "cii", "facturx" (PDF). Numbers and names are unique
    (``FA-B-000001`` ...), so that a batch never trips duplicate detection.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for i in range(start, start + n):
        kind = mix[(i - start) % len(mix)]
        number = f"FA-B-{i:06d}"
        if kind == "ubl":
            data, suffix = ubl_invoice(number=number), ".xml"
        elif kind == "ubl-credit":
            data, suffix = ubl_credit_note(number=f"AV-B-{i:06d}"), ".xml"
        elif kind == "cii":
            data, suffix = cii_invoice(number=number), ".xml"
        elif kind == "facturx":
            data, suffix = facturx_pdf(number=number), ".pdf"
        else:
            raise ValueError(f"unknown sample kind {kind!r}; expected ubl, ubl-credit, "
                             "cii or facturx")
        path = folder / f"{kind}-{i:06d}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths


# --- derived identifiers --------------------------------------------------------------

def _siren(value: str | None, siret: str | None) -> str | None:
    if value != AUTO:
        return value
    return siret[:9] if siret else None


def _vat(value: str | None, siren: str | None, country: str) -> str | None:
    """French VAT ids are FR + key + SIREN, key = (12 + 3 * (SIREN mod 97)) mod 97."""
    if value != AUTO:
        return value
    if country != "FR":
        return f"{country}999999999"
    if not siren or not siren.isdigit():
        return None
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def _totals(s: Sample) -> _Totals:
    lines = []
    for i in range(s.lines):
        name, item_id, unit, price, qty = _ITEMS[i % len(_ITEMS)]
        lines.append(_Line(i + 1, name, f"{item_id}-{i + 1}", unit,
                           Decimal(s.unit_price or price), Decimal(qty)))
    rate = Decimal(s.vat_rate)
    net = sum((line.amount for line in lines), Decimal("0.00"))
    if not lines:  # MINIMUM / BASIC WL carry no lines: one notional amount
        net = Decimal(s.unit_price or "1000.00")
    vat = (net * rate / 100).quantize(_TWO, ROUND_HALF_UP)
    return _Totals(tuple(lines), net, vat, net + vat, rate)


def _x(value: object) -> str:
    return escape(str(value))


def _compact_date(iso: str) -> str:
    return iso.replace("-", "")


# --- UBL -----------------------------------------------------------------------------

_UBL_NS = {
    False: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    True: "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
}

_NOTES = (
    ("PMT", "Indemnite forfaitaire pour frais de recouvrement en cas de retard de paiement"
            " : 40 EUR."),
    ("PMD", "Penalites de retard : trois fois le taux d'interet legal, exigibles des le"
            " lendemain de l'echeance."),
    ("AAB", "Pas d'escompte pour paiement anticipe."),
)


def _ubl_party(s: Sample, role: str) -> str:
    name = getattr(s, f"{role}_name")
    siret = getattr(s, f"{role}_siret")
    siren = getattr(s, f"{role}_siren")
    vat = getattr(s, f"{role}_vat")
    country = getattr(s, f"{role}_country")
    street, city, zone = (("12 rue des Artisans", "Lyon", "69002") if role == "seller"
                          else ("20 avenue de Segur", "Paris", "75007"))
    out = []
    if siren:
        out.append(f'<cbc:EndpointID schemeID="0225">{_x(siren)}</cbc:EndpointID>')
    else:
        out.append(f'<cbc:EndpointID schemeID="EM">factures@{role}.example</cbc:EndpointID>')
    if siret:
        out.append(f'<cac:PartyIdentification><cbc:ID schemeID="0009">{_x(siret)}</cbc:ID>'
                   "</cac:PartyIdentification>")
    out.append(f"<cac:PartyName><cbc:Name>{_x(name)}</cbc:Name></cac:PartyName>")
    out.append(
        f"<cac:PostalAddress><cbc:StreetName>{street}</cbc:StreetName>"
        f"<cbc:CityName>{city}</cbc:CityName><cbc:PostalZone>{zone}</cbc:PostalZone>"
        f"<cac:Country><cbc:IdentificationCode>{_x(country)}</cbc:IdentificationCode>"
        "</cac:Country></cac:PostalAddress>")
    if vat:
        out.append(f"<cac:PartyTaxScheme><cbc:CompanyID>{_x(vat)}</cbc:CompanyID>"
                   "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>")
    legal = f"<cbc:RegistrationName>{_x(name)}</cbc:RegistrationName>"
    if siren:
        legal += f'<cbc:CompanyID schemeID="0002">{_x(siren)}</cbc:CompanyID>'
    out.append(f"<cac:PartyLegalEntity>{legal}</cac:PartyLegalEntity>")
    contact = ("Claire Martin", "+33 4 72 00 00 00", "facturation@atelier-numerique.example")
    if role == "buyer":
        contact = ("Service facturier", "+33 1 40 00 00 00", "factures@service-public.example")
    out.append(f"<cac:Contact><cbc:Name>{contact[0]}</cbc:Name><cbc:Telephone>{contact[1]}"
               f"</cbc:Telephone><cbc:ElectronicMail>{contact[2]}</cbc:ElectronicMail>"
               "</cac:Contact>")
    tag = "AccountingSupplierParty" if role == "seller" else "AccountingCustomerParty"
    return f"<cac:{tag}><cac:Party>{''.join(out)}</cac:Party></cac:{tag}>\n"


def _ubl(s: Sample, credit_note: bool) -> str:
    t = _totals(s)
    cur = _x(s.currency)
    root = "CreditNote" if credit_note else "Invoice"
    head = [
        "<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>",
        "<cbc:ProfileID>S1</cbc:ProfileID>",
    ]
    if s.number is not None:
        head.append(f"<cbc:ID>{_x(s.number)}</cbc:ID>")
    head.append(f"<cbc:IssueDate>{_x(s.issue_date)}</cbc:IssueDate>")
    if s.due_date and not credit_note:
        head.append(f"<cbc:DueDate>{_x(s.due_date)}</cbc:DueDate>")
    head.append(f"<cbc:{root}TypeCode>{_x(s.type_code)}</cbc:{root}TypeCode>")
    head += [f"<cbc:Note>#{code}#{text}</cbc:Note>" for code, text in _NOTES]
    head.append(f"<cbc:DocumentCurrencyCode>{cur}</cbc:DocumentCurrencyCode>")
    if s.buyer_reference is not None:
        head.append(f"<cbc:BuyerReference>{_x(s.buyer_reference)}</cbc:BuyerReference>")
    head.append("<cac:InvoicePeriod><cbc:StartDate>2025-02-01</cbc:StartDate>"
                "<cbc:EndDate>2025-02-28</cbc:EndDate></cac:InvoicePeriod>")
    if s.purchase_order is not None:
        head.append(f"<cac:OrderReference><cbc:ID>{_x(s.purchase_order)}</cbc:ID>"
                    "</cac:OrderReference>")
    if s.preceding_invoice:
        head.append("<cac:BillingReference><cac:InvoiceDocumentReference>"
                    f"<cbc:ID>{_x(s.preceding_invoice)}</cbc:ID>"
                    "<cbc:IssueDate>2025-02-28</cbc:IssueDate>"
                    "</cac:InvoiceDocumentReference></cac:BillingReference>")
    head.append("<cac:ContractDocumentReference><cbc:ID>MARCHE-2024-117</cbc:ID>"
                "</cac:ContractDocumentReference>")
    parties = _ubl_party(s, "seller") + _ubl_party(s, "buyer")
    delivery = ("<cac:Delivery><cbc:ActualDeliveryDate>2025-02-28</cbc:ActualDeliveryDate>"
                "<cac:DeliveryLocation><cac:Address><cbc:CityName>Paris</cbc:CityName>"
                "<cbc:PostalZone>75007</cbc:PostalZone><cac:Country><cbc:IdentificationCode>"
                f"{_x(s.buyer_country)}</cbc:IdentificationCode></cac:Country></cac:Address>"
                "</cac:DeliveryLocation></cac:Delivery>\n")
    pay = [f"<cbc:PaymentMeansCode>{_x(s.payment_means)}</cbc:PaymentMeansCode>"]
    if credit_note and s.due_date:
        pay.append(f"<cbc:PaymentDueDate>{_x(s.due_date)}</cbc:PaymentDueDate>")
    if s.number:
        pay.append(f"<cbc:PaymentID>{_x(s.number)}</cbc:PaymentID>")
    if s.iban:
        account = (f"<cbc:ID>{_x(s.iban)}</cbc:ID><cbc:Name>{_x(s.seller_name)}</cbc:Name>")
        if s.bic:
            account += (f"<cac:FinancialInstitutionBranch><cbc:ID>{_x(s.bic)}</cbc:ID>"
                        "</cac:FinancialInstitutionBranch>")
        pay.append(f"<cac:PayeeFinancialAccount>{account}</cac:PayeeFinancialAccount>")
    payment = (f"<cac:PaymentMeans>{''.join(pay)}</cac:PaymentMeans>\n"
               "<cac:PaymentTerms><cbc:Note>Paiement a 30 jours date de facture"
               "</cbc:Note></cac:PaymentTerms>\n")
    rate = f"{t.rate:.2f}"
    tax = (f'<cac:TaxTotal><cbc:TaxAmount currencyID="{cur}">{t.vat}</cbc:TaxAmount>'
           f'<cac:TaxSubtotal><cbc:TaxableAmount currencyID="{cur}">{t.net}</cbc:TaxableAmount>'
           f'<cbc:TaxAmount currencyID="{cur}">{t.vat}</cbc:TaxAmount>'
           f"<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>{rate}</cbc:Percent>"
           "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>"
           "</cac:TaxSubtotal></cac:TaxTotal>\n")
    total = (f'<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="{cur}">{t.net}'
             f'</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="{cur}">{t.net}'
             f'</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="{cur}">{t.gross}'
             f'</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="{cur}">{t.gross}'
             "</cbc:PayableAmount></cac:LegalMonetaryTotal>\n")
    line_tag = "CreditNoteLine" if credit_note else "InvoiceLine"
    qty_tag = "CreditedQuantity" if credit_note else "InvoicedQuantity"
    body = []
    for line in t.lines:
        body.append(
            f"<cac:{line_tag}><cbc:ID>{line.number}</cbc:ID>"
            f'<cbc:{qty_tag} unitCode="{line.unit}">{line.quantity}</cbc:{qty_tag}>'
            f'<cbc:LineExtensionAmount currencyID="{cur}">{line.amount}'
            "</cbc:LineExtensionAmount>"
            f"<cac:Item><cbc:Description>{_x(line.name)}</cbc:Description>"
            f"<cbc:Name>{_x(line.name[:40])}</cbc:Name>"
            f"<cac:SellersItemIdentification><cbc:ID>{line.item_id}</cbc:ID>"
            "</cac:SellersItemIdentification>"
            f"<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>{rate}</cbc:Percent>"
            "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>"
            f'</cac:Item><cac:Price><cbc:PriceAmount currencyID="{cur}">{line.price}'
            f'</cbc:PriceAmount></cac:Price></cac:{line_tag}>\n')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{root} xmlns="{_UBL_NS[credit_note]}"\n'
        ' xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"\n'
        ' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">\n'
        + "\n".join(head) + "\n" + parties + delivery + payment + tax + total
        + "".join(body) + f"</{root}>\n"
    )


# --- CII -----------------------------------------------------------------------------

def _cii_party(s: Sample, role: str, profile: Profile) -> str:
    name = getattr(s, f"{role}_name")
    siret = getattr(s, f"{role}_siret")
    siren = getattr(s, f"{role}_siren")
    vat = getattr(s, f"{role}_vat")
    country = getattr(s, f"{role}_country")
    tag = "SellerTradeParty" if role == "seller" else "BuyerTradeParty"
    minimum = profile is Profile.MINIMUM
    out = []
    if siret and not minimum:
        out.append(f'<ram:GlobalID schemeID="0009">{_x(siret)}</ram:GlobalID>')
    out.append(f"<ram:Name>{_x(name)}</ram:Name>")
    if siren:
        out.append(f'<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">{_x(siren)}'
                   "</ram:ID></ram:SpecifiedLegalOrganization>")
    if minimum:
        if role == "seller":
            out.append(f"<ram:PostalTradeAddress><ram:CountryID>{_x(country)}</ram:CountryID>"
                       "</ram:PostalTradeAddress>")
    else:
        if profile not in (Profile.BASIC_WL, Profile.BASIC) and role == "seller":
            out.append("<ram:DefinedTradeContact><ram:PersonName>Claire Martin</ram:PersonName>"
                       "<ram:TelephoneUniversalCommunication><ram:CompleteNumber>"
                       "+33 4 72 00 00 00</ram:CompleteNumber>"
                       "</ram:TelephoneUniversalCommunication><ram:EmailURIUniversalCommunication>"
                       "<ram:URIID>facturation@atelier-numerique.example</ram:URIID>"
                       "</ram:EmailURIUniversalCommunication></ram:DefinedTradeContact>")
        street, city, zone = (("12 rue des Artisans", "Lyon", "69002") if role == "seller"
                              else ("20 avenue de Segur", "Paris", "75007"))
        out.append(f"<ram:PostalTradeAddress><ram:PostcodeCode>{zone}</ram:PostcodeCode>"
                   f"<ram:LineOne>{street}</ram:LineOne><ram:CityName>{city}</ram:CityName>"
                   f"<ram:CountryID>{_x(country)}</ram:CountryID></ram:PostalTradeAddress>")
        if siren:
            out.append(f'<ram:URIUniversalCommunication><ram:URIID schemeID="0225">{_x(siren)}'
                       "</ram:URIID></ram:URIUniversalCommunication>")
        else:
            out.append('<ram:URIUniversalCommunication><ram:URIID schemeID="EM">'
                       f"factures@{role}.example</ram:URIID></ram:URIUniversalCommunication>")
    if vat and (role == "seller" or not minimum):
        out.append(f'<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{_x(vat)}</ram:ID>'
                   "</ram:SpecifiedTaxRegistration>")
    return f"<ram:{tag}>{''.join(out)}</ram:{tag}>"


def _cii_line(line: _Line, rate: str, profile: Profile) -> str:
    product = f"<ram:Name>{_x(line.name[:40])}</ram:Name>"
    if profile is not Profile.BASIC:
        product = (f"<ram:SellerAssignedID>{line.item_id}</ram:SellerAssignedID>{product}"
                   f"<ram:Description>{_x(line.name)}</ram:Description>")
    return (
        "<ram:IncludedSupplyChainTradeLineItem>"
        f"<ram:AssociatedDocumentLineDocument><ram:LineID>{line.number}</ram:LineID>"
        "</ram:AssociatedDocumentLineDocument>"
        f"<ram:SpecifiedTradeProduct>{product}</ram:SpecifiedTradeProduct>"
        "<ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice>"
        f"<ram:ChargeAmount>{line.price}</ram:ChargeAmount></ram:NetPriceProductTradePrice>"
        "</ram:SpecifiedLineTradeAgreement>"
        f'<ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="{line.unit}">'
        f"{line.quantity}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>"
        "<ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT"
        "</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode>"
        f"<ram:RateApplicablePercent>{rate}</ram:RateApplicablePercent></ram:ApplicableTradeTax>"
        "<ram:SpecifiedTradeSettlementLineMonetarySummation>"
        f"<ram:LineTotalAmount>{line.amount}</ram:LineTotalAmount>"
        "</ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>"
        "</ram:IncludedSupplyChainTradeLineItem>\n"
    )


def _cii(s: Sample, profile: Profile) -> str:
    minimum = profile is Profile.MINIMUM
    with_lines = profile not in (Profile.MINIMUM, Profile.BASIC_WL)
    if not with_lines:
        s = dataclasses.replace(s, lines=0)
    t = _totals(s)
    cur = _x(s.currency)
    rate = f"{t.rate:.2f}"
    context = ("<rsm:ExchangedDocumentContext>"
               "<ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>S1</ram:ID></ram:BusinessProcessSpecifiedDocumentContextParameter>"
               "<ram:GuidelineSpecifiedDocumentContextParameter>"
               f"<ram:ID>{GUIDELINES[profile]}</ram:ID>"
               "</ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>\n")
    doc = []
    if s.number is not None:
        doc.append(f"<ram:ID>{_x(s.number)}</ram:ID>")
    doc.append(f"<ram:TypeCode>{_x(s.type_code)}</ram:TypeCode>")
    doc.append('<ram:IssueDateTime><udt:DateTimeString format="102">'
               f"{_compact_date(s.issue_date)}</udt:DateTimeString></ram:IssueDateTime>")
    if not minimum:
        doc += [f"<ram:IncludedNote><ram:Content>{text}</ram:Content>"
                f"<ram:SubjectCode>{code}</ram:SubjectCode></ram:IncludedNote>"
                for code, text in _NOTES]
    document = f"<rsm:ExchangedDocument>{''.join(doc)}</rsm:ExchangedDocument>\n"

    lines = "".join(_cii_line(line, rate, profile) for line in t.lines)

    agreement = []
    if s.buyer_reference is not None:
        agreement.append(f"<ram:BuyerReference>{_x(s.buyer_reference)}</ram:BuyerReference>")
    agreement.append(_cii_party(s, "seller", profile))
    agreement.append(_cii_party(s, "buyer", profile))
    if s.purchase_order is not None:
        agreement.append("<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>"
                         f"{_x(s.purchase_order)}</ram:IssuerAssignedID>"
                         "</ram:BuyerOrderReferencedDocument>")
    if not minimum:
        agreement.append("<ram:ContractReferencedDocument><ram:IssuerAssignedID>MARCHE-2024-117"
                         "</ram:IssuerAssignedID></ram:ContractReferencedDocument>")
    delivery = "<ram:ApplicableHeaderTradeDelivery/>"
    if not minimum:
        delivery = ("<ram:ApplicableHeaderTradeDelivery><ram:ActualDeliverySupplyChainEvent>"
                    '<ram:OccurrenceDateTime><udt:DateTimeString format="102">20250228'
                    "</udt:DateTimeString></ram:OccurrenceDateTime>"
                    "</ram:ActualDeliverySupplyChainEvent></ram:ApplicableHeaderTradeDelivery>")

    settlement = []
    if not minimum and s.number:
        settlement.append(f"<ram:PaymentReference>{_x(s.number)}</ram:PaymentReference>")
    settlement.append(f"<ram:InvoiceCurrencyCode>{cur}</ram:InvoiceCurrencyCode>")
    if not minimum:
        means = f"<ram:TypeCode>{_x(s.payment_means)}</ram:TypeCode>"
        if s.iban:
            means += ("<ram:PayeePartyCreditorFinancialAccount>"
                      f"<ram:IBANID>{_x(s.iban)}</ram:IBANID>"
                      "</ram:PayeePartyCreditorFinancialAccount>")
            if s.bic and profile not in (Profile.BASIC_WL, Profile.BASIC):
                means += ("<ram:PayeeSpecifiedCreditorFinancialInstitution>"
                          f"<ram:BICID>{_x(s.bic)}</ram:BICID>"
                          "</ram:PayeeSpecifiedCreditorFinancialInstitution>")
        settlement.append(f"<ram:SpecifiedTradeSettlementPaymentMeans>{means}"
                          "</ram:SpecifiedTradeSettlementPaymentMeans>")
        settlement.append(
            f"<ram:ApplicableTradeTax><ram:CalculatedAmount>{t.vat}</ram:CalculatedAmount>"
            f"<ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>{t.net}</ram:BasisAmount>"
            "<ram:CategoryCode>S</ram:CategoryCode>"
            f"<ram:RateApplicablePercent>{rate}</ram:RateApplicablePercent>"
            "</ram:ApplicableTradeTax>")
        settlement.append("<ram:BillingSpecifiedPeriod><ram:StartDateTime>"
                          '<udt:DateTimeString format="102">20250201</udt:DateTimeString>'
                          "</ram:StartDateTime><ram:EndDateTime>"
                          '<udt:DateTimeString format="102">20250228</udt:DateTimeString>'
                          "</ram:EndDateTime></ram:BillingSpecifiedPeriod>")
        terms = "<ram:Description>Paiement a 30 jours date de facture</ram:Description>"
        if s.due_date:
            terms += ('<ram:DueDateDateTime><udt:DateTimeString format="102">'
                      f"{_compact_date(s.due_date)}</udt:DateTimeString></ram:DueDateDateTime>")
        settlement.append(f"<ram:SpecifiedTradePaymentTerms>{terms}"
                          "</ram:SpecifiedTradePaymentTerms>")
    summation = [] if minimum else [f"<ram:LineTotalAmount>{t.net}</ram:LineTotalAmount>"]
    summation += [
        f"<ram:TaxBasisTotalAmount>{t.net}</ram:TaxBasisTotalAmount>",
        f'<ram:TaxTotalAmount currencyID="{cur}">{t.vat}</ram:TaxTotalAmount>',
        f"<ram:GrandTotalAmount>{t.gross}</ram:GrandTotalAmount>",
        f"<ram:DuePayableAmount>{t.gross}</ram:DuePayableAmount>",
    ]
    settlement.append("<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
                      + "".join(summation)
                      + "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>")
    if s.preceding_invoice and not minimum:
        settlement.append("<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>"
                          f"{_x(s.preceding_invoice)}</ram:IssuerAssignedID>"
                          "</ram:InvoiceReferencedDocument>")
    transaction = (
        "<rsm:SupplyChainTradeTransaction>\n" + lines
        + f"<ram:ApplicableHeaderTradeAgreement>{''.join(agreement)}"
        "</ram:ApplicableHeaderTradeAgreement>\n" + delivery + "\n"
        + f"<ram:ApplicableHeaderTradeSettlement>{''.join(settlement)}"
        "</ram:ApplicableHeaderTradeSettlement>\n</rsm:SupplyChainTradeTransaction>\n")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rsm:CrossIndustryInvoice'
        ' xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"\n'
        ' xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100"\n'
        ' xmlns:ram="urn:un:unece:uncefact:data:standard:'
        'ReusableAggregateBusinessInformationEntity:100"\n'
        ' xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">\n'
        + context + document + transaction + "</rsm:CrossIndustryInvoice>\n"
    )


# --- PDF -----------------------------------------------------------------------------

def _visual_pdf(s: Sample) -> bytes:
    """A one-page PDF that shows the invoice's key terms (the human-readable part)."""
    t = _totals(s)
    text = [f"Facture {s.number or ''}", f"Date : {s.issue_date}",
            f"Vendeur : {s.seller_name} (SIRET {s.seller_siret or '-'})",
            f"Acheteur : {s.buyer_name} (SIRET {s.buyer_siret or '-'})",
            f"Total HT : {t.net} {s.currency}", f"TVA : {t.vat} {s.currency}",
            f"Total TTC : {t.gross} {s.currency}"]
    ops = ["BT", "/F1 12 Tf", "14 TL", "56 780 Td"]
    for row in text:
        safe = row.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({safe.encode('latin-1', 'replace').decode('latin-1')}) '")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


__all__ = ["AUTO", "GUIDELINES", "Sample", "cii_invoice", "facturx_pdf", "sample",
           "ubl_credit_note", "ubl_invoice", "write_batch"]
