"""`akrim evaluate`: recall, precision and false positives against a truth file
(`akrim.scoring.evaluate` and docs/indicators.md §4 define them), checked against numbers
worked out by hand on priority lists written by hand. The list is written rather than scored
so that each definition is pinned whatever the weights and rules of the list
(`tests/scoring/test_priority.py` tests those); the persons are resolved as `akrim link` does
(`indicators.toolkit.link_identity`), so truth d-numbers go through the real `person_alias`.
`tests/scoring/test_recall.py` evaluates a list the whole analysis made."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from akrim.scoring.evaluate import evaluate
from akrim.store.engine import Store
from indicators.toolkit import (
    add_enhet,
    add_person,
    dnr,
    fnr,
    insert,
    link_identity,
    org,
)


def _truth(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        entry.setdefault("period", {"from": "2025-07-01", "to": "2025-12-31"})
        entry.setdefault("evidence", "test")
    (path / "schemes.json").write_text(json.dumps(entries, indent=2), encoding="utf-8")
    return path


def _old_d_number(store: Store, person: str, n: int) -> str:
    """An earlier d-number of `person` in Folkeregisteret's history (person_alias finds it)."""
    number = dnr(n)
    insert(store, "person_identifikator", {"identifikasjonsnummer": person,
                                           "identifikator": number,
                                           "identifikatortype": "dNummer",
                                           "status": "opphoert"})
    return number


def _list(store: Store, entries: Sequence[tuple[str, str, Sequence[str]]]) -> None:
    """The priority list in the columns `evaluate` reads from the `priority_entry` that
    `akrim.scoring.priority` writes: each entry (actor_type, internal id, members), in the
    order given (rank 1 first)."""
    store.execute("CREATE OR REPLACE TABLE priority_entry (actor_type VARCHAR, "
                  "internal_id VARCHAR, members VARCHAR[], rank BIGINT)")
    store.execute_many("INSERT INTO priority_entry VALUES (?, ?, ?, ?)",
                       [(*entry, rank) for rank, entry in enumerate(entries, start=1)])


class Actors:
    """248 current enheter and 2 registered persons: 250 actors, so the top 1 % is 3 entries and
    the top 0.25 % is 1. F and F2 facilitate for clients C1 and C2; X is run by person Per;
    Y shares a cluster with Fia, who works for F (her old d-number is in the truth); B is
    background, W a benign look-alike."""

    def __init__(self, store: Store) -> None:
        self.f, self.f2, self.c1, self.c2, self.x, self.y, self.b, self.w = (
            add_enhet(store, org(n)) for n in range(1, 9))
        for n in range(240):
            add_enhet(store, org(100 + n), "62.100")
        self.fia = add_person(store, fnr(1), "Fia", "Fasilitator")
        self.per = add_person(store, fnr(2), "Per", "Pådriver")
        self.fia_old_number = _old_d_number(store, self.fia, 1)
        link_identity(store)
        self.cluster = "C0000001"


@pytest.fixture
def actors(store: Store) -> Actors:
    return Actors(store)


