"""Skatteetaten's responses per term (Arbeidsgiveravgift here, Mva meldingsopplysning in
`skatteetaten_mva`), read by DuckDB (`akrim.ingest.sqlstage`) as the Python reader read them.

A file holds one response or many, one a line (`iter_json_record_batches`). Each line is typed
against the reader's structure, every kept leaf as JSON. Where the typed read cannot tell what a
value was (an object with none of the kept keys reads as one that is no object at all; a list
that is no list reads as absent), the few such lines are looked at again in their JSON. Checks
follow the `Checker` (`akrim.ingest.sqlchecks`); any value off the plain path (a number where
text is expected, an amount that is not plain kroner, a year that is not digits in a string)
goes to the `Checker` itself, once per distinct value (`akrim.ingest.sqlcodes`, `akrim_jl_*`),
and a reason quotes a value as Python's `repr` does. A problem with the organisation, a term's
`aar` or `termin`, or the shape of the response holds the response back (and the firm's rows);
any other bad value is noted and the response kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from akrim.ingest import sqlchecks as c
from akrim.ingest.lines import iter_json_record_batches
from akrim.ingest.sqlstage import SqlReader

J = "JSON"
L = c.Leaf.columns
TERMINER = ("jan-feb", "mar-apr", "mai-jun", "jul-aug", "sep-okt", "nov-des")


def look(raw: str, path: str) -> str:
    """Python's type name of the value at `path` (SQL text) of the line `raw`, 'NoneType' for
    none: asked only where the typed read cannot tell."""
    return f"coalesce(akrim_jl_type(json_extract({raw}, {path})::VARCHAR), 'NoneType')"


def object_type(value: str, fields: Iterable[str], raw: str, path: str) -> str:
    """Python's type name of a value typed as a struct of `fields`: NULL is absent or null, a
    struct with a field given is an object, one with none is looked at again (`look`)."""
    given = " OR ".join(f"{value}.{name} IS NOT NULL" for name in fields)
    return (f"CASE WHEN {value} IS NULL THEN 'NoneType' WHEN {given} THEN 'dict' "
            f"ELSE {look(raw, path)} END")


def vague(value: str, fields: Iterable[str]) -> str:
    """Whether `object_type` must look again."""
    return f"({value} IS NOT NULL AND " + " AND ".join(
        f"{value}.{name} IS NULL" for name in fields) + ")"


def list_type(value: str, raw: str, path: str) -> str:
    """Python's type name of a value typed as a list (NULL: absent, null or no list)."""
    return f"CASE WHEN {value} IS NOT NULL THEN 'list' ELSE {look(raw, path)} END"


def not_object(type_name: str) -> str:
    """`_object`: a nested object, absent or null (read as empty); anything else a problem."""
    found = c.problem("invalid_value", f"'expected a JSON object, found ' || {type_name}")
    return f"CASE WHEN {type_name} NOT IN ('NoneType', 'dict') THEN {found} END"


def not_list(type_name: str) -> str:
    """`_objects`: a nested list, absent or null (read as empty); anything else a problem."""
    found = c.problem("invalid_value", f"'expected a JSON array, found ' || {type_name}")
    return f"CASE WHEN {type_name} NOT IN ('NoneType', 'list') THEN {found} END"


def _composite(j: str) -> str:
    return f"(starts_with({j}, '{{') OR starts_with({j}, '['))"


def text(leaf: c.Leaf) -> str:
    """`Checker.text`'s problem (an object or a list), else NULL: the value is `text_value`'s,
    for a text may itself start with the problem's mark (chr(0))."""
    return f"CASE WHEN {_composite(leaf.j)} THEN {c.text(leaf)} END"


def text_value(leaf: c.Leaf) -> str:
    """`Checker.text`'s value: trimmed text, blank is absent; a number as Python's `str`."""
    return (f"CASE WHEN {leaf.j} IS NULL OR {_composite(leaf.j)} THEN NULL "
            f"WHEN starts_with({leaf.j}, '\"') OR {leaf.j} IN ('true', 'false') "
            f"THEN nullif({leaf.t}, '') ELSE akrim_jl_str({leaf.j}) END")


