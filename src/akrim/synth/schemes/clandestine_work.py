"""Clandestine work: a labour-intensive firm with large VAT turnover but no a-melding, no
employees, no arbeidsgiveravgift. Seeds: action-plan-2025-nb.txt lines 365-367 ("verdier ikke
blir bokført og ansatte lønnes svart"), action-plan-2022-en.txt lines 304-306 ("Unregistered
migrant workers who are paid in cash")."""

from __future__ import annotations

from akrim.synth.schemes.base import Planter


def plant(p: Planter, k: int) -> None:
    w = p.world
    industry = ("building", "restaurant", "carcare", "cleaning")[k % 4]
    e = p.unit(industry, employer=False)
    w.turnover[e] = 2_400_000 + 150_000 * k
    boss = p.claim(1)[0]
    p.role(e, "DAGL", person=boss)
    p.truth("clandestine_work", False, [e], [boss], p.window(),
            "action-plan-2025-nb.txt:365-367; action-plan-2022-en.txt:304-306 — a "
            f"labour-intensive firm ({industry}) reports ≈2.4 M kr VAT turnover (mvaGrunnlag) "
            "every two-month term but no a-melding, no employees and no arbeidsgiveravgift.")
