"""Fictitious, implausibly uniform timesheets: every employee of the firm reports exactly the same
hours and pay every month. Seeds: action-plan-2025-nb.txt line 400 ("fiktive timelister, som kan
skjule svart arbeid"), fact-sheet-exploitation-checklist-nb.txt line 243 ("Manipulering eller
forfalskning av arbeidstidregistreringer")."""

from __future__ import annotations

from akrim.synth.employment import MODE_UNIFORM
from akrim.synth.schemes.base import Planter


def plant(p: Planter, k: int) -> None:
    e = p.unit(("building", "cleaning", "restaurant")[k % 3])
    workers = p.claim(6, dnr=True)
    for person in workers:
        p.job(person, e, rate_kr=262, hours=150.0, mode=MODE_UNIFORM)
    p.truth("fictitious_timesheets", False, [e], workers, p.window(),
            "action-plan-2025-nb.txt:400; fact-sheet-exploitation-checklist-nb.txt:243 — all "
            "six hourly employees report exactly 150.0 timeloenn hours and the same amount in "
            "every month of the period (zero variation across people and months).")
