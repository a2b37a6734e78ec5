"""Indicators on a-melding pay and hours: working_time (IND-02), combined_hours (IND-03) and
fictitious_timesheets (IND-13); minimum_wage (IND-01) has test_minimum_wage.py. Money is in øre
and hours are decimals: every threshold is compared exactly, so each test sits on both sides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from akrim.store.engine import Store
from indicators.toolkit import (
    add_employment,
    add_enhet,
    add_pay,
    add_person,
    add_role,
    add_underenhet,
    companies_hit,
    dnr,
    evidence,
    fnr,
    insert,
    org,
    persons_hit,
    run,
    state,
    status,
)

# -- working_time -------------------------------------------------------------------------------

def test_working_time_limit_is_230_hours_to_the_hundredth(store: Store) -> None:
    firms = [add_enhet(store, org(n), "49.410") for n in range(1, 8)]
    add_pay(store, firms[0], fnr(1), "2025-11", "timeloenn", "230.00", 7_000_000)
    add_pay(store, firms[1], fnr(2), "2025-11", "timeloenn", "230.01", 7_000_000)
    # hourly and overtime hours add up
    add_pay(store, firms[2], fnr(3), "2025-11", "timeloenn", "200.00", 6_000_000)
    add_pay(store, firms[2], fnr(3), "2025-11", "overtidsgodtgjoerelse", "30.01", 1_200_000)
    # salaried work counts its contracted hours: 37.5 h x 100 % x 52 / 12 = 162.50 h
    add_pay(store, firms[3], fnr(4), "2025-11", "fastloenn", None, 5_000_000)
    add_pay(store, firms[3], fnr(4), "2025-11", "overtidsgodtgjoerelse", "67.50", 2_000_000)
    add_pay(store, firms[4], fnr(5), "2025-11", "fastloenn", None, 5_000_000)
    add_pay(store, firms[4], fnr(5), "2025-11", "overtidsgodtgjoerelse", "67.51", 2_000_000)
    # 50 % of a 37.5 h week = 81.25 h
    add_pay(store, firms[5], fnr(6), "2025-11", "fastloenn", None, 2_500_000,
            stillingsprosent="50.00")
    add_pay(store, firms[5], fnr(6), "2025-11", "overtidsgodtgjoerelse", "148.75", 2_000_000)
    # the limit is per month, not per window
    for month in ("2025-09", "2025-10", "2025-11"):
        add_pay(store, firms[6], fnr(7), month, "timeloenn", "200.00", 6_000_000)

    run(store, "working_time")

    assert companies_hit(store, "working_time") == {firms[1], firms[2], firms[4]}
    for firm in (firms[0], firms[3], firms[5], firms[6]):
        assert state(store, "working_time", "company", firm) == "no_hit"
    row = next(r for r in evidence(store, "working_time") if r["actor_id"] == firms[1])
    assert (row["period"], row["source_key"]) == ("2025-11", fnr(2))
    assert "230.01" in row["detail"]


def test_working_time_adds_up_the_hours_at_one_employer(store: Store) -> None:
    employer = add_enhet(store, org(1), "43.210")
    north = add_underenhet(store, org(2), employer, "43.210")
    south = add_underenhet(store, org(3), employer, "43.210")
    add_pay(store, employer, fnr(1), "2025-11", "timeloenn", "150.00", 4_500_000, virksomhet=north)
    add_pay(store, employer, fnr(1), "2025-11", "timeloenn", "150.00", 4_500_000, virksomhet=south)

    run(store, "working_time")

    assert companies_hit(store, "working_time") == {employer}


# -- combined_hours -----------------------------------------------------------------------------

# 13 hours on 6 days in 7 (arbeidsmiljøloven § 10-6 (8), § 10-8 (2)): 30 days 334.2857 h,
# 28 days 312 h, 29 days 323.1429 h.
@pytest.mark.parametrize(("month", "limit"), [("2025-11", "334.28"), ("2025-02", "312.00"),
                                              ("2024-02", "323.14")])
def test_combined_hours_limit_is_13_hours_on_six_days_in_seven(
        store: Store, month: str, limit: str) -> None:
    a, b, c, d, alone = (add_enhet(store, org(n), "43.210") for n in range(1, 6))
    honest, impossible, busy = fnr(1), fnr(2), fnr(3)
    rest = Decimal(limit) - Decimal("200.00")
    add_pay(store, a, honest, month, "timeloenn", "200.00", 6_000_000)
    add_pay(store, b, honest, month, "timeloenn", str(rest), 6_000_000)
    add_pay(store, c, impossible, month, "timeloenn", "200.00", 6_000_000)
    add_pay(store, d, impossible, month, "timeloenn", str(rest + Decimal("0.01")), 6_000_000)
    # one employer alone is working_time's business, not combined_hours'
    add_pay(store, alone, busy, month, "timeloenn", "391.00", 12_000_000)

    run(store, "combined_hours")

    assert hits_of(store) == {("person", impossible), ("company", c), ("company", d)}
    assert state(store, "combined_hours", "person", impossible) == "hit"


def hits_of(store: Store) -> set[tuple[str, str]]:
    return set(store.rows("SELECT actor_type, actor_id FROM indicator_hit "
                          "WHERE indicator_id = 'IND-03'"))


def test_combined_hours_counts_contracted_hours_and_resolved_identities(store: Store) -> None:
    a, b, c, d = (add_enhet(store, org(n), "56.101") for n in range(1, 5))
    # salaried 162.50 h + 171.78 h hourly = 334.28 h in November: possible
    add_pay(store, a, fnr(1), "2025-11", "fastloenn", None, 5_000_000)
    add_pay(store, b, fnr(1), "2025-11", "timeloenn", "171.78", 5_000_000)
    # one person reported under a fødselsnummer at c and an earlier d-number at d
    person, old = add_person(store, fnr(2), "Anna", "Berg"), dnr(2)
    insert(store, "person_identifikator", {"identifikasjonsnummer": person,
                                           "identifikator": old,
                                           "identifikatortype": "dNummer",
                                           "status": "opphoert"})
    add_pay(store, c, person, "2025-11", "fastloenn", None, 5_000_000)
    add_pay(store, d, old, "2025-11", "timeloenn", "171.79", 5_000_000)

    run(store, "combined_hours")

    assert persons_hit(store, "combined_hours") == {person}
    assert companies_hit(store, "combined_hours") == {c, d}



def test_combined_hours_flags_an_employer_only_for_a_share_of_its_workers(store: Store) -> None:
    big, small, other = (add_enhet(store, org(n), "78.200") for n in range(1, 4))
    # 20 ordinary workers at the big employer, and one whose identity also works elsewhere
    for n in range(20):
        add_pay(store, big, fnr(10 + n), "2025-11", "timeloenn", "150.00", 4_500_000)
    add_pay(store, big, fnr(1), "2025-11", "timeloenn", "200.00", 6_000_000)
    add_pay(store, small, fnr(1), "2025-11", "timeloenn", "190.01", 6_000_000)
    # at `other` the impossible one is 1 of 20 workers: exactly 5 %
    for n in range(19):
        add_pay(store, other, fnr(40 + n), "2025-11", "timeloenn", "150.00", 4_500_000)
    add_pay(store, other, fnr(2), "2025-11", "timeloenn", "200.00", 6_000_000)
    add_pay(store, small, fnr(2), "2025-11", "timeloenn", "190.01", 6_000_000)

    run(store, "combined_hours")

    assert persons_hit(store, "combined_hours") == {fnr(1), fnr(2)}
    assert companies_hit(store, "combined_hours") == {small, other}  # big: 1 of 21 < 5 %


def test_combined_hours_two_months_above_48_hours_a_week_beyond_a_side_job(
        store: Store) -> None:
    # October and November: 61 days, 48 h x 61 / 7 = 418.29 h together; a side job is under
    # 20 h a week: 20 x 61 / 7 = 174.29 h beside the largest job in the two months.
    a, b, c = (add_enhet(store, org(n), "43.210") for n in range(1, 4))
    two_jobs, part_time, side_job, changed, beside = fnr(1), fnr(2), fnr(3), fnr(4), fnr(5)
    for month in ("2025-10", "2025-11"):
        # two full-time jobs: 277.34 h a month, 138.67 beside the largest
        add_pay(store, a, two_jobs, month, "timeloenn", "138.67", 4_160_100)
        add_pay(store, b, two_jobs, month, "timeloenn", "138.67", 4_160_100)
        # three part-time jobs: 209.16 h a month (418.32 in two), 139.44 beside the largest
        for firm in (a, b, c):
            add_pay(store, firm, part_time, month, "timeloenn", "69.72", 2_091_600)
        # a full-time job and a side job: 242.50 h, 80 beside it (160 < 174.29 in two months)
        add_pay(store, a, side_job, month, "timeloenn", "162.50", 4_875_000)
        add_pay(store, b, side_job, month, "timeloenn", "80.00", 2_400_000)
    # 87.14 h beside the largest job in each month (174.28 in two) and 300 h in all: left alone
    for month in ("2025-10", "2025-11"):
        add_pay(store, a, beside, month, "timeloenn", "212.86", 6_385_800)
        add_pay(store, b, beside, month, "timeloenn", "87.14", 2_614_200)
    add_pay(store, a, changed, "2025-11", "timeloenn", "162.50", 4_875_000)  # a change of job
    add_pay(store, b, changed, "2025-11", "timeloenn", "162.50", 4_875_000)

    run(store, "combined_hours")

    assert persons_hit(store, "combined_hours") == {two_jobs, part_time}
    details = {(r["actor_id"], r["period"]): r["detail"] for r in evidence(store, "combined_hours")
               if r["actor_type"] == "person"}
    assert set(details) == {(p, m) for p in (two_jobs, part_time)
                            for m in ("2025-10", "2025-11")}
    assert details[(part_time, "2025-10")] == (
        f"209.16 timer hos 3 arbeidsgivere på én måned, 139.44 av dem utenom den største; to "
        f"måneder på rad over 48 timer i uken i snitt, over 20 av dem utenom den største: "
        f"{', '.join(sorted([a, b, c]))}")


def test_combined_hours_counts_a_salaried_position_for_the_days_it_runs(store: Store) -> None:
    # November, 30 days: a change of job on the 16th, salaried at both employers (15 days each of
    # 162.50 contracted hours = 81.25 h), and 150 hourly hours at a third: 312.50 h in all, not
    # 475 h; the daily bound for November is 334.29 h.
    old, new, hourly = (add_enhet(store, org(n), "56.101") for n in range(1, 4))
    changed, kept = fnr(1), fnr(2)
    add_pay(store, old, changed, "2025-11", "fastloenn", None, 5_000_000, employment=False)
    add_employment(store, old, changed, "2025-11", sluttdato=dt.date(2025, 11, 15))
    add_pay(store, new, changed, "2025-11", "fastloenn", None, 5_000_000, employment=False)
    add_employment(store, new, changed, "2025-11", startdato=dt.date(2025, 11, 16))
    add_pay(store, hourly, changed, "2025-11", "timeloenn", "150.00", 4_500_000)
    # the same three employers, both positions the whole month: 475 h
    add_pay(store, old, kept, "2025-11", "fastloenn", None, 5_000_000)
    add_pay(store, new, kept, "2025-11", "fastloenn", None, 5_000_000)
    add_pay(store, hourly, kept, "2025-11", "timeloenn", "150.00", 4_500_000)

    run(store, "combined_hours")

    assert persons_hit(store, "combined_hours") == {kept}


# -- fictitious_timesheets ----------------------------------------------------------------------

MONTHS = ("2025-09", "2025-10", "2025-11")


def _timesheets(store: Store, firm: str, workers: int, months: tuple[str, ...],
                first_worker: int) -> list[str]:
    people = [fnr(first_worker + w) for w in range(workers)]
    for month in months:
        for person in people:
            add_pay(store, firm, person, month, "timeloenn", "150.00", 4_500_000)
    return people


def test_fictitious_timesheets(store: Store) -> None:
    firms = [add_enhet(store, org(n), "43.210") for n in range(1, 6)]
    _timesheets(store, firms[0], 4, MONTHS, 10)
    add_pay(store, firms[0], fnr(99), "2025-11", "fastloenn", None, 5_000_000)  # salaried: ignored
    varied = _timesheets(store, firms[1], 4, MONTHS[:2], 20)
    for n, person in enumerate(varied):  # three workers the same, one differs in one month
        add_pay(store, firms[1], person, "2025-11", "timeloenn", "150.50" if n == 0 else "150.00",
                4_500_000)
    _timesheets(store, firms[2], 3, MONTHS, 30)  # too few workers
    _timesheets(store, firms[3], 4, MONTHS[1:], 40)  # too few months
    # the same hours for all, one amount differs: the timesheet is still one copied figure
    same_hours = _timesheets(store, firms[4], 3, MONTHS, 50)
    add_pay(store, firms[4], fnr(59), "2025-09", "timeloenn", "150.00", 4_500_000)
    add_pay(store, firms[4], fnr(59), "2025-10", "timeloenn", "150.00", 4_500_000)
    add_pay(store, firms[4], fnr(59), "2025-11", "timeloenn", "150.00", 4_500_001)
    assert len(same_hours) == 3

    run(store, "fictitious_timesheets")

    assert companies_hit(store, "fictitious_timesheets") == {firms[0], firms[4]}
    for firm in firms[1:4]:
        assert state(store, "fictitious_timesheets", "company", firm) == "no_hit"
    row = next(r for r in evidence(store, "fictitious_timesheets") if r["actor_id"] == firms[0])
    assert row["detail"] == "4 timelønnede i 3 måneder: samme timetall for alle hver måned"


def test_fictitious_timesheets_copied_across_workers_or_fixed_per_worker(store: Store) -> None:
    copied, fixed, real = (add_enhet(store, org(n), "81.210") for n in range(1, 4))
    for m, month in enumerate(MONTHS):
        for w in range(4):
            # one figure for everyone, changing month to month
            add_pay(store, copied, fnr(10 + w), month, "timeloenn", f"{140 + 5 * m}.00", 4_200_000)
            # each worker their own figure, never changing
            add_pay(store, fixed, fnr(20 + w), month, "timeloenn", f"{120 + 10 * w}.00", 3_600_000)
            # real hours: different between people and months
            add_pay(store, real, fnr(30 + w), month, "timeloenn", f"{130 + 7 * w + 3 * m}.50",
                    4_000_000)

    run(store, "fictitious_timesheets")

    assert companies_hit(store, "fictitious_timesheets") == {copied, fixed}
    details = {r["actor_id"]: r["detail"] for r in evidence(store, "fictitious_timesheets")}
    assert details[fixed] == "4 timelønnede i 3 måneder: hver har samme timetall hver måned"


def test_fictitious_timesheets_needs_the_months_it_compares(store: Store) -> None:
    firm = add_enhet(store, org(1), "43.210")
    _timesheets(store, firm, 4, MONTHS[1:], 10)  # two months loaded, three needed

    run(store, "fictitious_timesheets")

    assert status(store, "fictitious_timesheets") == (
        "insufficient_data",
        "amelding_inntekt: 2 måned(er) lest inn, trenger 3 / 2 month(s) loaded, 3 needed")
    assert state(store, "fictitious_timesheets", "company", firm) == "insufficient_data"


def test_working_time_adds_up_employers_under_common_control(store: Store) -> None:
    boss, other_boss = add_person(store, fnr(90), "Sjur", "Søster"), add_person(store, fnr(91))
    sister, brother, stranger = (add_enhet(store, org(n), "49.410") for n in range(1, 4))
    for firm in (sister, brother):
        add_role(store, firm, "DAGL", boss)
    add_role(store, stranger, "DAGL", other_boss)
    # 150 + 80.01 h at two companies the same person runs: 230.01 h for one employer group
    add_pay(store, sister, fnr(1), "2025-11", "timeloenn", "150.00", 4_500_000)
    add_pay(store, brother, fnr(1), "2025-11", "timeloenn", "80.01", 2_400_000)
    # the same split between unrelated employers is two lawful jobs (combined_hours' business)
    add_pay(store, sister, fnr(2), "2025-11", "timeloenn", "150.00", 4_500_000)
    add_pay(store, stranger, fnr(2), "2025-11", "timeloenn", "80.01", 2_400_000)

    run(store, "working_time")

    assert companies_hit(store, "working_time") == {sister, brother}
    assert {r["source_key"] for r in evidence(store, "working_time")} == {fnr(1)}
