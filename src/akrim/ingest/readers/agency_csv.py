"""Registers with no public format: HMS cards, published stop decisions, inspections and tips.

Each is a CSV file with a header row (`,` or `;`), UTF-8, dates as YYYY-MM-DD; the columns are
documented in docs/data-formats.md. A column is declared once here with the check it must pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from akrim.ingest.checks import Checker
from akrim.ingest.records import Read, ReadContext, Record
from akrim.ingest.sources import iter_csv

Column = tuple[str, str, bool]
"""(CSV column = table column, check: text|orgnr|person|date, required)."""

LAYOUTS: dict[str, tuple[Column, ...]] = {
    "hms_kort": (
        ("kortnummer", "text", True),
        ("identifikasjonsnummer", "person", False),
        ("fornavn", "text", False),
        ("etternavn", "text", False),
        ("foedselsdato", "date", False),
        ("arbeidsgiver", "orgnr", False),
        ("utstedt", "date", False),
        ("gyldig_til", "date", False),
        ("status", "text", False),
    ),
    "stansingsvedtak": (
        ("vedtak_id", "text", True),
        ("organisasjonsnummer", "orgnr", True),
        ("etat", "text", False),
        ("vedtaksdato", "date", True),
        ("hjemmel", "text", False),
        ("begrunnelse", "text", False),
        ("opphevet_dato", "date", False),
    ),
    "tilsyn": (
        ("tilsyn_id", "text", True),
        ("organisasjonsnummer", "orgnr", False),
        ("etat", "text", False),
        ("tilsynsdato", "date", True),
        ("tema", "text", False),
        ("funn", "text", False),
        ("reaksjon", "text", False),
        ("adresse", "text", False),
    ),
    "tips": (
        ("tips_id", "text", True),
        ("mottatt_dato", "date", True),
        ("etat", "text", False),
        ("organisasjonsnummer", "orgnr", False),
        ("virksomhetsnavn", "text", False),
        ("personnavn", "text", False),
        ("adresse", "text", False),
        ("kategori", "text", False),
        ("beskrivelse", "text", False),
    ),
}


def _value(check: Checker, kind: str, value: Any, column: str, required: bool) -> Any:
    if kind == "orgnr":
        return check.orgnr(value, column, required=required)
    if kind == "person":
        return check.person_id(value, column, required=required)
    if kind == "date":
        return check.date(value, column, required=required)
    if required:
        check.required(value, column)
    return check.text(value, column)


def _reader(table: str) -> Read:
    layout = LAYOUTS[table]
    required = tuple(column for column, _, needed in layout if needed)

    def read(path: Path, context: ReadContext) -> Iterator[Record]:
        for line, row in iter_csv(path, required=required):
            record = Record(line, orjson.dumps(row).decode())
            check = Checker(line, allow_synthetic=context.allow_synthetic)
            values = tuple(
                _value(check, kind, row.get(column), column, needed)
                for column, kind, needed in layout
            )
            record.add(check, [(table, values)])
            yield record

    return read


read_hms_kort = _reader("hms_kort")
read_stansingsvedtak = _reader("stansingsvedtak")
read_tilsyn = _reader("tilsyn")
read_tips = _reader("tips")
