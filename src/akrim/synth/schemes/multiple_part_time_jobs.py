"""Benign look-alike of shared identity and excessive hours: a student with two part-time hourly
jobs, 50-70 hours a month each."""

from __future__ import annotations

from akrim.synth.schemes.base import TODAY, Planter


def plant(p: Planter, k: int) -> None:
    [student] = p.claim(1)
    a = p.unit("grocery")
    b = p.unit("restaurant")
    p.job(student, a, rate_kr=245, hours=60, pct=35, start_day=TODAY - 700)
    p.job(student, b, rate_kr=250, hours=55, pct=30, start_day=TODAY - 400)
    p.truth("multiple_part_time_jobs", True, [a, b], [student], p.window(),
            "Benign: one person with two part-time hourly jobs (≈115 h a month together, well "
            "within arbeidsmiljøloven ch. 10) at two employers; several employers per person is "
            "normal, unlike action-plan-2025-nb.txt:1289-1296 (one identity used by many).")
