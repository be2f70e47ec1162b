"""Routing by directory line, and DIR-DEST-INC: an in-scope buyer without a line in
effect is an unknown recipient (DEST_INC) once lines are loaded; foreign buyers, B2C and
stores without lines are not judged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from edi import config, samples
from edi.config import Settings
from edi.directory.lines import import_lines
from edi.model import Document, Flow, FlowStatus, Invoice, Reason, Severity, Syntax, utcnow
from edi.routing import table
from edi.rules import catalogue
from edi.validators import validate
from edi.validators.recipient import RecipientLayer
from tests.directory.test_import import write
from tests.validators.sample_invoices import read, siret

SERVED = siret(55210055)          # a buyer with a line (platform 0042)
SERVED_SIREN_ONLY = siret(30000001)  # its SIREN has a line, this SIRET none (platform 0077)
UNKNOWN = siret(40000001)         # no line at all
ENDED = siret(60000001)           # a line that ended
CONFIG = """[chorus]
directory = "var/directory.sqlite"
reload_check_seconds = 0.0

[[routes.target]]
name = "pa-0042"
url = "out/pa-0042"

[[routes.route]]
name = "buyers of platform 0042"
match = {{ platform = "0042" }}
targets = ["pa-0042"]
{extra}"""


def lines_file(tmp_path: Path) -> Path:
    rows = ["siren;siret;platformType;platformId;platformName;effectiveDate;endDate",
            f"{SERVED[:9]};{SERVED};WK;0042;PA Exemple;2020-01-01;",
            f"{SERVED_SIREN_ONLY[:9]};;WK;0077;PA Autre;2020-01-01;",
            f"{ENDED[:9]};{ENDED};WK;0042;;2020-01-01;2021-01-01"]
    return write(tmp_path / "lines.csv", "\n".join(rows) + "\n")


@pytest.fixture
def base(tmp_path: Path) -> Settings:
    (tmp_path / "edi.toml").write_text(CONFIG.format(extra=""))
    import_lines(tmp_path / "var" / "directory.sqlite", lines_file(tmp_path))
    return config.load(tmp_path / "edi.toml", base_dir=tmp_path)


def judged(settings: Settings, **overrides: object) -> Document:
    doc, tree = read("ubl", **overrides)
    validate(doc, tree, [RecipientLayer(settings)], settings)
    return doc


def test_an_in_scope_buyer_without_a_line_is_an_unknown_recipient(base: Settings) -> None:
    doc = judged(base, buyer_siret=UNKNOWN)
    assert doc.scenario is not None and doc.scenario.name == "B2B domestic"
    [finding] = doc.findings
    assert (finding.rule_id, finding.severity, finding.layer, finding.location) == \
        ("DIR-DEST-INC", Severity.FATAL, "recipient", "BT-46")
    assert "DEST_INC" in finding.message and UNKNOWN in finding.message
    assert doc.reason is Reason.DEST_INC
    ended = judged(base, buyer_siret=ENDED)   # its only line is no longer in effect
    assert [f.rule_id for f in ended.findings] == ["DIR-DEST-INC"]


def test_buyers_with_a_line_in_effect_pass(base: Settings) -> None:
    assert judged(base, buyer_siret=SERVED).findings == []
    assert judged(base, buyer_siret=SERVED_SIREN_ONLY).findings == []   # by its SIREN


def test_foreign_buyers_and_consumers_are_not_judged(base: Settings) -> None:
    foreign = judged(base, buyer_siret=None, buyer_siren=None, buyer_country="DE",
                     buyer_vat="DE123456789")
    assert foreign.scenario is not None and foreign.scenario.name == "out of scope"
    assert foreign.findings == [] and foreign.layers[-1].ran is False
    consumer = Document(1, "c.xml", b"", invoice=Invoice(seller_country="FR",
                                                         buyer_country="FR",
                                                         buyer_name="M. Martin"))
    validate(consumer, None, [RecipientLayer(base)], base)   # type: ignore[arg-type]
    assert consumer.findings == [] and consumer.layers[-1].ran is False


def test_nothing_is_said_while_no_line_is_loaded(tmp_path: Path) -> None:
    (tmp_path / "edi.toml").write_text(CONFIG.format(extra=""))
    settings = config.load(tmp_path / "edi.toml", base_dir=tmp_path)
    doc = judged(settings, buyer_siret=UNKNOWN)
    assert doc.findings == [] and doc.layers[-1].ran is False


def test_edi_rules_lists_the_rule() -> None:
    rule = catalogue().rules["DIR-DEST-INC"]
    assert (rule.layer, rule.severity) == ("recipient", "fatal")
    assert "DEST_INC" in rule.text


def _flow() -> Flow:
    return Flow(flow_id="F20260101T000000000000-abcd", file_name="a.xml", sha256="0" * 64,
                size=10, interface="inbox", status=FlowStatus.IN_RECU, received_at=utcnow(),
                format="UBL")


def test_a_route_matches_the_platform_serving_the_buyer(base: Settings,
                                                       tmp_path: Path) -> None:
    def routed(buyer: str) -> list[str]:
        doc = Document(seq=1, name="a.xml", content=b"<Invoice/>", syntax=Syntax.UBL,
                       invoice=Invoice(buyer_siret=buyer))
        return [t.name for t in table.RouteTable(base).targets_for(doc, _flow())]

    assert routed(SERVED) == ["pa-0042"]
    assert routed(SERVED_SIREN_ONLY) != ["pa-0042"]    # served by 0077
    assert routed(ENDED) != ["pa-0042"]                # its line ended
    assert routed(UNKNOWN) != ["pa-0042"]
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "edi.toml").write_text(CONFIG.format(extra=""))
    no_lines = config.load(bare / "edi.toml", base_dir=bare)
    doc = Document(seq=1, name="a.xml", content=b"<Invoice/>", syntax=Syntax.UBL,
                   invoice=Invoice(buyer_siret=SERVED))
    assert table.RouteTable(no_lines).route_for(doc, _flow()) is None


def test_edi_validate_rejects_an_unknown_recipient(base: Settings, tmp_path: Path) -> None:
    unknown = tmp_path / "unknown.xml"
    unknown.write_bytes(samples.ubl_invoice(buyer_siret=UNKNOWN))
    served = tmp_path / "served.xml"
    served.write_bytes(samples.ubl_invoice(buyer_siret=SERVED))
    run = subprocess.run([sys.executable, "-m", "edi.cli", "validate", str(unknown),
                          str(served), "--json", "--layers", "xml,recipient"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    results = json.loads(run.stdout)
    findings = {Path(r["file"]).name if "file" in r else str(i):
                [f["rule_id"] for inv in r["invoices"] for f in inv["findings"]]
                for i, r in enumerate(results)}
    assert sorted(findings.values()) == [[], ["DIR-DEST-INC"]], run.stdout[:2000]


def test_a_public_buyer_without_a_line_is_an_unknown_recipient_too(base: Settings,
                                                                  tmp_path: Path) -> None:
    from edi.directory import import_directory
    from tests.directory.test_import import export

    import_directory(tmp_path / "var" / "directory.sqlite",
                     write(tmp_path / "annuaire.csv", export("true", "false")))
    public = siret(20000001)   # a structure of the export, with no directory line
    doc = judged(base, buyer_siret=public)
    assert doc.scenario is not None and doc.scenario.b2g
    assert [f.rule_id for f in doc.findings] == ["DIR-DEST-INC"]
