"""The public serving file: what it holds, how it is replaced, and that the check's queries
read it with their indexes and get DuckDB's types back. (Every test in test_check.py also
checks that the serving file gives the store's answer.)"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp

from akrim.demo import bundle_dir
from akrim.seriousness import PUBLIC_TABLES, check, serving
from akrim.seriousness.check import queries
from akrim.seriousness.facts import APPROVAL_REGISTERS, ROLE_NAMES
from akrim.store.engine import Store
from fixtures.storeutil import Cli
from indicators.toolkit import (
    add_enhet,
    add_godkjenning,
    add_role,
    add_stansingsvedtak,
    add_underenhet,
    org,
    settle,
)

KARI = dict(name=("Kari", "Hansen"), born=dt.date(1975, 4, 2))
PARAMS = {"orgnr": org(6), "legal_orgnr": org(1)}


def filled(store: Store) -> Store:
    """A unit with a sub-unit, an approval, a stop decision and a daglig leder who led a
    bankrupt unit: every query has rows."""
    add_enhet(store, org(1), "81.210", registrert_i_mvaregisteret=True, under_avvikling=False,
              under_tvangsavvikling=False, slettedato=dt.date(2025, 1, 1))
    add_underenhet(store, org(6), org(1), nedleggelsesdato=dt.date(2025, 2, 1))
    add_godkjenning(store, org(1))
    add_stansingsvedtak(store, "S1", org(1), opphevet_dato=dt.date(2025, 10, 1))
    add_role(store, org(1), "DAGL", **KARI)
    add_enhet(store, org(2), konkurs=True, konkursdato=dt.date(2021, 3, 5))
    add_role(store, org(2), "DAGL", **KARI)
    settle(store)
    return store


@pytest.fixture
def published(store: Store) -> Path:
    path = store.path.with_name(serving.PUBLIC_FILE)
    serving.publish(filled(store), path)
    return path


def test_the_file_holds_the_public_tables_and_the_columns_read_only(published: Path) -> None:
    assert set(serving.PUBLIC_COLUMNS) == PUBLIC_TABLES
    with sqlite3.connect(published) as connection:
        tables = {name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == PUBLIC_TABLES | {"public_published"}
        for table, columns in serving.PUBLIC_COLUMNS.items():
            found = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            assert tuple(found) == columns


def test_every_column_the_file_holds_is_read_by_a_query() -> None:
    sql = " ".join(queries().values())
    for columns in serving.PUBLIC_COLUMNS.values():
        assert [c for c in columns if not re.search(rf"\b{c}\b", sql)] == []


def test_the_converted_columns_are_the_dates_and_booleans_duckdb_returns(store: Store) -> None:
    filled(store)
    typed: dict[str, str] = {}
    for sql in queries().values():
        cursor = store.con.execute(sql, {k: v for k, v in PARAMS.items() if f"${k}" in sql})
        assert cursor.fetchall(), sql  # every query has rows to compare
        typed |= {name: str(kind) for name, kind, *_ in cursor.description}
    assert {name for name, kind in typed.items() if kind in ("DATE", "BOOLEAN")} == \
        set(serving.CONVERT)
    assert {name for name, to in serving.CONVERT.items() if to is bool} == \
        {name for name, kind in typed.items() if kind == "BOOLEAN"}


def test_the_queries_give_duckdbs_rows_from_the_file(store: Store, published: Path) -> None:
    served = serving.open_public(published)
    assert served is not None
    with served:
        for sql in queries().values():
            assert serving.rows(served, sql, PARAMS) == store.execute(
                sql, {k: v for k, v in PARAMS.items() if f"${k}" in sql}).fetchall()


def test_every_lookup_follows_an_index(published: Path) -> None:
    # Only CTEs, their aliases and constant rows may be scanned; no index SQLite makes on the
    # fly, no Bloom filter built from a scan.
    allowed = {"own", "h", "b", "l", "a", "leading_role", "holders", "approval_register",
               "CONSTANT", "3", "8"}
    with sqlite3.connect(published) as connection:
        for name, sql in queries().items():
            plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", PARAMS)]
            scanned = {m.group(1) for line in plan if (m := re.match(r"SCAN (\w+)", line))}
            assert scanned <= allowed, (name, plan)
            assert not [line for line in plan if "AUTOMATIC" in line or "BLOOM" in line], plan


def _listed(query: str, cte_name: str) -> list[list[str]]:
    """The rows of the VALUES list a query's CTE names."""
    tree = sqlglot.parse_one(queries()[query], read="duckdb")
    cte = next(c for c in tree.find_all(exp.CTE) if c.alias == cte_name)
    values = cte.find(exp.Values)
    assert values is not None
    return [[cell.name for cell in row.expressions] for row in values.expressions]


