"""Folkeregisteret person documents, as the Folkeregisteret API returns them, one a line.

Every element of a person document is a list of dated records; the one with `erGjeldende`
true is current. A line may also be a bulk lookup response `{"oppslag": [...]}` holding several
documents under `folkeregisterperson`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from akrim.ingest.checks import Checker
from akrim.ingest.records import ReadContext, Record
from akrim.ingest.sources import iter_json_lines


def current(document: dict[str, Any], element: str) -> dict[str, Any]:
    """The current record of one element (`erGjeldende`), else the last one, else {}."""
    records = document.get(element) or []
    if isinstance(records, dict):
        return records
    for item in records:
        if isinstance(item, dict) and item.get("erGjeldende"):
            return item
    return records[-1] if records and isinstance(records[-1], dict) else {}


# A dwelling's number in its building (Kartverket, Skatteetaten): H, K, L or U for a main,
# basement, loft or lower floor, two digits for the floor and two for the door from the left.
_BRUKSENHETSNUMMER = re.compile(r"[HKLU][0-9]{4}")


def _bruksenhetsnummer(check: Checker, value: Any, field: str) -> str | None:
    """The dwelling, kept as given (and noted) when it is not in the register's form."""
    number = check.text(value, field)
    if number is not None and not _BRUKSENHETSNUMMER.fullmatch(number):
        check.note(field, "invalid_value",
                   f"bruksenhetsnummer {number!r} is not H, K, L or U and four digits")
    return number


def _residence(doc: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Where the person lives in Norway: the bostedsadresse, else (a d-number holder, who has
    none) the oppholdsadresse; with the element's name for the checks' field names."""
    for element in ("bostedsadresse", "oppholdsadresse"):
        address = current(doc, element)
        if address:
            return element, address
    return "bostedsadresse", {}


def _address(check: Checker, element: str, bosted: dict[str, Any]) -> tuple[Any, ...]:
    veg = bosted.get("vegadresse") or bosted.get("matrikkeladresse") or {}
    nummer = veg.get("adressenummer") or {}
    street = " ".join(
        str(part) for part in (veg.get("adressenavn"), nummer.get("husnummer"),
                               nummer.get("husbokstav")) if part
    ) or None
    poststed = veg.get("poststed") or {}
    kommunenummer = veg.get("kommunenummer") or (veg.get("matrikkelnummer") or {}).get(
        "kommunenummer")
    return (
        street,
        check.text(poststed.get("postnummer"), f"{element}.poststed.postnummer"),
        check.text(poststed.get("poststedsnavn"), f"{element}.poststed.poststedsnavn"),
        check.kommunenummer(kommunenummer, f"{element}.kommunenummer"),
        check.text(bosted.get("adresseIdentifikatorFraMatrikkelen"),
                   f"{element}.adresseIdentifikatorFraMatrikkelen"),
        _bruksenhetsnummer(check, veg.get("bruksenhetsnummer"), f"{element}.bruksenhetsnummer"),
        check.date(bosted.get("flyttedato"), f"{element}.flyttedato"),
    )


def person_rows(check: Checker, doc: dict[str, Any]) -> tuple[str | None, list[Any]]:
    identifiers = [i for i in doc.get("identifikasjonsnummer") or [] if isinstance(i, dict)]
    numbers = [
        (check.person_id(i.get("foedselsEllerDNummer"), f"identifikasjonsnummer[{n}]",
                         required=True), i)
        for n, i in enumerate(identifiers)
    ]
    active = current(doc, "identifikasjonsnummer")
    key = check.person_id(active.get("foedselsEllerDNummer"),
                          "identifikasjonsnummer.foedselsEllerDNummer", required=True)
    navn = current(doc, "navn")
    foedsel = current(doc, "foedsel")
    citizenships = sorted({
        str(s.get("statsborgerskap")) for s in doc.get("statsborgerskap") or []
        if isinstance(s, dict) and s.get("statsborgerskap") and s.get("erGjeldende", True)
    })
    rows: list[Any] = [("person", (
        key,
        check.text(active.get("identifikatortype"), "identifikasjonsnummer.identifikatortype"),
        check.text(navn.get("fornavn"), "navn.fornavn"),
        check.text(navn.get("mellomnavn"), "navn.mellomnavn"),
        check.text(navn.get("etternavn"), "navn.etternavn"),
        check.date(foedsel.get("foedselsdato"), "foedsel.foedselsdato"),
        check.text(current(doc, "kjoenn").get("kjoenn"), "kjoenn.kjoenn"),
        check.text(current(doc, "status").get("status"), "status.status"),
        ",".join(citizenships) or None,
        *_address(check, *_residence(doc)),
    ))]
    for number, item in numbers:
        if number:
            rows.append(("person_identifikator", (
                key, number, item.get("identifikatortype"), item.get("status"))))
    return key, rows


def _documents(obj: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(obj, dict) and isinstance(obj.get("oppslag"), list):
        for n, item in enumerate(obj["oppslag"]):
            yield f"oppslag[{n}].folkeregisterperson.", (item or {}).get("folkeregisterperson")
    else:
        yield "", obj


def read_folkeregisteret(path: Path, context: ReadContext) -> Iterator[Record]:
    for line, raw, obj in iter_json_lines(path):
        record = Record(line, raw)
        for prefix, doc in _documents(obj):
            check = Checker(line, allow_synthetic=context.allow_synthetic, prefix=prefix)
            if not isinstance(doc, dict):
                check.fail("-", "invalid_value", "expected a person document object")
                record.problems.extend(check.problems)
                continue
            key, rows = person_rows(check, doc)
            record.add(check, rows, held=[("person", (key,)), ("person_identifikator", (key, None))]
                       if key else [])
        yield record
