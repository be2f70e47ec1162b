"""French bank details (RIB): the four fields, the RIB key, and the IBAN they make.

A RIB ("relevé d'identité bancaire") is what the Chorus Pro portal asks a supplier for,
beside the IBAN: code banque (5 digits), code guichet (5 digits), numéro de compte (11
digits or letters) and clé RIB (2 digits). python-stdnum checks IBANs but has no French
RIB module (``stdnum.fr`` has siren, siret, tva, nif, nir, rcs, accise): the key is
computed here.

The key, as the Comité français d'organisation et de normalisation bancaires defines it::

    clé = 97 - ((89 × banque + 15 × guichet + 3 × compte) mod 97)

with the letters of the account number first turned into digits (A, J → 1; B, K, S → 2;
C, L, T → 3; D, M, U → 4; E, N, V → 5; F, O, W → 6; G, P, X → 7; H, Q, Y → 8; I, R, Z → 9).

The French IBAN is ``FR`` + two check digits (ISO 13616, computed by stdnum) + the 23
characters of the RIB: ``30004 00031 00012345678 65`` is ``FR76 3000 4000 3100 0123 4567
865``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum import iban as stdiban

_LETTERS = {c: str(d) for d, group in enumerate(
    ("", "AJ", "BKS", "CLT", "DMU", "ENV", "FOW", "GPX", "HQY", "IRZ")) for c in group}
_FIELDS = (("code banque", 5, r"[0-9]{5}"), ("code guichet", 5, r"[0-9]{5}"),
           ("numéro de compte", 11, r"[0-9A-Z]{11}"), ("clé RIB", 2, r"[0-9]{2}"))


class RibError(ValueError):
    """Not a valid RIB; the message says what was found and what was expected."""


@dataclass(frozen=True, slots=True)
class Rib:
    bank: str          # code banque
    branch: str        # code guichet
    account: str       # numéro de compte (letters upper-cased)
    key: str           # clé RIB

    @property
    def compact(self) -> str:
        """The 23 characters, as they end a French IBAN."""
        return f"{self.bank}{self.branch}{self.account}{self.key}"

    @property
    def iban(self) -> str:
        """The IBAN these details make (compact, ``FR`` and its check digits)."""
        return "FR" + stdiban.calc_check_digits("FR00" + self.compact) + self.compact

    def __str__(self) -> str:
        return f"{self.bank} {self.branch} {self.account} {self.key}"


def rib_key(bank: str, branch: str, account: str) -> str:
    """The two-digit RIB key of these fields (letters of the account converted)."""
    digits = "".join(_LETTERS.get(c, c) for c in account.upper())
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(digits)) % 97:02d}"


def looks_like_rib(value: str) -> bool:
    """Whether ``value`` is meant as a RIB: it starts with a digit (the code banque),
    where an IBAN starts with its country's two letters."""
    return value.strip()[:1].isdigit()


def parse_rib(value: str) -> Rib:
    """A RIB from its 23 characters or its four fields separated by spaces; the key
    checked. Raises ``RibError`` naming the field that is wrong."""
    parts = value.split()
    if len(parts) == 1:
        raw = parts[0].upper()
        if len(raw) != 23:
            raise RibError(f"RIB {value!r}: {len(raw)} characters, expected 23 (code banque "
                           "5, code guichet 5, numéro de compte 11, clé 2) or the four "
                           "fields separated by spaces")
        parts = [raw[0:5], raw[5:10], raw[10:21], raw[21:23]]
    elif len(parts) != 4:
        raise RibError(f"RIB {value!r}: {len(parts)} fields, expected 4 (code banque, code "
                       "guichet, numéro de compte, clé RIB) or 23 characters")
    fields = [p.upper() for p in parts]
    for (label, width, pattern), got in zip(_FIELDS, fields, strict=True):
        if not re.fullmatch(pattern, got):
            kind = "digits" if "A-Z" not in pattern else "digits or letters"
            raise RibError(f"RIB {value!r}: {label} {got!r}, expected {width} {kind}")
    bank, branch, account, key = fields
    expected = rib_key(bank, branch, account)
    if key != expected:
        raise RibError(f"RIB {value!r}: clé RIB {key} is wrong, the key of {bank} {branch} "
                       f"{account} is {expected}")
    return Rib(bank, branch, account, key)


def rib_of_iban(iban: str) -> Rib | None:
    """The RIB inside a French (or Monaco) IBAN, None for another country's."""
    compact = stdiban.compact(iban)
    if compact[:2] not in ("FR", "MC") or len(compact) != 27:
        return None
    bban = compact[4:]
    return Rib(bban[0:5], bban[5:10], bban[10:21], bban[21:23])


def account_number(value: str) -> str:
    """The IBAN of ``value``, given as an IBAN or a RIB (its key checked); raises
    ``RibError`` or stdnum's ``ValidationError`` with the reason."""
    if looks_like_rib(value):
        return parse_rib(value).iban
    return stdiban.validate(value)
