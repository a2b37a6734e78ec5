"""Benign near miss of below-minimum wage: a firm that pays its hourly workers exactly the
general-application minimum in force at the end of the period (lawful: the minimum is a
floor), and more than the minimum of earlier months."""

from __future__ import annotations

from akrim.synth.schemes.base import Planter

INDUSTRIES = ("building", "cleaning")


def plant(p: Planter, k: int) -> None:
    rng = p.world.rng("minimum_exact", k)
    industry = INDUSTRIES[int(rng.integers(0, len(INDUSTRIES)))]
    e = p.unit(industry)
    workers = p.claim(int(rng.integers(2, 7)), dnr=True)
    rates = [p.minimum(person, e) for person in workers]
    for person, rate in zip(workers, rates, strict=True):
        p.job(person, e, rate_oere=rate)
    paid = ", ".join(f"{rate / 100:.2f}" for rate in sorted(set(rates)))
    p.truth("minimum_wage_exact", True, [e], workers, p.window(),
            "Benign: every hourly worker paid exactly the minimum for their age in force at the "
            f"end of the period ({paid} kr/h, {industry}) "
            "— lawful, unlike action-plan-2025-nb.txt:102-104 (pay below the allmenngjort "
            "minimum).",
            variant="default")
