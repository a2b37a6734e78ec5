"""Skatteetaten's seriousness services (as documented in Skatteetaten/api-dokumentasjon,
docs/api/): Restanser, Arbeidsgiveravgift, Mva meldingsopplysning, Arbeidsforhold (and
Arbeidsforhold i oppdrag), Oppdrag utenlandske virksomheter. A file holds one response as the
service returns it (pretty-printed or not), or many, one a line.

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
    entries = _objects(check, obj.get("arbeidsgiveravgifter"), "arbeidsgiveravgifter")
    for n, wrapper in enumerate(entries):
        where = f"arbeidsgiveravgifter[{n}].arbeidsgiveravgift"
        item = _object(check, wrapper.get("arbeidsgiveravgift"), where)
        where += "."
        aar, termin = _termin(check, item, where)
        rows.append(("arbeidsgiveravgift_termin", (
            orgnr, aar, termin,
            check.oere(item.get("sumavgiftsgrunnlagBeloep"), where + "sumavgiftsgrunnlagBeloep"),
            check.text(obj.get("levert"), "levert"),
        )))
    return ("arbeidsgiveravgift_termin", (orgnr, None, None)), rows


GRUNNLAG_KEYS = ("innlandOmsetningUttakHoeySats", "innlandOmsetningUttakMiddelsSats",
                 "innlandOmsetningUttakLavSats")
"""`mvaGrunnlag` as an object: the turnover per VAT rate (høy, middels, lav sats)."""
FRADRAG_KEYS = ("fradragInnlandInngaaendeHoeySats", "fradragInnlandInngaaendeMiddelsSats",
                "fradragInnlandInngaaendeLavSats")
"""`mvaAvgift` as an object holds the output VAT per rate (`GRUNNLAG_KEYS`) and these deductions."""


def _mva_amount(check: Checker, value: Any, field: str, added: tuple[str, ...],
                deducted: tuple[str, ...] = ()) -> tuple[int | None, tuple[int | None, ...]]:
    """(total, parts) in øre of an amount given as plain kroner or as an object per rate.

    The parts are NULL for a plain amount. The total is NULL when a part is unreadable or its
    key unknown (it would understate the amount), and when no part is given at all.
    """
    keys = added + deducted
    if not isinstance(value, dict):
        return check.oere(value, field), (None,) * len(keys)
    problems = len(check.problems)
    for key in sorted(value.keys() - set(keys)):
        check.note(f"{field}.{key}", "unknown_field",
                   f"unknown amount {key!r} in {field} (known: {', '.join(keys)})")
    parts = tuple(check.oere(value.get(key), f"{field}.{key}") for key in keys)
    if len(check.problems) > problems or all(part is None for part in parts):
        return None, parts
    # A deduction lowers the VAT whatever its sign: public clients model it as a bare int.
    total = (sum(part or 0 for part in parts[:len(added)])
             - sum(abs(part or 0) for part in parts[len(added):]))
    return total, parts


def mva(check: Checker, obj: dict[str, Any]) -> tuple[tuple[Any, ...], Rows]:
    orgnr = check.orgnr(obj.get("forespurteOrganisasjon"), "forespurteOrganisasjon",
                        required=True)
    naering = _object(check, obj.get("mvaAlminneligNaering"), "mvaAlminneligNaering")
    plikt = _object(check, naering.get("skattemeldingsplikt"),
                    "mvaAlminneligNaering.skattemeldingsplikt")
    termintype = check.text(plikt.get("termintype"),
                            "mvaAlminneligNaering.skattemeldingsplikt.termintype")
    terms = _objects(check, naering.get("samletFastsattOgReskontrofoertForTermin"),
                     "mvaAlminneligNaering.samletFastsattOgReskontrofoertForTermin")
    rows: Rows = []
    for n, item in enumerate(terms):
        where = f"mvaAlminneligNaering.samletFastsattOgReskontrofoertForTermin[{n}]."
        gjelder = _object(check, item.get("gjelderTermin"), where + "gjelderTermin")
        aar, termin = _termin(check, gjelder, where + "gjelderTermin.")
        grunnlag, grunnlag_parts = _mva_amount(
            check, item.get("mvaGrunnlag"), where + "mvaGrunnlag", GRUNNLAG_KEYS)
        avgift, avgift_parts = _mva_amount(
            check, item.get("mvaAvgift"), where + "mvaAvgift", GRUNNLAG_KEYS, FRADRAG_KEYS)
        rows.append(("mva_termin", (
            orgnr, aar, termin, termintype,
            check.text(item.get("fastsettingsperiodeStatus"), where + "fastsettingsperiodeStatus"),
            check.boolean(item.get("erMyndighetsfastsatt"), where + "erMyndighetsfastsatt"),
            grunnlag, avgift, *grunnlag_parts, *avgift_parts,
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
read_arbeidsgiveravgift = _reader(arbeidsgiveravgift)
read_mva = _reader(mva)
read_arbeidsforhold = _reader(arbeidsforhold)
read_oppdrag = _reader(oppdrag)
