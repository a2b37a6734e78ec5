"""Employment relationships (arbeidsforhold) and the pay and hours each reports every month.

Pay levels come from SSB table 11418 via :mod:`akrim.synth.industries`; the share of part-time
jobs (≈25 %) from SSB 13470; yearly job turnover (≈15 % of jobs end in a year) from SSB
"Arbeidsforhold, avsluttede". Hourly rates and monthly salaries are drawn around the industry's
average. No job pays less than the minimum wage of its industry's general-application agreement
(``minimum_wages``) for its holder's age in any month of the window: hourly rates are lifted above
the floors in ``HOURLY_FLOOR`` (never below that minimum), salaries above the minimum times the
contracted hours of the position. A small share of jobs in those industries pay exactly the
minimum (a lawful near miss), and a small share of hourly full-timers work a lawful overtime peak
in one or two months.
"""

from __future__ import annotations

import numpy as np

from akrim.synth.companies import FORM_INDEX
from akrim.synth.config import AS_OF, Scale, day_number
from akrim.synth.industries import INDUSTRIES
from akrim.synth.minimum_wages import GROUPS, window_minimum
from akrim.synth.population import Persons
from akrim.synth.table import NODATE, Table

FULL_TIME_MONTH = 162.5
"""37.5 hours a week (arbeidsmiljøloven § 10-4: 40 h; 37.5 h by most collective agreements)
× 52 / 12 weeks a month."""
HOURLY_FLOOR = {"construction": 26_000, "cleaning": 25_000, "electrical": 30_000, None: 24_000}
"""Lowest background hourly pay in øre, per agreement (an estimate, above every minimum wage in
force in 2025); where a worker's minimum wage is higher, that minimum is the floor."""
LIFT = 3_000
"""Pay drawn below its floor is lifted to the floor plus 0-30 kr an hour (øre), so that no pay
level is implausibly common."""
AGREEMENT = np.array([GROUPS.index(i.minimum_wage) if i.minimum_wage else -1
                      for i in INDUSTRIES])
"""Per industry, its general-application agreement: an index into minimum_wages.GROUPS, -1 for
none."""

EXACT_MINIMUM_SHARE = 0.03
"""Share of jobs, hourly and salaried, in industries with a general-application agreement that
pay exactly the minimum in force at the end of the window (an estimate; many firms pay the
tariff's minimum and no more)."""
PEAK_SHARE = 0.03
"""Share of hourly full-time jobs with a lawful overtime peak in one or two months of the window
(an estimate)."""
PEAK_MONTH_HOURS = (190.0, 230.0)
"""A peak month's total hours: within arbeidsmiljøloven § 10-6 (agreed overtime of up to 20 h a
week and 50 h in four weeks, 48 h a week on average), i.e. at most ≈230 h in one month."""

MODE_NORMAL, MODE_UNIFORM, MODE_EXCESSIVE, MODE_COPIED = 0, 1, 2, 3
"""How a job's monthly hours vary: noise around the base (normal); exactly the base every month
(uniform); excessive hours with little noise; the same hours as every other copied job of the
employer in each month, changing from month to month (copied)."""


def employments_table(n: int) -> Table:
    return Table({
        "person": np.zeros(n, dtype=np.int32),
        "enhet": np.zeros(n, dtype=np.int32),
        "under": np.zeros(n, dtype=np.int32),
        "start_day": np.zeros(n, dtype=np.int32),
        "end_day": np.full(n, NODATE, dtype=np.int32),
        "hourly": np.zeros(n, dtype=bool),
        "pct": np.zeros(n, dtype=np.float32),
        "pay": np.zeros(n, dtype=np.int64),  # øre: per month (fastloenn) or per hour (timeloenn)
        "hours": np.zeros(n, dtype=np.float32),  # base hours a month (timeloenn)
        "overtime": np.zeros(n, dtype=np.float32),  # base overtime hours a month
        "mode": np.zeros(n, dtype=np.int8),
        "peak_month": np.full(n, -1, dtype=np.int8),  # month index of a lawful peak, -1 none
        "peak_hours": np.zeros(n, dtype=np.float32),  # total hours in the peak month
        "yrke": np.zeros(n, dtype=np.int8),
        "planted": np.zeros(n, dtype=bool),
    })


