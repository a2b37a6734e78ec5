"""Generators for personal identifiers: exact construction and synthetic test data.

Why generators live next to the validators: tests and demo data must use numbers that
the validators accept for the right reason, and synthetic data must never be a real
person's number. ``make_person_id`` is the exact inverse of ``parse_person_id``;
``synthetic_person_ids`` only ever produces month + 80 numbers (Skatteetaten/Digdir's
synthetic convention), which Folkeregisteret never issues to real people, so seeded demo
data cannot leak or collide with production identities.
"""

from __future__ import annotations

import datetime as dt
import random

from akrim.ids.century import FIRST_YEAR, LAST_YEAR, century_for, individual_ranges
from akrim.ids.control import NEW_RULE_REMAINDERS, k1_for_remainder, k2_for
from akrim.ids.person import (
    D_NUMBER_DAY_OFFSET,
    H_NUMBER_MONTH_OFFSET,
    SYNTHETIC_MONTH_OFFSET,
    IdKind,
)


def _first9(birth_date: dt.date, individual: int, kind: IdKind) -> str:
    day, month = birth_date.day, birth_date.month
    if kind is IdKind.D_NUMBER:
        day += D_NUMBER_DAY_OFFSET
    elif kind is IdKind.H_NUMBER:
        month += H_NUMBER_MONTH_OFFSET
    elif kind is IdKind.SYNTHETIC:
        month += SYNTHETIC_MONTH_OFFSET
    return f"{day:02d}{month:02d}{birth_date.year % 100:02d}{individual:03d}"


def make_person_id(
    birth_date: dt.date, individual: int, kind: IdKind, *, new_rule: bool = False
) -> str | None:
    """Build the 11-digit identifier for a birth date, individual number and series.

    With ``new_rule=False`` the classic control digits are used and ``individual`` must
    belong to the series for the birth year (so the number decodes to ``birth_date``).
    With ``new_rule=True`` the result uses the lowest 2032-rule k1 remainder (1, 2, 3)
    that yields valid digits, i.e. a number that only 2032-aware validators accept;
    individual numbers then no longer encode the century.

    Returns ``None`` when no valid control digits exist (k1 or k2 would be 10), which is
    why Folkeregisteret skips such individual numbers. Raises :class:`ValueError` for
    arguments no number can encode.
    """
    if not 0 <= individual <= 999:
        raise ValueError(f"individual must be in 0..999, got {individual}")
    if not FIRST_YEAR <= birth_date.year <= LAST_YEAR:
        raise ValueError(f"birth year must be in {FIRST_YEAR}..{LAST_YEAR}")
    yy = birth_date.year % 100
    if not new_rule and century_for(individual, yy) != birth_date.year - yy:
        raise ValueError(
            f"individual number {individual:03d} is not used for people born {birth_date.year}"
        )
    first9 = _first9(birth_date, individual, kind)
    for remainder in NEW_RULE_REMAINDERS if new_rule else (0,):
        k1 = k1_for_remainder(first9, remainder)
        if k1 is None:
            continue
        k2 = k2_for(f"{first9}{k1}")
        if k2 is not None:
            return f"{first9}{k1}{k2}"
    return None


def synthetic_person_ids(
    count: int,
    *,
    seed: int = 0,
    earliest: dt.date = dt.date(1940, 1, 1),
    latest: dt.date = dt.date(2020, 12, 31),
) -> list[str]:
    """``count`` distinct synthetic (month + 80) fødselsnumre, reproducible from ``seed``.

    Validate them with ``parse_person_id(..., allow_synthetic=True)``.
    """
    if count < 0:
        raise ValueError("count must be non-negative")
    if not (earliest.year >= FIRST_YEAR and latest.year <= LAST_YEAR and earliest <= latest):
        raise ValueError(f"dates must satisfy {FIRST_YEAR} <= earliest <= latest <= {LAST_YEAR}")
    rng = random.Random(seed)
    span = (latest - earliest).days
    result: dict[str, None] = {}
    while len(result) < count:
        birth = earliest + dt.timedelta(days=rng.randint(0, span))
        series = rng.choice(individual_ranges(birth.year))
        number = make_person_id(birth, rng.choice(series), IdKind.SYNTHETIC)
        if number is not None:
            result[number] = None
    return list(result)
