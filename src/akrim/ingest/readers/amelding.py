"""Skatteetaten's a-melding (a-meldingen v2, JSON), one `leveranse` per employer and month.

A file holds either one leveranse (`{"leveranse": {...}}`, as for the file upload API) or many,
one a line (JSON lines, gzip'd for national extracts). The structure follows
`docs/api/innrapportering-amelding-filopplasting.md` in Skatteetaten/api-dokumentasjon:
`leveranse.oppgave.virksomhet[].inntektsmottaker[]` with `arbeidsforhold[]` and `inntekt[]`.

DuckDB does the reading (`akrim.ingest.sqlstage`): each line is typed against `STRUCTURE`
(every kept leaf as JSON, so that its JSON type is checked as the Checker checks it), flattened
with array indices, and checked by `akrim.ingest.sqlchecks`. A problem with the employer, month
or message id holds the leveranse back; one with an inntektsmottaker's identifier or an income
line's amount holds that person's rows back; any other bad value is noted and its rows kept.

Replacement: a leveranse with `erstatterMeldingsId` replaces that earlier message in full; one
without adds to the month. So rows are keyed by meldingsId, and after a load every message that
a current leveranse replaces is closed (`AFTER_MERGE`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping

from akrim.ingest import sqlchecks as c
from akrim.ingest.lines import iter_json_record_batches
from akrim.ingest.sqlstage import SqlReader

INCOME_KINDS = ("loennsinntekt", "ytelseFraOffentlige", "pensjonEllerTrygd", "naeringsinntekt")
TABLES = ("amelding_leveranse", "amelding_mottaker", "amelding_arbeidsforhold", "amelding_inntekt")

J = "JSON"
ARBEIDSFORHOLD = ("arbeidsforholdId", "typeArbeidsforhold", "startdato", "sluttdato",
                  "antallTimerPerUkeSomEnFullStillingTilsvarer", "stillingsprosent",
                  "avloenningstype", "yrke", "arbeidstidsordning", "formForAnsettelse")
INNTEKT = ("arbeidsforholdId", "fordel", "beloep", "startdatoOpptjeningsperiode",
           "sluttdatoOpptjeningsperiode", "utloeserArbeidsgiveravgift",
           "inngaarIGrunnlagForTrekk", "skatteOgAvgiftsregel")
STRUCTURE = json.dumps({"leveranse": {
    "opplysningspliktig": {"norskIdentifikator": J},
    "kalendermaaned": J, "meldingsId": J, "erstatterMeldingsId": J, "kildesystem": J,
    "leveringstidspunkt": J,
    "oppgave": {
        "betalingsinformasjon": {"sumForskuddstrekk": J, "sumArbeidsgiveravgift": J,
                                 "sumForskuddstrekkPerLoennsutbetalingsdato": [{"beloep": J}]},
        "virksomhet": [{"norskIdentifikator": J, "inntektsmottaker": [{
            "norskIdentifikator": J,
            "identifiserendeInformasjon": {"navn": J, "foedselsdato": J},
            "internasjonalIdentifikator": [{"identifikator": J, "land": J}],
            "forskuddstrekk": [{"beloep": J}],
            "arbeidsforhold": [dict.fromkeys(ARBEIDSFORHOLD, J)],
            "inntekt": [dict.fromkeys(INNTEKT, J) | {
                kind: {"beskrivelse": J, "antall": J} for kind in INCOME_KINDS}],
        }]}],
    },
}})


def _problem(field: str, verdict: str, holds: bool) -> str:
    """One candidate quarantine entry of a part; `field` is an SQL expression."""
    return f"{{'f': {field}, 'v': {verdict}, 'h': {str(holds).lower()}}}"


def _problems(*candidates: str) -> str:
    """The problems among a part's candidate entries (lists of them)."""
    return (f"list_filter(flatten([{', '.join(candidates)}]), "
            f"lambda p: {c.is_problem('p.v')})")


def _holds(problems: str) -> str:
    return f"coalesce(list_bool_or([p.h FOR p IN {problems}]), false)"


def _fields(problems: str, prefix: str = "") -> str:
    """`unknown_fields` of a kept part's rows: every field with a problem."""
    return f"CASE WHEN len({problems}) > 0 THEN [{prefix}p.f FOR p IN {problems}] END"


Check = Callable[[c.Leaf], str]


