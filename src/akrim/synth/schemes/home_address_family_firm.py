"""Benign look-alike of an address hub: a family and their one company at their home."""

from __future__ import annotations

from akrim.synth.schemes.address_hub import dwelling
from akrim.synth.schemes.base import Planter


def plant(p: Planter, k: int) -> None:
    w = p.world
    rng = w.rng("family", k)
    home = dwelling(p, rng, flat=False, vacant=True)
    family = p.anyone(int(rng.integers(2, 6)))
    for person in family:
        w.person_addr[person] = home
    e = p.unit("joinery", address=home, leaders={"DAGL": family[0], "LEDE": family[0],
                                                 "MEDL": family[1]})
    p.job(family[0], e, hourly=False)
    p.truth("home_address_family_firm", True, [e], family, p.window(),
            f"Benign: a family of {len(family)} and their own small company registered at the "
            "family's home address — a handful of registrations at a house is normal, unlike "
            "action-plan-2025-nb.txt:1268-1270 (register manipulation).", variant="default")
