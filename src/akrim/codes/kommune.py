"""Kommune numbers: the 2024 structure (357 kommuner) and older numbers mapped to it."""

from __future__ import annotations

from functools import cache

from akrim.codes._data import read_rows


@cache
def _names() -> dict[str, str]:
    return {r["nr"]: r["name"] for r in read_rows("kommuner_2024.csv")}


@cache
def _changes() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for r in read_rows("kommune_endringer_2024.csv"):
        out.setdefault(r["old_nr"], []).append(r["nr_2024"])
    return {k: tuple(sorted(set(v))) for k, v in out.items()}


def _clean(nr: str) -> str:
    return nr.strip()


def name(nr: str) -> str | None:
    """The name of a 2024 kommune number, or None."""
    return _names().get(_clean(nr))


def is_valid_2024(nr: str) -> bool:
    """True if ``nr`` is a kommune number in force from 2024-01-01."""
    return _clean(nr) in _names()


def to_2024(nr: str) -> tuple[str, ...]:
    """The 2024 number(s) for ``nr``.

    A 2020-2023 number that changed maps to its successor(s) (several for a split); a
    number that is valid in 2024 and did not change maps to itself; anything else gives
    ``()``. Numbers from before the 2020 structure are not covered yet.
    """
    key = _clean(nr)
    changed = _changes().get(key)
    if changed is not None:
        return changed
    if key in _names():
        return (key,)
    return ()


def numbers_2024() -> tuple[str, ...]:
    """All 2024 kommune numbers, sorted."""
    return tuple(sorted(_names()))


def old_numbers() -> tuple[str, ...]:
    """All older numbers the shipped mapping covers, sorted."""
    return tuple(sorted(_changes()))
