"""When the Chorus Pro deposit rules apply, and against which directory: the scenario.

Kept apart from ``chorus.py`` so that reading the configuration never loads the layer.
``edi.validators.scenario`` turns these settings into each invoice's scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from edi.config import ConfigError, section

APPLIES = ("directory", "buyer-siret", "always", "never")
AMOUNT_BASES = ("with_vat", "without_vat")


@section("chorus")
@dataclass(frozen=True)
class ChorusSettings:
    """Scenario settings of the ``chorus`` layer.

    applies: which invoices are B2G, judged by Chorus Pro's deposit rules:
      ``directory`` (default) — the buyer is a structure of the loaded Chorus Pro
      directory, found by its SIRET (BT-46 with scheme 0009, or a 14-digit BT-47) or by
      its SIREN (BT-47); a buyer absent from it is a private company (B2B), reached
      through its platform (PA), which Chorus Pro's rules do not judge;
      ``always`` — a Chorus Pro-only inbox: every invoice, so an unknown buyer is
      ``CPRO-DEST-INCONNU`` (directory rules only when a directory is loaded);
      ``never``;
      ``buyer-siret`` — kept for configurations written before ``directory``: any buyer
      identified by a SIRET, once a directory is loaded (every French B2B buyer too).
    scenario: the name the compte rendu gives to the B2G scenario.
    directory: the directory store written by ``edi directory import`` (relative to the
      working directory unless absolute).
    reload_check_seconds: how often a worker looks whether the store was replaced.
    engagement_amount: which invoice total is compared with an engagement's remaining
      amount: ``with_vat`` (BT-112, as public commitments are counted) or ``without_vat``.
    by_interface: ``INTERFACE=APPLIES`` pairs overriding ``applies`` for the flows of one
      inbox or interface (e.g. ``"b2b=never"``, ``"chorus=always"``).
    identifiers: run the identifier checks (SIRET, VAT, IBAN...) inside this layer when
      no separate ``identifiers`` layer is configured.
    """

    applies: str = "directory"
    scenario: str = "B2G Chorus Pro"
    directory: Path = Path("var/directory.sqlite")
    reload_check_seconds: float = 5.0
    engagement_amount: str = "with_vat"
    by_interface: tuple[str, ...] = ()
    identifiers: bool = True

    def __post_init__(self) -> None:
        _choice("applies", self.applies, APPLIES)
        _choice("engagement_amount", self.engagement_amount, AMOUNT_BASES)
        for pair in self.by_interface:
            name, _, value = pair.partition("=")
            if not name or not value:
                raise ConfigError(f"[chorus] by_interface: expected INTERFACE=APPLIES, "
                                  f"got {pair!r}")
            _choice(f"by_interface {name}", value, APPLIES)

    def applies_to(self, interface: str | None) -> str:
        """The ``applies`` mode for flows received through ``interface``."""
        for pair in self.by_interface:
            name, _, value = pair.partition("=")
            if name == interface:
                return value
        return self.applies


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConfigError(f"[chorus] {name}: {value!r} is not one of {', '.join(allowed)}")
