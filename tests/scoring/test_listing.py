"""The priority list as the analysts' page reads it: filter values the list holds, filtered
pages with reasons, and the counts behind the overview (on the scene of scoring/scene.py)."""

from __future__ import annotations

import pytest

from akrim.scoring.listing import (
    Filters,
    UnknownFilterValue,
    filter_values,
    indicator_counts,
    listing,
    resolve,
)
from akrim.scoring.priority import Entry, top
from akrim.store.engine import Store
from scoring.scene import Scene


def every_entry(store: Store) -> list[Entry]:
    return top(store, 1000)


def test_filter_values_are_what_the_list_holds(store: Store, scene: Scene) -> None:
    values = {name: {v.value: v.entries for v in found}
              for name, found in filter_values(store).items()}
    entries = every_entry(store)

    def held(attribute: str) -> dict[str, int]:
        counted: dict[str, int] = {}
        for entry in entries:
            for value in getattr(entry, attribute):
                counted[value] = counted.get(value, 0) + 1
        return counted

    # A and E are in Bergen, B in Oslo: no other centre is offered
    assert values["region"] == held("regions") and set(values["region"]) == {"Bergen", "Oslo"}
    assert values["indicator"] == held("indicators")
    assert values["actor_type"] == {"company": 3, "person": 1, "cluster": 1}
    assert "construction" in values["industry"] and "cleaning" not in values["industry"]
    assert [v.value for v in filter_values(store)["actor_type"]] == ["company", "person",
                                                                     "cluster"]


@pytest.mark.parametrize("name", ["region", "industry", "agency", "actor_type"])
def test_a_filter_lists_what_top_lists(store: Store, scene: Scene, name: str) -> None:
    for value in filter_values(store)[name]:
        filters = Filters(**{name: value.value})
        page = listing(store, filters)
        expected = top(store, 1000, **{name: value.value})
        assert [(r.actor_type, r.id) for r in page.rows] == [(e.actor_type, e.id)
                                                             for e in expected]
        assert page.total == len(expected) == value.entries


def test_the_indicator_filter(store: Store, scene: Scene) -> None:
    page = listing(store, Filters(indicator="IND-01"))
    assert page.rows and page.total == len(page.rows)
    assert all("IND-01" in [r.indicator for r in row.reasons] for row in page.rows)
    listed = {(e.actor_type, e.id) for e in every_entry(store) if "IND-01" in e.indicators}
    assert {(r.actor_type, r.id) for r in page.rows} == listed
    assert (("company", scene.a) in listed and ("company", scene.b) not in listed)


def test_filters_combine(store: Store, scene: Scene) -> None:
    page = listing(store, Filters(region="Bergen", actor_type="company", indicator="IND-17"))
    assert [r.id for r in page.rows] == [scene.e]  # B has the same hits, in Oslo


def test_rows_carry_rank_name_and_the_reasons_of_priority(store: Store, scene: Scene) -> None:
    rows = listing(store, Filters()).rows
    entries = every_entry(store)
    assert [r.rank for r in rows] == list(range(1, len(entries) + 1))
    for row, entry in zip(rows, entries, strict=True):
        assert (row.actor_type, row.id, row.name, row.score, row.members) == (
            entry.actor_type, entry.id, entry.name, entry.score, entry.members)
        assert [(r.indicator, r.weight, r.evidence_rows) for r in row.reasons] == [
            (r["indicator"], r["weight"], r["evidence_rows"]) for r in entry.reasons]


def test_pages_split_the_list_and_keep_the_total(store: Store, scene: Scene) -> None:
    whole = listing(store, Filters())
    pages = [listing(store, Filters(), 2, offset) for offset in range(0, whole.total, 2)]
    assert [row for page in pages for row in page.rows] == whole.rows
    assert {page.total for page in pages} == {whole.total}
    assert [len(page.rows) for page in pages][:-1] == [2] * (len(pages) - 1)
    # a rank on a filtered page is still the place on the whole list
    assert [r.rank for r in listing(store, Filters(region="Oslo")).rows] == [
        r.rank for r in whole.rows if r.id == scene.b]


def test_resolve_matches_without_regard_to_case(store: Store, scene: Scene) -> None:
    values = filter_values(store)
    assert resolve({"region": " bergen ", "agency": "", "indicator": None}, values) == Filters(
        region="Bergen")
    with pytest.raises(UnknownFilterValue) as raised:
        resolve({"region": "Narvik"}, values)
    assert (raised.value.name, raised.value.value, raised.value.valid) == (
        "region", "Narvik", ["Bergen", "Oslo"])


def test_filters_given_are_the_ones_set() -> None:
    assert Filters(region="Oslo", indicator="IND-01").given() == {"region": "Oslo",
                                                                 "indicator": "IND-01"}
    assert Filters().given() == {}


def test_indicator_counts(store: Store, scene: Scene) -> None:
    counts = {c.indicator: c for c in indicator_counts(store)}
    statuses = dict(store.rows("SELECT indicator_id, status FROM indicator_status"))
    assert set(counts) == set(statuses)
    assert all(c.status == statuses[c.indicator] for c in counts.values())
    # IND-17 (tips) hits B, D and E, listed or not (D's tip alone does not list it)
    assert counts["IND-17"].hits == 3
    listed = {i: sum(i in e.indicators for e in every_entry(store)) for i in counts}
    assert {i: c.listed for i, c in counts.items()} == listed
    assert counts["IND-01"].listed >= 1
