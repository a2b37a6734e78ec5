"""Benign near miss of excessive hours: hourly full-timers with one lawful overtime peak
(190-230 h in one month, within arbeidsmiljøloven § 10-6 with agreed overtime)."""

from __future__ import annotations

from akrim.synth.employment import PEAK_MONTH_HOURS
from akrim.synth.schemes.base import Planter


def plant(p: Planter, k: int) -> None:
    w = p.world
    rng = w.rng("overtime_peak", k)
    e = p.unit(("building", "freight", "fishprocessing")[int(rng.integers(0, 3))])
    month = int(rng.integers(0, len(w.months)))
    workers = p.claim(int(rng.integers(2, 6)))
    for person in workers:
        j = p.job(person, e)
        w.jobs.columns["peak_month"][j] = month
        w.jobs.columns["peak_hours"][j] = float(rng.uniform(*PEAK_MONTH_HOURS) // 0.5 * 0.5)
    p.truth("overtime_peak", True, [e], workers, p.window(),
            f"Benign: {len(workers)} workers with one overtime peak ({w.months[month]}, 190-230 "
            "h) — within arbeidsmiljøloven § 10-6, unlike "
            "fact-sheet-exploitation-checklist-nb.txt:227 (for lange arbeidsdager month after "
            "month).", variant="default")
