"""An accounting firm whose client list holds an unusual share of the schemes above, among
ordinary clients. Seeds: action-plan-2022-en.txt lines 256-265 ("some accounting firms have a
considerable proportion of known criminal actors on their lists of clients"),
action-plan-2025-nb.txt line 378 ("tilretteleggere").

The core is the firm and its leader, never its clients (the clients are instances of their own
schemes). Variants (3-8 scheme clients among 5-30 ordinary ones):
- regnskapsforer: the firm is REGN for its clients;
- board_seats: as well, its leader sits on the board (styremedlem or varamedlem) of some of
  the scheme clients.
"""

from __future__ import annotations

import numpy as np

from akrim.synth.companies import FORM_INDEX
from akrim.synth.schemes.base import Planter
from akrim.synth.table import NODATE

VARIANTS = ("regnskapsforer", "board_seats")
TARGETS = ("repeat_bankruptcy", "below_minimum_wage", "excessive_hours", "fictitious_timesheets",
           "unapproved_operation", "clandestine_work", "address_hub", "shared_identity")


def plant(p: Planter, k: int) -> None:
    w = p.world
    rng = w.rng("facilitator", k)
    variant = p.variant("facilitator", k, VARIANTS)
    [leader] = p.anyone(1)
    firm = p.unit("accounting", leaders={"DAGL": leader, "LEDE": leader})
    for person in p.claim(int(rng.integers(1, 6))):
        p.job(person, firm, hourly=False)
    planted = np.flatnonzero(w.enheter["planted"])
    orgnr_index = dict(zip(w.enheter["orgnr"][planted].astype("U9").tolist(), planted.tolist(),
                           strict=True))
    wanted = int(rng.integers(3, 9))
    clients: list[int] = []
    for record in w.truth:
        if record["scheme"] in TARGETS and not record.get("facilitated"):
            record["facilitated"] = True
            for orgnr in record["organisasjonsnummer"]:
                e = orgnr_index[orgnr]
                if e not in clients and len(clients) < wanted:
                    clients.append(e)
            if len(clients) >= wanted:
                break
    for e in clients:
        p.regn[e] = firm
    if variant == "board_seats":
        for e in clients[: int(rng.integers(2, 4))]:
            p.role(e, "MEDL" if rng.random() < 0.6 else "VARA", person=leader)
    # ordinary clients: background AS and ENK without an accountant
    t = w.enheter
    free = np.flatnonzero(~t["planted"] & (t["accountant"] < 0) & (t["slett_day"] == NODATE)
                          & np.isin(t["form"], [FORM_INDEX["AS"], FORM_INDEX["ENK"]]))
    ordinary = rng.choice(free, size=min(len(free), int(rng.integers(5, 31))), replace=False)
    for e in ordinary.tolist():
        t.columns["accountant"][e] = firm
        p.role(e, "REGN", holder=firm)
    p.truth("facilitator", False, [firm, *clients], [leader], p.window(),
            "action-plan-2022-en.txt:256-265 — the accounting firm (core) is regnskapsfører "
            f"(REGN) for {len(clients)} firms of planted schemes among {len(ordinary)} ordinary "
            "clients" + (", and its leader sits on the board of some of them." if
                         variant == "board_seats" else "."),
            variant=variant, core_units=[firm], core_persons=[leader])
