"""PROTOTYPE (not used by akrim): the a-melding reader with DuckDB doing the reading work.

Python only splits the file into lines (the same `akrim.ingest.sources` functions, so a bad
gzip stream, bad UTF-8 and line numbers are reported as today) and hashes each line for its
record id. DuckDB types each line with `json_transform` into a declared structure (every leaf as
text), flattens leveranse → virksomhet → inntektsmottaker → arbeidsforhold/inntekt, and writes
the staged rows, held keys and quarantine rows as the loader's `_Stager` does.

The value rules are not copied: identifiers, dates, months, booleans and numbers that are not
plain decimals go through an Arrow UDF that runs akrim's own `Checker` (and the reader's
`_employer_id`) once per distinct value; plain decimals, which the Checker can only accept, and
text trimming (Python's whitespace set) are done in SQL. Compared and timed against the Python
reader by `bench/amelding_sql_check.py`; its known differences (leaves lose their JSON type, so
a non-text value gets another reason or none) are in docs/ingest-performance.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

from akrim.ingest.checks import Checker
from akrim.ingest.problems import FileError
from akrim.ingest.readers.amelding import INCOME_KINDS, _employer_id
from akrim.ingest.records import ReadContext
from akrim.ingest.sources import iter_lines, read_json_document
from akrim.store.engine import Store

REGISTER = "skatteetaten.amelding"
BATCH_LINES = 20_000
WHITESPACE = "".join(c for c in map(chr, range(0x110000)) if c.isspace())
NUL, SEP, FIELD = "\x00", "\x1f", "\x1e"

V = "VARCHAR"
ARBEIDSFORHOLD = ("arbeidsforholdId", "typeArbeidsforhold", "startdato", "sluttdato",
                  "antallTimerPerUkeSomEnFullStillingTilsvarer", "stillingsprosent",
                  "avloenningstype", "yrke", "arbeidstidsordning", "formForAnsettelse")
INNTEKT = ("arbeidsforholdId", "fordel", "beloep", "startdatoOpptjeningsperiode",
           "sluttdatoOpptjeningsperiode", "utloeserArbeidsgiveravgift",
           "inngaarIGrunnlagForTrekk", "skatteOgAvgiftsregel")
STRUCTURE = json.dumps({"leveranse": {
    "opplysningspliktig": {"norskIdentifikator": V},
    "kalendermaaned": V, "meldingsId": V, "erstatterMeldingsId": V, "kildesystem": V,
    "leveringstidspunkt": V,
    "oppgave": {
        "betalingsinformasjon": {"sumForskuddstrekk": V, "sumArbeidsgiveravgift": V,
                                 "sumForskuddstrekkPerLoennsutbetalingsdato": [{"beloep": V}]},
        "virksomhet": [{"norskIdentifikator": V, "inntektsmottaker": [{
            "norskIdentifikator": V,
            "identifiserendeInformasjon": {"navn": V, "foedselsdato": V},
            "internasjonalIdentifikator": [{"identifikator": V, "land": V}],
            "forskuddstrekk": [{"beloep": V}],
            "arbeidsforhold": [dict.fromkeys(ARBEIDSFORHOLD, V)],
            "inntekt": [dict.fromkeys(INNTEKT, V) | {
                kind: {"beskrivelse": V, "antall": V} for kind in INCOME_KINDS}],
        }]}],
    },
}})


# ---------------------------------------------------------------- value checks (one rule set)

def _probe(kind: str, value: str, allow_synthetic: bool) -> str | None:
    """The Checker's verdict on one value: the clean value, or NUL + kind + SEP + reason."""
    check = Checker(0, allow_synthetic=allow_synthetic)
    out: Any
    if kind == "employer":
        out = _employer_id(check, value, FIELD)
    elif kind == "person":
        out = check.person_id(value, FIELD)
    elif kind == "date":
        out = check.date(value, FIELD)
    elif kind == "month":
        out = check.month(value, FIELD)
    elif kind == "boolean":
        out = check.boolean(value, FIELD)
    else:
        out = check.decimal(value, FIELD)
    if check.problems:
        problem = check.problems[0]
        return f"{NUL}{problem.kind}{SEP}{problem.reason}"
    if out is None:
        return None
    return out.isoformat() if isinstance(out, date) else str(out).lower() if isinstance(
        out, bool) else repr(out) if isinstance(out, float) else str(out)


