"""PostgreSQL portability of the store's SQL: every TableSpec's DDL and the history merge from
akrim.store.history, rendered with akrim.store.engine.translate(sql, "postgres") and run through
psycopg in a fresh schema of the `postgres_url` database (tests/conftest.py: the local server's
`test` database unless AKRIM_TEST_POSTGRES_URL names another; unreachable fails in CI); the
merge must give what it gives on DuckDB."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import psycopg
import pytest

from akrim.store import history
from akrim.store.engine import Store, translate
from akrim.store.schema import BOOKKEEPING_DDL, TABLE_BY_NAME, TABLES, TableSpec

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg(postgres_url: str) -> Iterator[psycopg.Connection[Any]]:
    schema = f"akrim_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, connect_timeout=5, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
        conn.execute(f"SET search_path TO {schema}")
        try:
            yield conn
        finally:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


class _Result:
    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor

    def fetchone(self) -> tuple[Any, ...] | None:
        if self.cursor.description is None:  # UPDATE/INSERT/DELETE: DuckDB returns the count
            return (self.cursor.rowcount,)
        row: tuple[Any, ...] | None = self.cursor.fetchone()
        return row


class PgStore:
    """The part of `Store` that akrim.store.history uses, on PostgreSQL via `translate`."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn
        self.statements: list[str] = []

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> _Result:
        rendered = translate(sql, "postgres")
        self.statements.append(rendered)
        try:
            return _Result(self.conn.execute(rendered, list(params or [])))
        except psycopg.Error as exc:
            raise AssertionError(
                f"PostgreSQL rejects the translated SQL: {exc}\n--- DuckDB SQL:\n{sql}\n"
                f"--- translated:\n{rendered}") from exc

    def temp_table(self, name: str, definition: str) -> None:
        """As `Store.temp_table`: the statements it runs, rendered for PostgreSQL."""
        self.execute(f"DROP TABLE IF EXISTS {name}")
        self.execute(f"CREATE TEMP TABLE {name} {definition}")

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        for row in rows:
            self.execute(sql, row)

    def scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def rows(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        rendered = translate(sql, "postgres")
        return list(self.conn.execute(rendered, list(params or [])).fetchall())


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.name)
def test_table_ddl_runs_on_postgres(spec: TableSpec, pg: psycopg.Connection[Any]) -> None:
    PgStore(pg).execute(spec.ddl())
    columns = [r[0] for r in pg.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND table_schema = current_schema() ORDER BY ordinal_position", [spec.name])]
    assert columns[: len(spec.column_names)] == list(spec.column_names)


def test_bookkeeping_ddl_runs_on_postgres(pg: psycopg.Connection[Any]) -> None:
    store = PgStore(pg)
    for statement in BOOKKEEPING_DDL:
        store.execute(statement)
    assert store.scalar("SELECT nextval('snapshot_seq')") == 1


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.name)
def test_staging_and_held_tables_run_on_postgres(
    spec: TableSpec, pg: psycopg.Connection[Any]
) -> None:
    store = PgStore(pg)
    store.temp_table(f"stg_{spec.name}", spec.staging_columns())
    store.temp_table(f"held_{spec.name}", spec.held_columns())
    store.execute(f"INSERT INTO stg_{spec.name} (record_id) VALUES ('r1')")
    store.temp_table(f"stg_{spec.name}", spec.staging_columns())  # again: replaces
    assert store.scalar(f"SELECT count(*) FROM stg_{spec.name}") == 0
    with Store(":memory:", memory_limit="1GB") as duck:
        for name, definition in ((f"stg_{spec.name}", spec.staging_columns()),
                                 (f"held_{spec.name}", spec.held_columns())):
            duck.temp_table(name, definition)
            expected = [r[0] for r in duck.rows(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [name])]
            # the temporary table, found through the search path as the loader's SQL finds it
            assert [r[0] for r in pg.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass "
                "AND attnum > 0 AND NOT attisdropped ORDER BY attnum", [name])] == expected


def _stage(spec: TableSpec, store: Store | PgStore, staged: list[dict[str, Any]],
           held: Sequence[tuple[Any, ...]] = ()) -> None:
    store.temp_table(f"stg_{spec.name}", spec.staging_columns())
    store.temp_table(f"held_{spec.name}", spec.held_columns())
    for n, values in enumerate(staged):
        names = [*values, "record_id", "line", "row_no", "file_id"]
        marks = ", ".join("?" for _ in names)
        store.execute(f"INSERT INTO stg_{spec.name} ({', '.join(names)}) VALUES ({marks})",
                      [*values.values(), f"r{n}", n + 1, n, 1])
    store.execute(f"UPDATE stg_{spec.name} SET row_hash = {history.row_hash_sql(spec)}")
    for key in held:
        marks = ", ".join("?" for _ in key)
        store.execute(f"INSERT INTO held_{spec.name} VALUES ({marks})", list(key))


