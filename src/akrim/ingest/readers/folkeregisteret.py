"""Folkeregisteret person documents, as the Folkeregisteret API returns them, one a line.

Every element of a person document is a list of dated records; the one with `erGjeldende`
true is current, else the last one (an element given as one object is taken as it is). A line
may also be a bulk lookup response `{"oppslag": [...]}` holding several documents under
`folkeregisterperson` (their fields named `oppslag[n].folkeregisterperson.…`).

DuckDB does the reading (`akrim.ingest.sqlstage`): each line is parsed once, typed against
`STRUCTURE` (every kept leaf as JSON, so that its JSON type is checked as the Checker checks
it), and checked by `akrim.ingest.sqlchecks` and `akrim.ingest.sqlcodes` (kommunenummer and
dates by the Checker itself, once per distinct value). A bad or missing identifier (the current
one or any in the list) holds the person back; any other bad value is noted and the person kept.
The Python reader's reading of a document is kept exactly: which record is current, whether a
record is an object with anything in it, whether a citizenship's `erGjeldende` is null or
absent. Where the typed read cannot tell (a record with none of the kept keys, an element that
is not a list), the few such documents are looked at again in their JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from akrim.ingest import sqlchecks as c
from akrim.ingest import sqlcodes
from akrim.ingest.lines import iter_line_batches
from akrim.ingest.sqlstage import SqlReader

J = "JSON"
_ADDRESS: dict[str, object] = {"kommunenummer": J, "bruksenhetsnummer": J, "adressenavn": J,
            "adressenummer": {"husnummer": J, "husbokstav": J},
            "poststed": {"postnummer": J, "poststedsnavn": J},
            "matrikkelnummer": {"kommunenummer": J}}
_RESIDENCE: dict[str, object] = {
    "erGjeldende": J, "vegadresse": _ADDRESS, "matrikkeladresse": _ADDRESS,
    "adresseIdentifikatorFraMatrikkelen": J, "flyttedato": J}
_ITEMS: dict[str, dict[str, object]] = {
    "identifikasjonsnummer": dict.fromkeys(
        ("erGjeldende", "foedselsEllerDNummer", "identifikatortype", "status"), J),
    "navn": dict.fromkeys(("erGjeldende", "fornavn", "mellomnavn", "etternavn"), J),
    "foedsel": dict.fromkeys(("erGjeldende", "foedselsdato"), J),
    "kjoenn": dict.fromkeys(("erGjeldende", "kjoenn"), J),
    "status": dict.fromkeys(("erGjeldende", "status"), J),
    "statsborgerskap": dict.fromkeys(("erGjeldende", "statsborgerskap"), J),
    "bostedsadresse": _RESIDENCE,
    "oppholdsadresse": _RESIDENCE,
}
CURRENT = {"identifikasjonsnummer": "ci", "navn": "cn", "foedsel": "cf", "kjoenn": "ck",
           "status": "cs", "bostedsadresse": "cb", "oppholdsadresse": "co"}
"""The elements read by their current record, and the column that record is in."""
STRUCTURE = json.dumps({"oppslag": J, **{element: [item] for element, item in _ITEMS.items()}})
"""A document's typed read; `oppslag` (as JSON) tells a bulk lookup response."""
WHOLE = json.dumps({element: _ITEMS[element] for element in CURRENT})
"""The same records, for the rare document giving an element as one object."""
PATHS = [f"$.{element}" for element in CURRENT]
_T = {element: n for n, element in enumerate(CURRENT, 1)}
"""Where in `t` (json_type of `PATHS`, from 1) each current element's JSON type is."""

_PREFIX = ("CASE WHEN di < 0 THEN '' "
           "ELSE 'oppslag[' || di || '].folkeregisterperson.' END")
"""The field prefix of a document's problems."""


def _truthy(j: str) -> str:
    """Python's truth of a JSON value (its JSON text; NULL when absent)."""
    return (f"coalesce({j} NOT IN ('null', 'false', '\"\"', '[]', '{{}}', '0', '0.0', '-0.0'), "
            "false)")


def _object(j: str) -> str:
    """A JSON object with at least one key (a truthy dict)."""
    return f"coalesce(starts_with({j}, '{{') AND {j} <> '{{}}', false)"