_PLAIN = '"?-?[0-9]{1,9}([.,][0-9]{1,15})?"?'
"""Kroner that SQL turns into øre as Python does: a JSON number or a string of digits (at most
nine before the point, so within range) with '.' or ',' (only a string can hold ',')."""


def oere(j: str) -> str:
    """`Checker.oere`'s verdict on an amount (a leaf's JSON) that is not plain kroner, by the
    Checker itself; NULL for plain kroner (`oere_amount`) and for none."""
    return (f"CASE WHEN {j} IS NULL OR {j} = '\"\"' OR regexp_full_match({j}, '{_PLAIN}') "
            f"THEN NULL ELSE akrim_jl_oere({j}) END")


def oere_amount(j: str, verdict: str) -> str:
    """`Checker.oere`'s value in øre (BIGINT): plain kroner in SQL (whole kroner, the common
    case, without a detour through DOUBLE), anything else from the `oere` verdict."""
    return (f"CASE WHEN regexp_full_match({j}, '-?[0-9]{{1,9}}') THEN CAST({j} AS BIGINT) * 100 "
            f"WHEN {verdict} IS NOT NULL THEN CAST({c.value_of(verdict)} AS BIGINT) "
            f"WHEN {j} IS NULL OR {j} = '\"\"' THEN NULL "
            f"ELSE CAST(round_even(CAST(replace(trim({j}, '\"'), ',', '.') AS DOUBLE) * 100, 0) "
            f"AS BIGINT) END")


def boolean(j: str) -> str:
    """`Checker.boolean` of a leaf's JSON: true and false in SQL, anything else by the Checker."""
    return (f"CASE WHEN {j} IS NULL THEN NULL WHEN {j} IN ('true', 'false') THEN {j} "
            f"ELSE akrim_jl_boolean({j}) END")


def orgnr(leaf: c.Leaf) -> str:
    """`Checker.orgnr` (required): `akrim.ids` on Python's `str` of the value."""
    given = f"CASE WHEN starts_with({leaf.j}, '\"') THEN {leaf.s} ELSE akrim_jl_str({leaf.j}) END"
    return f"CASE WHEN {c.absent(leaf)} THEN {c.missing()} ELSE akrim_orgnr({given}) END"


def termin(leaf: c.Leaf) -> str:
    """A term (required): one of `TERMINER`, else `unknown_code`."""
    known = ", ".join(c.quote(t) for t in TERMINER)
    unknown = c.problem("unknown_code", f"'unknown termin ' || akrim_jl_repr({leaf.j})")
    return (f"CASE WHEN {c.absent(leaf)} THEN {c.missing()} "
            f"WHEN starts_with({leaf.j}, '\"') AND {leaf.s} IN ({known}) THEN {leaf.s} "
            f"ELSE {unknown} END")


def aar(leaf: c.Leaf) -> str:
    """`Checker.year` (required): a string of digits in SQL, anything else by the Checker."""
    return (f"CASE WHEN {c.absent(leaf)} THEN {c.missing()} "
            f"WHEN regexp_full_match({leaf.j}, '\"[0-9]+\"') THEN {leaf.j}[2:-2] "
            f"ELSE akrim_jl_year({leaf.j}) END")


def problem(field: str, verdict: str, holds: bool) -> str:
    """A candidate quarantine entry; `field` is an SQL expression."""
    return f"{{'f': {field}, 'v': {verdict}, 'h': {str(holds).lower()}}}"


def any_problem(verdicts: Iterable[str]) -> str:
    return "(" + " OR ".join(f"coalesce({c.is_problem(v)}, false)" for v in verdicts) + ")"


_JSON_SPACE = "' ' || chr(9) || chr(13)"


