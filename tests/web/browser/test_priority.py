"""The priority list in Chromium: a filter chosen and submitted narrows the rows to ones that
match it; the CSV and Excel downloads hold the same rows with names and reasons; and the
overview's charts."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from akrim.scoring.listing import Filters, filter_values, listing
from akrim.store.engine import Store
from web.browser.conftest import screenshot


def shown(page: Any) -> list[tuple[str, str, str]]:
    """(id, name, reasons) of each row on the page."""
    rows = page.locator("table.priority tbody tr")
    return [(row.locator("td").nth(1).locator("a").inner_text(),
             row.locator("td").nth(2).inner_text(),
             row.locator("td").nth(4).inner_text()) for row in rows.all()]


def download(page: Any, link_text: str) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("link", name=link_text).click()
    path = started.value.path()
    return Path(path).read_bytes()


def test_filtering_and_downloading_the_priority_list(analyst_page: Any,
                                                     analysed_dir: Path) -> None:
    page = analyst_page
    with Store(analysed_dir / "akrim.duckdb", read_only=True) as store:
        region = max(filter_values(store)["region"], key=lambda v: v.entries).value
        expected = listing(store, Filters(region=region)).rows
        in_region = {row.id for row in expected}
    page.goto("/analyst/priority")
    before = shown(page)
    page.get_by_label("A-krimsenter").select_option(region)
    page.get_by_role("button", name="Vis").click()
    page.wait_for_url(f"**/analyst/priority?region={region}*")
    after = shown(page)
    assert after != before and 0 < len(after) < len(before)
    assert {id_ for id_, _, _ in after} <= in_region  # every row is in the centre chosen
    assert [id_ for id_, _, _ in after] == [row.id for row in expected]
    screenshot(page, "priority")

    lines = list(csv.reader(io.StringIO(download(page, "CSV (UTF-8)").decode("utf-8-sig"),
                                        newline="")))
    sheet = load_workbook(io.BytesIO(download(page, "Excel"))).active
    assert sheet is not None
    cells = [[str(v) if v is not None else "" for v in line]
             for line in sheet.iter_rows(values_only=True)]
    assert lines == cells  # the same table in both files
    assert [(line[2], line[3]) for line in lines[1:]] == [(id_, name) for id_, name, _ in after]
    for line, (_, _, reasons) in zip(lines[1:], after, strict=True):
        # each reason the page shows (indicator id and title) is in the file, whole
        for shown_reason in reasons.splitlines():
            indicator_and_title = shown_reason.rsplit(" (", 1)[0]
            assert indicator_and_title in line[7]


def test_the_overview(analyst_page: Any) -> None:
    page = analyst_page
    page.goto("/analyst/overview")
    charts = page.get_by_role("img")
    assert charts.count() == 5
    assert page.get_by_role("img", name="Oppføringer per a-krimsenter").is_visible()
    screenshot(page, "overview")
