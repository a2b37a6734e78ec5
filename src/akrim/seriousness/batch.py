"""The batch check's files: a buyer's CSV of suppliers in, the facts of each out as CSV.

The supplier file is what a spreadsheet exports: a header naming the organisation-number
column (`organisasjonsnummer`, `orgnr` or `org.nr`), other columns ignored, comma, semicolon or
tab separated; or a bare list of numbers, one a line. Every line with content becomes either a
supplier or a bad line with its line number and reason: nothing is dropped silently (only
lines with no content at all are skipped).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from akrim.ids import InvalidIdentifier, validate_orgnr
from akrim.seriousness.facts import ENHETSREGISTERET
from akrim.seriousness.model import SeriousnessReport

ORGNR_COLUMNS = frozenset({"organisasjonsnummer", "orgnr", "org.nr", "org.nr.", "org nr"})
REPORT_COLUMNS = ("orgnr", "name", "fact", "state", "text_nb", "text_en", "source_register",
                  "source_date")


class SupplierFileError(ValueError):
    """The file as a whole cannot be read: `source` names it, `reason` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class Supplier:
    line: int
    orgnr: str


@dataclass(frozen=True)
class BadLine:
    line: int
    value: str
    reason: str


@dataclass(frozen=True)
class Suppliers:
    suppliers: tuple[Supplier, ...]
    bad: tuple[BadLine, ...]

    @property
    def orgnrs(self) -> list[str]:
        return [supplier.orgnr for supplier in self.suppliers]


def read_suppliers_csv(source: Path | str) -> Suppliers:
    """The suppliers of a CSV file (`Path`) or CSV text (`str`), each line validated with
    `akrim.ids.validate_orgnr`; raises SupplierFileError when there is no organisation-number
    column or the file is not UTF-8 text."""
    name = str(source) if isinstance(source, Path) else "<text>"
    try:
        text = source.read_text(encoding="utf-8-sig") if isinstance(source, Path) \
            else source.removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise SupplierFileError(name, f"not UTF-8 text ({error.reason} at byte "
                                      f"{error.start})") from error
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    column: int | None = None
    suppliers: list[Supplier] = []
    bad: list[BadLine] = []
    seen: dict[str, int] = {}
    for row in reader:
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if column is None:
            column = _orgnr_column(name, reader.line_num, cells)
            if column >= 0:
                continue  # the header
            column = 0  # a bare list: this line is the first supplier
        value = cells[column] if column < len(cells) else ""
        reason = _problem(value, seen)
        if reason is not None:
            bad.append(BadLine(reader.line_num, value, reason))
            continue
        orgnr = validate_orgnr(value)
        seen[orgnr] = reader.line_num
        suppliers.append(Supplier(reader.line_num, orgnr))
    if column is None:
        raise SupplierFileError(name, "no suppliers: the file is empty")
    return Suppliers(tuple(suppliers), tuple(bad))


def _orgnr_column(name: str, line: int, cells: list[str]) -> int:
    """The header's organisation-number column, or -1 when the first line is already a valid
    organisation number (a bare list)."""
    for index, cell in enumerate(cells):
        if cell.lower() in ORGNR_COLUMNS:
            return index
    try:
        validate_orgnr(cells[0])
    except InvalidIdentifier:
        raise SupplierFileError(name, f"line {line}: no column named organisasjonsnummer "
                                      f"(or orgnr), and {cells[0]!r} is not an organisation "
                                      f"number") from None
    return -1


def _problem(value: str, seen: dict[str, int]) -> str | None:
    if not value:
        return "organisation number missing"
    try:
        orgnr = validate_orgnr(value)
    except InvalidIdentifier as error:
        return error.reason
    if orgnr in seen:
        return f"organisation number {orgnr} already on line {seen[orgnr]}"
    return None


def write_report_csv(out: TextIO, results: Sequence[tuple[str, SeriousnessReport | None]],
                     bad: Sequence[BadLine] = ()) -> None:
    """One row per fact of each supplier (as `check_many` returns them), a row for each
    supplier the store does not know, and a row for each bad input line."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for orgnr, report in results:
        if report is None:
            writer.writerow(_safe([orgnr, "", "registration", "unknown",
                                   "Ikke funnet i Enhetsregisteret slik det er lastet",
                                   "Not found in the Central Coordinating Register as loaded",
                                   ENHETSREGISTERET, ""]))
            continue
        for fact in report.facts:
            writer.writerow(_safe([
                report.orgnr, report.name or "", fact.key, fact.state, fact.text_nb,
                fact.text_en, fact.source_register,
                fact.source_date.isoformat() if fact.source_date else ""]))
    for line in bad:
        writer.writerow(_safe([line.value, "", "input", "unknown",
                               f"Linje {line.line} ble ikke sjekket: {line.reason}",
                               f"Line {line.line} was not checked: {line.reason}", "", ""]))


def _safe(cells: list[str]) -> list[str]:
    """Cells a spreadsheet would run as a formula (=, +, -, @) are quoted with an apostrophe:
    the uploaded values come back in the download."""
    return [f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell for cell in cells]
