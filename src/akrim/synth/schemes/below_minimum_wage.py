"""Pay below the generally applicable minimum wage (allmenngjøring) in construction or cleaning.
Seed: action-plan-2025-nb.txt lines 102-104 ("ikke er i tråd med allmenngjøringsforskrifter der
slike gjelder").

Each underpaid worker's rate is drawn between 55 % and 97 % of the minimum in force for their age
at the start of the window (minimum_wages), the lowest of the window, so a rate may sit anywhere
below the law, close to it or far under, in every month. Variants:
- hourly: every worker on timeloenn below the minimum;
- monthly_salary: fastloenn at 100 % whose hourly equivalent (÷ 162.5 h) is below it;
- partial: the d-number workers underpaid, the firm's resident workers paid lawfully.
"""

from __future__ import annotations

import datetime as dt

from akrim.synth.employment import FULL_TIME_MONTH
from akrim.synth.industries import BY_KEY
from akrim.synth.minimum_wages import ages_on, minimum_in_force
from akrim.synth.schemes.base import Planter

VARIANTS = ("hourly", "monthly_salary", "partial")
INDUSTRIES = ("building", "painting", "plastering", "cleaning")


def plant(p: Planter, k: int) -> None:
    rng = p.world.rng("below_minimum_wage", k)
    variant = p.variant("below_minimum_wage", k, VARIANTS)
    industry = INDUSTRIES[int(rng.integers(0, len(INDUSTRIES)))]
    group = BY_KEY[industry].minimum_wage
    start = dt.date.fromisoformat(p.window()[0])
    e = p.unit(industry)
    workers = p.claim(int(rng.integers(3, 9)), dnr=True)
    minimums = []
    for person, age in zip(workers, ages_on(p.world.persons.birth[workers], start).tolist(),
                           strict=True):
        minimum = minimum_in_force(group, start, age)
        if minimum is None:
            raise ValueError(f"no {group} minimum wage in force on {start}")
        minimums.append(minimum)
        rate = int(minimum * rng.uniform(0.55, 0.97))
        if variant == "monthly_salary":
            p.job(person, e, hourly=False, monthly_oere=int(rate * FULL_TIME_MONTH))
        else:
            p.job(person, e, rate_oere=rate)
    if variant == "partial":
        for person in p.claim(int(rng.integers(1, 4))):
            p.job(person, e)
    p.truth("below_minimum_wage", False, [e], workers, p.window(),
            f"action-plan-2025-nb.txt:102-104 — {len(workers)} workers paid "
            + ("a monthly salary whose hourly equivalent is" if variant == "monthly_salary"
               else "an hourly rate (timeloenn beløp/antall)")
            + f" below the allmenngjort minimum for {group} "
            f"({max(minimums) / 100:.2f} kr/h in force from the start of the period) in every "
            "month" + ("; the firm's other workers are paid lawfully." if variant == "partial"
                       else "."),
            variant=variant)
