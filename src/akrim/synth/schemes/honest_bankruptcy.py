"""Benign look-alike of repeat bankruptcy: one company goes bankrupt once; its leader holds no
other bankrupt company and later works as an employee elsewhere."""

from __future__ import annotations

from akrim.synth.schemes.base import TODAY, Planter, iso


def plant(p: Planter, k: int) -> None:
    rng = p.world.rng("honest_bankruptcy", k)
    [boss] = p.anyone(1)
    reg = TODAY - int(rng.integers(3 * 365, 15 * 365))
    konkurs = TODAY - int(rng.integers(60, 700))
    e = p.unit("restaurant", reg_day=reg, konkurs_day=konkurs, employer=False,
               leaders={"DAGL": boss, "LEDE": boss})
    other = p.unit("grocery")
    p.job(boss, other, hourly=False, start_day=konkurs + int(rng.integers(20, 60)))
    p.truth("honest_bankruptcy", True, [e], [boss], (iso(reg), iso(konkurs)),
            "Benign: a single bankruptcy (konkurs=true with a KBO estate) after years of "
            "trading; the leader has no other bankrupt company and is now an ordinary employee. "
            "Contrast with action-plan-2025-nb.txt:369-371 (gjengangere).", variant="default")