def lines(prefix: str, structure: str, types: str, again: str) -> str:
    """The batch's lines (`{prefix}_l`): whether each is an object, its typed value `d`, what
    `types` (SQL over `d` and `raw`) tells of its shape, and the line itself where a term must
    be looked at again (`again`, an SQL condition over `d`). A broken line stops the load."""
    is_object = (f"CASE WHEN starts_with(raw, '{{') THEN true "
                 f"WHEN ascii(raw) IN (9, 13, 32) THEN starts_with(ltrim(raw, {_JSON_SPACE}), '{{')"
                 f" ELSE false END")
    return f"""
CREATE OR REPLACE TEMP TABLE {prefix}_l AS
SELECT line, record_id, is_obj, d,
       CASE WHEN checked IS NOT NULL THEN akrim_jl_type(raw) END AS found,
       {types}, CASE WHEN {again} THEN raw END AS again
FROM (SELECT line, record_id, raw, is_obj,
             CASE WHEN is_obj THEN json_transform(raw, {c.quote(structure)}) END AS d,
             CASE WHEN NOT is_obj THEN json_type(raw) END AS checked
      FROM (SELECT *, {is_object} AS is_obj FROM src_batch));
"""


def records(prefix: str, head: str, head_verdicts: Iterable[str], term: str,
            term_problems: str) -> str:
    """Per term with a problem, its problems (`{prefix}_p`), and per response (`{prefix}_rec`)
    every problem in the Python reader's order: `head` (the response's own), each term's
    `_object` problem (`c_eobj`, the term's field `term`), then each term's `term_problems`
    (over `{prefix}_t` and `c_levert`, which the Python reader checks once per term)."""
    return f"""
CREATE OR REPLACE TEMP TABLE {prefix}_p AS
SELECT line, true AS has_p,
       flatten(list([{problem(term, "c_eobj", True)}] ORDER BY i)) AS eps,
       flatten(list({term_problems} ORDER BY i)) AS tps
FROM {prefix}_t JOIN (SELECT line, c_levert FROM {prefix}_r) USING (line)
WHERE bad OR {c.is_problem('c_levert')}
GROUP BY line;
CREATE OR REPLACE TEMP TABLE {prefix}_rec AS
SELECT *, coalesce(list_bool_or([p.h FOR p IN problems]), false) AS holds FROM (
  SELECT r.*, CASE WHEN has_p OR {any_problem(head_verdicts)} THEN list_filter(
           flatten([{head}, coalesce(eps, []), coalesce(tps, [])]),
           lambda p: {c.is_problem('p.v')}) END AS problems
  FROM {prefix}_r r LEFT JOIN {prefix}_p USING (line));
"""


def held(prefix: str, nulls: int) -> str:
    """The firms whose rows are held back (a response's rows stand or fall together)."""
    return (f"SELECT {c.value_of('c_orgnr')}{', NULL' * nulls} FROM {prefix}_rec "
            f"WHERE holds AND {c.value_of('c_orgnr')} IS NOT NULL")


def unknown_fields() -> str:
    return "CASE WHEN len(problems) > 0 THEN [p.f FOR p IN problems] END AS unknown_fields"


def quarantine(prefix: str) -> str:
    """The batch's problems: (line, field, kind, reason, record_kept)."""
    return f"""
SELECT line, '-' AS field, 'invalid_value' AS kind, 'expected a JSON object, found ' || found
       AS reason, false AS record_kept
FROM {prefix}_l WHERE NOT is_obj
UNION ALL
SELECT line, p.f, {c.kind_of('p.v')}, {c.reason_of('p.v', 'p.f')}, NOT holds
FROM (SELECT line, unnest(problems) AS p, holds FROM {prefix}_rec WHERE problems IS NOT NULL)"""


def terms(prefix: str, items: str) -> str:
    """The terms of each response (`items`, a list in `d`), numbered `i` from 0, with the line
    where they must be looked at again."""
    return (f"(SELECT line, again, unnest({items}) AS e, generate_subscripts({items}, 1) - 1 AS i"
            f" FROM {prefix}_l WHERE is_obj)")


# Arbeidsgiveravgift -------------------------------------------------------------------------

_AGA_ITEM = ("termin", "aar", "sumavgiftsgrunnlagBeloep")
AGA_STRUCTURE = json.dumps({
    "forespurteOrganisasjon": J, "levert": J,
    "arbeidsgiveravgifter": [{"arbeidsgiveravgift": dict.fromkeys(_AGA_ITEM, J)}]})