E = "organisasjonsnummer"
SNAPSHOTS: dict[str, list[tuple[dt.date, list[dict[str, Any]], list[tuple[Any, ...]]]]] = {
    "enhet": [
        (dt.date(2026, 3, 31), [
            {E: "912345009", "navn": "UENDRET AS", "antall_ansatte": 5, "konkurs": False,
             "registreringsdato": dt.date(2015, 3, 2)},
            {E: "912345076", "navn": "ENDRES AS", "antall_ansatte": 4, "konkurs": False},
            {E: "912345149", "navn": "FORSVINNER AS", "antall_ansatte": None},
            {E: "912345211", "navn": "HOLDES AS"},
        ], []),
        (dt.date(2026, 6, 30), [
            {E: "912345009", "navn": "UENDRET AS", "antall_ansatte": 5, "konkurs": False,
             "registreringsdato": dt.date(2015, 3, 2)},
            {E: "912345076", "navn": "ENDRES AS", "antall_ansatte": None, "konkurs": True},
            {E: "912345289", "navn": "NY AS", "antall_ansatte": 0},
        ], [("912345211",)]),
    ],
    "restanse": [
        (dt.date(2026, 3, 31), [
            {E: "912345009", "kategori": "forskuddstrekk", "forfalt_og_ubetalt_oere": 100},
            {E: "912345009", "kategori": "gebyr", "forfalt_og_ubetalt_oere": 5},
            {E: "912345076", "kategori": "gebyr", "forfalt_og_ubetalt_oere": 7},
        ], []),
        (dt.date(2026, 6, 30), [  # only 912345009 answered: 912345076 is out of scope
            {E: "912345009", "kategori": "forskuddstrekk", "forfalt_og_ubetalt_oere": 250},
        ], []),
    ],
    "amelding_arbeidsforhold": [
        (dt.date(2026, 9, 30), [
            {"opplysningspliktig": "912345009", "kalendermaaned": "2026-09",
             "meldings_id": "m1", "virksomhet": "912345076", "inntektsmottaker": "x",
             "arbeidsforhold_id": "1", "stillingsprosent": 80, "startdato": dt.date(2024, 1, 1)},
        ], []),
        (dt.date(2026, 10, 31), [
            {"opplysningspliktig": "912345009", "kalendermaaned": "2026-09",
             "meldings_id": "m1", "virksomhet": "912345076", "inntektsmottaker": "x",
             "arbeidsforhold_id": "1", "stillingsprosent": 100,
             "startdato": dt.date(2024, 1, 1)},
        ], []),
    ],
}


def _run(spec: TableSpec, store: Store | PgStore) -> list[tuple[Any, ...]]:
    if isinstance(store, PgStore):
        store.execute(spec.ddl())
    counts = []
    for n, (as_of, staged, held) in enumerate(SNAPSHOTS[spec.name], 1):
        _stage(spec, store, staged, held)
        counts.append(history.merge(store, spec, n, as_of))  # type: ignore[arg-type]
    keys = ", ".join(spec.key)
    found = store.rows(f"SELECT {', '.join(spec.column_names)}, valid_from, valid_to, "
                       f"snapshot_id, record_id, row_hash FROM {spec.name} "
                       f"ORDER BY {keys}, valid_from")
    return [("counts", *counts), *found]


@pytest.mark.parametrize("name", SNAPSHOTS)
def test_history_merge_gives_the_same_result_on_postgres(
    name: str, pg: psycopg.Connection[Any], tmp_path: Path
) -> None:
    spec = TABLE_BY_NAME[name]
    with Store(tmp_path / "akrim.duckdb", memory_limit="1GB") as duck:
        expected = _run(spec, duck)
    actual = _run(spec, PgStore(pg))
    assert actual == expected


def test_quarantine_duplicates_runs_on_postgres(pg: psycopg.Connection[Any]) -> None:
    store = PgStore(pg)
    for statement in BOOKKEEPING_DDL:
        store.execute(statement)
    spec = TABLE_BY_NAME["enhet"]
    store.execute(spec.ddl())
    store.execute("INSERT INTO source_file VALUES (1, 1, 'x', 'enheter_alle.json.gz', "
                  "'brreg.enheter', 'sha', 1, 2, 0)")
    _stage(spec, store, [{E: "912345009", "navn": "EN"}, {E: "912345009", "navn": "TO"}])
    kept = history.quarantine_duplicates(store, spec, 1)  # type: ignore[arg-type]
    assert store.scalar("SELECT count(*) FROM stg_enhet") == 2
    assert store.rows(f"SELECT navn FROM {kept}") == [("EN",)]
    assert store.scalar("SELECT count(*) FROM quarantine WHERE kind = 'duplicate'") == 1
