"""Enhetsregisteret's bulk downloads of enheter and underenheter, JSON and CSV.

JSON: `enheter_alle.json.gz` / `underenheter_alle.json.gz`, a gzip'd, pretty-printed JSON array
of objects exactly as `GET /enhetsregisteret/api/enheter/lastned` serves it. CSV: the
`.../lastned/csv` variant, whose dotted column names (`forretningsadresse.postnummer`) are the
JSON paths; a CSV row is unflattened into the JSON shape so that both go through one mapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from akrim.codes.brreg import ORGANISASJONSFORMER
from akrim.ingest.checks import Checker
from akrim.ingest.records import Read, ReadContext, Record
from akrim.ingest.sources import iter_csv, iter_json_array

ADDRESS_PARTS = ("adresse", "postnummer", "poststed", "kommunenummer", "landkode")


def _code(obj: dict[str, Any], name: str) -> Any:
    value = obj.get(name)
    return value.get("kode") if isinstance(value, dict) else value


def _address(check: Checker, obj: dict[str, Any], name: str) -> tuple[Any, ...]:
    """(address lines, postnummer, poststed, kommunenummer, landkode) of one address object."""
    address = obj.get(name)
    if not isinstance(address, dict):
        return (None,) * len(ADDRESS_PARTS)
    lines = address.get("adresse")
    if isinstance(lines, str):
        lines = [lines]
    text = ", ".join(str(line).strip() for line in lines or [] if line) or None
    landkode = check.text(address.get("landkode"), f"{name}.landkode")
    kommunenummer = address.get("kommunenummer")
    if landkode in (None, "NO"):
        kommunenummer = check.kommunenummer(kommunenummer, f"{name}.kommunenummer")
    return (
        text,
        check.text(address.get("postnummer"), f"{name}.postnummer"),
        check.text(address.get("poststed"), f"{name}.poststed"),
        kommunenummer,
        landkode,
    )


def _common(check: Checker, obj: dict[str, Any], address_field: str) -> tuple[Any, ...]:
    employees = check.integer(obj.get("antallAnsatte"), "antallAnsatte")
    has_employees = check.boolean(obj.get("harRegistrertAntallAnsatte"),
                                  "harRegistrertAntallAnsatte")
    street = _address(check, obj, address_field)
    post = _address(check, obj, "postadresse")
    return (
        check.orgnr(obj.get("organisasjonsnummer"), "organisasjonsnummer", required=True),
        check.text(obj.get("navn"), "navn"),
        check.code(_code(obj, "organisasjonsform"), "organisasjonsform.kode", ORGANISASJONSFORMER,
                   "organisasjonsform"),
        check.naeringskode(_code(obj, "naeringskode1"), "naeringskode1.kode"),
        check.naeringskode(_code(obj, "naeringskode2"), "naeringskode2.kode"),
        check.naeringskode(_code(obj, "naeringskode3"), "naeringskode3.kode"),
        employees,
        has_employees,
        *street,
        post[0],
        post[1],
        post[3],
        check.date(obj.get("registreringsdatoEnhetsregisteret"),
                   "registreringsdatoEnhetsregisteret"),
        check.text(obj.get("hjemmeside"), "hjemmeside"),
        check.date(obj.get("slettedato"), "slettedato"),
    )


def enhet_values(check: Checker, obj: dict[str, Any]) -> tuple[Any, ...]:
    return _common(check, obj, "forretningsadresse") + (
        check.date(obj.get("stiftelsesdato"), "stiftelsesdato"),
        check.boolean(obj.get("registrertIMvaregisteret"), "registrertIMvaregisteret"),
        check.boolean(obj.get("registrertIForetaksregisteret"), "registrertIForetaksregisteret"),
        check.boolean(obj.get("konkurs"), "konkurs"),
        check.date(obj.get("konkursdato"), "konkursdato"),
        check.boolean(obj.get("underAvvikling"), "underAvvikling"),
        check.boolean(obj.get("underTvangsavviklingEllerTvangsopplosning"),
                      "underTvangsavviklingEllerTvangsopplosning"),
        check.orgnr(obj.get("overordnetEnhet"), "overordnetEnhet"),
        check.text(_code(obj, "institusjonellSektorkode"), "institusjonellSektorkode.kode"),
        check.text(obj.get("sisteInnsendteAarsregnskap"), "sisteInnsendteAarsregnskap"),
    )


def underenhet_values(check: Checker, obj: dict[str, Any]) -> tuple[Any, ...]:
    return _common(check, obj, "beliggenhetsadresse") + (
        check.orgnr(obj.get("overordnetEnhet"), "overordnetEnhet"),
        check.date(obj.get("oppstartsdato"), "oppstartsdato"),
        check.date(obj.get("nedleggelsesdato"), "nedleggelsesdato"),
    )


VALUES = {"enhet": enhet_values, "underenhet": underenhet_values}


def to_record(table: str, line: int, raw: str, obj: Any, context: ReadContext) -> Record:
    """Map one enhet/underenhet object to a typed row, or to quarantine.

    Only a bad or missing organisasjonsnummer holds a unit back, and then it has no key to hold.
    """
    record = Record(line, raw)
    check = Checker(line, allow_synthetic=context.allow_synthetic)
    record.add(check, [(table, VALUES[table](check, obj))] if check.is_object(obj) else [])
    return record


CSV_NAMES = {
    name.lower(): name
    for name in (
        "registreringsdatoEnhetsregisteret", "registrertIMvaregisteret",
        "registrertIForetaksregisteret", "harRegistrertAntallAnsatte", "antallAnsatte",
        "stiftelsesdato", "konkurs", "konkursdato", "underAvvikling",
        "underTvangsavviklingEllerTvangsopplosning", "overordnetEnhet", "hjemmeside",
        "sisteInnsendteAarsregnskap", "slettedato", "oppstartsdato", "nedleggelsesdato",
        "organisasjonsnummer", "navn",
    )
}
"""The CSV header spells some JSON names differently (`registreringsdatoenhetsregisteret`,
`registrertIMvaRegisteret`); columns are matched to the JSON names case-insensitively."""
CSV_ALIASES = {"registreringsdatoienhetsregisteret": "registreringsdatoEnhetsregisteret"}
ADDRESS_LINE_BREAK = re.compile(r"/n|\n")
"""How the CSV joins an address's lines in one cell: a newline, or the two characters `/n`."""


