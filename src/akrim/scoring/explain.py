"""`akrim explain`: why an actor is, or is not, on the priority list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from akrim.indicators.catalogue import Indicator, load
from akrim.indicators.runner import HIT, state_of
from akrim.scoring.priority import reasons
from akrim.store.engine import Store


@dataclass(frozen=True)
class Explanation:
    actor_type: str
    id: str
    internal_id: str
    name: str | None
    rank: int | None
    score: float | None
    members: list[str]
    reasons: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    states: list[tuple[Indicator, str]]


def _resolve(store: Store, actor: str) -> tuple[str, str] | None:
    actor = actor.strip()
    row = store.rows("SELECT actor_type, internal_id FROM priority_entry "
                     "WHERE id = ? OR internal_id = ? ORDER BY rank LIMIT 1", [actor, actor])
    if row:
        return row[0][0], row[0][1]
    if len(actor) == 9 and actor.isdigit():
        known = store.scalar("SELECT count(*) FROM (SELECT organisasjonsnummer FROM enhet "
                             "UNION ALL SELECT organisasjonsnummer FROM underenhet) "
                             "WHERE organisasjonsnummer = ?", [actor])
        return ("company", actor) if known else None
    person = store.scalar("SELECT person_id FROM person_alias WHERE identifikator = ?", [actor])
    return ("person", person) if person else None


def explain(store: Store, actor: str) -> Explanation | None:
    found = _resolve(store, actor)
    if found is None:
        return None
    actor_type, internal = found
    entry = store.rows("SELECT id, name, rank, score, members FROM priority_entry "
                       "WHERE actor_type = ? AND internal_id = ?", [actor_type, internal])
    public_id, name, rank, score, members = entry[0] if entry else (actor, None, None, None, [])
    if name is None and actor_type == "company":
        name = store.scalar("SELECT navn FROM enhet WHERE organisasjonsnummer = ? "
                            "AND valid_to IS NULL", [internal])
    subjects = [internal, *(members or [])] if actor_type != "company" else [internal]
    evidence = [dict(zip(("indicator", "actor_id", "period", "detail", "source_table",
                          "source_key"), row, strict=True))
                for row in store.rows(
                    "SELECT indicator_id, actor_id, period, detail, source_table, source_key "
                    "FROM indicator_evidence WHERE actor_id IN (SELECT unnest(?)) "
                    "ORDER BY indicator_id, period DESC NULLS LAST LIMIT 200", [subjects])]
    listed = reasons(store, actor_type, internal)
    # A person carries the hits of the companies it runs (the reason names the company), so an
    # indicator among its reasons is a hit for it, whatever population the indicator judges.
    carried = {r["indicator"] for r in listed}
    states = [(i, HIT if i.id in carried else state_of(store, i, actor_type, internal))
              for i in load() if actor_type != "cluster"]
    return Explanation(actor_type, public_id, internal, name, rank, score, members or [],
                       listed, evidence, states)
