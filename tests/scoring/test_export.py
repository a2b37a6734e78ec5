"""The priority list's downloads: one table as CSV (UTF-8 with a BOM) and as an Excel workbook,
names and reasons whole, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from akrim.i18n import Lang
from akrim.indicators.catalogue import by_id
from akrim.scoring.export import header, table, write_csv, write_xlsx
from akrim.scoring.listing import Reason, Row

ROWS = [
    Row(1, "cluster", "C0000001", "Per Kjærnes, TRE TAK AS", 100.0, ["21129134175", "975564908"],
        [Reason("IND-06", 80.0, 2), Reason("IND-15", 20.0, 1)]),
    Row(7, "company", "975564908", "TRE TAK AS", 17.5, [], [Reason("IND-17", 17.5, 3)]),
    Row(9, "person", "21129134175", "Vasile Mărginean", 60.0, [], []),
]


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def csv_bytes(rows: list[Row], lang: Lang = "nb") -> bytes:
    out = io.StringIO(newline="")
    write_csv(out, rows, lang)
    return out.getvalue().encode("utf-8")


def xlsx_rows(rows: list[Row], lang: Lang = "nb") -> list[list[object]]:
    out = io.BytesIO()
    write_xlsx(out, rows, lang)
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet is not None
    return [["" if v is None else v for v in line] for line in sheet.iter_rows(values_only=True)]


def test_the_table_holds_names_and_reasons_whole() -> None:
    cluster, company, person = table(ROWS, "nb")
    assert cluster[:6] == [1, "Klynge", "C0000001", "Per Kjærnes, TRE TAK AS", 100,
                           "21129134175, 975564908"]
    assert cluster[6] == "IND-06, IND-15"
    assert cluster[7] == (f"IND-06 {by_id('IND-06').text('nb')} (vekt 80, bevisrader: 2); "
                          f"IND-15 {by_id('IND-15').text('nb')} (vekt 20, bevisrader: 1)")
    assert company[4] == 17.5 and person[7] == ""
    assert table(ROWS, "en")[1][7] == f"IND-17 {by_id('IND-17').text('en')} " \
                                      "(weight 17.5, evidence rows: 3)"


def test_csv_and_workbook_hold_the_same_rows() -> None:
    expected = [header("nb"), *table(ROWS, "nb")]
    assert read_csv(csv_bytes(ROWS)) == [[str(cell) for cell in line] for line in expected]
    assert xlsx_rows(ROWS) == expected
    assert xlsx_rows(ROWS, "en")[0][:4] == ["Rank", "Actor", "ID", "Name"]


def test_a_name_that_looks_like_a_formula_stays_text() -> None:
    rows = [Row(1, "company", "975564908", "=HYPERLINK(\"x\")", 10.0, [], [])]
    assert read_csv(csv_bytes(rows))[1][3] == "'=HYPERLINK(\"x\")"
    out = io.BytesIO()
    write_xlsx(out, rows, "nb")
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet is not None
    assert (sheet["D2"].value, sheet["D2"].data_type) == ("=HYPERLINK(\"x\")", "s")


@given(st.text(min_size=1, max_size=40))
def test_any_name_comes_back_from_both_files(name: str) -> None:
    rows = [Row(1, "company", "975564908", name, 10.0, [], [])]
    from_csv = read_csv(csv_bytes(rows))[1][3]
    assert from_csv == (f"'{name}" if name[0] in "=+-@\t\r" else name)
    # a workbook cannot hold control characters other than tab and line ends
    kept = "".join(c for c in name if c >= " " or c in "\t\n\r")
    assert xlsx_rows(rows)[1][3] == kept