def csv_document(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row (dotted column names) as the JSON document it flattens.

    `{"forretningsadresse.postnummer": "0150"}` -> `{"forretningsadresse": {"postnummer": ...}}`;
    empty cells are absent fields, and `*.adresse` becomes the list of address lines.
    """
    nested: dict[str, Any] = {}
    for column, value in row.items():
        if value == "":
            continue
        parts = column.split(".")
        lower = parts[0].lower()
        parts[0] = CSV_ALIASES.get(lower) or CSV_NAMES.get(lower) or parts[0]
        if parts[-1] == "adresse" and len(parts) == 2:
            value = [line.strip() for line in ADDRESS_LINE_BREAK.split(value)]  # type: ignore[assignment]
        target = nested
        for part in parts[:-1]:
            child = target.setdefault(part, {})
            if not isinstance(child, dict):
                break
            target = child
        else:
            target[parts[-1]] = value
    return nested


def _json_reader(table: str) -> Read:
    def read(path: Path, context: ReadContext) -> Iterator[Record]:
        for line, raw, obj in iter_json_array(path):
            yield to_record(table, line, raw, obj, context)

    return read


def _csv_reader(table: str) -> Read:
    def read(path: Path, context: ReadContext) -> Iterator[Record]:
        for line, row in iter_csv(path, required=("organisasjonsnummer", "navn")):
            raw = orjson.dumps(row).decode()
            yield to_record(table, line, raw, csv_document(row), context)

    return read


read_enheter_json = _json_reader("enhet")
read_underenheter_json = _json_reader("underenhet")
read_enheter_csv = _csv_reader("enhet")
read_underenheter_csv = _csv_reader("underenhet")
