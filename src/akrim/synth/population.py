"""Persons: birth dates, sex, origin, names, identifiers (fødselsnummer or d-number with valid
control digits) and home addresses, held as numpy columns so that 5.5 M persons fit in memory.

Identifiers are real-rule numbers (classic control digits, individual numbers from the series
for the birth year), not synthetic month + 80 numbers, so that ``akrim ingest DIR`` accepts them
without ``--synthetic``; see docs/synthetic-data.md for why this is safe enough for test data
(the bundle never claims a number belongs to a real person, and every name is drawn at random).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from akrim.synth.config import AS_OF, Scale, day_number
from akrim.synth.geography import Geography
from akrim.synth.names import DNUMBER_ORIGINS, ORIGIN_INDEX, ORIGINS, RESIDENT_FOREIGN_ORIGINS

RESIDENT_FOREIGN_SHARE = 0.17
"""Immigrants and Norwegian-born to immigrant parents among residents (SSB 09817, 2024: ≈21 %
incl. Norwegian-born; 17 % used for persons with a foreign-origin name)."""
HOUSEHOLD_SIZE = 2.1
"""Persons per private household (SSB 06070, 2024: 2.1)."""
HOUSE_SHARE = 0.6
"""Share of buildings with a single dwelling (SSB 06513: about half of all dwellings are
detached houses; the rest are in semi-detached houses, terraces and blocks of flats)."""
DNUMBER_STAY_SHARE = 0.45
"""Share of d-number holders with a registered oppholdsadresse in Norway (an estimate: many
have only a foreign contact address)."""

_W1 = np.array([3, 7, 6, 1, 8, 9, 4, 5, 2])
_W2 = np.array([5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
_CLASSES = (
    (1900, 1939, np.arange(0, 500)),
    (1940, 1999, np.concatenate([np.arange(0, 500), np.arange(900, 1000)])),
    (2000, 2039, np.arange(500, 1000)),
)


@dataclass
class Persons:
    birth: np.ndarray  # int32 days since 1970-01-01
    male: np.ndarray  # bool
    origin: np.ndarray  # int8 index into ORIGINS
    dnr: np.ndarray  # bool: only a d-number
    first: np.ndarray  # int16 index into the origin's given names for the sex
    last: np.ndarray  # int16 index into the origin's surnames
    middle: np.ndarray  # int16 surname index used as mellomnavn, -1 none
    ident: np.ndarray  # S11
    address: np.ndarray  # int32 index into Addresses, -1 none

    def __len__(self) -> int:
        return len(self.birth)


@dataclass
class Addresses:
    """Dwellings (bruksenheter). Dwellings of one building share its street address; the
    building is named by the index of its first dwelling, and ``unit`` is the dwelling's place
    in it (0 for the first), which becomes the bruksenhetsnummer."""

    kommune: np.ndarray  # int16 index into Geography
    street: np.ndarray  # int16 index into STREETS
    number: np.ndarray  # int16 house number
    salt: np.ndarray  # int32 for the postal code inside the kommune
    building: np.ndarray  # int32 index of the building's first dwelling
    unit: np.ndarray  # int16 place of the dwelling in its building

    def __len__(self) -> int:
        return len(self.kommune)

    def units_of(self, dwelling: int) -> int:
        """How many dwellings the dwelling's building has."""
        first = int(self.building[dwelling])
        end = first + 1
        while end < len(self) and int(self.building[end]) == first:
            end += 1
        return end - first

    def add_building(self, kommune: int, street: int, number: int, salt: int) -> int:
        """Append a one-dwelling building (an office building or any non-residential address
        that nobody lives at); returns its dwelling index. A street address names one building
        in its kommune (Matrikkelen's vegadresse), so a number a building on the street already
        has is moved on to the next free one."""
        taken = set(self.number[(self.kommune == kommune) & (self.street == street)].tolist())
        while number in taken:
            number += 1
        n = len(self)
        for name, value in (("kommune", kommune), ("street", street), ("number", number),
                            ("salt", salt), ("building", n), ("unit", 0)):
            column = getattr(self, name)
            setattr(self, name, np.append(column, np.array([value], dtype=column.dtype)))
        return n


