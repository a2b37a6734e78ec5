"""The thin engine layer: one DuckDB file per data directory, and the SQL that runs on it.

Analytical SQL is written in DuckDB's dialect; `translate` renders it for PostgreSQL or Spark with
sqlglot so that the same statements can run there when one machine is not enough.
"""

from __future__ import annotations

import copy
import functools
import re
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from akrim.errors import StoreUnavailable
from akrim.store.bookkeeping import DUCKDB_BOOKKEEPING_DDL, DUCKDB_SOURCE_RECORD_DDL
from akrim.store.schema import TABLES

if TYPE_CHECKING:
    import pyarrow as pa


def statements(script: str) -> list[str]:
    """The statements of a SQL file, each ended by a semicolon at the end of a line (so such a
    semicolon must not end a comment line)."""
    return [s for s in script.split(";\n") if s.strip()]


def named_statements(script: str) -> dict[str, str]:
    """The statements of a SQL file by name: each has a line `-- name: NAME` (a capability
    keeps its queries in one file, and its code asks for them by name)."""
    named = {}
    for statement in statements(script):
        name = marked(statement, "-- name:")
        if name is None:
            raise ValueError(f"a statement without a '-- name:' line: {headline(statement)}")
        named[name] = statement
    return named


def marked(statement: str, marker: str) -> str | None:
    """What follows `marker` on the statement's line that starts with it (None: no such line)."""
    line = next((line for line in statement.splitlines() if line.strip().startswith(marker)),
                None)
    return line.strip().removeprefix(marker).strip() if line is not None else None


QUERY_MARK_REASON = ("DuckDB reads '?' in a database's path as the start of its options and "
                     "opens another file; choose a data directory without '?'")

SLOW_STATEMENT_S = 1.0
"""Statements that take at least this long are kept in `Store.slow_statements`."""
ROWS_OF_VALUES = re.compile(r"(?P<insert>.*)\bVALUES\s*\((?:\s*\?\s*,)*\s*\?\s*\)\s*",
                            re.DOTALL | re.IGNORECASE)
"""`INSERT ... VALUES (?, ...)`: a statement `Store.execute_many` runs for all its rows at once."""


def statement_text(sql: str | duckdb.Statement) -> str:
    """A statement's SQL, whether given as text or parsed."""
    return sql if isinstance(sql, str) else sql.query


def headline(sql: str, width: int = 100) -> str:
    """A statement as one short line: its code without comments, whitespace collapsed."""
    code = re.sub(r"--[^\n]*", " ", sql)
    return " ".join(code.split())[:width]


def translate(sql: str, dialect: str) -> str:
    """Render DuckDB-dialect SQL for another engine ('postgres', 'spark', ...)."""
    if dialect == "duckdb":
        return sql
    import sqlglot  # a third of a second to import, for a translation no command makes

    return ";\n".join(sqlglot.transpile(sql, read="duckdb", write=dialect, pretty=True))


SIZE_UNITS = {
    **dict.fromkeys(("", "b", "byte", "bytes"), 1),
    **dict.fromkeys(("k", "kb", "kilobyte", "kilobytes"), 10**3),
    **dict.fromkeys(("m", "mb", "megabyte", "megabytes"), 10**6),
    **dict.fromkeys(("g", "gb", "gigabyte", "gigabytes"), 10**9),
    **dict.fromkeys(("t", "tb", "terabyte", "terabytes"), 10**12),
    "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40,
}
"""The units DuckDB's `memory_limit` takes ("8G" and "8GB" alike are 8 * 10**9 bytes)."""


def _arrow_columns(rows: Sequence[Sequence[Any]]) -> pa.Table | None:
    """The rows as an Arrow table of their columns (`c0`, `c1`, ...), each typed by Arrow from
    its values; None when a column's values have no one type. Arrow is imported here: `akrim
    top` reads the store without it."""
    import pyarrow as pa

    try:
        return pa.Table.from_arrays([pa.array(column) for column in zip(*rows, strict=True)],
                                    names=[f"c{n}" for n in range(len(rows[0]))])
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        return None