def _checked(checks: Mapping[str, Check]) -> str:
    return ", ".join(f"{check(c.Leaf.columns(name))} AS c_{name}"
                     for name, check in checks.items())


def _any_problem(names: Iterable[str]) -> str:
    return "(" + " OR ".join(c.is_problem(f"c_{name}") for name in names) + ")"


def _part_problems(names: Iterable[str], where: str, holding: tuple[str, ...] = ()) -> str:
    return "[" + ", ".join(_problem(f"{where} || '{name}'", f"c_{name}", name in holding)
                           for name in names) + "]"


def _sum_oere(part: str, keys: str) -> str:
    """Per key, the problems and the sum in øre of a list of amounts (`beloep` items)."""
    return (f"(SELECT {keys}, list(c_beloep) FILTER ({c.is_problem('c_beloep')}) AS bad, "
            f"sum({c.oere('c_beloep')}) AS oere FROM {part} GROUP BY ALL)")


_PAY = "oppgave.betalingsinformasjon."
_LEVERANSE_LEAVES = {
    "pliktig": "l.opplysningspliktig.norskIdentifikator", "month": "l.kalendermaaned",
    "melding": "l.meldingsId", "erstatterMeldingsId": "l.erstatterMeldingsId",
    "kildesystem": "l.kildesystem", "leveringstidspunkt": "l.leveringstidspunkt",
    "trekk": f"l.{_PAY}sumForskuddstrekk", "aga": f"l.{_PAY}sumArbeidsgiveravgift",
}
_LEVERANSE_CHECKS: dict[str, Check] = {
    "pliktig": c.employer_id, "month": c.month,
    "melding": c.required_text,
    "erstatterMeldingsId": c.text, "kildesystem": c.text, "leveringstidspunkt": c.text,
    "trekk": c.decimal, "aga": c.decimal,
}
_PER_DATE = f"l.{_PAY}sumForskuddstrekkPerLoennsutbetalingsdato"
_LEVERANSE_PROBLEMS = _problems(
    f"[{_problem(c.quote('leveranse.opplysningspliktig.norskIdentifikator'), 'c_pliktig', True)},"
    f" {_problem(c.quote('leveranse.kalendermaaned'), 'c_month', True)},"
    f" {_problem(c.quote('leveranse.meldingsId'), 'c_melding', True)}]",
    "[" + ", ".join(_problem(c.quote(f"leveranse.{name}"), f"c_{name}", False) for name in (
        "erstatterMeldingsId", "kildesystem", "leveringstidspunkt")) + "]",
    "CASE WHEN NOT has_per_date THEN ["
    + _problem(c.quote(f"leveranse.{_PAY}sumForskuddstrekk"), "c_trekk", False) + "] ELSE ["
    + _problem(c.quote(f"leveranse.{_PAY}sumForskuddstrekkPerLoennsutbetalingsdato.beloep"),
               "x", False) + " FOR x IN coalesce(pd.bad, [])] END",
    "[" + _problem(c.quote(f"leveranse.{_PAY}sumArbeidsgiveravgift"), "c_aga", False) + "]",
)

_VIRKSOMHETER = """(SELECT line, unnest(l.oppgave.virksomhet) AS v,
                         generate_subscripts(l.oppgave.virksomhet, 1) - 1 AS vi FROM am_l)"""
_MOTTAKERE = f"""(SELECT line, vi, mi, m FROM (
    SELECT line, vi, unnest(v.inntektsmottaker) AS m,
           generate_subscripts(v.inntektsmottaker, 1) - 1 AS mi FROM {_VIRKSOMHETER})
  SEMI JOIN am_v USING (line, vi))"""
