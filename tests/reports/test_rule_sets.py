"""Every layer names what judged: a flow examined by all nine layers (a clamd of the
suite's own, an imported Chorus Pro directory) gets a compte rendu whose rule sets each
carry a name, a version and the source they came from, in the JSON and in the XML."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import tempfile
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from edi import __version__, samples
from edi.config import Settings
from edi.directory import import_directory
from edi.flow.examine import examine, verdict_of
from edi.model import Flow, FlowStatus, RuleSet
from edi.reports import build, to_json, to_xml
from edi.reports import compte_rendu as cr
from edi.validators.base import build_layers
from tests.validators.test_antivirus import ClamdProcess, start_clamd
from tests.validators.test_attachments import facturx_with, ubl_with
from tests.validators.test_chorus import HEADER, structure

BUYER = "13002526500013"        # the samples' buyer: a public structure in this directory
RECEIVED = "2025-03-14T08:30:00Z"
NS = {"cr": cr.NAMESPACE}


@pytest.fixture(scope="module")
def clamd() -> Iterator[ClamdProcess]:
    folder = Path(tempfile.mkdtemp(prefix="edi-clamd-"))   # AF_UNIX paths are short
    running = start_clamd(folder)
    yield running
    running.process.terminate()
    try:
        running.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        running.process.kill()
        running.process.wait()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def settings(tmp_path: Path, clamd: ClamdProcess) -> Settings:
    """Every default layer on, the antivirus included, and a directory naming the buyer."""
    (tmp_path / "structures.csv").write_text(
        "\n".join([HEADER, structure(BUYER, "MINISTERE DES TESTS")]) + "\n")
    import_directory(tmp_path / "var" / "directory.sqlite", tmp_path / "structures.csv")
    config = Settings(base_dir=tmp_path, raw=types.MappingProxyType({
        "antivirus": {"socket": str(clamd.socket), "timeout": 30.0}}))
    assert "antivirus" in config.validation.layers and "chorus" in config.validation.layers
    return config


def report_of(name: str, data: bytes, settings: Settings) -> dict:
    documents = examine(name, data, settings, build_layers(settings), "inbox")
    status, reason = verdict_of(documents)
    flow = Flow(flow_id="F20250314T083000000000-abcdef", file_name=name, sha256="0" * 64,
                size=len(data), interface="inbox", status=FlowStatus.IN_EN_COURS_TRAITEMENT_CPP,
                received_at=RECEIVED)  # type: ignore[arg-type]
    return build(flow, documents, status, reason=reason, finished_at=RECEIVED,  # type: ignore[arg-type]
                 history=[], outputs={})


def test_a_flow_through_every_layer_names_each_rule_set_with_version_and_source(
        settings: Settings) -> None:
    pdf = facturx_with({"bon-de-livraison.pdf": ("application/pdf", samples.facturx_pdf())})
    report = report_of("facture.pdf", pdf, settings)
    (invoice,) = report["invoices"]

    by_layer = {run["name"] for run in invoice["layers"] if run["ran"]}
    assert by_layer >= {"antivirus", "xsd", "envelope", "attachments", "en16931",
                        "br-fr", "identifiers", "chorus"}, invoice["layers"]
    sets = {r["name"]: r for r in invoice["rule_sets"]}
    assert sets.keys() >= {"ClamAV", "Factur-X envelope", "Attachments", "Identifiers",
                           "Chorus Pro deposit rules", "BR-FR-Flux2-CII"}
    for rule_set in invoice["rule_sets"]:
        assert rule_set["name"] and rule_set["version"] and rule_set["source"], rule_set
    # what each source says: the package file, the clamd that scanned, our own module
    xsd = next(r for r in invoice["rule_sets"] if r["source"].endswith(".xsd"))
    assert xsd["source"].startswith("factur-x ") and "facturx-" in xsd["source"]
    assert sets["ClamAV"]["source"] == f"clamd at {settings.raw['antivirus']['socket']}"
    assert sets["Factur-X envelope"]["version"] == __version__
    assert "pikepdf" in sets["Factur-X envelope"]["source"]
    assert sets["Chorus Pro deposit rules"]["note"] == "scenario: B2G Chorus Pro"
    assert "1 structures" in sets["Chorus Pro deposit rules"]["source"]
    assert sets["BR-FR-Flux2-CII"]["source"].startswith(
        "FNFE France_RFE via factur-x ") and ".xslt, sha256:" in sets["BR-FR-Flux2-CII"]["source"]
    # the flow's list: every rule set once, and the XML says the same as the JSON
    assert report["rule_sets"] == list({tuple(r.items()): r for r in invoice["rule_sets"]}.values())
    root = etree.fromstring(to_xml(report, validate=True))
    xml_sets = [dict(e.attrib) for e in root.findall("cr:rule_sets/cr:rule_set", NS)]
    assert xml_sets == [{k: v for k, v in r.items() if v is not None} for r in report["rule_sets"]]
    assert b'"source": "factur-x ' in to_json(report)


def test_a_ubl_invoice_names_its_schema_and_the_cen_rules(settings: Settings) -> None:
    report = report_of("facture.xml", ubl_with(("pj.csv", "text/csv", b"a;b\n")), settings)
    (invoice,) = report["invoices"]
    names = [r["name"] for r in invoice["rule_sets"]]
    assert names[:4] == ["ClamAV", "UBL-Invoice-2.1", "Attachments", "EN16931-UBL"]  # layer order
    xsd, en16931 = invoice["rule_sets"][1], invoice["rule_sets"][3]

    assert (xsd["name"], xsd["version"]) == ("UBL-Invoice-2.1", "2.1")
    assert xsd["source"].endswith(": ubl-2.1/maindoc/UBL-Invoice-2.1.xsd")
    assert (en16931["name"], en16931["version"]) == ("EN16931-UBL", "1.3.16")
    assert en16931["source"].endswith(": ubl-2.1/EN16931-UBL-validation.xslt")


def test_a_virus_found_before_detection_names_clamav(settings: Settings) -> None:
    from tests.validators.test_antivirus import EICAR

    report = report_of("virus.txt", b"junk " + EICAR, settings)
    (invoice,) = report["invoices"]
    assert invoice["reason"] == "IRR_ANTIVIRUS"
    assert [r["name"] for r in invoice["rule_sets"]] == ["ClamAV"]
    assert invoice["rule_sets"][0]["version"]


def test_a_rule_set_is_data_and_its_label_is_made_of_it() -> None:
    ran = RuleSet("EN16931-UBL", "1.3.16", "factur-x 7.8: ubl-2.1/x.xslt")
    assert ran.noted("") is ran
    noted = ran.noted("optimised").noted("engine error")
    assert noted.note == "optimised; engine error"
    assert noted.label == "EN16931-UBL 1.3.16 (factur-x 7.8: ubl-2.1/x.xslt; optimised; " \
        "engine error)"
    assert RuleSet("solo", None, "").label == "solo" == str(RuleSet("solo", None, ""))
    assert dataclasses.replace(ran, version=None).to_dict() == {
        "name": "EN16931-UBL", "version": None, "source": "factur-x 7.8: ubl-2.1/x.xslt",
        "note": None}
    own = RuleSet.of_edi("Attachments", "edi/validators/attachments.py", "x 1", "n")
    assert own == RuleSet("Attachments", __version__,
                          "edi-flux edi/validators/attachments.py, x 1", "n")
