"""A small scene for the priority list and its evaluation, built with `indicators.toolkit`.

Company A (Bergen) underpays one worker for 240 hours: minimum_wage and working_time. Company
B (Oslo) has a tip and a stop decision: two weak signals, enough together to enter the list.
Company C (Bergen) is a clean employer; company D (Oslo) has a tip alone, which is not enough;
company E (Bergen) has a tip and a stop decision, like B. Dag runs A and E (DAGL), so he is
listed for the two; Siri sits on A's board (MEDL, not a control role), Frida ran A but has
stepped down, Hans runs C.
"""

from __future__ import annotations

from dataclasses import dataclass

from akrim.indicators.runner import run_indicators
from akrim.scoring.priority import build_priority
from akrim.store.engine import Store
from indicators.toolkit import (
    add_enhet,
    add_pay,
    add_person,
    add_role,
    add_stansingsvedtak,
    add_tips,
    fnr,
    link_identity,
    org,
)


@dataclass(frozen=True)
class Scene:
    a: str
    b: str
    c: str
    d: str  # a tip alone
    e: str  # a tip and a stop decision, run by Dag
    dag: str  # DAGL of A
    siri: str  # MEDL of A
    frida: str  # DAGL of A, fratrådt
    hans: str  # DAGL of C
    workers: tuple[str, str]  # at A (underpaid, 240 h) and at C (known by number only)


def plant(store: Store) -> Scene:
    a = add_enhet(store, org(1), "43.210", kommunenummer="4601", navn="A BYGG AS")
    b = add_enhet(store, org(2), "43.210", kommunenummer="0301", navn="B BYGG AS")
    c = add_enhet(store, org(3), "43.210", kommunenummer="4601", navn="C BYGG AS")
    d = add_enhet(store, org(4), "43.210", kommunenummer="0301", navn="D BYGG AS")
    e = add_enhet(store, org(5), "43.210", kommunenummer="4601", navn="E BYGG AS")
    dag = add_person(store, fnr(1), "Dag", "Leder")
    siri = add_person(store, fnr(2), "Siri", "Styre")
    frida = add_person(store, fnr(3), "Frida", "Fratrådt")
    hans = add_person(store, fnr(4), "Hans", "Hederlig")
    add_role(store, a, "DAGL", dag)
    add_role(store, e, "DAGL", dag)
    add_role(store, a, "MEDL", siri)
    add_role(store, a, "DAGL", frida, fratraadt=True)
    add_role(store, c, "DAGL", hans)
    workers = (fnr(11), fnr(12))
    add_pay(store, a, workers[0], "2025-11", "timeloenn", "240.00", 2_400_000)  # 100 kr/h
    add_pay(store, c, workers[1], "2025-11", "timeloenn", "150.00", 4_500_000)  # 300 kr/h
    add_tips(store, "T1", b)
    add_stansingsvedtak(store, "S1", b)
    add_tips(store, "T2", d)
    add_tips(store, "T3", e)
    add_stansingsvedtak(store, "S2", e)
    return Scene(a, b, c, d, e, dag, siri, frida, hans, workers)


def score(store: Store) -> int:
    """Linkage, every indicator, the priority list: `akrim analyse` without Splink."""
    link_identity(store)
    run_indicators(store)
    return build_priority(store)