def house_numbers(rng: np.random.Generator, size: int) -> np.ndarray:
    """House numbers as streets have them: mostly low, a long tail up to 200."""
    return (1 + rng.geometric(0.05, size=size).clip(max=200)).astype(np.int16)


def make_addresses(rng: np.random.Generator, geo: Geography, count: int) -> Addresses:
    # buildings: a single house, or 2-60 dwellings (terraces to blocks of flats)
    sizes = np.where(rng.random(count) < HOUSE_SHARE, 1,
                     2 + rng.geometric(0.12, size=count).clip(max=58))
    first = np.concatenate([[0], np.cumsum(sizes)])
    buildings = int(np.searchsorted(first, count, side="left"))
    first = first[:buildings]
    building_of = np.repeat(np.arange(buildings), np.diff(np.append(first, count)))
    kommune = rng.choice(len(geo.numbers), size=buildings, p=geo.weights).astype(np.int16)
    street = rng.integers(0, 48, size=buildings).astype(np.int16)
    number = house_numbers(rng, buildings)
    salt = rng.integers(0, 1 << 30, size=buildings).astype(np.int32)
    return Addresses(
        kommune=kommune[building_of], street=street[building_of], number=number[building_of],
        salt=salt[building_of], building=first[building_of].astype(np.int32),
        unit=(np.arange(count) - first[building_of]).astype(np.int16),
    )


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    out = np.zeros((len(values), width), dtype=np.int64)
    v = values.astype(np.int64).copy()
    for i in range(width - 1, -1, -1):
        out[:, i] = v % 10
        v //= 10
    return out