def _py_str(j: str) -> str:
    """Python's `str` of a JSON value (its JSON text)."""
    return (f"CASE WHEN starts_with({j}, '\"') THEN json_extract_string({j}, '$') "
            f"ELSE akrim_python_str({j}) END")


def _py_repr(text: str) -> str:
    """Python's `repr` of a text: Python's `str` of a list holds its items' `repr`."""
    return f"akrim_python_str('[' || to_json({text})::VARCHAR || ']')[2:-2]"


def _any_set(struct: str, fields: tuple[str, ...]) -> str:
    """Whether a record has one of the kept keys (so surely is an object, and not empty)."""
    return "(" + " OR ".join(f"{struct}.{name} IS NOT NULL" for name in fields) + ")"


_ID_KEYS = tuple(_ITEMS["identifikasjonsnummer"])
_RESIDENCE_KEYS = tuple(_RESIDENCE)
_ADDRESS_KEYS = tuple(_ADDRESS)


def _vague(struct: str, fields: tuple[str, ...]) -> str:
    """A record the typed read cannot tell from `{}` or a non-object (none of the kept keys)."""
    return f"({struct} IS NOT NULL AND NOT {_any_set(struct, fields)})"


def _citizenships(items: str) -> str:
    """The current citizenships (`erGjeldende` true; see `_STATS_AGAIN` for an absent one),
    distinct, sorted and comma-joined; NULL for none. One record is the common case."""
    def current(x: str) -> str:
        return f"{_truthy(f'{x}.statsborgerskap')} AND {_truthy(f'{x}.erGjeldende')}"

    one = f"CASE WHEN {current(f'{items}[1]')} THEN {_py_str(f'{items}[1].statsborgerskap')} END"
    return (f"CASE WHEN len({items}) = 1 THEN {one} ELSE nullif(array_to_string(list_sort("
            f"list_distinct([{_py_str('x.statsborgerskap')} FOR x IN {items} "
            f"IF {current('x')}])), ','), '') END")


def _position(element: str) -> str:
    """Where an element's current record is (from 1): the first with `erGjeldende` true, else
    the last. One record is the common case."""
    items = f"p.{element}"
    return (f"CASE WHEN len({items}) = 1 THEN 1 ELSE coalesce(list_position("
            f"[{_truthy('x.erGjeldende')} FOR x IN {items}], true), len({items})) END")


def _look_again(condition: str, json: str) -> str:
    """A question the typed read leaves open, answered from the document's JSON, for the rare
    document that asks it (DuckDB evaluates a CASE branch only for the rows that take it)."""
    return f"CASE WHEN {condition} THEN {json} END"


def _path(element: str, position: str) -> str:
    """The JSON path of an element's current record in its document."""
    return (f"CASE WHEN t[{_T[element]}] = 'OBJECT' THEN '$.{element}' "
            f"ELSE '$.{element}[' || ({position} - 1) || ']' END")


_ODD_B = f"({_vague('cb', _RESIDENCE_KEYS)} AND {_any_set('co', _RESIDENCE_KEYS)})"
"""Whether a bostedsadresse with none of the kept keys is an object with something in it
matters only when there is an oppholdsadresse to fall back on."""
_ODD_VB, _ODD_VO = (f"({_vague(f'{r}.vegadresse', _ADDRESS_KEYS)} "
                    f"AND {_any_set(f'{r}.matrikkeladresse', _ADDRESS_KEYS)})"
                    for r in ("cb", "co"))
"""Likewise a vegadresse with none of the kept keys, when there is a matrikkeladresse."""
_STATS_AGAIN = f"""nullif(array_to_string(list_sort(list_distinct(
    [{_py_str("json_extract(x, '$.statsborgerskap')")}
     FOR x IN json_extract(json_extract(doc, '$.statsborgerskap'), '$[*]')
     IF starts_with(x, '{{') AND {_truthy("json_extract(x, '$.statsborgerskap')")}
     AND (json_extract(x, '$.erGjeldende') IS NULL
          OR {_truthy("json_extract(x, '$.erGjeldende')")})])), ','), '')"""
"""The citizenships when one has `erGjeldende` null or absent (current only when absent)."""
_B_SET = _look_again(_ODD_B, _object(f"json_extract(doc, {_path('bostedsadresse', 'pos_cb')})"))
_USE_OPPHOLD = (f"({_any_set('co', _RESIDENCE_KEYS)} AND NOT "
                f"({_any_set('cb', _RESIDENCE_KEYS)} OR coalesce({_B_SET}, false)))")
