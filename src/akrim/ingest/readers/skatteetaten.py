"""Skatteetaten's seriousness services, one JSON response a line (as documented in
Skatteetaten/api-dokumentasjon, docs/api/): Restanser, Arbeidsgiveravgift, Mva meldingsopplysning,
Arbeidsforhold (and Arbeidsforhold i oppdrag), Oppdrag utenlandske virksomheter.

Amounts are whole kroner in the responses and are stored as øre. The Arbeidsforhold responses do
not repeat what was asked, so each line carries the request's `arbeidsgiver` and `arbeidstaker`
beside the response (see docs/data-formats.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from akrim.ingest.checks import Checker
from akrim.ingest.records import Read, ReadContext, Record
from akrim.ingest.sources import iter_json_lines

Rows = list[tuple[str, tuple[Any, ...]]]

RESTANSE_KATEGORIER = (
    "restskatt", "forskuddstrekk", "merverdiavgift", "arbeidsgiveravgift", "gebyr",
    "forskuddsskatt",
)


def restanser(check: Checker, obj: dict[str, Any]) -> tuple[tuple[Any, ...], Rows]:
    orgnr = check.orgnr(obj.get("forespurteOrganisasjon"), "forespurteOrganisasjon",
                        required=True)
    levert = check.text(obj.get("levert"), "levert")
    rows: Rows = []
    for kategori, item in (obj.get("restanser") or {}).items():
        if kategori not in RESTANSE_KATEGORIER:
            check.fail(f"restanser.{kategori}", "unknown_code",
                       f"unknown restanse category {kategori!r}")
            continue
        where = f"restanser.{kategori}."
        rows.append(("restanse", (
            orgnr, kategori,
            check.oere(item.get("forfaltOgUbetalt"), where + "forfaltOgUbetalt"),
            check.oere(item.get("forfaltOgUbetaltKrav"), where + "forfaltOgUbetaltKrav"),
            check.oere(item.get("forfaltOgUbetaltRenter"), where + "forfaltOgUbetaltRenter"),
            levert,
        )))
    return ("restanse", (orgnr, None)), rows


TERMINER = ("jan-feb", "mar-apr", "mai-jun", "jul-aug", "sep-okt", "nov-des")


def _termin(check: Checker, item: dict[str, Any], where: str) -> tuple[Any, Any]:
    termin = check.required(item.get("termin"), where + "termin")
    if termin and termin not in TERMINER:
        check.fail(where + "termin", "unknown_code", f"unknown termin {termin!r}")
    aar = check.required(item.get("aar"), where + "aar")
    if aar and not str(aar).isdigit():
        check.fail(where + "aar", "invalid_value", f"{aar!r} is not a year")
    return str(aar), termin


def arbeidsgiveravgift(check: Checker, obj: dict[str, Any]) -> tuple[tuple[Any, ...], Rows]:
    orgnr = check.orgnr(obj.get("forespurteOrganisasjon"), "forespurteOrganisasjon",
                        required=True)
    rows: Rows = []
    for n, wrapper in enumerate(obj.get("arbeidsgiveravgifter") or []):
        where = f"arbeidsgiveravgifter[{n}].arbeidsgiveravgift."
        item = wrapper.get("arbeidsgiveravgift") or {}
        aar, termin = _termin(check, item, where)
        rows.append(("arbeidsgiveravgift_termin", (
            orgnr, aar, termin,
            check.oere(item.get("sumavgiftsgrunnlagBeloep"), where + "sumavgiftsgrunnlagBeloep"),
            check.text(obj.get("levert"), "levert"),
        )))
    return ("arbeidsgiveravgift_termin", (orgnr, None, None)), rows


def mva(check: Checker, obj: dict[str, Any]) -> tuple[tuple[Any, ...], Rows]:
    orgnr = check.orgnr(obj.get("forespurteOrganisasjon"), "forespurteOrganisasjon",
                        required=True)
    naering = obj.get("mvaAlminneligNaering") or {}
    termintype = (naering.get("skattemeldingsplikt") or {}).get("termintype")
    rows: Rows = []
    for n, item in enumerate(naering.get("samletFastsattOgReskontrofoertForTermin") or []):
        where = f"mvaAlminneligNaering.samletFastsattOgReskontrofoertForTermin[{n}]."
        aar, termin = _termin(check, item.get("gjelderTermin") or {}, where + "gjelderTermin.")
        rows.append(("mva_termin", (
            orgnr, aar, termin, termintype,
            check.text(item.get("fastsettingsperiodeStatus"), where + "fastsettingsperiodeStatus"),
            check.boolean(item.get("erMyndighetsfastsatt"), where + "erMyndighetsfastsatt"),
            check.oere(item.get("mvaGrunnlag"), where + "mvaGrunnlag"),
            check.oere(item.get("mvaAvgift"), where + "mvaAvgift"),
            check.text(obj.get("levert"), "levert"),
        )))
    return ("mva_termin", (orgnr, None, None)), rows


def arbeidsforhold(check: Checker, obj: dict[str, Any]) -> tuple[tuple[Any, ...], Rows]:
    employer = check.orgnr(obj.get("arbeidsgiver"), "arbeidsgiver", required=True)
    employee = check.person_id(obj.get("arbeidstaker"), "arbeidstaker", required=True)
    svar = obj.get("svar")
    answer: dict[str, Any] = svar if isinstance(svar, dict) else obj
    if answer.get("aktiv") is not None:
        aktiv = check.boolean(answer.get("aktiv"), "aktiv")
    elif str(obj.get("kode", "")).upper() == "ARBEIDSFORHOLD-007":
        aktiv = False  # the service answers "not active" with a 404 carrying this code
    else:
        check.fail("aktiv", "missing_field", "neither svar.aktiv nor ARBEIDSFORHOLD-007 given")
        aktiv = None
    periods = answer.get("perioder") or [{}]
    rows: Rows = [
        ("skatt_arbeidsforhold", (
            employer, employee, n, aktiv,
            check.date(p.get("startdato"), f"perioder[{n}].startdato"),
            check.date(p.get("sluttdato"), f"perioder[{n}].sluttdato"),
        ))
        for n, p in enumerate(periods)
    ]
    return ("skatt_arbeidsforhold", (employer, employee, None)), rows


def oppdrag(check: Checker, obj: dict[str, Any]) -> tuple[tuple[Any, ...], Rows]:
    orgnr = check.orgnr(obj.get("forespurteOrganisasjon"), "forespurteOrganisasjon",
                        required=True)
    item = obj.get("oppdrag") or {}
    row = (
        orgnr,
        check.integer(item.get("antallAktiveOppdragSomArbeidsgiver"),
                      "oppdrag.antallAktiveOppdragSomArbeidsgiver"),
        check.integer(item.get("antallAktiveArbeidstakere"), "oppdrag.antallAktiveArbeidstakere"),
        check.integer(item.get("antallRegistrerteOppdragSomOppdragsgiver"),
                      "oppdrag.antallRegistrerteOppdragSomOppdragsgiver"),
        check.text(obj.get("levert"), "levert"),
    )
    return ("oppdrag_utenlandsk", (orgnr,)), [("oppdrag_utenlandsk", row)]


Mapper = Callable[[Checker, dict[str, Any]], tuple[tuple[Any, ...], Rows]]


def _reader(mapper: Mapper) -> Read:
    def read(path: Path, context: ReadContext) -> Iterator[Record]:
        for line, raw, obj in iter_json_lines(path):
            record = Record(line, raw)
            check = Checker(line, allow_synthetic=context.allow_synthetic)
            if not check.is_object(obj):
                record.problems = check.problems
                yield record
                continue
            (table, held), rows = mapper(check, obj)
            if check.ok:
                record.rows = rows
            else:
                record.problems = check.problems
                if held[0] is not None:
                    record.held.append((table, held))
            yield record

    return read


read_restanser = _reader(restanser)
read_arbeidsgiveravgift = _reader(arbeidsgiveravgift)
read_mva = _reader(mva)
read_arbeidsforhold = _reader(arbeidsforhold)
read_oppdrag = _reader(oppdrag)
