"""Planting helpers shared by the scheme modules: claim persons, open units with an underenhet,
the board, accountant and auditor a unit of their kind has, add jobs and roles, and record the
truth.

Planted units and jobs are drawn like the background wherever the scheme does not say
otherwise (registration age, address, VAT registration, board, accountant, pay, HMS cards), so
that nothing but the scheme itself tells them apart (docs/synthetic-data.md §7).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from akrim.synth.companies import FORM_INDEX, MVA_SHARE, UNDER_START_DAYS, unit_ages
from akrim.synth.config import AS_OF, day_number, iso, months
from akrim.synth.employment import FULL_TIME_MONTH, hourly_pay, lawful_minimum, monthly_pay
from akrim.synth.industries import INDUSTRIES
from akrim.synth.population import house_numbers
from akrim.synth.table import NODATE
from akrim.synth.world import (
    ACCOUNTANT_SHARE,
    AUDITED_SIZE,
    BOARD_MEMBERS,
    DAGL_SHARE,
    ROLE_GROUP,
    VARA_SHARE,
    Role,
    World,
    accounting_firms,
    adults,
)

TODAY = day_number(AS_OF)
IND = {industry.key: i for i, industry in enumerate(INDUSTRIES)}


class Planter:
    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = world.rng("planter")
        self.first_under: dict[int, int] = {}  # planted enhet -> its underenhet
        self.regn: dict[int, int] = {}  # planted enhet -> its accounting firm (REGN)
        self.window_start = day_number(dt.date.fromisoformat(world.months[0] + "-01"))
        self.accountants, self.popularity = accounting_firms(world.rng("accountants"),
                                                             world.enheter)
        self.adults = adults(world.persons, 25, 75)
        busy = np.zeros(len(world.persons), dtype=bool)
        # Workers come from persons with no background job, so that a scheme's hours are its
        # own; leaders, residents and board members may be anyone (``anyone``).
        busy[world.jobs["person"]] = True
        busy[world.enheter["owner"][world.enheter["owner"] >= 0]] = True
        age = (TODAY - world.persons.birth) / 365.25
        rng = world.rng("claim")
        self.free = {
            dnr: rng.permutation(np.flatnonzero(~busy & (world.persons.dnr == dnr)
                                                & (age >= 18) & (age < 67))).tolist()
            for dnr in (False, True)
        }
        self.others = rng.permutation(self.adults).tolist()
        self._background_dwellings: frozenset[int] | None = None

    @property
    def background_dwellings(self) -> frozenset[int]:
        """The dwellings the background registers people at (`persons.address`, which planting
        never changes): taken once, not once per planted household."""
        if self._background_dwellings is None:
            self._background_dwellings = frozenset(
                np.unique(self.world.persons.address).tolist())
        return self._background_dwellings

    def claim(self, n: int, *, dnr: bool = False) -> list[int]:
        """``n`` persons with no job yet, on d-numbers if ``dnr`` (residents when none are left)."""
        planted = self.world.planted_persons
        out: list[int] = []
        while len(out) < n:
            pool = self.free[dnr] or self.free[not dnr]
            if not pool:
                raise ValueError("the scale has too few persons without a job for its schemes")
            person = pool.pop()
            if person not in planted:
                out.append(person)
        planted.update(out)
        return out

    def anyone(self, n: int) -> list[int]:
        """``n`` resident adults not yet used by a scheme, with or without a job."""
        out: list[int] = []
        planted = self.world.planted_persons
        while len(out) < n:
            person = self.others.pop()
            if person not in planted:
                out.append(person)
        planted.update(out)
        return out

    def variant(self, scheme: str, k: int, variants: tuple[str, ...]) -> str:
        """The variant of instance ``k``: the variants in turn from a seeded start, so that any
        two instances of a scheme differ."""
        start = int(self.world.rng("variant", scheme).integers(0, len(variants)))
        return variants[(start + k) % len(variants)]

    def registration_day(self) -> int:
        """A planted unit's registration: before the window, young-skewed like small firms."""
        return self.window_start - 120 - int(unit_ages(self.rng, 1, mean_years=4.0)[0])

    def unit(self, industry: str, *, form: str = "AS", reg_day: int | None = None,
             konkurs_day: int = NODATE, slett_day: int = NODATE, owner: int = -1,
             employer: bool = True, address: int | None = None, mva: bool | None = None,
             leaders: dict[str, int] | None = None) -> int:
        """A new enhet (with an underenhet when it employs) and the roles its form has:
        ``leaders`` names the scheme's own role holders (e.g. {"DAGL": p}); the rest of the board
        is drawn as for background units."""
        w = self.world
        rng = self.rng
        k = int(rng.choice(len(w.geo.numbers), p=w.geo.weights))
        reg = reg_day if reg_day is not None else self.registration_day()
        e = w.enheter.add(
            orgnr=w.orgnumbers.take(1)[0], form=FORM_INDEX[form], industry=IND[industry],
            kommune=k, street=int(rng.integers(0, 48)), number=int(house_numbers(rng, 1)[0]),
            salt=int(rng.integers(0, 1 << 30)), name_a=int(rng.integers(0, 1 << 15)),
            name_b=int(rng.integers(0, 1 << 15)), owner=owner, reg_day=reg,
            konkurs_day=konkurs_day, slett_day=slett_day, employer=employer, size=1.0,
            mva=bool(rng.random() < MVA_SHARE) if mva is None else mva, planted=True)
        if address is not None:
            w.forced_address[e] = address
        self._board(e, form, owner, leaders or {})
        if employer or konkurs_day != NODATE:
            w.underenheter.add(orgnr=w.orgnumbers.take(1)[0], parent=e, kommune=k,
                               street=w.enheter["street"][e], number=w.enheter["number"][e],
                               salt=int(rng.integers(0, 1 << 30)),
                               start_day=reg + int(rng.integers(0, UNDER_START_DAYS)))
            self.first_under[e] = len(w.underenheter) - 1
        if konkurs_day != NODATE:
            kbo = w.enheter.add(orgnr=w.orgnumbers.take(1)[0], form=FORM_INDEX["KBO"],
                                industry=-1, kommune=k, street=w.enheter["street"][e],
                                number=w.enheter["number"][e], salt=w.enheter["salt"][e],
                                reg_day=konkurs_day + 1, bankrupt_of=e, planted=True)
            self.role(kbo, "KDEB", holder=e)
            self.role(kbo, "BOBE", person=int(rng.choice(self.adults)))
        return e

    def _board(self, e: int, form: str, owner: int, leaders: dict[str, int]) -> None:
        rng = self.rng

        def someone() -> int:
            return int(rng.choice(self.adults))

        for role, person in leaders.items():
            self.role(e, role, person=person)
        if owner >= 0:
            self.role(e, "INNH", person=owner)
        if form in ("AS", "SA", "STI"):
            if "LEDE" not in leaders:
                self.role(e, "LEDE", person=someone())
            for _ in range(int(rng.integers(0, BOARD_MEMBERS))):
                self.role(e, "MEDL", person=someone())
            if rng.random() < VARA_SHARE:
                self.role(e, "VARA", person=someone())
            if "DAGL" not in leaders and rng.random() < DAGL_SHARE:
                self.role(e, "DAGL", person=someone())
        elif form == "NUF" and "REPR" not in leaders:
            self.role(e, "REPR", person=someone())
        share = ACCOUNTANT_SHARE.get(form, 0.0)
        if len(self.accountants) and rng.random() < share:
            self.regn[e] = int(rng.choice(self.accountants, p=self.popularity))

    def under_of(self, e: int) -> int:
        if e in self.first_under:
            return self.first_under[e]
        return int(np.flatnonzero(self.world.underenheter["parent"] == e)[0])

    def _leave_background_jobs(self, person: int, start: int) -> None:
        """A person given a planted job leaves the background jobs it holds (a job change), so
        that nobody holds two or three full positions by accident of planting: a job begun
        before ends the day before, one begun after ends before the window (or at once)."""
        jobs = self.world.jobs
        held = np.flatnonzero((jobs["person"] == person) & ~jobs["planted"]
                              & ((jobs["end_day"] == NODATE) | (jobs["end_day"] >= start)))
        begun = jobs["start_day"][held]
        jobs["end_day"][held] = np.where(begun < start - 1, start - 1,
                                         np.maximum(begun + 1, self.window_start - 31))

    def job(self, person: int, e: int, *, hourly: bool = True, rate_oere: int | None = None,
            hours: float = FULL_TIME_MONTH, overtime: float = 0.0, mode: int = 0,
            start_day: int | None = None, end_day: int = NODATE, monthly_oere: int | None = None,
            pct: float = 100.0, hms: bool = True) -> int:
        """A job at ``e``; pay drawn as for the background (so never below the minimum wage)
        unless the scheme sets it. ``hms``: False when the worker holds no HMS card for it
        (otherwise cards are drawn at the background rate)."""
        w = self.world
        rng = self.rng
        industry = np.array([w.enheter["industry"][e]])
        if hourly:
            pay = rate_oere if rate_oere is not None else int(
                hourly_pay(rng, industry, np.array([self.minimum(person, e)]))[0])
        else:
            pay = monthly_oere if monthly_oere is not None else int(monthly_pay(
                rng, industry, np.array([pct]), np.array([self.minimum(person, e)]))[0])
        start = start_day if start_day is not None else max(
            int(w.enheter["reg_day"][e]) + int(rng.integers(14, 200)),
            int(w.persons.birth[person]) + 18 * 366)
        self._leave_background_jobs(person, start)
        j = w.jobs.add(person=person, enhet=e, under=self.under_of(e), start_day=start,
                       end_day=end_day, hourly=hourly, pct=pct, pay=pay, hours=hours,
                       overtime=overtime, mode=mode, yrke=int(rng.integers(0, 8)),
                       planted=True)
        if not hms:
            w.no_hms.add(j)
        w.planted_persons.add(person)
        return j

    def minimum(self, person: int, e: int) -> int:
        """The least a job of ``person`` at ``e`` may pay an hour (øre) in the window: the minimum
        wage of the unit's industry for the person's age (employment.lawful_minimum), 0 if
        none."""
        w = self.world
        return int(lawful_minimum(np.array([w.enheter["industry"][e]]),
                                  w.persons.birth[[person]], w.months)[0])

    def role(self, e: int, role: str, *, person: int = -1, holder: int = -1,
             ended: bool = False) -> None:
        self.world.extra_roles.append(Role(e, ROLE_GROUP[role], role, person, holder, ended))

    def truth(self, scheme: str, benign: bool, units: list[int], persons: list[int],
              period: tuple[str, str], evidence: str, *, variant: str,
              core_units: list[int] | None = None, core_persons: list[int] | None = None,
              **extra: Any) -> None:
        """Record an instance. ``core_units``/``core_persons``: the actors through which it
        may be credited (default: all of them); they must be among ``units``/``persons``."""
        w = self.world
        core_u = units if core_units is None else core_units
        core_p = persons if core_persons is None else core_persons
        if not set(core_u) <= set(units) or not set(core_p) <= set(persons):
            raise ValueError(f"{scheme}: the core must be among the instance's actors")

        def orgnr(es: list[int]) -> list[str]:
            return [w.enheter["orgnr"][e].decode() for e in es]

        def ident(ps: list[int]) -> list[str]:
            return [w.persons.ident[p].decode() for p in ps]

        w.truth.append({
            "scheme": scheme, "benign": benign, "variant": variant,
            "organisasjonsnummer": orgnr(units), "persons": ident(persons),
            "core": {"organisasjonsnummer": orgnr(core_u), "persons": ident(core_p)},
            "period": {"from": period[0], "to": period[1]},
            "evidence": evidence, **extra,
        })

    def window(self) -> tuple[str, str]:
        return iso(self.window_start), iso(TODAY - 10)

    def finish(self) -> None:
        """Roles that depend on the whole planting: each planted unit's accountant (a
        facilitator may have taken clients over) and an auditor for planted AS as large as
        audited background ones."""
        w = self.world
        for e, firm in sorted(self.regn.items()):
            w.enheter.columns["accountant"][e] = firm
            self.role(e, "REGN", holder=firm)
        planted_jobs = np.bincount(w.jobs["enhet"][w.jobs["planted"]],
                                   minlength=len(w.enheter))
        big = np.flatnonzero(w.enheter["planted"] & (w.enheter["form"] == FORM_INDEX["AS"])
                             & (planted_jobs > AUDITED_SIZE))
        for e in big.tolist():
            if len(self.accountants):
                self.role(e, "REVI", holder=int(self.rng.choice(self.accountants)))


__all__ = ["FULL_TIME_MONTH", "IND", "NODATE", "TODAY", "Planter", "iso", "months"]
