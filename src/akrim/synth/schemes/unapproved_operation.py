"""Cleaning, car-care or staffing firms with employees but no approval. Seeds:
action-plan-2022-en.txt lines 960-968 (approval schemes for car valeting/tyres and cleaning),
action-plan-2025-nb.txt lines 1335-1338 and 1562-1572 (godkjenningsordningene for renhold,
bilpleie/dekkskift og bemanning)."""

from __future__ import annotations

from akrim.synth.out_registers import add_stop
from akrim.synth.schemes.base import TODAY, Planter

KINDS = (("cleaning", "renhold"), ("carcare", "bilpleie"), ("staffing", "bemanning"))


def plant(p: Planter, k: int) -> None:
    w = p.world
    units, people = [], []
    for n, (industry, register) in enumerate(KINDS):
        e = p.unit(industry)
        # absent from the register, or present with a status that is not approval
        w.approval[e] = (register, "" if (k + n) % 2 == 0 else "Ikke godkjent")
        for person in p.claim(3, dnr=True):
            p.job(person, e, rate_kr=262)
            people.append(person)
        units.append(e)
    # Arbeidstilsynet stopped the cleaning firm for operating without approval; it carries on.
    add_stop(w, units[0], TODAY - 120 - 9 * k, "Virksomheten er ikke godkjent i "
             "Renholdsregisteret og utfører renholdstjenester", lifted_after=None)
    p.truth("unapproved_operation", False, units, people, p.window(),
            "action-plan-2022-en.txt:960-968; action-plan-2025-nb.txt:1335-1338 — a cleaning, a "
            "car-care and a staffing firm (SN2025 81.210, 95.310, 78.200) report employees in "
            "a-melding every month but are not approved (absent from, or 'Ikke godkjent' in, "
            "renholdsregisteret / bilpleieregisteret / bemanningsforetaksregisteret); the cleaning "
            "firm has an Arbeidstilsynet stansingsvedtak for operating unapproved, never "
            "lifted, and still reports employees after it.")
