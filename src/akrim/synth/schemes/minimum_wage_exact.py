"""Benign near miss of below-minimum wage: a firm that pays its hourly workers exactly the
general-application minimum in force at the end of the period (lawful: the minimum is a
floor), and more than the minimum of earlier months."""

from __future__ import annotations

from akrim.synth.industries import MINIMUM_WAGES
from akrim.synth.schemes.base import Planter

RULES = {"building": "bygg", "cleaning": "renhold"}


def plant(p: Planter, k: int) -> None:
    rng = p.world.rng("minimum_exact", k)
    industry = tuple(RULES)[int(rng.integers(0, len(RULES)))]
    start, rate = MINIMUM_WAGES[RULES[industry]][-1]
    e = p.unit(industry)
    workers = p.claim(int(rng.integers(2, 7)), dnr=True)
    for person in workers:
        p.job(person, e, rate_oere=rate)
    p.truth("minimum_wage_exact", True, [e], workers, p.window(),
            f"Benign: every hourly worker paid exactly {rate / 100:.2f} kr/h, the "
            f"{RULES[industry]} minimum in force from {start} — lawful, unlike "
            "action-plan-2025-nb.txt:102-104 (pay below the allmenngjort minimum).",
            variant="default")