"""The inntektsmottakere of kept virksomheter, unnested again rather than carried along."""
_MOTTAKER_LEAVES = {
    "norsk": "m.norskIdentifikator", "navn": "m.identifiserendeInformasjon.navn",
    "fdato": "m.identifiserendeInformasjon.foedselsdato",
    "int_id": "m.internasjonalIdentifikator[1].identifikator",
    "int_land": "m.internasjonalIdentifikator[1].land",
}
_MOTTAKER_CHECKS: dict[str, Check] = {
    "norsk": c.person_id, "navn": c.text, "fdato": c.date, "int_id": c.text, "int_land": c.text,
}
_AF_CHECKS: dict[str, Check] = {
    "arbeidsforholdId": c.text, "typeArbeidsforhold": c.text, "startdato": c.date,
    "sluttdato": c.date, "antallTimerPerUkeSomEnFullStillingTilsvarer": c.decimal,
    "stillingsprosent": c.decimal, "avloenningstype": c.text, "yrke": c.text,
    "arbeidstidsordning": c.text, "formForAnsettelse": c.text,
}
_INNTEKT_CHECKS: dict[str, Check] = {
    "arbeidsforholdId": c.text, "fordel": c.text,
    "beloep": lambda leaf: c.required(leaf, c.decimal(leaf)),
    "startdatoOpptjeningsperiode": c.date, "sluttdatoOpptjeningsperiode": c.date,
    "utloeserArbeidsgiveravgift": c.boolean, "inngaarIGrunnlagForTrekk": c.boolean,
    "skatteOgAvgiftsregel": c.text,
}
_DETAIL_CHECKS: dict[str, Check] = {"beskrivelse": c.text, "antall": c.decimal}
_KIND = "CASE " + " ".join(
    f"WHEN i.{k} IS NOT NULL THEN '{k}'" for k in INCOME_KINDS) + " END"
_DETAIL = "CASE " + " ".join(f"WHEN i.{k} IS NOT NULL THEN i.{k}" for k in INCOME_KINDS) + " END"
_NO_ID = c.problem("missing_field", "'inntektsmottaker has no identifier, name or birth date'")
_MOTTAKER_FIELDS = {"norsk": "norskIdentifikator", "navn": "identifiserendeInformasjon.navn",
                    "fdato": "identifiserendeInformasjon.foedselsdato",
                    "int_id": "internasjonalIdentifikator",
                    "int_land": "internasjonalIdentifikator.land"}
_MOTTAKER_PROBLEMS = _problems(
    "[" + ", ".join(_problem(c.quote(field), f"c_{name}", name == "norsk")
                    for name, field in _MOTTAKER_FIELDS.items()) + ","
    " CASE WHEN mottaker_id IS NULL AND no_norsk THEN "
    f"{_problem(c.quote('norskIdentifikator'), _NO_ID, True)} END]",
    "CASE WHEN mottaker_id IS NOT NULL THEN "
    f"[{_problem(c.quote('forskuddstrekk.beloep'), 'x', False)} FOR x IN coalesce(t.bad, [])]"
    " END",
    "CASE WHEN mottaker_id IS NOT NULL THEN flatten(coalesce(a.problems, [])) END",
    "CASE WHEN mottaker_id IS NOT NULL THEN flatten(coalesce(i.problems, [])) END",
)
_PREFIX = "'leveranse.oppgave.virksomhet[' || vi || '].inntektsmottaker[' || mi || '].'"
_INCOME = "'inntekt[' || ii || '].'"
_DETAIL_WHERE = "'inntekt[' || ii || '].' || coalesce(kind, 'None') || '.'"
_INNTEKT_PROBLEMS = "[" + ", ".join(
    _problem(f"{_DETAIL_WHERE if name in _DETAIL_CHECKS else _INCOME} || '{name}'",
             f"c_{name}", name == "beloep")
    for name in ("arbeidsforholdId", "beskrivelse", "fordel", "beloep", "antall",
                 "startdatoOpptjeningsperiode", "sluttdatoOpptjeningsperiode",
                 "utloeserArbeidsgiveravgift", "inngaarIGrunnlagForTrekk",
                 "skatteOgAvgiftsregel")) + "]"
"""An income line's problems, in the order of its fields (as `unknown_fields` lists them)."""

