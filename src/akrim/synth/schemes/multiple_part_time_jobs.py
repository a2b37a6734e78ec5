"""Benign look-alike of shared identity and excessive hours: a person with two or three
part-time hourly jobs, together well within arbeidsmiljøloven ch. 10."""

from __future__ import annotations

from akrim.synth.schemes.base import TODAY, Planter


def plant(p: Planter, k: int) -> None:
    rng = p.world.rng("part_time", k)
    [student] = p.claim(1)
    units = [p.unit(industry) for industry in ("grocery", "restaurant", "clothing")[
        : int(rng.integers(2, 4))]]
    total = 0.0
    for e in units:
        hours = float(rng.integers(30, 71))
        total += hours
        p.job(student, e, hours=hours, pct=float(round(hours / 162.5 * 20) * 5),
              start_day=TODAY - int(rng.integers(200, 900)))
    p.truth("multiple_part_time_jobs", True, units, [student], p.window(),
            f"Benign: one person with {len(units)} part-time hourly jobs (≈{total:.0f} h a month "
            "together, well within arbeidsmiljøloven ch. 10); several employers per person is "
            "normal, unlike action-plan-2025-nb.txt:1289-1296 (one identity used by many).",
            variant="default")
