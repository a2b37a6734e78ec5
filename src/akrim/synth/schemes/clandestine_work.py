"""Clandestine work: a labour-intensive firm whose VAT turnover needs far more hours than its
owners (and any reported employees) can work, while a-melding shows no or few employees.
Seeds: action-plan-2025-nb.txt lines 365-367 ("verdier ikke blir bokført og ansatte lønnes
svart"), action-plan-2022-en.txt lines 304-306 ("Unregistered migrant workers who are paid in
cash").

The turnover is drawn as the work of 3-25 full-time people (325 h a two-month term each, billed
at 550-900 kr/h), so the size varies from under a million to several million kroner a term.
Variants:
- no_employees: an AS with no a-melding at all;
- sole_proprietor: an ENK, its owner the only one who could have done the work;
- few_employees: an AS reporting one or two part-time employees.
"""

from __future__ import annotations

from akrim.synth.schemes.base import Planter

VARIANTS = ("no_employees", "sole_proprietor", "few_employees")
INDUSTRIES = ("building", "restaurant", "carcare", "cleaning", "painting", "plastering")


def plant(p: Planter, k: int) -> None:
    w = p.world
    rng = w.rng("clandestine_work", k)
    variant = p.variant("clandestine_work", k, VARIANTS)
    industry = INDUSTRIES[int(rng.integers(0, len(INDUSTRIES)))]
    [boss] = p.anyone(1)
    if variant == "sole_proprietor":
        e = p.unit(industry, form="ENK", owner=boss, employer=False, mva=True)
    else:
        e = p.unit(industry, employer=variant == "few_employees", mva=True,
                   leaders={"DAGL": boss, "LEDE": boss})
    people = float(rng.lognormal(2.0, 0.6))
    people = min(25.0, max(3.0, people))
    w.turnover[e] = int(people * 325 * rng.uniform(550, 900))
    # the workers are paid off the books: the firm buys materials and equipment only (an
    # estimate), so its VAT return deducts little beside its turnover
    w.purchases[e] = float(rng.uniform(0.05, 0.4))
    if variant == "few_employees":
        for person in p.claim(int(rng.integers(1, 3))):
            pct = float(rng.choice([20.0, 30.0, 40.0, 50.0]))
            p.job(person, e, hours=162.5 * pct / 100, pct=pct)
    p.truth("clandestine_work", False, [e], [boss], p.window(),
            "action-plan-2025-nb.txt:365-367; action-plan-2022-en.txt:304-306 — a "
            f"labour-intensive firm ({industry}) reports ≈{w.turnover[e] / 1e6:.1f} M kr VAT "
            f"turnover (mvaGrunnlag) a two-month term, the work of ≈{people:.0f} full-time "
            "people, but " + ("no a-melding at all." if variant == "no_employees" else
                              "is an ENK with only its owner." if variant == "sole_proprietor"
                              else "reports only one or two part-time employees."),
            variant=variant)
