"""The priority list as the analysts' page reads it: the filter values the list holds, one
page of entries with their reasons, and the counts behind the overview's charts.

Why not `priority.top`: the page filters by indicator too, pages through the list and needs
the number of matching entries; and it reads the reasons of a whole page (or of a whole
download) in one query rather than one query per entry.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from akrim.store.engine import Store

LIST_COLUMNS = {"region": "regions", "industry": "industries", "agency": "agencies",
                "indicator": "indicators"}
"""The filters matched against one of an entry's lists (priority_entry, scoring/priority.py)."""

ACTOR_TYPES = ("company", "person", "cluster")


@dataclass(frozen=True)
class Filters:
    region: str | None = None
    industry: str | None = None
    agency: str | None = None
    actor_type: str | None = None
    indicator: str | None = None

    def given(self) -> dict[str, str]:
        """The filters set, by name: for links and the audit log."""
        return {f.name: value for f in fields(self) if (value := getattr(self, f.name))}


@dataclass(frozen=True)
class FilterValue:
    value: str
    entries: int
    """How many entries of the list hold it."""


class UnknownFilterValue(ValueError):
    """A filter value the list does not hold (a typed or stale URL)."""

    def __init__(self, name: str, value: str, valid: list[str]) -> None:
        super().__init__(f"{name}: {value!r} is not one of {', '.join(valid)}")
        self.name, self.value, self.valid = name, value, valid


@dataclass(frozen=True)
class Reason:
    indicator: str
    weight: float
    evidence_rows: int


@dataclass(frozen=True)
class Row:
    rank: int
    """The place on the whole list, whatever the filters."""
    actor_type: str
    id: str
    name: str | None
    score: float
    members: list[str]
    reasons: list[Reason]


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    total: int
    """Entries matching the filters, on all pages."""


def filter_values(store: Store) -> dict[str, list[FilterValue]]:
    """Each filter's values as the list holds them (none invented, none the list lacks), with
    the number of entries holding each; actor types in their fixed order, others sorted."""
    lists = " UNION ALL ".join(
        f"SELECT '{name}', v, count(*) FROM priority_entry, unnest({column}) AS u(v) GROUP BY v"
        for name, column in LIST_COLUMNS.items())
    rows = store.rows(f"{lists} UNION ALL SELECT 'actor_type', actor_type, count(*) "
                      "FROM priority_entry GROUP BY actor_type")
    values: dict[str, list[FilterValue]] = {name: [] for name in (*LIST_COLUMNS, "actor_type")}
    for name, value, entries in rows:
        values[name].append(FilterValue(value, entries))
    for name, found in values.items():
        found.sort(key=lambda v: (ACTOR_TYPES.index(v.value) if name == "actor_type" else 0,
                                  v.value.casefold()))
    return values


def resolve(asked: dict[str, str | None], values: dict[str, list[FilterValue]]) -> Filters:
    """`asked` (a query string's filters) as the list spells them: matched without regard to
    case; an empty value is no filter; a value the list does not hold raises
    UnknownFilterValue naming the valid ones."""
    chosen: dict[str, str] = {}
    for name, given in asked.items():
        if not given or not given.strip():
            continue
        valid = [v.value for v in values[name]]
        match = [v for v in valid if v.casefold() == given.strip().casefold()]
        if not match:
            raise UnknownFilterValue(name, given, valid)
        chosen[name] = match[0]
    return Filters(**chosen)


def _where(filters: Filters) -> tuple[str, list[Any]]:
    clauses, params = ["TRUE"], []
    for name, value in filters.given().items():
        clauses.append("actor_type = ?" if name == "actor_type"
                       else f"list_contains({LIST_COLUMNS[name]}, ?)")
        params.append(value)
    return " AND ".join(clauses), params


def listing(store: Store, filters: Filters, limit: int | None = None, offset: int = 0) -> Page:
    """The entries matching `filters` in rank order, `limit` of them from `offset` (None: all,
    for a download), each with its reasons strongest first (as priority.reasons has them)."""
    where, params = _where(filters)
    total = int(store.scalar(f"SELECT count(*) FROM priority_entry WHERE {where}", params))
    window = "LIMIT ? OFFSET ?" if limit is not None else "OFFSET ?"
    rows = store.rows(f"""
        WITH listed AS (
            SELECT rank, actor_type, id, internal_id, name, score, members FROM priority_entry
            WHERE {where} ORDER BY rank {window}
        ), summed AS (
            SELECT r.actor_type, r.id, r.indicator_id, sum(r.weight) AS weight,
                   sum(r.evidence_rows) AS evidence_rows
            FROM priority_reason r
            SEMI JOIN listed l ON l.actor_type = r.actor_type AND l.internal_id = r.id
            GROUP BY ALL
        )
        SELECT l.rank, l.actor_type, l.id, l.name, l.score, l.members,
               list(struct_pack(i := s.indicator_id, w := s.weight, e := s.evidence_rows)
                    ORDER BY s.weight DESC, s.indicator_id)
                   FILTER (WHERE s.indicator_id IS NOT NULL)
        FROM listed l LEFT JOIN summed s ON s.actor_type = l.actor_type AND s.id = l.internal_id
        GROUP BY ALL ORDER BY l.rank""",
                      [*params, *([limit] if limit is not None else []), offset])
    return Page([Row(rank, actor_type, id_, name, score, members or [],
                     [Reason(*reason.values()) for reason in reasons or []])
                 for rank, actor_type, id_, name, score, members, reasons in rows], total)


@dataclass(frozen=True)
class IndicatorCount:
    indicator: str
    status: str
    """assessed or insufficient_data (indicator_status)."""
    reason: str | None
    hits: int
    """Actors with a hit, listed or not."""
    listed: int
    """Entries of the priority list the indicator is a reason for."""


def indicator_counts(store: Store) -> list[IndicatorCount]:
    """Every indicator that ran, by id, with its state, its hits and its listed entries."""
    rows = store.rows("""
        SELECT s.indicator_id, s.status, s.reason, s.hits, count(e.id)
        FROM indicator_status s
        LEFT JOIN priority_entry e ON list_contains(e.indicators, s.indicator_id)
        GROUP BY ALL ORDER BY s.indicator_id""")
    return [IndicatorCount(*row) for row in rows]
