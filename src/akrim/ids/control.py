"""Control digits k1 and k2 of 11-digit Norwegian personal identifiers, incl. the 2032 rule.

Why a wrapper around :mod:`stdnum.no.fodselsnummer`: stdnum (2.2) implements only the
classic rule, where k1 is the unique mod-11 check digit. From 1 January 2032 Folkeregisteret
issues fødselsnumre and d-numre whose k1 may be any of four digits, so stdnum rejects
numbers that are perfectly valid. We reuse stdnum's weight tables (``calc_check_digit1``,
``calc_check_digit2``) and only widen the k1 acceptance.

The rule, exactly as Skatteetaten documents it ("Nytt fødselsnummer fra 2032",
https://skatteetaten.github.io/folkeregisteret-api-dokumentasjon/nytt-fodselsnummer-fra-2032/):

* k1 weights 3, 7, 6, 1, 8, 9, 4, 5, 2; k2 weights 5, 4, 3, 2, 7, 6, 5, 4, 3, 2.
* Old: ``k1 = 11 - (S1 mod 11)``. New: ``k1 = {11, 12, 13, 14} - (S1 mod 11)`` (values
  above 10 wrap by subtracting 11), i.e. the remainder of the full k1 sum including k1
  itself may be 0, 1, 2 or 3 instead of only 0. "Som tidligere forkastes fødselsnummeret
  hvis kontrollsiffer k1 blir 10."
* k2 is unchanged: ``k2 = 11 - (S2 mod 11)`` over the first ten digits *including the
  actual k1*, 11 -> 0, and a k2 of 10 means the number is never issued.

NAV's reference validator implements the same thing (navikt/fnrvalidator,
``src/validator.ts``: loops ``rest`` over 0..3, computes ``(11 + rest) - (k1Sum % 11)``,
drops 10, and then checks k2 against the actual k1). Skatteetaten's public page
https://www.skatteetaten.no/deling/opplysninger/folkeregisteropplysninger/pid/ states
the same: "Ny kontrollberegning vil akseptere 0, 1, 2 og 3 som gyldige verdier".
"""

from __future__ import annotations

from enum import Enum

from stdnum.no import fodselsnummer as _stdnum_fnr

NEW_RULE_REMAINDERS = (1, 2, 3)
"""k1 remainders that only the 2032 rule accepts (remainder 0 is the classic rule)."""


class ControlResult(Enum):
    """Outcome of checking k1 and k2; a value per failure so callers can explain it."""

    CLASSIC = "classic"
    NEW_RULE = "new_rule"
    K1_FAILS = "k1"
    K2_FAILS = "k2"


def k1_remainder(number: str) -> int:
    """The remainder (0..10) of the weighted k1 sum including k1 itself, modulo 11."""
    classic = int(_stdnum_fnr.calc_check_digit1(number[:9]))
    return (int(number[9]) - classic) % 11


def k1_for_remainder(first9: str, remainder: int) -> int | None:
    """The k1 digit that gives ``remainder``; ``None`` when that digit would be 10."""
    k1 = (int(_stdnum_fnr.calc_check_digit1(first9)) + remainder) % 11
    return None if k1 == 10 else k1


def k2_for(first10: str) -> int | None:
    """The k2 digit for the first ten digits; ``None`` when it would be 10 (never issued)."""
    k2 = int(_stdnum_fnr.calc_check_digit2(first10))
    return None if k2 == 10 else k2


def check_control_digits(number: str) -> ControlResult:
    """Check k1 (classic or 2032 rule) and k2 of an 11-digit ASCII string."""
    remainder = k1_remainder(number)
    if remainder != 0 and remainder not in NEW_RULE_REMAINDERS:
        return ControlResult.K1_FAILS
    if k2_for(number[:10]) != int(number[10]):
        return ControlResult.K2_FAILS
    return ControlResult.CLASSIC if remainder == 0 else ControlResult.NEW_RULE
