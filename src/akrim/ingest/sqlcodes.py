"""The checks of `akrim.ingest.checks.Checker` that SQL hands to the Checker itself, once per
distinct value, for readers whose parsing DuckDB does: the code lists (`naeringskode`,
`kommunenummer`, `code`), and the values whose problems `akrim.ingest.sqlchecks` cannot word as
the Checker does (`integer`, `date`, `boolean`, `orgnr`: a reason quotes a value as Python's
`repr` does, an object's too).

Each check is an Arrow UDF (`register_code_checks`, once per load), so the lists are
`akrim.codes`' at load time and the rules and wording are the Checker's: no list is copied into
SQL. Plain values (a valid date, JSON true, a small whole number) are checked in SQL; anything
else goes to Python. A code check takes the verdict of `sqlchecks.text` (an object or a list is
already a problem there) and gives a verdict in the encoding of `akrim.ingest.sqlchecks`, with
one addition: an unknown code is a problem *and* a value (the record keeps the code as given),
`chr(0) || kind || chr(31) || reason || chr(31) || value`; `value_of` gives the value either way.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Container
from typing import Any

import duckdb
import orjson
import pyarrow as pa
import pyarrow.compute as pc
from duckdb.func import FunctionNullHandling, PythonUDFType

from akrim.codes.brreg import ORGANISASJONSFORMER, ROLLETYPER
from akrim.ingest import sqlchecks as c
from akrim.ingest.checks import Checker

CODE_LISTS: dict[str, tuple[Container[str], str]] = {
    "organisasjonsform": (ORGANISASJONSFORMER, "organisasjonsform"),
    "rolletype": (ROLLETYPER, "role type"),
}
"""The lists `code` checks against, by name: (the codes, how the Checker's reason names it)."""
FIELD_MARK = "\x1e"
"""The field name the Checker is given: `sqlchecks.reason_of` puts the real one in its place."""


def naeringskode(leaf: c.Leaf) -> str:
    """`Checker.naeringskode`: SN2007 or SN2025, normalised to `NN.NNN` when known."""
    return f"akrim_code_naeringskode({c.text(leaf)})"


def kommunenummer(leaf: c.Leaf) -> str:
    """`Checker.kommunenummer`: a kommune of 2024 or an older number mapped to one."""
    return f"akrim_code_kommunenummer({c.text(leaf)})"


def code(leaf: c.Leaf, name: str) -> str:
    """`Checker.code` with the list `CODE_LISTS[name]`."""
    if name not in CODE_LISTS:
        raise KeyError(f"no code list {name!r}")
    return f"akrim_code_{name}({c.text(leaf)})"


def value_of(verdict: str) -> str:
    """The value a code check keeps: the clean code, or an unknown code as given."""
    head = f"length(split_part({verdict}, chr(31), 1)) + length(split_part({verdict}, chr(31), 2))"
    return (f"CASE WHEN {c.is_problem(verdict)} THEN nullif(substr({verdict}, {head} + 3), '') "
            f"ELSE {verdict} END")


def integer(leaf: c.Leaf) -> str:
    """`Checker.integer` (0 to `INTEGER_MAX`): plain digits in SQL, anything else by the
    Checker itself (its reasons quote a value as Python's `repr` does)."""
    return (f"CASE WHEN {leaf.j} IS NULL THEN NULL WHEN length({leaf.j}) BETWEEN 1 AND 9 "
            f"AND ltrim({leaf.j}, '0123456789') = '' THEN {leaf.j} "
            f"ELSE akrim_check_integer({leaf.j}) END")


def date(leaf: c.Leaf, *, required: bool = False) -> str:
    """`Checker.date`: a string starting with a valid YYYY-MM-DD in SQL, anything else (every
    problem among it) by the Checker itself."""
    head = f"left({leaf.s}, 10)"
    return (f"CASE WHEN {c.absent(leaf)} THEN {c.missing() if required else 'NULL'} "
            f"WHEN starts_with({leaf.j}, '\"') "
            f"AND {head} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "
            f"AND NOT starts_with({head}, '0000') AND TRY_CAST({head} AS DATE) IS NOT NULL "
            f"THEN {head} ELSE akrim_check_date({leaf.j}) END")


def boolean(leaf: c.Leaf) -> str:
    """`Checker.boolean`: JSON true and false in SQL, anything else by the Checker itself."""
    return (f"CASE WHEN {leaf.j} IS NULL THEN NULL WHEN {leaf.j} IN ('true', 'false') "
            f"THEN {leaf.j} ELSE akrim_check_boolean({leaf.j}) END")


def python_str(leaf: c.Leaf) -> str:
    """Python's `str(value)` of a leaf (a string as it is, anything else by Python)."""
    return (f"CASE WHEN starts_with({leaf.j}, '\"') THEN {leaf.s} "
            f"ELSE akrim_python_str({leaf.j}) END")


def orgnr(leaf: c.Leaf, *, required: bool = False) -> str:
    """`Checker.orgnr`: checked by `akrim.ids` (`akrim_orgnr`) as `str(value)`."""
    return (f"CASE WHEN {c.absent(leaf)} THEN {c.missing() if required else 'NULL'} "
            f"ELSE akrim_orgnr({python_str(leaf)}) END")


def address_lines(leaf: c.Leaf) -> str:
    """An address's `adresse` (a line or a list of lines) as one text, as the Python reader
    joins it: the lines that are not empty, each trimmed, joined by ', '; NULL for none."""
    lines = f"json_extract_string({leaf.j}, '$[*]')"
    strings = (f"list_bool_and(list_transform(json_extract({leaf.j}, '$[*]'), "
               "lambda x: starts_with(x::VARCHAR, '\"'))) IS NOT FALSE")
    joined = (f"array_to_string(list_transform(list_filter({lines}, lambda x: x <> ''), "
              f"lambda x: {c.strip('x')}), ', ')")
    return (f"CASE WHEN {leaf.j} IS NULL THEN NULL "
            f"WHEN starts_with({leaf.j}, '\"') THEN nullif({c.strip(leaf.s)}, '') "
            f"WHEN starts_with({leaf.j}, '[') AND {strings} THEN nullif({joined}, '') "
            f"ELSE akrim_address_lines({leaf.j}) END")


def kode(value: str) -> str:
    """Brønnøysund's coded value: an object's `kode` (JSON), or the value itself."""
    return (f"CASE WHEN starts_with({value}::VARCHAR, '{{') THEN "
            f"nullif(json_extract({value}, '$.kode')::VARCHAR, 'null') ELSE {value}::VARCHAR END")


def type_name(raw: str) -> str:
    """Python's type name of a JSON text that is not an object (as `Checker.is_object` names it)."""
    return (f"CASE WHEN starts_with({raw}, '[') THEN 'list' WHEN starts_with({raw}, '\"') "
            f"THEN 'str' WHEN {raw} IN ('true', 'false') THEN 'bool' WHEN {raw} = 'null' "
            f"THEN 'NoneType' WHEN regexp_matches({raw}, '[.eE]') THEN 'float' ELSE 'int' END")


def _address_lines(lines: Any) -> str | None:
    if isinstance(lines, str):
        lines = [lines]
    return ", ".join(str(line).strip() for line in lines or [] if line) or None


def _verdict(method: Callable[[Checker, Any, str], Any], value: Any) -> str | None:
    check = Checker(0)
    clean = method(check, value, FIELD_MARK)
    if isinstance(clean, bool):
        clean = str(clean).lower()
    problems = check.problems
    if not problems:
        return None if clean is None else str(clean)
    problem = problems[0]
    return f"\x00{problem.kind}\x1f{problem.reason}\x1f{'' if clean is None else clean}"


class _PerValue:
    """An Arrow UDF of text: each distinct value goes to `function` once per load; NULL stays
    NULL and, with `verdicts`, a problem verdict passes through."""

    def __init__(self, function: Callable[[str], str | None], *, verdicts: bool = False) -> None:
        self.function = function
        self.verdicts = verdicts
        self.cache: dict[str, str | None] = {}

    def __call__(self, values: pa.Array) -> pa.Array:
        uniques = pc.unique(values)
        cache = self.cache
        looked_up = []
        for value in uniques.to_pylist():
            if value is None or (self.verdicts and value.startswith("\x00")):
                looked_up.append(value)
                continue
            if value not in cache:
                cache[value] = self.function(value)
            looked_up.append(cache[value])
        return pa.array(looked_up, pa.string()).take(pc.index_in(values, value_set=uniques))


def _code_method(known: Container[str], what: str) -> Callable[[Checker, Any, str], Any]:
    def method(check: Checker, value: Any, field: str) -> Any:
        return check.code(value, field, known, what)

    return method


def _on_text(method: Callable[[Checker, Any, str], Any]) -> _PerValue:
    return _PerValue(lambda text: _verdict(method, text), verdicts=True)


def _on_json(method: Callable[[Checker, Any, str], Any]) -> _PerValue:
    return _PerValue(lambda text: _verdict(method, json.loads(text)))


def loads(text: str) -> Any:
    """A JSON value as the readers of JSON lines and documents parse it (orjson: an integer
    beyond 64 bits is a float). DuckDB's JSON takes a little more (`1E400`): json then."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _on_orjson(method: Callable[[Checker, Any, str], Any]) -> _PerValue:
    return _PerValue(lambda text: _verdict(method, loads(text)))


def register_code_checks(con: duckdb.DuckDBPyConnection) -> None:
    """On this connection, for one load: `akrim_code_naeringskode`, `akrim_code_kommunenummer`
    and `akrim_code_<list>` (each of a `text` verdict); `akrim_check_integer`, `_date` and
    `_boolean` (each of a leaf's JSON); `akrim_python_str` and `akrim_address_lines` (of JSON);
    and for readers of JSON lines, whose values Python parsed with orjson (`loads`):
    `akrim_jl_str`, `_repr` and `_type` (Python's `str`, `repr` and type name of a JSON value)
    and `akrim_jl_oere`, `_boolean` and `_year` (the Checker's checks of a leaf's JSON)."""
    udfs = {
        "akrim_code_naeringskode": _on_text(Checker.naeringskode),
        "akrim_code_kommunenummer": _on_text(Checker.kommunenummer),
    } | {f"akrim_code_{name}": _on_text(_code_method(known, what))
         for name, (known, what) in CODE_LISTS.items()} | {
        "akrim_check_integer": _on_json(Checker.integer),
        "akrim_check_date": _on_json(Checker.date),
        "akrim_check_boolean": _on_json(Checker.boolean),
        "akrim_python_str": _PerValue(lambda text: str(json.loads(text))),
        "akrim_address_lines": _PerValue(lambda text: _address_lines(json.loads(text))),
        "akrim_jl_str": _PerValue(lambda text: str(loads(text))),
        "akrim_jl_repr": _PerValue(lambda text: repr(loads(text))),
        "akrim_jl_type": _PerValue(lambda text: type(loads(text)).__name__),
        "akrim_jl_oere": _on_orjson(Checker.oere),
        "akrim_jl_boolean": _on_orjson(Checker.boolean),
        "akrim_jl_year": _on_orjson(Checker.year),
    }
    for name, udf in udfs.items():
        with contextlib.suppress(duckdb.InvalidInputException):
            con.remove_function(name)
        con.create_function(name, udf, ["VARCHAR"], "VARCHAR", type=PythonUDFType.ARROW,
                            null_handling=FunctionNullHandling.SPECIAL)