class ValueChecks:
    """`ak_check(kind, value)` for DuckDB: each distinct value is checked once per load."""

    def __init__(self, allow_synthetic: bool) -> None:
        self.allow_synthetic = allow_synthetic
        self.seen: dict[tuple[str, str], str | None] = {}

    def __call__(self, kinds: pa.Array, values: pa.Array) -> pa.Array:
        kind = kinds[0].as_py() if len(kinds) else ""
        uniques = values.unique().to_pylist()
        for value in uniques:
            if value is not None and (kind, value) not in self.seen:
                self.seen[kind, value] = _probe(kind, value, self.allow_synthetic)
        verdicts = pa.array([None if v is None else self.seen[kind, v] for v in uniques],
                            pa.string())
        return verdicts.take(pa.compute.index_in(values, value_set=pa.array(uniques,
                                                                             pa.string())))


def q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def txt(expr: str) -> str:
    """Checker.text for a leaf read as text: trimmed as Python trims, blank is absent."""
    return f"nullif(trim({expr}, {q(WHITESPACE)}), '')"


def chk(kind: str, expr: str) -> str:
    if kind == "decimal":  # a plain decimal can only pass; anything else asks the Checker
        return (f"CASE WHEN regexp_full_match({expr}, '-?[0-9]{1,9}(\\.[0-9]+)?') THEN {expr} "
                f"ELSE ak_check('decimal', nullif({expr}, '')) END")
    return f"ak_check('{kind}', nullif({expr}, ''))"


def ok(verdict: str) -> str:
    return f"CASE WHEN starts_with({verdict}, chr(0)) THEN NULL ELSE {verdict} END"


def oere(verdict: str) -> str:
    return f"CAST(round_even(CAST({ok(verdict)} AS DOUBLE) * 100, 0) AS BIGINT)"



MISSING = "chr(0) || 'missing_field' || chr(31) || 'required field ' || chr(30) || ' is missing'"


def req(kind: str, expr: str) -> str:
    """A required value: absent is `missing_field` (the reason names the field)."""
    checked = "NULL" if kind == "present" else chk(kind, expr)
    return f"CASE WHEN nullif({expr}, '') IS NULL THEN {MISSING} ELSE {checked} END"


def problem(field: str, verdict: str, holds: bool) -> str:
    """One candidate quarantine entry (field as an SQL expression)."""
    return f"{{'f': {field}, 'v': {verdict}, 'h': {str(holds).lower()}}}"


def only_problems(candidates: str) -> str:
    return f"list_filter({candidates}, lambda pr: starts_with(pr.v, chr(0)))"


def lev_field(name: str) -> str:
    return q(f"leveranse.{name}")