"""The oppholdsadresse when the bostedsadresse is empty and it is not."""


def _one_or_all(items: str, test: Callable[[str], str]) -> str:
    """Whether a record of a list passes `test` (never NULL): one record is the common case.
    NULL for no list, false for an empty one."""
    return (f"CASE WHEN len({items}) = 1 THEN {test(f'{items}[1]')} "
            f"ELSE list_bool_or([{test('x')} FOR x IN {items}]) END")


_odd_id = _one_or_all("p.identifikasjonsnummer", lambda x: _vague(x, _ID_KEYS))
"""Whether an identifier record has none of the kept keys (maybe no object: see `id_types`)."""
_odd_s = "coalesce({}, false)".format(_one_or_all(
    "p.statsborgerskap",
    lambda x: f"{_truthy(f'{x}.statsborgerskap')} AND {x}.erGjeldende IS NULL"))
"""Whether a citizenship has `erGjeldende` null or absent (see `_STATS_AGAIN`)."""


def _veg_set(record: str, odd: str, element: str) -> str:
    """Whether a residence's vegadresse is a non-empty object (else the matrikkeladresse)."""
    again = _object(f"json_extract(doc, {_path(element, f'pos_{record}')} || '.vegadresse')")
    return (f"({_any_set(f'{record}.vegadresse', _ADDRESS_KEYS)} "
            f"OR coalesce({_look_again(odd, again)}, false))")


def _documents(source: str) -> str:
    """Per document of `source` (line, di, doc, p, obj, bulk, is_doc): whether it is a person
    document, and if so its identifiers (the records that are objects), the current record
    of each element (`CURRENT`), the residence (`element`: the bostedsadresse, else the
    oppholdsadresse) with its address (`veg`: the vegadresse, else the matrikkeladresse),
    and the citizenships."""
    positions = ", ".join(f"{_position(e)} AS pos_{col}" for e, col in CURRENT.items())
    chosen = ", ".join(
        f"CASE WHEN t[{_T[e]}] = 'OBJECT' THEN w.{e} ELSE p.{e}[pos_{col}] END AS {col}"
        for e, col in CURRENT.items())
    id_types = _look_again("odd_id", "json_type(json_extract(doc, '$.identifikasjonsnummer'), "
                                     "'$[*]')")  # which of the records are objects
    return f"""
SELECT line, di, bulk, is_doc, ids, ci, cn, cf, ck, cs, element,
       r.adresseIdentifikatorFraMatrikkelen AS adrid, r.flyttedato AS flytt,
       CASE WHEN veg_set THEN r.vegadresse ELSE r.matrikkeladresse END AS veg,
       CASE WHEN odd_s THEN {_STATS_AGAIN} ELSE stats END AS citizenships
FROM (
  SELECT *, CASE WHEN opphold THEN co ELSE cb END AS r,
         CASE WHEN opphold THEN 'oppholdsadresse' ELSE 'bostedsadresse' END AS element,
         CASE WHEN opphold THEN {_veg_set('co', _ODD_VO, 'oppholdsadresse')}
              ELSE {_veg_set('cb', _ODD_VB, 'bostedsadresse')} END AS veg_set
  FROM (
    SELECT *, {_USE_OPPHOLD} AS opphold,
           CASE WHEN id_types IS NOT NULL
                THEN list_filter(p.identifikasjonsnummer, lambda v, i: id_types[i] = 'OBJECT')
                ELSE list_filter(p.identifikasjonsnummer, lambda v: v IS NOT NULL) END AS ids
    FROM (
      SELECT *, {chosen}, {id_types} AS id_types
      FROM (
        SELECT *, CASE WHEN list_contains(t, 'OBJECT')
                       THEN json_transform(doc, {c.quote(WHOLE)}) END AS w
        FROM (
          SELECT *, CASE WHEN is_doc AND ({_MAYBE_OBJECT}) THEN json_type(doc, {PATHS}) END AS t
          FROM (
            SELECT *, {positions}, {_citizenships('p.statsborgerskap')} AS stats,
                   {_odd_id} AS odd_id, {_odd_s} AS odd_s
            FROM {source}))))))"""


