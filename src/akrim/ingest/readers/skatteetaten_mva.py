"""Skatteetaten's Mva meldingsopplysning responses → `mva_termin`, read by DuckDB as
`skatteetaten_sql` describes.

An amount (`mvaGrunnlag`, `mvaAvgift`) is plain kroner or an object of kroner per VAT rate
(`GRUNNLAG_KEYS`, and for `mvaAvgift` the deductions `FRADRAG_KEYS`). The parts are stored as
given; the total is their sum, less the deductions whatever their sign (public clients model a
deduction as a bare int). A key akrim does not know is noted (`unknown_field`) and, like a part
that is not a number, leaves the total NULL: a sum without it would understate the amount. So
does an object with no part given.
"""

from __future__ import annotations

import json

from akrim.ingest import sqlchecks as c
from akrim.ingest.lines import iter_json_record_batches
from akrim.ingest.readers import skatteetaten_sql as s
from akrim.ingest.sqlstage import SqlReader

GRUNNLAG_KEYS = ("innlandOmsetningUttakHoeySats", "innlandOmsetningUttakMiddelsSats",
                 "innlandOmsetningUttakLavSats")
"""`mvaGrunnlag` as an object: the turnover per VAT rate (høy, middels, lav sats)."""
FRADRAG_KEYS = ("fradragInnlandInngaaendeHoeySats", "fradragInnlandInngaaendeMiddelsSats",
                "fradragInnlandInngaaendeLavSats")
"""`mvaAvgift` as an object holds the output VAT per rate (`GRUNNLAG_KEYS`) and these deductions."""

J = s.J
L = c.Leaf.columns
_TERM = ("gjelderTermin", "fastsettingsperiodeStatus", "erMyndighetsfastsatt", "mvaGrunnlag",
         "mvaAvgift")
STRUCTURE = json.dumps({
    "forespurteOrganisasjon": J, "levert": J,
    "mvaAlminneligNaering": {
        "skattemeldingsplikt": {"termintype": J},
        "samletFastsattOgReskontrofoertForTermin": [
            dict.fromkeys(_TERM, J) | {"gjelderTermin": {"termin": J, "aar": J}}],
    }})
_NAERING = "mvaAlminneligNaering"
_PLIKT = f"{_NAERING}.skattemeldingsplikt"
_TERMS = f"{_NAERING}.samletFastsattOgReskontrofoertForTermin"
_AT = f"'$.{_TERMS}[' || i || ']'"
"""A term's JSON path in its line."""
_WHERE = f"'{_TERMS}[' || i || '].'"
"""A term's field name in quarantine, up to its own fields."""

_N_TYPE = s.object_type(f"d.{_NAERING}", ("skattemeldingsplikt", _TERMS.split(".")[1]), "raw",
                        c.quote(f"$.{_NAERING}"))
_P_TYPE = s.object_type(f"d.{_PLIKT}", ("termintype",), "raw", c.quote(f"$.{_PLIKT}"))
_TYPES = (f"CASE WHEN is_obj THEN {_N_TYPE} END AS n_type, "
          f"CASE WHEN is_obj THEN {_P_TYPE} END AS p_type, "
          f"CASE WHEN NOT is_obj OR d.{_NAERING} IS NULL THEN 'NoneType' "
          f"ELSE {s.list_type(f'd.{_TERMS}', 'raw', c.quote(f'$.{_TERMS}'))} END AS t_type")
"""What the line's objects and list were (a term list in a naering that is no object is read
as absent, as the Python reader read it: the path finds nothing there)."""
_AGAIN = (f"list_bool_or([{s.vague('x', _TERM)} OR {s.vague('x.gjelderTermin', ('termin', 'aar'))}"
          f" FOR x IN d.{_TERMS}])")


