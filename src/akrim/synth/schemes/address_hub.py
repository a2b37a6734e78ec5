"""Register manipulation and crowded housing: many companies or many people registered at one
small address. Seeds: action-plan-2025-nb.txt lines 1268-1270 ("registermanipulasjon"),
fact-sheet-exploitation-checklist-nb.txt line 315 ("Et dårlig og overfylt bosted i regi av
arbeidsgiver").

Variants (counts drawn):
- resident_leaders: 3-10 companies at a single-dwelling house where 5-34 persons are
  registered, the companies led by residents and employing some of them;
- mailbox: 5-15 companies at a single-dwelling house whose leaders do not live there;
- crowded_dwelling: 8-20 workers of one or two employers registered in one flat
  (bruksenhetsnummer) of a block of flats.
"""

from __future__ import annotations

import numpy as np

from akrim.synth.schemes.base import Planter

VARIANTS = ("resident_leaders", "mailbox", "crowded_dwelling")
INDUSTRIES = ("building", "cleaning", "courier", "painting", "staffing", "carcare")


def dwelling(p: Planter, rng: np.random.Generator, *, flat: bool,
             lived_in: bool = False, vacant: bool = False,
             placed: set[int] | None = None) -> int:
    """A random dwelling in a single-dwelling house, or (``flat``) in a block of flats; when
    ``lived_in``, one where the background has registered residents (a family's house); when
    ``vacant``, one where nobody is registered yet (a household moving in is then the only one:
    two households in one dwelling would make it crowded). ``placed``: the dwellings schemes
    have placed people at, when the caller keeps them (a loop placing many households)."""
    a = p.world.addresses
    background = p.background_dwellings
    if vacant and placed is None:
        placed = set(p.world.person_addr.values())

    def occupied(d: int) -> bool:
        return d in background or (vacant and placed is not None and d in placed)

    while True:
        d = int(rng.integers(0, len(a)))
        if (a.units_of(d) >= 4) == flat and (flat or a.units_of(d) == 1) and (
                not lived_in or occupied(d)) and not (vacant and occupied(d)):
            return d


def plant(p: Planter, k: int) -> None:
    w = p.world
    rng = w.rng("hub", k)
    variant = p.variant("address_hub", k, VARIANTS)
    # a mailbox hub is at a house a household lives in, which is what makes it residential
    home = dwelling(p, rng, flat=variant == "crowded_dwelling", lived_in=variant == "mailbox")
    if variant == "crowded_dwelling":
        residents = p.claim(int(rng.integers(8, 21)), dnr=True)
        employers = [p.unit(INDUSTRIES[int(i)]) for i in rng.choice(
            len(INDUSTRIES), size=int(rng.integers(1, 3)), replace=False)]
        for n, person in enumerate(residents):
            w.person_addr[person] = home
            p.job(person, employers[n % len(employers)])
        p.truth("address_hub", False, employers, residents, p.window(),
                "fact-sheet-exploitation-checklist-nb.txt:315 — "
                f"{len(residents)} workers of {len(employers)} employer(s) registered in one "
                "flat (Folkeregisteret: same adresseIdentifikatorFraMatrikkelen and "
                "bruksenhetsnummer).", variant=variant)
        return
    units = []
    if variant == "mailbox":
        leaders = p.anyone(int(rng.integers(5, 16)))
        for leader in leaders:
            industry = INDUSTRIES[int(rng.integers(0, len(INDUSTRIES)))]
            units.append(p.unit(industry, employer=bool(rng.random() < 0.4), address=home,
                                leaders={"DAGL": leader, "LEDE": leader}))
        p.truth("address_hub", False, units, leaders, p.window(),
                "action-plan-2025-nb.txt:1268-1270 — "
                f"{len(units)} companies (forretningsadresse) registered at one single-dwelling "
                "house address where none of their leaders lives.", variant=variant,
                core_persons=[])
        return
    # the companies' leaders and some other residents live there; some residents work for the
    # companies, the others elsewhere or nowhere
    n_units = int(rng.integers(3, 11))
    workers = p.claim(int(rng.integers(2, 11)), dnr=bool(rng.random() < 0.5))
    residents = p.anyone(n_units + int(rng.integers(0, 15))) + workers
    for person in residents:
        w.person_addr[person] = home
    for n in range(n_units):
        industry = INDUSTRIES[int(rng.integers(0, len(INDUSTRIES)))]
        units.append(p.unit(industry, address=home,
                            leaders={"DAGL": residents[n], "LEDE": residents[n]}))
    for n, person in enumerate(workers):
        p.job(person, units[n % n_units])
    p.truth("address_hub", False, units, residents, p.window(),
            "action-plan-2025-nb.txt:1268-1270; fact-sheet-exploitation-checklist-nb.txt:315 — "
            f"{len(residents)} persons (Folkeregisteret, same adresseIdentifikatorFraMatrikkelen) "
            f"and {n_units} companies (forretningsadresse) registered at one single-dwelling "
            "house, the companies led by residents.", variant=variant)
