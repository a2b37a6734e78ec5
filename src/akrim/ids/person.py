"""Parsing of 11-digit Norwegian personal identifiers.

Covers fødselsnummer, D-number (day + 40), H-number (month + 40) and synthetic test
numbers (month + 80). Why synthetic numbers are opt-in: Skatteetaten's Tenor test
population and Digdir's test users carry "+80 på fødselsmåneden" (Digdir, KRR
testbrukere: "Syntetiske testbrukere har en personidentifikator der man som hovedregel har
plusset på 80 på fødselsmåneden"); in production data such a number is always a leak of
test data, so it is rejected unless the caller states ``allow_synthetic=True``. A synthetic
D-number (day + 40 and month + 80) is reported as ``kind=D_NUMBER, synthetic=True``.

Not accepted: FH-numbers (first digit 8 or 9; they carry no birth date), and day + 40
combined with month + 40 (NAV/Dolly's synthetic convention, which collides with the
H-number series and is not issued by Folkeregisteret).

Control digits follow :mod:`akrim.ids.control` (classic rule and the 2032 rule). Birth
dates follow :mod:`akrim.ids.century`; when the century cannot be read (2032-rule numbers,
or an individual number the classic series never used for that year) ``birth_date`` is
``None`` and the day/month/year digits are checked against year 2000 + yy, as
Skatteetaten's reference validator does ("antas alle datoer å være etter år 2000").
Whether the person is already born is deliberately not checked, so validation does not
depend on the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from akrim.ids._text import DIGIT_VALUES, digits_of
from akrim.ids.century import century_for
from akrim.ids.control import ControlResult, control_result
from akrim.ids.errors import InvalidIdentifier

D_NUMBER_DAY_OFFSET = 40
H_NUMBER_MONTH_OFFSET = 40
SYNTHETIC_MONTH_OFFSET = 80


class IdKind(Enum):
    """Which number series an 11-digit personal identifier belongs to."""

    FODSELSNUMMER = "fodselsnummer"
    D_NUMBER = "d_number"
    H_NUMBER = "h_number"
    SYNTHETIC = "synthetic"


@dataclass(frozen=True, slots=True)
class PersonId:
    """A validated personal identifier.

    ``birth_date`` is ``None`` when the century cannot be derived (see module docstring).
    ``new_rule`` is True when the control digits are valid only under the 2032 rule.
    """

    number: str
    kind: IdKind
    birth_date: dt.date | None
    synthetic: bool
    new_rule: bool = False

    @property
    def individual_number(self) -> int:
        """Digits 7-9; before 2032 they encode the century and (last digit) the gender."""
        return int(self.number[6:9])

    @property
    def gender_digit(self) -> int:
        """Digit 9 as issued: odd for men, even for women under the pre-2032 rules."""
        return int(self.number[8])

    @property
    def legacy_gender(self) -> Literal["F", "M"] | None:
        """Gender read from the gender digit; ``None`` for 2032-rule numbers.

        Skatteetaten: new numbers are gender-neutral and gender must be read from
        Folkeregisteret, so this is only meaningful for numbers issued before 2032.
        """
        if self.new_rule:
            return None
        return "M" if self.gender_digit % 2 else "F"


_LABELS = {
    (IdKind.FODSELSNUMMER, False): "ids.label.fodselsnummer",
    (IdKind.D_NUMBER, False): "ids.label.d_number",
    (IdKind.H_NUMBER, False): "ids.label.h_number",
    (IdKind.SYNTHETIC, True): "ids.label.synthetic_fodselsnummer",
    (IdKind.D_NUMBER, True): "ids.label.synthetic_d_number",
}


def _classify(value: str, number: str) -> tuple[IdKind, bool, str, int, int]:
    """(kind, synthetic, label, real day, real month) of the day and month digits, or raise for
    an unknown series or an impossible day or month (in this order)."""
    day, month = int(number[0:2]), int(number[2:4])
    d_number = day > D_NUMBER_DAY_OFFSET
    if day >= 80:
        raise InvalidIdentifier(value, "ids.fh_number", number=number, first=number[0])
    if d_number:
        day -= D_NUMBER_DAY_OFFSET
    synthetic = month > SYNTHETIC_MONTH_OFFSET
    h_number = H_NUMBER_MONTH_OFFSET < month <= SYNTHETIC_MONTH_OFFSET
    if synthetic:
        month -= SYNTHETIC_MONTH_OFFSET
    elif h_number:
        month -= H_NUMBER_MONTH_OFFSET
    if d_number and h_number:
        raise InvalidIdentifier(value, "ids.d_and_h", number=number)
    if d_number:
        kind = IdKind.D_NUMBER
    elif synthetic:
        kind = IdKind.SYNTHETIC
    elif h_number:
        kind = IdKind.H_NUMBER
    else:
        kind = IdKind.FODSELSNUMMER
    label = _LABELS[(kind, synthetic)]
    if not 1 <= month <= 12:
        raise InvalidIdentifier(value, "ids.month", label=label, number=number, month=month)
    if not 1 <= day <= 31:
        raise InvalidIdentifier(value, "ids.day", label=label, number=number, day=day)
    return kind, synthetic, label, day, month


_SERIES = (
    # (kind, synthetic, day offset, month offset): the series _classify accepts.
    (IdKind.FODSELSNUMMER, False, 0, 0),
    (IdKind.D_NUMBER, False, D_NUMBER_DAY_OFFSET, 0),
    (IdKind.H_NUMBER, False, 0, H_NUMBER_MONTH_OFFSET),
    (IdKind.SYNTHETIC, True, 0, SYNTHETIC_MONTH_OFFSET),
    (IdKind.D_NUMBER, True, D_NUMBER_DAY_OFFSET, SYNTHETIC_MONTH_OFFSET),
)
PREFIXES = {
    f"{day + day_offset:02d}{month + month_offset:02d}": (
        kind, synthetic, _LABELS[(kind, synthetic)], day, month
    )
    for kind, synthetic, day_offset, month_offset in _SERIES
    for month in range(1, 13)
    for day in range(1, 32)
}
"""_classify's answer for each of the 1,860 day-and-month prefixes (DDMM) it accepts: one dict
lookup instead of the series arithmetic for each of millions of numbers. A prefix not in it goes
to _classify, which raises with the reason (the tests check the two agree on all 10,000)."""


# Looked up once: reading a member off an Enum class costs ~40 ns each time (Python 3.11).
_K1_FAILS, _K2_FAILS, _NEW_RULE = (
    ControlResult.K1_FAILS, ControlResult.K2_FAILS, ControlResult.NEW_RULE
)


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_person_id(value: str, *, allow_synthetic: bool = False) -> PersonId:
    """Validate an 11-digit personal identifier and decode it.

    Whitespace is stripped. Raises :class:`InvalidIdentifier` with a human reason.
    """
    number = digits_of(value, 11, "ids.label.person_id")
    kind, synthetic, label, day, month = PREFIXES.get(number[:4]) or _classify(value, number)
    if synthetic and not allow_synthetic:
        raise InvalidIdentifier(value, "ids.synthetic", label=label, number=number)

    # The digits' values (ints 0-9), once, for both control sums and the year fields.
    digits = number.encode().translate(DIGIT_VALUES)
    control = control_result(digits)
    if control is _K1_FAILS:
        raise InvalidIdentifier(value, "ids.k1", label=label, number=number)
    if control is _K2_FAILS:
        raise InvalidIdentifier(value, "ids.k2", label=label, number=number)
    new_rule = control is _NEW_RULE

    yy = digits[4] * 10 + digits[5]
    individual = digits[6] * 100 + digits[7] * 10 + digits[8]
    century = None if new_rule else century_for(individual, yy)
    check_year = (century if century is not None else 2000) + yy
    birth = _date_or_none(check_year, month, day)
    if birth is None:
        raise InvalidIdentifier(value, "ids.date", label=label, number=number, day=day,
                                month=month, year=check_year)
    # Positional: the dataclass's __init__ parses keywords noticeably slower.
    return PersonId(number, kind, birth if century is not None else None, synthetic, new_rule)


def is_valid_person_id(value: str, *, allow_synthetic: bool = False) -> bool:
    """True when :func:`parse_person_id` would accept ``value``."""
    try:
        parse_person_id(value, allow_synthetic=allow_synthetic)
    except InvalidIdentifier:
        return False
    return True
