"""The priority list page and its downloads, on the analysed tiny bundle: filters offer the
values the list holds, every row shown matches them, the downloads hold the same rows with
names and reasons, and every view and download is audited."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from akrim.indicators.catalogue import by_id
from akrim.ops.db import audit_log, connect
from akrim.scoring.listing import Filters, filter_values, listing
from akrim.settings import Settings
from akrim.store.engine import Store
from akrim.web.app import create_app
from akrim.web.pages import priority
from web.conftest import ANALYST, signed_in_client


@pytest.fixture(scope="module")
def analysed(analysed_dir: Path) -> Iterator[Store]:
    """The analysed store the pages read, for what they should show."""
    opened = Store(analysed_dir / "akrim.duckdb", read_only=True)
    yield opened
    opened.close()


def shown_ids(page: str) -> list[str]:
    return re.findall(r'<a href="/analyst/actor/([^"]+)">', page)


def offered(page: str, name: str) -> list[str]:
    select_ = re.search(rf'<select id="f-{name}" name="{name}">(.*?)</select>', page, re.S)
    assert select_, f"no select for {name}"
    return [html.unescape(v) for v in re.findall(r'<option value="([^"]*)"', select_.group(1))]


def test_the_page_offers_the_values_the_list_holds(analyst: TestClient, analysed: Store) -> None:
    page = analyst.get("/analyst/priority").text
    for name, values in filter_values(analysed).items():
        assert sorted(offered(page, name)) == sorted(["", *(v.value for v in values)])
        assert f'<label for="f-{name}">' in page
    assert "Bygg og anlegg (" in page  # an industry by its name, with its number of entries
    every = listing(analysed, Filters())
    assert shown_ids(page) == [row.id for row in every.rows[:priority.PAGE_SIZE]]
    first = every.rows[0]
    assert html.escape(by_id(first.reasons[0].indicator).text("nb")) in page
    assert f"(vekt {first.reasons[0].weight:g})" in page


def test_every_row_shown_matches_the_filter(analyst: TestClient, analysed: Store) -> None:
    region = max(filter_values(analysed)["region"], key=lambda v: v.entries)
    page = analyst.get("/analyst/priority", params={"region": region.value.upper()}).text
    expected = listing(analysed, Filters(region=region.value)).rows
    assert 0 < len(expected) < listing(analysed, Filters()).total
    assert shown_ids(page) == [row.id for row in expected]
    assert re.search(rf'<option value="{region.value}" selected>', page)
    assert f"priority.csv?region={region.value}" in page


def test_the_indicator_filter_and_a_combination(analyst: TestClient, analysed: Store) -> None:
    indicator = filter_values(analysed)["indicator"][0].value
    page = analyst.get("/analyst/priority", params={"indicator": indicator,
                                                    "actor_type": "company"}).text
    expected = listing(analysed, Filters(indicator=indicator, actor_type="company")).rows
    assert expected and shown_ids(page) == [row.id for row in expected]
    assert all(row.actor_type == "company" for row in expected)


def test_an_unknown_value_names_the_valid_ones(analyst: TestClient, analysed: Store) -> None:
    answer = analyst.get("/analyst/priority", params={"region": "Atlantis"})
    assert answer.status_code == 422
    assert "«Atlantis»" in answer.text
    assert all(v.value in answer.text for v in filter_values(analysed)["region"])
    assert analyst.get("/analyst/priority.csv", params={"agency": "NSA"}).status_code == 422


def test_pages(analyst: TestClient, analysed: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(priority, "PAGE_SIZE", 10)
    every = [row.id for row in listing(analysed, Filters()).rows]
    pages = -(-len(every) // 10)
    seen = []
    for number in range(1, pages + 1):
        page = analyst.get("/analyst/priority", params={"page": number}).text
        seen += shown_ids(page)
        assert f"Side {number} av {pages}" in page
    assert seen == every
    past = analyst.get("/analyst/priority", params={"page": pages + 1}).text
    assert shown_ids(past) == every[(pages - 1) * 10:]  # the last page
    assert analyst.get("/analyst/priority", params={"page": 0}).status_code == 422


def read_csv(answer_content: bytes) -> list[list[str]]:
    assert answer_content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(answer_content.decode("utf-8-sig"), newline="")))


def test_the_downloads_hold_the_filtered_rows(analyst: TestClient, analysed: Store) -> None:
    agency = filter_values(analysed)["agency"][0].value
    expected = listing(analysed, Filters(agency=agency)).rows
    answer = analyst.get("/analyst/priority.csv", params={"agency": agency})
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="akrim-priority-\d{4}-\d\d-\d\d\.csv"',
                        answer.headers["content-disposition"])
    lines = read_csv(answer.content)
    assert lines[0][:4] == ["Plass", "Aktør", "ID", "Navn"]
    assert [line[2] for line in lines[1:]] == [row.id for row in expected]
    assert [line[3] for line in lines[1:]] == [row.name or "" for row in expected]
    assert all(line[7].count("IND-") == len(row.reasons)
               for line, row in zip(lines[1:], expected, strict=True))

    workbook = analyst.get("/analyst/priority.xlsx", params={"agency": agency, "lang": "en"})
    assert workbook.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0][:4] == ("Rank", "Actor", "ID", "Name")
    assert [c[2] for c in cells[1:]] == [row.id for row in expected]
    assert [c[7] or "" for c in cells[1:]] == [
        "; ".join(f"{r.indicator} {by_id(r.indicator).text('en')} (weight {r.weight:g}, "
                  f"evidence rows: {r.evidence_rows})" for r in row.reasons)
        for row in expected]


def test_views_and_downloads_are_audited(analysed_copy: Path) -> None:
    client = signed_in_client(analysed_copy)
    client.get("/analyst/priority")
    client.get("/analyst/priority", params={"region": "bergen", "actor_type": ""})
    client.get("/analyst/priority.csv", params={"actor_type": "person"})
    client.get("/analyst/priority.xlsx")
    with connect(Settings(data_dir=analysed_copy)).connect() as con:
        logged = [(row.user_name, row.action, row.subject)
                  for row in con.execute(select(audit_log).order_by(audit_log.c.id))]
    assert logged[-4:] == [(ANALYST, "priority", "all"), (ANALYST, "priority", "region=Bergen"),
                           (ANALYST, "priority.csv", "actor_type=person"),
                           (ANALYST, "priority.xlsx", "all")]


def test_sign_in_is_required(analysed_dir: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=analysed_dir)))
    for path in ("/analyst/priority", "/analyst/priority.csv", "/analyst/priority.xlsx"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code in (303, 307) and "/login" in answer.headers["location"]