def _amount(name: str, keys: tuple[str, ...]) -> tuple[str, str, str, str]:
    """The layers that read an amount leaf (`{name}_j`): as an object (`{name}_obj`, its parts'
    JSON `{name}0_j`...); its unknown keys (`{name}_unknown`) and checks (`c_{name}` if plain,
    `c_{name}0`... per part); and its values in øre (`o_{name}`, `o_{name}0`...)."""
    known = "[" + ", ".join(c.quote(k) for k in keys) + "]"
    parts = c.quote(json.dumps(dict.fromkeys(keys, J)))
    read = (f"coalesce(starts_with({name}_j, '{{'), false) AS {name}_obj, "
            f"CASE WHEN starts_with({name}_j, '{{') THEN json_transform({name}_j, {parts}) END "
            f"AS {name}_parts")
    split = ", ".join(f"{name}_parts.{key}::VARCHAR AS {name}{n}_j" for n, key in enumerate(keys))
    # The object holds the known parts given and nothing else when its (compact) JSON is as long
    # as theirs: then no key needs listing. Anything else (another key, a part given null, a key
    # twice) lists its keys.
    entries = " + ".join(f"CASE WHEN {name}{n}_j IS NULL THEN 0 ELSE {len(key) + 4} + "
                         f"length({name}{n}_j) END" for n, key in enumerate(keys))
    unknown = (f"CASE WHEN NOT {name}_obj THEN NULL "
               f"WHEN length({name}_j) = greatest(2, 1 + {entries}) THEN [] "
               f"ELSE list_sort(list_distinct(list_filter(json_keys({name}_j), "
               f"lambda k: NOT list_contains({known}, k)))) END AS {name}_unknown")
    checks = ", ".join([f"CASE WHEN NOT {name}_obj THEN {s.oere(name + '_j')} END AS c_{name}"] + [
        f"CASE WHEN {name}_obj THEN {s.oere(f'{name}{n}_j')} END AS c_{name}{n}"
        for n in range(len(keys))])
    amounts = ", ".join(
        [f"CASE WHEN NOT {name}_obj THEN {s.oere_amount(name + '_j', 'c_' + name)} END "
         f"AS o_{name}"] + [f"{s.oere_amount(f'{name}{n}_j', f'c_{name}{n}')} AS o_{name}{n}"
                            for n in range(len(keys))])
    return read, split, f"{unknown}, {checks}", amounts


def _total(name: str, added: int, deducted: int) -> str:
    """An amount in øre: the plain amount, or the parts' sum less the deductions; NULL when
    a key is unknown, a part unreadable, or no part given."""
    values = [f"o_{name}{n}" for n in range(added + deducted)]
    total = (" + ".join(f"coalesce({v}, 0)" for v in values[:added])
             + "".join(f" - abs(coalesce({v}, 0))" for v in values[added:]))
    problems = s.any_problem(f"c_{name}{n}" for n in range(added + deducted))
    return (f"CASE WHEN NOT {name}_obj THEN o_{name} "
            f"WHEN len({name}_unknown) > 0 OR {problems} "
            f"OR ({' AND '.join(f'{v} IS NULL' for v in values)}) THEN NULL "
            f"ELSE {total} END AS {name}_total")


def _amount_problems(name: str, field: str, keys: tuple[str, ...]) -> str:
    """An amount's problems in the Python reader's order: unknown keys (sorted), then parts."""
    where = f"{_WHERE} || '{field}'"
    note = c.problem("unknown_field", f"'unknown amount ' || akrim_jl_repr(to_json(k)) || ' in ' "
                                      f"|| {where} || ' (known: {', '.join(keys)})'")
    key = s.problem(f"{where} || '.' || k", note, False)
    unknown = f"[{key} FOR k IN {name}_unknown]"
    parts = "[" + ", ".join(s.problem(f"{where} || '.{key}'", f"c_{name}{n}", False)
                            for n, key in enumerate(keys)) + "]"
    return (f"CASE WHEN {name}_obj THEN flatten([{unknown}, {parts}]) "
            f"ELSE [{s.problem(where, f'c_{name}', False)}] END")


_G = _amount("g", GRUNNLAG_KEYS)
_A = _amount("a", GRUNNLAG_KEYS + FRADRAG_KEYS)
_TERM_VERDICTS = ("c_eobj", "c_gobj", "c_termin", "c_aar", "c_status", "c_myn", "c_g", "c_a",
                  *(f"c_g{n}" for n in range(3)), *(f"c_a{n}" for n in range(6)))
_HEAD = "[" + ", ".join((
    s.problem("'forespurteOrganisasjon'", "c_orgnr", True),
    s.problem(c.quote(_NAERING), "c_nobj", True), s.problem(c.quote(_PLIKT), "c_pobj", True),
    s.problem(c.quote(_PLIKT + ".termintype"), "c_termintype", False),
    s.problem(c.quote(_TERMS), "c_arr", True))) + "]"
_TERM_PROBLEMS = "flatten([[" + ", ".join((
    s.problem(f"{_WHERE} || 'gjelderTermin'", "c_gobj", True),
    s.problem(f"{_WHERE} || 'gjelderTermin.termin'", "c_termin", True),
    s.problem(f"{_WHERE} || 'gjelderTermin.aar'", "c_aar", True))) + "], " + ", ".join((
        _amount_problems("g", "mvaGrunnlag", GRUNNLAG_KEYS),
        _amount_problems("a", "mvaAvgift", GRUNNLAG_KEYS + FRADRAG_KEYS))) + ", [" + ", ".join((
            s.problem(f"{_WHERE} || 'fastsettingsperiodeStatus'", "c_status", False),
            s.problem(f"{_WHERE} || 'erMyndighetsfastsatt'", "c_myn", False),
            s.problem("'levert'", "c_levert", False))) + "]])"