def _gumbel_top(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    keys = np.log(np.maximum(weights, 1e-12)) + rng.gumbel(size=len(weights))
    k = min(k, len(weights))
    return np.argpartition(-keys, k - 1)[:k] if k else np.zeros(0, dtype=np.int64)


def make_employments(rng: np.random.Generator, scale: Scale, persons: Persons,
                     enheter: Table, underenheter: Table, months: list[str]) -> Table:
    ind = enheter["industry"]
    employer = np.flatnonzero(enheter["employer"] & (enheter["slett_day"] == NODATE)
                              & (enheter["konkurs_day"] == NODATE)
                              & (enheter["form"] != FORM_INDEX["KBO"]) & ~enheter["planted"])
    # Weights: the industry's share of all jobs (SSB), spread over its employers by size, so
    # that big public units do not take jobs from the industries where they do not belong.
    size = enheter["size"][employer].astype(np.float64)
    per_industry = np.bincount(ind[employer], weights=size, minlength=len(INDUSTRIES))
    jobs_share = np.array([i.jobs for i in INDUSTRIES])
    w = size * jobs_share[ind[employer]] / per_industry[ind[employer]]
    n = scale.employments
    # Every unit flagged as an employer has at least one job (so ≈20 % of active enheter report
    # a-melding, as ≈250 000 of ≈1.2 M do); the rest follow the heavy-tailed size weights.
    if n > len(employer):
        boss = np.concatenate([employer, rng.choice(employer, size=n - len(employer),
                                                    p=w / w.sum())])
    else:
        boss = rng.choice(employer, size=n, p=w / w.sum())
    boss.sort()
    t = employments_table(n)
    c = t.columns
    c["enhet"][:] = boss
    # underenhet: one of the parent's, uniformly
    parent = underenheter["parent"]
    order = np.argsort(parent, kind="stable")
    sorted_parent = parent[order]
    first = np.searchsorted(sorted_parent, boss, side="left")
    count = np.searchsorted(sorted_parent, boss, side="right") - first
    if np.any(count == 0):
        raise ValueError("an employer has no underenhet")
    c["under"][:] = order[first + (rng.random(n) * count).astype(np.int64)]
    # who holds the job
    today = day_number(AS_OF)
    age = (today - persons.birth) / 365.25
    is_d = persons.dnr
    job_ind = ind[boss]
    foreign = np.array([i.foreign for i in INDUSTRIES])[job_ind]
    d_people = np.flatnonzero(is_d & (rng.random(len(persons)) < 0.88))
    p_d = foreign * (len(d_people) / max(foreign.sum(), 1.0))
    to_d = rng.random(n) < np.clip(p_d, 0, 0.9)
    d_jobs = np.flatnonzero(to_d)[: len(d_people)]
    holder = np.full(n, -1, dtype=np.int64)
    holder[d_jobs] = rng.permutation(d_people)[: len(d_jobs)]
    rest = np.flatnonzero(holder < 0)
    n_first = int(len(rest) * 0.9)
    aw = np.where((age >= 16) & (age < 72) & ~is_d, 1.0, 0.0)
    aw[(age >= 16) & (age < 20)] *= 0.45
    aw[(age >= 62) & (age < 67)] *= 0.6
    aw[(age >= 67)] *= 0.12
    people = _gumbel_top(rng, aw, n_first)
    holder[rest[:n_first]] = rng.permutation(people)[:n_first]
    second = rest[n_first:]
    # a second, part-time job for one in ten: nobody holds more than two in the background
    holder[second] = rng.choice(people, size=len(second), replace=False)
    c["person"][:] = holder
    # dates
    years_in = np.where(is_d[holder], rng.exponential(1.5, size=n), rng.exponential(5.0, size=n))
    start = today - (years_in * 365).astype(np.int64)
    start = np.maximum(start, persons.birth[holder] + 16 * 366)
    start = np.maximum(start, enheter["reg_day"][boss] + 1)
    c["start_day"][:] = start
    window = len(months) * 30.4
    ends = rng.random(n) < 0.15 * len(months) / 12
    end = today - 10 - (rng.random(n) * window).astype(np.int64)
    ok = ends & (end > start + 20)
    c["end_day"][ok] = end[ok]
    # pay
    hourly_share = np.array([i.hourly for i in INDUSTRIES])[job_ind]
    c["hourly"][:] = rng.random(n) < np.clip(hourly_share + 0.2 * is_d[holder], 0, 1)
    part = rng.random(n) < 0.25
    pct = np.where(part, rng.choice([20.0, 40.0, 50.0, 60.0, 80.0], size=n), 100.0)
    pct[second] = rng.choice([10.0, 20.0, 30.0, 40.0], size=len(second))
    c["pct"][:] = pct
    minimum = lawful_minimum(job_ind, persons.birth[holder], months)
    c["pay"][:] = np.where(c["hourly"], hourly_pay(rng, job_ind, minimum),
                           monthly_pay(rng, job_ind, pct, minimum))
    exact = (minimum > 0) & (rng.random(n) < EXACT_MINIMUM_SHARE)
    c["pay"][exact] = np.where(c["hourly"][exact], minimum[exact],
                               salary_for(minimum[exact], pct[exact]))
    c["hours"][:] = FULL_TIME_MONTH * pct / 100
    has_ot = c["hourly"] & (rng.random(n) < 0.12) & (pct >= 80)
    c["overtime"][has_ot] = rng.uniform(4, 22, size=int(has_ot.sum()))
    peak = np.flatnonzero(c["hourly"] & (pct == 100.0) & (rng.random(n) < PEAK_SHARE))
    c["peak_month"][peak] = rng.integers(0, len(months), size=len(peak))
    c["peak_hours"][peak] = np.round(rng.uniform(*PEAK_MONTH_HOURS, size=len(peak)) * 2) / 2
    c["yrke"][:] = rng.integers(0, 8, size=n)
    return t


def lawful_minimum(industry: np.ndarray, birth: np.ndarray, months: list[str]) -> np.ndarray:
    """Per job in ``industry`` (indices into INDUSTRIES) held by a person born on ``birth``, the
    least it may pay an hour (øre) in ``months``: minimum_wages.window_minimum of its agreement;
    0 where there is none."""
    return window_minimum(AGREEMENT[industry], birth, months)


def salary_for(rate: np.ndarray, pct: np.ndarray) -> np.ndarray:
    """The monthly salary (øre) that pays ``rate`` øre an hour for the contracted hours of a
    position of ``pct`` per cent, rounded up to the whole øre. The hours are the position's share
    of the full-time week times 52/12 (pct / 100 x FULL_TIME_MONTH), as the a-melding's
    stillingsprosent and antallTimerPerUkeSomEnFullStillingTilsvarer give them. Exact in floating
    point for whole-number percentages: the product is of whole numbers and a half, and the
    quotient a multiple of 1/8."""
    return np.asarray(np.ceil(rate * pct * FULL_TIME_MONTH / 100).astype(np.int64))


def hourly_pay(rng: np.random.Generator, industry: np.ndarray, minimum: np.ndarray
               ) -> np.ndarray:
    """Lawful hourly rates in øre for jobs in ``industry`` (indices into INDUSTRIES) that must pay
    at least ``minimum`` an hour (lawful_minimum)."""
    wage = np.array([i.wage for i in INDUSTRIES], dtype=np.float64)[industry]
    rate = (wage / FULL_TIME_MONTH * rng.lognormal(-0.05, 0.15, size=len(industry))
            * 100).astype(np.int64)
    floor = np.maximum(np.array([HOURLY_FLOOR.get(i.minimum_wage, HOURLY_FLOOR[None])
                                 for i in INDUSTRIES])[industry], minimum)
    low = rate < floor
    rate[low] = floor[low] + rng.integers(0, LIFT, size=int(low.sum()))
    return np.asarray(rate)


def monthly_pay(rng: np.random.Generator, industry: np.ndarray, pct: np.ndarray,
                minimum: np.ndarray) -> np.ndarray:
    """Monthly salaries (fastloenn) in øre for jobs in ``industry`` at ``pct`` per cent that must
    pay at least ``minimum`` an hour of the position's contracted hours (lawful_minimum)."""
    wage = np.array([i.wage for i in INDUSTRIES], dtype=np.float64)[industry]
    salary = (wage * rng.lognormal(0.0, 0.22, size=len(industry)) * pct).astype(np.int64)
    low = salary < salary_for(minimum, pct)
    salary[low] = salary_for(minimum[low] + rng.integers(0, LIFT, size=int(low.sum())), pct[low])
    return np.asarray(salary)


def month_figures(seed_rng: np.random.Generator, jobs: Table, month: int
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(hours, overtime hours) every job reports in month number ``month`` of the window: base ×
    noise, in half hours; see the MODE_* constants for the planted kinds of timesheet."""
    n = len(jobs)
    hours = _halves(jobs["hours"] * seed_rng.uniform(0.85, 1.08, size=n).astype(np.float32))
    ot = _halves(jobs["overtime"] * seed_rng.uniform(0.5, 1.5, size=n).astype(np.float32))
    mode = jobs["mode"]
    fixed = mode == MODE_UNIFORM
    hours[fixed] = jobs["hours"][fixed]
    ot[fixed] = jobs["overtime"][fixed]
    long = mode == MODE_EXCESSIVE
    hours[long] = _halves(jobs["hours"][long] * seed_rng.uniform(0.97, 1.03, int(long.sum())))
    ot[long] = _halves(jobs["overtime"][long] * seed_rng.uniform(0.95, 1.05, int(long.sum())))
    copied = np.flatnonzero(mode == MODE_COPIED)
    if len(copied):
        employer = jobs["enhet"][copied]
        factor = seed_rng.uniform(0.85, 1.08, size=int(employer.max()) + 1)
        hours[copied] = _halves(jobs["hours"][copied] * factor[employer])
        ot[copied] = jobs["overtime"][copied]
    peak = jobs["peak_month"] == month
    ot[peak] = np.maximum(jobs["peak_hours"][peak] - hours[peak], ot[peak])
    return hours, ot


def _halves(hours: np.ndarray) -> np.ndarray:
    """Hours to the nearest half hour, as timesheets are kept."""
    return np.asarray(np.round(hours * 2) / 2)
