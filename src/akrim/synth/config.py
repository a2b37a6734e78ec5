"""Scales and the fixed calendar of a bundle.

The national figures are the issue's targets, themselves rounded from public statistics (see
docs/synthetic-data.md): Enhetsregisteret ≈1.2 M active enheter and ≈0.6 M underenheter
(Brønnøysundregistrene), 5.5 M persons in Folkeregisteret of whom ≈0.4 M foreign workers on
d-numbers (SSB 07459 population 1 Jan 2024 is 5.55 M; SSB "Lønnstakere på kortidsopphold"),
3.5 M employment relationships (SSB 13470 "Arbeidsforhold" ≈3.4-3.6 M jobs). Smaller scales
keep the same proportions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

REFERENCE_MONTH = dt.date(2025, 12, 1)
"""The last a-melding month of every bundle; the bundle describes Norway at the start of 2026."""
AS_OF = dt.date(2026, 1, 10)
"""The date the registers are 'downloaded' (and the snapshot date to ingest with)."""
EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Scale:
    name: str
    persons: int
    dnumber_persons: int
    enheter: int
    underenheter: int
    employments: int
    schemes_each: int
    """How many independent instances of each scheme and benign look-alike are planted."""
    deleted_share: float = 0.18
    """Deleted units (slettedato) in the enheter file, beyond the active ones (1.47 M rows in the
    real bulk file for ≈1.2 M active units is ≈0.2)."""


SCALES: dict[str, Scale] = {
    "tiny": Scale("tiny", persons=4_000, dnumber_persons=320, enheter=870, underenheter=440,
                  employments=2_530, schemes_each=2),
    "county": Scale("county", persons=110_000, dnumber_persons=8_000, enheter=24_000,
                    underenheter=12_000, employments=70_000, schemes_each=6),
    "national": Scale("national", persons=5_500_000, dnumber_persons=400_000,
                      enheter=1_200_000, underenheter=600_000, employments=3_500_000,
                      schemes_each=120),
}


def months(count: int) -> list[str]:
    """The last ``count`` calendar months up to REFERENCE_MONTH, oldest first, as 'YYYY-MM'."""
    if count < 1:
        raise ValueError("months must be at least 1")
    out = []
    year, month = REFERENCE_MONTH.year, REFERENCE_MONTH.month
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


def from_day(number: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(number))


def iso(number: int) -> str:
    return from_day(number).isoformat()


def iso_list(numbers: np.ndarray) -> list[str]:
    """ISO dates of many day numbers at once (no NODATE allowed)."""
    days: list[str] = np.datetime_as_string(numbers.astype("datetime64[D]"), unit="D").tolist()
    return days
