"""Every CDAR message edi-flux can emit passes the CDAR XSD and the official BR-FR-CDV
Schematron; what the rules refuse is refused; what we write reads back the same."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from edi.config import Limits
from edi.lifecycle import cdar, check, codes
from edi.lifecycle.ingest import own_status, seller_party
from edi.lifecycle.send import allowed
from edi.model import Document, Invoice
from edi.validators import xml_safety
from tests.lifecycle.helpers import status_message

INVOICE = Invoice(number="FA-1", issue_date="2025-03-14", type_code="380",
                  seller_name="Vendeur", seller_siret="41234567000019", currency="EUR")
AT = datetime(2025, 4, 2, 10, 0, tzinfo=UTC)


def judged(content: bytes) -> list[str]:
    findings, _, _ = check.judge(xml_safety.parse(content, Limits()))
    return [f.rule_id for f in findings if f.fatal]


def ours(code: int, reason: str | None = None, for_ppf: bool = False) -> bytes:
    doc = Document(seq=1, name="fa-1.xml", content=b"", invoice=INVOICE)
    data = (cdar.Characteristic("MEN", "120.00", "EUR", "20.00"),) if code == 212 else ()
    st = own_status(doc, code, AT, reason, source="user", data=data)
    platform = codes.STATUSES[code].set_by == codes.PLATFORM
    party = cdar.Party("WK", "edi-flux", platform_id="9998") if platform else \
        cdar.Party("SE", "Vendeur", siren="412345670")
    recipients = [seller_party(doc)] if platform else [cdar.Party("WK", "plateforme")]
    sender = cdar.Party("WK", "edi-flux", platform_id="9998") if for_ppf else party
    return cdar.build(cdar.Message(st, sender=sender, issuer=party, recipients=recipients,
                                   seller_siren=st.issuer_siren, received_at=AT,
                                   for_ppf=for_ppf))


def emitted() -> list[tuple[int, str | None]]:
    """Each (status, reason) edi-flux emits, in either role."""
    out: list[tuple[int, str | None]] = []
    for code in allowed("platform"):
        st = codes.STATUSES[code]
        if code in codes.REASONS_FOR:
            out += [(code, r) for r in sorted(codes.REASONS_FOR[code])]
        else:
            out.append((code, "AUTRE" if st.needs_reason else None))
    return out


@pytest.mark.parametrize(("code", "reason"), emitted())
def test_every_message_we_emit_passes_the_official_rules(code: int, reason: str | None
                                                         ) -> None:
    content = ours(code, reason)
    assert judged(content) == []
    (st,) = cdar.statuses(xml_safety.parse(content, Limits()).getroot())
    assert (st.code, st.invoice_number, st.issuer_siren, st.reason_code) == \
        (code, "FA-1", "412345670", reason)


@pytest.mark.parametrize(("code", "reason"),
                         [(c, r) for c, r in emitted() if c in codes.FOR_PPF])
def test_every_pour_ppf_twin_passes_the_official_rules(code: int, reason: str | None) -> None:
    content = ours(code, reason, for_ppf=True)
    assert judged(content) == []
    assert b"urn.cpro.gouv.fr:1p0:CDV:einvoicingF2" in content
    assert b'<ram:GlobalID schemeID="0238">0000</ram:GlobalID>' in content


def test_the_messages_the_tests_send_pass_too() -> None:
    for content in (status_message(212, amount="1.00", percent="20"),
                    status_message(205, issuer_role="BY"),
                    status_message(213, issuer_role="WK", reason="REJ_SEMAN")):
        assert judged(content) == []


def test_the_rules_can_fail() -> None:
    assert "BR-FR-CDV-14_MDT-207" in judged(status_message(212))
    assert "BR-FR-CDV-CL-09_MDT-113_213" in judged(
        status_message(213, issuer_role="WK", reason="TX_TVA_ERR"))
    assert judged(status_message(212, issuer_role="BY", amount="1", percent="20")) == \
        ["EDI-CDAR-ACTOR"]


def test_a_212_reads_back_its_amount_and_rate() -> None:
    (st,) = cdar.statuses(xml_safety.parse(ours(212), Limits()).getroot())
    assert st.data == (cdar.Characteristic("MEN", "120.00", "EUR", "20.00"),)
    assert st.at == AT and st.issue_date == "2025-03-14" and st.type_code == "380"
