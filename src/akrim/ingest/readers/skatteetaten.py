"""Skatteetaten's seriousness services (as documented in Skatteetaten/api-dokumentasjon,
docs/api/) read in Python: Restanser, Arbeidsforhold (and Arbeidsforhold i oppdrag), Oppdrag
utenlandske virksomheter. A file holds one response as the service returns it (pretty-printed
or not), or many, one a line. Arbeidsgiveravgift and Mva meldingsopplysning, the large ones,
are read by DuckDB (`skatteetaten_sql`, `skatteetaten_mva`).

Amounts are kroner in the responses and are stored as øre. The Arbeidsforhold responses do
not repeat what was asked, so each line carries the request's `arbeidsgiver` and `arbeidstaker`
beside the response (see docs/data-formats.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from akrim.ingest.checks import Checker
from akrim.ingest.records import Read, ReadContext, Record
from akrim.ingest.sources import iter_json_records

Rows = list[tuple[str, tuple[Any, ...]]]


def _object(check: Checker, value: Any, field: str) -> dict[str, Any]:
    """A nested object of a response (absent: empty); anything else holds the response back."""
    if isinstance(value, dict):
        return value
    if value is not None:
        check.fail(field, "invalid_value", f"expected a JSON object, found {type(value).__name__}")
    return {}


def _objects(check: Checker, value: Any, field: str) -> list[dict[str, Any]]:
    """A nested array of objects (absent: empty), each element checked as by `_object`."""
    if value is None:
        return []
    if not isinstance(value, list):
        check.fail(field, "invalid_value", f"expected a JSON array, found {type(value).__name__}")
        return []
    return [_object(check, item, f"{field}[{n}]") for n, item in enumerate(value)]

RESTANSE_KATEGORIER = (
    "restskatt", "forskuddstrekk", "merverdiavgift", "arbeidsgiveravgift", "gebyr",
    "forskuddsskatt",
)


def restanser(check: Checker, obj: dict[str, Any]) -> tuple[tuple[Any, ...], Rows]:
    orgnr = check.orgnr(obj.get("forespurteOrganisasjon"), "forespurteOrganisasjon",
                        required=True)
    levert = check.text(obj.get("levert"), "levert")
    rows: Rows = []
    for kategori, value in _object(check, obj.get("restanser"), "restanser").items():
        if kategori not in RESTANSE_KATEGORIER:
            check.fail(f"restanser.{kategori}", "unknown_code",
                       f"unknown restanse category {kategori!r}")
            continue
        item = _object(check, value, f"restanser.{kategori}")
        where = f"restanser.{kategori}."
        rows.append(("restanse", (
            orgnr, kategori,
            check.oere(item.get("forfaltOgUbetalt"), where + "forfaltOgUbetalt"),
            check.oere(item.get("forfaltOgUbetaltKrav"), where + "forfaltOgUbetaltKrav"),
            check.oere(item.get("forfaltOgUbetaltRenter"), where + "forfaltOgUbetaltRenter"),
            levert,
        )))
    return ("restanse", (orgnr, None)), rows


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
    periods = _objects(check, answer.get("perioder"), "perioder") or [{}]
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
    item = _object(check, obj.get("oppdrag"), "oppdrag")
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
        for line, raw, obj in iter_json_records(path):
            record = Record(line, raw)
            check = Checker(line, allow_synthetic=context.allow_synthetic)
            if check.is_object(obj):
                (table, key), rows = mapper(check, obj)
                record.add(check, rows, held=[(table, key)] if key[0] is not None else [])
            else:
                record.add(check, [])
            yield record

    return read


read_restanser = _reader(restanser)
read_arbeidsforhold = _reader(arbeidsforhold)
read_oppdrag = _reader(oppdrag)