_TREKK = "oppgave.betalingsinformasjon.sumForskuddstrekk"
LEVERANSE = f"""
CREATE OR REPLACE TEMP TABLE am_l AS
SELECT line, record_id, coalesce(json_type(raw, '$.leveranse') = 'OBJECT', false) AS is_obj,
       json_transform(raw, {q(STRUCTURE)}).leveranse AS l
FROM am_batch;
CREATE OR REPLACE TEMP TABLE am_lc AS
SELECT *, is_obj AND NOT coalesce(list_bool_or([p.h FOR p IN lp]), false) AS lev_ok FROM (
  SELECT *, {only_problems(f'''list_concat(
      [{problem(lev_field('opplysningspliktig.norskIdentifikator'), 'c_pliktig', True)},
       {problem(lev_field('kalendermaaned'), 'c_month', True)},
       {problem(lev_field('meldingsId'), 'c_melding', True)}],
      CASE WHEN per_date IS NULL THEN [{problem(lev_field(_TREKK), 'c_trekk', False)}]
           ELSE [{problem(lev_field(_TREKK + 'PerLoennsutbetalingsdato.beloep'), 'x', False)}
                 FOR x IN c_per_date] END,
      [{problem(lev_field('oppgave.betalingsinformasjon.sumArbeidsgiveravgift'), 'c_aga',
                False)}])''')} AS lp
  FROM (
    SELECT line, record_id, is_obj, {txt('l.meldingsId')} AS melding,
      {txt('l.erstatterMeldingsId')} AS erstatter, {txt('l.kildesystem')} AS kildesystem,
      {txt('l.leveringstidspunkt')} AS leveringstidspunkt,
      {req('employer', 'l.opplysningspliktig.norskIdentifikator')} AS c_pliktig,
      {req('month', 'l.kalendermaaned')} AS c_month,
      {req('present', 'l.meldingsId')} AS c_melding,
      l.oppgave.betalingsinformasjon.sumForskuddstrekkPerLoennsutbetalingsdato AS per_date,
      {chk('decimal', 'l.oppgave.betalingsinformasjon.sumForskuddstrekk')} AS c_trekk,
      [{chk('decimal', 'x.beloep')} FOR x IN per_date] AS c_per_date,
      {chk('decimal', 'l.oppgave.betalingsinformasjon.sumArbeidsgiveravgift')} AS c_aga
    FROM am_l
  )
);
CREATE OR REPLACE TEMP TABLE am_v AS
SELECT line, record_id, vi, {ok('c_pliktig')} AS ok_pliktig, {ok('c_month')} AS month, melding,
       {req('employer', 'vid_raw')} AS c_vid
FROM (SELECT line, unnest(l.oppgave.virksomhet).norskIdentifikator AS vid_raw,
             generate_subscripts(l.oppgave.virksomhet, 1) - 1 AS vi
      FROM am_l) JOIN am_lc USING (line) WHERE lev_ok;
CREATE OR REPLACE TEMP TABLE am_m AS
SELECT *, CASE WHEN norsk IS NOT NULL THEN norsk
               WHEN int_id IS NOT NULL THEN coalesce(int_land, '?') || ':' || int_id
               WHEN navn IS NOT NULL AND fdato IS NOT NULL THEN fdato || '|' || navn
          END AS mottaker_id
FROM (
  SELECT *, {ok('c_norsk')} AS norsk, {ok('c_fdato')} AS fdato
  FROM (
    SELECT line, record_id, vi, ok_pliktig, month, melding, {ok('c_vid')} AS vid, mi,
           m.norskIdentifikator AS norsk_raw,
           {chk('person', 'm.norskIdentifikator')} AS c_norsk,
           {txt('m.identifiserendeInformasjon.navn')} AS navn,
           {chk('date', 'm.identifiserendeInformasjon.foedselsdato')} AS c_fdato,
           {txt('m.internasjonalIdentifikator[1].identifikator')} AS int_id,
           {txt('m.internasjonalIdentifikator[1].land')} AS int_land,
           m.forskuddstrekk IS NOT NULL AS has_trekk,
           [{chk('decimal', 'x.beloep')} FOR x IN m.forskuddstrekk] AS c_trekk,
           m.arbeidsforhold AS af, m.inntekt AS inn
    FROM (SELECT line, vi, unnest(v.inntektsmottaker) AS m,
                 generate_subscripts(v.inntektsmottaker, 1) - 1 AS mi
          FROM (SELECT line, unnest(l.oppgave.virksomhet) AS v,
                       generate_subscripts(l.oppgave.virksomhet, 1) - 1 AS vi FROM am_l)
         ) JOIN am_v USING (line, vi)
    WHERE NOT starts_with(c_vid, chr(0))
  )
);
"""

_AF_CHECKS = (("startdato", "date"), ("sluttdato", "date"),
              ("antallTimerPerUkeSomEnFullStillingTilsvarer", "decimal"),
              ("stillingsprosent", "decimal"))
_KIND = ("CASE " + " ".join(f"WHEN i.{k} IS NOT NULL THEN '{k}'" for k in INCOME_KINDS)
         + " END")
_DETAIL = "CASE " + " ".join(
    f"WHEN i.{k} IS NOT NULL THEN i.{k}" for k in INCOME_KINDS) + " END"
