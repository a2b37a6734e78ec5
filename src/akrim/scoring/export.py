"""The priority list as a download: one table, written as CSV or as an Excel workbook, with
the names and the reasons whole, headers and indicator titles in the reader's language.

The CSV file is UTF-8 with a byte order mark, comma-separated (RFC 4180), numbers with a
decimal point: without the mark Excel reads UTF-8 as Windows-1252 and garbles Kjærnes and
Mărginean; Python reads it with `encoding="utf-8-sig"`. Excel in a Norwegian locale expects
semicolons in a CSV file, so the workbook is the download meant for Excel; the CSV file is for
other programs.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO, TextIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from akrim.i18n import Lang, add_messages, t
from akrim.indicators.catalogue import by_id
from akrim.scoring.listing import Row

add_messages({
    "priority_export.sheet": ("Prioriteringsliste", "Priority list"),
    "priority_export.col.id": ("ID", "ID"),
    "priority_export.col.members": ("Medlemmer", "Members"),
    "priority_export.col.indicators": ("Indikatorer", "Indicators"),
    "priority_export.reason": ("{indicator} {title} (vekt {weight:g}, bevisrader: {evidence})",
                      "{indicator} {title} (weight {weight:g}, evidence rows: {evidence})"),
})

Cell = str | int | float
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet run a CSV cell as a formula (a company name could start so)."""


def header(lang: Lang) -> list[str]:
    return [t(key, lang) for key in (
        "col.rank", "col.actor", "priority_export.col.id", "col.name", "col.score",
        "priority_export.col.members", "priority_export.col.indicators", "col.reasons")]


def reason_text(indicator: str, weight: float, evidence_rows: int, lang: Lang) -> str:
    return t("priority_export.reason", lang, indicator=indicator, title=by_id(indicator).text(lang),
             weight=weight, evidence=evidence_rows)


def table(rows: Sequence[Row], lang: Lang) -> list[list[Cell]]:
    """One line per entry: rank, actor type, id, name, score, members, indicator ids, and the
    reasons (strongest first) in words."""
    return [[row.rank, t(f"actor.{row.actor_type}", lang), row.id, row.name or "",
             int(row.score) if float(row.score).is_integer() else row.score,
             ", ".join(row.members), ", ".join(r.indicator for r in row.reasons),
             "; ".join(reason_text(r.indicator, r.weight, r.evidence_rows, lang)
                       for r in row.reasons)]
            for row in rows]


def write_csv(out: TextIO, rows: Sequence[Row], lang: Lang) -> None:
    """`out` is opened with newline="" (the csv module writes its own line ends)."""
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header(lang))
    for line in table(rows, lang):
        writer.writerow([f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS)
                         else cell for cell in line])


def write_xlsx(out: IO[bytes], rows: Sequence[Row], lang: Lang) -> None:
    """Every text cell is stored as text, never as a formula, so names stay as written; the
    control characters a workbook cannot hold (all but tab and line ends) are left out."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(t("priority_export.sheet", lang))
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGH", (6, 10, 13, 40, 8, 30, 20, 90), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.append(header(lang))
    for line in table(rows, lang):
        cells = []
        for value in line:
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"
            else:
                cell = WriteOnlyCell(sheet, value)
            cells.append(cell)
        sheet.append(cells)
    book.save(out)
