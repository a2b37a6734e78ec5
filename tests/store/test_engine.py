"""akrim.store.engine: statements of a script, and the record of slow ones."""

from __future__ import annotations

import pytest

from akrim.store.engine import Store, headline, size_bytes, statements


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
