"""Norwegian organisation numbers (organisasjonsnummer, Enhetsregisteret).

Why not just :mod:`stdnum.no.orgnr`: stdnum checks length and the mod-11 check digit
(weights 3, 2, 7, 6, 5, 4, 3, 2 on the body, 1 on the check digit) but not the first digit.
Brønnøysundregistrene issues organisation numbers starting with 8 or 9 only, so a number
starting with anything else is a typo or a different identifier (an account number fragment,
a personal number) even when its checksum happens to be right.

The one exception is test data: Skatteetaten's Tenor test organisations have numbers starting
with 2 or 3 and a valid check digit (310111643 in the Restanser example, 210465472 and
314768949 in the a-melding upload example of Skatteetaten/api-dokumentasjon). Like synthetic
personal numbers they are accepted only when the caller says ``allow_synthetic=True``, so a
test organisation never slips into a production load.

The mod-11 check digit detects every single-digit substitution because all weights are
non-zero modulo 11; the tests check this property exhaustively over random numbers.
"""

from __future__ import annotations

from akrim.ids._text import DIGIT_VALUES, digits_of
from akrim.ids.errors import InvalidIdentifier

_BODY_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
CHECKSUM_WEIGHTS = (*_BODY_WEIGHTS, 1)
"""The body's weights and the check digit's own 1: the sum is 0 modulo 11 for a valid number."""
FIRST_DIGITS = frozenset("89")
TENOR_FIRST_DIGITS = frozenset("23")
_KNOWN_FIRST_DIGITS = FIRST_DIGITS | TENOR_FIRST_DIGITS


def _checksum(number: str) -> int:
    """stdnum's ``orgnr.checksum``: the weighted sum modulo 11, 0 for a valid number.

    Written out with CHECKSUM_WEIGHTS on the digits' values: several times faster than stdnum's
    ``int()`` per digit, and every ingested row has numbers."""
    d0, d1, d2, d3, d4, d5, d6, d7, check = number.encode().translate(DIGIT_VALUES)
    return (3 * d0 + 2 * d1 + 7 * d2 + 6 * d3 + 5 * d4 + 4 * d5 + 3 * d6 + 2 * d7 + check) % 11


def validate_orgnr(value: str, *, allow_synthetic: bool = False) -> str:
    """Return the normalised 9-digit organisation number or raise :class:`InvalidIdentifier`.

    A Tenor test number (first digit 2 or 3) is accepted only with ``allow_synthetic``.
    """
    number = digits_of(value, 9, "ids.label.orgnr")
    first = number[0]
    if first not in _KNOWN_FIRST_DIGITS:
        raise InvalidIdentifier(value, "ids.orgnr_first_digit", number=number, first=first)
    if _checksum(number) != 0:
        raise InvalidIdentifier(value, "ids.orgnr_checksum", number=number)
    if first in TENOR_FIRST_DIGITS and not allow_synthetic:
        raise InvalidIdentifier(value, "ids.orgnr_tenor", number=number, first=first)
    return number


def is_valid_orgnr(value: str, *, allow_synthetic: bool = False) -> bool:
    """True when :func:`validate_orgnr` would accept ``value``."""
    try:
        validate_orgnr(value, allow_synthetic=allow_synthetic)
    except InvalidIdentifier:
        return False
    return True


def make_orgnr(body8: int) -> str | None:
    """Append the check digit to an 8-digit body (80000000-99999999).

    Returns ``None`` when the body has no check digit (mod-11 remainder 1, i.e. the digit
    would be 10): Brønnøysundregistrene skips such bodies, and so must generators.
    Raises :class:`ValueError` for bodies that cannot start a valid organisation number.
    """
    if not 80_000_000 <= body8 <= 99_999_999:
        raise ValueError(f"body8 must be in 80000000..99999999, got {body8}")
    body = f"{body8:08d}"
    check = (11 - sum(w * int(d) for w, d in zip(_BODY_WEIGHTS, body, strict=True))) % 11
    if check == 10:
        return None
    return body + str(check)
