"""Working hours beyond the Working Environment Act. Arbeidsmiljøloven § 10-6 caps overtime at
10 h a week / 25 h in four weeks / 200 h a year (up to 20 / 50 / 300 by agreement), and total
working time at 48 h a week on average; no lawful month holds much more than ≈230 h. Seeds:
action-plan-2025-nb.txt line 373 ("lange arbeidsdager uten lønnskompensasjon"),
fact-sheet-exploitation-checklist-nb.txt line 227 ("For lange arbeidsdager").

Variants (each worker 240-330 h a month, drawn):
- overtime_paid: timeloenn for the normal hours and overtidsgodtgjoerelse for the rest;
- no_overtime_supplement: every hour paid as timeloenn (no overtime supplement either);
- sister_companies: the hours split between two companies with the same leader, each share
  ordinary on its own.
"""

from __future__ import annotations

from akrim.synth.employment import MODE_EXCESSIVE
from akrim.synth.schemes.base import Planter

VARIANTS = ("overtime_paid", "no_overtime_supplement", "sister_companies")
INDUSTRIES = ("freight", "restaurant", "building", "fishprocessing", "farming", "cleaning")


def plant(p: Planter, k: int) -> None:
    rng = p.world.rng("excessive_hours", k)
    variant = p.variant("excessive_hours", k, VARIANTS)
    industry = INDUSTRIES[int(rng.integers(0, len(INDUSTRIES)))]
    [boss] = p.anyone(1)
    units = [p.unit(industry, leaders={"DAGL": boss, "LEDE": boss})]
    if variant == "sister_companies":
        units.append(p.unit(industry, leaders={"DAGL": boss, "LEDE": boss}))
    workers = p.claim(int(rng.integers(2, 7)), dnr=True)
    for person in workers:
        total = float(rng.integers(240, 331))
        if variant == "sister_companies":
            first = float(rng.integers(140, 176))
            p.job(person, units[0], hours=first, mode=MODE_EXCESSIVE)
            p.job(person, units[1], hours=total - first, pct=50.0, mode=MODE_EXCESSIVE)
        elif variant == "no_overtime_supplement":
            p.job(person, units[0], hours=total, mode=MODE_EXCESSIVE)
        else:
            base = float(rng.integers(155, 176))
            p.job(person, units[0], hours=base, overtime=total - base, mode=MODE_EXCESSIVE)
    p.truth("excessive_hours", False, units, [boss, *workers], p.window(),
            "action-plan-2025-nb.txt:373; fact-sheet-exploitation-checklist-nb.txt:227 — "
            "a-melding reports 240-330 hours a month for each worker every month, more than "
            "arbeidsmiljøloven § 10-6 allows in any month" + (
                ", split between two companies with the same leader." if
                variant == "sister_companies" else
                ", all paid as timeloenn without overtime supplement." if
                variant == "no_overtime_supplement" else "."),
            variant=variant)
