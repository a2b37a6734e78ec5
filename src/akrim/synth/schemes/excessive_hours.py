"""Working hours beyond the Working Environment Act: 200 h timeloenn + 70-90 h overtime a month.
Arbeidsmiljøloven § 10-6 caps overtime at 10 h a week / 25 h in four weeks / 200 h a year
(up to 20 / 50 / 300 by agreement); with 37.5 h weeks, no lawful month exceeds ≈216 h
(162.5 + 54). Seeds: action-plan-2025-nb.txt lines 373 ("lange arbeidsdager uten
lønnskompensasjon"), fact-sheet-exploitation-checklist-nb.txt line 227 ("For lange
arbeidsdager")."""

from __future__ import annotations

from akrim.synth.employment import MODE_EXCESSIVE
from akrim.synth.schemes.base import Planter


def plant(p: Planter, k: int) -> None:
    industry = ("freight", "restaurant", "building")[k % 3]
    e = p.unit(industry)
    workers = p.claim(4, dnr=True)
    for n, person in enumerate(workers):
        p.job(person, e, rate_kr=262, hours=200 + 5 * n, overtime=70 + 6 * n,
              mode=MODE_EXCESSIVE)
    p.truth("excessive_hours", False, [e], workers, p.window(),
            "action-plan-2025-nb.txt:373; fact-sheet-exploitation-checklist-nb.txt:227 — "
            "a-melding reports 270-300 hours a month (timeloenn + overtidsgodtgjoerelse antall) "
            "for each worker every month, above the ≈216 h a lawful month can hold under "
            "arbeidsmiljøloven § 10-6 (threshold used: > 230 h/month).")
