"""The minimum-wage rates file (`akrim/indicators/data/minstelonn.csv`) and its reader
(`akrim.indicators.minimum_wage`): the shipped file passes every rule, holds the rates the issue
and Arbeidstilsynet give, and each rule, broken, is named by line and field."""

from __future__ import annotations

from datetime import date

import pytest

from akrim.indicators.catalogue import config
from akrim.indicators.minimum_wage import COLUMNS, Rate, RateFileError, load_rates, read_rates

GROUPS = ("construction", "cleaning", "electrical")
HEADER = ",".join(COLUMNS)


def _rate(rates: tuple[Rate, ...], group: str, category: str, valid_from: str) -> int:
    (found,) = [r.rate_oere_per_hour for r in rates if (r.industry_group, r.category,
                r.valid_from) == (group, category, date.fromisoformat(valid_from))]
    return found


def test_the_shipped_file_passes_every_rule() -> None:
    rates = load_rates(config()["industries"])

    assert len(rates) == 104
    assert {r.industry_group for r in rates} == {
        "construction", "cleaning", "electrical", "hospitality", "goods_transport", "tour_bus",
        "agriculture", "fish_processing", "shipyard"}
    assert all(r.source for r in rates)
    first_dates = {}
    for rate in rates:
        first_dates.setdefault(rate.industry_group, rate.valid_from)
    # every rate since 2019 is covered from the group's first row; tour buses and construction
    # from 2017, the groups whose earlier rates were not found from later
    assert first_dates == {
        "construction": date(2017, 6, 1), "cleaning": date(2018, 8, 1),
        "electrical": date(2019, 6, 1), "hospitality": date(2018, 1, 1),
        "goods_transport": date(2018, 12, 1), "tour_bus": date(2017, 6, 1),
        "agriculture": date(2019, 6, 1), "fish_processing": date(2021, 7, 1),
        "shipyard": date(2021, 7, 1)}


def test_the_anchor_rates_of_15_june_2025() -> None:
    rates = load_rates(config()["industries"])

    assert _rate(rates, "construction", "unskilled", "2025-06-15") == 23961
    assert _rate(rates, "construction", "skilled", "2025-06-15") == 26432
    assert _rate(rates, "cleaning", "adult", "2025-06-15") == 23654
    # Arbeidstilsynet's table: 15 Dec 2022 and the rates before it
    assert _rate(rates, "construction", "unskilled", "2022-12-15") == 20740
    assert _rate(rates, "construction", "unskilled", "2021-07-01") == 19830
    assert _rate(rates, "cleaning", "adult", "2022-12-15") == 20454
    assert _rate(rates, "cleaning", "under_18", "2021-07-01") == 14627


def test_categories_carry_their_ages() -> None:
    rates = load_rates(config()["industries"])
    ages = {(r.industry_group, r.category): (r.min_age, r.max_age) for r in rates}

    assert ages[("construction", "unskilled")] == (18, None)
    assert ages[("construction", "under_18")] == (0, 18)
    assert ages[("hospitality", "age_18")] == (18, 21)
    assert ages[("agriculture", "trainee")] == (0, None)
    assert ages[("goods_transport", "driver")] == (0, None)


def _problems(*rows: str, header: str = HEADER) -> list[str]:
    with pytest.raises(RateFileError) as raised:
        read_rates("\n".join((header, *rows)), GROUPS, file="rates.csv")
    assert str(raised.value).startswith("rates.csv: ")
    return raised.value.problems


ADULT = "byggeplasser,construction,unskilled,18,,2019-06-01,18840,forskrift § 4"
YOUTH = "byggeplasser,construction,under_18,0,18,2019-06-01,12650,forskrift § 4"


def test_a_good_file_reads() -> None:
    rates = read_rates("\n".join((HEADER, ADULT, YOUTH)), GROUPS)

    assert rates == (
        Rate("byggeplasser", "construction", "unskilled", 18, None, date(2019, 6, 1), 18840,
             "forskrift § 4", 2),
        Rate("byggeplasser", "construction", "under_18", 0, 18, date(2019, 6, 1), 12650,
             "forskrift § 4", 3))


def test_the_header_must_match() -> None:
    assert _problems(ADULT, header=HEADER.replace("category,", "")) == [
        f"line 1: header: expected {HEADER}"]


