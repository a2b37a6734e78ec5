"""akrim.network.dates: an edge's stated dates are the register's, per source."""

from __future__ import annotations

from datetime import date

import pytest

from akrim.network.dates import Coverage, stated_dates

LOAD = date(2026, 1, 10)
COVERED = Coverage(frozenset({date(2025, 6, 1), LOAD}), "2025-01", "2025-12")


def edge(source: str, start: date | None, end: date | None) -> dict[str, object]:
    return {"src": "p:1", "dst": "o:2", "kind": "x", "rolle": None, "valid_from": start,
            "valid_to": end, "source": source}


@pytest.mark.parametrize(("source", "start", "end", "expected"), [
    # roles: the register gives no dates, whatever the interval says
    ("brreg.roller", LOAD, None, (None, None)),
    ("brreg.roller", date(2020, 1, 1), date(2025, 6, 1), (None, None)),
    # employment: months; the first and last months loaded cannot tell a start or an end
    ("skatteetaten.amelding", date(2025, 1, 1), date(2025, 12, 31), (None, None)),
    ("skatteetaten.amelding", date(2025, 3, 1), date(2025, 12, 31), ("2025-03", None)),
    ("skatteetaten.amelding", date(2025, 1, 1), date(2025, 8, 31), (None, "2025-08")),
    ("skatteetaten.amelding", date(2025, 2, 1), date(2025, 2, 28), ("2025-02", "2025-02")),
    # HMS cards: issue and expiry as the register has them, even on a load's date
    ("hms_kort", LOAD, date(2028, 1, 9), ("2026-01-10", "2028-01-09")),
    # the rest: a date equal to a load's is the load's fallback, left out
    ("brreg.underenheter", date(1999, 5, 4), None, ("1999-05-04", None)),
    ("folkeregisteret", LOAD, None, (None, None)),
    ("brreg.enheter", date(2025, 6, 1), date(2025, 7, 1), (None, "2025-07-01")),
])
def test_stated_dates(source: str, start: date | None, end: date | None,
                      expected: tuple[str | None, str | None]) -> None:
    assert stated_dates(edge(source, start, end), COVERED) == expected


def test_no_a_melding_loaded_states_no_employment_dates() -> None:
    bare = Coverage(frozenset({LOAD}), None, None)
    assert stated_dates(edge("skatteetaten.amelding", date(2025, 3, 1), date(2025, 3, 31)),
                        bare) == (None, None)
