"""CDAR (UN/CEFACT Cross Domain Acknowledgement and Response D22B) <-> lifecycle statuses.

``statuses`` reads every status a message carries, one per referenced invoice
(``ReferenceReferencedDocument``), with the data that names the invoice (number MDT-87,
issuer SIREN MDT-129, date MDT-100, type MDT-91) and what the status says (code MDT-105,
time MDT-78, reason MDT-113/114, requested action MDT-121/122, sequence MDT-124-2, data
MDT-207/215/224). ``build`` writes one message for one status, in the element order of the
XSD and as annex B of XP Z12-012 shows it; ``check.py`` judges both directions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from edi.lifecycle import codes

RSM = "urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
NS = {"rsm": RSM, "ram": RAM, "qdt": QDT, "udt": UDT}
ROOT = "CrossDomainAcknowledgementAndResponse"
PROFILE = "urn.cpro.gouv.fr:1p0:CDV:invoice"      # MDT-3, between platforms
PROFILE_PPF = "urn.cpro.gouv.fr:1p0:CDV:einvoicingF2"  # MDT-3, to the PPF
PPF = "0000"                                        # the PPF's number (scheme 0238)
PROCESS = "REGULATED"                               # MDT-2


@dataclass(frozen=True, slots=True)
class Characteristic:
    """One MDG-43 block: what kind of value (MDT-207: MEN amount cashed...), its amount
    (MDT-215) and percent (MDT-224, the VAT rate of a 212)."""

    type_code: str
    amount: str | None = None
    currency: str | None = None
    percent: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"type_code": self.type_code, "amount": self.amount, "currency": self.currency,
                "percent": self.percent}


@dataclass(frozen=True, slots=True)
class LifecycleStatus:
    """One status of one invoice, as a CDAR message carries it (or as we set it)."""

    code: int                                  # MDT-105
    at: datetime                               # MDT-78 (when the status was set)
    invoice_number: str | None                 # MDT-87 (BT-1)
    issuer_siren: str | None = None            # MDT-129 (BT-30, scheme 0002)
    issue_date: str | None = None              # MDT-100 (BT-2, yyyy-mm-dd)
    type_code: str | None = None               # MDT-91 (BT-3)
    reason_code: str | None = None             # MDT-113 (CL-09)
    reason: str | None = None                  # MDT-114
    action_code: str | None = None             # MDT-121 (CL-10)
    action: str | None = None                  # MDT-122
    sequence: int | None = None                # MDT-124-2
    data: tuple[Characteristic, ...] = ()      # MDG-43
    message_id: str | None = None              # MDT-4
    issuer_role: str | None = None             # MDT-40: who set it (SE, BY, WK...)
    issuer_name: str | None = None             # MDT-39
    source: str = "cdar"                       # cdar (received), platform or user (ours)

    @property
    def label(self) -> str | None:
        return codes.label(self.code)

    def data_dicts(self) -> list[dict[str, str | None]]:
        return [c.to_dict() for c in self.data]


# -- reading ----------------------------------------------------------------------------

def is_cdar(root: etree._Element) -> bool:
    return root.tag == f"{{{RSM}}}{ROOT}"


def statuses(root: etree._Element) -> list[LifecycleStatus]:
    """Every status of a (valid) message, in document order."""
    doc = root.find("rsm:ExchangedDocument", NS)
    message_id = _text(doc, "ram:ID")
    created = _datetime(doc, "ram:IssueDateTime/udt:DateTimeString")
    issuer_role = _text(doc, "ram:IssuerTradeParty/ram:RoleCode")
    issuer_name = _text(doc, "ram:IssuerTradeParty/ram:Name")
    out: list[LifecycleStatus] = []
    for ack in root.findall("rsm:AcknowledgementDocument", NS):
        at = _datetime(ack, "ram:IssueDateTime/udt:DateTimeString") or created or \
            datetime.now(UTC)
        for ref in ack.findall("ram:ReferenceReferencedDocument", NS):
            code = _text(ref, "ram:ProcessConditionCode")
            if code is None or not code.isdigit():
                continue   # check.py refuses such a message (EDI-CDAR-STATUS)
            details = ref.findall("ram:SpecifiedDocumentStatus", NS)
            first = details[0] if details else None
            sequences = [int(s) for d in details
                         if (s := _text(d, "ram:SequenceNumeric")) and s.isdigit()]
            data = tuple(
                Characteristic(_text(c, "ram:TypeCode") or "",
                               _text(c, "ram:ValueAmount"),
                               c.find("ram:ValueAmount", NS).get("currencyID")
                               if c.find("ram:ValueAmount", NS) is not None else None,
                               _text(c, "ram:ValuePercent"))
                for d in details for c in d.findall("ram:SpecifiedDocumentCharacteristic", NS))
            out.append(LifecycleStatus(
                code=int(code), at=at,
                invoice_number=_text(ref, "ram:IssuerAssignedID"),
                issuer_siren=siren_of(ref.find("ram:IssuerTradeParty", NS)),
                issue_date=_date(_text(ref, "ram:FormattedIssueDateTime/qdt:DateTimeString")),
                type_code=_text(ref, "ram:TypeCode"),
                reason_code=_text(first, "ram:ReasonCode"),
                reason=_text(first, "ram:Reason"),
                action_code=_text(first, "ram:RequestedActionCode"),
                action=_text(first, "ram:RequestedAction"),
                sequence=min(sequences) if sequences else None,
                data=data, message_id=message_id, issuer_role=issuer_role,
                issuer_name=issuer_name))
    return out


def siren_of(party: etree._Element | None) -> str | None:
    """The SIREN of a party: its GlobalID of scheme 0002, else the first 9 digits of a
    SIRET (scheme 0009) — MDT-129 must match the invoice's BT-30, a SIREN."""
    if party is None:
        return None
    ids = party.findall("ram:GlobalID", NS)
    for scheme in ("0002", "0009"):
        for el in ids:
            value = (el.text or "").strip()
            if el.get("schemeID") == scheme and value[:9].isdigit():
                return value[:9]
    return None


