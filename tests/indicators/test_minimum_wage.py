"""minimum_wage (IND-01): hourly pay and monthly salaries in the a-melding against the lowest
rate of the general-application regulations that can apply to the worker (data/minstelonn.csv).
Money is in øre and hours are decimals or fractions of whole numbers, compared exactly: each test
sits on both sides of a rate, to the øre."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from akrim.store.engine import Store
from indicators.toolkit import (
    add_employment,
    add_enhet,
    add_pay,
    add_underenhet,
    companies_hit,
    dnr,
    evidence,
    fnr,
    org,
    run,
    state,
)

# øre an hour, data/minstelonn.csv
BUILDING_2025 = 23961  # byggeplasser, unskilled without experience, from 2025-06-15
BUILDING_2023 = 21490  # the same from 2023-06-15
BUILDING_YOUTH_2025 = 16244  # under 18, from 2025-06-15
CLEANING_2025 = 23654  # renhold, from 2025-06-15
HOTEL_18_2025 = 16634  # overnatting/servering: aged 18 (to 20 inclusive), from 2025-06-15
BUILDING = "43.220"  # VVS: construction only (43.21 is electrical as well)
# A full-time week of 40 hours is 40 x 52/12 = 173.33... hours a month, and the 2025 building
# rate divides it exactly: 239.61 kr x 520/3 = 41 532.40 kr a month. Rounding the hours to
# 173.33 would ask for 41 531.60 kr and miss a salary 80 øre below.
BUILDING_40H_2025 = 4_153_240
HALF_40H_2025 = 2_076_620  # 50 % of the 40-hour week


def _details(store: Store) -> dict[str, str]:
    return {r["source_key"]: r["detail"] for r in evidence(store, "minimum_wage")}


def _earned_from(store: Store, person: str, month: str, start: date) -> None:
    """Start the earning period (startdato_opptjening) of `person`'s lines in `month`."""
    store.execute("UPDATE amelding_inntekt SET startdato_opptjening = ? "
                  "WHERE inntektsmottaker = ? AND kalendermaaned = ?", [start, person, month])


def test_at_the_rate_is_clear_and_one_oere_below_is_a_hit(store: Store) -> None:
    exact, short, above = org(1), org(2), org(3)
    it_firm, cleaner, cleaner_short = org(4), org(5), org(6)
    assert 150 * BUILDING_2025 == 3_594_150
    for firm, code in ((exact, BUILDING), (short, BUILDING), (above, "41.200"),
                       (it_firm, "62.100"), (cleaner, "81.210"), (cleaner_short, "81.210")):
        add_enhet(store, firm, code)
    add_pay(store, exact, fnr(1), "2025-11", "timeloenn", "150.00", 3_594_150)
    add_pay(store, short, fnr(2), "2025-11", "timeloenn", "150.00", 3_594_149)
    add_pay(store, above, fnr(3), "2025-11", "timeloenn", "150.00", 3_594_151)
    # outside the regulated industries the same low pay is lawful
    add_pay(store, it_firm, fnr(4), "2025-11", "timeloenn", "150.00", 1_500_000)
    # renhold has its own rate; fractional hours too: 37.50 h x 236.54 kr = 8 870.25 kr
    assert 37.5 * CLEANING_2025 == 887_025
    add_pay(store, cleaner, fnr(5), "2025-11", "timeloenn", "37.50", 887_025)
    add_pay(store, cleaner_short, fnr(6), "2025-11", "timeloenn", "37.50", 887_024)

    runs = run(store, "minimum_wage")

    assert runs["minimum_wage"].status == "assessed"
    assert companies_hit(store, "minimum_wage") == {short, cleaner_short}
    assert state(store, "minimum_wage", "company", short) == "hit"
    for firm in (exact, above, it_firm, cleaner):
        assert state(store, "minimum_wage", "company", firm) == "no_hit", firm
    rows = [r for r in evidence(store, "minimum_wage") if r["actor_id"] == short]
    assert [(r["period"], r["source_table"], r["source_key"]) for r in rows] == [
        ("2025-11", "amelding_inntekt", fnr(2))]
    assert rows[0]["detail"] == (
        "150.00 t timelønn for 35941.49 kr = 239.61 kr/t, minstelønn 239.61 kr/t (construction "
        "unskilled fra 2025-06-15; satsdag 2025-11-01, alder 65)")
    assert _details(store)[fnr(6)].startswith(
        "37.50 t timelønn for 8870.24 kr = 236.54 kr/t, minstelønn 236.54 kr/t (cleaning adult")


