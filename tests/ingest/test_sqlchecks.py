"""akrim.ingest.sqlchecks: the Checker's rules as SQL over JSON leaves, checked against the
Python `Checker` itself with hypothesis: the same clean value, the same problem kind and the same
reason, for JSON strings, numbers, booleans, nulls, objects and lists.

Two narrowings are deliberate and pinned here: a date is `YYYY-MM-DD` only (Python's
`fromisoformat` also takes `YYYYMMDD` and ISO week dates, which the registers' xs:date never
holds), and a decimal in text is digits with one '.' or ',' (Python's `float` also takes
'1_000', 'nan' and non-ASCII digits).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akrim.ids import InvalidIdentifier, parse_person_id, validate_orgnr
from akrim.ingest import sqlchecks as c
from akrim.ingest.checks import Checker
from akrim.ingest.problems import RowProblem

FIELD = "f"
TRICKY = " \t\u00a0\u2003\u3000ærøå,.-:0123456789eE+TtrueFfalsJjNn"
strings = st.text(alphabet=st.sampled_from(list(TRICKY)), max_size=14)
dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
numbers = (st.integers(-10**11, 10**11)
           | st.decimals(-10**11, 10**11, places=2, allow_nan=False).map(float))
values = (st.none() | st.booleans() | numbers | strings | dates
          | dates.map(lambda d: d[:7]) | numbers.map(str)
          | numbers.map(lambda n: str(n).replace(".", ","))
          | st.sampled_from(["ja", "Nei", " J ", "0", "1", "true", "", "  "])
          | st.just({"a": 1}) | st.just([1, 2]))


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    c.register_identifier_checks(connection, allow_synthetic=False)
    yield connection
    connection.close()


def sql_verdict(con: duckdb.DuckDBPyConnection, check: Callable[[c.Leaf], str],
                value: Any) -> tuple[Any, str | None, str | None]:
    """(clean value, problem kind, reason) of the SQL check on `{"v": value}`."""
    document = json.dumps({} if value is None else {"v": value})
    source = (f"(SELECT json_transform({c.quote(document)}, '{{\"v\": \"JSON\"}}').v AS v)")
    verdict = con.execute(
        f"SELECT {check(c.Leaf.columns('v'))} FROM {c.leaf_layers(source, '1', {'v': 'v'})}"
    ).fetchall()[0][0]
    if verdict is not None and verdict.startswith("\x00"):
        kind, reason = verdict[1:].split("\x1f")
        return None, kind, reason.replace("\x1e", FIELD)
    return verdict, None, None


def python_verdict(method: Callable[..., Any], value: Any) -> tuple[Any, str | None, str | None]:
    """The Checker's verdict. A reason names an object or list by its type and quotes text as
    given: Python's repr of them (escapes, nested quotes) is not rebuilt in SQL."""
    check = Checker(1)
    clean = method(check, value, FIELD)
    problems: list[RowProblem] = check.problems
    if problems:
        reason = problems[0].reason
        if isinstance(value, (dict, list)):
            reason = reason.replace(repr(value), type(value).__name__)
        elif isinstance(value, str):  # quoted as given, where Python would escape
            reason = reason.replace(repr(value), f"'{value}'")
        return None, problems[0].kind, reason
    if isinstance(clean, dt.date):
        clean = clean.isoformat()
    elif isinstance(clean, bool):
        clean = str(clean).lower()
    elif isinstance(clean, float):
        clean = float(clean)
    return clean, None, None


def _float(verdict: tuple[Any, str | None, str | None]) -> tuple[Any, str | None, str | None]:
    clean, kind, reason = verdict
    return (None if clean is None else float(clean)), kind, reason


PLAIN_DECIMAL = re.compile(r"\s*-?[0-9]+([.,][0-9]+)?\s*")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@settings(max_examples=400, deadline=None)
@given(values)
def test_text_as_the_checker(con: duckdb.DuckDBPyConnection, value: Any) -> None:
    if isinstance(value, float):
        value = round(value, 2)
    expected = python_verdict(Checker.text, value)
    assert sql_verdict(con, c.text, value) == expected


@settings(max_examples=400, deadline=None)
@given(values)
def test_decimal_as_the_checker(con: duckdb.DuckDBPyConnection, value: Any) -> None:
    got = _float(sql_verdict(con, c.decimal, value))
    expected = _float(python_verdict(Checker.decimal, value))
    if isinstance(value, str) and not PLAIN_DECIMAL.fullmatch(value) and got != expected:
        assert got[1] == "invalid_value"  # the narrowing: the text is no plain decimal
        return
    assert got == expected


@settings(max_examples=400, deadline=None)
@given(values)
def test_date_as_the_checker(con: duckdb.DuckDBPyConnection, value: Any) -> None:
    got = sql_verdict(con, c.date, value)
    expected = python_verdict(Checker.date, value)
    if expected[1] is None and expected[0] is not None and not ISO_DATE.fullmatch(
            str(value)[:10]):
        assert got[1] == "impossible_date"  # the narrowing: YYYY-MM-DD only
        return
    assert got == expected


@settings(max_examples=300, deadline=None)
@given(values)
def test_month_and_boolean_as_the_checker(con: duckdb.DuckDBPyConnection, value: Any) -> None:
    assert sql_verdict(con, c.boolean, value) == python_verdict(Checker.boolean, value)
    got = sql_verdict(con, c.month, value)
    expected = python_verdict(Checker.month, value)
    if expected[1] == "missing_field":
        expected = (None, "missing_field", f"required field {FIELD} is missing")
    assert got == expected


@pytest.mark.parametrize("value", ["13129048796", "1312904879", "12345678903", "abc", 13129048796])
def test_identifiers_are_checked_by_akrim_ids(con: duckdb.DuckDBPyConnection,
                                             value: Any) -> None:
    assert sql_verdict(con, c.person_id, value) == python_verdict(Checker.person_id, value)


def test_a_required_value_that_is_absent_is_missing(con: duckdb.DuckDBPyConnection) -> None:
    def required_text(leaf: c.Leaf) -> str:
        return c.required(leaf, c.text(leaf))

    for value in (None, ""):
        assert sql_verdict(con, required_text, value) == (
            None, "missing_field", f"required field {FIELD} is missing")


def test_identifier_functions_over_many_rows_match_akrim_ids(
        con: duckdb.DuckDBPyConnection) -> None:
    """Accepted at once by the array check, or one by one by the scalar one (spaces, wrong
    digits, repeats across DuckDB's vectors): every row's verdict is `akrim.ids`' own."""
    persons = ["15076500565", "1507650056 5", "15076500566", "abc", None, "", "53129048796"]
    orgnrs = ["974760673", "974 760 673", "974760674", "310111643", None, "x"]
    rows = [(persons[i % len(persons)], orgnrs[i % len(orgnrs)]) for i in range(5000)]
    con.register("identifiers", pa.table({"p": [p for p, _ in rows], "o": [o for _, o in rows]}))
    got = con.execute("SELECT akrim_person_id(p), akrim_orgnr(o) FROM identifiers").fetchall()

    def expected(check: Callable[..., Any], value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return str(check(value, allow_synthetic=False))
        except InvalidIdentifier as error:
            return f"\x00invalid_identifier\x1f{error}"

    assert got == [(expected(lambda v, **k: parse_person_id(v, **k).number, p),
                    expected(validate_orgnr, o)) for p, o in rows]
    assert {verdict for verdict, _ in got} >= {"15076500565", None}