def test_the_lists_in_the_queries_are_the_named_ones() -> None:
    roles = _listed("role_bankruptcies", "leading_role")
    assert [rolle for rolle, _ in sorted(roles, key=lambda row: int(row[1]))] == \
        list(ROLE_NAMES)
    assert [row[0] for row in _listed("registers", "approval_register")] == \
        list(APPROVAL_REGISTERS)


def test_publishing_again_replaces_the_file_whole(store: Store, published: Path) -> None:
    old = serving.open_public(published)
    assert old is not None
    add_enhet(store, org(3), navn="NY AS")
    settle(store)
    serving.publish(store, published)
    with old:  # a reader of the old file keeps reading it, whole
        assert check(old, org(3)) is None
        assert check(old, org(1)) is not None
    new = serving.open_public(published)
    assert new is not None
    with new:
        found = check(new, org(3))
        assert found is not None and found.name == "NY AS"
    assert sorted(p.name for p in published.parent.glob(f"{published.name}*")) == \
        [serving.PUBLIC_FILE]  # no building file left


def test_a_failed_publish_keeps_the_old_file(store: Store, published: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    before = published.read_bytes()

    def fail(*_: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(serving, "_copy", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        serving.publish(store, published)
    assert published.read_bytes() == before
    assert [p.name for p in published.parent.glob("*.building-*")] == []


def test_refresh_publishes_once_per_snapshot(store: Store, tmp_path: Path) -> None:
    filled(store)
    data_dir = store.path.parent
    assert serving.published_snapshot(serving.public_file(data_dir)) is None
    assert serving.refresh(store, data_dir)
    assert serving.published_snapshot(serving.public_file(data_dir)) == 1
    assert not serving.refresh(store, data_dir)
    store.execute("INSERT INTO snapshot VALUES (2, DATE '2026-02-10', now(), 'test')")
    assert not serving.is_current(store, serving.public_file(data_dir))
    assert serving.refresh(store, data_dir)
    assert serving.published_snapshot(serving.public_file(data_dir)) == 2


def test_a_file_that_is_not_a_serving_file_speaks_for_no_snapshot(tmp_path: Path) -> None:
    other = tmp_path / serving.PUBLIC_FILE
    sqlite3.connect(other).close()
    assert serving.published_snapshot(other) is None
    assert serving.open_public(tmp_path / "none.sqlite") is None


def test_akrim_ingest_publishes_the_serving_file(cli: Cli) -> None:
    assert cli.ingest(bundle_dir()).exit_code == 0
    path = serving.public_file(cli.data_dir)
    assert serving.published_snapshot(path) == 1
    served = serving.open_public(path)
    assert served is not None
    with served, Store(cli.data_dir / "akrim.duckdb", read_only=True) as store:
        numbers = [n for (n,) in served.execute("SELECT organisasjonsnummer FROM enhet")]
        assert len(numbers) == store.scalar("SELECT count(*) FROM enhet") > 0
        assert [check(served, n) for n in numbers] == [check(store, n) for n in numbers]


def test_a_thread_keeps_its_connection_until_a_publish_replaces_the_file(
        store: Store, published: Path) -> None:
    first = serving.connection(published)
    assert first is not None
    assert serving.connection(published) is first
    add_enhet(store, org(3), navn="NY AS")
    settle(store)
    serving.publish(store, published)
    second = serving.connection(published)
    assert second is not None and second is not first
    found = check(second, org(3))
    assert found is not None and found.name == "NY AS"
    with pytest.raises(sqlite3.ProgrammingError):  # the old one was closed
        first.execute("SELECT 1")
    assert serving.connection(published.with_name("none.sqlite")) is None
