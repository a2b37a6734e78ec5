"""Control digits k1 and k2 of 11-digit Norwegian personal identifiers, incl. the 2032 rule.

Why not just :mod:`stdnum.no.fodselsnummer`: stdnum (2.2) implements only the classic rule,
where k1 is the unique mod-11 check digit. From 1 January 2032 Folkeregisteret issues
fødselsnumre and d-numre whose k1 may be any of four digits, so stdnum rejects numbers that
are perfectly valid. We use stdnum's weight tables (``calc_check_digit1``,
``calc_check_digit2``; the tests check we agree with stdnum on classic numbers) and only widen
the k1 acceptance. The sums are computed here, on digit values, rather than by calling stdnum:
its ``int()`` per digit and string results cost more than the rest of a validation.

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

from collections.abc import Sequence
from enum import Enum

NEW_RULE_REMAINDERS = (1, 2, 3)
"""k1 remainders that only the 2032 rule accepts (remainder 0 is the classic rule)."""

K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
K1_SUM_WEIGHTS = (*K1_WEIGHTS, 1)
"""The k1 weights with the check digit's own weight 1: the remainder of this sum modulo 11 is 0
exactly when k1 is the classic one (k = 11 - (S mod 11), 11 -> 0)."""
K2_SUM_WEIGHTS = (*K2_WEIGHTS, 1)
"""The k2 weights with k2's own weight 1: the sum is 0 modulo 11 exactly when k2 is right."""
K1_ACCEPTED = frozenset((0, *NEW_RULE_REMAINDERS))
"""The remainders of the K1_SUM_WEIGHTS sum that either rule accepts."""


class ControlResult(Enum):
    """Outcome of checking k1 and k2; a value per failure so callers can explain it."""

    CLASSIC = "classic"
    NEW_RULE = "new_rule"
    K1_FAILS = "k1"
    K2_FAILS = "k2"


def _text_sum(weights: tuple[int, ...], text: str) -> int:
    """The weighted sum of the leading digits of `text`, as stdnum computes it."""
    return sum(w * int(d) for w, d in zip(weights, text, strict=False))


def k1_remainder(number: str) -> int:
    """The remainder (0..10) of the weighted k1 sum including k1 itself, modulo 11."""
    return _text_sum(K1_SUM_WEIGHTS, number) % 11


def k1_for_remainder(first9: str, remainder: int) -> int | None:
    """The k1 digit that gives ``remainder``; ``None`` when that digit would be 10."""
    k1 = (remainder - _text_sum(K1_WEIGHTS, first9)) % 11
    return None if k1 == 10 else k1


def k2_for(first10: str) -> int | None:
    """The k2 digit for the first ten digits; ``None`` when it would be 10 (never issued)."""
    k2 = -_text_sum(K2_WEIGHTS, first10) % 11
    return None if k2 == 10 else k2


def control_result(digits: Sequence[int]) -> ControlResult:
    """Check k1 (classic or 2032 rule) and k2 of the 11 digit values `digits` (ints 0-9).

    A k2 that would have to be 10 never matches a digit, so "k2 is right" is simply "the
    full k2 sum is 0 modulo 11".
    """
    # The hot path of every personal-number check: the sums are written out with the weights
    # of K1_WEIGHTS and K2_WEIGHTS (plus 1 for the check digit itself), which is several
    # times faster than any loop over the weights.
    d0, d1, d2, d3, d4, d5, d6, d7, d8, k1, k2 = digits
    remainder = (3 * d0 + 7 * d1 + 6 * d2 + d3 + 8 * d4 + 9 * d5 + 4 * d6 + 5 * d7 + 2 * d8
                 + k1) % 11
    if remainder not in K1_ACCEPTED:
        return ControlResult.K1_FAILS
    if (5 * d0 + 4 * d1 + 3 * d2 + 2 * d3 + 7 * d4 + 6 * d5 + 5 * d6 + 4 * d7 + 3 * d8 + 2 * k1
            + k2) % 11:
        return ControlResult.K2_FAILS
    return ControlResult.CLASSIC if remainder == 0 else ControlResult.NEW_RULE


def check_control_digits(number: str) -> ControlResult:
    """Check k1 (classic or 2032 rule) and k2 of an 11-digit ASCII string."""
    return control_result([int(d) for d in number])
