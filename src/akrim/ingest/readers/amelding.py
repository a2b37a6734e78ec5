"""Skatteetaten's a-melding (a-meldingen v2, JSON), one `leveranse` per employer and month.

A file holds either one leveranse (`{"leveranse": {...}}`, as for the file upload API) or many,
one a line (JSON lines, gzip'd for national extracts). The structure follows
`docs/api/innrapportering-amelding-filopplasting.md` in Skatteetaten/api-dokumentasjon:
`leveranse.oppgave.virksomhet[].inntektsmottaker[]` with `arbeidsforhold[]` and `inntekt[]`.

Replacement: a leveranse with `erstatterMeldingsId` replaces that earlier message in full; one
without adds to the month. So rows are keyed by meldingsId, and after a load every message that
a current leveranse replaces is closed (`AFTER_MERGE`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from akrim.ingest.checks import Checker
from akrim.ingest.records import ReadContext, Record
from akrim.ingest.sources import iter_json_records

INCOME_KINDS = ("loennsinntekt", "ytelseFraOffentlige", "pensjonEllerTrygd", "naeringsinntekt")
TABLES = ("amelding_leveranse", "amelding_mottaker", "amelding_arbeidsforhold", "amelding_inntekt")


def _employer_id(check: Checker, value: Any, field: str) -> str | None:
    """An opplysningspliktig or virksomhet: an orgnr, or a person for private employers."""
    text = "" if value is None else str(value).strip()
    if len(text) == 11:
        return check.person_id(text, field, required=True)
    return check.orgnr(text, field, required=True)


def _sum_trekk(check: Checker, items: Any, field: str) -> int | None:
    if not isinstance(items, list):
        return None
    amounts = [check.oere(item.get("beloep"), f"{field}.beloep") for item in items]
    return sum(a for a in amounts if a is not None)


def _mottaker(
    check: Checker, head: tuple[Any, ...], mottaker: dict[str, Any]
) -> tuple[str | None, list[tuple[str, tuple[Any, ...]]]]:
    """Rows of one inntektsmottaker; the id is fnr/d-number, else a documented fallback."""
    rows: list[tuple[str, tuple[Any, ...]]] = []
    norsk = check.person_id(mottaker.get("norskIdentifikator"), "norskIdentifikator", key=True)
    info = mottaker.get("identifiserendeInformasjon") or {}
    navn = check.text(info.get("navn"), "identifiserendeInformasjon.navn")
    foedselsdato = check.date(info.get("foedselsdato"), "identifiserendeInformasjon.foedselsdato")
    internasjonal = (mottaker.get("internasjonalIdentifikator") or [{}])[0]
    int_id = check.text(internasjonal.get("identifikator"), "internasjonalIdentifikator")
    int_land = check.text(internasjonal.get("land"), "internasjonalIdentifikator.land")
    if norsk:
        mottaker_id = norsk
    elif int_id:
        mottaker_id = f"{int_land or '?'}:{int_id}"
    elif navn and foedselsdato:
        mottaker_id = f"{foedselsdato}|{navn}"
    elif mottaker.get("norskIdentifikator") in (None, ""):  # given but bad: noted above
        check.fail("norskIdentifikator", "missing_field",
                   "inntektsmottaker has no identifier, name or birth date")
        return None, rows
    else:
        return None, rows
    key = (*head, mottaker_id)
    rows.append(("amelding_mottaker", (
        *key, norsk, navn, foedselsdato, int_id, int_land,
        _sum_trekk(check, mottaker.get("forskuddstrekk"), "forskuddstrekk"),
    )))
    for a, forhold in enumerate(mottaker.get("arbeidsforhold") or []):
        where = f"arbeidsforhold[{a}]."
        rows.append(("amelding_arbeidsforhold", (
            *key,
            check.text(forhold.get("arbeidsforholdId"), where + "arbeidsforholdId") or f"#{a}",
            check.text(forhold.get("typeArbeidsforhold"), where + "typeArbeidsforhold"),
            check.date(forhold.get("startdato"), where + "startdato"),
            check.date(forhold.get("sluttdato"), where + "sluttdato"),
            check.decimal(forhold.get("antallTimerPerUkeSomEnFullStillingTilsvarer"),
                          where + "antallTimerPerUkeSomEnFullStillingTilsvarer"),
            check.decimal(forhold.get("stillingsprosent"), where + "stillingsprosent"),
            check.text(forhold.get("avloenningstype"), where + "avloenningstype"),
            check.text(forhold.get("yrke"), where + "yrke"),
            check.text(forhold.get("arbeidstidsordning"), where + "arbeidstidsordning"),
            check.text(forhold.get("formForAnsettelse"), where + "formForAnsettelse"),
        )))
    for i, inntekt in enumerate(mottaker.get("inntekt") or []):
        where = f"inntekt[{i}]."
        kind = next((k for k in INCOME_KINDS if isinstance(inntekt.get(k), dict)), None)
        detail = inntekt.get(kind) if kind else {}
        rows.append(("amelding_inntekt", (
            *key,
            i,
            check.text(inntekt.get("arbeidsforholdId"), where + "arbeidsforholdId"),
            kind,
            check.text(detail.get("beskrivelse"), f"{where}{kind}.beskrivelse"),
            check.text(inntekt.get("fordel"), where + "fordel"),
            check.oere(check.required(inntekt.get("beloep"), where + "beloep"), where + "beloep"),
            check.decimal(detail.get("antall"), f"{where}{kind}.antall"),
            check.date(inntekt.get("startdatoOpptjeningsperiode"),
                       where + "startdatoOpptjeningsperiode"),
            check.date(inntekt.get("sluttdatoOpptjeningsperiode"),
                       where + "sluttdatoOpptjeningsperiode"),
            check.boolean(inntekt.get("utloeserArbeidsgiveravgift"),
                          where + "utloeserArbeidsgiveravgift"),
            check.boolean(inntekt.get("inngaarIGrunnlagForTrekk"),
                          where + "inngaarIGrunnlagForTrekk"),
            check.text(inntekt.get("skatteOgAvgiftsregel"), where + "skatteOgAvgiftsregel"),
        )))
    return mottaker_id, rows


def leveranse_record(line: int, raw: str, obj: Any, context: ReadContext) -> Record:
    record = Record(line, raw)
    check = Checker(line, allow_synthetic=context.allow_synthetic, prefix="leveranse.")
    leveranse = obj.get("leveranse") if isinstance(obj, dict) else None
    if not isinstance(leveranse, dict):
        check.fail("-", "missing_field", "no leveranse object")
        record.problems = check.problems
        return record
    pliktig = _employer_id(check, (leveranse.get("opplysningspliktig") or {}).get(
        "norskIdentifikator"), "opplysningspliktig.norskIdentifikator")
    month = check.month(leveranse.get("kalendermaaned"), "kalendermaaned")
    melding = check.text(check.required(leveranse.get("meldingsId"), "meldingsId"), "meldingsId")
    oppgave = leveranse.get("oppgave") or {}
    betaling = oppgave.get("betalingsinformasjon") or {}
    per_date = betaling.get("sumForskuddstrekkPerLoennsutbetalingsdato")
    sum_trekk = (
        check.oere(betaling.get("sumForskuddstrekk"),
                   "oppgave.betalingsinformasjon.sumForskuddstrekk")
        if per_date is None
        else _sum_trekk(check, per_date, "oppgave.betalingsinformasjon."
                        "sumForskuddstrekkPerLoennsutbetalingsdato")
    )
    header = (
        pliktig, month, melding,
        check.text(leveranse.get("erstatterMeldingsId"), "erstatterMeldingsId"),
        check.text(leveranse.get("kildesystem"), "kildesystem"),
        check.text(leveranse.get("leveringstidspunkt"), "leveringstidspunkt"),
        check.oere(betaling.get("sumArbeidsgiveravgift"),
                   "oppgave.betalingsinformasjon.sumArbeidsgiveravgift"),
        sum_trekk,
    )
    record.add(check, [("amelding_leveranse", header)])
    if not check.ok:
        return record
    for v, virksomhet in enumerate(oppgave.get("virksomhet") or []):
        vcheck = check.child(f"oppgave.virksomhet[{v}].")
        vid = _employer_id(vcheck, virksomhet.get("norskIdentifikator"), "norskIdentifikator")
        if vid is None:
            record.problems.extend(vcheck.problems)
            continue
        head = (pliktig, month, melding, vid)
        for m, mottaker in enumerate(virksomhet.get("inntektsmottaker") or []):
            mcheck = vcheck.child(f"inntektsmottaker[{m}].")
            mottaker_id, rows = _mottaker(mcheck, head, mottaker)
            # The person's rows stand or fall together; the rest of the leveranse loads.
            record.add(mcheck, rows, held=[
                (table, (*head, mottaker_id) + (None,) * (1 if table != "amelding_mottaker" else 0))
                for table in TABLES[1:]] if mottaker_id else [])
    return record


def read_amelding(path: Path, context: ReadContext) -> Iterator[Record]:
    for line, raw, obj in iter_json_records(path):
        yield leveranse_record(line, raw, obj, context)


AFTER_MERGE = tuple(
    f"""
    UPDATE {table} t SET valid_to = ?
    WHERE t.valid_to IS NULL AND EXISTS (
      SELECT 1 FROM amelding_leveranse l
      WHERE l.valid_to IS NULL AND l.erstatter_meldings_id = t.meldings_id
        AND l.opplysningspliktig = t.opplysningspliktig
        AND l.kalendermaaned = t.kalendermaaned)
    """
    for table in TABLES
)
"""Close every message that a current leveranse replaces (`erstatterMeldingsId`)."""
