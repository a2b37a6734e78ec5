"""Enheter and underenheter: organisation form, industry, address, dates and whether the unit
employs anyone; organisation numbers with valid mod-11 check digits.

Organisation-form shares of active enheter are rounded from Brønnøysundregistrene's statistics
for Enhetsregisteret (2024): AS ≈38 %, ENK ≈33 %, FLI ≈8 %, housing (BRL, ESEK, SAM) ≈7 %,
ANS/DA ≈2.4 %, NUF ≈1.2 %, STI ≈0.6 %, SA ≈0.4 %, public sector ≈1 %.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from akrim.ids import make_orgnr
from akrim.synth.config import AS_OF, Scale, day_number
from akrim.synth.industries import BY_KEY, INDUSTRIES
from akrim.synth.population import house_numbers
from akrim.synth.table import NODATE, Table


@dataclass(frozen=True)
class Form:
    code: str
    description: str
    share: float
    employer: float  # probability that a unit of this form employs anyone
    industries: tuple[str, ...]
    sector: str  # institusjonellSektorkode
    size: float = 1.0  # relative size of its workforce when it employs


BUSINESS = tuple(i.key for i in INDUSTRIES if i.key not in (
    "association", "sportsclub", "housing", "publicadmin", "school", "hospital",
    "nursinghome", "homecare"))
SOLE = ("building", "joinery", "painting", "plastering", "electrical", "freight", "courier",
        "cleaning", "carcare", "restaurant", "farming", "fishing", "hairdressing", "consulting",
        "software", "engineering", "realestate", "clothing", "accounting", "doctors")
PUBLIC = ("publicadmin", "school", "hospital", "nursinghome", "homecare", "kindergarten")

FORMS: tuple[Form, ...] = (
    Form("AS", "Aksjeselskap", 0.38, 0.42, BUSINESS, "2100", 1.0),
    Form("ENK", "Enkeltpersonforetak", 0.33, 0.05, SOLE, "8200", 0.2),
    Form("FLI", "Forening/lag/innretning", 0.08, 0.07, ("association", "sportsclub"), "7000"),
    Form("BRL", "Borettslag", 0.025, 0.01, ("housing",), "2500", 0.1),
    Form("ESEK", "Eierseksjonssameie", 0.03, 0.005, ("housing",), "2500", 0.1),
    Form("SAM", "Tingsrettslig sameie", 0.015, 0.005, ("housing", "realestate"), "2500", 0.1),
    Form("ANS", "Ansvarlig selskap med solidarisk ansvar", 0.012, 0.3, SOLE, "2500", 0.3),
    Form("DA", "Ansvarlig selskap med delt ansvar", 0.012, 0.3, SOLE, "2500", 0.3),
    Form("NUF", "Norskregistrert utenlandsk foretak", 0.012, 0.3,
         ("building", "painting", "freight", "cleaning", "consulting", "software", "staffing",
          "engineering"), "2100", 0.6),
    Form("STI", "Stiftelse", 0.006, 0.3, ("association", "nursinghome", "kindergarten"),
         "7000", 2.0),
    Form("SA", "Samvirkeforetak", 0.004, 0.4, ("grocery", "farming", "wholesale"), "2100", 3.0),
    Form("ORGL", "Organisasjonsledd", 0.008, 0.9, PUBLIC, "6500", 60.0),
    Form("KOMM", "Kommune", 0.0003, 1.0, ("publicadmin",), "6500", 200.0),
    Form("KF", "Kommunalt foretak", 0.001, 0.9, ("nursinghome", "publicadmin"), "6500", 30.0),
    Form("IKS", "Interkommunalt selskap", 0.0007, 0.9, ("publicadmin",), "6500", 20.0),
    Form("SF", "Statsforetak", 0.0002, 1.0, ("hospital",), "6100", 800.0),
    Form("KBO", "Konkursbo", 0.0, 0.0, ("holding",), "2100", 0.0),
)
FORM_INDEX = {f.code: i for i, f in enumerate(FORMS)}
IND_INDEX = {ind.key: i for i, ind in enumerate(INDUSTRIES)}


MVA_SHARE = 0.55
"""Share of enheter in Merverdiavgiftsregisteret (an estimate)."""
UNDER_START_DAYS = 60
"""An underenhet starts within this many days of its enhet's registration."""