def size_bytes(size: str) -> int:
    """Bytes in a size as DuckDB's settings take it ("8GB" is 8 * 10**9, "6GiB" 6 * 2**30)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", size)
    if not match or match.group(2).lower() not in SIZE_UNITS:
        raise ValueError(f"not a size: {size!r} (e.g. 8GB, 6GiB)")
    return int(float(match.group(1)) * SIZE_UNITS[match.group(2).lower()])


class Store:
    """The analytical store: source records, dated register history, quarantine."""

    def __init__(self, path: Path | str, *, memory_limit: str = "8GB", read_only: bool = False):
        self.path = Path(path)
        self.memory_limit = memory_limit
        self.slow_after = SLOW_STATEMENT_S
        self.slow_statements: list[tuple[float, str]] = []
        """(seconds, headline) of each statement run by `execute` that took `slow_after`
        seconds or more, in order: where a long run spent its time."""
        if "?" in str(path):  # before anything is made: DuckDB would open another file
            raise StoreUnavailable(self.path, QUERY_MARK_REASON)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if read_only and not self.path.exists():
            self.con = duckdb.connect(":memory:")
        else:
            self.con = duckdb.connect(str(path), read_only=read_only)
        self.con.execute(f"SET memory_limit = '{memory_limit}'")
        self.con.execute("SET preserve_insertion_order = false")
        if str(path) != ":memory:" and not read_only:
            self.con.execute(f"SET temp_directory = '{self.path.parent / 'tmp'}'")
        if not read_only or not self.path.exists():
            self.create_schema()

    def create_schema(self) -> None:
        for statement in DUCKDB_BOOKKEEPING_DDL:
            self.con.execute(statement)
        self._compress_source_records()
        for spec in TABLES:
            self.con.execute(spec.ddl())

    def _compress_source_records(self) -> None:
        """Rebuild, once and all or nothing, the `source_record` of a store made before its
        payload was stored compressed (`akrim.store.bookkeeping.DUCKDB_STORAGE`): DuckDB
        cannot change a column's compression in place."""
        made_as = self.con.execute(
            "SELECT sql FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' AND table_name = 'source_record'").fetchall()[0][0]
        if "USING COMPRESSION ZSTD" in made_as.upper():
            return
        with self.transaction():
            self.con.execute("ALTER TABLE source_record RENAME TO source_record_uncompressed")
            self.con.execute(DUCKDB_SOURCE_RECORD_DDL)
            self.con.execute("INSERT INTO source_record SELECT * FROM source_record_uncompressed")
            self.con.execute("DROP TABLE source_record_uncompressed")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: an exception (or a killed process) leaves the store as before."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def temp_table(self, name: str, definition: str) -> None:
        """(Re)create a temporary table: `definition` is `(columns)` or `AS SELECT ...`.

        DROP + CREATE rather than DuckDB's CREATE OR REPLACE, so the statement also runs on
        PostgreSQL."""
        self.execute(f"DROP TABLE IF EXISTS {name}")
        self.execute(f"CREATE TEMP TABLE {name} {definition}")

    def staging_table(self, name: str, definition: str) -> None:
        """(Re)create a regular table in the store file for a load's small staging (held keys,
        quarantine rows, files): filled by autocommitted appends, it outlives a killed load for
        the next load to drop. The bulk of a load is staged in files (`akrim.ingest.staging`);
        DuckDB keeps temporary tables, and a transaction's own appends, uncompressed in memory."""
        self.execute(f"DROP TABLE IF EXISTS main.{name}")
        self.execute(f"CREATE TABLE main.{name} {definition}")

    @functools.cached_property
    def staging_folder(self) -> Path:
        """Where a load stages its files (`akrim.ingest.staging`): `staging/` beside the store
        file, or a temporary folder of its own for an in-memory store."""
        if str(self.path) == ":memory:":
            return Path(tempfile.mkdtemp(prefix="akrim-staging-"))
        return self.path.parent / "staging"

    def cursor(self) -> Store:
        """Another connection to the same database, for another thread: its own transaction,
        temporary tables and registered relations; settings and functions are shared."""
        other = copy.copy(self)
        other.con = self.con.cursor()
        return other

    def execute(self, sql: str | duckdb.Statement,
                params: Sequence[Any] | Mapping[str, Any] | None = None
                ) -> duckdb.DuckDBPyConnection:
        """Run one statement, as text or parsed once (`duckdb.extract_statements`) to be run
        many times; `params` are positional (?) or named ($name)."""
        started = time.perf_counter()
        result = self.con.execute(sql, params or [])
        seconds = time.perf_counter() - started
        if seconds >= self.slow_after:
            self.slow_statements.append((seconds, headline(statement_text(sql))))
        return result

    def run_script(self, script: str, params: Mapping[str, Any] | None = None) -> None:
        """Run a SQL file's statements in order, each given the named params it uses."""
        for statement in statements(script):
            used = {k: v for k, v in (params or {}).items() if f"${k}" in statement}
            self.execute(statement, used or None)

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run `sql` for each row; nothing to do for no rows (DuckDB refuses an empty list).

        An `INSERT ... VALUES (?, ...)` inserts all its rows at once, from an Arrow table of
        their columns: DuckDB's `executemany` runs the statement once per row, a quarter of a
        millisecond each (a day's change feed of 3,000 enheter spent 6.3 of its 8.6 s there),
        and a long `VALUES` list binds each value alone (10 µs a value). Rows whose columns
        Arrow cannot type alike (a text beside a number) go row by row, as before."""
        if not rows:
            return
        found = ROWS_OF_VALUES.fullmatch(sql)
        columns = _arrow_columns(rows) if found else None
        if found is None or columns is None:
            self.con.executemany(sql, rows)
            return
        self.con.register("akrim_rows", columns)
        try:
            self.con.execute(f"{found['insert']} SELECT * FROM akrim_rows")
        finally:
            self.con.unregister("akrim_rows")

    def rows(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None
             ) -> list[tuple[Any, ...]]:
        return self.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None) -> Any:
        rows = self.execute(sql, params).fetchall()  # fetchone leaves the result open
        return rows[0][0] if rows else None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
