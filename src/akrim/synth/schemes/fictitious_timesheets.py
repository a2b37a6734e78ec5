"""Fictitious, implausibly regular timesheets. Seeds: action-plan-2025-nb.txt line 400 ("fiktive
timelister, som kan skjule svart arbeid"), fact-sheet-exploitation-checklist-nb.txt line 243
("Manipulering eller forfalskning av arbeidstidregistreringer").

Variants (4-10 hourly workers, the hours drawn per firm or per worker):
- same_every_month: every worker reports the same hours every month;
- copied_across_workers: in each month every worker reports the same hours as the others, the
  figure changing from month to month (one timesheet copied for all);
- fixed_per_worker: each worker reports the same hours every month, the figures differing
  between workers.
"""

from __future__ import annotations

from akrim.synth.employment import MODE_COPIED, MODE_UNIFORM
from akrim.synth.schemes.base import Planter

VARIANTS = ("same_every_month", "copied_across_workers", "fixed_per_worker")
INDUSTRIES = ("building", "cleaning", "restaurant", "carcare", "painting")


def plant(p: Planter, k: int) -> None:
    rng = p.world.rng("fictitious_timesheets", k)
    variant = p.variant("fictitious_timesheets", k, VARIANTS)
    e = p.unit(INDUSTRIES[int(rng.integers(0, len(INDUSTRIES)))])
    workers = p.claim(int(rng.integers(4, 11)), dnr=True)
    hours = float(rng.integers(260, 351)) / 2  # 130-175 h in half hours
    first = p.job(workers[0], e, hours=hours,
                 mode=MODE_COPIED if variant == "copied_across_workers" else MODE_UNIFORM)
    pay = int(p.world.jobs["pay"][first])
    for person in workers[1:]:
        if variant == "fixed_per_worker":
            p.job(person, e, hours=float(rng.integers(260, 351)) / 2, mode=MODE_UNIFORM)
        else:
            mode = MODE_COPIED if variant == "copied_across_workers" else MODE_UNIFORM
            p.job(person, e, hours=hours, rate_oere=pay, mode=mode)
    p.truth("fictitious_timesheets", False, [e], workers, p.window(),
            "action-plan-2025-nb.txt:400; fact-sheet-exploitation-checklist-nb.txt:243 — "
            f"{len(workers)} hourly workers whose timeloenn hours "
            + ("are the same for all of them and never change from month to month."
               if variant == "same_every_month" else
               "are identical across workers in each month (one timesheet copied for all)."
               if variant == "copied_across_workers" else
               "never change from month to month, each worker at a figure of their own."),
            variant=variant)
