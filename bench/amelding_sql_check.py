"""PROTOTYPE check: the SQL a-melding staging (`bench/amelding_sql.py`) against the Python reader.

Usage:
    .venv/bin/python bench/amelding_sql_check.py compare [--no-row-numbers] FILE...  # diffed
    .venv/bin/python bench/amelding_sql_check.py time [--warm] FILE...  # alternating: wall, CPU
    .venv/bin/python bench/amelding_sql_check.py mutate SEED SOURCE OUT  # a file with bad values

`compare` stops each load at publishing and diffs what the two readers staged (rows, records,
held keys, quarantine), file ids aside. `mutate` takes the first 400 lines of an a-melding file and
replaces values at random by wrong types, bad identifiers and absent fields.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

import amelding_sql
from akrim.ingest import loader
from akrim.ingest.records import ReadContext
from akrim.store.engine import Store
from amelding_sql import OUTPUTS, REGISTER, stage_file


def _patched_stage_file(original: Any, context: ReadContext) -> Any:
    def stage(store: Store, stager: Any, item: Any, batches: Any, sha256: str, progress: Any,
              changes: Any) -> loader.FileReport:
        if item.reader.register != REGISTER:
            return original(store, stager, item, batches, sha256, progress, changes)
        path = item.path
        file_id = int(store.scalar("SELECT nextval('source_file_seq')"))
        store.execute(
            "INSERT INTO stg_source_file VALUES (?, NULL, ?, ?, ?, ?, ?, 0, 0)",
            [file_id, str(path), path.name, REGISTER, sha256, path.stat().st_size],
        )
        records, quarantined = stage_file(store, stager, path, file_id, context)
        store.execute("UPDATE stg_source_file SET records = ?, quarantined = ? WHERE file_id = ?",
                      [records, quarantined, file_id])
        return loader.FileReport(path, REGISTER, records, quarantined)
    return stage


def ingest_sql(store: Store, paths: list[Path], context: ReadContext,
               as_of: date = date(2026, 11, 1)) -> loader.IngestReport:
    original = loader._stage_file
    loader._stage_file = _patched_stage_file(original, context)
    try:
        return loader.ingest(store, paths, as_of=as_of, context=context)
    finally:
        loader._stage_file = original


TABLES_COMPARED = (*OUTPUTS, "record", "quarantine")
ROW_NUMBERS = "--no-row-numbers" not in sys.argv
WARM = "--warm" in sys.argv
"""A row held back by one reader and kept by the other shifts every later row number: leave
them out of the comparison to see the rows themselves."""


class _Stop(Exception):
    pass


def _staged(store: Store) -> dict[str, pa.Table]:
    """The staged rows, kept before the loader drops them (called at publish time)."""
    found = {table: store.con.sql(f"SELECT * EXCLUDE (file_id{extra}) FROM stg_{table}")
             .to_arrow_table() for table in TABLES_COMPARED
             for extra in [", row_no" if table in OUTPUTS and not ROW_NUMBERS else ""]}
    for table in list(OUTPUTS)[1:]:
        found[f"held_{table}"] = store.con.sql(f"FROM held_{table}").to_arrow_table()
    return found


def compare(paths: list[Path], context: ReadContext) -> bool:
    """Stage with both readers and report the rows only one of them staged."""
    same = True
    staged: dict[str, dict[str, pa.Table]] = {}
    with tempfile.TemporaryDirectory() as work, Store(Path(work) / "a.duckdb") as store:
        original = loader._publish
        for prefix in ("py", "sql"):
            def publish(store: Store, *args: Any, prefix: str = prefix) -> int:
                staged[prefix] = _staged(store)
                raise _Stop
            loader._publish = publish
            try:
                if prefix == "sql":
                    ingest_sql(store, paths, context)
                else:
                    loader.ingest(store, paths, as_of=date(2026, 11, 1), context=context)
            except _Stop:
                pass
            finally:
                loader._publish = original
        for table, py_rows in staged["py"].items():
            store.con.register("a", py_rows)
            store.con.register("b", staged["sql"][table])
            only_py = store.scalar("SELECT count(*) FROM (FROM a EXCEPT ALL FROM b)")
            only_sql = store.scalar("SELECT count(*) FROM (FROM b EXCEPT ALL FROM a)")
            print(f"{table:28} {py_rows.num_rows:10,} rows; only Python {only_py}, "
                  f"only SQL {only_sql}")
            if only_py or only_sql:
                same = False
                for row in store.rows("(FROM a EXCEPT ALL FROM b) LIMIT 3"):
                    print("   py :", row)
                for row in store.rows("(FROM b EXCEPT ALL FROM a) LIMIT 3"):
                    print("   sql:", row)
    return same


def timed(paths: list[Path], context: ReadContext, rounds: int = 2) -> None:
    """Each reader loads the files into a fresh store, alternating, `rounds` times.

    With `--warm` the SQL reader keeps its checked values from round to round: what a
    persistent table of checked values would give a month whose people were seen before."""
    if WARM:
        shared = amelding_sql.ValueChecks(context.allow_synthetic)
        amelding_sql.ValueChecks = lambda allow_synthetic: shared  # type: ignore[assignment,misc]
    for round_no in range(rounds):
        for name in ("python", "sql"):
            with tempfile.TemporaryDirectory() as work, Store(Path(work) / "a.duckdb") as store:
                started, cpu = time.perf_counter(), time.process_time()
                for path in paths:
                    if name == "sql":
                        ingest_sql(store, [path], context)
                    else:
                        loader.ingest(store, [path], as_of=date(2026, 11, 1), context=context)
                print(f"round {round_no} {name:7} {time.perf_counter() - started:6.1f} s wall, "
                      f"{time.process_time() - cpu:6.1f} s CPU", flush=True)


BAD_VALUES = ["", " ", None, "x", "12,5", " 7 ", "2025-02-30", "2025-13", "ja", "nei", "J", "1",
              "0", "true", True, False, 0, -3, 1.005, "1e3", "inf", "nan", "12345678901",
              "00000000000", " 868378093 ", "868378094", "2025-11-01T10:00:00Z", "2025-11",
              "20251101", [], {}, 41.5, "\u00a0abc\u2003", "NaN", 3, "-0", "abc\ttab"]


def _mutate(value: Any, rng: random.Random) -> None:
    if isinstance(value, dict):
        for key in list(value):
            draw = rng.random()
            if draw < 0.04:
                del value[key]
            elif draw < 0.10 and not isinstance(value[key], (dict, list)):
                value[key] = rng.choice(BAD_VALUES)
            else:
                _mutate(value[key], rng)
    elif isinstance(value, list):
        for item in value:
            _mutate(item, rng)


def mutate(seed: int, source: Path, out: Path) -> None:
    rng = random.Random(seed)
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(400)]
    written = []
    for line in lines:
        draw = rng.random()
        if draw < 0.01:
            written.append("")
        elif draw < 0.02:
            written.append(json.dumps(rng.choice([[1, 2], {"annet": 1}])))
        else:
            doc = json.loads(line)
            if rng.random() < 0.5:
                _mutate(doc, rng)
            written.append(json.dumps(doc, ensure_ascii=rng.random() < 0.5))
    out.write_text("\n".join(written) + "\n", encoding="utf-8")


def main() -> None:
    mode, *args = [a for a in sys.argv[1:] if a not in ("--no-row-numbers", "--warm")]
    context = ReadContext(allow_synthetic=True)
    if mode == "mutate":
        mutate(int(args[0]), Path(args[1]), Path(args[2]))
    elif mode == "compare":
        sys.exit(0 if compare([Path(a) for a in args], context) else 1)
    else:
        timed([Path(a) for a in args], context)


if __name__ == "__main__":
    main()
