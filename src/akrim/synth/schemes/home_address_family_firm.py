"""Benign look-alike of an address hub: a family of four and their one company at their home."""

from __future__ import annotations

from akrim.synth.schemes.base import Planter


def plant(p: Planter, k: int) -> None:
    w = p.world
    address = int(w.rng("family", k).integers(0, len(w.addresses.kommune)))
    family = p.claim(4)
    for person in family:
        w.person_addr[person] = address
    e = p.unit("joinery", address=address)
    p.role(e, "DAGL", person=family[0])
    p.role(e, "LEDE", person=family[0])
    p.role(e, "MEDL", person=family[1])
    p.job(family[0], e, hourly=False, monthly_kr=52_000)
    p.truth("home_address_family_firm", True, [e], family, p.window(),
            "Benign: a family of four and their own small company registered at the family's "
            "home address — a handful of registrations at a house is normal, unlike "
            "action-plan-2025-nb.txt:1268-1270 (register manipulation).")
