"""The dates an edge may be said to start and end on: the register's, never a load's.

A network edge's interval (`valid_from`, `valid_to`) mixes what the registers say with when
akrim's loads saw it: Enhetsregisteret gives no date for a role, so a role's interval is the
dates of the loads that first and last showed it; an employment's is the first and last
a-melding month loaded for the pair, and its last month is the last month loaded while it goes
on. An export that wrote those as start and end dates would say that every role began on the
day of the first load and every job ended last month. `stated_dates` keeps only what the
register says, per source:

- brreg.roller (roles, accountants, auditors, estates): no dates;
- skatteetaten.amelding (employment): the first month reported when it is after the first month
  loaded (before that the data cannot tell), the last when it is before the last month loaded
  (else it goes on), both as `YYYY-MM`: the a-melding speaks in months;
- hms_kort: the card's issue and expiry dates, as the register gives them;
- the others (addresses, underenheter) fall back to the load date where the register has no
  date (`coalesce` in sql/edges.sql), so a date equal to the date of a load is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from akrim.store.engine import Store

_NO_DATES = frozenset({"brreg.roller"})
_MONTHS = "skatteetaten.amelding"
_REGISTER_DATES = frozenset({"hms_kort"})


@dataclass(frozen=True)
class Coverage:
    """What the loads covered: their dates, and the first and last a-melding month."""

    load_dates: frozenset[date]
    first_month: str | None
    """'YYYY-MM'; None when no a-melding was loaded."""
    last_month: str | None


def coverage(store: Store) -> Coverage:
    dates = {row[0] for row in store.rows("SELECT DISTINCT as_of FROM snapshot")}
    first, last = store.rows("SELECT min(kalendermaaned), max(kalendermaaned) "
                             "FROM amelding_leveranse WHERE valid_to IS NULL")[0]
    return Coverage(frozenset(dates), first, last)


def _month(value: date) -> str:
    return value.isoformat()[:7]


def stated_dates(edge: dict[str, Any], covered: Coverage) -> tuple[str | None, str | None]:
    """The edge's start and end as ISO dates (or months) the register gives; None for each
    it does not."""
    source = edge.get("source")
    start: date | None = edge.get("valid_from")
    end: date | None = edge.get("valid_to")
    if source in _NO_DATES:
        return None, None
    if source == _MONTHS:
        began = _month(start) if start and covered.first_month and \
            _month(start) > covered.first_month else None
        ended = _month(end) if end and covered.last_month and \
            _month(end) < covered.last_month else None
        return began, ended
    if source in _REGISTER_DATES:
        return (start.isoformat() if start else None, end.isoformat() if end else None)
    return _unless_loaded(start, covered), _unless_loaded(end, covered)


def dated_edges(edges: list[dict[str, Any]], covered: Coverage) -> list[dict[str, Any]]:
    """Each edge with the network's interval (`valid_from`, `valid_to`: when akrim's loads saw
    it, or the register's dates) and the register's own (`start_date`, `end_date`)."""
    return [{**edge, **dict(zip(("start_date", "end_date"), stated_dates(edge, covered),
                                strict=True))} for edge in edges]


def _unless_loaded(value: date | None, covered: Coverage) -> str | None:
    return value.isoformat() if value and value not in covered.load_dates else None
