"""The synthetic world's minimum wages (`akrim.synth.minimum_wages`): its table agrees with
akrim's (`akrim/indicators/data/minstelonn.csv`) wherever both hold a rate and never asks less
than akrim's lowest rate for an age; its industries fall under the agreements akrim's config
gives their codes; and in a generated bundle, read back with akrim's own readers, every worker in
such an industry is paid at least the minimum, hourly and salaried, except the planted
below_minimum_wage workers, who are paid below it every month."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from akrim.ids.person import parse_person_id
from akrim.indicators.catalogue import config
from akrim.indicators.minimum_wage import Rate as AkrimRate
from akrim.indicators.minimum_wage import load_rates
from akrim.ingest.loader import ingest
from akrim.ingest.readers.brreg_enheter import read_underenheter_json
from akrim.ingest.records import ReadContext
from akrim.store.engine import Store
from akrim.store.schema import TABLES
from akrim.synth.bundle import generate
from akrim.synth.industries import INDUSTRIES, code
from akrim.synth.minimum_wages import GROUPS, RATES, minimum_in_force

SEED, MONTHS = 2, 4
COLUMNS = {table.name: [name for name, _ in table.columns] for table in TABLES}
CONTEXT = ReadContext(allow_synthetic=False)


@pytest.fixture(scope="module")
def akrim_rates() -> tuple[AkrimRate, ...]:
    return load_rates(config()["industries"])


def _akrim_minimum(rates: tuple[AkrimRate, ...], group: str, day: dt.date, age: int
                   ) -> int | None:
    """The lowest rate akrim's minimum_wage indicator can hold a worker of ``age`` to."""
    current: dict[str, AkrimRate] = {}
    for rate in rates:
        if rate.industry_group == group and rate.valid_from <= day:
            current[rate.category] = rate
    return min((r.rate_oere_per_hour for r in current.values()
                if r.min_age <= age and (r.max_age is None or age < r.max_age)), default=None)


def test_rates_agree_with_akrims_where_both_hold_one(akrim_rates: tuple[AkrimRate, ...]) -> None:
    ours = {(r.group, r.category, r.valid_from): (r.min_age, r.max_age, r.oere_per_hour)
            for r in RATES}
    theirs = {(r.industry_group, r.category, r.valid_from):
              (r.min_age, r.max_age, r.rate_oere_per_hour) for r in akrim_rates}
    shared = ours.keys() & theirs.keys()
    assert {group for group, _, _ in shared} == set(GROUPS)
    assert {key: ours[key] for key in shared} == {key: theirs[key] for key in shared}
    assert all(rate.source for rate in RATES)


def test_the_world_never_asks_less_than_akrim(akrim_rates: tuple[AkrimRate, ...]) -> None:
    """On every date either table changes a rate, for every age, the world's minimum is in force
    exactly when akrim's is, and is not below it: a worker paid the world's minimum is never
    below akrim's."""
    days = {r.valid_from for r in RATES} | {r.valid_from for r in akrim_rates}
    for group in GROUPS:
        for day in sorted(days):
            for age in range(15, 70):
                ours = minimum_in_force(group, day, age)
                theirs = _akrim_minimum(akrim_rates, group, day, age)
                assert (ours is None) == (theirs is None), (group, day, age)
                assert ours is None or theirs is None or ours >= theirs, (group, day, age)


def test_industries_fall_under_the_agreements_akrim_gives_their_codes(
        akrim_rates: tuple[AkrimRate, ...]) -> None:
    prefixes: dict[str, list[str]] = config()["industries"]
    with_rates = {r.industry_group for r in akrim_rates}
    for industry in INDUSTRIES:
        for nace in (industry.sn2025, industry.sn2007):
            theirs = {group for group in with_rates
                      if any(nace.startswith(prefix) for prefix in prefixes[group])}
            if theirs:
                assert industry.minimum_wage in theirs, (industry.key, nace, theirs)
            else:
                assert industry.minimum_wage is None, (industry.key, nace)


@dataclass(frozen=True)
class PayLine:
    employer: str
    person: str
    month: str
    kind: str  # timeloenn or fastloenn
    pay_oere: int
    hours: Fraction  # reported (timeloenn) or contracted (fastloenn)
    group: str


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("minimum-wages")
    generate("tiny", SEED, MONTHS, out)
    return out


