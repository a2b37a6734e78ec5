"""akrim.store.engine: statements of a script, the record of slow ones, and the bookkeeping's
storage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from akrim.errors import StoreUnavailable
from akrim.store.bookkeeping import BOOKKEEPING_DDL
from akrim.store.engine import QUERY_MARK_REASON, Store, headline, size_bytes, statements


def test_statements_split_at_semicolons_that_end_a_line() -> None:
    assert statements("SELECT 1;\nSELECT ';' AS x;\n\n") == ["SELECT 1", "SELECT ';' AS x"]


def test_headline_drops_comments_and_collapses_whitespace() -> None:
    sql = "-- why this table\nCREATE TABLE t AS\n    SELECT 1  -- one\n    AS x"
    assert headline(sql) == "CREATE TABLE t AS SELECT 1 AS x"
    assert len(headline("SELECT " + "x, " * 100 + "y", width=40)) == 40


def test_slow_statements_are_kept_with_their_time() -> None:
    with Store(":memory:") as store:
        store.execute("SELECT 1")
        assert store.slow_statements == []
        store.slow_after = 0.0
        store.execute("CREATE TABLE t AS SELECT range AS x FROM range(10)")
        assert store.scalar("SELECT count(*) FROM t") == 10
        assert [line for _, line in store.slow_statements] == [
            "CREATE TABLE t AS SELECT range AS x FROM range(10)", "SELECT count(*) FROM t"]
        assert all(seconds >= 0 for seconds, _ in store.slow_statements)


def test_size_bytes_reads_a_memory_limit_as_duckdb_does() -> None:
    with Store(":memory:") as store:
        for given in ("8GB", "8G", "8 gb", "1.5GB", "6GiB", "512MiB", "8000MB", "2 gigabytes"):
            store.execute(f"SET memory_limit = '{given}'")
            expected = store.scalar("SELECT current_setting('memory_limit')")
            store.execute(f"SET memory_limit = '{size_bytes(given)}B'")
            assert store.scalar("SELECT current_setting('memory_limit')") == expected, given
    with pytest.raises(ValueError):
        size_bytes("80%")


def _payload_compression(store: Store) -> set[str]:
    return {row[0] for row in store.rows(
        "SELECT compression FROM pragma_storage_info('source_record') "
        "WHERE column_name = 'payload' AND compression <> 'Constant'")}


def test_source_records_are_stored_compressed_with_zstd(tmp_path: Path) -> None:
    with Store(tmp_path / "akrim.duckdb") as store:
        store.execute("INSERT INTO source_record SELECT 'r' || range, 1, range, "
                      "'{\"navn\": \"' || range || '\"}' FROM range(5000)")
        store.execute("CHECKPOINT")
        assert _payload_compression(store) == {"ZSTD"}


def test_a_store_made_before_compression_gets_its_source_records_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "akrim.duckdb"
    old = duckdb.connect(str(path))
    for statement in BOOKKEEPING_DDL:  # as a store was made before: no storage given
        old.execute(statement)
    old.execute("INSERT INTO source_record SELECT 'r' || range, 1, range, 'p' || range "
                "FROM range(5000)")
    old.close()
    with Store(path) as store:
        made_as = store.scalar("SELECT sql FROM duckdb_tables() "
                               "WHERE table_name = 'source_record'")
        assert "USING COMPRESSION ZSTD" in made_as
        assert store.rows("SELECT count(*), sum(line), max(payload) FROM source_record") == [
            (5000, sum(range(5000)), "p999")]
        assert store.scalar("SELECT count(*) FROM duckdb_tables() "
                            "WHERE table_name LIKE 'source_record%'") == 1


def test_a_path_with_a_question_mark_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable) as refused:
        Store(tmp_path / "what?" / "akrim.duckdb")
    assert refused.value.values["reason"] == QUERY_MARK_REASON
    assert list(tmp_path.iterdir()) == []


def test_execute_many_inserts_every_row_as_given() -> None:
    rows = [(f"9{n:08d}", None if n % 3 else dt.date(2026, 1, 1 + n % 28),
             None if n % 5 else ["navn", f"felt{n}"], n * 100 if n % 7 else None)
            for n in range(700)]
    with Store(":memory:") as store:
        store.execute("CREATE TABLE t (id VARCHAR, d DATE, fields VARCHAR[], oere BIGINT)")
        store.execute_many("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
        store.execute_many("INSERT INTO t (id, oere) VALUES (?, ?)", [("x", 1), ("y", None)])
        # Values Arrow cannot type as one column (a number beside a text) go row by row.
        store.execute_many("INSERT INTO t (id, d) VALUES (?, ?)", [(1, "2026-02-01"), ("z", None)])
        store.execute_many("INSERT INTO t (id) VALUES (?)", [])
        assert store.rows("SELECT * FROM t ORDER BY id") == [
            ("1", dt.date(2026, 2, 1), None, None), *sorted(rows), ("x", None, None, 1),
            ("y", None, None, None), ("z", None, None, None)]


def test_execute_many_runs_any_other_statement_once_per_row() -> None:
    with Store(":memory:") as store:
        store.execute("CREATE TABLE t (n INTEGER, m INTEGER)")
        store.execute_many("INSERT INTO t VALUES (?, ?)", [(1, 0), (2, 0)])
        store.execute_many("UPDATE t SET m = ? WHERE n = ?", [(10, 1), (20, 2)])
        assert store.rows("SELECT * FROM t ORDER BY n") == [(1, 10), (2, 20)]
