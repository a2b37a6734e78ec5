"""Cleaning, car-care or staffing firms with employees but no approval. Seeds:
action-plan-2022-en.txt lines 960-968 (approval schemes for car valeting/tyres and cleaning),
action-plan-2025-nb.txt lines 1335-1338 and 1562-1572 (godkjenningsordningene for renhold,
bilpleie/dekkskift og bemanning).

Variants (one firm, 2-8 employees):
- not_registered: absent from its register;
- refused: in the register as "Ikke godkjent";
- after_stop: absent or refused, and Arbeidstilsynet stopped it for operating unapproved; it
  still reports employees after the stop, which is never lifted.
"""

from __future__ import annotations

from akrim.synth.out_agency import add_stop
from akrim.synth.schemes.base import TODAY, Planter

VARIANTS = ("not_registered", "refused", "after_stop")
KINDS = (("cleaning", "renhold", "Renholdsregisteret", "renholdstjenester"),
         ("carcare", "bilpleie", "Bilpleieregisteret", "bilpleie og dekkskift"),
         ("staffing", "bemanning", "Bemanningsforetaksregisteret", "utleie av arbeidskraft"))


def plant(p: Planter, k: int) -> None:
    w = p.world
    rng = w.rng("unapproved_operation", k)
    variant = p.variant("unapproved_operation", k, VARIANTS)
    industry, register, title, service = KINDS[int(rng.integers(0, len(KINDS)))]
    e = p.unit(industry)
    refused = variant == "refused" or (variant == "after_stop" and rng.random() < 0.5)
    w.approval[e] = (register, "Ikke godkjent" if refused else "")
    workers = p.claim(int(rng.integers(2, 9)), dnr=True)
    for person in workers:
        p.job(person, e)
    if variant == "after_stop":
        add_stop(w, e, TODAY - int(rng.integers(60, 200)), f"Virksomheten er ikke godkjent i "
                 f"{title} og utfører {service}", lifted_after=None)
    p.truth("unapproved_operation", False, [e], workers, p.window(),
            "action-plan-2022-en.txt:960-968; action-plan-2025-nb.txt:1335-1338 — a firm in "
            f"{industry} reports employees in a-melding every month but is "
            + ("'Ikke godkjent' in" if refused else "absent from") + f" {title}"
            + ("; Arbeidstilsynet stopped it for operating unapproved, and it still reports "
               "employees after the stop." if variant == "after_stop" else "."),
            variant=variant, core_persons=[])
