"""The instrument catalogue: every entry complete and of known values, the seed's column
totals kept, every indicator mapped to instrument groups, and bad entries refused with the
entry and field at fault."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from akrim.cases import catalogue as module
from akrim.cases.catalogue import AGENCIES, FIELDS, CatalogueError, catalogue
from akrim.indicators.catalogue import load
from akrim.ops.users import AGENCIES as USER_AGENCIES


def test_every_instrument_is_complete_and_of_known_values() -> None:
    known = catalogue()
    assert len(known.instruments) == len({i.id for i in known.instruments}) > 70
    for instrument in known.instruments:
        assert instrument.name["nb"] and instrument.name["en"]
        assert instrument.group in known.groups and instrument.speed in known.speeds
        assert instrument.goal in known.goals
        assert instrument.agencies and set(instrument.agencies) <= set(AGENCIES)
        assert instrument.seed.startswith("goal-and-results-management-nb.txt:")
        assert not instrument.inferred or instrument.why
    assert set(AGENCIES) <= set(USER_AGENCIES)
    assert list(known.speeds) == ["immediately", "case_processing", "longer_case_processing",
                                  "continuous"]


def test_only_an_entry_all_four_agencies_tick_is_taken_as_the_seed_says() -> None:
    """The extraction lost which column an x is in: fewer than four agencies is a deduction."""
    for instrument in catalogue().instruments:
        if not instrument.inferred:
            assert instrument.agencies == AGENCIES and instrument.speed != "continuous"


def test_every_goal_and_group_has_instruments() -> None:
    known = catalogue()
    assert {i.goal for i in known.instruments} == set(known.goals)
    assert {i.group for i in known.instruments} == set(known.groups)


def test_the_buyers_table_keeps_the_seeds_column_totals() -> None:
    """Line 505 of the seed: 8 14 5 10, read as politiet, arbeidstilsynet, nav, skatteetaten."""
    ticks = Counter(a for i in catalogue().instruments if i.goal == "buyers" for a in i.agencies)
    assert ticks == {"politiet": 8, "arbeidstilsynet": 14, "nav": 5, "skatteetaten": 10}


def test_every_indicator_calls_for_known_groups() -> None:
    known = catalogue()
    assert set(known.calls) == {indicator.id for indicator in load()}
    for call in known.calls.values():
        assert set(call.groups) <= set(known.groups)
        assert call.why["nb"] and call.why["en"]


def _entry(**changes: Any) -> dict[str, Any]:
    entry = {"id": "x", "name": {"nb": "X", "en": "X"}, "group": "stop",
             "agencies": ["nav"], "speed": "immediately", "goal": "threat_actors",
             "seed": "goal-and-results-management-nb.txt:1", "inferred": False}
    return {**entry, **changes}


@pytest.mark.parametrize(("entry", "field"), [
    *[(_entry(**{field: None}), field) for field in FIELDS],
    (_entry(group="take_value"), "group"),
    (_entry(speed="soon"), "speed"),
    (_entry(goal="everyone"), "goal"),
    (_entry(agencies=["tolletaten"]), "agencies"),
    (_entry(agencies=["nav", "nav"]), "agencies"),
    (_entry(name={"nb": "X"}), "name"),
    (_entry(inferred="yes"), "inferred"),
    (_entry(inferred=True), "why"),
    (_entry(seed="somewhere"), "seed"),
])
def test_a_bad_entry_is_refused_naming_its_field(
        monkeypatch: pytest.MonkeyPatch, entry: dict[str, Any], field: str) -> None:
    raw = module._read("instruments.yaml")
    raw = {**raw, "instruments": [entry]}
    monkeypatch.setattr(module, "_read", lambda name: raw if name == "instruments.yaml"
                        else {})
    catalogue.cache_clear()
    try:
        with pytest.raises(CatalogueError) as refused:
            catalogue()
        assert refused.value.values["field"] == field
        assert f"field {field}" in refused.value.message("en")
    finally:
        catalogue.cache_clear()
