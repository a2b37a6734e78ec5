"""Benign look-alike: a large, approved staffing agency with many foreign workers on d-numbers."""

from __future__ import annotations

from akrim.synth.schemes.base import Planter


def plant(p: Planter, k: int) -> None:
    w = p.world
    e = p.unit("staffing", name=f"NORDIC WORKFORCE {k + 1} AS")
    w.approval[e] = ("bemanning", "Godkjent")
    workers = p.claim(30, dnr=True) + p.claim(10)
    for n, person in enumerate(workers):
        p.job(person, e, rate_kr=262 + (n % 7) * 9, hours=140 + (n % 5) * 6,
              overtime=(n % 4) * 3.0)
    p.truth("large_staffing_agency", True, [e], [], p.window(),
            "Benign: an approved (bemanningsforetaksregisteret 'Godkjent') staffing agency with "
            "40 workers, most on d-numbers, lawful pay (≥262 kr/h) and varying, lawful hours.")