STAGE = f"""
CREATE OR REPLACE TEMP TABLE am_l AS
SELECT line, record_id, json_transform(raw, {c.quote(STRUCTURE)}).leveranse AS l FROM src_batch;
CREATE OR REPLACE TEMP TABLE am_pd AS
SELECT line, {c.decimal(c.Leaf.columns('beloep'))} AS c_beloep
FROM {c.leaf_layers(f"(SELECT line, unnest({_PER_DATE}) AS x FROM am_l)", "line",
                    {"beloep": "x.beloep"})};
CREATE OR REPLACE TEMP TABLE am_lc AS
SELECT *, l_ok AND NOT {_holds('lp')} AS lev_ok FROM (
  SELECT lc.*, {_LEVERANSE_PROBLEMS} AS lp, pd.oere AS per_date_oere FROM (
    SELECT line, record_id, l_ok, has_per_date, {_checked(_LEVERANSE_CHECKS)}
    FROM {c.leaf_layers("am_l", f"line, record_id, l IS NOT NULL AS l_ok, "
                                f"{_PER_DATE} IS NOT NULL AS has_per_date",
                        _LEVERANSE_LEAVES)}) lc
  LEFT JOIN {_sum_oere('am_pd', 'line')} pd USING (line));
CREATE OR REPLACE TEMP TABLE am_v AS
SELECT line, vi, {c.value_of('c_pliktig')} AS pliktig, {c.value_of('c_month')} AS month,
       {c.value_of('c_melding')} AS melding, {c.value_of('c_vid')} AS vid, c_vid
FROM (SELECT line, vi, {c.employer_id(c.Leaf.columns('vid'))} AS c_vid
      FROM {c.leaf_layers(_VIRKSOMHETER, "line, vi", {"vid": "v.norskIdentifikator"})})
JOIN am_lc USING (line) WHERE lev_ok;
CREATE OR REPLACE TEMP TABLE am_mo AS SELECT * FROM {_MOTTAKERE};
CREATE OR REPLACE TEMP TABLE am_t AS
SELECT line, vi, mi, {c.decimal(c.Leaf.columns('beloep'))} AS c_beloep
FROM {c.leaf_layers("(SELECT line, vi, mi, unnest(m.forskuddstrekk) AS x FROM am_mo)",
                    "line, vi, mi", {"beloep": "x.beloep"})};
CREATE OR REPLACE TEMP TABLE am_m AS
SELECT *, CASE WHEN norsk IS NOT NULL THEN norsk
               WHEN int_id IS NOT NULL THEN coalesce(int_land, '?') || ':' || int_id
               WHEN navn IS NOT NULL AND fdato IS NOT NULL THEN fdato || '|' || navn
          END AS mottaker_id
FROM (
  SELECT *, {', '.join(f"{c.value_of(f'c_{name}')} AS {name}" for name in _MOTTAKER_CHECKS)}
  FROM (
    SELECT line, vi, mi, has_trekk, no_norsk, {_checked(_MOTTAKER_CHECKS)}
    FROM {c.leaf_layers("am_mo", "line, vi, mi, m.forskuddstrekk IS NOT NULL AS has_trekk, "
                        + c.absent(c.Leaf.inline("m.norskIdentifikator")) + " AS no_norsk",
                        _MOTTAKER_LEAVES)})
  JOIN am_v USING (line, vi) WHERE NOT {c.is_problem('c_vid')});
CREATE OR REPLACE TEMP TABLE am_a AS
SELECT *, {_any_problem(_AF_CHECKS)} AS bad FROM (
  SELECT line, vi, mi, ai, {_checked(_AF_CHECKS)}
  FROM {c.leaf_layers(
      "(SELECT line, vi, mi, unnest(m.arbeidsforhold) AS a, "
      "generate_subscripts(m.arbeidsforhold, 1) - 1 AS ai FROM am_mo)",
      "line, vi, mi, ai", {name: f"a.{name}" for name in _AF_CHECKS})});
CREATE OR REPLACE TEMP TABLE am_i AS
SELECT *, {_any_problem((*_INNTEKT_CHECKS, *_DETAIL_CHECKS))} AS bad FROM (
  SELECT line, vi, mi, ii, kind, {_checked(_INNTEKT_CHECKS)}, {_checked(_DETAIL_CHECKS)}
  FROM {c.leaf_layers(
      f"(SELECT *, {_KIND} AS kind, {_DETAIL} AS detail FROM ("
      "SELECT line, vi, mi, unnest(m.inntekt) AS i, "
      "generate_subscripts(m.inntekt, 1) - 1 AS ii FROM am_mo))",
      "line, vi, mi, ii, kind",
      {name: f"i.{name}" for name in _INNTEKT_CHECKS} | {
          name: f"detail.{name}" for name in _DETAIL_CHECKS})});
CREATE OR REPLACE TEMP TABLE am_mp AS
SELECT *, {_holds('mp')} AS holds FROM (
  SELECT m.line, m.vi, m.mi, {_MOTTAKER_PROBLEMS} AS mp
  FROM am_m m
  LEFT JOIN {_sum_oere('am_t', 'line, vi, mi')} t USING (line, vi, mi)
  LEFT JOIN (SELECT line, vi, mi, list({_part_problems(
                 _AF_CHECKS, "'arbeidsforhold[' || ai || '].'")} ORDER BY ai) AS problems
             FROM am_a WHERE bad GROUP BY ALL) a USING (line, vi, mi)
  LEFT JOIN (SELECT line, vi, mi, list({_INNTEKT_PROBLEMS} ORDER BY ii) AS problems
             FROM am_i WHERE bad GROUP BY ALL) i USING (line, vi, mi)
  WHERE t.bad IS NOT NULL OR a.problems IS NOT NULL OR i.problems IS NOT NULL
     OR mottaker_id IS NULL OR {_any_problem(_MOTTAKER_CHECKS)});
CREATE OR REPLACE TEMP TABLE am_kept AS
SELECT m.*, t.oere AS trekk_oere, {_fields('mp', _PREFIX + ' || ')} AS unknown_fields
FROM am_m m LEFT JOIN am_mp USING (line, vi, mi)
LEFT JOIN (SELECT line, vi, mi, sum({c.oere('c_beloep')}) AS oere FROM am_t GROUP BY ALL) t
  USING (line, vi, mi)
WHERE m.mottaker_id IS NOT NULL AND NOT coalesce(holds, false)
"""
"""Per batch of lines (`src_batch`): the parts, their checks and which of them are kept."""

