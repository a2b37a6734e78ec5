"""Benign near miss of repeat bankruptcy: an honest serial entrepreneur who has founded three to
five companies over the years; the early ones were wound up (slettet), one went bankrupt
without unpaid taxes, and one trades now. ``background`` plants more of them, unrecorded:
about one per 20 000 persons (an estimate)."""

from __future__ import annotations

import numpy as np

from akrim.synth.schemes.base import TODAY, Planter, iso

PER_PERSONS = 20_000
INDUSTRIES = ("consulting", "software", "restaurant", "building", "clothing", "realestate",
              "engineering", "hairdressing")


def plant(p: Planter, k: int) -> None:
    founder, units, first = _career(p, p.world.rng("serial", k))
    p.truth("serial_entrepreneur", True, units, [founder], (iso(first), iso(TODAY)),
            f"Benign: one person founded {len(units)} companies over the years; the earlier "
            "ones were wound up, one went bankrupt once without unpaid taxes — unlike "
            "action-plan-2025-nb.txt:369-371 (gjengangere).", variant="default")


def background(p: Planter) -> None:
    rng = p.world.rng("serials")
    for _ in range(len(p.world.persons) // PER_PERSONS):
        _career(p, rng)


def _career(p: Planter, rng: np.random.Generator) -> tuple[int, list[int], int]:
    [founder] = p.anyone(1)
    count = int(rng.integers(3, 6))
    first = TODAY - int(rng.integers(8 * 365, 20 * 365))
    step = (TODAY - 400 - first) // count
    bankrupt = int(rng.integers(0, count - 1))
    units = []
    for n in range(count):
        reg = first + n * step
        industry = INDUSTRIES[int(rng.integers(0, len(INDUSTRIES)))]
        leaders = {"DAGL": founder, "LEDE": founder}
        if n == count - 1:
            units.append(p.unit(industry, reg_day=reg, leaders=leaders))
        elif n == bankrupt:
            units.append(p.unit(industry, reg_day=reg, employer=False, leaders=leaders,
                                konkurs_day=reg + int(step * rng.uniform(0.6, 0.95))))
        else:
            units.append(p.unit(industry, reg_day=reg, employer=False, leaders=leaders,
                                slett_day=reg + int(step * rng.uniform(0.6, 1.2))))
    return founder, units, first