@pytest.mark.parametrize(("row", "problem"), [
    ("byggeplasser,construction,unskilled,18,,2019-06-01,18840,",
     "line 2: source: empty: every rate names where it was read"),
    ("byggeplasser,construction,unskilled,18,,2019-06-01,188.40,x",
     "line 2: rate_oere_per_hour: '188.40' is not a whole number of øre"),
    ("byggeplasser,construction,unskilled,18,,2019-06-01,0,x",
     "line 2: rate_oere_per_hour: '0' is not a whole number of øre"),
    ("byggeplasser,building,unskilled,18,,2019-06-01,18840,x",
     "line 2: industry_group: 'building' is not an industry group of config.yaml"),
    ("byggeplasser,construction,unskilled,18,,2019-02-30,18840,x",
     "line 2: valid_from: '2019-02-30' is not a date (YYYY-MM-DD)"),
    ("byggeplasser,construction,unskilled,18,,20190601,18840,x",
     "line 2: valid_from: '20190601' is not a date (YYYY-MM-DD)"),
    ("byggeplasser,construction,Unskilled,18,,2019-06-01,18840,x",
     "line 2: category: 'Unskilled' is not a lower-case key"),
    ("byggeplasser,construction,unskilled,adult,,2019-06-01,18840,x",
     "line 2: min_age: 'adult' is not an age in whole years"),
    ("byggeplasser,construction,unskilled,18,18,2019-06-01,18840,x",
     "line 2: max_age: 18 is not above min_age"),
    ("byggeplasser,construction,unskilled,18,,2019-06-01,18840,§ 4, endret 2019",
     "line 2: source: more fields than the header (unquoted comma?)"),
])
def test_a_bad_field_is_named(row: str, problem: str) -> None:
    assert _problems(row) == [problem]


def test_every_bad_row_is_reported_at_once() -> None:
    assert _problems("byggeplasser,construction,unskilled,18,,2019-06-01,18840,",
                     "renhold,cleaning,adult,18,,2019-13-01,18766,x") == [
        "line 2: source: empty: every rate names where it was read",
        "line 3: valid_from: '2019-13-01' is not a date (YYYY-MM-DD)"]


def test_no_duplicate_key() -> None:
    assert _problems(ADULT, YOUTH, ADULT.replace("18840", "18841")) == [
        "line 4: valid_from: construction/unskilled 2019-06-01 twice (line 2)"]


def test_rates_rise_over_time() -> None:
    assert _problems(ADULT, YOUTH, ADULT.replace("2019-06-01,18840", "2021-07-01,18840"),
                     YOUTH.replace("2019-06-01,12650", "2021-07-01,13290")) == [
        "line 4: rate_oere_per_hour: construction/unskilled does not rise from 18840 (line 2)"]


def test_dates_in_order_within_a_group() -> None:
    later_adult = ADULT.replace("2019-06-01,18840", "2021-07-01,19830")
    later_youth = YOUTH.replace("2019-06-01,12650", "2021-07-01,13290")
    assert _problems(later_adult, later_youth, ADULT, YOUTH) == [
        "line 4: valid_from: 2019-06-01 is before 2021-07-01 on line 3: a group's rows go in "
        "date order"]


def test_a_groups_rows_are_together() -> None:
    cleaning = "renhold,cleaning,adult,0,,2019-06-01,18766,x"
    later_adult = ADULT.replace("2019-06-01,18840", "2021-07-01,19830")
    later_youth = YOUTH.replace("2019-06-01,12650", "2021-07-01,13290")
    assert _problems(ADULT, YOUTH, cleaning, later_adult, later_youth) == [
        "line 5: industry_group: construction rows are not together",
        "line 6: industry_group: construction rows are not together"]


def test_one_regulation_per_group() -> None:
    assert _problems(ADULT, YOUTH.replace("byggeplasser", "bygg")) == [
        "line 3: regulation: construction is under byggeplasser, not bygg"]


def test_no_category_starts_after_its_group() -> None:
    # a youth rate first seen in 2021: from 2019 a 17-year-old would be judged at the adult rate
    assert _problems(ADULT, ADULT.replace("2019-06-01,18840", "2021-07-01,19830"),
                     YOUTH.replace("2019-06-01,12650", "2021-07-01,13290")) == [
        "line 4: valid_from: construction/under_18 starts 2021-07-01, after the group's first "
        "date 2019-06-01"]


def test_the_ages_have_no_gap() -> None:
    assert _problems(ADULT) == ["line 2: min_age: no construction category covers age 0"]
    assert _problems(ADULT, YOUTH.replace(",0,18,", ",0,17,")) == [
        "line 2: min_age: no construction category covers age 17"]


def test_a_category_keeps_its_ages() -> None:
    assert _problems(ADULT, YOUTH, ADULT.replace("18,,2019-06-01,18840", "20,,2021-07-01,19830"),
                     YOUTH.replace("2019-06-01,12650", "2021-07-01,13290")) == [
        "line 4: min_age: construction/unskilled ages differ from line 2"]
