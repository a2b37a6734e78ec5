"""Enhetsregisteret's roles: the bulk file `roller_totalbestand.json.gz`
(`GET /roller/totalbestand`), a gzip'd JSON array of
`{organisasjonsnummer, rollegrupper: [...]}`, one element per enhet.

The roles file names no person by identifier: a person holder is known by birth date and name
only (linkage resolves them later). Older payloads mark a role that has ended with `fratraadt`,
newer ones with `avregistrert`; either counts.

DuckDB does the reading (`READER`, `akrim.ingest.sqlstage`): the array's elements are cut by
`akrim.ingest.arrays`, typed against `STRUCTURE` (every kept leaf as JSON) and checked by
`akrim.ingest.sqlchecks` and `akrim.ingest.sqlcodes` as `role_rows` checks them, which the
change feed (`akrim.ingest.changes`) still uses. One enhet's roles stand or fall together.
"""

from __future__ import annotations

import json
from typing import Any

from akrim.codes.brreg import ROLLETYPER
from akrim.ingest import sqlchecks as c
from akrim.ingest import sqlcodes
from akrim.ingest.arrays import iter_json_array_batches
from akrim.ingest.checks import Checker
from akrim.ingest.records import ReadContext, Record
from akrim.ingest.sqlstage import SqlReader


def _kode(value: Any) -> Any:
    return value.get("kode") if isinstance(value, dict) else value


def role_rows(check: Checker, orgnr: str, groups: Any) -> list[tuple[Any, ...]]:
    """The typed `rolle` rows of one enhet's `rollegrupper`; problems go to `check`."""
    rows: list[tuple[Any, ...]] = []
    if not isinstance(groups, list):
        check.fail("rollegrupper", "invalid_value", "rollegrupper is not a list")
        return rows
    for g, group in enumerate(groups):
        group_code = check.required(_kode(group.get("type")), f"rollegrupper[{g}].type.kode")
        for r, role in enumerate(group.get("roller") or []):
            where = f"rollegrupper[{g}].roller[{r}]"
            code = check.code(check.required(_kode(role.get("type")), f"{where}.type.kode"),
                              f"{where}.type.kode", ROLLETYPER, "role type")
            person = role.get("person")
            unit = role.get("enhet")
            fodselsdato = fornavn = mellomnavn = etternavn = er_doed = None
            unit_orgnr = unit_name = None
            if isinstance(person, dict):
                navn = person.get("navn") or {}
                fodselsdato = check.date(person.get("fodselsdato"), f"{where}.person.fodselsdato",
                                         required=True)
                fornavn = check.text(navn.get("fornavn"), f"{where}.person.navn.fornavn")
                mellomnavn = check.text(navn.get("mellomnavn"), f"{where}.person.navn.mellomnavn")
                etternavn = check.text(navn.get("etternavn"), f"{where}.person.navn.etternavn")
                er_doed = check.boolean(person.get("erDoed"), f"{where}.person.erDoed")
                full_name = " ".join(p for p in (fornavn, mellomnavn, etternavn) if p)
                holder = f"p:{fodselsdato}|{full_name}"
            elif isinstance(unit, dict):
                unit_orgnr = check.orgnr(unit.get("organisasjonsnummer"),
                                         f"{where}.enhet.organisasjonsnummer", required=True)
                names = unit.get("navn")
                unit_name = " ".join(names) if isinstance(names, list) else check.text(
                    names, f"{where}.enhet.navn")
                holder = f"o:{unit_orgnr}"
            else:
                check.fail(where, "missing_field", "role has neither person nor enhet")
                continue
            ended = bool(role.get("avregistrert")) or bool(role.get("fratraadt"))
            rows.append((
                orgnr, group_code, code, holder, fodselsdato, fornavn, mellomnavn, etternavn,
                er_doed, unit_orgnr, unit_name, ended,
                check.integer(role.get("rekkefolge"), f"{where}.rekkefolge"),
                _kode(role.get("valgtAv")),
            ))
    return rows


