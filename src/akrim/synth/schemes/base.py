"""Planting helpers shared by the scheme modules: claim unused persons, open units with an
underenhet, add jobs and roles, and record the truth."""

from __future__ import annotations

from typing import Any

import numpy as np

from akrim.synth.companies import FORM_INDEX, IND_INDEX
from akrim.synth.config import AS_OF, day_number, iso, months
from akrim.synth.employment import FULL_TIME_MONTH
from akrim.synth.table import NODATE
from akrim.synth.world import Role, World

TODAY = day_number(AS_OF)


class Planter:
    def __init__(self, world: World) -> None:
        self.world = world
        self.first_under: dict[int, int] = {}  # planted enhet -> its underenhet
        busy = np.zeros(len(world.persons), dtype=bool)
        # Planted persons have no background job and own no background ENK, so that their
        # pay and hours are the scheme's alone (background board roles are allowed).
        busy[world.jobs["person"]] = True
        busy[world.enheter["owner"][world.enheter["owner"] >= 0]] = True
        age = (TODAY - world.persons.birth) / 365.25
        rng = world.rng("claim")
        self.free = {
            dnr: rng.permutation(np.flatnonzero(~busy & (world.persons.dnr == dnr)
                                                & (age >= 21) & (age < 62))).tolist()
            for dnr in (False, True)
        }

    def claim(self, n: int, *, dnr: bool = False) -> list[int]:
        pool = self.free[dnr]
        if len(pool) < n:
            pool.extend(self.free[not dnr][: n - len(pool)])
        out = [pool.pop() for _ in range(n)]
        self.world.planted_persons.update(out)
        return out

    def unit(self, industry: str, *, form: str = "AS", reg_day: int | None = None,
             konkurs_day: int = NODATE, kommune: int | None = None, name: str | None = None,
             owner: int = -1, employer: bool = True, address: int | None = None) -> int:
        w = self.world
        rng = w.rng("unit", len(w.enheter))
        k = int(kommune if kommune is not None else rng.choice(len(w.geo.numbers),
                                                                p=w.geo.weights))
        e = w.enheter.add(
            orgnr=w.orgnumbers.take(1)[0], form=FORM_INDEX[form], industry=IND_INDEX[industry],
            kommune=k, street=int(rng.integers(0, 48)), number=int(rng.integers(1, 90)),
            salt=int(rng.integers(0, 1 << 30)), name_a=int(rng.integers(0, 1 << 15)),
            name_b=int(rng.integers(0, 1 << 15)), owner=owner,
            reg_day=reg_day if reg_day is not None else TODAY - int(rng.integers(400, 3000)),
            konkurs_day=konkurs_day, employer=employer, size=1.0, mva=True, planted=True)
        if name:
            w.names[e] = name
        if address is not None:
            w.forced_address[e] = address
        if owner >= 0:
            self.role(e, "INNH", person=owner)
        if employer or konkurs_day != NODATE:
            w.underenheter.add(orgnr=w.orgnumbers.take(1)[0], parent=e, kommune=k,
                               street=w.enheter["street"][e], number=w.enheter["number"][e],
                               salt=int(rng.integers(0, 1 << 30)),
                               start_day=int(w.enheter["reg_day"][e]) + 5)
            self.first_under[e] = len(w.underenheter) - 1
        if konkurs_day != NODATE:
            kbo = w.enheter.add(orgnr=w.orgnumbers.take(1)[0], form=FORM_INDEX["KBO"],
                                industry=-1, kommune=k, street=w.enheter["street"][e],
                                number=w.enheter["number"][e], salt=w.enheter["salt"][e],
                                reg_day=konkurs_day + 1, bankrupt_of=e, planted=True)
            self.role(kbo, "KDEB", holder=e)
            lawyer = self.claim(1)[0]
            self.role(kbo, "BOBE", person=lawyer)
        return e

    def under_of(self, e: int) -> int:
        if e in self.first_under:
            return self.first_under[e]
        return int(np.flatnonzero(self.world.underenheter["parent"] == e)[0])

    def job(self, person: int, e: int, *, hourly: bool = True, rate_kr: float = 260.0,
            hours: float = FULL_TIME_MONTH, overtime: float = 0.0, mode: int = 0,
            start_day: int | None = None, end_day: int = NODATE, monthly_kr: int = 0,
            pct: float = 100.0) -> int:
        w = self.world
        j = w.jobs.add(person=person, enhet=e, under=self.under_of(e),
                       start_day=start_day if start_day is not None else TODAY - 500,
                       end_day=end_day, hourly=hourly, pct=pct,
                       pay=int(rate_kr * 100) if hourly else monthly_kr * 100,
                       hours=hours, overtime=overtime, mode=mode, yrke=0, planted=True)
        w.planted_persons.add(person)
        return j

    def role(self, e: int, role: str, *, person: int = -1, holder: int = -1,
             ended: bool = False) -> None:
        from akrim.synth.world import ROLE_GROUP
        self.world.extra_roles.append(Role(e, ROLE_GROUP[role], role, person, holder, ended))

    def truth(self, scheme: str, benign: bool, units: list[int], persons: list[int],
              period: tuple[str, str], evidence: str, **extra: Any) -> None:
        w = self.world
        w.truth.append({
            "scheme": scheme, "benign": benign,
            "organisasjonsnummer": [w.enheter["orgnr"][e].decode() for e in units],
            "persons": [w.persons.ident[p].decode() for p in persons],
            "period": {"from": period[0], "to": period[1]},
            "evidence": evidence, **extra,
        })

    def window(self) -> tuple[str, str]:
        ms = self.world.months
        return ms[0] + "-01", iso(TODAY - 10)


__all__ = ["FULL_TIME_MONTH", "NODATE", "TODAY", "Planter", "iso", "months"]