def _text(el: etree._Element | None, path: str) -> str | None:
    if el is None:
        return None
    found = el.find(path, NS)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None


def _datetime(el: etree._Element | None, path: str) -> datetime | None:
    """A UN/CEFACT date-time (format 204 YYYYMMDDHHMMSS, 203 YYYYMMDDHHMM, 102 YYYYMMDD),
    read as UTC (the messages state no zone)."""
    value = _text(el, path)
    if not value:
        return None
    for fmt in ("%Y%m%d%H%M%S", "%Y%m%d%H%M", "%Y%m%d"):
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _date(value: str | None) -> str | None:
    if value and len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value


# -- writing ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Party:
    role: str                      # UNCL 3035 role code
    name: str | None = None
    siren: str | None = None       # GlobalID scheme 0002
    platform_id: str | None = None  # GlobalID scheme 0238 (a platform's registration number)
    address: str | None = None     # electronic address (URIID, scheme 0225)


@dataclass(slots=True)
class Message:
    """What ``build`` needs beyond the status: who sends it, to whom."""

    status: LifecycleStatus
    sender: Party
    issuer: Party
    recipients: list[Party] = field(default_factory=list)
    seller_siren: str | None = None   # MDT-129 (the invoice's BT-30)
    received_at: datetime | None = None  # MDT-95
    for_ppf: bool = False             # the _POUR_PPF twin: to the PPF alone (DFH 0000)