def test_the_industry_is_the_place_of_business(store: Store) -> None:
    holding, site = org(1), org(2)
    add_enhet(store, holding, "70.100")  # head office: not a regulated industry
    add_underenhet(store, site, holding, BUILDING)  # the building site is
    add_pay(store, holding, fnr(1), "2025-11", "timeloenn", "100.00", 100 * BUILDING_2025 - 1,
            virksomhet=site)

    run(store, "minimum_wage")

    assert companies_hit(store, "minimum_wage") == {holding}


def test_the_month_before_and_after_a_rate_change(store: Store) -> None:
    firm = add_enhet(store, org(1), BUILDING)
    # 150 h at the 2023 rate: lawful until the 2025 rate took effect on 15 June 2025. A month is
    # judged by its first day, so June is still under the 2023 rate, to the øre.
    for month in ("2025-05", "2025-06", "2025-07"):
        add_pay(store, firm, fnr(1), month, "timeloenn", "150.00", 150 * BUILDING_2023)
    add_pay(store, firm, fnr(2), "2025-06", "timeloenn", "150.00", 150 * BUILDING_2023 - 1)

    run(store, "minimum_wage")

    assert [(r["period"], r["source_key"]) for r in evidence(store, "minimum_wage")] == [
        ("2025-06", fnr(2)), ("2025-07", fnr(1))]
    assert "(construction unskilled fra 2023-06-15; satsdag 2025-06-01" in _details(store)[fnr(2)]


def test_pay_for_earlier_work_is_judged_by_the_rate_when_it_was_earned(store: Store) -> None:
    firm = add_enhet(store, org(1), BUILDING)
    june, late_june, july = fnr(1), fnr(2), fnr(3)
    for person in (june, late_june, july):
        add_pay(store, firm, person, "2025-07", "timeloenn", "150.00", 150 * BUILDING_2023)
    _earned_from(store, june, "2025-07", date(2025, 6, 1))  # before the 2025 rate: lawful
    _earned_from(store, late_june, "2025-07", date(2025, 6, 20))  # after it: below
    _earned_from(store, july, "2025-07", date(2025, 7, 1))

    run(store, "minimum_wage")

    details = _details(store)
    assert set(details) == {late_june, july}
    assert "fra 2025-06-15; satsdag 2025-06-20" in details[late_june]


def test_age_picks_the_rate_and_an_unknown_age_gets_the_lowest(store: Store) -> None:
    firm = add_enhet(store, org(1), BUILDING)
    seventeen = fnr(1, born=date(2008, 11, 2))  # 17 on 1 November 2025
    seventeen_short = fnr(2, born=date(2008, 3, 1))
    eighteen = fnr(3, born=date(2007, 11, 1))  # 18 on the rate day itself
    adult, d_number_teen, unknown = fnr(4), dnr(5, born=date(2009, 1, 1)), "UTL-PASS-1"
    youth_pay = 100 * BUILDING_YOUTH_2025
    for person, pay in ((seventeen, youth_pay), (seventeen_short, youth_pay - 1),
                        (eighteen, youth_pay), (adult, youth_pay), (d_number_teen, youth_pay),
                        (unknown, youth_pay)):
        add_pay(store, firm, person, "2025-11", "timeloenn", "100.00", pay)

    run(store, "minimum_wage")

    details = _details(store)
    assert set(details) == {seventeen_short, eighteen, adult}
    assert "(construction under_18 fra 2025-06-15; satsdag 2025-11-01, alder 17)" \
        in details[seventeen_short]
    assert "(construction unskilled fra 2025-06-15; satsdag 2025-11-01, alder 18)" \
        in details[eighteen]


def test_an_unknown_age_is_still_judged_by_the_lowest_rate(store: Store) -> None:
    firm = add_enhet(store, org(1), BUILDING)
    add_pay(store, firm, "UTL-PASS-2", "2025-11", "timeloenn", "100.00",
            100 * BUILDING_YOUTH_2025 - 1)

    run(store, "minimum_wage")

    assert _details(store)["UTL-PASS-2"].endswith(
        "(construction under_18 fra 2025-06-15; satsdag 2025-11-01, alder ukjent)")


