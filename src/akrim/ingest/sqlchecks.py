"""The value checks of `akrim.ingest.checks.Checker`, as SQL over JSON leaves, for readers whose
parsing DuckDB does (`akrim.ingest.sqlstage`).

A reader declares the leaves it keeps as DuckDB `JSON` (so a leaf keeps its JSON type: a number
where text is expected is not the same as a string of digits), and each check below turns one
leaf into a *verdict*: the clean value as text, NULL when absent, or a problem, encoded as
`chr(0) || kind || chr(31) || reason` (a reason may hold `chr(30)`, replaced by the field's name).
The rules, limits and wording are the Checker's; identifiers go to `akrim.ids` itself
(`register_identifier_checks`: its array check, and its scalar check once per distinct other
value), never to a copy of its rules.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from duckdb.func import PythonUDFType

from akrim.ids import InvalidIdentifier, parse_person_id, validate_orgnr
from akrim.ids.arrays import Mask, accepted_orgnrs, accepted_person_ids
from akrim.ingest.checks import DECIMAL_LIMIT

WHITESPACE = "".join(c for c in map(chr, range(0x110000)) if c.isspace())
"""What Python's `str.strip` trims, so that text is trimmed as the Checker trims it."""
FALSE_WORDS, TRUE_WORDS = ("false", "nei", "n", "0"), ("true", "ja", "j", "1")