_MAYBE_OBJECT = " OR ".join([
    *(f"p.{element} IS NULL" for element in CURRENT if element != "oppholdsadresse"),
    f"(p.oppholdsadresse IS NULL AND NOT {_any_set('p.bostedsadresse[pos_cb]', _RESIDENCE_KEYS)})"])
"""Whether a document may give an element as one object (which the typed read leaves NULL)
that matters: only then are its elements' JSON types looked up (`t`, else NULL). The
oppholdsadresse is read only when the bostedsadresse record has none of the kept keys."""
_LINES = f"""(
  SELECT *, obj AND NOT bulk AS is_doc FROM (
    SELECT line, -1::BIGINT AS di, raw AS doc, p, obj,
           obj AND coalesce(starts_with(p.oppslag, '['), false) AS bulk
    FROM (SELECT line, raw, json_transform(raw, {c.quote(STRUCTURE)}) AS p,
                 CASE WHEN starts_with(raw, '{{') THEN true
                      ELSE coalesce(json_type(raw) = 'OBJECT', false) END AS obj
          FROM src_batch)))"""
"""Every line as a document (`doc`, typed as `p`; `obj` whether it is a JSON object): a line
that starts with `{` and parses is one, only the others are asked their JSON type."""
_BULK = f"""(
  SELECT *, obj AS is_doc FROM (
    SELECT line, di, doc, json_transform(doc, {c.quote(STRUCTURE)}) AS p,
           coalesce(starts_with(doc, '{{'), false) AS obj, false AS bulk FROM (
      SELECT line, di, CASE WHEN json_type(item) = 'OBJECT'
                            THEN json_extract(item, '$.folkeregisterperson') END AS doc
      FROM (SELECT line, unnest(items) AS item, generate_subscripts(items, 1) - 1 AS di
            FROM (SELECT line, json_extract(raw, '$.oppslag[*]') AS items FROM src_batch
                  WHERE line IN (SELECT line FROM fr_c WHERE bulk))))))"""
"""The documents of each bulk line (`oppslag`), once the lines are read."""
_DOCUMENTS = f"""
CREATE OR REPLACE TEMP TABLE fr_c AS {_documents(_LINES)};
-- only if: EXISTS (SELECT 1 FROM fr_c WHERE bulk)
INSERT INTO fr_c {_documents(_BULK)};
"""
"""Per batch: the documents (`di` -1 for a line that is one, else its place in `oppslag`, the
line itself then kept as `bulk`), and what is read from each: the bulk lines' documents in a
statement of their own, as finding them among the lines would cost more than that statement,
run only for a batch that has bulk lines.
Python's reading of a document is followed where the typed read cannot tell (a record with
none of the kept keys may be `{}`, an object with other keys, or no object at all; a null
`erGjeldende` is not an absent one): the few such documents are looked at again in their
JSON."""

_LEAVES = {
    "itype": "ci.identifikatortype",
    "fornavn": "cn.fornavn", "mellomnavn": "cn.mellomnavn", "etternavn": "cn.etternavn",
    "fdato": "cf.foedselsdato", "kjoenn": "ck.kjoenn", "status": "cs.status",
    "pnr": "veg.poststed.postnummer", "psted": "veg.poststed.poststedsnavn",
    "kommune": f"CASE WHEN {_truthy('veg.kommunenummer')} THEN veg.kommunenummer "
               "ELSE veg.matrikkelnummer.kommunenummer END",
    "adrid": "adrid", "bruks": "veg.bruksenhetsnummer", "flytt": "flytt",
}
"""The person's leaves that are checked as text, code or date."""
_RAW_LEAVES = {"key": "ci.foedselsEllerDNummer", "anavn": "veg.adressenavn",
               "husnr": "veg.adressenummer.husnummer",
               "husbokstav": "veg.adressenummer.husbokstav"}
"""Those only read as Python's `str` (the number, the street's parts): their JSON suffices."""


def _raw(name: str) -> c.Leaf:
    """A leaf of `_RAW_LEAVES`: its JSON, and its text for a string (all `python_str` reads)."""
    return c.Leaf(f"{name}_j", f"json_extract_string({name}_j, '$')", "NULL")


_TEXT = ("itype", "fornavn", "mellomnavn", "etternavn", "kjoenn", "status", "pnr", "psted",
         "adrid", "bruks")