_MEMBERS = ("pliktig AS opplysningspliktig, month AS kalendermaaned, melding AS meldings_id, "
            "vid AS virksomhet, mottaker_id AS inntektsmottaker")
_RECORD = "JOIN (SELECT line, record_id FROM am_lc) USING (line)"
ROWS = {
    "amelding_leveranse": f"""
SELECT {c.value_of('c_pliktig')}, {c.value_of('c_month')}, {c.value_of('c_melding')},
  {c.value_of('c_erstatterMeldingsId')}, {c.value_of('c_kildesystem')},
  {c.value_of('c_leveringstidspunkt')}, {c.oere('c_aga')},
  CASE WHEN has_per_date THEN coalesce(per_date_oere, 0) ELSE {c.oere('c_trekk')} END,
  {_fields('lp')} AS unknown_fields, record_id, line,
  row_number() OVER (ORDER BY line) - 1 AS row_no
FROM am_lc WHERE lev_ok""",
    "amelding_mottaker": f"""
SELECT {_MEMBERS}, norsk, navn, CAST(fdato AS DATE), int_id, int_land,
  CASE WHEN has_trekk THEN coalesce(trekk_oere, 0) END,
  unknown_fields, record_id, line, row_number() OVER (ORDER BY line, vi, mi) - 1 AS row_no
FROM am_kept {_RECORD}""",
    "amelding_arbeidsforhold": f"""
SELECT {_MEMBERS}, coalesce({c.value_of('c_arbeidsforholdId')}, '#' || ai),
  {c.value_of('c_typeArbeidsforhold')},
  CAST({c.value_of('c_startdato')} AS DATE), CAST({c.value_of('c_sluttdato')} AS DATE),
  CAST({c.value_of('c_antallTimerPerUkeSomEnFullStillingTilsvarer')} AS DOUBLE),
  CAST({c.value_of('c_stillingsprosent')} AS DOUBLE),
  {c.value_of('c_avloenningstype')}, {c.value_of('c_yrke')},
  {c.value_of('c_arbeidstidsordning')}, {c.value_of('c_formForAnsettelse')},
  unknown_fields, record_id, line, row_number() OVER (ORDER BY line, vi, mi, ai) - 1 AS row_no
FROM am_a JOIN am_kept USING (line, vi, mi) {_RECORD}""",
    "amelding_inntekt": f"""
SELECT {_MEMBERS}, ii, {c.value_of('c_arbeidsforholdId')}, kind,
  {c.value_of('c_beskrivelse')}, {c.value_of('c_fordel')}, {c.oere('c_beloep')},
  CAST({c.value_of('c_antall')} AS DOUBLE),
  CAST({c.value_of('c_startdatoOpptjeningsperiode')} AS DATE),
  CAST({c.value_of('c_sluttdatoOpptjeningsperiode')} AS DATE),
  CAST({c.value_of('c_utloeserArbeidsgiveravgift')} AS BOOLEAN),
  CAST({c.value_of('c_inngaarIGrunnlagForTrekk')} AS BOOLEAN),
  {c.value_of('c_skatteOgAvgiftsregel')},
  unknown_fields, record_id, line, row_number() OVER (ORDER BY line, vi, mi, ii) - 1 AS row_no
FROM am_i JOIN am_kept USING (line, vi, mi) {_RECORD}""",
}
"""Per table: the kept rows of the batch, in the table's column order, then `unknown_fields`,
`record_id`, `line` and `row_no` (from 0 in the batch)."""

