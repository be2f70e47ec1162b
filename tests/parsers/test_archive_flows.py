"""Archives through the real `edi process`: every member counted, every name committed.

The two failures of issue 9 showed only downstream of the parsers: a stored ZIP of
Factur-X was accepted as one invoice of three, and a tar with a Latin-1 member name
crashed the batch commit (the ledger and the XML report need valid text).
"""

from __future__ import annotations

import io
import tarfile
import zipfile

from lxml import etree

from edi import samples
from tests.e2e.conftest import Workspace, ws  # noqa: F401 - ws is the fixture


def test_a_stored_zip_of_three_facturx_is_three_invoices(ws: Workspace) -> None:  # noqa: F811
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(3):
            archive.writestr(f"fx-{i}.pdf", samples.facturx_pdf(number=f"FX-{i}"))
    ws.drop("lot.zip", buffer.getvalue())

    ws.edi("process")

    (flow,) = ws.flows()
    assert (flow["status"], flow["invoice_count"], flow["accepted_count"]) == \
        ("IN_INTEGRE", 3, 3)
    assert sorted(i["name"] for i in flow["invoices"]) == ["fx-0.pdf", "fx-1.pdf", "fx-2.pdf"]


def test_a_latin1_member_name_is_committed_and_reported(ws: Workspace) -> None:  # noqa: F811
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT, encoding="latin-1"
                      ) as archive:
        for name, number in (("facture-é.xml", "L-1"), ("ok.xml", "L-2")):
            content = samples.ubl_invoice(number=number)
            info = tarfile.TarInfo(name)  # written as Latin-1 bytes, as Windows tools do
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    assert b"facture-\xe9.xml\x00" in buffer.getvalue()
    ws.drop("lot.tar", buffer.getvalue())

    ws.edi("process")

    (flow,) = ws.flows()
    assert (flow["status"], flow["invoice_count"]) == ("IN_INTEGRE", 2), flow
    assert sorted(i["name"] for i in flow["invoices"]) == ["facture-\\xe9.xml", "ok.xml"]
    (report,) = [p for p in ws.files("reports") if p.name.endswith(".cr.xml")]
    assert b"facture-\\xe9.xml" in report.read_bytes()
    etree.parse(str(report))  # well-formed: no surrogate, no control character
