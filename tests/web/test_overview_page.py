"""The overview page on the analysed tiny bundle: a chart with its table of numbers per region,
industry, actor type and indicator, and the indicators' states; counts only, nobody named."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from akrim.ops.db import audit_log, connect
from akrim.scoring.listing import Filters, filter_values, indicator_counts, listing
from akrim.settings import Settings
from akrim.store.engine import Store
from web.conftest import signed_in_client


@pytest.fixture(scope="module")
def analysed(analysed_dir: Path) -> Iterator[Store]:
    opened = Store(analysed_dir / "akrim.duckdb", read_only=True)
    yield opened
    opened.close()


def table_of(page: str, caption: str) -> list[list[str]]:
    """The body rows of the table with `caption`, as texts."""
    found = [m.group(2) for m in re.finditer(r"<caption>(.*?)</caption>(.*?)</table>", page,
                                             re.S) if html.unescape(m.group(1)) == caption]
    assert len(found) == 1, f"no table {caption!r}"
    body = found[0].split("<tbody>")[1]
    return [[html.unescape(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_each_chart_has_a_title_a_description_and_its_numbers(analyst: TestClient,
                                                                analysed: Store) -> None:
    page = analyst.get("/analyst/overview").text
    charts = re.findall(r'<svg [^>]*role="img"[^>]*aria-labelledby="([\w-]+)-title \1-desc"',
                        page)
    assert charts == ["chart-region", "chart-industry", "chart-actor_type", "chart-indicator",
                      "chart-states"]
    for chart in charts:
        assert f'<title id="{chart}-title">' in page and f'<desc id="{chart}-desc">' in page
    values = filter_values(analysed)
    regions = table_of(page, "Oppføringer per a-krimsenter")
    assert {(name, int(n)) for name, n in regions} == {(v.value, v.entries)
                                                       for v in values["region"]}
    assert [int(n) for _, n in regions] == sorted((int(n) for _, n in regions), reverse=True)
    industries = dict(table_of(page, "Oppføringer per bransje"))
    assert len(industries) == len(values["industry"]) and "Bygg og anlegg" in industries
    total = listing(analysed, Filters()).total
    assert f"Prioriteringslisten har {total} oppføringer." in page


def test_indicator_hits_entries_and_states(analyst: TestClient, analysed: Store) -> None:
    page = analyst.get("/analyst/overview", params={"lang": "en"}).text
    counts = indicator_counts(analysed)
    rows = table_of(page, "Hits and entries per indicator")
    assert [(r[0], int(r[1]), int(r[2])) for r in rows] == [(c.indicator, c.hits, c.listed)
                                                            for c in counts]
    states = {row[0]: (int(row[1]), row[2]) for row in table_of(page, "The indicators' states")}
    insufficient = [c for c in counts if c.status == "insufficient_data"]
    assert states["Insufficient data"][0] == len(insufficient) > 0
    assert all(f"{c.indicator} ({c.reason})" in states["Insufficient data"][1]
               for c in insufficient)
    assert states["Assessed, with hits"][0] == sum(
        1 for c in counts if c.status == "assessed" and c.hits)
    assert sum(n for n, _ in states.values()) == len(counts)


def test_nobody_is_named_and_nothing_is_audited(analysed_copy: Path) -> None:
    client = signed_in_client(analysed_copy)
    engine = connect(Settings(data_dir=analysed_copy))
    with engine.connect() as con:
        before = con.execute(select(func.count()).select_from(audit_log)).scalar_one()
    page = client.get("/analyst/overview").text
    with engine.connect() as con:
        after = con.execute(select(func.count()).select_from(audit_log)).scalar_one()
    assert after == before
    with Store(analysed_copy / "akrim.duckdb", read_only=True) as opened:
        persons = listing(opened, Filters(actor_type="person")).rows
    assert persons and not any(html.escape(row.name or row.id) in page for row in persons)
    assert not any(row.id in page for row in persons)
