"""The ledger's tables (SQLAlchemy Core). SQL stays inside edi/ledger/.

This is the schema the code speaks; the database gets it from the revisions under
``migrations/versions`` (a change here goes with a new revision: see
``edi/ledger/migrations/__init__.py``).

Every text column is a ``String``/``Text`` of this module: a value bound to it (written,
or compared in a query) has NUL and lone surrogates replaced, which PostgreSQL and the
drivers refuse outright (a search for ``a\\x00b`` finds nothing instead of failing), and
is cut to the column's length, so no value can make the database refuse a transaction.
Values read from invoices are checked before that, with a finding when they do not fit
(``edi/ledger/bounds.py``); the cut here is the last line behind it.
"""

from __future__ import annotations

import re
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    Table,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import String as _String
from sqlalchemy import Text as _Text
from sqlalchemy.engine import Dialect

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean(value: str) -> str:
    """``value`` with what no database text can hold (NUL, lone surrogates) replaced.

    Most values are ASCII, where only NUL can occur: checked without the regular
    expression (90 ns against 890 a value, for every text column of every row)."""
    if value.isascii():
        return value.replace("\x00", REPLACEMENT) if "\x00" in value else value
    return _UNSTORABLE.sub(REPLACEMENT, value)


class String(TypeDecorator[str]):
    """VARCHAR(n) that takes any str: cleaned, and cut to n characters."""

    impl = _String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if isinstance(value, str):
            value = clean(value)
            length = cast(_String, self.impl_instance).length  # impl is _String
            if length is not None and len(value) > length:
                value = value[:length]
        return value


class Text(TypeDecorator[str]):
    """TEXT that takes any str: cleaned."""

    impl = _Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return clean(value) if isinstance(value, str) else value


metadata = MetaData()

flows = Table(
    "flows", metadata,
    Column("flow_id", String(40), primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),   # bytes: a file may pass 2 GiB
    Column("interface", String(200), nullable=False),
    Column("source", Text),                       # original path or sftp://partner/path
    Column("status", String(40), nullable=False),
    Column("format", String(40)),
    Column("reason", String(40)),                 # the flow's main reason when rejected
    Column("detail", Text),                       # last technical error, for incidents
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("invoice_count", Integer, nullable=False, default=0),
    Column("accepted_count", Integer, nullable=False, default=0),
    Column("supplier", Text),                     # seller SIRET/SIREN/VAT of the first invoice
    Column("buyer", Text),
    Column("archive_path", Text),
    Column("seconds", Float),                     # processing time, for reports and metrics
    Column("lease_owner", String(64)),            # the process working on it (revision 0004)
    Column("lease_expires_at", DateTime(timezone=True)),  # by the database's clock
)
Index("ix_flows_status", flows.c.status)
Index("ix_flows_received", flows.c.received_at)
Index("ix_flows_sha256", flows.c.sha256)
Index("ix_flows_source", flows.c.interface, flows.c.source)