def roles_record(line: int, raw: str, obj: Any, context: ReadContext) -> Record:
    """One element read in Python (`role_rows`): what `READER` gives, kept as its reference."""
    record = Record(line, raw)
    check = Checker(line, allow_synthetic=context.allow_synthetic)
    if not check.is_object(obj):
        record.problems = check.problems
        return record
    orgnr = check.orgnr(obj.get("organisasjonsnummer"), "organisasjonsnummer", required=True)
    rows = role_rows(check, orgnr or "", obj.get("rollegrupper"))
    # One enhet's roles stand or fall together: a partial set would read as resignations.
    record.add(check, [("rolle", row) for row in rows],
               held=[("rolle", (orgnr, None, None, None))] if orgnr else [])
    return record


J = "JSON"
STRUCTURE = json.dumps({"organisasjonsnummer": J, "rollegrupper": [{"type": J, "roller": [{
    "type": J, "person": J, "enhet": J, "avregistrert": J, "fratraadt": J, "rekkefolge": J,
    "valgtAv": J}]}]})
PERSON = json.dumps({"fodselsdato": J, "erDoed": J,
                     "navn": {"fornavn": J, "mellomnavn": J, "etternavn": J}})
ENHET = json.dumps({"organisasjonsnummer": J, "navn": J})


def truthy(leaf: c.Leaf) -> str:
    """Python's `bool(value)` of a JSON leaf."""
    return (f"CASE WHEN {leaf.j} IS NULL OR {leaf.j} IN ('false', 'null', '\"\"', '[]', '{{}}') "
            f"THEN false WHEN {leaf.j} = 'true' OR starts_with({leaf.j}, '\"') "
            f"OR starts_with({leaf.j}, '[') OR starts_with({leaf.j}, '{{') THEN true "
            f"ELSE TRY_CAST({leaf.j} AS DOUBLE) <> 0 END")


def _problem(field: str, verdict: str, holds: str) -> str:
    """One candidate quarantine entry; `field` an SQL text, `holds` an SQL boolean."""
    return f"{{'f': {field}, 'v': {verdict}, 'h': {holds}}}"


def _problems(candidates: str) -> str:
    return f"list_filter({candidates}, lambda p: {c.is_problem('p.v')})"


L = c.Leaf.columns
_NOT_LIST = c.problem("invalid_value", "'rollegrupper is not a list'")
_NEITHER = c.problem("missing_field", "'role has neither person nor enhet'")
_PERSON_CHECKS = {
    "fodt": sqlcodes.date(L("fodt"), required=True), "fornavn": c.text(L("fornavn")),
    "mellomnavn": c.text(L("mellomnavn")), "etternavn": c.text(L("etternavn")),
    "doed": sqlcodes.boolean(L("doed")),
}
_PERSON_FIELDS = {"fodt": "person.fodselsdato", "fornavn": "person.navn.fornavn",
                  "mellomnavn": "person.navn.mellomnavn", "etternavn": "person.navn.etternavn",
                  "doed": "person.erDoed"}
_UNIT_CHECKS = {
    "uorgnr": sqlcodes.orgnr(L("uorgnr"), required=True),
    "unavn": f"CASE WHEN starts_with(unavn_j, '[') THEN array_to_string("
             f"json_extract_string(unavn_j, '$[*]'), ' ') ELSE {c.text(L('unavn'))} END",
}
_UNIT_FIELDS = {"uorgnr": "enhet.organisasjonsnummer", "unavn": "enhet.navn"}
_HOLDING = ("fodt", "uorgnr")
_TYPE_HOLDS = f"{c.is_problem('c_type')} AND {c.kind_of('c_type')} <> 'unknown_code'"
_WHERE = "'rollegrupper[' || g || '].roller[' || r || ']'"


def _part(checks: dict[str, str], fields: dict[str, str]) -> str:
    return "[" + ", ".join(
        _problem(f"{_WHERE} || '.{fields[name]}'", f"c_{name}", str(name in _HOLDING).lower())
        for name in checks) + "]"


def _any(names: Any) -> str:
    return "(" + " OR ".join(c.is_problem(f"c_{name}") for name in names) + ")"