def unit_ages(rng: np.random.Generator, size: int, *, mean_years: float,
              min_days: int = 30) -> np.ndarray:
    """Days since registration: exponential (most units are young, a long tail of old ones)."""
    days = (rng.exponential(mean_years, size=size) * 365).astype(np.int64)
    return np.asarray(days.clip(min_days, 60 * 365))


class OrgNumbers:
    """Hands out unique valid organisation numbers in a seeded random order."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.used: set[int] = set()

    def take(self, count: int) -> np.ndarray:
        out: list[str] = []
        while len(out) < count:
            size = max(1024, 2 * (count - len(out)))
            bodies = self.rng.integers(81_000_000, 99_999_999, size=size)
            for body in bodies.tolist():
                if body in self.used:
                    continue
                number = make_orgnr(body)
                if number is None:
                    continue
                self.used.add(body)
                out.append(number)
                if len(out) == count:
                    break
        return np.array(out, dtype="S9")

    def one(self) -> str:
        return str(self.take(1)[0].decode())


def enheter_table(n: int) -> Table:
    return Table({
        "orgnr": np.zeros(n, dtype="S9"),
        "form": np.zeros(n, dtype=np.int8),
        "industry": np.zeros(n, dtype=np.int16),
        "kommune": np.zeros(n, dtype=np.int16),
        "street": np.zeros(n, dtype=np.int16),
        "number": np.zeros(n, dtype=np.int16),
        "salt": np.zeros(n, dtype=np.int32),
        "name_a": np.zeros(n, dtype=np.int16),
        "name_b": np.zeros(n, dtype=np.int16),
        "owner": np.full(n, -1, dtype=np.int32),  # ENK owner / main person
        "reg_day": np.zeros(n, dtype=np.int32),
        "konkurs_day": np.full(n, NODATE, dtype=np.int32),
        "slett_day": np.full(n, NODATE, dtype=np.int32),
        "employer": np.zeros(n, dtype=bool),
        "size": np.zeros(n, dtype=np.float32),
        "mva": np.zeros(n, dtype=bool),
        "bankrupt_of": np.full(n, -1, dtype=np.int32),  # KBO: the bankrupt enhet
        "accountant": np.full(n, -1, dtype=np.int32),  # REGN holder (enhet index)
        "planted": np.zeros(n, dtype=bool),
    })


def underenheter_table(n: int) -> Table:
    return Table({
        "orgnr": np.zeros(n, dtype="S9"),
        "parent": np.zeros(n, dtype=np.int32),
        "kommune": np.zeros(n, dtype=np.int16),
        "street": np.zeros(n, dtype=np.int16),
        "number": np.zeros(n, dtype=np.int16),
        "salt": np.zeros(n, dtype=np.int32),
        "start_day": np.zeros(n, dtype=np.int32),
        "end_day": np.full(n, NODATE, dtype=np.int32),
    })


def make_enheter(rng: np.random.Generator, scale: Scale, numbers: OrgNumbers,
                 geo_weights: np.ndarray) -> Table:
    n_active = scale.enheter
    n_deleted = round(n_active * scale.deleted_share)
    n = n_active + n_deleted
    t = enheter_table(n)
    c = t.columns
    c["orgnr"][:] = numbers.take(n)
    shares = np.array([f.share for f in FORMS])
    c["form"][:] = rng.choice(len(FORMS), size=n, p=shares / shares.sum())
    u = rng.random(n)
    for fi, form in enumerate(FORMS):
        sel = np.flatnonzero(c["form"] == fi)
        keys = form.industries
        w = np.array([BY_KEY[k].firms for k in keys])
        picked = rng.choice(len(keys), size=len(sel), p=w / w.sum())
        c["industry"][sel] = np.array([IND_INDEX[k] for k in keys], dtype=np.int16)[picked]
        c["employer"][sel] = u[sel] < form.employer
        # Heavy-tailed workforce (Pareto, alpha 1.1): most employers are small (SSB 10308).
        c["size"][sel] = (rng.pareto(1.1, size=len(sel)) + 1.0) * form.size
    c["kommune"][:] = rng.choice(len(geo_weights), size=n, p=geo_weights)
    c["street"][:] = rng.integers(0, 48, size=n)
    c["number"][:] = house_numbers(rng, n)
    c["salt"][:] = rng.integers(0, 1 << 30, size=n)
    c["name_a"][:] = rng.integers(0, 1 << 15, size=n)
    c["name_b"][:] = rng.integers(0, 1 << 15, size=n)
    today = day_number(AS_OF)
    c["reg_day"][:] = today - unit_ages(rng, n, mean_years=9.0)
    c["mva"][:] = rng.random(n) < MVA_SHARE
    deleted = np.arange(n_active, n)
    c["slett_day"][deleted] = today - rng.integers(30, 12 * 365, size=n_deleted)
    c["reg_day"][deleted] = np.minimum(c["reg_day"][deleted], c["slett_day"][deleted] - 200)
    c["employer"][deleted] = False
    # Background bankruptcies: ≈4 500 a year among ≈1.2 M units (SSB 10797 "Konkurser"), i.e.
    # ≈0.4 % of units were declared bankrupt in the last year and are still registered.
    as_ = np.flatnonzero(c["form"][:n_active] == FORM_INDEX["AS"])
    bankrupt = as_[rng.random(len(as_)) < 0.009]
    c["konkurs_day"][bankrupt] = today - rng.integers(20, 700, size=len(bankrupt))
    c["employer"][bankrupt] = False
    return t


def add_bankruptcy_estates(rng: np.random.Generator, t: Table, numbers: OrgNumbers) -> None:
    """One KBO (konkursbo) enhet per bankrupt unit, linked by role KDEB."""
    bankrupt = np.flatnonzero(t["konkurs_day"] != NODATE)
    have = set(t["bankrupt_of"][t["bankrupt_of"] >= 0].tolist())
    for b in bankrupt.tolist():
        if b in have:
            continue
        t.add(orgnr=numbers.take(1)[0], form=FORM_INDEX["KBO"], industry=-1,
              kommune=t["kommune"][b], street=t["street"][b], number=t["number"][b],
              salt=t["salt"][b],
              reg_day=int(t["konkurs_day"][b]) + 1, bankrupt_of=b,
              planted=bool(t["planted"][b]))


def make_underenheter(rng: np.random.Generator, scale: Scale, numbers: OrgNumbers,
                      enheter: Table) -> Table:
    """Every employer gets at least one underenhet (a-melding reports per virksomhet); large
    employers get more; other active business units get one until the target count is met."""
    form = enheter["form"]
    active = ((enheter["slett_day"] == NODATE) & (enheter["konkurs_day"] == NODATE)
              & (form != FORM_INDEX["KBO"]))
    employer = np.flatnonzero(active & enheter["employer"])
    extra_per = np.minimum((enheter["size"][employer] / 25).astype(np.int64), 40)
    parents = [employer, np.repeat(employer, extra_per)]
    count = len(employer) + int(extra_per.sum())
    remaining = max(0, scale.underenheter - count)
    non_employer = np.flatnonzero(active & ~enheter["employer"] & np.isin(
        form, [FORM_INDEX[f] for f in ("AS", "ENK", "NUF", "ANS", "DA", "SA", "STI")]))
    if remaining and len(non_employer):
        parents.append(np.sort(rng.choice(non_employer, size=min(remaining, len(non_employer)),
                                          replace=False)))
    parent = np.concatenate(parents).astype(np.int32)
    n = len(parent)
    t = underenheter_table(n)
    c = t.columns
    c["orgnr"][:] = numbers.take(n)
    c["parent"][:] = parent
    first = np.ones(n, dtype=bool)
    first[len(employer):] = False
    first[len(employer) + int(extra_per.sum()):] = True
    same = first
    c["kommune"][:] = np.where(same, enheter["kommune"][parent], rng.choice(
        enheter["kommune"], size=n))
    c["street"][:] = np.where(same, enheter["street"][parent], rng.integers(0, 48, size=n))
    c["number"][:] = np.where(same, enheter["number"][parent], 1 + rng.integers(0, 80, size=n))
    c["salt"][:] = rng.integers(0, 1 << 30, size=n)
    c["start_day"][:] = enheter["reg_day"][parent] + rng.integers(0, UNDER_START_DAYS, size=n)
    return t