def test_hotels_pay_the_rate_of_18_until_21(store: Store) -> None:
    hotel = add_enhet(store, org(1), "55.100")
    nineteen, twenty, twenty_one = (fnr(1, born=date(2006, 6, 1)), fnr(2, born=date(2004, 11, 2)),
                                    fnr(3, born=date(2004, 6, 1)))
    for person in (nineteen, twenty, twenty_one):
        add_pay(store, hotel, person, "2025-11", "timeloenn", "100.00", 100 * HOTEL_18_2025)

    run(store, "minimum_wage")

    details = _details(store)
    assert set(details) == {twenty_one}
    assert "minstelønn 204.79 kr/t (hospitality beginner fra 2025-06-15" in details[twenty_one]


@pytest.mark.parametrize(("code", "month", "group", "category", "valid_from", "rate"), [
    # 43.21 is construction too; in 2024 the electricians' rate was the lower of the two
    ("43.210", "2024-01", "electrical", "other", "2023-06-15", 21366),
    ("56.101", "2025-11", "hospitality", "beginner", "2025-06-15", 20479),  # SN2007 code
    ("56.110", "2025-11", "hospitality", "beginner", "2025-06-15", 20479),  # SN2025 code
    ("49.410", "2024-01", "goods_transport", "driver", "2023-06-15", 20700),
    ("49.392", "2023-01", "tour_bus", "driver", "2022-12-15", 19412),
    ("01.410", "2025-11", "agriculture", "trainee", "2021-07-01", 10451),
    ("10.202", "2025-11", "fish_processing", "production", "2023-06-15", 20603),
    ("33.150", "2025-11", "shipyard", "helper", "2025-06-15", 19761),
])
def test_each_regulated_industry(store: Store, code: str, month: str, group: str, category: str,
                                 valid_from: str, rate: int) -> None:
    exact, short = add_enhet(store, org(1), code), add_enhet(store, org(2), code)
    add_pay(store, exact, fnr(1), month, "timeloenn", "100.00", 100 * rate)
    add_pay(store, short, fnr(2), month, "timeloenn", "100.00", 100 * rate - 1)

    run(store, "minimum_wage")

    assert companies_hit(store, "minimum_wage") == {short}
    assert state(store, "minimum_wage", "company", exact) == "no_hit"
    assert f"({group} {category} fra {valid_from}; satsdag {month}-01" in _details(store)[fnr(2)]


def test_a_month_before_a_regulations_first_rate_is_not_judged(store: Store) -> None:
    farm = add_enhet(store, org(1), "01.410")  # jordbruk: the first rate found is 1 June 2019
    add_pay(store, farm, fnr(1), "2019-05", "timeloenn", "100.00", 100)
    add_pay(store, farm, fnr(1), "2019-06", "timeloenn", "100.00", 100)

    run(store, "minimum_wage")

    assert [r["period"] for r in evidence(store, "minimum_wage")] == ["2019-06"]


def test_only_the_last_twelve_months(store: Store) -> None:
    inside, outside = add_enhet(store, org(1), BUILDING), add_enhet(store, org(2), BUILDING)
    underpaid = 150 * BUILDING_2023 - 1
    add_pay(store, inside, fnr(1), "2024-12", "timeloenn", "150.00", underpaid)
    add_pay(store, outside, fnr(2), "2024-11", "timeloenn", "150.00", underpaid)
    add_pay(store, inside, fnr(1), "2025-11", "timeloenn", "150.00", 150 * BUILDING_2025)

    run(store, "minimum_wage")

    assert companies_hit(store, "minimum_wage") == {inside}
    # an employer seen only before the window is not in the population at all
    assert state(store, "minimum_wage", "company", outside) == "insufficient_data"


def _salaried(store: Store, firm: str, person: str, month: str, pay_oere: int,
              **employment: Any) -> None:
    """A month's salary (fastloenn) and the employment it pays (`add_employment`'s options)."""
    add_employment(store, firm, person, month, **employment)
    add_pay(store, firm, person, month, "fastloenn", None, pay_oere, employment=False)