PARTS = f"""
CREATE OR REPLACE TEMP TABLE am_a AS
SELECT line, vi, mi, ai, a, {', '.join(f'{chk(kind, "a." + name)} AS c_{name}'
                                       for name, kind in _AF_CHECKS)}
FROM (SELECT line, vi, mi, unnest(af) AS a, generate_subscripts(af, 1) - 1 AS ai
      FROM am_m WHERE mottaker_id IS NOT NULL);
CREATE OR REPLACE TEMP TABLE am_i AS
SELECT line, vi, mi, ii, i, kind, detail,
       {req('decimal', 'i.beloep')} AS c_beloep,
       {chk('decimal', 'detail.antall')} AS c_antall,
       {chk('date', 'i.startdatoOpptjeningsperiode')} AS c_start,
       {chk('date', 'i.sluttdatoOpptjeningsperiode')} AS c_slutt,
       {chk('boolean', 'i.utloeserArbeidsgiveravgift')} AS c_utloeser,
       {chk('boolean', 'i.inngaarIGrunnlagForTrekk')} AS c_inngaar
FROM (SELECT *, {_KIND} AS kind, {_DETAIL} AS detail FROM (
        SELECT line, vi, mi, unnest(inn) AS i, generate_subscripts(inn, 1) - 1 AS ii
        FROM am_m WHERE mottaker_id IS NOT NULL));
CREATE OR REPLACE TEMP TABLE am_mp AS
SELECT m.line, m.vi, m.mi, {only_problems(f'''list_concat(
    [{problem("'norskIdentifikator'", 'c_norsk', True)},
     {problem("'identifiserendeInformasjon.foedselsdato'", 'c_fdato', False)},
     CASE WHEN mottaker_id IS NULL AND nullif(norsk_raw, '') IS NULL THEN
       {problem("'norskIdentifikator'", "chr(0) || 'missing_field' || chr(31) || "
                "'inntektsmottaker has no identifier, name or birth date'", True)} END],
    CASE WHEN mottaker_id IS NOT NULL THEN list_concat(
      [{problem("'forskuddstrekk.beloep'", 'x', False)} FOR x IN c_trekk],
      flatten(a.ap), flatten(i.ip)) END)''')} AS mp
FROM am_m m
LEFT JOIN (SELECT line, vi, mi, list({only_problems('[' + ', '.join(
    problem(f"'arbeidsforhold[' || ai || '].{name}'", f'c_{name}', False)
    for name, _ in _AF_CHECKS) + ']')} ORDER BY ai) AS ap
           FROM am_a GROUP BY ALL) a USING (line, vi, mi)
LEFT JOIN (SELECT line, vi, mi, list({only_problems(f'''[
    {problem("'inntekt[' || ii || '].beloep'", 'c_beloep', True)},
    {problem("'inntekt[' || ii || '].' || coalesce(kind, 'None') || '.antall'", 'c_antall',
             False)},
    {problem("'inntekt[' || ii || '].startdatoOpptjeningsperiode'", 'c_start', False)},
    {problem("'inntekt[' || ii || '].sluttdatoOpptjeningsperiode'", 'c_slutt', False)},
    {problem("'inntekt[' || ii || '].utloeserArbeidsgiveravgift'", 'c_utloeser', False)},
    {problem("'inntekt[' || ii || '].inngaarIGrunnlagForTrekk'", 'c_inngaar', False)}]''')}
    ORDER BY ii) AS ip
           FROM am_i GROUP BY ALL) i USING (line, vi, mi);
"""

_KEY = "ok_pliktig, month, melding, vid, mottaker_id"
_PREFIX = "'leveranse.oppgave.virksomhet[' || vi || '].inntektsmottaker[' || mi || '].'"
_HOLDS = "coalesce(list_bool_or([p.h FOR p IN mp]), false)"


def _kind(v: str) -> str:
    return f"split_part(substr({v}, 2), chr(31), 1)"


def _reason(v: str, field: str) -> str:
    return f"replace(split_part({v}, chr(31), 2), chr(30), {field})"


