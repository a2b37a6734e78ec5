"""The synthetic country in memory: persons, enheter, underenheter, roles, jobs and the
register facts that schemes override. Built once per (scale, seed, months), then written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from akrim.synth import rng as rngs
from akrim.synth.companies import (
    FORM_INDEX,
    FORMS,
    IND_INDEX,
    OrgNumbers,
    add_bankruptcy_estates,
    make_enheter,
    make_underenheter,
)
from akrim.synth.config import AS_OF, Scale, day_number
from akrim.synth.employment import make_employments
from akrim.synth.geography import Geography, geography
from akrim.synth.population import HOUSEHOLD_SIZE, Addresses, Persons, make_addresses, make_persons
from akrim.synth.table import NODATE, Table


@dataclass
class Role:
    enhet: int
    group: str
    role: str
    person: int = -1
    holder: int = -1  # enhet index when a unit holds the role
    ended: bool = False


@dataclass
class World:
    scale: Scale
    seed: int
    months: list[str]
    geo: Geography
    persons: Persons
    addresses: Addresses
    enheter: Table
    underenheter: Table
    jobs: Table
    roles: Table  # background roles: enhet, group/role code index, person, holder
    orgnumbers: OrgNumbers
    extra_roles: list[Role] = field(default_factory=list)
    # enhet -> (register, status); status '' = absent from the register
    approval: dict[int, tuple[str, str]] = field(default_factory=dict)
    turnover: dict[int, int] = field(default_factory=dict)  # enhet -> mva basis per termin, kr
    # enhet -> the share of its turnover it buys (input VAT deducted), when a scheme sets it
    purchases: dict[int, float] = field(default_factory=dict)
    arrears: dict[int, dict[str, int]] = field(default_factory=dict)  # enhet -> category -> kr
    hms: list[dict[str, Any]] = field(default_factory=list)
    inspections: list[dict[str, Any]] = field(default_factory=list)
    tips: list[dict[str, Any]] = field(default_factory=list)
    stops: list[dict[str, Any]] = field(default_factory=list)
    inspected: list[int] = field(default_factory=list)  # enheter inspected (background)
    # (enhet, person) pairs looked up in Skatteetaten's Arbeidsforhold service
    queries: list[tuple[int, int]] = field(default_factory=list)
    person_addr: dict[int, int] = field(default_factory=dict)  # person -> dwelling override
    forced_address: dict[int, int] = field(default_factory=dict)  # enhet -> dwelling index
    no_hms: set[int] = field(default_factory=set)  # jobs whose worker holds no HMS card
    truth: list[dict[str, Any]] = field(default_factory=list)
    planted_persons: set[int] = field(default_factory=set)
    job_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    """A random number per job for its arbeidsforholdId and HMS card, so that neither tells the
    order in which jobs were made (planted jobs are made last)."""

    def rng(self, *purpose: object) -> np.random.Generator:
        return rngs.stream(self.seed, self.scale.name, *purpose)


ROLE_CODES = ("DAGL", "LEDE", "MEDL", "INNH", "REGN", "REVI", "DTSO", "DTPR", "REPR",
              "KDEB", "BOBE", "NEST", "VARA")
ROLE_GROUP = {"DAGL": "DAGL", "LEDE": "STYR", "MEDL": "STYR", "NEST": "STYR", "VARA": "STYR",
              "INNH": "INNH", "REGN": "REGN", "REVI": "REVI", "DTSO": "DELT", "DTPR": "DELT",
              "REPR": "REPR", "KDEB": "KDEB", "BOBE": "BOBE"}
RC = {code: i for i, code in enumerate(ROLE_CODES)}
BOARD_MEMBERS = 4
"""Board members besides the chair: 0 to BOARD_MEMBERS - 1 (an estimate)."""
VARA_SHARE = 0.25
DAGL_SHARE = 0.7
"""Share of AS, SA and STI with a deputy board member / a registered daglig leder (estimates)."""
ACCOUNTANT_SHARE = {"AS": 0.6, "ENK": 0.35}
"""Share of units of a form that use an authorised accountant (REGN), an estimate."""
AUDITED_SIZE = 4
"""AS with a workforce above this have an auditor (REVI): a stand-in for revisjonsplikt."""


def adults(persons: Persons, lo: int, hi: int, *, dnr: bool = False) -> np.ndarray:
    age = (day_number(AS_OF) - persons.birth) / 365.25
    return np.flatnonzero((age >= lo) & (age < hi) & (persons.dnr == dnr))


def make_roles(rng: np.random.Generator, persons: Persons, enheter: Table) -> Table:
    """Background roles, ≈2.6 per active enhet (the issue's target: 3 M+ roles for ≈1.2 M
    enheter; the roles bulk file covers ≈1.1 M enheter, /work/notes/brreg.md §0)."""
    form = enheter["form"]
    active = (enheter["slett_day"] == NODATE)
    pool = adults(persons, 25, 80)
    d_pool = adults(persons, 22, 65, dnr=True)
    ent: list[np.ndarray] = []
    code: list[np.ndarray] = []
    who: list[np.ndarray] = []
    holder: list[np.ndarray] = []

    def add(idx: np.ndarray, role: str, people: np.ndarray | None, units: np.ndarray | None
            ) -> None:
        ent.append(idx.astype(np.int32))
        code.append(np.full(len(idx), RC[role], dtype=np.int8))
        who.append((people if people is not None else np.full(len(idx), -1)).astype(np.int32))
        holder.append((units if units is not None else np.full(len(idx), -1)).astype(np.int32))

    def pick(size: int) -> np.ndarray:
        return pool[rng.integers(0, len(pool), size=size)]

    f = {k: np.flatnonzero(active & (form == FORM_INDEX[k])) for k in
         ("AS", "ENK", "FLI", "BRL", "ESEK", "SAM", "ANS", "DA", "NUF", "STI", "SA", "KBO")}
    # ENK: the owner (INNH) is the enhet's own person; foreign owners in transport/cleaning
    enk = f["ENK"]
    owners = pick(len(enk))
    labour = np.isin(enheter["industry"][enk], [IND_INDEX[k] for k in (
        "building", "courier", "freight", "cleaning", "carcare", "painting")])
    foreign_owner = labour & (rng.random(len(enk)) < 0.25)
    owners[foreign_owner] = d_pool[rng.integers(0, len(d_pool), int(foreign_owner.sum()))]
    enheter.columns["owner"][enk] = owners
    add(enk, "INNH", owners, None)
    # AS, SA, STI: board chair, members, CEO
    corp = np.concatenate([f["AS"], f["SA"], f["STI"]])
    add(corp, "LEDE", pick(len(corp)), None)
    members = rng.integers(0, BOARD_MEMBERS, size=len(corp))
    for k in range(1, BOARD_MEMBERS):
        sel = corp[members >= k]
        add(sel, "MEDL", pick(len(sel)), None)
    vara = corp[rng.random(len(corp)) < VARA_SHARE]
    add(vara, "VARA", pick(len(vara)), None)
    dagl = corp[rng.random(len(corp)) < DAGL_SHARE]
    add(dagl, "DAGL", pick(len(dagl)), None)
    enheter.columns["owner"][corp] = -1
    # housing and associations
    assoc = np.concatenate([f["FLI"], f["BRL"], f["ESEK"], f["SAM"]])
    add(assoc, "LEDE", pick(len(assoc)), None)
    m2 = assoc[rng.random(len(assoc)) < 0.8]
    add(m2, "MEDL", pick(len(m2)), None)
    # partnerships: two participants
    part = np.concatenate([f["ANS"], f["DA"]])
    for _ in range(2):
        add(part, "DTSO", pick(len(part)), None)
    # bankruptcy estates: the bankrupt unit (KDEB) and the trustee (BOBE), a lawyer
    kbo = f["KBO"]
    add(kbo, "KDEB", None, enheter["bankrupt_of"][kbo])
    add(kbo, "BOBE", pick(len(kbo)), None)
    # NUF: Norwegian representative
    add(f["NUF"], "REPR", pick(len(f["NUF"])), None)
    # accountants (REGN, held by an accounting firm); popularity of firms is heavy-tailed.
    accountants, popularity = accounting_firms(rng, enheter)
    if len(accountants):
        clients = np.concatenate([f["AS"][rng.random(len(f["AS"])) < ACCOUNTANT_SHARE["AS"]],
                                  enk[rng.random(len(enk)) < ACCOUNTANT_SHARE["ENK"]]])
        clients = clients[~np.isin(clients, accountants)]
        firm = accountants[rng.choice(len(accountants), size=len(clients), p=popularity)]
        enheter.columns["accountant"][clients] = firm
        add(clients, "REGN", None, firm)
    auditors = f["AS"][enheter["size"][f["AS"]] > AUDITED_SIZE]
    if len(accountants) and len(auditors):
        add(auditors, "REVI", None, accountants[rng.integers(0, len(accountants), len(auditors))])
    columns = {"enhet": np.concatenate(ent), "code": np.concatenate(code),
               "person": np.concatenate(who), "holder": np.concatenate(holder)}
    order = np.lexsort((columns["code"], columns["enhet"]))
    return Table({name: column[order] for name, column in columns.items()})


def accounting_firms(rng: np.random.Generator, enheter: Table) -> tuple[np.ndarray, np.ndarray]:
    """Active background accounting AS and the share of clients each draws (Pareto, α 1.2)."""
    firms = np.flatnonzero((enheter["slett_day"] == NODATE) & (enheter["konkurs_day"] == NODATE)
                           & (enheter["industry"] == IND_INDEX["accounting"])
                           & (enheter["form"] == FORM_INDEX["AS"]) & ~enheter["planted"])
    weight = rng.pareto(1.2, size=len(firms)) + 1
    return firms, weight / weight.sum()


def build(scale: Scale, seed: int, months: list[str]) -> World:
    geo = geography()

    def r(*purpose: object) -> np.random.Generator:
        return rngs.stream(seed, scale.name, *purpose)

    n_addr = max(10, int((scale.persons - scale.dnumber_persons) / HOUSEHOLD_SIZE))
    addresses = make_addresses(r("addresses"), geo, n_addr)
    persons = make_persons(r("persons"), scale, n_addr)
    numbers = OrgNumbers(r("orgnr"))
    enheter = make_enheter(r("enheter"), scale, numbers, geo.weights)
    world = World(scale=scale, seed=seed, months=months, geo=geo, persons=persons,
                  addresses=addresses, enheter=enheter,
                  underenheter=Table({}), jobs=Table({}), roles=Table({}), orgnumbers=numbers)
    return world


def finish(world: World) -> None:
    """Everything that depends on the background enheter: bankruptcy estates, underenheter,
    jobs and roles. Schemes are planted after this, with their own units, underenheter, jobs and
    roles (schemes.base.Planter)."""
    add_bankruptcy_estates(world.rng("kbo"), world.enheter, world.orgnumbers)
    world.underenheter = make_underenheter(world.rng("underenheter"), world.scale,
                                           world.orgnumbers, world.enheter)
    world.jobs = make_employments(world.rng("jobs"), world.scale, world.persons, world.enheter,
                                  world.underenheter, world.months)
    world.roles = make_roles(world.rng("roles"), world.persons, world.enheter)


__all__ = ["FORMS", "ROLE_CODES", "ROLE_GROUP", "Role", "World", "accounting_firms", "adults",
           "build", "finish"]