def quote(text: str) -> str:
    """An SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


_WS = quote(WHITESPACE)


_WS_AT_END = "[" + "".join(f"\\x{{{ord(char):x}}}" for char in WHITESPACE) + "]$"
"""An RE2 pattern: the last character is whitespace (`$` is the end of the text in RE2)."""


def strip(text: str) -> str:
    """Python's `strip()`. Trimming by a set of characters is slow in DuckDB, so only a text
    whose first or last character may be whitespace is trimmed: the first below '!' or from
    U+0085 on (compared as bytes, which UTF-8 orders as code points), the last by `_WS_AT_END`.
    Per value, the guard costs less than the trimming it saves (~1.2 µs a value for a test of
    a value's ends against a list of codes), and the bytes and the pattern cost a quarter less
    than taking each end's code point (`unicode(right(text, 1))`)."""
    edges = f"{text} < '!' OR {text} >= chr(133) OR regexp_matches({text}, '{_WS_AT_END}')"
    return f"CASE WHEN {edges} THEN trim({text}, {_WS}) ELSE {text} END"


NAME_MARK = "chr(30)"
"""Stands for the field's name in a reason (see `reason_of`)."""


def problem(kind: str, reason: str) -> str:
    """A problem verdict; `reason` is an SQL expression."""
    return f"(chr(0) || '{kind}' || chr(31) || {reason})"


def is_problem(verdict: str) -> str:
    return f"starts_with({verdict}, chr(0))"


def value_of(verdict: str) -> str:
    """The clean value of a verdict (NULL for a problem)."""
    return f"CASE WHEN {is_problem(verdict)} THEN NULL ELSE {verdict} END"


def kind_of(verdict: str) -> str:
    return f"split_part(substr({verdict}, 2), chr(31), 1)"


def reason_of(verdict: str, field: str) -> str:
    return f"replace(split_part({verdict}, chr(31), 2), {NAME_MARK}, {field})"


@dataclass(frozen=True)
class Leaf:
    """A JSON leaf as three SQL expressions: its JSON text `j`, Python's `str(value)` of it `s`
    (NULL for null, an object or a list; booleans 'True'/'False') and that text trimmed `t`.

    `columns` gives them as columns of one SELECT each (`leaf_layers`), so that a check refers
    to a column rather than repeating the expression: DuckDB's planning time grows with the
    size of a statement's expressions, and inline it was most of a batch's time.
    """

    j: str
    s: str
    t: str

    @classmethod
    def columns(cls, name: str) -> Leaf:
        return cls(f"{name}_j", f"{name}_s", f"{name}_t")

    @classmethod
    def inline(cls, expr: str) -> Leaf:
        j = f"({expr}::VARCHAR)"
        return cls(j, _scalar(j), strip(_scalar(j)))


def leaf_layers(source: str, keep: str, leaves: dict[str, str]) -> str:
    """A subquery of `source` with `keep` and the columns of each leaf (name → expression)."""
    raw = ", ".join(f"{expr}::VARCHAR AS {name}_j" for name, expr in leaves.items())
    scalars = ", ".join(f"{_scalar(name + '_j')} AS {name}_s" for name in leaves)
    trimmed = ", ".join(f"{strip(name + '_s')} AS {name}_t" for name in leaves)
    return (f"(SELECT *, {trimmed} FROM (SELECT *, {scalars} FROM "
            f"(SELECT {keep}, {raw} FROM {source})))")


def _scalar(j: str) -> str:
    string = (f"CASE WHEN contains({j}, '\\') THEN json_extract_string({j}, '$') "
              f"ELSE {j}[2:-2] END")
    return (f"CASE WHEN starts_with({j}, '\"') THEN {string} WHEN {j} = 'true' THEN 'True' "
            f"WHEN {j} = 'false' THEN 'False' "
            f"WHEN starts_with({j}, '{{') OR starts_with({j}, '[') THEN NULL ELSE {j} END")


def absent(leaf: Leaf) -> str:
    """The Checker's absent value: no key, JSON null, or the empty string."""
    return f"({leaf.j} IS NULL OR {leaf.j} = '\"\"')"


def _composite(leaf: Leaf) -> str:
    return f"(starts_with({leaf.j}, '{{') OR starts_with({leaf.j}, '['))"


def _repr(leaf: Leaf) -> str:
    """Python's `repr(value)`, as the Checker's reasons quote a value."""
    return (f"CASE WHEN starts_with({leaf.j}, '\"') THEN '''' || {leaf.s} || '''' "
            f"WHEN starts_with({leaf.j}, '{{') THEN 'dict' WHEN starts_with({leaf.j}, '[') "
            f"THEN 'list' ELSE {leaf.s} END")


def text(leaf: Leaf) -> str:
    """`Checker.text`: trimmed text, blank is absent; an object or a list is a problem."""
    found = problem("invalid_value", "'expected text, found ' || " + _repr(leaf))
    return f"CASE WHEN {_composite(leaf)} THEN {found} ELSE nullif({leaf.t}, '') END"


def _number(leaf: Leaf) -> str:
    return (f"CASE WHEN starts_with({leaf.j}, '\"') "
            f"THEN TRY_CAST(replace({leaf.t}, ',', '.') AS DOUBLE) "
            f"WHEN {leaf.j} IN ('true', 'false') THEN NULL "
            f"ELSE TRY_CAST({leaf.j} AS DOUBLE) END")


def decimal(leaf: Leaf) -> str:
    """`Checker.decimal`: a number (JSON number or decimal text, ',' or '.'), as text."""
    number, shown = _number(leaf), _repr(leaf)
    not_number = problem("invalid_value", shown + " || ' is not a number'")
    not_finite = problem("invalid_value", shown + " || ' is not a finite number'")
    too_large = problem("invalid_value", shown + " || ' is out of range (at most 10 digits "
                                                 "before the decimal point)'")
    return (
        f"CASE WHEN {absent(leaf)} THEN NULL "
        f"WHEN {number} IS NULL THEN {not_number} "
        f"WHEN NOT isfinite({number}) THEN {not_finite} "
        f"WHEN abs(round({number}, 2)) >= {DECIMAL_LIMIT:.0f} THEN {too_large} "
        f"ELSE {number}::VARCHAR END"
    )


def oere(verdict: str) -> str:
    """`Checker.oere` of a `decimal` verdict: whole øre, rounded half to even as Python does."""
    return f"CAST(round_even(CAST({value_of(verdict)} AS DOUBLE) * 100, 0) AS BIGINT)"


def date(leaf: Leaf) -> str:
    """`Checker.date`: the first ten characters as an ISO date (YYYY-MM-DD)."""
    head = f"left({leaf.s}, 10)"
    bad = problem("impossible_date", _repr(leaf) + " || ' is not a valid date (YYYY-MM-DD)'")
    return (f"CASE WHEN {absent(leaf)} THEN NULL "
            f"WHEN substr({head}, 5, 1) = '-' AND substr({head}, 8, 1) = '-' "
            f"AND length({head}) = 10 AND TRY_CAST({head} AS DATE) IS NOT NULL THEN {head} "
            f"ELSE {bad} END")


def month(leaf: Leaf) -> str:
    """`Checker.month` (required): a calendar month 'YYYY-MM'."""
    bad = problem("impossible_date", _repr(leaf) + " || ' is not a valid month (YYYY-MM)'")
    return (f"CASE WHEN {absent(leaf)} THEN {missing()} "
            f"WHEN length({leaf.s}) = 7 AND substr({leaf.s}, 5, 1) = '-' "
            f"AND TRY_CAST({leaf.s} || '-01' AS DATE) IS NOT NULL THEN {leaf.s} ELSE {bad} END")


def boolean(leaf: Leaf) -> str:
    """`Checker.boolean`: JSON true/false or a yes/no word."""
    word = f"lower({leaf.t})"
    bad = problem("invalid_value", _repr(leaf) + " || ' is not a yes/no value'")
    return (f"CASE WHEN {absent(leaf)} THEN NULL "
            f"WHEN {word} IN {TRUE_WORDS} THEN 'true' WHEN {word} IN {FALSE_WORDS} THEN 'false' "
            f"ELSE {bad} END")


def missing() -> str:
    return problem("missing_field", f"'required field ' || {NAME_MARK} || ' is missing'")


def required(leaf: Leaf, verdict: str) -> str:
    """`Checker.required`: an absent value is `missing_field`, else the check's verdict."""
    return f"CASE WHEN {absent(leaf)} THEN {missing()} ELSE {verdict} END"


def _given(leaf: Leaf) -> str:
    """The text an identifier check is given: the value's text, or for an object or a list
    its JSON (which is no identifier, and is reported as such rather than read as absent)."""
    return f"coalesce({leaf.s}, {leaf.j})"


def required_text(leaf: Leaf) -> str:
    """Text that identifies a record (a message id): absent, or blank once trimmed, is
    `missing_field`. A blank key would otherwise reach a NOT NULL column and abort the load."""
    return (f"CASE WHEN {absent(leaf)} OR {leaf.t} = '' THEN {missing()} "
            f"ELSE {text(leaf)} END")


def person_id(leaf: Leaf) -> str:
    """`Checker.person_id` (absent is NULL): checked by `akrim.ids.parse_person_id`."""
    return f"CASE WHEN {absent(leaf)} THEN NULL ELSE akrim_person_id({_given(leaf)}) END"


def employer_id(leaf: Leaf) -> str:
    """An opplysningspliktig or virksomhet (required): an orgnr, or the personal number of a
    private employer (11 digits)."""
    return (f"CASE WHEN {absent(leaf)} THEN {missing()} "
            f"WHEN length({leaf.t}) = 11 THEN akrim_person_id({leaf.t}) "
            f"ELSE akrim_orgnr({_given(leaf)}) END")


class _IdentifierCheck:
    """An Arrow UDF over `akrim.ids`: its array check accepts the well-formed values at once,
    and each other distinct value goes once per load to its scalar check (spaces to strip, or
    the reason it fails)."""

    def __init__(self, accepts: Callable[[pa.Array], Mask], check: Callable[[str], str]) -> None:
        self.accepts = accepts
        self.check = check
        self.verdicts: dict[str, str] = {}

    def __call__(self, values: pa.Array) -> pa.Array:
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        rest = ~self.accepts(values) & ~values.is_null().to_numpy(zero_copy_only=False)
        if not rest.any():
            return values  # every value is itself its verdict (a null stays null)
        verdicts = self.verdicts
        rest_mask = pa.array(rest)
        rest_values = values.filter(rest_mask).to_pylist()
        for value in rest_values:
            if value not in verdicts:
                try:
                    verdicts[value] = self.check(value)
                except InvalidIdentifier as exc:
                    verdicts[value] = f"\x00invalid_identifier\x1f{exc}"
        return pc.replace_with_mask(values, rest_mask,
                                    pa.array([verdicts[v] for v in rest_values], pa.string()))


def register_identifier_checks(con: duckdb.DuckDBPyConnection, allow_synthetic: bool) -> None:
    """`akrim_person_id(text)` and `akrim_orgnr(text)` on this connection, for one load."""
    checks = {
        "akrim_person_id": _IdentifierCheck(
            lambda values: accepted_person_ids(values, allow_synthetic=allow_synthetic),
            lambda v: parse_person_id(v, allow_synthetic=allow_synthetic).number),
        "akrim_orgnr": _IdentifierCheck(
            lambda values: accepted_orgnrs(values, allow_synthetic=allow_synthetic),
            lambda v: validate_orgnr(v, allow_synthetic=allow_synthetic)),
    }
    for name, check in checks.items():
        with contextlib.suppress(duckdb.InvalidInputException):
            con.remove_function(name)
        con.create_function(name, check, ["VARCHAR"], "VARCHAR", type=PythonUDFType.ARROW)