_HELD = (f"SELECT {_MEMBERS} FROM am_m JOIN am_mp USING (line, vi, mi) "
         "WHERE holds AND mottaker_id IS NOT NULL")
HELD = {
    "amelding_mottaker": _HELD,
    "amelding_arbeidsforhold": f"SELECT *, NULL FROM ({_HELD})",
    "amelding_inntekt": f"SELECT *, NULL FROM ({_HELD})",
}
"""Per table: keys of the rows held back (a person's rows stand or fall together)."""

QUARANTINE = f"""
SELECT line, 'leveranse.-' AS field, 'missing_field' AS kind, 'no leveranse object' AS reason,
       false AS record_kept
FROM am_lc WHERE NOT l_ok
UNION ALL
SELECT line, p.f, {c.kind_of('p.v')}, {c.reason_of('p.v', 'p.f')}, lev_ok
FROM (SELECT line, lev_ok, unnest(lp) AS p FROM am_lc WHERE l_ok)
UNION ALL
SELECT line, f, {c.kind_of('c_vid')}, {c.reason_of('c_vid', 'f')}, false
FROM (SELECT *, 'leveranse.oppgave.virksomhet[' || vi || '].norskIdentifikator' AS f FROM am_v)
WHERE {c.is_problem('c_vid')}
UNION ALL
SELECT line, f, {c.kind_of('p.v')}, {c.reason_of('p.v', 'f')}, NOT holds
FROM (SELECT line, {_PREFIX} || p.f AS f, p, holds
      FROM (SELECT line, vi, mi, unnest(mp) AS p, holds FROM am_mp))"""
"""The batch's problems: (line, field, kind, reason, record_kept)."""


def _replaced(row: str, by_this_load: bool = False) -> str:
    """Whether a current leveranse (one this load opened, if `by_this_load`) replaces the
    message of `row`."""
    return f"""EXISTS (SELECT 1 FROM amelding_leveranse l
      WHERE l.valid_to IS NULL AND l.erstatter_meldings_id = {row}.meldings_id
        AND l.opplysningspliktig = {row}.opplysningspliktig
        AND l.kalendermaaned = {row}.kalendermaaned
        {"AND l.snapshot_id = $snapshot_id" if by_this_load else ""})"""


CLOSED_IF = tuple((table, _replaced("s")) for table in TABLES[1:])
"""A message's recipients, employments and incomes open closed when a current leveranse
replaces the message (the leveranser are merged first): an original and its replacement often
come in one load, and closing the original's rows afterwards would be an UPDATE of rows the load
inserted."""
AFTER_MERGE = (
    *(f"""
    UPDATE {table} t SET valid_to = $as_of
    WHERE t.valid_to IS NULL AND {_replaced("t", by_this_load=True)}"""
      for table in (*TABLES[1:], "amelding_leveranse")),
    f"""
    UPDATE amelding_leveranse t SET valid_to = $as_of
    WHERE t.valid_to IS NULL AND t.snapshot_id = $snapshot_id AND {_replaced("t")}""",
)
"""Close every message that a current leveranse replaces (`erstatterMeldingsId`), beyond those
`CLOSED_IF` opened closed. Every load with a-melding closes them, so before a load no current
message has a current replacement: only a leveranse this load opened can replace a message, or
a leveranse it opened be replaced (an original arriving after its replacement); asked so,
DuckDB reads only this load's rows and the months they are in. The leveranser go last, so that
in a chain loaded at once (C replaces B, B replaces A) B is still current when A's rows close."""

READER = SqlReader(iter_json_record_batches, STAGE, ROWS, HELD, QUARANTINE)
