"""``[lifecycle]``: which statuses edi-flux sets itself.

Kept apart from the rest of the package so that loading the configuration imports
nothing heavy.
"""

from __future__ import annotations

from dataclasses import dataclass

from edi.config import ConfigError, section

ROLES = ("seller", "platform")


@section("lifecycle")
@dataclass(frozen=True)
class LifecycleSettings:
    """role: ``seller`` (the default) — edi-flux is the seller's own system in front of its
      platform: it claims no platform status (its verdicts stay in the compte rendu;
      delivering to a target is not 203), takes in the statuses its platform sends back,
      and sends its user's own (``edi lifecycle set``, e.g. 212 Encaissée).
      ``platform`` — edi-flux acts as the issuing platform: it sets 200 Déposée on an
      accepted invoice, 201 Émise par la plateforme once delivered, 213 Rejetée and 501
      Irrecevable with their reasons (BR-FR-CDV-15), each as a CDAR message.
    name: the name edi-flux gives itself as issuer of the messages it sends (MDT-39).
    platform_id: in the platform role, its registration number (scheme 0238, MDT-38).
    ppf_targets: in the platform role, where the ``_POUR_PPF`` twins of the mandatory
      statuses (200, 210, 212, 213) go (target references as in ``[routes]``); empty:
      written under ``reports/lifecycle/`` only.
    """

    role: str = "seller"
    name: str = "edi-flux"
    platform_id: str = "9998"
    ppf_targets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ConfigError(f"[lifecycle] role = {self.role!r}: expected one of {ROLES}")
        if not self.platform_id.isdigit() or len(self.platform_id) != 4:
            raise ConfigError(f"[lifecycle] platform_id = {self.platform_id!r}: expected the "
                              "platform's 4-digit registration number (scheme 0238)")
