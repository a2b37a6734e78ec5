"""The code-list checks of `akrim.ingest.checks.Checker` (`naeringskode`, `kommunenummer`,
`code`), and its `integer`, as SQL over JSON leaves, for readers whose parsing DuckDB does.

Each check is an Arrow UDF (`register_code_checks`, once per load) that hands every distinct
value to the Checker's own method, so the lists are `akrim.codes`' at load time and the rules
and wording are the Checker's: no list is copied into SQL. A check takes the verdict of
`sqlchecks.text` (an object or a list is already a problem there) and gives a verdict in the
encoding of `akrim.ingest.sqlchecks`, with one addition: an unknown code is a problem *and* a
value (the record keeps the code as given), `chr(0) || kind || chr(31) || reason || chr(31) ||
value`; `value_of` gives a code's value either way.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Container
from typing import Any

import duckdb
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


def integer(leaf: c.Leaf) -> str:
    """`Checker.integer` (0 to `INTEGER_MAX`), by the Checker itself on the leaf's JSON value:
    its reasons quote a value as Python's `repr` does, an object's too."""
    return f"akrim_check_integer({leaf.j})"


def value_of(verdict: str) -> str:
    """The value a code check keeps: the clean code, or an unknown code as given."""
    head = f"length(split_part({verdict}, chr(31), 1)) + length(split_part({verdict}, chr(31), 2))"
    return (f"CASE WHEN {c.is_problem(verdict)} THEN nullif(substr({verdict}, {head} + 3), '') "
            f"ELSE {verdict} END")


def _verdict(method: Callable[[Checker, Any, str], Any], value: str) -> str | None:
    check = Checker(0)
    clean = method(check, value, FIELD_MARK)
    problems = check.problems
    if not problems:
        return None if clean is None else str(clean)
    problem = problems[0]
    return f"\x00{problem.kind}\x1f{problem.reason}\x1f{'' if clean is None else clean}"


class _CodeCheck:
    """An Arrow UDF over `sqlchecks.text` verdicts (or JSON values, `parse`): each distinct one
    goes to the Checker once per load; NULL and problems pass through."""

    def __init__(self, method: Callable[[Checker, Any, str], Any],
                 parse: Callable[[str], Any] | None = None) -> None:
        self.method = method
        self.parse = parse
        self.verdicts: dict[str, str | None] = {}

    def __call__(self, values: pa.Array) -> pa.Array:
        uniques = pc.unique(values)
        verdicts = self.verdicts
        looked_up = []
        for value in uniques.to_pylist():
            if value is None or value.startswith("\x00"):
                looked_up.append(value)
                continue
            if value not in verdicts:
                verdicts[value] = _verdict(
                    self.method, value if self.parse is None else self.parse(value))
            looked_up.append(verdicts[value])
        return pa.array(looked_up, pa.string()).take(pc.index_in(values, value_set=uniques))


def _code_method(known: Container[str], what: str) -> Callable[[Checker, Any, str], Any]:
    def method(check: Checker, value: Any, field: str) -> Any:
        return check.code(value, field, known, what)

    return method


def register_code_checks(con: duckdb.DuckDBPyConnection) -> None:
    """`akrim_code_naeringskode`, `akrim_code_kommunenummer` and `akrim_code_<list>` (each of
    a `text` verdict), and `akrim_check_integer` (of a leaf's JSON) on this connection, for one
    load."""
    checks: dict[str, Callable[[Checker, Any, str], Any]] = {
        "akrim_code_naeringskode": Checker.naeringskode,
        "akrim_code_kommunenummer": Checker.kommunenummer,
    } | {f"akrim_code_{name}": _code_method(known, what)
         for name, (known, what) in CODE_LISTS.items()}
    udfs = {name: _CodeCheck(method) for name, method in checks.items()}
    udfs["akrim_check_integer"] = _CodeCheck(Checker.integer, json.loads)
    for name, udf in udfs.items():
        with contextlib.suppress(duckdb.InvalidInputException):
            con.remove_function(name)
        con.create_function(name, udf, ["VARCHAR"], "VARCHAR", type=PythonUDFType.ARROW,
                            null_handling=FunctionNullHandling.SPECIAL)
