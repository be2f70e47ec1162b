"""How severe the Factur-X container checks are, per scenario: the ``[envelope]`` table.

Kept apart from ``envelope.py`` so that reading the configuration never loads pikepdf.

    [envelope]
    severity = "fatal"               # a Factur-X PDF to a French platform (B2G, B2B domestic)
    severity_elsewhere = "warning"   # out of scope: a foreign party, a consumer
    by_rule = ["FX-PDF-XMP-VERSION=warning"]   # one rule's severity, in every scenario
"""

from __future__ import annotations

from dataclasses import dataclass

from edi.config import ConfigError, section

SEVERITIES = ("fatal", "warning")


@section("envelope")
@dataclass(frozen=True)
class EnvelopeSettings:
    """Settings of the ``envelope`` layer (the Factur-X container checks).

    severity: of a container finding on a Factur-X PDF sent to a French platform — the
      B2G Chorus Pro and B2B domestic scenarios (``edi/validators/scenario.py``): fatal,
      the invoice is IRRECEVABLE (501) with the rule's reason.
    severity_elsewhere: in the other scenarios (out of scope), where no French platform
      receives the PDF.
    by_rule: ``RULE=SEVERITY`` pairs overriding both for one rule.
    versions: the accepted ``fx:Version`` values (Factur-X 1.0 and ZUGFeRD 2.x write 1.0).
    relationships: the accepted ``/AFRelationship`` of the invoice XML (Factur-X 1.0:
      Data, Source or Alternative).
    mime_types: the accepted ``/Subtype`` of the invoice XML's embedded stream.
    """

    severity: str = "fatal"
    severity_elsewhere: str = "warning"
    by_rule: tuple[str, ...] = ()
    versions: tuple[str, ...] = ("1.0",)
    relationships: tuple[str, ...] = ("Data", "Source", "Alternative")
    mime_types: tuple[str, ...] = ("text/xml", "application/xml")

    def __post_init__(self) -> None:
        _choice("severity", self.severity)
        _choice("severity_elsewhere", self.severity_elsewhere)
        for pair in self.by_rule:
            rule, sep, value = pair.partition("=")
            if not sep or not rule.strip():
                raise ConfigError(f"[envelope] by_rule: expected RULE=SEVERITY, got {pair!r}")
            _choice(f"by_rule {rule.strip()}", value.strip())

    @property
    def overrides(self) -> dict[str, str]:
        return {rule.strip(): value.strip() for rule, _, value in
                (pair.partition("=") for pair in self.by_rule)}


def _choice(name: str, value: str) -> None:
    if value not in SEVERITIES:
        raise ConfigError(f"[envelope] {name}: {value!r} is not one of {list(SEVERITIES)}")
