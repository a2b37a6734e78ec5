"""The minimum-wage rates of the general-application regulations (`data/minstelonn.csv`).

One row is one rate of one category of one regulation (allmenngjøringsforskrift), in øre per
hour, in force from `valid_from` until the next row of the same industry group and category. A
category applies to workers aged `min_age` up to, not including, `max_age` (empty: no limit).
`minimum_wage.sql` compares each worker with the lowest rate that can apply to them: categories
the a-melding cannot show (skilled or not, experience, weeks employed, trainee) are never
guessed, only age is used (docs/indicators.md §1).

The file ships with the package, so a bad row is a bug in akrim: it stops the run, every problem
named by file, line and field, instead of being quarantined like register input.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from itertools import pairwise

from akrim.store.engine import Store

RATES_FILE = "minstelonn.csv"
COLUMNS = ("regulation", "industry_group", "category", "min_age", "max_age", "valid_from",
           "rate_oere_per_hour", "source")

_KEY = re.compile(r"[a-z][a-z0-9_]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OERE = re.compile(r"[1-9]\d*")
_AGE = re.compile(r"0|[1-9]\d?")


@dataclass(frozen=True)
class Rate:
    regulation: str
    industry_group: str
    category: str
    min_age: int
    max_age: int | None
    valid_from: date
    rate_oere_per_hour: int
    source: str
    line: int


class RateFileError(ValueError):
    """The rates file breaks its rules; `problems` holds one "line N: field: reason" each."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        super().__init__(f"{file}: " + "; ".join(problems))


def load_rates(groups: Collection[str]) -> tuple[Rate, ...]:
    """The shipped rates, checked; `groups` are the industry groups of config.yaml."""
    text = (files("akrim.indicators") / "data" / RATES_FILE).read_text(encoding="utf-8")
    return read_rates(text, groups)


def write_rates(store: Store, groups: Collection[str]) -> None:
    """The shipped rates as the temporary table `ind_minimum_wage` the indicator reads."""
    store.execute("CREATE OR REPLACE TEMP TABLE ind_minimum_wage (regulation VARCHAR, "
                  "industry_group VARCHAR, category VARCHAR, min_age INTEGER, max_age INTEGER, "
                  "valid_from DATE, rate_oere_per_hour BIGINT, source VARCHAR)")
    store.execute_many("INSERT INTO ind_minimum_wage VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (r.regulation, r.industry_group, r.category, r.min_age, r.max_age, r.valid_from,
         r.rate_oere_per_hour, r.source) for r in load_rates(groups)])


def read_rates(text: str, groups: Collection[str], file: str = RATES_FILE) -> tuple[Rate, ...]:
    """Parse and check a rates file; RateFileError with every problem found."""
    reader = csv.DictReader(text.splitlines(), restkey="<extra>")
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise RateFileError(file, [f"line 1: header: expected {','.join(COLUMNS)}"])
    rates: list[Rate] = []
    problems: list[str] = []
    for row in reader:
        parsed = _parse(reader.line_num, row, groups)
        if isinstance(parsed, Rate):
            rates.append(parsed)
        else:
            problems += parsed
    if not problems:
        problems = _check_series(rates)
    if problems:
        raise RateFileError(file, problems)
    return tuple(rates)


def _parse(line: int, row: dict[str, str], groups: Collection[str]) -> Rate | list[str]:
    values = {name: (row.get(name) or "").strip() for name in COLUMNS}
    problems = [f"line {line}: {name}: {reason}" for name, value in values.items()
                if (reason := _field_problem(name, value, groups)) is not None]
    if "<extra>" in row:
        problems.append(f"line {line}: source: more fields than the header (unquoted comma?)")
    max_age = int(values["max_age"]) if not problems and values["max_age"] else None
    if max_age is not None and max_age <= int(values["min_age"]):
        problems.append(f"line {line}: max_age: {max_age} is not above min_age")
    if problems:
        return problems
    return Rate(values["regulation"], values["industry_group"], values["category"],
                int(values["min_age"]), max_age, date.fromisoformat(values["valid_from"]),
                int(values["rate_oere_per_hour"]), values["source"], line)


