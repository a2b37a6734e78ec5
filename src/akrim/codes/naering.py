"""Industry codes (næringskoder): SN2007 and SN2025.

Coverage (see ``data/README.md``):

* SN2025: all 4-digit classes and 5-digit subclasses (e.g. ``43.210``), English names.
* SN2007: the 613 4-digit classes (NACE Rev. 2 without division 98, as in SSB's SN2007)
  and the 820 5-digit subclasses (e.g. ``10.201``, ``43.210``), with SSB's Norwegian
  (bokmål) names from the Klass export; the Eurostat English class name is kept too.
* SN2007 -> SN2025: Eurostat's official NACE Rev. 2 <-> Rev. 2.1 class correspondence,
  covering every SN2007 class, extended to 5-digit SN2007 codes by a stated rule (see
  ``to_sn2025``).

Only levels 4 (``NN.NN``) and 5 (``NN.NNN``) are looked up; the division and group rows
in ``sn2007.csv`` are reference data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from akrim.codes._data import read_rows

Standard = Literal["SN2007", "SN2025"]
STANDARDS: tuple[Standard, ...] = ("SN2007", "SN2025")
_FILES: dict[Standard, str] = {"SN2007": "sn2007.csv", "SN2025": "sn2025.csv"}
_CODE = re.compile(r"^(\d{2})\.?(\d{2,3})$")


@dataclass(frozen=True, slots=True)
class NaeringCode:
    """One code in one standard."""

    code: str
    name: str
    standard: Standard
    section: str


def normalize(code: str) -> str | None:
    """Return ``code`` written as ``NN.NN`` or ``NN.NNN``, or None if it is not shaped so."""
    m = _CODE.match(code.strip())
    if m is None:
        return None
    return f"{m.group(1)}.{m.group(2)}"


@cache
def _table(standard: Standard) -> dict[str, NaeringCode]:
    return {
        r["code"]: NaeringCode(r["code"], r["name"], standard, r["section"])
        for r in read_rows(_FILES[standard])
        if r["level"] in ("4", "5")
    }


@cache
def _correspondence() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for r in read_rows("sn2007_sn2025.csv"):
        out.setdefault(r["sn2007"], []).append(r["sn2025"])
    return {k: tuple(sorted(set(v))) for k, v in out.items()}


def _check_standard(standard: str | None) -> None:
    if standard is not None and standard not in STANDARDS:
        raise ValueError(f"unknown standard {standard!r}; expected one of {STANDARDS}")


def lookup(code: str, standard: str | None = None) -> NaeringCode | None:
    """Find ``code`` (with or without the dot); SN2025 is preferred when both have it."""
    _check_standard(standard)
    norm = normalize(code)
    if norm is None:
        return None
    for std in reversed(STANDARDS):
        if standard is None or std == standard:
            hit = _table(std).get(norm)
            if hit is not None:
                return hit
    return None


def is_known(code: str, standard: str | None = None) -> bool:
    """True if ``code`` is in ``standard`` (or in any standard when it is None)."""
    return lookup(code, standard) is not None


def standard_of(code: str) -> tuple[Standard, ...]:
    """The standards that contain ``code``."""
    norm = normalize(code)
    if norm is None:
        return ()
    return tuple(std for std in STANDARDS if norm in _table(std))


def section(code: str, standard: str = "SN2007") -> str | None:
    """The NACE section letter of ``code``'s division, or None if the division is unknown.

    Sections are lettered per standard: SN2007 (NACE Rev. 2) uses A..U, e.g. F
    construction and N for 78 staffing and 81.210 cleaning; SN2025 (NACE Rev. 2.1)
    re-letters from J on (A..V), so 78 is section O there. Only the first two digits
    decide, so a 5-digit code works even where only its division is shipped.
    """
    _check_standard(standard)
    std: Standard = "SN2007" if standard == "SN2007" else "SN2025"
    norm = normalize(code)
    if norm is None:
        return None
    return _sections(std).get(norm[:2])


@cache
def _sections(standard: Standard) -> dict[str, str]:
    return {c[:2]: entry.section for c, entry in _table(standard).items()}


def to_sn2025(code: str) -> tuple[str, ...]:
    """SN2025 codes for an SN2007 code.

    A known SN2007 class gives the 4-digit SN2025 classes it corresponds to in Eurostat's
    NACE Rev. 2 <-> Rev. 2.1 table (``data/sn2007_sn2025.csv``): every class the Rev. 2
    class's content went to, so a split class gives several. Unknown codes give ``()``.

    A known 5-digit SN2007 subclass goes through its class: among the SN2025 subclasses
    of the classes that class maps to, those with the same code are returned if there
    are any, otherwise all of them. This is a rule, not an SSB correspondence table.
    """
    norm = normalize(code)
    if norm is None or norm not in _table("SN2007"):
        return ()
    classes = _correspondence().get(norm[:5], ())
    if len(norm) == 5:
        return classes
    subs = tuple(c for c in sorted(_table("SN2025")) if len(c) == 6 and c[:5] in classes)
    same = tuple(c for c in subs if c == norm)
    return same or subs


def codes(standard: str) -> tuple[str, ...]:
    """All codes of ``standard``, sorted."""
    _check_standard(standard)
    std: Standard = "SN2007" if standard == "SN2007" else "SN2025"
    return tuple(sorted(_table(std)))


def mapped_sn2007() -> tuple[str, ...]:
    """The SN2007 classes the shipped correspondence covers."""
    return tuple(sorted(_correspondence()))