_G_TYPE = s.object_type("e.gjelderTermin", ("termin", "aar"), "again",
                        f"{_AT} || '.gjelderTermin'")
_TERM_SOURCE = (f"(SELECT *, {s.object_type('e', _TERM, 'again', _AT)} AS e_type, "
                f"{_G_TYPE} AS g_type FROM {s.terms('mv', 'd.' + _TERMS)})")

STAGE = s.lines("mv", STRUCTURE, _TYPES, _AGAIN) + f"""
CREATE OR REPLACE TEMP TABLE mv_r AS
SELECT line, record_id, {s.orgnr(L('orgnr'))} AS c_orgnr, {s.not_object('n_type')} AS c_nobj,
       {s.not_object('p_type')} AS c_pobj, {s.text(L('termintype'))} AS c_termintype,
       {s.text_value(L('termintype'))} AS termintype, {s.not_list('t_type')} AS c_arr,
       {s.text(L('levert'))} AS c_levert, {s.text_value(L('levert'))} AS levert
FROM {c.leaf_layers("mv_l WHERE is_obj", "line, record_id, n_type, p_type, t_type",
                    {"orgnr": "d.forespurteOrganisasjon", "levert": "d.levert",
                     "termintype": f"d.{_PLIKT}.termintype"})};
CREATE OR REPLACE TEMP TABLE mv_t AS
SELECT *, {s.any_problem(_TERM_VERDICTS)} OR coalesce(len(g_unknown) > 0, false)
          OR coalesce(len(a_unknown) > 0, false) AS bad,
       {_total('g', 3, 0)}, {_total('a', 3, 3)}
FROM (SELECT * EXCLUDE ({', '.join(f'g{n}_j' for n in range(3))},
                        {', '.join(f'a{n}_j' for n in range(6))}, g_j, a_j), {_G[3]}, {_A[3]}
FROM (
  SELECT line, i, g_obj, a_obj, g_j, a_j, {', '.join(f'g{n}_j' for n in range(3))},
         {', '.join(f'a{n}_j' for n in range(6))},
         {s.not_object('e_type')} AS c_eobj, {s.not_object('g_type')} AS c_gobj,
         {s.termin(L('termin'))} AS c_termin, {s.aar(L('aar'))} AS c_aar,
         {s.text(L('status'))} AS c_status, {s.text_value(L('status'))} AS status,
         {s.boolean('myn_j')} AS c_myn, {_G[2]}, {_A[2]}
  FROM (SELECT *, {_G[1]}, {_A[1]} FROM (SELECT *, {_G[0]}, {_A[0]} FROM {c.leaf_layers(
      _TERM_SOURCE, "line, i, e_type, g_type, e.erMyndighetsfastsatt::VARCHAR AS myn_j, "
      "e.mvaGrunnlag::VARCHAR AS g_j, e.mvaAvgift::VARCHAR AS a_j",
      {"termin": "e.gjelderTermin.termin", "aar": "e.gjelderTermin.aar",
       "status": "e.fastsettingsperiodeStatus"})}))));
""" + s.records("mv", _HEAD, ("c_orgnr", "c_nobj", "c_pobj", "c_termintype", "c_arr"),
                f"'{_TERMS}[' || i || ']'", _TERM_PROBLEMS)
"""Per batch of lines (`src_batch`): the responses, their terms and checks."""

ROWS = {"mva_termin": f"""
SELECT {c.value_of('c_orgnr')}, {c.value_of('c_aar')}, {c.value_of('c_termin')},
  termintype, status,
  CAST({c.value_of('c_myn')} AS BOOLEAN), g_total, a_total,
  {', '.join(f'o_g{n}' for n in range(3))}, {', '.join(f'o_a{n}' for n in range(6))},
  levert, {s.unknown_fields()},
  record_id, line, row_number() OVER (ORDER BY line, i) - 1 AS row_no
FROM mv_t JOIN mv_rec USING (line) WHERE NOT holds"""}

READER = SqlReader(iter_json_record_batches, STAGE, ROWS, {"mva_termin": s.held("mv", 2)},
                   s.quarantine("mv"))
"""Mva meldingsopplysning responses → `mva_termin`."""
