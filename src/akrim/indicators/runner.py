"""Run the catalogue over the store: evidence rows, per-actor hits, and what could not be judged.

Results:
- `indicator_evidence`: every evidence row (indicator, actor, period, detail, source table/key);
- `indicator_hit`: one row per indicator and actor with a hit, and the number of evidence rows;
- `indicator_status`: per indicator whether it could be assessed at all (`assessed` or
  `insufficient_data`, with the missing or stale register named), its population and timing.
An actor's state for an indicator is *hit* (in indicator_hit), *insufficient data* (the indicator
was not assessed, or the actor is outside the population the indicator can judge), or *no hit*
(assessed, in the population, no evidence). `state_of` computes it; the three never merge.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from typing import Any

from akrim.indicators import minimum_wage
from akrim.indicators.catalogue import Indicator, config, load
from akrim.store.engine import Store

HIT, NO_HIT, INSUFFICIENT = "hit", "no_hit", "insufficient_data"

EVIDENCE_COLUMNS = ("actor_type", "actor_id", "period", "detail", "source_table", "source_key")

# Who each population holds: the actors an indicator can judge.
POPULATION_SQL = {
    "employers": "SELECT 'company' AS actor_type, organisasjonsnummer AS actor_id "
                 "FROM ind_employer",
    "enheter": "SELECT 'company' AS actor_type, organisasjonsnummer AS actor_id FROM enhet "
               "WHERE valid_to IS NULL UNION SELECT 'company', organisasjonsnummer "
               "FROM underenhet WHERE valid_to IS NULL",
    "persons": "SELECT 'person' AS actor_type, person_id AS actor_id FROM link_person",
}


@dataclass(frozen=True)
class IndicatorRun:
    key: str
    id: str
    status: str
    reason: str | None
    hits: int
    evidence: int
    seconds: float


def _table_exists(store: Store, table: str) -> bool:
    return bool(store.scalar("SELECT count(*) FROM information_schema.tables "
                             "WHERE table_name = ?", [table]))


def sufficiency(store: Store, indicator: Indicator, as_of: date,
                max_age_days: int) -> str | None:
    """None when every register the indicator needs is loaded and fresh; else why not. A
    requirement written `a|b` is met by either register."""
    for requirement in indicator.requires:
        choices = requirement.split("|")
        table = next((t for t in choices if _has_rows(store, t)), None)
        if table is None:
            return " / ".join(f"{t}: {_absence(store, t)}" for t in choices)
        if _table_exists(store, "snapshot") and "valid_from" in _columns(store, table):
            newest = store.scalar(f"SELECT max(valid_from) FROM {table}")
            if newest is not None and (as_of - newest).days > max_age_days:
                return f"{table}: eldre enn {max_age_days} dager / older than {max_age_days} days"
    if indicator.check_sql is not None:
        reason: str | None = store.scalar(indicator.check_sql,
                                          _bind(indicator.check_sql, indicator.params))
        return reason
    return None


def _has_rows(store: Store, table: str) -> bool:
    return _table_exists(store, table) and bool(
        store.scalar(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT 1)"))


def _absence(store: Store, table: str) -> str:
    return "tom / empty" if _table_exists(store, table) else "ikke lest inn / not loaded"


def _columns(store: Store, table: str) -> set[str]:
    return {r[0] for r in store.rows("SELECT column_name FROM information_schema.columns "
                                     "WHERE table_name = ?", [table])}


def _prepare(store: Store) -> None:
    settings = config()
    store.execute("CREATE OR REPLACE TEMP TABLE ind_industry (group_name VARCHAR, prefix VARCHAR)")
    store.execute_many("INSERT INTO ind_industry VALUES (?, ?)", [
        (group, prefix) for group, prefixes in settings["industries"].items()
        for prefix in prefixes])
    minimum_wage.write_rates(store, settings["industries"])
    base = (files("akrim.indicators") / "sql" / "base.sql").read_text(encoding="utf-8")
    store.run_script(base, {"window_months": settings["window_months"]})


def _bind(sql: str, params: dict[str, Any]) -> dict[str, Any] | None:
    used = {k: v for k, v in params.items() if f"${k}" in sql}
    return used or None


def _run_one(store: Store, indicator: Indicator, as_of: date) -> IndicatorRun:
    started = time.perf_counter()
    missing = sufficiency(store, indicator, as_of, config()["max_register_age_days"])
    hits = evidence = 0
    if missing is None:
        columns = ", ".join(EVIDENCE_COLUMNS)
        store.execute(
            f"INSERT INTO indicator_evidence SELECT '{indicator.id}', {columns} "
            f"FROM ({indicator.sql}) WHERE actor_id IS NOT NULL",
            _bind(indicator.sql, {**indicator.params, "as_of": as_of}))
        evidence, hits = store.rows(
            "SELECT count(*), count(DISTINCT (actor_type, actor_id)) FROM indicator_evidence "
            "WHERE indicator_id = ?", [indicator.id])[0]
    seconds = time.perf_counter() - started
    status = "assessed" if missing is None else INSUFFICIENT
    store.execute("INSERT INTO indicator_status VALUES (?, ?, ?, ?, ?, ?, ?)",
                  [indicator.id, indicator.key, status, missing,
                   ",".join(indicator.populations), hits, round(seconds, 3)])
    return IndicatorRun(indicator.key, indicator.id, status, missing, hits, evidence,
                        round(seconds, 3))


def _flag_companies(store: Store, weak: list[Indicator]) -> None:
    """`ind_flagged`: the companies the first pass puts on the priority list, by its entry
    rule (one strong signal or `weak_signals_to_enter` weak ones; scoring/sql/priority.sql),
    and the companies a listed person's evidence is drawn from (Enhetsregisteret rows: the
    bankrupt companies of a repeat bankruptcy), which belong to the same pattern."""
    store.execute("""
        CREATE OR REPLACE TEMP TABLE ind_flagged AS
        WITH entering AS (
            SELECT actor_type, actor_id FROM indicator_evidence GROUP BY ALL
            HAVING bool_or(NOT list_contains($weak, indicator_id))
                OR count(DISTINCT indicator_id) >= $weak_signals_to_enter)
        SELECT actor_id FROM entering WHERE actor_type = 'company'
        UNION
        SELECT unnest(string_split(e.source_key, ',')) FROM indicator_evidence e
        SEMI JOIN entering USING (actor_type, actor_id)
        WHERE e.actor_type = 'person' AND e.source_table = 'enhet'""",
                  {"weak": [i.id for i in weak],
                   "weak_signals_to_enter": int(config()["scoring"]["weak_signals_to_enter"])})


def run_indicators(store: Store, as_of: date | None = None,
                   only: tuple[str, ...] = ()) -> list[IndicatorRun]:
    as_of = as_of or store.scalar("SELECT max(as_of) FROM snapshot") or date.today()
    catalogue = [i for i in load() if not only or i.id in only or i.key in only]
    if any(i.second_pass for i in catalogue):  # they read the first pass's hits
        catalogue = [i for i in load() if not i.second_pass] + [
            i for i in catalogue if i.second_pass]
    with store.transaction():
        _prepare(store)
        store.execute("CREATE OR REPLACE TABLE indicator_evidence (indicator_id VARCHAR, "
                      "actor_type VARCHAR, actor_id VARCHAR, period VARCHAR, detail VARCHAR, "
                      "source_table VARCHAR, source_key VARCHAR)")
        store.execute("CREATE OR REPLACE TABLE indicator_status (indicator_id VARCHAR, "
                      "key VARCHAR, status VARCHAR, reason VARCHAR, population VARCHAR, "
                      "hits BIGINT, seconds DOUBLE)")
        runs = [_run_one(store, i, as_of) for i in catalogue if not i.second_pass]
        _flag_companies(store, [i for i in load() if i.weak])
        runs += [_run_one(store, i, as_of) for i in catalogue if i.second_pass]
        store.execute("""
            CREATE OR REPLACE TABLE indicator_hit AS
            SELECT indicator_id, actor_type, actor_id, count(*) AS evidence_rows
            FROM indicator_evidence GROUP BY ALL""")
        for population, sql in POPULATION_SQL.items():
            store.execute(f"CREATE OR REPLACE TABLE indicator_population_{population} AS {sql}")
    return runs


def state_of(store: Store, indicator: Indicator, actor_type: str, actor_id: str) -> str:
    """hit, no_hit or insufficient_data for one actor (after run_indicators)."""
    status = store.scalar("SELECT status FROM indicator_status WHERE indicator_id = ?",
                          [indicator.id])
    if status != "assessed":
        return INSUFFICIENT
    if store.scalar("SELECT count(*) FROM indicator_hit WHERE indicator_id = ? "
                    "AND actor_type = ? AND actor_id = ?", [indicator.id, actor_type, actor_id]):
        return HIT
    for population in indicator.populations:
        if store.scalar(f"SELECT count(*) FROM indicator_population_{population} "
                        "WHERE actor_type = ? AND actor_id = ?", [actor_type, actor_id]):
            return NO_HIT
    return INSUFFICIENT