OUTPUTS = {
    "amelding_leveranse": f"""
SELECT {ok('c_pliktig')} AS opplysningspliktig, {ok('c_month')} AS kalendermaaned,
  melding AS meldings_id, erstatter AS erstatter_meldings_id,
  kildesystem, leveringstidspunkt,
  {oere('c_aga')} AS sum_arbeidsgiveravgift_oere,
  CASE WHEN per_date IS NULL THEN {oere('c_trekk')}
       ELSE coalesce(list_sum([{oere('x')} FOR x IN c_per_date]), 0) END
    AS sum_forskuddstrekk_oere,
  CASE WHEN len(lp) > 0 THEN [p.f FOR p IN lp] END AS unknown_fields,
  record_id, line, row_number() OVER (ORDER BY line) - 1 + $offset AS row_no
FROM am_lc WHERE lev_ok""",
    "amelding_mottaker": f"""
SELECT {_KEY.replace('ok_pliktig', 'ok_pliktig AS opplysningspliktig').replace(
    'month', 'month AS kalendermaaned').replace('melding', 'melding AS meldings_id').replace(
    'vid', 'vid AS virksomhet').replace('mottaker_id', 'mottaker_id AS inntektsmottaker')},
  norsk AS norsk_identifikator, navn, CAST(fdato AS DATE) AS foedselsdato,
  int_id AS internasjonal_identifikator, int_land AS internasjonal_land,
  CASE WHEN has_trekk
       THEN coalesce(list_sum([{oere('x')} FOR x IN c_trekk]), 0) END AS forskuddstrekk_oere,
  unknown_fields, record_id, line,
  row_number() OVER (ORDER BY line, vi, mi) - 1 + $offset AS row_no
FROM am_kept""",
    "amelding_arbeidsforhold": f"""
SELECT k.opplysningspliktig, k.kalendermaaned, k.meldings_id, k.virksomhet, k.inntektsmottaker,
  coalesce({txt('a.arbeidsforholdId')}, '#' || ai) AS arbeidsforhold_id,
  {txt('a.typeArbeidsforhold')} AS type_arbeidsforhold,
  CAST({ok('c_startdato')} AS DATE) AS startdato, CAST({ok('c_sluttdato')} AS DATE) AS sluttdato,
  CAST({ok('c_antallTimerPerUkeSomEnFullStillingTilsvarer')} AS DOUBLE)
    AS timer_per_uke_full_stilling,
  CAST({ok('c_stillingsprosent')} AS DOUBLE) AS stillingsprosent,
  {txt('a.avloenningstype')} AS avloenningstype, {txt('a.yrke')} AS yrke,
  {txt('a.arbeidstidsordning')} AS arbeidstidsordning,
  {txt('a.formForAnsettelse')} AS form_for_ansettelse,
  k.unknown_fields, k.record_id, a.line,
  row_number() OVER (ORDER BY a.line, a.vi, a.mi, ai) - 1 + $offset AS row_no
FROM am_a a JOIN am_kept k USING (line, vi, mi)""",
    "amelding_inntekt": f"""
SELECT k.opplysningspliktig, k.kalendermaaned, k.meldings_id, k.virksomhet, k.inntektsmottaker,
  ii AS linje, {txt('i.arbeidsforholdId')} AS arbeidsforhold_id, kind AS inntektstype,
  {txt('detail.beskrivelse')} AS beskrivelse, {txt('i.fordel')} AS fordel,
  {oere('c_beloep')} AS beloep_oere, CAST({ok('c_antall')} AS DOUBLE) AS antall,
  CAST({ok('c_start')} AS DATE) AS startdato_opptjening,
  CAST({ok('c_slutt')} AS DATE) AS sluttdato_opptjening,
  CAST({ok('c_utloeser')} AS BOOLEAN) AS utloeser_arbeidsgiveravgift,
  CAST({ok('c_inngaar')} AS BOOLEAN) AS inngaar_i_grunnlag_for_trekk,
  {txt('i.skatteOgAvgiftsregel')} AS skatte_og_avgiftsregel,
  k.unknown_fields, k.record_id, i.line,
  row_number() OVER (ORDER BY i.line, i.vi, i.mi, ii) - 1 + $offset AS row_no
FROM am_i i JOIN am_kept k USING (line, vi, mi)""",
}

KEPT = f"""
CREATE OR REPLACE TEMP TABLE am_kept AS
SELECT m.* EXCLUDE (af, inn), ok_pliktig AS opplysningspliktig, month AS kalendermaaned,
       melding AS meldings_id,
       vid AS virksomhet, mottaker_id AS inntektsmottaker,
       CASE WHEN len(mp) > 0 THEN [{_PREFIX} || p.f FOR p IN mp] END AS unknown_fields
FROM am_m m JOIN am_mp p USING (line, vi, mi)
WHERE mottaker_id IS NOT NULL AND NOT {_HOLDS}
"""

HELD = f"""
SELECT {_KEY} FROM am_m m JOIN am_mp p USING (line, vi, mi)
WHERE mottaker_id IS NOT NULL AND {_HOLDS}
"""