flow_events = Table(
    "flow_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("flow_id", String(40), nullable=False),
    Column("status", String(40), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("detail", Text),
)
Index("ix_events_flow", flow_events.c.flow_id)

invoices = Table(
    "invoices", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("flow_id", String(40), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("number", Text),
    Column("issue_date", String(10)),
    Column("type_code", String(10)),
    Column("format", String(20)),
    Column("profile", String(20)),
    Column("seller_name", Text),
    Column("seller_id", Text),
    Column("buyer_name", Text),
    Column("buyer_id", Text),
    Column("currency", String(3)),
    Column("total_with_vat", String(40)),
    Column("status", String(30), nullable=False),
    Column("status_code", Integer, nullable=False),
    Column("reason", String(30)),
    Column("output_name", Text),
    Column("data", Text),                         # the invoice's EN 16931 terms, JSON
    UniqueConstraint("flow_id", "seq", name="uq_invoice_flow_seq"),
)
Index("ix_invoices_flow", invoices.c.flow_id)
Index("ix_invoices_number", invoices.c.number)

findings = Table(
    "findings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("flow_id", String(40), nullable=False),
    Column("seq", Integer, nullable=False),       # 0: the flow itself
    Column("rule_id", String(120), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("layer", String(40), nullable=False),
    Column("location", Text, nullable=False),
    Column("message", Text, nullable=False),
)
Index("ix_findings_flow", findings.c.flow_id)
Index("ix_findings_rule", findings.c.rule_id)

# Business identity of every accepted invoice: the unique key makes "check for a
# duplicate, then accept" safe even when two workers accept twins at the same time.
accepted_keys = Table(
    "accepted_keys", metadata,
    Column("business_key", String(400), primary_key=True),
    Column("flow_id", String(40), nullable=False),
    Column("seq", Integer, nullable=False),
)

deliveries = Table(
    "deliveries", metadata,
    Column("flow_id", String(40), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("target", String(300), primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

scans = Table(
    "scans", metadata,
    Column("interface", String(200), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
)

# Dashboard and metrics (edi/ledger/queries.py): list filters and search by SIRET or file
# name without a table scan, and the scrape-time group-bys as index-only scans over a
# million flows.
Index("ix_flows_status_format", flows.c.status, flows.c.format, flows.c.flow_id)
Index("ix_flows_received_status", flows.c.received_at, flows.c.status)
Index("ix_flows_supplier", flows.c.supplier, flows.c.flow_id)
Index("ix_flows_buyer", flows.c.buyer, flows.c.flow_id)
Index("ix_flows_file_name", flows.c.file_name)
Index("ix_invoices_seller", invoices.c.seller_id)
Index("ix_invoices_buyer", invoices.c.buyer_id)
Index("ix_invoices_status", invoices.c.status)
Index("ix_findings_severity_rule", findings.c.severity, findings.c.rule_id, findings.c.flow_id)

# One running edi per folder set (edi/ledger/guard.py): a row per scope (an inbox, a work
# area), held by one instance and renewed by its heartbeat; a stale row is taken over.
instances = Table(
    "instances", metadata,
    Column("scope", String(1000), primary_key=True),
    Column("owner", String(64), nullable=False),      # random per run: who holds it
    Column("host", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("command", String(40), nullable=False),    # watch, process
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("heartbeat_at", DateTime(timezone=True), nullable=False),
)

# The invoice lifecycle (edi/ledger/lifecycle.py, revision 0005): every status of
# BR-FR-CDV-CL-06 an invoice got, received in a CDAR message or set by us in our role.
# ``key`` makes filing idempotent (a message received twice files nothing the second
# time); ``flow_id``/``seq`` is the invoice, null while no invoice we know matches
# (matched when it arrives, by number and the seller's SIREN).
lifecycle_events = Table(
    "lifecycle_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False, unique=True),   # sha256 of what identifies it
    Column("flow_id", String(40)),
    Column("seq", Integer),
    Column("invoice_number", Text),                # MDT-87
    Column("seller_siren", String(9)),             # MDT-129
    Column("issue_date", String(10)),              # MDT-100
    Column("type_code", String(10)),               # MDT-91
    Column("code", Integer, nullable=False),       # MDT-105
    Column("at", DateTime(timezone=True), nullable=False),   # MDT-78
    Column("sequence", Integer),                   # MDT-124-2
    Column("reason_code", String(40)),             # MDT-113
    Column("reason", Text),                        # MDT-114
    Column("action_code", String(10)),             # MDT-121
    Column("action", Text),                        # MDT-122
    Column("data", Text),                          # MDG-43 characteristics, JSON
    Column("source", String(20), nullable=False),  # cdar (received), platform, user
    Column("issuer_role", String(10)),             # MDT-40
    Column("message_id", Text),                    # MDT-4
    Column("carried_by", String(40)),              # the CDAR flow that brought it
    Column("message_file", Text),                  # the CDAR message we wrote for it
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)
Index("ix_lifecycle_invoice", lifecycle_events.c.flow_id, lifecycle_events.c.seq)
Index("ix_lifecycle_number", lifecycle_events.c.invoice_number)

# Our own lifecycle messages a target did not take yet (revision 0008): ``edi lifecycle
# set`` files the status and writes the message once; each target still to reach is a row
# here, retried by every round of ``edi process`` / ``edi watch`` until it takes it. A row
# is taken by moving its ``next_attempt_at`` (compare-and-set: one process per row).
lifecycle_outbox = Table(
    "lifecycle_outbox", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target", Text, nullable=False),        # the route table's ref
    Column("name", Text, nullable=False),          # the message file, reports/lifecycle/
    Column("status_key", String(64), nullable=False),   # lifecycle_events.key
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("last_error", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_lifecycle_outbox_due", lifecycle_outbox.c.next_attempt_at)

# Each matched invoice's latest lifecycle status, kept as statuses are filed, so that
# "invoices now 205" is an index lookup, not a walk over every status.
lifecycle_latest = Table(
    "lifecycle_latest", metadata,
    Column("flow_id", String(40), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("code", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
Index("ix_lifecycle_latest_code", lifecycle_latest.c.code, lifecycle_latest.c.flow_id)

# The XP Z12-013 Flow Service (edi/ledger/flowservice.py, revision 0006): what a client
# said of each flow it submitted (its flowInfo), the webhooks clients subscribed, the
# outbox of callbacks not yet acknowledged (none lost across a restart), and the flows
# our flowservice targets submitted to a platform (its flow id, its acknowledgement).
api_submissions = Table(
    "api_submissions", metadata,
    Column("flow_id", String(40), primary_key=True),
    Column("client", String(200), nullable=False),
    Column("tracking_id", String(64)),
    Column("flow_syntax", String(20), nullable=False),
    Column("flow_profile", String(40)),
    Column("processing_rule", String(40)),
    Column("request_id", String(64)),
    Column("organization_id", String(200)),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
)
Index("ix_api_submissions_client", api_submissions.c.client, api_submissions.c.tracking_id)

api_webhooks = Table(
    "api_webhooks", metadata,
    Column("webhook_id", String(36), primary_key=True),
    Column("client", String(200), nullable=False),
    Column("callback_url", Text, nullable=False),
    Column("flow_types", Text),                   # JSON list, or NULL: every type
    Column("flow_direction", String(10)),
    Column("ack_status", String(10)),
    Column("signing_key", String(200), nullable=False),   # base64, 512 bits
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_api_webhooks_client", api_webhooks.c.client)

api_webhook_outbox = Table(
    "api_webhook_outbox", metadata,
    Column("event_id", String(120), primary_key=True),    # webhook:flow:ack: the dedup id
    Column("webhook_id", String(36), nullable=False),
    Column("flow_id", String(40), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True)),
    Column("last_error", Text),
)
Index("ix_api_outbox_due", api_webhook_outbox.c.delivered_at,
      api_webhook_outbox.c.next_attempt_at)

api_cursors = Table(
    "api_cursors", metadata,
    Column("name", String(60), primary_key=True),         # "webhooks": the last flow seen
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("flow_id", String(40), nullable=False),
)

api_remote_flows = Table(
    "api_remote_flows", metadata,
    Column("target", String(300), primary_key=True),
    Column("tracking_id", String(64), primary_key=True),
    Column("flow_id", String(40), nullable=False),       # ours
    Column("remote_flow_id", String(64)),
    Column("ack_status", String(10)),
    Column("detail", Text),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("checked_at", DateTime(timezone=True)),
)

# Leases (edi/ledger/leases.py, revision 0004): who works on a flow, and until when (the
# database's clock); a claim of an inbox file is recorded before its rename into the work
# area, and a remote (SFTP) file before its download, so that nothing sits unrecorded in
# the work area and two processes never take one file.
Index("ix_flows_lease", flows.c.lease_expires_at, flows.c.lease_owner)  # leases held

intake_claims = Table(
    "intake_claims", metadata,
    Column("flow_id", String(40), primary_key=True),   # the flow the file will be
    Column("interface", String(200), nullable=False),
    Column("source", Text),
    Column("owner", String(64)),
    Column("expires_at", DateTime(timezone=True)),
)

remote_claims = Table(
    "remote_claims", metadata,
    Column("key", String(64), primary_key=True),       # sha256 of interface and source
    Column("interface", String(200), nullable=False),
    Column("source", Text, nullable=False),
    Column("owner", String(64)),
    Column("expires_at", DateTime(timezone=True)),
)

# Engagements consumed by accepted invoices (edi/ledger/engagements.py, revision 0007): one
# row per engagement with what was invoiced against it, in cents, updated in one statement
# per invoice (the row serializes two workers taking the last euro); one row per invoice
# that consumed (a credit note gives back: negative), so a redo never consumes twice.
engagement_totals = Table(
    "engagement_totals", metadata,
    Column("buyer", String(14), primary_key=True),
    Column("number", String(50), primary_key=True),
    Column("invoiced_cents", BigInteger, nullable=False),
    Column("baseline_cents", BigInteger, nullable=False),  # invoiced when its amount was set
    Column("based_at", DateTime(timezone=True)),           # then
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

engagement_uses = Table(
    "engagement_uses", metadata,
    Column("flow_id", String(40), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("buyer", String(14), nullable=False),
    Column("number", String(50), nullable=False),
    Column("cents", BigInteger, nullable=False),
    Column("over_cents", BigInteger, nullable=False),   # beyond the amount, when it went over
    Column("at", DateTime(timezone=True), nullable=False),
)
Index("ix_engagement_uses_engagement", engagement_uses.c.buyer, engagement_uses.c.number)
