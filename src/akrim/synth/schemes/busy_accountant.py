"""Benign near miss of a facilitator: the background accounting firms with the most clients
(REGN). Clients of theirs may be planted schemes by chance, as for any popular firm."""

from __future__ import annotations

import numpy as np

from akrim.synth.schemes.base import Planter


def plant(p: Planter, k: int) -> None:
    t = p.world.enheter
    clients = np.bincount(t["accountant"][t["accountant"] >= 0], minlength=len(t))
    ranked = np.argsort(-clients, kind="stable")
    firm = int(ranked[k])
    if clients[firm] == 0:
        return
    p.truth("busy_accountant", True, [firm], [], p.window(),
            f"Benign: an accounting firm that is regnskapsfører (REGN) for {clients[firm]} "
            "clients — a long client list is normal, unlike action-plan-2022-en.txt:256-265 "
            "(a client list dense with criminal actors).", variant="default")