def person_numbers(birth: np.ndarray, dnr: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Unique, valid fødselsnumre / d-numbers for the given birth dates (vectorised)."""
    n = len(birth)
    result = np.empty(n, dtype="S11")
    dates = birth.astype("datetime64[D]")
    years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    key = birth.astype(np.int64) * 2 + dnr.astype(np.int64)
    for lo, hi, cands in _CLASSES:
        members = np.flatnonzero((years >= lo) & (years <= hi))
        if not len(members):
            continue
        cands = rng.permutation(cands)
        groups, inverse = np.unique(key[members], return_inverse=True)
        gday = groups // 2
        gdnr = groups % 2
        gdates = gday.astype("datetime64[D]")
        gyear = gdates.astype("datetime64[Y]").astype(np.int64) + 1970
        gmonth = (gdates.astype("datetime64[M]").astype(np.int64) % 12) + 1
        gdd = (gdates - gdates.astype("datetime64[M]")).astype(np.int64) + 1 + 40 * gdnr
        date6 = gdd * 10000 + gmonth * 100 + gyear % 100
        dd = _digits(date6, 6)
        s1d = dd @ _W1[:6]
        s2d = dd @ _W2[:6]
        cd = _digits(cands, 3)
        s1i = cd @ _W1[6:9]
        s2i = cd @ _W2[6:9]
        k1 = (11 - (s1d[:, None] + s1i[None, :]) % 11) % 11
        k2 = (11 - (s2d[:, None] + s2i[None, :] + 2 * k1) % 11) % 11
        valid = (k1 != 10) & (k2 != 10)
        rows, cols = np.nonzero(valid)
        counts = np.bincount(rows, minlength=len(groups))
        offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
        order = rng.permutation(len(members))
        order = order[np.argsort(inverse[order], kind="stable")]
        sorted_groups = inverse[order]
        starts = np.searchsorted(sorted_groups, np.arange(len(groups)))
        rank = np.empty(len(members), dtype=np.int64)
        rank[order] = np.arange(len(members)) - starts[sorted_groups]
        if np.any(rank >= counts[inverse]):
            raise ValueError("too many persons born on one day for the individual-number series")
        col = cols[offsets[inverse] + rank]
        individual = cands[col]
        g = inverse
        number = (date6[g] * 1000 + individual) * 100 + k1[g, col] * 10 + k2[g, col]
        result[members] = np.char.zfill(number.astype("U11"), 11).astype("S11")
    return result


def _age_weights() -> np.ndarray:
    w = np.ones(100)
    w[20:45] = 1.12
    w[75:85] = 0.6
    w[85:] = 0.18
    return np.asarray(w / w.sum())


def _pick_origin(rng: np.random.Generator, shares: dict[str, float], size: int) -> np.ndarray:
    codes = list(shares)
    p = np.array([shares[c] for c in codes])
    picked = rng.choice(len(codes), size=size, p=p / p.sum())
    return np.array([ORIGIN_INDEX[c] for c in codes], dtype=np.int8)[picked]


def name_indices(rng: np.random.Generator, origin: np.ndarray, male: np.ndarray) -> tuple[
        np.ndarray, np.ndarray, np.ndarray]:
    n = len(origin)
    u1, u2, u3 = rng.random(n), rng.random(n), rng.random(n)
    first = np.zeros(n, dtype=np.int16)
    last = np.zeros(n, dtype=np.int16)
    middle = np.full(n, -1, dtype=np.int16)
    for i, o in enumerate(ORIGINS):
        sel = origin == i
        for sex, names in ((True, o.male), (False, o.female)):
            s = sel & (male == sex)
            first[s] = (u1[s] * len(names)).astype(np.int16)
        last[sel] = (u2[sel] * len(o.surnames)).astype(np.int16)
        if o.code == "NOR":
            has_middle = sel & (u3 < 0.22)
            middle[has_middle] = ((u3[has_middle] / 0.22) * len(o.surnames)).astype(np.int16)
    return first, last, middle


def make_persons(rng: np.random.Generator, scale: Scale, n_addresses: int) -> Persons:
    n = scale.persons
    n_d = scale.dnumber_persons
    n_res = n - n_d
    today = day_number(AS_OF)
    ages = rng.choice(100, size=n_res, p=_age_weights())
    birth_res = today - ages * 365 - rng.integers(0, 365, size=n_res)
    d_ages = np.clip(rng.normal(38, 10, size=n_d), 19, 66).astype(np.int64)
    birth_d = today - d_ages * 365 - rng.integers(0, 365, size=n_d)
    birth = np.concatenate([birth_res, birth_d]).astype(np.int32)
    dnr = np.zeros(n, dtype=bool)
    dnr[n_res:] = True
    male = rng.random(n) < 0.503
    male[n_res:] = rng.random(n_d) < 0.72  # short-stay workers are mostly men (SSB 11616)
    origin = np.full(n, ORIGIN_INDEX["NOR"], dtype=np.int8)
    foreign = rng.random(n_res) < RESIDENT_FOREIGN_SHARE
    origin[:n_res][foreign] = _pick_origin(rng, RESIDENT_FOREIGN_ORIGINS, int(foreign.sum()))
    origin[n_res:] = _pick_origin(rng, DNUMBER_ORIGINS, n_d)
    first, last, middle = name_indices(rng, origin, male)
    # Children share a household with adults: addresses drawn uniformly give Poisson households.
    address = np.full(n, -1, dtype=np.int32)
    address[:n_res] = rng.integers(0, n_addresses, size=n_res)
    ident = person_numbers(birth, dnr, rng)
    # d-number holders who stay at a Norwegian address (rented rooms and flats, often shared)
    stays = n_res + np.flatnonzero(rng.random(n_d) < DNUMBER_STAY_SHARE)
    address[stays] = rng.integers(0, n_addresses, size=len(stays))
    return Persons(birth, male, origin, dnr, first, last, middle, ident, address)


def full_name(persons: Persons, i: int) -> tuple[str, str | None, str]:
    o = ORIGINS[int(persons.origin[i])]
    male = bool(persons.male[i])
    first = (o.male if male else o.female)[int(persons.first[i])]
    surnames = o.surnames if male or o.surnames_female is None else o.surnames_female
    last = surnames[int(persons.last[i]) % len(surnames)]
    m = int(persons.middle[i])
    return first, (o.surnames[m] if m >= 0 else None), last