QUARANTINE = f"""
INSERT INTO stg_quarantine
SELECT $file_id, line, 'leveranse.-', 'missing_field', 'no leveranse object', NULL, false
FROM am_lc WHERE NOT is_obj
UNION ALL
SELECT $file_id, line, p.f, {_kind('p.v')}, {_reason('p.v', 'p.f')}, NULL, lev_ok
FROM (SELECT line, lev_ok, unnest(lp) AS p FROM am_lc WHERE is_obj)
UNION ALL
SELECT $file_id, line, 'leveranse.oppgave.virksomhet[' || vi || '].norskIdentifikator' AS f,
       {_kind('c_vid')}, {_reason('c_vid', 'f')}, NULL, false
FROM am_v WHERE starts_with(c_vid, chr(0))
UNION ALL
SELECT $file_id, line, f, {_kind('p.v')}, {_reason('p.v', 'f')}, NULL, NOT holds
FROM (SELECT line, {_PREFIX} || p.f AS f, p, holds
      FROM (SELECT line, vi, mi, unnest(mp) AS p, {_HOLDS} AS holds FROM am_mp))
"""


def raw_batches(path: Path) -> Iterator[pa.Table]:
    """(record_id, line, raw) of each record, as `iter_json_records` would yield them."""
    salt = REGISTER.encode() + b"\x00"
    schema = pa.schema([("record_id", pa.string()), ("line", pa.int64()), ("raw", pa.string())])

    def table(items: list[tuple[int, str]]) -> pa.Table:
        return pa.table([
            [hashlib.sha1(salt + raw.encode()).hexdigest() for _, raw in items],
            [line for line, _ in items], [raw for _, raw in items]], schema=schema)

    lines = iter_lines(path)
    first = next(lines, None)
    if first is None:
        return
    try:
        orjson.loads(first[1])
    except orjson.JSONDecodeError:
        raw, _ = read_json_document(path)
        yield table([(1, raw)])
        return
    pending: list[tuple[int, str]] = []
    for number, line in iter_lines(path):
        if line.strip():
            pending.append((number, line))
        if len(pending) >= BATCH_LINES:
            yield table(pending)
            pending = []
    if pending:
        yield table(pending)


def stage_file(store: Store, stager: Any, path: Path, file_id: int,
               context: ReadContext) -> tuple[int, int]:
    """Stage one a-melding file; return (records, quarantined)."""
    con = store.con
    checks = ValueChecks(context.allow_synthetic)
    con.create_function("ak_check", checks, [V, V], V, type="arrow")
    offsets = dict.fromkeys(OUTPUTS, 0)
    records = quarantined = 0
    try:
        for batch in raw_batches(path):
            con.register("am_batch", batch)
            bad = store.scalar("SELECT min(line) FROM am_batch WHERE NOT json_valid(raw)")
            if bad is not None:
                text = next(r for n, r in zip(batch["line"].to_pylist(),
                                              batch["raw"].to_pylist(), strict=True) if n == bad)
                try:
                    orjson.loads(text)
                except orjson.JSONDecodeError as exc:
                    raise FileError(path, f"broken JSON ({exc})", line=bad) from exc
            store.execute("INSERT INTO stg_record SELECT record_id, ?, line, raw FROM am_batch",
                          [file_id])
            for script in (LEVERANSE, PARTS, KEPT):
                for statement in script.split(";\n"):
                    if statement.strip():
                        store.execute(statement)
            before = store.scalar("SELECT count(*) FROM stg_quarantine")
            store.execute(QUARANTINE.replace("$file_id", str(file_id)))
            quarantined += store.scalar("SELECT count(*) FROM stg_quarantine") - before
            for table, select in OUTPUTS.items():
                store.execute("CREATE OR REPLACE TEMP VIEW stage_batch AS "
                              + select.replace("$offset", str(offsets[table])))
                offsets[table] += store.scalar("SELECT count(*) FROM stage_batch")
                store.execute(stager.inserts[table], [file_id])
            for table in OUTPUTS:
                if table != "amelding_leveranse":
                    extra = ", NULL" if table != "amelding_mottaker" else ""
                    store.execute(f"INSERT INTO held_{table} SELECT *{extra} FROM ({HELD})")
            records += batch.num_rows
            con.unregister("am_batch")
    finally:
        con.remove_function("ak_check")
    return records, quarantined
