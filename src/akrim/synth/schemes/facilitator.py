"""An accounting firm whose client list is dense with the schemes above: it is REGN for the
planted scheme firms. Seed: action-plan-2022-en.txt lines 256-265 ("some accounting firms have a
considerable proportion of known criminal actors on their lists of clients"),
action-plan-2025-nb.txt line 378 ("tilretteleggere")."""

from __future__ import annotations

import numpy as np

from akrim.synth.schemes.base import Planter

TARGETS = ("repeat_bankruptcy", "below_minimum_wage", "excessive_hours", "fictitious_timesheets",
           "unapproved_operation", "clandestine_work", "address_hub")


def plant(p: Planter, k: int) -> None:
    w = p.world
    firm = p.unit("accounting", name=f"KREATIV ØKONOMI {k + 1} AS")
    p.job(p.claim(1)[0], firm, hourly=False, monthly_kr=50_000)
    planted = np.flatnonzero(w.enheter["planted"])
    orgnr_index = dict(zip(w.enheter["orgnr"][planted].astype("U9").tolist(), planted.tolist(),
                           strict=True))
    clients = []
    for record in w.truth:
        if record["scheme"] in TARGETS and not record.get("facilitated"):
            for orgnr in record["organisasjonsnummer"]:
                e = orgnr_index[orgnr]
                if e not in clients:
                    clients.append(e)
            record["facilitated"] = True
            if len(clients) >= 8:
                break
    for e in clients:
        p.role(e, "REGN", holder=firm)
    p.truth("facilitator", False, [firm, *clients], [], p.window(),
            "action-plan-2022-en.txt:256-265 — the accounting firm (first organisation number) "
            f"is regnskapsfører (REGN) for {len(clients)} firms, all of them planted schemes "
            "(bankruptcies with unpaid taxes, underpayment, unapproved operation, ...).")