def _person_id(leaf: c.Leaf) -> str:
    """`Checker.person_id` (required): checked by `akrim.ids` as Python's `str` of the value
    (an object's too, as the Checker does)."""
    return c.required(leaf, f"akrim_person_id({sqlcodes.python_str(leaf)})")


def _street_part(name: str) -> str:
    """A part of the street (adressenavn, husnummer, husbokstav): Python's `str` of a truthy
    value, else NULL (left out)."""
    leaf = _raw(name)
    return f"CASE WHEN {_truthy(leaf.j)} THEN {sqlcodes.python_str(leaf)} END"


def bruksenhetsnummer_note(verdict: str) -> str:
    """The note on a dwelling number (`verdict`: its `text` verdict) that is not in the
    register's form, else NULL; the number is kept as given all the same.

    A dwelling's number in its building (Kartverket, Skatteetaten): H, K, L or U for a main,
    basement, loft or lower floor, two digits for the floor and two for the door from the left.
    """
    note = c.problem("invalid_value", f"'bruksenhetsnummer ' || {_py_repr(verdict)} "
                                      "|| ' is not H, K, L or U and four digits'")
    return (f"CASE WHEN NOT {c.is_problem(verdict)} "
            f"AND NOT regexp_full_match({verdict}, '[HKLU][0-9]{{4}}') THEN {note} END")


_KEEP = "line, di, element, citizenships, " + ", ".join(
    f"({expr})::VARCHAR AS {name}_j" for name, expr in _RAW_LEAVES.items())
_VALUES = f"""
CREATE OR REPLACE TEMP TABLE fr_v AS
SELECT *,
  {bruksenhetsnummer_note('c_bruks')} AS n_bruks
FROM (
  SELECT line, di, element, citizenships,
         nullif(concat_ws(' ', {', '.join(_street_part(n) for n in ('anavn', 'husnr',
                                                                     'husbokstav'))}), '')
           AS street,
         {_person_id(_raw('key'))} AS c_key,
         {', '.join(f"{c.text(c.Leaf.columns(n))} AS c_{n}" for n in _TEXT)},
         {sqlcodes.kommunenummer(c.Leaf.columns('kommune'))} AS c_kommune,
         {sqlcodes.date(c.Leaf.columns('fdato'))} AS c_fdato,
         {sqlcodes.date(c.Leaf.columns('flytt'))} AS c_flytt
  FROM {c.leaf_layers("(SELECT * FROM fr_c WHERE is_doc)", _KEEP, _LEAVES)});
"""
"""Per document: the person's values, each checked."""

_IDENTIFIERS = f"""
CREATE OR REPLACE TEMP TABLE fr_i AS
SELECT line, di, n, {_person_id(_raw('num'))} AS c_num, {_raw('typ').s} AS typ,
       {_raw('st').s} AS st
FROM (SELECT line, di, n, x.foedselsEllerDNummer::VARCHAR AS num_j,
             x.identifikatortype::VARCHAR AS typ_j, x.status::VARCHAR AS st_j
      FROM (SELECT line, di, unnest(ids) AS x, generate_subscripts(ids, 1) - 1 AS n
            FROM fr_c WHERE is_doc));
"""
"""Every identifier a person has had (the records that are objects, numbered among them)."""


def _problem(field: str, verdict: str, holds: bool = False) -> str:
    return f"{{'f': {field}, 'v': {verdict}, 'h': {str(holds).lower()}}}"


_FIELDS = {"itype": "'identifikasjonsnummer.identifikatortype'", "fornavn": "'navn.fornavn'",
           "mellomnavn": "'navn.mellomnavn'", "etternavn": "'navn.etternavn'",
           "fdato": "'foedsel.foedselsdato'", "kjoenn": "'kjoenn.kjoenn'",
           "status": "'status.status'", "pnr": "element || '.poststed.postnummer'",
           "psted": "element || '.poststed.poststedsnavn'",
           "kommune": "element || '.kommunenummer'",
           "adrid": "element || '.adresseIdentifikatorFraMatrikkelen'",
           "bruks": "element || '.bruksenhetsnummer'", "flytt": "element || '.flyttedato'"}
"""The person's fields that are noted (and the person kept) when bad, in the Checker's order."""
_NOTED = {name: f"c_{name}" for name in _FIELDS} | {
    "bruks": f"CASE WHEN {c.is_problem('c_bruks')} THEN c_bruks ELSE n_bruks END"}