def _rows(path: Path, read: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for record in read(path, CONTEXT):
        assert record.problems == []
        for table, row in record.rows:
            out.setdefault(table, []).append(dict(zip(COLUMNS[table], row, strict=True)))
    return out


def _amelding_rows(bundle: Path, data: Path) -> dict[str, list[dict[str, Any]]]:
    """Every a-melding row of the bundle, as akrim's own reader loads it."""
    with Store(data / "akrim.duckdb", memory_limit="1GB") as store:
        report = ingest(store, sorted(bundle.glob("amelding_*.jsonl.gz")), context=CONTEXT)
        assert not report.quarantine
        out = {}
        for table in ("amelding_leveranse", "amelding_arbeidsforhold", "amelding_inntekt"):
            cursor = store.execute(f"SELECT {', '.join(COLUMNS[table])} FROM {table}")
            out[table] = [dict(zip(COLUMNS[table], row, strict=True))
                          for row in cursor.fetchall()]
        return out


def _hundredths(value: float) -> Fraction:
    return Fraction(round(value * 100), 100)


@pytest.fixture(scope="module")
def lines(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> list[PayLine]:
    """Timeloenn and fastloenn lines of the current messages at places of business whose
    industry has an agreement."""
    group_of = {code(i): i.minimum_wage for i in INDUSTRIES if i.minimum_wage}
    units = _rows(bundle / "underenheter_alle.json.gz", read_underenheter_json)["underenhet"]
    unit_group = {u["organisasjonsnummer"]: group_of.get(u["naeringskode1"]) for u in units}
    out: list[PayLine] = []
    rows = _amelding_rows(bundle, tmp_path_factory.mktemp("minimum-wages-store"))
    replaced = {r["erstatter_meldings_id"] for r in rows["amelding_leveranse"]}
    forhold = {(a["meldings_id"], a["virksomhet"], a["inntektsmottaker"],
                a["arbeidsforhold_id"]): a for a in rows["amelding_arbeidsforhold"]}
    for i in rows["amelding_inntekt"]:
        group = unit_group[i["virksomhet"]]
        if group is None or i["meldings_id"] in replaced or i["beskrivelse"] not in (
                "timeloenn", "fastloenn"):
            continue
        if i["beskrivelse"] == "timeloenn":
            hours = _hundredths(i["antall"])
        else:
            a = forhold[i["meldings_id"], i["virksomhet"], i["inntektsmottaker"],
                        i["arbeidsforhold_id"]]
            # stillingsprosent of the full-time week, 52 weeks over 12 months
            hours = (_hundredths(a["stillingsprosent"]) / 100
                     * _hundredths(a["timer_per_uke_full_stilling"]) * Fraction(52, 12))
        out.append(PayLine(i["opplysningspliktig"], i["inntektsmottaker"],
                           i["kalendermaaned"], i["beskrivelse"], i["beloep_oere"], hours,
                           group))
    return out


def _required(line: PayLine, day: dt.date) -> int:
    """The least ``line`` may pay (øre) by the rate in force on ``day``, for the age that day."""
    born = parse_person_id(line.person).birth_date
    assert born is not None
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    rate = minimum_in_force(line.group, day, age)
    assert rate is not None, (line.group, day)
    return math.ceil(rate * line.hours)


def _month_days(month: str) -> tuple[dt.date, dt.date]:
    first = dt.date.fromisoformat(month + "-01")
    return first, (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)


def test_only_the_planted_workers_are_paid_below_the_minimum(bundle: Path,
                                                             lines: list[PayLine]) -> None:
    """Judged by the rate in force on the month's first and last days alike: every other worker
    is paid at least the higher, every planted below_minimum_wage worker less than the lower,
    in every month."""
    truth = json.loads((bundle / "truth" / "schemes.json").read_text(encoding="utf-8"))
    planted = {(org, person) for r in truth if r["scheme"] == "below_minimum_wage"
               for org in r["organisasjonsnummer"] for person in r["persons"]}
    wrong = []
    for line in lines:
        first, last = (_required(line, day) for day in _month_days(line.month))
        if (line.employer, line.person) in planted:
            if line.pay_oere >= min(first, last):
                wrong.append(("paid the minimum", line))
        elif line.pay_oere < max(first, last):
            wrong.append(("paid below the minimum", line))
    assert wrong == []
    assert {line.kind for line in lines} == {"timeloenn", "fastloenn"}
    assert {(line.employer, line.person) for line in lines} >= planted


def test_some_background_workers_are_paid_exactly_the_minimum(bundle: Path,
                                                               lines: list[PayLine]) -> None:
    """The lawful near miss, hourly and salaried, at firms the truth does not name: the last
    month's pay is the minimum for its hours rounded up to the øre."""
    truth = json.loads((bundle / "truth" / "schemes.json").read_text(encoding="utf-8"))
    named = {org for r in truth for org in r["organisasjonsnummer"]}
    last_month = max(line.month for line in lines)
    exact = {line.kind for line in lines if line.month == last_month
             and line.employer not in named
             and line.pay_oere == _required(line, _month_days(line.month)[0])}
    assert exact == {"timeloenn", "fastloenn"}