def _field_problem(name: str, value: str, groups: Collection[str]) -> str | None:
    if name in ("regulation", "category"):
        return None if _KEY.fullmatch(value) else f"{value!r} is not a lower-case key"
    if name == "industry_group":
        return None if value in groups else f"{value!r} is not an industry group of config.yaml"
    if name == "min_age" or (name == "max_age" and value):
        return None if _AGE.fullmatch(value) else f"{value!r} is not an age in whole years"
    if name == "valid_from":
        return None if _is_date(value) else f"{value!r} is not a date (YYYY-MM-DD)"
    if name == "rate_oere_per_hour":
        return None if _OERE.fullmatch(value) else f"{value!r} is not a whole number of øre"
    if name == "source":
        return None if value else "empty: every rate names where it was read"
    return None


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_series(rates: Iterable[Rate]) -> list[str]:
    """The rules across rows: one row per group, category and date; a group's rows together, in
    date order, under one regulation; each category with the same ages throughout and a rate
    that rises at every change; every category present from the group's first date (so no age
    is without a rate before its category starts); and the categories' ages cover every age."""
    problems: list[str] = []
    by_group: dict[str, list[Rate]] = defaultdict(list)
    finished: set[str] = set()
    previous: Rate | None = None
    for rate in rates:
        if previous is not None and previous.industry_group != rate.industry_group:
            finished.add(previous.industry_group)
        if rate.industry_group in finished:
            problems.append(f"line {rate.line}: industry_group: {rate.industry_group} rows are "
                            "not together")
        by_group[rate.industry_group].append(rate)
        previous = rate
    for group, rows in by_group.items():
        problems += _check_group(group, rows)
    return problems


def _check_group(group: str, rows: list[Rate]) -> list[str]:
    problems = [f"line {r.line}: regulation: {group} is under {rows[0].regulation}, not "
                f"{r.regulation}" for r in rows if r.regulation != rows[0].regulation]
    problems += [f"line {b.line}: valid_from: {b.valid_from} is before {a.valid_from} on "
                 f"line {a.line}: a group's rows go in date order"
                 for a, b in pairwise(rows) if b.valid_from < a.valid_from]
    if problems:  # the series checks below read the rows in this order
        return problems
    first = min(r.valid_from for r in rows)
    by_category: dict[str, list[Rate]] = defaultdict(list)
    for row in rows:
        by_category[row.category].append(row)
    for category, series in by_category.items():
        if series[0].valid_from != first:
            problems.append(f"line {series[0].line}: valid_from: {group}/{category} starts "
                            f"{series[0].valid_from}, after the group's first date {first}")
        for a, b in pairwise(series):
            if b.valid_from == a.valid_from:
                problems.append(f"line {b.line}: valid_from: {group}/{category} "
                                f"{b.valid_from} twice (line {a.line})")
            elif b.rate_oere_per_hour <= a.rate_oere_per_hour:
                problems.append(f"line {b.line}: rate_oere_per_hour: {group}/{category} does "
                                f"not rise from {a.rate_oere_per_hour} (line {a.line})")
            if (b.min_age, b.max_age) != (a.min_age, a.max_age):
                problems.append(f"line {b.line}: min_age: {group}/{category} ages differ "
                                f"from line {a.line}")
    uncovered = _uncovered_age({(s[0].min_age, s[0].max_age) for s in by_category.values()})
    if uncovered is not None:
        problems.append(f"line {rows[0].line}: min_age: no {group} category covers age "
                        f"{uncovered}")
    return problems


def _uncovered_age(bands: set[tuple[int, int | None]]) -> int | None:
    """The youngest age no band [min_age, max_age) holds, or None when they hold every age."""
    reach = 0
    for low, high in sorted(bands, key=lambda band: band[0]):
        if low > reach:
            return reach
        if high is None:
            return None
        reach = max(reach, high)
    return reach
