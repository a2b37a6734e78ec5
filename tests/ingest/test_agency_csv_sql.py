"""akrim.ingest.readers.agency_csv: the DuckDB checks of the agency CSV readers, held with
hypothesis to the Python reader they replaced (its rule, per row, is `python_reader` below): the
same values, `unknown_fields`, and quarantine rows, reasons included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import duckdb
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akrim.ingest.checks import Checker
from akrim.ingest.readers.agency_csv import LAYOUTS, READERS
from akrim.ingest.sqlchecks import register_identifier_checks
from akrim.ingest.sqlcodes import register_code_checks
from akrim.store.engine import statements
from akrim.store.schema import TABLE_BY_NAME
from fixtures.shapes import orgnr, person_id

TRICKY = " \t\u00a0\u3000\x00\x1f'\"\\æ,;-:TWZ0123456789١"
VALUES = (st.text(alphabet=st.sampled_from(list(TRICKY)), max_size=12)
          | st.sampled_from(["", "  ", "x", " x ", "2024-02-29", "2023-02-29", "20240101",
                             "2024-W01-1", "2024-01-01T10:00", " 2024-01-01", "0000-01-01",
                             "9999-12-31", "2024-1-1", orgnr(1), f" {orgnr(2)}", orgnr(3)[:-1],
                             "912 345 602", person_id(dt.date(1990, 2, 11)),
                             person_id(dt.date(1990, 2, 11))[:-1] + "0", "41018512470",
                             "01010112345", "\x00x"]))


def python_reader(table: str, row: dict[str, str], line: int, synthetic: bool
                  ) -> tuple[tuple[Any, ...] | None, list[tuple[Any, ...]]]:
    """The Python reader's rule: (the row's values and unknown_fields, or None when held back;
    its quarantine rows). One difference on purpose: a required text blank once trimmed is
    missing (the Python reader kept it as NULL, and the NOT NULL key stopped the load)."""
    check = Checker(line, allow_synthetic=synthetic)
    values = []
    for column, kind, required in LAYOUTS[table]:
        value = row.get(column)
        if kind == "orgnr":
            values.append(check.orgnr(value, column, required=required))
        elif kind == "person":
            values.append(check.person_id(value, column, required=required))
        elif kind == "date":
            values.append(check.date(value, column, required=required))
        else:
            if required:
                check.required(value if value is None or value.strip() else "", column)
            values.append(check.text(value, column))
    problems = [(line, p.field, p.kind, p.reason, p.record_kept) for p in check.problems]
    return ((*values, check.unknown_fields) if check.ok else None), problems


@pytest.fixture(scope="module", params=[False, True], ids=["real", "synthetic"])
def con(request: pytest.FixtureRequest) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    register_identifier_checks(connection, allow_synthetic=request.param)
    register_code_checks(connection)
    connection.execute("SET VARIABLE synthetic = ?", [request.param])
    yield connection
    connection.close()


def duckdb_reader(con: duckdb.DuckDBPyConnection, table: str, payloads: list[str]
                  ) -> tuple[dict[int, tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The SqlReader's rows (by line) and quarantine rows for one batch of row JSON."""
    reader = READERS[table]
    con.execute("CREATE OR REPLACE TEMP TABLE src_batch (line BIGINT, record_id VARCHAR, "
                "raw VARCHAR)")
    con.executemany("INSERT INTO src_batch VALUES (?, 'r', ?)",
                    [(n + 2, raw) for n, raw in enumerate(payloads)])
    for statement in statements(reader.stage):
        con.execute(statement)
    width = len(TABLE_BY_NAME[table].columns)
    kept = {row[width + 2]: row[: width + 1] for row in con.execute(reader.rows[table]).fetchall()}
    return kept, sorted(con.execute(reader.quarantine).fetchall())


def layout_rows(table: str) -> st.SearchStrategy[list[dict[str, str]]]:
    """Rows of a table's file: each column given a value, or left out of the file's header."""
    columns = [column for column, _, _ in LAYOUTS[table]]
    return st.lists(st.fixed_dictionaries({}, optional=dict.fromkeys(columns, VALUES)),
                    min_size=1, max_size=30)


@pytest.mark.parametrize("table", list(LAYOUTS))
def test_layouts_are_the_tables_columns(table: str) -> None:
    assert [column for column, _, _ in LAYOUTS[table]] == list(
        TABLE_BY_NAME[table].column_names)


@settings(max_examples=120, deadline=None)
@given(table=st.sampled_from(list(LAYOUTS)), data=st.data())
def test_checks_as_the_python_reader(con: duckdb.DuckDBPyConnection, table: str,
                                     data: st.DataObject) -> None:
    rows = data.draw(layout_rows(table))
    synthetic = bool(con.execute("SELECT getvariable('synthetic')").fetchone()[0])
    kept, quarantine = duckdb_reader(con, table, [orjson.dumps(row).decode() for row in rows])
    expected_kept, expected_quarantine = {}, []
    for n, row in enumerate(rows):
        values, problems = python_reader(table, row, n + 2, synthetic)
        if values is not None:
            expected_kept[n + 2] = values
        expected_quarantine += problems
    assert kept == expected_kept
    assert quarantine == sorted(expected_quarantine)


def test_a_blank_key_is_missing_not_a_null_key(con: duckdb.DuckDBPyConnection) -> None:
    kept, quarantine = duckdb_reader(con, "tips", [
        orjson.dumps({"tips_id": " \t", "mottatt_dato": "2026-03-01"}).decode(),
        orjson.dumps({"tips_id": "T-1", "mottatt_dato": "2026-03-01"}).decode()])
    assert list(kept) == [3]
    assert quarantine == [(2, "tips_id", "missing_field", "required field tips_id is missing",
                           False)]
