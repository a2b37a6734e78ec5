"""Where a load's rows wait until it publishes.

A load's source records and typed rows are written batch by batch to Parquet files in the
store's staging folder, one folder per staged relation (`stg_record`, `stg_<table>`), and the
store sees each folder through a view of the same name. The keys of held rows (`held_<table>`),
the quarantine (`stg_quarantine`) and the files (`stg_source_file`) are few and stay small
tables of the store.

Why files rather than tables of the store: an autocommitted append to a table writes its rows
uncompressed to the write-ahead log and syncs it, and a checkpoint writes them once more,
compressed, only for publishing to throw them away; that took a national a-melding batch 1.2-2
s, one batch at a time. A Parquet file is compressed once, needs no commit, and each batch
writes its own, in any order. Nothing of it is in the store's tables: a failed or killed load
leaves them as they were, and the next load removes the folder and the views (`drop`).

A file is written under a temporary name and renamed once whole, so a view never reads half a
file, even after a kill.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
from collections.abc import Collection
from pathlib import Path

import pyarrow as pa

from akrim.store.engine import Store
from akrim.store.history import row_hash_sql
from akrim.store.schema import TABLE_BY_NAME, column_list

Columns = tuple[tuple[str, str], ...]

SCHEMA_FILE = "schema.parquet"
"""An empty file in each folder: it gives the view its columns before any batch is written."""
RECORD_COLUMNS: Columns = (
    ("record_id", "VARCHAR"), ("file_id", "INTEGER"), ("line", "BIGINT"), ("payload", "VARCHAR"))
"""The columns of `stg_record`, as those of `source_record`."""


def drop(store: Store, *, files: bool = True) -> None:
    """Drop the staging views and tables of this load, or those a killed load left behind, and
    (with `files`) the staging folder. A publishing load drops the views and tables within its
    transaction and the files after it has committed."""
    for name, kind in store.rows(
        "SELECT table_name, table_type FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_catalog = current_database() "
        "AND (starts_with(table_name, 'stg_') OR starts_with(table_name, 'held_'))"
    ):
        store.execute(f"DROP {'VIEW' if kind == 'VIEW' else 'TABLE'} main.{name}")
    if files:
        shutil.rmtree(store.staging_folder, ignore_errors=True)


class Staging:
    """A load's staging: a folder and a view per staged relation, the small tables, and the
    statements that write a batch (from a relation on a connection of the loader's store)."""

    def __init__(self, store: Store, tables: Collection[str]) -> None:
        self.store = store
        self.folder = store.staging_folder
        self.specs = {name: TABLE_BY_NAME[name] for name in sorted(tables)}
        self.selects: dict[str, str] = {}
        self._parts = itertools.count()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self._staged("stg_record", RECORD_COLUMNS,
                     "SELECT record_id, file_id, line, payload FROM {source}")
        for spec in self.specs.values():
            rounded = ", ".join(
                f"round({name}, 2)::DECIMAL(12,2) AS {name}" if sqltype.startswith("DECIMAL")
                else name for name, sqltype in spec.columns)
            self._staged(
                f"stg_{spec.name}", spec.staged_columns(),
                f"SELECT *, {row_hash_sql(spec)} AS row_hash FROM (SELECT {rounded}, "
                "unknown_fields, record_id, line, row_no, file_id FROM {source})")
            store.staging_table(f"held_{spec.name}", spec.held_columns())
        store.staging_table("stg_source_file", "AS SELECT * FROM source_file LIMIT 0")
        store.staging_table("stg_quarantine", "AS SELECT * EXCLUDE (snapshot_id) "
                                              "FROM quarantine LIMIT 0")

    def _staged(self, name: str, columns: Columns, select: str) -> None:
        """A folder with its schema file, and the view `name` of every file in it. `select`
        gives a batch's rows from `{source}`; they are cast to `columns`, so that every file
        has the same types."""
        folder = self.folder / name
        folder.mkdir()
        casts = ", ".join(f"CAST({column} AS {sqltype}) AS {column}"
                          for column, sqltype in columns)
        self.selects[name] = f"SELECT {casts} FROM ({select})"
        self.store.execute(f"CREATE TEMP TABLE staging_schema {column_list(columns)}")
        try:
            self.store.execute(f"COPY (SELECT * FROM staging_schema) TO "
                               f"{_quoted(folder / SCHEMA_FILE)} (FORMAT parquet)")
        finally:
            self.store.execute("DROP TABLE staging_schema")
        self.store.execute(f"CREATE VIEW main.{name} AS SELECT * FROM read_parquet("
                           f"{_quoted(_glob_literal(folder) + '/*.parquet')})")

    def write(self, name: str, source: str, store: Store | None = None) -> int:
        """Write the rows of `source` (a relation with the staged columns, `file_id` included;
        on `store`, a cursor of the loader's store, if given) to a new file of `name`; return
        how many."""
        on = store or self.store
        final = self.folder / name / f"{next(self._parts):09d}.parquet"
        partial = final.with_suffix(".parquet.partial")
        select = self.selects[name].replace("{source}", source)
        count = on.execute(f"COPY ({select}) TO {_quoted(partial)} (FORMAT parquet)"
                           ).fetchall()[0][0]
        os.replace(partial, final)
        return int(count)

    def add(self, table: str, batch: pa.Table, file_id: int) -> None:
        """Stage an Arrow batch of a table's rows (`arrow_schema`) read from `file_id`."""
        self._add_arrow(f"stg_{table}", batch, file_id)

    def add_records(self, records: pa.Table, file_id: int) -> None:
        """Stage an Arrow batch of source records (`RECORD_SCHEMA`) read from `file_id`."""
        self._add_arrow("stg_record", records, file_id)

    def _add_arrow(self, name: str, batch: pa.Table, file_id: int) -> None:
        self.store.con.register("arrow_batch", batch)
        try:
            self.write(name, f"(SELECT *, {file_id} AS file_id FROM arrow_batch)")
        finally:
            self.store.con.unregister("arrow_batch")

    def hold(self, held: list[tuple[str, tuple[object, ...]]]) -> None:
        by_table: dict[str, list[tuple[object, ...]]] = {}
        for table, key in held:
            by_table.setdefault(table, []).append(key)
        for table, keys in by_table.items():
            marks = ", ".join("?" for _ in self.specs[table].key)
            self.store.execute_many(f"INSERT INTO held_{table} VALUES ({marks})", keys)


def _glob_literal(path: Path) -> str:
    """`path` as a glob pattern that matches only itself: each `[`, `*` and `?` in it (a data
    directory may be named `akrim[2]`) as a class of that one character."""
    return re.sub(r"([\[*?])", r"[\1]", str(path))


def _quoted(path: Path | str) -> str:
    return "'" + str(path).replace("'", "''") + "'"

