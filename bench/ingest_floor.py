"""The floor of a register's load: DuckDB's own reader materialising the fields akrim keeps.

Usage (the ingest bench runs it in a fresh process, so the floor is cold):
    .venv/bin/python bench/ingest_floor.py REGISTER THREADS FILE...

Prints the seconds (wall, then CPU) DuckDB took to read the files into typed tables in a new
database file, with `THREADS` threads (the threads akrim's store is allowed), and the floor's
kind: `declared` (the fields akrim keeps, with their types, flattened into akrim's tables: the
large registers) or `auto` (every field, types detected: the small ones and the CSV variants).
An auto floor is no honest floor for a large file: it reads fields akrim leaves, and skips the
flattening akrim's tables need (a national mva file: 5.3-6.4 s auto, 3.9 s declared).
Exits 2 for a format DuckDB does not read (XML, Brønnøysund's change feeds).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import duckdb

MAX_OBJECT = 1 << 27
"""Bytes: one national a-melding line (a large employer's month) is 68 MB."""
READ_JSON = f"maximum_object_size={MAX_OBJECT}, ignore_errors=true"
"""The declared floors' `read_json` options: a value DuckDB cannot give its declared type (a
date that is none) is read as NULL, its row kept, rather than ending the floor: data made by
someone else than akrim's generator still gets a floor."""

_AMELDING_INNTEKT = (
    "STRUCT(arbeidsforholdId VARCHAR, fordel VARCHAR, beloep DOUBLE, "
    "startdatoOpptjeningsperiode DATE, sluttdatoOpptjeningsperiode DATE, "
    "utloeserArbeidsgiveravgift BOOLEAN, inngaarIGrunnlagForTrekk BOOLEAN, "
    "skatteOgAvgiftsregel VARCHAR, "
    + ", ".join(f"{kind} STRUCT(beskrivelse VARCHAR, antall DOUBLE)" for kind in (
        "loennsinntekt", "ytelseFraOffentlige", "pensjonEllerTrygd", "naeringsinntekt"))
    + ")"
)
_AMELDING_MOTTAKER = (
    "STRUCT(norskIdentifikator VARCHAR, "
    "identifiserendeInformasjon STRUCT(navn VARCHAR, foedselsdato DATE), "
    "internasjonalIdentifikator STRUCT(identifikator VARCHAR, land VARCHAR)[], "
    "forskuddstrekk STRUCT(beloep DOUBLE)[], "
    "arbeidsforhold STRUCT(arbeidsforholdId VARCHAR, typeArbeidsforhold VARCHAR, "
    "startdato DATE, sluttdato DATE, antallTimerPerUkeSomEnFullStillingTilsvarer DOUBLE, "
    "stillingsprosent DOUBLE, avloenningstype VARCHAR, yrke VARCHAR, arbeidstidsordning VARCHAR, "
    f"formForAnsettelse VARCHAR)[], inntekt {_AMELDING_INNTEKT}[])"
)
_AMELDING = (
    "STRUCT(opplysningspliktig STRUCT(norskIdentifikator VARCHAR), kalendermaaned VARCHAR, "
    "meldingsId VARCHAR, erstatterMeldingsId VARCHAR, kildesystem VARCHAR, "
    "leveringstidspunkt VARCHAR, oppgave STRUCT(betalingsinformasjon STRUCT("
    "sumForskuddstrekk DOUBLE, sumArbeidsgiveravgift DOUBLE), virksomhet STRUCT("
    f"norskIdentifikator VARCHAR, inntektsmottaker {_AMELDING_MOTTAKER}[])[]))"
)

AMELDING = f"""
CREATE TEMP TABLE src AS SELECT leveranse AS l FROM read_json({{files}},
  format='newline_delimited', {READ_JSON},
  columns={{'leveranse': '{_AMELDING}'}});
CREATE TABLE leveranse AS SELECT l.opplysningspliktig.norskIdentifikator AS pliktig,
  l.kalendermaaned, l.meldingsId, l.erstatterMeldingsId, l.kildesystem, l.leveringstidspunkt,
  l.oppgave.betalingsinformasjon.sumArbeidsgiveravgift,
  l.oppgave.betalingsinformasjon.sumForskuddstrekk FROM src;
CREATE TEMP TABLE m AS SELECT l.opplysningspliktig.norskIdentifikator AS pliktig,
  l.kalendermaaned, l.meldingsId, v.norskIdentifikator AS virksomhet,
  unnest(v.inntektsmottaker) AS m
  FROM (SELECT l, unnest(l.oppgave.virksomhet) AS v FROM src);
CREATE TABLE mottaker AS SELECT pliktig, kalendermaaned, meldingsId, virksomhet,
  m.norskIdentifikator, m.identifiserendeInformasjon.navn,
  m.identifiserendeInformasjon.foedselsdato,
  m.internasjonalIdentifikator[1].identifikator, m.internasjonalIdentifikator[1].land,
  list_sum([t.beloep FOR t IN m.forskuddstrekk]) AS trekk FROM m;
CREATE TABLE arbeidsforhold AS SELECT pliktig, kalendermaaned, meldingsId, virksomhet,
  m.norskIdentifikator, unnest(m.arbeidsforhold, recursive := true) FROM m;
CREATE TABLE inntekt AS SELECT pliktig, kalendermaaned, meldingsId, virksomhet,
  m.norskIdentifikator, unnest(m.inntekt, recursive := true) FROM m;
"""

_ADDRESS = ("STRUCT(adressenavn VARCHAR, kommunenummer VARCHAR, bruksenhetsnummer VARCHAR, "
            "adressenummer STRUCT(husnummer VARCHAR, husbokstav VARCHAR), "
            "poststed STRUCT(postnummer VARCHAR, poststedsnavn VARCHAR), "
            "matrikkelnummer STRUCT(kommunenummer VARCHAR))")
_RESIDENCE = (f"adresseIdentifikatorFraMatrikkelen VARCHAR, flyttedato DATE, "
              f"vegadresse {_ADDRESS}, matrikkeladresse {_ADDRESS}")
_PERSON_ELEMENTS = {
    "identifikasjonsnummer": "foedselsEllerDNummer VARCHAR, identifikatortype VARCHAR, "
                             "status VARCHAR",
    "navn": "fornavn VARCHAR, mellomnavn VARCHAR, etternavn VARCHAR",
    "foedsel": "foedselsdato DATE",
    "kjoenn": "kjoenn VARCHAR",
    "status": "status VARCHAR",
    "statsborgerskap": "statsborgerskap VARCHAR",
    "bostedsadresse": _RESIDENCE,
    "oppholdsadresse": _RESIDENCE,
}
"""Every element akrim reads of a person document: the oppholdsadresse and the
matrikkeladresse are its fallbacks for an empty bostedsadresse and vegadresse."""
_PERSON_COLUMNS = ", ".join(
    f"'{name}': 'STRUCT(erGjeldende BOOLEAN, {fields})[]'"
    for name, fields in _PERSON_ELEMENTS.items()
)


def _current(element: str) -> str:
    return f"list_filter({element}, lambda x: x.erGjeldende)[1]"


_HOME = f"coalesce({_current('bostedsadresse')}, {_current('oppholdsadresse')})"
_STREET = "coalesce(r.vegadresse, r.matrikkeladresse)"
FOLKEREGISTERET = f"""
CREATE TEMP TABLE src AS SELECT * FROM read_json({{files}}, format='newline_delimited',
  {READ_JSON}, columns={{{_PERSON_COLUMNS}}});
CREATE TABLE person AS SELECT {_current('identifikasjonsnummer')}.foedselsEllerDNummer AS id,
  {_current('identifikasjonsnummer')}.identifikatortype, {_current('navn')}.fornavn,
  {_current('navn')}.mellomnavn, {_current('navn')}.etternavn,
  {_current('foedsel')}.foedselsdato, {_current('kjoenn')}.kjoenn, {_current('status')}.status,
  array_to_string(list_sort([s.statsborgerskap FOR s IN statsborgerskap]), ',') AS borgerskap,
  concat_ws(' ', {_STREET}.adressenavn, {_STREET}.adressenummer.husnummer,
            {_STREET}.adressenummer.husbokstav) AS adresse,
  {_STREET}.poststed.postnummer, {_STREET}.poststed.poststedsnavn,
  coalesce({_STREET}.kommunenummer, {_STREET}.matrikkelnummer.kommunenummer) AS kommunenummer,
  r.adresseIdentifikatorFraMatrikkelen, {_STREET}.bruksenhetsnummer, r.flyttedato
  FROM (SELECT *, {_HOME} AS r FROM src);
CREATE TABLE person_identifikator AS SELECT {_current('identifikasjonsnummer')}.foedselsEllerDNummer
  AS id, unnest(identifikasjonsnummer, recursive := true) FROM src;
"""

_CODE = "STRUCT(kode VARCHAR)"
_UNIT_ADDRESS = ("STRUCT(adresse VARCHAR[], postnummer VARCHAR, poststed VARCHAR, "
                 "kommunenummer VARCHAR, landkode VARCHAR)")
_UNIT_COMMON = {
    "organisasjonsnummer": "VARCHAR", "navn": "VARCHAR", "organisasjonsform": _CODE,
    "naeringskode1": _CODE, "naeringskode2": _CODE, "naeringskode3": _CODE,
    "antallAnsatte": "INTEGER", "harRegistrertAntallAnsatte": "BOOLEAN",
    "postadresse": _UNIT_ADDRESS, "registreringsdatoEnhetsregisteret": "DATE",
    "hjemmeside": "VARCHAR", "slettedato": "DATE",
}
_ENHET = _UNIT_COMMON | {
    "forretningsadresse": _UNIT_ADDRESS, "stiftelsesdato": "DATE",
    "registrertIMvaregisteret": "BOOLEAN", "registrertIForetaksregisteret": "BOOLEAN",
    "konkurs": "BOOLEAN", "konkursdato": "DATE", "underAvvikling": "BOOLEAN",
    "underTvangsavviklingEllerTvangsopplosning": "BOOLEAN", "overordnetEnhet": "VARCHAR",
    "institusjonellSektorkode": _CODE, "sisteInnsendteAarsregnskap": "VARCHAR",
}
_UNDERENHET = _UNIT_COMMON | {
    "beliggenhetsadresse": _UNIT_ADDRESS, "overordnetEnhet": "VARCHAR",
    "oppstartsdato": "DATE", "nedleggelsesdato": "DATE",
}


def _columns(fields: dict[str, str]) -> str:
    return "{" + ", ".join(f"'{name}': '{sqltype}'" for name, sqltype in fields.items()) + "}"


def _address(name: str) -> str:
    return (f"array_to_string({name}.adresse, ', '), {name}.postnummer, {name}.poststed, "
            f"{name}.kommunenummer, {name}.landkode")


def _units(fields: dict[str, str], address: str, extra: str) -> str:
    return f"""
CREATE TABLE unit AS SELECT organisasjonsnummer, navn, organisasjonsform.kode,
  naeringskode1.kode, naeringskode2.kode, naeringskode3.kode, antallAnsatte,
  harRegistrertAntallAnsatte, {_address(address)}, array_to_string(postadresse.adresse, ', '),
  postadresse.postnummer, postadresse.kommunenummer, registreringsdatoEnhetsregisteret,
  hjemmeside, slettedato, {extra}
  FROM read_json({{files}}, format='array', {READ_JSON},
                 columns={_columns(fields)});
"""


ENHETER = _units(_ENHET, "forretningsadresse", (
    "stiftelsesdato, registrertIMvaregisteret, registrertIForetaksregisteret, konkurs, "
    "konkursdato, underAvvikling, underTvangsavviklingEllerTvangsopplosning, overordnetEnhet, "
    "institusjonellSektorkode.kode, sisteInnsendteAarsregnskap"))
UNDERENHETER = _units(_UNDERENHET, "beliggenhetsadresse",
                      "overordnetEnhet, oppstartsdato, nedleggelsesdato")

_ROLE = ("STRUCT(type STRUCT(kode VARCHAR), person STRUCT(fodselsdato DATE, navn STRUCT("
         "fornavn VARCHAR, mellomnavn VARCHAR, etternavn VARCHAR), erDoed BOOLEAN), "
         "enhet STRUCT(organisasjonsnummer VARCHAR, navn VARCHAR[]), avregistrert BOOLEAN, "
         "fratraadt BOOLEAN, rekkefolge INTEGER, valgtAv STRUCT(kode VARCHAR))")
ROLLER = f"""
CREATE TABLE rolle AS SELECT organisasjonsnummer, g.type.kode AS rollegruppe,
  r.type.kode AS rolle,
  coalesce(r.enhet.organisasjonsnummer, r.person.fodselsdato || '|' || concat_ws(' ',
           r.person.navn.fornavn, r.person.navn.mellomnavn, r.person.navn.etternavn))
    AS innehaver,
  r.person.fodselsdato, r.person.navn.fornavn, r.person.navn.mellomnavn,
  r.person.navn.etternavn, r.person.erDoed, r.enhet.organisasjonsnummer,
  array_to_string(r.enhet.navn, ' '), r.fratraadt, r.rekkefolge, r.valgtAv.kode
  FROM (SELECT organisasjonsnummer, g, unnest(g.roller) AS r
        FROM (SELECT organisasjonsnummer, unnest(rollegrupper) AS g
              FROM read_json({{files}}, format='array', {READ_JSON},
                             columns={{'organisasjonsnummer': 'VARCHAR', 'rollegrupper':
                                      'STRUCT(type STRUCT(kode VARCHAR), roller {_ROLE}[])[]'}}
                             )));
"""


def _oere(amount: str) -> str:
    return f"CAST(round(({amount}) * 100) AS BIGINT)"


ARBEIDSGIVERAVGIFT = f"""
CREATE TABLE arbeidsgiveravgift_termin AS SELECT forespurteOrganisasjon,
  a.arbeidsgiveravgift.aar, a.arbeidsgiveravgift.termin,
  {_oere('a.arbeidsgiveravgift.sumavgiftsgrunnlagBeloep')}, levert
  FROM (SELECT forespurteOrganisasjon, levert, unnest(arbeidsgiveravgifter) AS a
        FROM read_json({{files}}, format='newline_delimited', {READ_JSON},
                       columns={{'forespurteOrganisasjon': 'VARCHAR', 'levert': 'VARCHAR',
                                'arbeidsgiveravgifter': 'STRUCT(arbeidsgiveravgift STRUCT(
                                  termin VARCHAR, aar VARCHAR,
                                  sumavgiftsgrunnlagBeloep DOUBLE))[]'}}));
"""

_RATES = ("HoeySats", "MiddelsSats", "LavSats")
_SALES = [f"innlandOmsetningUttak{rate}" for rate in _RATES]
_DEDUCTIONS = [f"fradragInnlandInngaaende{rate}" for rate in _RATES]
_MVA_TERM = (
    "STRUCT(gjelderTermin STRUCT(termin VARCHAR, aar VARCHAR), "
    "fastsettingsperiodeStatus VARCHAR, erMyndighetsfastsatt BOOLEAN, "
    "mvaGrunnlag JSON, mvaAvgift JSON)")
"""An amount is plain kroner or an object of kroner per rate (`skatteetaten_mva`): read as
JSON, then as one or the other."""


def _amount_parts(amount: str, parts: list[str]) -> str:
    structure = "{" + ", ".join(f'"{part}": "DOUBLE"' for part in parts) + "}"
    return (f"CASE WHEN json_type({amount}) = 'OBJECT' "
            f"THEN json_transform({amount}, '{structure}') END")


def _plain(amount: str) -> str:
    return f"TRY_CAST({amount} AS DOUBLE)"  # NULL for an object


MVA = f"""
CREATE TABLE mva_termin AS SELECT forespurteOrganisasjon, t.gjelderTermin.aar,
  t.gjelderTermin.termin, termintype, t.fastsettingsperiodeStatus, t.erMyndighetsfastsatt,
  {_oere('coalesce(g_plain, ' + ' + '.join(f'g.{n}' for n in _SALES) + ')')},
  {_oere('coalesce(a_plain, ' + ' + '.join(f'a.{n}' for n in _SALES) + ' - '
         + ' - '.join(f'a.{n}' for n in _DEDUCTIONS) + ')')},
  {', '.join(_oere(f'g.{n}') for n in _SALES)},
  {', '.join(_oere(f'a.{n}') for n in _SALES + _DEDUCTIONS)}, levert
  FROM (SELECT *, {_amount_parts('t.mvaGrunnlag', _SALES)} AS g,
               {_amount_parts('t.mvaAvgift', _SALES + _DEDUCTIONS)} AS a,
               {_plain('t.mvaGrunnlag')} AS g_plain, {_plain('t.mvaAvgift')} AS a_plain
        FROM (SELECT forespurteOrganisasjon, levert,
                     m.mvaAlminneligNaering.skattemeldingsplikt.termintype,
                     unnest(m.mvaAlminneligNaering.samletFastsattOgReskontrofoertForTermin) AS t
              FROM read_json({{files}}, format='newline_delimited', {READ_JSON},
                             columns={{'forespurteOrganisasjon': 'VARCHAR', 'levert': 'VARCHAR',
                                      'mvaAlminneligNaering': 'STRUCT(skattemeldingsplikt STRUCT(
                                        termintype VARCHAR),
                                        samletFastsattOgReskontrofoertForTermin {_MVA_TERM}[])'}}
                             ) m));
"""

def _date(column: str) -> str:
    return f"try_strptime({column}, '%Y-%m-%d')::DATE"


HMS_KORT = (f"CREATE TABLE hms_kort AS SELECT kortnummer, identifikasjonsnummer, fornavn, "
            f"etternavn, {_date('foedselsdato')}, arbeidsgiver, {_date('utstedt')}, "
            f"{_date('gyldig_til')}, status FROM read_csv({{files}}, header = true, "
            "all_varchar = true);")
"""Dates (YYYY-MM-DD, docs/data-formats.md) typed by `try_strptime`: `read_csv` would skip a
row whose date is none, and DuckDB 2.0 turns a `TRY_CAST` of a CSV column into the reader's own
strict cast, which stops at it."""

DECLARED = {"skatteetaten.amelding": AMELDING, "folkeregisteret": FOLKEREGISTERET,
            "brreg.enheter": ENHETER, "brreg.underenheter": UNDERENHETER,
            "brreg.roller": ROLLER, "skatteetaten.arbeidsgiveravgift": ARBEIDSGIVERAVGIFT,
            "skatteetaten.mva": MVA, "hms_kort": HMS_KORT}
NOT_READ = ("arbeidstilsynet.renhold", "brreg.oppdateringer.")


def auto_sql(register: str) -> str:
    """Every field with its detected type: for the registers without a declared floor."""
    if register.endswith(".csv") or register in ("hms_kort", "stansingsvedtak", "tilsyn", "tips"):
        return "CREATE TABLE t AS SELECT * FROM read_csv({files}, all_varchar=false);"
    return ("CREATE TABLE t AS SELECT * FROM read_json({files}, format='auto', "
            f"maximum_object_size={MAX_OBJECT});")


def floor_seconds(register: str, threads: int, files: list[Path]
                  ) -> tuple[float, float, str] | None:
    """(seconds, CPU seconds, kind) of DuckDB reading `files` as `register`'s reader must."""
    if register.startswith(NOT_READ):
        return None
    script = DECLARED.get(register) or auto_sql(register)
    kind = "declared" if register in DECLARED else "auto"
    listed = "[" + ", ".join(f"'{f}'" for f in files) + "]"
    with tempfile.TemporaryDirectory(prefix="akrim-floor-") as work:
        con = duckdb.connect(str(Path(work) / "floor.duckdb"))
        con.execute(f"SET threads = {threads}")
        started, cpu = time.perf_counter(), time.process_time()
        for statement in script.replace("{files}", listed).split(";\n"):
            if statement.strip():
                con.execute(statement)
        con.execute("CHECKPOINT")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        con.close()
    return seconds, cpu, kind


def main() -> None:
    register, threads, *names = sys.argv[1:]
    found = floor_seconds(register, int(threads), [Path(n) for n in names])
    if found is None:
        sys.exit(2)
    print(f"{found[0]:.3f} {found[1]:.3f} {found[2]}")


if __name__ == "__main__":
    main()
