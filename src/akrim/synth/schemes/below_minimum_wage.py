"""Pay below the generally applicable minimum wage (allmenngjøring) in construction or cleaning:
timeloenn of 130-165 kr/h to foreign workers. Seed: action-plan-2025-nb.txt lines 102-104 ("ikke
er i tråd med allmenngjøringsforskrifter der slike gjelder")."""

from __future__ import annotations

from akrim.synth.schemes.base import Planter


def plant(p: Planter, k: int) -> None:
    industry = ("building", "cleaning")[k % 2]
    e = p.unit(industry)
    workers = p.claim(5, dnr=True)
    for n, person in enumerate(workers):
        p.job(person, e, rate_kr=130 + 8 * n)
    rule = "bygg: 214,90 kr/h from 15 Jun 2023" if industry == "building" else \
        "renhold: 204,54 kr/h from 15 Dec 2022"
    p.truth("below_minimum_wage", False, [e], workers, p.window(),
            "action-plan-2025-nb.txt:102-104 — a-melding timeloenn beløp/antall gives 130-162 "
            f"kr per hour, below the allmenngjort minimum ({rule}, Arbeidstilsynet) "
            "for every employee of the firm in every month.")
