"""CDAR messages as a platform or a buyer would send them, built by edi.lifecycle.cdar
(so that each is valid unless a test breaks it on purpose)."""

from __future__ import annotations

from datetime import UTC, datetime

from edi.lifecycle import cdar

SELLER_SIRET = "41234567000019"   # edi.samples' seller
SELLER_SIREN = SELLER_SIRET[:9]
NUMBER = "FA-2025-000123"
ISSUED = "2025-03-14"


def status_message(code: int, *, number: str = NUMBER, siren: str = SELLER_SIREN,
                   issuer_role: str = "SE", at: datetime | None = None,
                   amount: str | None = None, percent: str | None = None,
                   reason: str | None = None, sequence: int | None = None,
                   message_id: str | None = None) -> bytes:
    data = (cdar.Characteristic("MEN", amount, "EUR", percent),) if amount else ()
    st = cdar.LifecycleStatus(
        code=code, at=at or datetime.now(UTC), invoice_number=number,
        issuer_siren=siren, issue_date=ISSUED, type_code="380", reason_code=reason,
        reason="motif" if reason else None, sequence=sequence, data=data,
        message_id=message_id)
    issuer = cdar.Party(issuer_role, "Emetteur", siren=siren) if issuer_role != "WK" else \
        cdar.Party("WK", "Plateforme", platform_id="9998")
    return cdar.build(cdar.Message(
        st, sender=cdar.Party("WK", "Plateforme", platform_id="9998"), issuer=issuer,
        recipients=[cdar.Party("WK", "Plateforme du vendeur")], seller_siren=siren),
        created=at or datetime.now(UTC))
