"""The floor of a register's load: DuckDB's own reader materialising the fields akrim keeps.

Usage (the ingest bench runs it in a fresh process, so the floor is cold):
    .venv/bin/python bench/ingest_floor.py REGISTER THREADS FILE...

Prints the seconds (wall, then CPU) DuckDB took to read the files into typed tables in a new
database file, with `THREADS` threads (the threads akrim's store is allowed), and the floor's
kind: `declared` (the fields akrim keeps, with their types, flattened into akrim's tables) or
`auto` (every field, types detected: more work than akrim's fields need, so the ratio flatters
akrim).
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
  format='newline_delimited', maximum_object_size={MAX_OBJECT},
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

_PERSON_ELEMENTS = {
    "identifikasjonsnummer": "foedselsEllerDNummer VARCHAR, identifikatortype VARCHAR, "
                             "status VARCHAR",
    "navn": "fornavn VARCHAR, mellomnavn VARCHAR, etternavn VARCHAR",
    "foedsel": "foedselsdato DATE",
    "kjoenn": "kjoenn VARCHAR",
    "status": "status VARCHAR",
    "statsborgerskap": "statsborgerskap VARCHAR",
    "bostedsadresse": "adresseIdentifikatorFraMatrikkelen VARCHAR, flyttedato DATE, "
                      "vegadresse STRUCT(adressenavn VARCHAR, kommunenummer VARCHAR, "
                      "bruksenhetsnummer VARCHAR, adressenummer STRUCT(husnummer VARCHAR, "
                      "husbokstav VARCHAR), poststed STRUCT(postnummer VARCHAR, "
                      "poststedsnavn VARCHAR))",
}
_PERSON_COLUMNS = ", ".join(
    f"'{name}': 'STRUCT(erGjeldende BOOLEAN, {fields})[]'"
    for name, fields in _PERSON_ELEMENTS.items()
)


def _current(element: str) -> str:
    return f"list_filter({element}, lambda x: x.erGjeldende)[1]"


FOLKEREGISTERET = f"""
CREATE TEMP TABLE src AS SELECT * FROM read_json({{files}}, format='newline_delimited',
  maximum_object_size={MAX_OBJECT}, columns={{{_PERSON_COLUMNS}}});
CREATE TABLE person AS SELECT {_current('identifikasjonsnummer')}.foedselsEllerDNummer AS id,
  {_current('identifikasjonsnummer')}.identifikatortype, {_current('navn')}.fornavn,
  {_current('navn')}.mellomnavn, {_current('navn')}.etternavn,
  {_current('foedsel')}.foedselsdato, {_current('kjoenn')}.kjoenn, {_current('status')}.status,
  array_to_string(list_sort([s.statsborgerskap FOR s IN statsborgerskap]), ',') AS borgerskap,
  {_current('bostedsadresse')}.vegadresse.adressenavn,
  {_current('bostedsadresse')}.vegadresse.poststed.postnummer,
  {_current('bostedsadresse')}.vegadresse.poststed.poststedsnavn,
  {_current('bostedsadresse')}.vegadresse.kommunenummer,
  {_current('bostedsadresse')}.adresseIdentifikatorFraMatrikkelen,
  {_current('bostedsadresse')}.vegadresse.bruksenhetsnummer,
  {_current('bostedsadresse')}.flyttedato FROM src;
CREATE TABLE person_identifikator AS SELECT {_current('identifikasjonsnummer')}.foedselsEllerDNummer
  AS id, unnest(identifikasjonsnummer, recursive := true) FROM src;
"""

DECLARED = {"skatteetaten.amelding": AMELDING, "folkeregisteret": FOLKEREGISTERET}
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
