"""Gjengangere: one person leads three companies in the same industry that go bankrupt one after
the other, and runs a fourth now. Seed: action-plan-2025-nb.txt lines 369-371 ("gjengangere som
unndrar skatter og avgifter og som ofte slår sine selskaper konkurs for å fortsette aktiviteten i
nye virksomheter")."""

from __future__ import annotations

from akrim.synth.out_registers import add_stop
from akrim.synth.schemes.base import TODAY, Planter, iso

INDUSTRIES = ("building", "painting", "restaurant", "carcare")


def plant(p: Planter, k: int) -> None:
    industry = INDUSTRIES[k % len(INDUSTRIES)]
    boss = p.claim(1)[0]
    units = []
    for n, years_ago in enumerate((5.5, 3.6, 1.7)):
        reg = TODAY - int(years_ago * 365) - 420
        e = p.unit(industry, reg_day=reg, konkurs_day=reg + 400 + 20 * n, employer=False)
        p.role(e, "DAGL", person=boss)
        p.role(e, "LEDE", person=boss)
        p.world.arrears[e] = {"arbeidsgiveravgift": 180_000 + 40_000 * n,
                              "forskuddstrekk": 260_000 + 30_000 * n}
        units.append(e)
        if n == 1:
            # a stop decision at a site of the second company, a few months before its bankruptcy
            add_stop(p.world, e, reg + 250, "Manglende sikring mot fall fra høyde og manglende "
                     "HMS-kort", lifted_after=6)
    e = p.unit(industry, reg_day=TODAY - 300)
    p.role(e, "DAGL", person=boss)
    p.role(e, "LEDE", person=boss)
    for worker in p.claim(3, dnr=True):
        p.job(worker, e, rate_kr=265)
    units.append(e)
    p.truth("repeat_bankruptcy", False, units, [boss], (iso(TODAY - 6 * 365), iso(TODAY)),
            "action-plan-2025-nb.txt:369-371 — the same daglig leder/styreleder (roles file: "
            "same birth date and name) in three bankrupt companies (konkurs=true, KBO estates "
            f"with KDEB) in SN2025 {industry} within six years, each with unpaid "
            "arbeidsgiveravgift and forskuddstrekk in Restanser, and now a fourth company in "
            "the same industry. The second company also had an Arbeidstilsynet stansingsvedtak.")