def test_each_definition_on_a_list_written_by_hand(store: Store, tmp_path: Path,
                                                   actors: Actors) -> None:
    a = actors
    _list(store, [
        ("company", a.c1, []),  # rank 0: a client, the core of one scheme and not of two others
        ("person", a.per, [a.x]),  # Per, listed for X's hits; Per is in no truth
        ("cluster", a.cluster, [a.fia, a.y]),  # Fia (core of a facilitator) and Y (benign)
        ("company", a.x, []),  # rank 3: outside the top 1 %
        ("company", a.b, []),  # background
        ("company", a.w, []),  # a benign look-alike, outside the top 1 %
    ])
    truth = _truth(tmp_path / "truth", [
        # its client C1 at rank 0 does not find it; Fia, a cluster member at rank 2, does
        {"scheme": "facilitator", "variant": "accountant", "benign": False,
         "organisasjonsnummer": [a.f, a.c1, a.c2], "persons": [a.fia_old_number],
         "core": {"organisasjonsnummer": [a.f], "persons": [a.fia_old_number]}},
        # F2 is not listed; C1 (rank 0) is its client, not its core: lost
        {"scheme": "facilitator", "variant": "lawyer", "benign": False,
         "organisasjonsnummer": [a.f2, a.c1], "persons": [],
         "core": {"organisasjonsnummer": [a.f2]}},
        # X's hits put Per at rank 1, but X itself is at rank 3: not within the top 3
        {"scheme": "below_minimum_wage", "benign": False,
         "organisasjonsnummer": [a.x], "persons": []},
        # no "core": every actor is core, so C1 at rank 0 finds it
        {"scheme": "repeat_bankruptcy", "benign": False,
         "organisasjonsnummer": [a.c1], "persons": []},
        # Y is a member of the cluster at rank 2: flagged
        {"scheme": "honest_bankruptcy", "benign": True,
         "organisasjonsnummer": [a.y], "persons": []},
        # W at rank 5: not flagged
        {"scheme": "large_staffing_agency", "benign": True,
         "organisasjonsnummer": [a.w], "persons": []},
    ])

    result = evaluate(store, truth)

    assert (result.actors, result.list_length) == (250, 6)
    assert (result.top_k, result.top_k_is_whole_list, result.top_0_25pct) == (3, False, 1)
    assert result.schemes == {
        "below_minimum_wage": {"recall_top_1pct": 0.0, "recall_top_0_25pct": 0.0,
                               "recall_top_1000": 1.0},
        "facilitator": {"recall_top_1pct": 0.5, "recall_top_0_25pct": 0.0,
                        "recall_top_1000": 0.5},
        "repeat_bankruptcy": {"recall_top_1pct": 1.0, "recall_top_0_25pct": 1.0,
                              "recall_top_1000": 1.0},
    }
    assert result.variants == {"below_minimum_wage": {"default": 0.0},
                               "facilitator": {"accountant": 1.0, "lawyer": 0.0},
                               "repeat_bankruptcy": {"default": 1.0}}
    assert result.instances == {"below_minimum_wage": {"default": 1},
                                "facilitator": {"accountant": 1, "lawyer": 1},
                                "repeat_bankruptcy": {"default": 1}}
    # precision at 6: C1 (three schemes, counted once), the cluster (Fia) and X are true; Per
    # (his carried X is not named), B (background) and W (benign) are false: 3 / 6
    assert (result.precision_k, result.precision_at_100) == (6, 0.5)
    # in the top 3 only Per names no actor of a scheme
    assert (result.false_positives, result.false_positive_rate) == (1, 0.3333)
    assert (result.benign_flagged, result.benign_instances,
            result.benign_false_positive_rate) == (1, 2, 0.5)
    assert result.as_json() == {
        "schemes": result.schemes, "variants": result.variants,
        "instances": result.instances, "actors": 250, "list_length": 6, "top_k": 3,
        "top_k_is_whole_list": False, "top_0_25pct": 1, "precision_at_100": 0.5,
        "precision_k": 6, "false_positive_rate": 0.3333, "false_positives": 1,
        "benign_false_positive_rate": 0.5, "benign_flagged": 1, "benign_instances": 2}
    # the file itself is read as well as its folder
    assert evaluate(store, truth / "schemes.json") == result


@pytest.mark.parametrize(("length", "top_k", "whole_list", "recall", "false_positives"),
                         [(2, 2, True, 1.0, 1), (3, 3, True, 1.0, 2), (4, 3, False, 0.0, 3)])
def test_the_top_1pct_is_never_longer_than_the_list(store: Store, tmp_path: Path,
                                                    actors: Actors, length: int, top_k: int,
                                                    whole_list: bool, recall: float,
                                                    false_positives: int) -> None:
    a = actors
    # 1 % of 250 actors is 3 entries; the one bad actor, X, is last on each list
    _list(store, [("company", a.b, []), ("company", a.w, []), ("company", a.y, [])][:length - 1]
          + [("company", a.x, [])])
    truth = _truth(tmp_path / "truth", [
        {"scheme": "below_minimum_wage", "benign": False,
         "organisasjonsnummer": [a.x], "persons": []}])

    result = evaluate(store, truth)

    assert (result.list_length, result.top_k, result.top_k_is_whole_list,
            result.top_0_25pct) == (length, top_k, whole_list, 1)
    assert result.schemes["below_minimum_wage"]["recall_top_1pct"] == recall
    assert (result.precision_k, result.precision_at_100) == (length, round(1 / length, 4))
    assert result.false_positives == false_positives


def test_an_empty_list_finds_nothing(store: Store, tmp_path: Path, actors: Actors) -> None:
    _list(store, [])
    truth = _truth(tmp_path / "truth", [
        {"scheme": "below_minimum_wage", "benign": False,
         "organisasjonsnummer": [actors.x], "persons": []},
        {"scheme": "honest_bankruptcy", "benign": True,
         "organisasjonsnummer": [actors.y], "persons": []}])

    result = evaluate(store, truth)

    assert (result.list_length, result.top_k, result.top_k_is_whole_list,
            result.top_0_25pct, result.precision_k) == (0, 0, True, 0, 0)
    assert result.schemes == {"below_minimum_wage": {"recall_top_1pct": 0.0,
                                                     "recall_top_0_25pct": 0.0,
                                                     "recall_top_1000": 0.0}}
    assert (result.precision_at_100, result.false_positive_rate,
            result.benign_false_positive_rate) == (0.0, 0.0, 0.0)
