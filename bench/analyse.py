"""Speed of `akrim analyse` on a loaded store: each indicator against the floor of its inputs.

    .venv/bin/python bench/analyse.py DATA_DIR [--relink] [--drop-caches]

Runs the analysis as `akrim analyse` does (linkage, network, indicators, priority list) and prints
the slowest SQL statements, the linkage, network and scoring times, the total and the peak
resident memory. Then each indicator again, on a cold cache, beside its floor:
- the floor is what reading the indicator's inputs costs before any logic: every column its SQL
  reads (found in the SQL text with sqlglot, against the store's tables and the shared `ind_*`
  tables the runner builds from `indicators/sql/base.sql`, which count as the indicator's inputs)
  hashed over every row of its table; where sqlglot cannot say, every column of every table
  named in the text (marked `*`);
- base.sql itself is a line of its own (its seconds are in no indicator's), against the floor of
  the registers it reads;
- cold: a fresh DuckDB connection for every measurement, so DuckDB's buffer pool is empty; the
  `ind_*` tables the SQL names are loaded into it from a copy before the clock starts, as they
  sit in memory in a real run. The OS page cache is not dropped, unless the bench runs as root
  with `--drop-caches` and the kernel lets it write /proc/sys/vm/drop_caches before each
  measurement.
Per indicator: hits, seconds of the real run (with its sufficiency checks, warm), seconds cold
(its evidence SQL alone), floor seconds and the ratio cold / floor. A ratio below 1 says the SQL
read less than every row of its inputs (a filter on sorted data, an empty side of a join); on a
tiny bundle the figures are milliseconds and mostly noise. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import tempfile
import time
from collections.abc import Callable
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import traverse_scope
from sqlglot.schema import MappingSchema

from akrim.indicators.catalogue import by_id, config
from akrim.indicators.runner import EVIDENCE_COLUMNS, run_indicators
from akrim.pipeline import link
from akrim.scoring.priority import build_priority
from akrim.settings import Settings
from akrim.store.engine import Store

SLOWEST = 25
BASE_SQL = (files("akrim.indicators") / "sql" / "base.sql").read_text(encoding="utf-8")
DROP_CACHES = Path("/proc/sys/vm/drop_caches")

Schema = dict[str, dict[str, str]]
Reads = dict[str, tuple[str, ...] | None]
"""Table -> the columns read, sorted; None: every column (sqlglot could not say)."""


def _named(sql: str) -> set[str]:
    return set(re.findall(r"\b[a-z_][a-z0-9_]*\b", sql.lower()))


def _created(sql: str) -> set[str]:
    """The tables a script creates (base.sql's `ind_*`): its products, not its inputs."""
    return set(re.findall(r"\bcreate\s+(?:or\s+replace\s+)?temp(?:orary)?\s+table\s+(\w+)",
                          sql.lower()))


def reads(sql: str, schema: Schema) -> tuple[Reads, bool]:
    """The tables of `schema` that `sql` (one statement or a script) reads, with their columns,
    and whether sqlglot worked them out (else: every table named in the text, all columns)."""
    inputs = set(schema) - _created(sql)
    try:
        # a copy, typed as sqlglot declares it
        mapping = MappingSchema({t: c for t, c in schema.items()}, dialect="duckdb")
        found: dict[str, set[str]] = {}
        for tree in sqlglot.parse(sql, read="duckdb"):
            if tree is None:
                continue
            for scope in traverse_scope(qualify(tree, schema=mapping, dialect="duckdb",
                                                validate_qualify_columns=False)):
                for source in scope.sources.values():
                    if isinstance(source, exp.Table):
                        found.setdefault(source.name, set())
                for column in scope.columns:
                    origin = scope.sources.get(column.table)
                    if isinstance(origin, exp.Table):
                        found.setdefault(origin.name, set()).add(column.name)
        return {t: tuple(sorted(c & set(schema[t]))) for t, c in sorted(found.items())
                if t in inputs}, True
    except SqlglotError:
        return {t: None for t in sorted(inputs & _named(sql))}, False


def floor_sql(table: str, columns: tuple[str, ...] | None) -> str:
    """Read `columns` (None: all) of every row of `table`, hashing them so none is skipped."""
    if columns is None:
        return f"SELECT sum(hash(t)) FROM {table} t"
    if not columns:  # only its rows are counted (or it is only joined for existence)
        return f"SELECT count(*) FROM {table}"
    return f"SELECT sum(hash({', '.join(columns)})) FROM {table}"


def export_temp_tables(store: Store, path: Path) -> Schema:
    """Copy the connection's temporary tables (the runner's `ind_*`) into a DuckDB file at
    `path`; their schema."""
    names = [r[0] for r in store.rows(
        "SELECT table_name FROM duckdb_tables() WHERE temporary ORDER BY table_name")]
    store.execute(f"ATTACH '{path}' AS bench_copy")
    for name in names:
        store.execute(f"CREATE TABLE bench_copy.{name} AS SELECT * FROM temp.{name}")
    store.execute("DETACH bench_copy")
    return _schema(store, "database_name = 'temp'")


def _schema(store: Store, where: str) -> Schema:
    schema: Schema = {}
    for table, column, kind in store.rows(
            f"SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE {where}"):
        schema.setdefault(table, {})[column] = kind
    return schema


class Cold:
    """Measurements on a cold cache, each on a fresh read-only connection to the store."""

    def __init__(self, settings: Settings, copy: Path, temp_tables: set[str],
                 drop_caches: bool) -> None:
        self.settings, self.copy, self.temp_tables = settings, copy, temp_tables
        self.drop_caches = drop_caches

    def _drop(self) -> None:
        os.sync()
        try:
            DROP_CACHES.write_text("3\n")
        except OSError as error:
            print(f"--drop-caches: {DROP_CACHES} not written ({error}); OS page cache kept")
            self.drop_caches = False

    def seconds(self, sql: str, work: Callable[[Store], None]) -> float:
        """Seconds `work` takes on a fresh connection holding the `ind_*` tables `sql` names."""
        if self.drop_caches:
            self._drop()
        named = (_named(sql) - _created(sql)) & self.temp_tables
        with Store(self.settings.analytical_db, memory_limit=self.settings.memory_limit,
                   read_only=True) as store:
            store.execute(f"ATTACH '{self.copy}' AS bench_copy (READ_ONLY)")
            for name in sorted(named):
                store.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM bench_copy.{name}")
            store.execute("DETACH bench_copy")
            started = time.perf_counter()
            work(store)
            return time.perf_counter() - started

    def floor(self, sql: str, inputs: Reads) -> float:
        def scan(store: Store) -> None:
            for table, columns in inputs.items():
                store.scalar(floor_sql(table, columns))
        return self.seconds(sql, scan)


def _evidence(sql: str, params: dict[str, Any]) -> Callable[[Store], None]:
    """The indicator's evidence rows, kept as the runner keeps them (materialised)."""
    used = {k: v for k, v in params.items() if f"${k}" in sql}  # DuckDB refuses unused ones

    def run(store: Store) -> None:
        store.execute(f"CREATE TEMP TABLE bench_evidence AS SELECT "
                      f"{', '.join(EVIDENCE_COLUMNS)} FROM ({sql}) WHERE actor_id IS NOT NULL",
                      used or None)
    return run


def _base(store: Store) -> None:
    store.run_script(BASE_SQL, {"window_months": config()["window_months"]})


def _line(label: str, hits: str, run: str, cold: float, floor: float | None,
          exact: bool) -> str:
    ratio = f"{cold / floor:.1f}x" if floor else "-"
    floor_text = "-" if floor is None else f"{floor:.3f}" + ("" if exact else "*")
    return f"{label:<32}{hits:>7}{run:>8}{cold:>8.3f}{floor_text:>10}{ratio:>8}"


def _reads_text(inputs: Reads) -> str:
    return "; ".join(f"{t}({'*' if c is None else ', '.join(c) or 'rows'})"
                     for t, c in inputs.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--relink", action="store_true",
                        help="rebuild linkage (every record scored again) and network")
    parser.add_argument("--drop-caches", action="store_true",
                        help="as root: drop the OS page cache before each cold measurement")
    args = parser.parse_args()
    settings = Settings(data_dir=args.data_dir)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=settings.data_dir) as scratch:
        copy = Path(scratch) / "ind_tables.duckdb"
        with Store(settings.analytical_db, memory_limit=settings.memory_limit) as store:
            outcome = link(store, settings, force=args.relink, full=args.relink)
            linked = time.perf_counter()
            runs = run_indicators(store)
            indicators = time.perf_counter()
            entries = build_priority(store)
            scored = time.perf_counter()
            slowest, slow_after = list(store.slow_statements), store.slow_after
            as_of: date = store.scalar("SELECT max(as_of) FROM snapshot") or date.today()
            temp_schema = export_temp_tables(store, copy)
            schema = {**_schema(store, "database_name <> 'temp' AND NOT internal"),
                      **temp_schema}
        print(f"slowest statements (of {len(slowest)} taking {slow_after:.0f} s or more):")
        for seconds, line in sorted(slowest, reverse=True)[:SLOWEST]:
            print(f"{seconds:>8.1f}  {line}")
        cold = Cold(settings, copy, set(temp_schema), args.drop_caches)
        print("\nCold cache: a fresh DuckDB connection per measurement (its buffer pool empty); "
              + ("the OS page cache dropped before each (--drop-caches)." if cold.drop_caches
                 else "the OS page cache is NOT dropped (as root: --drop-caches)."))
        print(f"{'indicator':<32}{'hits':>7}{'run s':>8}{'cold s':>8}{'floor s':>10}"
              f"{'ratio':>8}")
        base_reads, exact = reads(BASE_SQL, schema)
        base_s = cold.seconds(BASE_SQL, _base)
        base_floor = cold.floor(BASE_SQL, base_reads)
        print(_line("base.sql (ind_* tables)", "-", "-", base_s, base_floor, exact))
        measured: dict[str, object] = {"base.sql": {
            "seconds": round(base_s, 3), "floor_s": round(base_floor, 3)}}
        read_lines = [f"base.sql: {_reads_text(base_reads)}"]
        for run in runs:
            label = f"{run.id} {run.key}"
            if run.status != "assessed":
                print(f"{label:<32}{'-':>7}{run.seconds:>8.3f}  not assessed: {run.reason}")
                continue
            indicator = by_id(run.id)
            inputs, exact = reads(indicator.sql, schema)
            params = {**indicator.params, "as_of": as_of}
            seconds = cold.seconds(indicator.sql, _evidence(indicator.sql, params))
            floor = cold.floor(indicator.sql, inputs) if inputs else None
            print(_line(label, str(run.hits), f"{run.seconds:.3f}", seconds, floor, exact))
            read_lines.append(f"{label}: {_reads_text(inputs)}")
            measured[run.id] = {"hits": run.hits, "run_s": run.seconds,
                                "seconds": round(seconds, 3),
                                "floor_s": None if floor is None else round(floor, 3),
                                "ratio": round(seconds / floor, 2) if floor else None}
        print("\nwhat each floor reads (* every column: sqlglot could not tell):")
        for line in read_lines:
            print(f"  {line}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    totals = {
        "data_dir": str(args.data_dir),
        "linkage_s": outcome.linkage.seconds if outcome.linkage else 0.0,
        "linkage_phases_s": outcome.linkage.phases if outcome.linkage else {},
        "network_s": outcome.network.seconds if outcome.network else 0.0,
        "network_phases_s": outcome.network.phases if outcome.network else {},
        "serving_s": outcome.serving_seconds,
        "mentions_s": outcome.mentions.seconds if outcome.mentions else 0.0,
        "link_total_s": round(linked - started, 1),
        "indicators_s": round(indicators - linked, 1),
        "scoring_s": round(scored - indicators, 1),
        "total_s": round(scored - started, 1),
        "entries": entries,
        "peak_rss_gib": round(peak, 2),
        "cold_cache": "duckdb+os" if cold.drop_caches else "duckdb",
        "indicators": measured,
    }
    print(json.dumps(totals))


if __name__ == "__main__":
    main()