_AGA_AT = "'$.arbeidsgiveravgifter[' || i || ']'"
_AGA_TYPES = (f"CASE WHEN is_obj THEN "
              f"{list_type('d.arbeidsgiveravgifter', 'raw', c.quote('$.arbeidsgiveravgifter'))}"
              " END AS t_type")
_AGA_AGAIN = (f"list_bool_or([{vague('x', ['arbeidsgiveravgift'])} OR "
              f"{vague('x.arbeidsgiveravgift', _AGA_ITEM)} FOR x IN d.arbeidsgiveravgifter])")
_AGA_W_TYPE = object_type("e.arbeidsgiveravgift", _AGA_ITEM, "again",
                          f"{_AGA_AT} || '.arbeidsgiveravgift'")
_AGA_TERMS = (
    f"(SELECT *, {object_type('e', ['arbeidsgiveravgift'], 'again', _AGA_AT)} AS e_type, "
    f"{_AGA_W_TYPE} AS w_type FROM {terms('ag', 'd.arbeidsgiveravgifter')})")
_AGA_WHERE = "'arbeidsgiveravgifter[' || i || '].arbeidsgiveravgift'"
_AGA_HEAD = "[" + ", ".join((problem("'forespurteOrganisasjon'", "c_orgnr", True),
                             problem("'arbeidsgiveravgifter'", "c_arr", True))) + "]"
_AGA_TERM = "[" + ", ".join((
    problem(_AGA_WHERE, "c_wobj", True),
    problem(f"{_AGA_WHERE} || '.termin'", "c_termin", True),
    problem(f"{_AGA_WHERE} || '.aar'", "c_aar", True),
    problem(f"{_AGA_WHERE} || '.sumavgiftsgrunnlagBeloep'", "c_sum", False),
    problem("'levert'", "c_levert", False))) + "]"

AGA_STAGE = lines("ag", AGA_STRUCTURE, _AGA_TYPES, _AGA_AGAIN) + f"""
CREATE OR REPLACE TEMP TABLE ag_r AS
SELECT line, record_id, {orgnr(L('orgnr'))} AS c_orgnr, {not_list('t_type')} AS c_arr,
       {text(L('levert'))} AS c_levert, {text_value(L('levert'))} AS levert
FROM {c.leaf_layers("ag_l WHERE is_obj", "line, record_id, t_type",
                    {"orgnr": "d.forespurteOrganisasjon", "levert": "d.levert"})};
CREATE OR REPLACE TEMP TABLE ag_t AS
SELECT *, {oere_amount('sum_j', 'c_sum')} AS sum_oere,
       {any_problem(('c_eobj', 'c_wobj', 'c_termin', 'c_aar', 'c_sum'))} AS bad FROM (
  SELECT line, i, sum_j, {not_object('e_type')} AS c_eobj, {not_object('w_type')} AS c_wobj,
         {termin(L('termin'))} AS c_termin, {aar(L('aar'))} AS c_aar, {oere('sum_j')} AS c_sum
  FROM {c.leaf_layers(_AGA_TERMS, "line, i, e_type, w_type, "
                      "e.arbeidsgiveravgift.sumavgiftsgrunnlagBeloep::VARCHAR AS sum_j",
                      {"termin": "e.arbeidsgiveravgift.termin",
                       "aar": "e.arbeidsgiveravgift.aar"})});
""" + records("ag", _AGA_HEAD, ("c_orgnr", "c_arr"), "'arbeidsgiveravgifter[' || i || ']'",
              _AGA_TERM)
"""Per batch of lines (`src_batch`): the responses, their terms and checks."""

AGA_ROWS = {"arbeidsgiveravgift_termin": f"""
SELECT {c.value_of('c_orgnr')}, {c.value_of('c_aar')}, {c.value_of('c_termin')},
  sum_oere, levert, {unknown_fields()},
  record_id, line, row_number() OVER (ORDER BY line, i) - 1 AS row_no
FROM ag_t JOIN ag_rec USING (line) WHERE NOT holds"""}

AGA_READER = SqlReader(iter_json_record_batches, AGA_STAGE, AGA_ROWS,
                       {"arbeidsgiveravgift_termin": held("ag", 2)}, quarantine("ag"))
"""Arbeidsgiveravgift responses → `arbeidsgiveravgift_termin`."""
