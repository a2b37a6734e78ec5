"""Benign near miss of a crowded dwelling: a large family (8-12 persons, children included) in
one house. SSB 06070: about 1 % of households have six or more members; larger ones are rare
but real. ``background`` plants more of them, unrecorded, at ≈0.05 % of dwellings."""

from __future__ import annotations

import numpy as np

from akrim.synth.config import AS_OF, day_number
from akrim.synth.schemes.address_hub import dwelling
from akrim.synth.schemes.base import Planter

SHARE = 0.0005
"""Large households per dwelling (an estimate)."""


def plant(p: Planter, k: int) -> None:
    persons = _household(p, p.world.rng("household", k), _children(p))
    p.truth("large_household", True, [], persons, p.window(),
            f"Benign: a family of {len(persons)} (parents, children, a grandparent) in one "
            "house — many persons at one dwelling, lawfully, unlike "
            "fact-sheet-exploitation-checklist-nb.txt:315 (overfylt bosted i regi av "
            "arbeidsgiver): none of them works for a firm registered there.", variant="default")


def background(p: Planter) -> None:
    rng = p.world.rng("households")
    children = _children(p)
    placed = set(p.world.person_addr.values())
    for _ in range(int(len(p.world.addresses) * SHARE)):
        _household(p, rng, children, placed)


def _children(p: Planter) -> np.ndarray:
    persons = p.world.persons
    age = (day_number(AS_OF) - persons.birth) / 365.25
    return np.flatnonzero((age < 18) & ~persons.dnr)


def _household(p: Planter, rng: np.random.Generator, children: np.ndarray,
               placed: set[int] | None = None) -> list[int]:
    """Place a household in a vacant dwelling; `placed` (kept by the caller) gains it."""
    w = p.world
    home = dwelling(p, rng, flat=bool(rng.random() < 0.3), vacant=True, placed=placed)
    if placed is not None:
        placed.add(home)
    size = int(rng.integers(8, 13))
    adults = p.anyone(int(rng.integers(2, 4)))
    kids = [int(c) for c in rng.choice(children, size=size - len(adults), replace=False)
            if int(c) not in w.planted_persons]
    persons = adults + kids
    for person in persons:
        w.person_addr[person] = home
    w.planted_persons.update(kids)
    return persons
