"""akrim.ingest.readers.skatteetaten_sql: the checks of the DuckDB readers of Skatteetaten's term
responses, held to the Python `Checker` with hypothesis: the same value, problem kind and reason
(a value quoted as Python's `repr` quotes it), for JSON as orjson reads it (the Python readers'
parser: an integer beyond 64 bits is a float)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import duckdb
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akrim.ingest import sqlchecks as c
from akrim.ingest.checks import Checker
from akrim.ingest.readers import skatteetaten_sql as s
from akrim.ingest.sqlchecks import register_identifier_checks
from akrim.ingest.sqlcodes import register_code_checks

FIELD = "f"
TRICKY = " \t\u00a0\u3000\x00'\"\\æ,.-+_0123456789eE²٣nafitrujJ"
strings = st.text(alphabet=st.sampled_from(list(TRICKY)), max_size=12)
numbers = (st.integers(-10**12, 10**12) | st.integers(-10**22, 10**22)
           | st.floats(allow_nan=False, allow_infinity=False)
           | st.decimals(-10**11, 10**11, places=3, allow_nan=False).map(float))
values = (st.none() | st.booleans() | numbers | strings | numbers.map(str)
          | numbers.map(lambda n: str(n).replace(".", ","))
          | st.sampled_from(["", "  ", "2020", " 2020", "1_000", "nan", "inf", "1e400", "jan-feb",
                             "ja", " Nei ", "931725459", "931725458", "310111643"])
          | st.just({"a": 1}) | st.just([1, "x"]) | st.just({}) | st.just([]))


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    register_identifier_checks(connection, allow_synthetic=False)
    register_code_checks(connection)
    yield connection
    connection.close()


def sql(con: duckdb.DuckDBPyConnection, value: Any, *columns: str) -> tuple[Any, ...]:
    """The SQL `columns` over the leaf `v` of `{"v": value}` (`v_j`, `v_s`, `v_t`)."""
    document = json.dumps({} if value is None else {"v": value})
    source = f"(SELECT json_transform({c.quote(document)}, '{{\"v\": \"JSON\"}}').v AS v)"
    query = f"SELECT * FROM {c.leaf_layers(source, '1 AS one', {'v': 'v'})}"
    for n, column in enumerate(columns):
        query = f"SELECT *, {column} AS x{n} FROM ({query})"
    found = con.execute(f"SELECT {', '.join(f'x{n}' for n in range(len(columns)))} "
                        f"FROM ({query})").fetchall()[0]
    return tuple(found)


def verdict(found: str | None) -> tuple[str | None, str | None, str | None]:
    """(value, kind, reason) of a verdict."""
    if found is not None and found.startswith("\x00"):
        kind, reason = found[1:].split("\x1f")[:2]
        return None, kind, reason.replace("\x1e", FIELD)
    return found, None, None


def checker(method: Callable[..., Any], value: Any) -> tuple[Any, str | None, str | None]:
    """The Checker's (value, kind, reason) of the value as the Python reader parsed it."""
    check = Checker(1)
    clean = method(check, orjson.loads(json.dumps({"v": value}))["v"], FIELD)
    if check.problems:
        return None, check.problems[0].kind, check.problems[0].reason
    return clean, None, None


def parseable(value: Any) -> bool:
    try:
        orjson.loads(json.dumps(value))
    except orjson.JSONDecodeError:  # beyond a double: the Python reader stopped at the line
        return False
    return True


@settings(max_examples=500, deadline=None)
@given(values)
def test_oere_as_the_checker(con: duckdb.DuckDBPyConnection, value: Any) -> None:
    if not parseable(value):
        return
    problem, amount = sql(con, value, s.oere("v_j"), s.oere_amount("v_j", "x0"))
    _, kind, reason = verdict(problem)
    assert (amount, kind, reason) == checker(Checker.oere, value)


@settings(max_examples=300, deadline=None)
@given(values)
def test_text_boolean_and_year_as_the_checker(con: duckdb.DuckDBPyConnection,
                                              value: Any) -> None:
    if not parseable(value):
        return
    leaf = c.Leaf.columns("v")
    problem, text = sql(con, value, s.text(leaf), s.text_value(leaf))
    expected = checker(Checker.text, value)
    assert (text if problem is None else None, *verdict(problem)[1:]) == expected
    got = verdict(sql(con, value, s.boolean("v_j"))[0])
    assert (None if got[0] is None else got[0] == "true", *got[1:]) == checker(
        Checker.boolean, value)
    got = verdict(sql(con, value, s.aar(leaf))[0])
    expected = checker(Checker.year, value)
    if expected[1] == "missing_field":
        expected = (None, "missing_field", f"required field {FIELD} is missing")
    assert got == expected


@settings(max_examples=200, deadline=None)
@given(values)
def test_orgnr_and_termin(con: duckdb.DuckDBPyConnection, value: Any) -> None:
    if not parseable(value):
        return
    leaf = c.Leaf.columns("v")
    got = verdict(sql(con, value, s.orgnr(leaf))[0])
    expected = checker(lambda check, v, field: check.orgnr(v, field, required=True), value)
    if expected[1] == "missing_field":
        expected = (None, "missing_field", f"required field {FIELD} is missing")
    assert got == expected
    python = orjson.loads(json.dumps({"v": value}))["v"]
    got = verdict(sql(con, value, s.termin(leaf))[0])
    if python is None or python == "":
        assert got == (None, "missing_field", f"required field {FIELD} is missing")
    elif python in s.TERMINER:
        assert got == (python, None, None)
    else:  # a falsy termin that is no text (0, false, []) is unknown too: it crashed the load
        assert got == (None, "unknown_code", f"unknown termin {python!r}")
