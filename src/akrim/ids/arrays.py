"""The identifier checks over an Arrow array of text: millions of numbers a load, in C.

Why: a national load checks millions of distinct numbers (11 M persons in Folkeregisteret, about
3 M a month in the a-melding), and `parse_person_id` at ~2.7 µs a value runs on one core under
the GIL while the load's other batches wait. Here the same checks run on all values at once in
numpy (~0.1 µs a value).

One definition of the rules: this module *accepts* a value only when the scalar validator would
return it unchanged (exactly the digits, no spaces), and it reads the rules from the scalar
modules themselves: the day-and-month prefixes `person.PREFIXES`, the control weights of
`control`, the century table `century.century_for`, the first digits and weights of `orgnr`.
Everything else (spaces, a wrong digit, a test number) is left to the scalar validators, which
accept it or give the reason. The tests hold the two to each other on every prefix and on
hundreds of thousands of numbers.
"""

from __future__ import annotations

import calendar

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from akrim.ids.century import century_for
from akrim.ids.control import K1_ACCEPTED, K1_SUM_WEIGHTS, K2_SUM_WEIGHTS
from akrim.ids.orgnr import CHECKSUM_WEIGHTS, FIRST_DIGITS, TENOR_FIRST_DIGITS
from akrim.ids.person import PREFIXES

Mask = npt.NDArray[np.bool_]

_ZERO = ord("0")
_FIRST_YEAR = 1800
"""The earliest year a century from `century_for` (1800, 1900, 2000) plus yy can give."""


def _prefix_tables() -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8], Mask]:
    """Real day, real month and synthetic flag of each DDMM prefix as an int 0-9999 (day 0:
    not a prefix the scalar check accepts)."""
    days = np.zeros(10_000, np.int8)
    months = np.zeros(10_000, np.int8)
    synthetic = np.zeros(10_000, np.bool_)
    for prefix, (_kind, is_synthetic, _label, day, month) in PREFIXES.items():
        days[int(prefix)], months[int(prefix)], synthetic[int(prefix)] = day, month, is_synthetic
    return days, months, synthetic


def _century_table() -> npt.NDArray[np.int16]:
    """`century_for(individual, yy)` at individual * 100 + yy; 0 where it is None."""
    return np.array([century_for(individual, yy) or 0
                     for individual in range(1000) for yy in range(100)], np.int16)


def _month_days() -> npt.NDArray[np.int8]:
    """Days in each month (Python's calendar, as `datetime.date` checks it) from 1800 to 2099."""
    return np.array([[calendar.monthrange(year, month)[1] for month in range(1, 13)]
                     for year in range(_FIRST_YEAR, _FIRST_YEAR + 300)], np.int8)


_PREFIX_DAY, _PREFIX_MONTH, _PREFIX_SYNTHETIC = _prefix_tables()
_CENTURY = _century_table()
_MONTH_DAYS = _month_days()
_K1_ACCEPTED = np.array(sorted(K1_ACCEPTED), np.int64)


def _digits(values: pa.Array, width: int) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]]:
    """The positions of the values that are exactly `width` ASCII digits, and their digits'
    values as a (positions, width) matrix."""
    text = values.cast(pa.string()) if values.type != pa.string() else values
    fits = pc.fill_null(pc.equal(pc.binary_length(text), width), False)
    positions = np.flatnonzero(fits.to_numpy(zero_copy_only=False))
    chosen = text.filter(fits)
    starts = np.frombuffer(chosen.buffers()[1], np.int32)[chosen.offset:chosen.offset + len(chosen)]
    data = np.frombuffer(chosen.buffers()[2] or b"", np.uint8)
    digits = data[starts[:, None] + np.arange(width)].astype(np.int64) - _ZERO
    are_digits = ((digits >= 0) & (digits <= 9)).all(axis=1)
    return positions[are_digits], digits[are_digits]


def _accepted(values: pa.Array, positions: npt.NDArray[np.intp], passes: Mask) -> Mask:
    accepted = np.zeros(len(values), np.bool_)
    accepted[positions[passes]] = True
    return accepted


def accepted_person_ids(values: pa.Array, *, allow_synthetic: bool) -> Mask:
    """True where `parse_person_id(value, allow_synthetic=...)` would return the value itself;
    False where it would not, or might not (left to it: it accepts or gives the reason)."""
    positions, d = _digits(values, 11)
    prefix = d[:, 0] * 1000 + d[:, 1] * 100 + d[:, 2] * 10 + d[:, 3]
    day, month = _PREFIX_DAY[prefix].astype(np.int64), _PREFIX_MONTH[prefix].astype(np.int64)
    series = day > 0
    if not allow_synthetic:
        series &= ~_PREFIX_SYNTHETIC[prefix]
    remainder = (d[:, :10] @ np.array(K1_SUM_WEIGHTS)) % 11
    controls = np.isin(remainder, _K1_ACCEPTED) & ((d @ np.array(K2_SUM_WEIGHTS)) % 11 == 0)
    yy = d[:, 4] * 10 + d[:, 5]
    century = _CENTURY[(d[:, 6] * 100 + d[:, 7] * 10 + d[:, 8]) * 100 + yy].astype(np.int64)
    # A 2032-rule number, or one whose century the classic series cannot give, is checked
    # against year 2000 + yy (module docstring of `akrim.ids.person`).
    century[(remainder != 0) | (century == 0)] = 2000
    in_month = day <= _MONTH_DAYS[century + yy - _FIRST_YEAR, np.maximum(month, 1) - 1]
    return _accepted(values, positions, series & controls & in_month)


def accepted_orgnrs(values: pa.Array, *, allow_synthetic: bool) -> Mask:
    """True where `validate_orgnr(value, allow_synthetic=...)` would return the value itself;
    False where it would not, or might not (left to it)."""
    positions, d = _digits(values, 9)
    first_digits = FIRST_DIGITS | TENOR_FIRST_DIGITS if allow_synthetic else FIRST_DIGITS
    first = np.isin(d[:, 0], [int(digit) for digit in first_digits])
    checksum = (d @ np.array(CHECKSUM_WEIGHTS)) % 11 == 0
    return _accepted(values, positions, first & checksum)
