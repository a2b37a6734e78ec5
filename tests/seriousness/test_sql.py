"""Privacy by design: the check's SQL reads only the public registers of PUBLIC_TABLES."""

from __future__ import annotations

import sqlglot
from sqlglot import exp

from akrim.seriousness.check import PUBLIC_TABLES, queries


def tables_read(sql: str) -> set[str]:
    """The tables a statement reads, its own CTEs left out."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    return {table.name for table in tree.find_all(exp.Table)} - ctes


def test_the_queries_read_only_public_registers() -> None:
    read = {name: tables_read(sql) for name, sql in queries().items()}
    assert sorted(read) == ["approval", "registers", "role_bankruptcies", "stop_decisions",
                            "unit"]
    assert set().union(*read.values()) == PUBLIC_TABLES
    # Widening the allowlist is a privacy decision: it must change this test too.
    assert sorted(PUBLIC_TABLES) == ["enhet", "godkjenning", "rolle", "stansingsvedtak",
                                     "underenhet"]


def test_the_parse_catches_a_non_public_table_behind_a_cte() -> None:
    sql = ("WITH owed AS (SELECT organisasjonsnummer FROM restanse) "
           "SELECT * FROM enhet JOIN owed USING (organisasjonsnummer)")
    assert tables_read(sql) - PUBLIC_TABLES == {"restanse"}
