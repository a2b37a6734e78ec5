"""akrim.ingest.sqlcodes: the Checker's code-list checks as SQL, checked against the Checker
itself with hypothesis: the same kept value, problem kind and reason for known and unknown codes
(as text, numbers, padded with whitespace, quoted oddly), objects, lists and absent values."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akrim.codes import kommune
from akrim.codes.brreg import ORGANISASJONSFORMER, ROLLETYPER
from akrim.ingest import sqlchecks as c
from akrim.ingest import sqlcodes
from akrim.ingest.checks import Checker

FIELD = "naeringskode1.kode"
codes = st.sampled_from([
    "43.210", "43210", " 43.210 ", "41.000", "99.999", "00.000", "01.410", "4321", "43.21",
    "0301", "1201", "4601", "5001", "0000", "9999", "AS", "ENK", "XYZ", "as", "DAGL", "LEDE",
    "XXXX", "it's", 'a"b', "ø\\", "\u00a0AS\u2003", "\x1f", "tab\tcode",
    *list(ORGANISASJONSFORMER)[:5], *list(ROLLETYPER)[:5], *kommune.numbers_2024()[:5],
    *kommune.old_numbers()[:5],
])
values = (codes | st.none() | st.just("") | st.just("  ") | st.integers(0, 99999)
          | st.just({"kode": "AS"}) | st.just(["AS"]) | st.booleans()
          | st.text(alphabet="0123456789. ASXæ'\"", max_size=8))


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    sqlcodes.register_code_checks(connection)
    yield connection
    connection.close()


def sql_verdict(con: duckdb.DuckDBPyConnection, check: Callable[[c.Leaf], str],
                value: Any) -> tuple[Any, str | None, str | None]:
    document = json.dumps({} if value is None else {"v": value})
    source = f"(SELECT json_transform({c.quote(document)}, '{{\"v\": \"JSON\"}}').v AS v)"
    verdict = check(c.Leaf.columns("v"))
    found = con.execute(
        f"SELECT {sqlcodes.value_of('x')}, CASE WHEN {c.is_problem('x')} THEN {c.kind_of('x')} "
        f"END, CASE WHEN {c.is_problem('x')} THEN {c.reason_of('x', c.quote(FIELD))} END "
        f"FROM (SELECT {verdict} AS x FROM {c.leaf_layers(source, '1', {'v': 'v'})})"
    ).fetchall()[0]
    return found[0], found[1], found[2]


def python_verdict(method: Callable[[Checker, Any, str], Any],
                   value: Any) -> tuple[Any, str | None, str | None]:
    check = Checker(1)
    clean = method(check, value, FIELD)
    problems = check.problems
    if not problems:
        return clean, None, None
    reason = problems[0].reason
    if isinstance(value, (dict, list)):
        reason = reason.replace(repr(value), type(value).__name__)
    return clean, problems[0].kind, reason


CHECKS: dict[str, tuple[Callable[[c.Leaf], str], Callable[[Checker, Any, str], Any]]] = {
    "naeringskode": (sqlcodes.naeringskode, Checker.naeringskode),
    "kommunenummer": (sqlcodes.kommunenummer, Checker.kommunenummer),
    "organisasjonsform": (
        lambda leaf: sqlcodes.code(leaf, "organisasjonsform"),
        lambda check, value, field: check.code(value, field, ORGANISASJONSFORMER,
                                               "organisasjonsform")),
    "rolletype": (
        lambda leaf: sqlcodes.code(leaf, "rolletype"),
        lambda check, value, field: check.code(value, field, ROLLETYPER, "role type")),
}


@pytest.mark.parametrize("name", CHECKS)
@settings(max_examples=200, deadline=None)
@given(value=values)
def test_code_checks_as_the_checker(con: duckdb.DuckDBPyConnection, name: str,
                                   value: Any) -> None:
    sql, python = CHECKS[name]
    assert sql_verdict(con, sql, value) == python_verdict(python, value)


def test_an_unknown_code_is_kept_as_given_and_noted(con: duckdb.DuckDBPyConnection) -> None:
    assert sql_verdict(con, sqlcodes.naeringskode, " 99.999 ") == (
        "99.999", "unknown_code", "næringskode '99.999' is in neither SN2007 nor SN2025")
    assert sql_verdict(con, sqlcodes.naeringskode, "43210") == ("43.210", None, None)
    assert sql_verdict(con, sqlcodes.kommunenummer, "1201") == (
        "1201", "unknown_code", "kommunenummer '1201' is not a known kommune")
    assert sql_verdict(con, CHECKS["organisasjonsform"][0], "it's") == (
        "it's", "unknown_code", 'unknown organisasjonsform "it\'s"')


def test_no_code_list_is_copied_into_sql() -> None:
    statement = sqlcodes.naeringskode(c.Leaf.columns("v")) + sqlcodes.code(
        c.Leaf.columns("v"), "organisasjonsform")
    assert "43.210" not in statement and "'ENK'" not in statement
    with pytest.raises(KeyError):
        sqlcodes.code(c.Leaf.columns("v"), "nope")


integers = (st.integers(-10**12, 10**12) | st.floats(allow_nan=False, allow_infinity=False)
            | st.integers(-10**12, 10**12).map(str) | st.just(" 14 ") | st.just("1_000")
            | st.just("+5") | st.just("") | st.none() | st.booleans() | st.just({"a": [1]})
            | st.just([1]) | st.text(alphabet="0123456789 -+.e'\"", max_size=6))


@settings(max_examples=300, deadline=None)
@given(integers)
def test_integer_as_the_checker(con: duckdb.DuckDBPyConnection, value: Any) -> None:
    clean, kind, reason = python_verdict(Checker.integer, value)
    assert sql_verdict(con, sqlcodes.integer, value) == (
        None if clean is None else str(clean), kind,
        None if reason is None else reason.replace("dict", repr(value)).replace(
            "list", repr(value)) if isinstance(value, (dict, list)) else reason)


odd = (st.none() | st.booleans() | st.integers(-10**12, 10**12)
       | st.floats(allow_nan=False, allow_infinity=False)
       | st.dates().map(lambda d: d.isoformat()) | st.just("2019-02-30") | st.just("20190203")
       | st.just("0000-01-01") | st.just("2019-02-03T10:00:00") | st.just("ja") | st.just(" Nei ")
       | st.just("") | st.just({"a": [1, "x"]}) | st.just(["a", 1]) | st.just("it's \\ \u00a0")
       | st.text(alphabet="0123456789-TtrueJjaN '\"\\\u00e6\x7f", max_size=12))
ORGNR = "974760673"


@pytest.fixture(scope="module")
def ids(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    c.register_identifier_checks(con, allow_synthetic=False)
    return con


@settings(max_examples=400, deadline=None)
@given(odd)
def test_date_boolean_and_orgnr_as_the_checker(ids: duckdb.DuckDBPyConnection,
                                               value: Any) -> None:
    def exact(verdict: tuple[Any, str | None, str | None]) -> tuple[Any, str | None, str | None]:
        clean, kind, reason = verdict
        return (clean if clean is None or isinstance(clean, str) else str(clean).lower()
                if isinstance(clean, bool) else str(clean)), kind, reason

    def python(method: Callable[..., Any], **options: Any) -> tuple[Any, str | None, str | None]:
        check = Checker(1)
        clean = method(check, value, FIELD, **options)
        problems = check.problems
        if problems:
            return clean, problems[0].kind, problems[0].reason
        return clean, None, None

    assert sql_verdict(ids, sqlcodes.date, value) == exact(python(Checker.date))
    assert sql_verdict(ids, lambda leaf: sqlcodes.date(leaf, required=True), value) == exact(
        python(Checker.date, required=True))
    assert sql_verdict(ids, sqlcodes.boolean, value) == exact(python(Checker.boolean))
    assert sql_verdict(ids, sqlcodes.orgnr, value) == exact(python(Checker.orgnr))
    assert sql_verdict(ids, lambda leaf: sqlcodes.orgnr(leaf, required=True), value) == exact(
        python(Checker.orgnr, required=True))


@pytest.mark.parametrize("value", [ORGNR, " " + ORGNR, int(ORGNR), "974760674", {"a": 1}])
def test_orgnr_as_the_checker(ids: duckdb.DuckDBPyConnection, value: Any) -> None:
    check = Checker(1)
    clean = check.orgnr(value, FIELD)
    problems = check.problems
    expected = (clean, problems[0].kind, problems[0].reason) if problems else (clean, None, None)
    assert sql_verdict(ids, sqlcodes.orgnr, value) == expected


@settings(max_examples=300, deadline=None)
@given(st.none() | st.lists(st.text(alphabet=" \u00a0ab,\\'\"æ", max_size=5), max_size=4)
       | st.text(alphabet=" \u00a0ab,", max_size=5) | st.just(["a", 1, None, True, {"k": 1}])
       | st.just({"gate": 1}) | st.just(0) | st.just(False) | st.just([]))
def test_address_lines_as_the_python_reader(con: duckdb.DuckDBPyConnection, value: Any) -> None:
    expected = sqlcodes._address_lines(value)
    document = json.dumps({} if value is None else {"v": value})
    source = f"(SELECT json_transform({c.quote(document)}, '{{\"v\": \"JSON\"}}').v AS v)"
    got = con.execute(
        f"SELECT {sqlcodes.address_lines(c.Leaf.columns('v'))} "
        f"FROM {c.leaf_layers(source, '1', {'v': 'v'})}").fetchall()[0][0]
    assert got == expected