_TYPE_FIELD = _WHERE + " || '.type.kode'"
_REKKEFOLGE_FIELD = _WHERE + " || '.rekkefolge'"
_ROLE_PROBLEMS = _problems(
    f"flatten([[{_problem(_TYPE_FIELD, 'c_type', _TYPE_HOLDS)}], "
    f"CASE WHEN is_person THEN {_part(_PERSON_CHECKS, _PERSON_FIELDS)} "
    f"WHEN is_unit THEN {_part(_UNIT_CHECKS, _UNIT_FIELDS)} "
    f"ELSE [{_problem(_WHERE, _NEITHER, 'true')}] END, "
    f"CASE WHEN is_person OR is_unit THEN "
    f"[{_problem(_REKKEFOLGE_FIELD, 'c_rekke', 'false')}] END])")

STAGE = f"""
CREATE OR REPLACE TEMP TABLE rl_e AS
SELECT line, record_id, row_number() OVER () AS n, starts_with(raw, '{{') AS is_object,
       CASE WHEN starts_with(raw, '{{') THEN json_transform(raw, {c.quote(STRUCTURE)}) END AS e,
       CASE WHEN NOT starts_with(raw, '{{') THEN {sqlcodes.type_name('raw')} END AS found
FROM src_batch;
CREATE OR REPLACE TEMP TABLE rl_r AS
SELECT line, record_id, n, is_object, found, has_groups,
       {sqlcodes.orgnr(L('orgnr'), required=True)} AS c_orgnr
FROM {c.leaf_layers("rl_e", "line, record_id, n, is_object, found, "
                    "e.rollegrupper IS NOT NULL AS has_groups",
                    {"orgnr": "e.organisasjonsnummer"})};
CREATE OR REPLACE TEMP TABLE rl_g AS
SELECT line, n, g, roller, CASE WHEN {c.absent(L('gtype'))} THEN {c.missing()}
                                ELSE gtype_s END AS c_gtype
FROM {c.leaf_layers(
    "(SELECT line, n, unnest(e.rollegrupper) AS grp, "
    "generate_subscripts(e.rollegrupper, 1) - 1 AS g FROM rl_e WHERE is_object)",
    "line, n, g, grp.roller AS roller", {"gtype": sqlcodes.kode("grp.type")})};
CREATE OR REPLACE TEMP TABLE rl_x AS
SELECT *, {c.is_problem('c_type')} OR NOT (is_person OR is_unit)
          OR (is_person AND {_any(_PERSON_CHECKS)}) OR (is_unit AND {_any(_UNIT_CHECKS)})
          OR ((is_person OR is_unit) AND {c.is_problem('c_rekke')}) AS bad
FROM (
  SELECT line, n, g, r, is_person, is_unit,
    CASE WHEN {c.absent(L('type'))} THEN {c.missing()}
         ELSE {sqlcodes.code(L('type'), 'rolletype')} END AS c_type,
    {', '.join(f"{check} AS c_{name}" for name, check in _PERSON_CHECKS.items())},
    {', '.join(f"{check} AS c_{name}" for name, check in _UNIT_CHECKS.items())},
    {truthy(L('avreg'))} OR {truthy(L('fratr'))} AS ended,
    {sqlcodes.integer(L('rekke'))} AS c_rekke, valgt_s AS valgt
  FROM {c.leaf_layers(
      "(SELECT line, n, g, r, x, "
      f"CASE WHEN starts_with(x.person::VARCHAR, '{{') "
      f"THEN json_transform(x.person, {c.quote(PERSON)}) END AS p, "
      f"CASE WHEN starts_with(x.enhet::VARCHAR, '{{') "
      f"THEN json_transform(x.enhet, {c.quote(ENHET)}) END AS u "
      "FROM (SELECT line, n, g, unnest(roller) AS x, "
      "generate_subscripts(roller, 1) - 1 AS r FROM rl_g))",
      "line, n, g, r, p IS NOT NULL AS is_person, p IS NULL AND u IS NOT NULL AS is_unit",
      {"type": sqlcodes.kode("x.type"), "valgt": sqlcodes.kode("x.valgtAv"),
       "avreg": "x.avregistrert", "fratr": "x.fratraadt", "rekke": "x.rekkefolge",
       "fodt": "p.fodselsdato",
       "fornavn": "p.navn.fornavn", "mellomnavn": "p.navn.mellomnavn",
       "etternavn": "p.navn.etternavn", "doed": "p.erDoed",
       "uorgnr": "u.organisasjonsnummer", "unavn": "u.navn"})});
CREATE OR REPLACE TEMP TABLE rl_p AS
SELECT line, n, flatten(list(ps ORDER BY g, r)) AS ps FROM (
  SELECT line, n, g, -1 AS r,
         [{_problem("'rollegrupper[' || g || '].type.kode'", 'c_gtype', 'true')}] AS ps
  FROM rl_g WHERE {c.is_problem('c_gtype')}
  UNION ALL
  SELECT line, n, g, r, {_ROLE_PROBLEMS} FROM rl_x WHERE bad)
GROUP BY line, n;
CREATE OR REPLACE TEMP TABLE rl_rec AS
SELECT *, NOT coalesce(list_bool_or([p.h FOR p IN problems]), false) AS ok FROM (
  SELECT line, record_id, n, {c.value_of('c_orgnr')} AS orgnr,
    CASE WHEN {c.is_problem('c_orgnr')} OR NOT has_groups OR ps IS NOT NULL THEN {_problems(
        f"flatten([[{_problem(c.quote('organisasjonsnummer'), 'c_orgnr', 'true')}], "
        f"CASE WHEN NOT has_groups THEN "
        f"[{_problem(c.quote('rollegrupper'), _NOT_LIST, 'true')}] END, ps])")} END AS problems
  FROM rl_r LEFT JOIN rl_p USING (line, n) WHERE is_object)
"""
"""Per batch of elements (`src_batch`): the enheter, their role groups and roles, checked."""

