"""Benign look-alike of repeat bankruptcy: one company goes bankrupt once; its leader holds no
other bankrupt company and later works as an employee elsewhere."""

from __future__ import annotations

from akrim.synth.schemes.base import TODAY, Planter, iso


def plant(p: Planter, k: int) -> None:
    boss = p.claim(1)[0]
    reg = TODAY - 8 * 365
    e = p.unit("restaurant", reg_day=reg, konkurs_day=TODAY - 200, employer=False)
    p.role(e, "DAGL", person=boss)
    p.role(e, "LEDE", person=boss)
    other = p.unit("grocery", reg_day=TODAY - 9000)
    p.job(boss, other, hourly=False, monthly_kr=46_000, start_day=TODAY - 150)
    p.truth("honest_bankruptcy", True, [e], [boss], (iso(reg), iso(TODAY - 200)),
            "Benign: a single bankruptcy (konkurs=true with a KBO estate) after eight years of "
            "trading; the leader has no other bankrupt company and is now an ordinary employee. "
            "Contrast with action-plan-2025-nb.txt:369-371 (gjengangere).")
