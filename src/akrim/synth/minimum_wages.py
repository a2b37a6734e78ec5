"""The minimum wages of the general-application regulations (allmenngjorte tariffavtaler) in the
synthetic world: per industry group, category and date, the hourly rate in øre
(`minimum_wages.csv`, every figure with the source it was read from: Arbeidstilsynet, Lovdata,
Tariffnemnda and the parties' own pages, as collected in issue 16).

A category applies to workers aged ``min_age`` up to, not including, ``max_age`` (empty: no
limit), and a rate is in force from ``valid_from`` until the next rate of its group and category.
The table holds the categories an ordinary employee of the world can be in, so that the lowest of
those that hold a worker's age is the least that worker may be paid: the unskilled adult and the
under-18 rates, hospitality's age bands and its beginner rate, the electrical rate for workers
who are not electricians, the driver rate, agriculture's permanent (not seasonal, not trainee)
rates and fish processing's production-worker rates. Skilled categories, which pay more, are left
out.

The generator keeps this table of its own and never reads akrim's
(``akrim/indicators/data/minstelonn.csv``): it stands in for an independent world.
``tests/synth/test_minimum_wages.py`` checks that the two agree wherever both hold a rate.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np

RATES_FILE = "minimum_wages.csv"


@dataclass(frozen=True)
class Rate:
    group: str
    category: str
    min_age: int
    max_age: int | None
    valid_from: dt.date
    oere_per_hour: int
    source: str

    def holds(self, age: int) -> bool:
        return self.min_age <= age and (self.max_age is None or age < self.max_age)


def _load() -> tuple[Rate, ...]:
    text = (files("akrim.synth") / RATES_FILE).read_text(encoding="utf-8")
    rates = (Rate(row["group"], row["category"], int(row["min_age"]),
                  int(row["max_age"]) if row["max_age"] else None,
                  dt.date.fromisoformat(row["valid_from"]), int(row["oere_per_hour"]),
                  row["source"])
             for row in csv.DictReader(text.splitlines()))
    return tuple(sorted(rates, key=lambda rate: rate.valid_from))


RATES = _load()
"""In date order."""
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(rate.group for rate in RATES))
"""The industry groups with a general-application agreement (Industry.minimum_wage)."""
OLDEST_BAND = max(age for rate in RATES for age in (rate.min_age, rate.max_age or 0))
"""Ages from this one on all fall in the same categories."""


def minimum_in_force(group: str | None, day: dt.date, age: int) -> int | None:
    """The least ``group`` allows (øre per hour) for a worker aged ``age`` (whole years) on
    ``day``: the lowest rate in force of the categories that hold the age; None when there is no
    group (no agreement) or it has no rate in force."""
    current: dict[str, Rate] = {}
    for rate in RATES:  # in date order, so the last one seen of a category is in force
        if rate.group == group and rate.valid_from <= day:
            current[rate.category] = rate
    return min((r.oere_per_hour for r in current.values() if r.holds(age)), default=None)


@cache
def _by_age(day: dt.date) -> np.ndarray:
    """[group index, age 0..OLDEST_BAND] -> the minimum on ``day`` in øre per hour, 0 without
    one; one more row of zeros at the end, for index -1 (no agreement)."""
    table = np.zeros((len(GROUPS) + 1, OLDEST_BAND + 1), dtype=np.int64)
    for g, group in enumerate(GROUPS):
        for age in range(OLDEST_BAND + 1):
            table[g, age] = minimum_in_force(group, day, age) or 0
    return table


def ages_on(birth: np.ndarray, day: dt.date) -> np.ndarray:
    """Whole years of age on ``day`` of persons born on the day numbers ``birth`` (a birthday
    counts from the day itself)."""
    return _ages(*_birthdays(birth), day)


def _birthdays(birth: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(year, month x 100 + day) of each birth; day numbers count from 1970-01-01 (config.EPOCH),
    as numpy's dates do."""
    born = birth.astype(np.int64).astype("datetime64[D]")
    month = born.astype("datetime64[M]")
    return (born.astype("datetime64[Y]").astype(np.int64) + 1970,
            (month.astype(np.int64) % 12 + 1) * 100 + (born - month).astype(np.int64) + 1)


def _ages(year: np.ndarray, month_day: np.ndarray, day: dt.date) -> np.ndarray:
    return np.asarray(day.year - year - (month_day > day.month * 100 + day.day))


def window_minimum(groups: np.ndarray, birth: np.ndarray, months: Sequence[str]) -> np.ndarray:
    """Per worker, the highest minimum (øre per hour) that any of ``months`` ('YYYY-MM') asks of
    their pay: the rate of their group (index into GROUPS, -1 for none) and age in force on the
    month's first day or on its last, so that a rate or a birthday from mid-month counts too.
    0 where no agreement applies."""
    floor = np.zeros(len(groups), dtype=np.int64)
    year, month_day = _birthdays(birth)
    for month in months:
        first = dt.date.fromisoformat(month + "-01")
        last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        for day in (first, last):
            age = np.clip(_ages(year, month_day, day), 0, OLDEST_BAND)
            floor = np.maximum(floor, _by_age(day)[groups, age])
    return floor