_PERSON = "CASE WHEN is_person THEN {} END"
_UNIT = "CASE WHEN is_unit THEN {} END"
ROWS = {"rolle": f"""
SELECT orgnr, {c.value_of('c_gtype')}, {sqlcodes.value_of('c_type')},
  CASE WHEN is_person THEN 'p:' || {c.value_of('c_fodt')} || '|' || concat_ws(' ',
       {c.value_of('c_fornavn')}, {c.value_of('c_mellomnavn')}, {c.value_of('c_etternavn')})
       ELSE 'o:' || {c.value_of('c_uorgnr')} END,
  {_PERSON.format(f"CAST({c.value_of('c_fodt')} AS DATE)")},
  {_PERSON.format(c.value_of('c_fornavn'))}, {_PERSON.format(c.value_of('c_mellomnavn'))},
  {_PERSON.format(c.value_of('c_etternavn'))},
  {_PERSON.format(f"CAST({c.value_of('c_doed')} AS BOOLEAN)")},
  {_UNIT.format(c.value_of('c_uorgnr'))}, {_UNIT.format(c.value_of('c_unavn'))},
  ended, CAST({c.value_of('c_rekke')} AS INTEGER), valgt,
  CASE WHEN problems IS NOT NULL THEN [p.f FOR p IN problems] END AS unknown_fields,
  record_id, line, row_number() OVER (ORDER BY line, n, g, r) - 1 AS row_no
FROM rl_x JOIN rl_g USING (line, n, g) JOIN rl_rec USING (line, n) WHERE ok"""}
"""The kept roles of the batch, in `rolle`'s column order, then `unknown_fields`, `record_id`,
`line` and `row_no`."""

HELD = {"rolle": "SELECT orgnr, NULL, NULL, NULL FROM rl_rec WHERE NOT ok AND orgnr IS NOT NULL"}
"""The enheter whose roles are held back (all of them: a partial set would read as
resignations)."""

QUARANTINE = f"""
SELECT line, '-' AS field, 'invalid_value' AS kind, 'expected a JSON object, found ' || found
       AS reason, false AS record_kept
FROM rl_r WHERE NOT is_object
UNION ALL
SELECT line, p.f, {c.kind_of('p.v')}, {c.reason_of('p.v', 'p.f')}, ok
FROM (SELECT line, ok, unnest(problems) AS p FROM rl_rec WHERE problems IS NOT NULL)"""
"""The batch's problems: (line, field, kind, reason, record_kept)."""

READER = SqlReader(iter_json_array_batches, STAGE, ROWS, HELD, QUARANTINE)