def build(message: Message, created: datetime | None = None) -> bytes:
    """One CDAR message for one status (MultipleReferencesIndicator false)."""
    st = message.status
    created = created or datetime.now(UTC)
    root = etree.Element(f"{{{RSM}}}{ROOT}", nsmap={"rsm": RSM, "ram": RAM, "qdt": QDT,
                                                      "udt": UDT})
    ctx = _sub(root, "rsm", "ExchangedDocumentContext")
    if not message.for_ppf:   # the PPF takes no business process (3 characters at most)
        _sub(_sub(ctx, "ram", "BusinessProcessSpecifiedDocumentContextParameter"), "ram",
             "ID", PROCESS)
    _sub(_sub(ctx, "ram", "GuidelineSpecifiedDocumentContextParameter"), "ram", "ID",
         PROFILE_PPF if message.for_ppf else PROFILE)

    doc = _sub(root, "rsm", "ExchangedDocument")
    _sub(doc, "ram", "ID", st.message_id or message_id(st, created))
    _sub(doc, "ram", "Name", f"CDV-{st.code}_{st.label or st.code}"
         + ("_POUR_PPF" if message.for_ppf else ""))
    _datetime_el(_sub(doc, "ram", "IssueDateTime"), created)
    _party(doc, "SenderTradeParty", message.sender)
    _party(doc, "IssuerTradeParty", message.issuer)
    recipients = [Party("DFH", "PPF", platform_id=PPF)] if message.for_ppf \
        else message.recipients
    for recipient in recipients:
        _party(doc, "RecipientTradeParty", recipient)

    transmission = codes.STATUSES[st.code].transmission if st.code in codes.STATUSES \
        else False
    ack = _sub(root, "rsm", "AcknowledgementDocument")
    _sub(_sub(ack, "ram", "MultipleReferencesIndicator"), "udt", "Indicator", "false")
    _sub(ack, "ram", "TypeCode", "305" if transmission else "23")
    _datetime_el(_sub(ack, "ram", "IssueDateTime"), st.at)
    ref = _sub(ack, "ram", "ReferenceReferencedDocument")
    _sub(ref, "ram", "IssuerAssignedID", st.invoice_number or "")
    if st.type_code:
        _sub(ref, "ram", "TypeCode", st.type_code)
    if message.received_at is not None:
        _datetime_el(_sub(ref, "ram", "ReceiptDateTime"), message.received_at)
    if st.issue_date:
        formatted = _sub(ref, "ram", "FormattedIssueDateTime")
        _sub(formatted, "qdt", "DateTimeString", st.issue_date.replace("-", "")
             ).set("format", "102")
    _sub(ref, "ram", "ProcessConditionCode", str(st.code))
    if st.label:
        _sub(ref, "ram", "ProcessCondition", st.label)
    seller = message.seller_siren or st.issuer_siren
    if seller:
        issuer = _sub(ref, "ram", "IssuerTradeParty")
        _sub(issuer, "ram", "GlobalID", seller).set("schemeID", "0002")
        _sub(issuer, "ram", "RoleCode", "SE")
    if st.reason_code or st.action_code or st.data:
        detail = _sub(ref, "ram", "SpecifiedDocumentStatus")
        if st.reason_code:
            _sub(detail, "ram", "ReasonCode", st.reason_code)
            if st.reason:
                _sub(detail, "ram", "Reason", st.reason)
        if st.action_code:
            _sub(detail, "ram", "RequestedActionCode", st.action_code)
            if st.action:
                _sub(detail, "ram", "RequestedAction", st.action)
        _sub(detail, "ram", "SequenceNumeric", str(st.sequence or 1))
        for c in st.data:
            char = _sub(detail, "ram", "SpecifiedDocumentCharacteristic")
            _sub(char, "ram", "TypeCode", c.type_code)
            _sub(_sub(char, "ram", "ValueChangedIndicator"), "udt", "IndicatorString", "false")
            if c.amount is not None:
                _sub(char, "ram", "ValueAmount", c.amount).set("currencyID",
                                                                c.currency or "EUR")
            if c.percent is not None:
                _sub(char, "ram", "ValuePercent", c.percent)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def message_id(st: LifecycleStatus, created: datetime) -> str:
    """MDT-4 as annex B builds it: invoice, status, creation time (to the second)."""
    number = "".join(ch if ch.isalnum() or ch in "-_/+" else "_"
                     for ch in (st.invoice_number or "INCONNUE"))
    return f"{number}_{st.code}_{created:%Y%m%d%H%M%S}"


def amount(value: str) -> str:
    """An amount as CDAR writes it (at most 2 decimals); ValueError names what is wrong."""
    try:
        d = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not an amount (expected e.g. 120.00)") from None
    if not d.is_finite() or d != d.quantize(Decimal("0.01")):
        raise ValueError(f"{value!r}: an amount has at most 2 decimals")
    return f"{d:.2f}"


def _sub(parent: etree._Element, prefix: str, name: str, text: str | None = None
         ) -> etree._Element:
    el = etree.SubElement(parent, f"{{{NS[prefix]}}}{name}")
    if text is not None:
        el.text = text
    return el


def _datetime_el(parent: etree._Element, at: datetime) -> None:
    at = at.astimezone(UTC) if at.tzinfo else at
    _sub(parent, "udt", "DateTimeString", f"{at:%Y%m%d%H%M%S}").set("format", "204")


def _party(parent: etree._Element, tag: str, party: Party) -> None:
    el = _sub(parent, "ram", tag)
    if party.siren:
        _sub(el, "ram", "GlobalID", party.siren).set("schemeID", "0002")
    if party.platform_id:
        _sub(el, "ram", "GlobalID", party.platform_id).set("schemeID", "0238")
    if party.name:
        _sub(el, "ram", "Name", party.name)
    _sub(el, "ram", "RoleCode", party.role)
    if party.address:
        uri = _sub(el, "ram", "URIUniversalCommunication")
        _sub(uri, "ram", "URIID", party.address).set("schemeID", "0225")


def as_dict(st: LifecycleStatus) -> dict[str, Any]:
    return {"code": st.code, "label": st.label, "at": st.at.isoformat(),
            "reason_code": st.reason_code, "reason": st.reason, "source": st.source}


@dataclass(frozen=True, slots=True)
class Filed:
    """A status to file in the ledger: what it says, what makes it unique, and the invoice
    it belongs to when that is already known (ours, set on our own invoice)."""

    status: LifecycleStatus
    key: str                          # idempotency: the same status filed once
    flow_id: str | None = None        # the invoice, when known
    seq: int | None = None
    carried_by: str | None = None     # the CDAR flow that brought it
    carried_seq: int | None = None    # and its document in that flow
    message_file: str | None = None   # the CDAR message we wrote for it
