"""Benign near miss of an address hub: many companies registered at one large office building,
where nobody lives. ``background`` plants more of them, unrecorded: about one per 3 000 enheter
(an estimate)."""

from __future__ import annotations

import numpy as np

from akrim.synth.population import house_numbers
from akrim.synth.schemes.base import Planter

PER_ENHETER = 3000
INDUSTRIES = ("consulting", "software", "accounting", "engineering", "realestate", "holding",
              "wholesale", "staffing")


def plant(p: Planter, k: int) -> None:
    units = _building(p, p.world.rng("office", k))
    p.truth("office_building", True, units, [], p.window(),
            f"Benign: {len(units)} companies registered at one office building where nobody "
            "lives — many companies at a non-residential address is normal, unlike "
            "action-plan-2025-nb.txt:1268-1270 (register manipulation at a home).",
            variant="default")


def background(p: Planter) -> None:
    rng = p.world.rng("offices")
    for _ in range(len(p.world.enheter) // PER_ENHETER):
        _building(p, rng)


def _building(p: Planter, rng: np.random.Generator) -> list[int]:
    w = p.world
    kommune = int(rng.choice(len(w.geo.numbers), p=w.geo.weights))
    address = w.addresses.add_building(kommune, int(rng.integers(0, 48)),
                                       int(house_numbers(rng, 1)[0]),
                                       int(rng.integers(0, 1 << 30)))
    units = []
    for _ in range(int(rng.integers(10, 41))):
        industry = INDUSTRIES[int(rng.integers(0, len(INDUSTRIES)))]
        employer = bool(rng.random() < 0.2)
        e = p.unit(industry, address=address, employer=employer)
        if employer:
            for person in p.claim(int(rng.integers(1, 4))):
                p.job(person, e)
        units.append(e)
    return units