def test_a_salary_at_the_rate_times_the_contracted_hours_is_clear(store: Store) -> None:
    assert BUILDING_2025 * 520 == 3 * BUILDING_40H_2025
    assert BUILDING_2025 * 260 == 3 * HALF_40H_2025
    firm = add_enhet(store, org(1), BUILDING)
    for n, pay, share in ((1, BUILDING_40H_2025, "100.00"), (2, BUILDING_40H_2025 - 1, "100.00"),
                          (3, HALF_40H_2025, "50.00"), (4, HALF_40H_2025 - 1, "50.00")):
        _salaried(store, firm, fnr(n), "2025-11", pay, timer_per_uke_full_stilling="40.00",
                  stillingsprosent=share)

    run(store, "minimum_wage")

    assert [(r["period"], r["source_table"], r["source_key"])
            for r in evidence(store, "minimum_wage")] == [
        ("2025-11", "amelding_inntekt", key) for key in sorted((fnr(2), fnr(4)))]
    details = _details(store)
    assert details[fnr(2)] == (
        "fastlønn 41532.39 kr for 173.33 avtalte timer = 239.61 kr/t, minstelønn 239.61 kr/t "
        "(construction unskilled fra 2025-06-15; satsdag 2025-11-01, alder 65)")
    assert details[fnr(4)].startswith(
        "fastlønn 20766.19 kr for 86.67 avtalte timer = 239.61 kr/t, minstelønn 239.61 kr/t")


def test_a_fraction_of_an_oere_short_is_no_shortfall(store: Store) -> None:
    """Pay is made in whole øre: rate x hours with a fraction of an øre is met either way the
    payroll rounds it, and a hit is a whole øre short."""
    assert BUILDING_2025 * 1625 == 10 * 3_893_662 + 5  # 162.5 h (37.5 a week): 38 936.625 kr
    assert BUILDING_2025 * 1650 == 100 * 395_356 + 50  # 16.50 h: 3 953.565 kr
    firm = add_enhet(store, org(1), BUILDING)
    _salaried(store, firm, fnr(1), "2025-11", 3_893_662)
    _salaried(store, firm, fnr(2), "2025-11", 3_893_661)
    add_pay(store, firm, fnr(3), "2025-11", "timeloenn", "16.50", 395_356)
    add_pay(store, firm, fnr(4), "2025-11", "timeloenn", "16.50", 395_355)

    run(store, "minimum_wage")

    details = _details(store)
    assert set(details) == {fnr(2), fnr(4)}
    assert details[fnr(2)].startswith(
        "fastlønn 38936.61 kr for 162.50 avtalte timer = 239.61 kr/t, minstelønn 239.61 kr/t")
    assert details[fnr(4)].startswith(
        "16.50 t timelønn for 3953.55 kr = 239.61 kr/t, minstelønn 239.61 kr/t")


def test_a_salary_of_unknown_hours_is_not_judged(store: Store) -> None:
    firm = add_enhet(store, org(1), BUILDING)
    add_pay(store, firm, fnr(1), "2025-11", "fastloenn", None, 1, employment=False)  # none
    _salaried(store, firm, fnr(2), "2025-11", 1, stillingsprosent=None)
    _salaried(store, firm, fnr(3), "2025-11", 1, stillingsprosent="0.00")
    _salaried(store, firm, fnr(4), "2025-11", 1, timer_per_uke_full_stilling=None)
    _salaried(store, firm, fnr(5), "2025-11", 1, timer_per_uke_full_stilling="0.00")
    _salaried(store, firm, fnr(6), "2025-11", 1, startdato=None)  # required in the a-melding
    _salaried(store, firm, fnr(7), "2025-11", 1, arbeidsforhold_id="af-other")  # not the named
    _salaried(store, firm, fnr(8), "2025-11", 1)  # known: the one judged

    run(store, "minimum_wage")

    assert list(_details(store)) == [fnr(8)]


def test_a_part_month_is_not_judged(store: Store) -> None:
    firm = add_enhet(store, org(1), BUILDING)
    started, ended, ended_before = fnr(1), fnr(2), fnr(3)
    whole, to_the_last_day = fnr(4), fnr(5)
    _salaried(store, firm, started, "2025-11", 1, startdato=date(2025, 11, 2))
    _salaried(store, firm, ended, "2025-11", 1, sluttdato=date(2025, 11, 29))
    _salaried(store, firm, ended_before, "2025-11", 1, sluttdato=date(2025, 10, 31))
    _salaried(store, firm, whole, "2025-11", 1, startdato=date(2025, 11, 1))
    _salaried(store, firm, to_the_last_day, "2025-11", 1, sluttdato=date(2025, 11, 30))

    run(store, "minimum_wage")

    assert set(_details(store)) == {whole, to_the_last_day}


