"""Where people live and firms are registered: 2024 kommuner weighted by population, streets and
postal codes.

Populations of the largest kommuner are SSB table 07459 (population 1 January 2024), rounded to
thousands. The other kommuner share the rest of the 5.55 M with log-normal weights (median about
5 000 inhabitants, as in SSB 07459), drawn once from a fixed seed so every bundle agrees.
Postal codes follow Posten's ranges per fylke (first two digits); the exact code inside a range is
made up and only needs to look right.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from akrim.codes import kommune

NATIONAL_POPULATION = 5_550_000
LARGE_KOMMUNER = {
    "0301": 717_000, "4601": 291_000, "5001": 214_000, "1103": 149_000, "3201": 131_000,
    "4204": 116_000, "3301": 103_000, "3203": 97_000, "3205": 93_000, "3107": 85_000,
    "1108": 84_000, "5501": 79_000, "3207": 63_000, "3907": 65_000, "3105": 59_000,
    "3905": 58_000, "4003": 56_000, "1804": 53_000, "3909": 48_000, "4203": 46_000,
    "3103": 51_000, "1106": 38_000, "3403": 33_000,
}
POSTAL_RANGES = {
    "03": (150, 1295), "11": (4000, 4399), "15": (6000, 6699), "18": (8000, 8899),
    "31": (1500, 1899), "32": (1300, 2099), "33": (3000, 3699), "34": (2200, 2999),
    "39": (3100, 3299), "40": (3700, 3999), "42": (4400, 4999), "46": (5000, 5999),
    "50": (7000, 7799), "55": (9000, 9399), "56": (9500, 9999),
}


@dataclass(frozen=True)
class Geography:
    numbers: tuple[str, ...]
    names: tuple[str, ...]
    weights: np.ndarray  # population share per kommune
    postal_base: np.ndarray  # first postal code of each kommune
    postal_span: np.ndarray  # how many consecutive codes the kommune uses


@cache
def geography() -> Geography:
    numbers = tuple(n for n in kommune.numbers_2024() if n[:2] in POSTAL_RANGES)
    names = tuple(kommune.name(n) or n for n in numbers)
    rng = np.random.default_rng(20240101)
    raw = rng.lognormal(mean=np.log(5_000), sigma=1.0, size=len(numbers))
    large = np.array([n in LARGE_KOMMUNER for n in numbers])
    rest_total = NATIONAL_POPULATION - sum(v for k, v in LARGE_KOMMUNER.items() if k in numbers)
    raw = np.minimum(raw, 35_000)
    raw[large] = 0
    pop = raw / raw.sum() * rest_total
    for i, n in enumerate(numbers):
        if n in LARGE_KOMMUNER:
            pop[i] = LARGE_KOMMUNER[n]
    base = np.zeros(len(numbers), dtype=np.int32)
    span = np.zeros(len(numbers), dtype=np.int32)
    for i, n in enumerate(numbers):
        lo, hi = POSTAL_RANGES[n[:2]]
        width = max(1, (hi - lo) // 10)
        span[i] = 1 + min(40, int(pop[i] // 12_000))
        base[i] = lo + (int(n) * 37 % width) * 10 // 10 * 1
        base[i] = min(base[i], hi - span[i])
    return Geography(numbers, names, pop / pop.sum(), base, span)


def postnummer(geo: Geography, k: int, salt: int) -> str:
    return f"{int(geo.postal_base[k]) + salt % int(geo.postal_span[k]):04d}"


def poststed(geo: Geography, k: int) -> str:
    return geo.names[k].split(" - ")[0].upper()
