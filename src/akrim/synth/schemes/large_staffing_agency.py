"""Benign look-alike: a large, approved staffing agency with many foreign workers on d-numbers,
lawful pay and varying, lawful hours."""

from __future__ import annotations

import numpy as np

from akrim.synth.schemes.base import Planter


def plant(p: Planter, k: int) -> None:
    w = p.world
    rng = w.rng("staffing", k)
    e = p.unit("staffing")
    w.approval[e] = ("bemanning", "Godkjent")
    size = int(np.clip(rng.lognormal(3.0, 0.5), 8, 80))  # median 20 workers
    foreign = int(size * rng.uniform(0.6, 0.9))
    workers = p.claim(foreign, dnr=True) + p.claim(size - foreign)
    for person in workers:
        p.job(person, e, hours=float(rng.integers(120, 166)),
              overtime=float(rng.integers(0, 10)) if rng.random() < 0.3 else 0.0)
    p.truth("large_staffing_agency", True, [e], [], p.window(),
            "Benign: an approved (bemanningsforetaksregisteret 'Godkjent') staffing agency with "
            f"{len(workers)} workers, most on d-numbers, lawful pay and varying, lawful hours.",
            variant="default")
