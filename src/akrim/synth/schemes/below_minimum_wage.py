"""Pay below the generally applicable minimum wage (allmenngjøring) in construction or cleaning.
Seed: action-plan-2025-nb.txt lines 102-104 ("ikke er i tråd med allmenngjøringsforskrifter der
slike gjelder").

Each underpaid worker's rate is drawn between 55 % and 97 % of the lowest minimum in force in
the window (industries.MINIMUM_WAGES), so a rate may sit anywhere below the law, close to it or
far under. Variants:
- hourly: every worker on timeloenn below the minimum;
- monthly_salary: fastloenn at 100 % whose hourly equivalent (÷ 162.5 h) is below it;
- partial: the d-number workers underpaid, the firm's resident workers paid lawfully.
"""

from __future__ import annotations

from akrim.synth.employment import FULL_TIME_MONTH
from akrim.synth.industries import minimum_in_force
from akrim.synth.schemes.base import Planter

VARIANTS = ("hourly", "monthly_salary", "partial")
RULES = {"building": "bygg", "painting": "bygg", "plastering": "bygg", "cleaning": "renhold"}


def plant(p: Planter, k: int) -> None:
    rng = p.world.rng("below_minimum_wage", k)
    variant = p.variant("below_minimum_wage", k, VARIANTS)
    industry = tuple(RULES)[int(rng.integers(0, len(RULES)))]
    minimum = minimum_in_force(RULES[industry], p.window()[0])
    e = p.unit(industry)
    workers = p.claim(int(rng.integers(3, 9)), dnr=True)
    for person in workers:
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
            + f" below the allmenngjort minimum for {RULES[industry]} "
            f"({minimum / 100:.2f} kr/h in force from the start of the period) in every month"
            + ("; the firm's other workers are paid lawfully." if variant == "partial" else "."),
            variant=variant)