_CANDIDATES = ("[" + _problem("'identifikasjonsnummer.foedselsEllerDNummer'", "c_key", True)
               + ", " + ", ".join(_problem(_FIELDS[name], verdict)
                                  for name, verdict in _NOTED.items()) + "]")
_ANY_PROBLEM = " OR ".join(
    [c.is_problem("c_key"), *(c.is_problem(f"c_{name}") for name in _FIELDS),
     "n_bruks IS NOT NULL"])
_PROBLEMS = f"""
CREATE OR REPLACE TEMP TABLE fr_pp AS
SELECT *, coalesce(list_bool_or([p.h FOR p IN pp]), false) AS holds FROM (
  SELECT line, di, list_filter(flatten([coalesce(ip, []), {_CANDIDATES}]),
                               lambda p: {c.is_problem('p.v')}) AS pp
  FROM fr_v LEFT JOIN (
    SELECT line, di, list({_problem("'identifikasjonsnummer[' || n || ']'", 'c_num', True)}
                          ORDER BY n) AS ip
    FROM fr_i WHERE {c.is_problem('c_num')} GROUP BY ALL) USING (line, di)
  WHERE ip IS NOT NULL OR {_ANY_PROBLEM});
"""
"""The documents with a problem: the problems, and whether they hold the person back."""

STAGE = _DOCUMENTS + _VALUES + _IDENTIFIERS + _PROBLEMS
"""Per batch of lines (`src_batch`): the documents, their values and checks."""

_KEPT = f"""(SELECT *, {c.value_of('c_key')} AS key,
  CASE WHEN len(pp) > 0 THEN [{_PREFIX} || p.f FOR p IN pp] END AS unknown_fields
  FROM fr_v LEFT JOIN fr_pp USING (line, di) JOIN (SELECT line, record_id FROM src_batch)
  USING (line) WHERE NOT coalesce(holds, false))"""
ROWS = {
    "person": f"""
SELECT key, {', '.join(c.value_of(f'c_{n}') for n in ('itype', 'fornavn', 'mellomnavn',
                                                       'etternavn'))},
  CAST({c.value_of('c_fdato')} AS DATE), {c.value_of('c_kjoenn')}, {c.value_of('c_status')},
  citizenships, street,
  {c.value_of('c_pnr')}, {c.value_of('c_psted')}, {sqlcodes.value_of('c_kommune')},
  {c.value_of('c_adrid')}, {c.value_of('c_bruks')},
  CAST({c.value_of('c_flytt')} AS DATE),
  unknown_fields, record_id, line, row_number() OVER (ORDER BY line, di) - 1 AS row_no
FROM {_KEPT}""",
    "person_identifikator": f"""
SELECT key, {c.value_of('c_num')}, typ, st,
  unknown_fields, record_id, line, row_number() OVER (ORDER BY line, di, n) - 1 AS row_no
FROM fr_i JOIN (SELECT line, di, key, unknown_fields, record_id FROM {_KEPT}) USING (line, di)""",
}
"""Per table: the kept rows of the batch, in the table's column order, then `unknown_fields`,
`record_id`, `line` and `row_no` (from 0 in the batch)."""

_HELD = (f"SELECT {c.value_of('c_key')} AS key FROM fr_v JOIN fr_pp USING (line, di) "
         f"WHERE holds AND {c.value_of('c_key')} IS NOT NULL")
HELD = {"person": _HELD, "person_identifikator": f"SELECT key, NULL FROM ({_HELD})"}
"""Per table: keys of the rows held back (a person's rows stand or fall together)."""

QUARANTINE = f"""
SELECT line, {_PREFIX} || '-' AS field, 'invalid_value' AS kind,
       'expected a person document object' AS reason, false AS record_kept
FROM fr_c WHERE NOT bulk AND NOT is_doc
UNION ALL
SELECT line, f, {c.kind_of('p.v')}, {c.reason_of('p.v', 'f')}, NOT holds
FROM (SELECT line, {_PREFIX} || p.f AS f, p, holds
      FROM (SELECT line, di, unnest(pp) AS p, holds FROM fr_pp))"""
"""The batch's problems: (line, field, kind, reason, record_kept)."""

READER = SqlReader(iter_line_batches, STAGE, ROWS, HELD, QUARANTINE)