def test_a_salary_pays_the_employments_it_names_else_the_only_one(store: Store) -> None:
    firm = add_enhet(store, org(1), BUILDING)
    unnamed, named, unnamed_of_two, repeated = fnr(1), fnr(2), fnr(3), fnr(4)
    _salaried(store, firm, unnamed, "2025-11", BUILDING_40H_2025 - 1,
              timer_per_uke_full_stilling="40.00")
    # two half positions; the line names one, so 50 % of the week is the hours it pays
    _salaried(store, firm, named, "2025-11", HALF_40H_2025, timer_per_uke_full_stilling="40.00",
              stillingsprosent="50.00")
    add_employment(store, firm, named, "2025-11", arbeidsforhold_id="af-2",
                   timer_per_uke_full_stilling="40.00", stillingsprosent="50.00")
    _salaried(store, firm, unnamed_of_two, "2025-11", 1)
    add_employment(store, firm, unnamed_of_two, "2025-11", arbeidsforhold_id="af-2")
    # the same employment in two of the month's messages counts once
    _salaried(store, firm, repeated, "2025-11", BUILDING_40H_2025,
              timer_per_uke_full_stilling="40.00")
    add_employment(store, firm, repeated, "2025-11", timer_per_uke_full_stilling="40.00")
    store.execute("UPDATE amelding_inntekt SET arbeidsforhold_id = NULL "
                  "WHERE inntektsmottaker IN (?, ?)", [unnamed, unnamed_of_two])

    run(store, "minimum_wage")

    assert list(_details(store)) == [unnamed]


def test_a_salary_for_earlier_work_is_judged_by_the_rate_when_it_was_earned(
        store: Store) -> None:
    firm = add_enhet(store, org(1), BUILDING)
    june, july = fnr(1), fnr(2)
    for person in (june, july):  # 162.5 h at the 2023 rate, to the øre above
        _salaried(store, firm, person, "2025-07", 3_492_125)
    assert BUILDING_2023 * 1625 == 10 * 3_492_125
    _earned_from(store, june, "2025-07", date(2025, 6, 1))

    run(store, "minimum_wage")

    assert list(_details(store)) == [july]


def test_hourly_pay_and_a_salary_are_each_judged_by_their_own_hours(store: Store) -> None:
    firm = add_enhet(store, org(1), BUILDING)
    short_hours, short_salary = fnr(1), fnr(2)
    _salaried(store, firm, short_hours, "2025-11", BUILDING_40H_2025,
              timer_per_uke_full_stilling="40.00")
    add_pay(store, firm, short_hours, "2025-11", "timeloenn", "10.00", 10 * BUILDING_2025 - 1)
    # well-paid extra hours do not make up for a salary below the rate
    _salaried(store, firm, short_salary, "2025-11", BUILDING_40H_2025 - 1,
              timer_per_uke_full_stilling="40.00")
    add_pay(store, firm, short_salary, "2025-11", "timeloenn", "10.00", 20 * BUILDING_2025)

    run(store, "minimum_wage")

    assert [r["detail"][:62] for r in evidence(store, "minimum_wage")] == [
        "10.00 t timelønn for 2396.09 kr = 239.61 kr/t, minstelønn 239.",
        "fastlønn 41532.39 kr for 173.33 avtalte timer = 239.61 kr/t, m"]
    assert [r["source_key"] for r in evidence(store, "minimum_wage")] == [
        short_hours, short_salary]


def test_overtime_is_neither_hourly_pay_nor_salary(store: Store) -> None:
    firm = add_enhet(store, org(1), BUILDING)
    hourly, salaried, short_salary = fnr(1), fnr(2), fnr(3)
    add_pay(store, firm, hourly, "2025-11", "timeloenn", "100.00", 100 * BUILDING_2025)
    add_pay(store, firm, hourly, "2025-11", "overtidsgodtgjoerelse", "10.00", 1)
    _salaried(store, firm, salaried, "2025-11", BUILDING_40H_2025,
              timer_per_uke_full_stilling="40.00")
    add_pay(store, firm, salaried, "2025-11", "overtidsgodtgjoerelse", "10.00", 1)
    _salaried(store, firm, short_salary, "2025-11", BUILDING_40H_2025 - 1,
              timer_per_uke_full_stilling="40.00")
    add_pay(store, firm, short_salary, "2025-11", "overtidsgodtgjoerelse", "10.00", 1_000_000)

    run(store, "minimum_wage")

    assert list(_details(store)) == [short_salary]
