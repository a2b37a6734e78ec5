"""`akrim evaluate`: recall, precision and benign false positives against a truth file
(docs/synthetic-data.md §4), checked against numbers worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from akrim.scoring.evaluate import evaluate
from akrim.scoring.priority import top
from akrim.store.engine import Store
from indicators.toolkit import add_enhet, add_tilsyn, dnr, insert, org
from scoring.scene import Scene, plant, score


def _truth(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        entry.setdefault("period", {"from": "2025-07-01", "to": "2025-12-31"})
        entry.setdefault("evidence", "test")
    (path / "schemes.json").write_text(json.dumps(entries, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def ranked(store: Store) -> tuple[Scene, str, str]:
    """The scene, plus company G with an inspection finding (10), Dag's earlier d-number, and
    filler units so that the store holds 151 actors: the top 1 % is 2 entries."""
    scene = plant(store)
    g = add_enhet(store, org(4), "43.210", kommunenummer="0301", navn="G BYGG AS")
    add_tilsyn(store, "I1", g, "Avvik: arbeidstid", "Pålegg")
    old_number = dnr(1)
    insert(store, "person_identifikator", {"identifikasjonsnummer": scene.dag,
                                           "identifikator": old_number,
                                           "identifikatortype": "dNummer",
                                           "status": "opphoert"})
    for n in range(141):
        add_enhet(store, org(100 + n), "62.100")
    score(store)
    return scene, g, old_number


def test_evaluate_against_numbers_worked_out_by_hand(store: Store, tmp_path: Path,
                                                     ranked: tuple[Scene, str, str]) -> None:
    scene, g, dag_old_number = ranked
    # 145 current enheter (A, B, C, G, 141 fillers) + 6 persons (Dag, Siri, Frida, Hans and
    # the two workers known by number) = 151 actors: top 1 % = ceil(1.51) = 2 entries
    assert store.scalar("SELECT count(*) FROM enhet WHERE valid_to IS NULL") == 145
    assert store.scalar("SELECT count(*) FROM link_person") == 6
    # the list: A 55, Dag 27.5 (carrying A), G 10, B 5
    assert [e.id for e in top(store, 10)] == [scene.a, scene.dag, g, scene.b]
    truth = _truth(tmp_path / "truth", [
        # rank 0
        {"scheme": "below_minimum_wage", "benign": False,
         "organisasjonsnummer": [scene.a], "persons": [scene.workers[0]]},
        # C is on no list
        {"scheme": "below_minimum_wage", "benign": False,
         "organisasjonsnummer": [scene.c], "persons": []},
        # Dag by his old d-number: rank 1, found through person_alias
        {"scheme": "repeat_bankruptcy", "benign": False,
         "organisasjonsnummer": [], "persons": [dag_old_number]},
        # rank 3: in the top 1 000, not in the top 1 %
        {"scheme": "excessive_hours", "benign": False,
         "organisasjonsnummer": [scene.b], "persons": []},
        # benign, but A is at rank 0: a false positive
        {"scheme": "large_staffing_agency", "benign": True,
         "organisasjonsnummer": [scene.a], "persons": []},
        # benign and not listed
        {"scheme": "honest_bankruptcy", "benign": True,
         "organisasjonsnummer": [scene.c], "persons": [scene.siri]},
        # benign, listed at rank 3: outside the top 1 %, not a false positive
        {"scheme": "multiple_part_time_jobs", "benign": True,
         "organisasjonsnummer": [scene.b], "persons": []},
    ])

    result = evaluate(store, truth)

    assert result.top_1pct == 2
    assert result.instances == {"below_minimum_wage": 2, "excessive_hours": 1,
                                "repeat_bankruptcy": 1}
    assert result.schemes == {
        "below_minimum_wage": {"recall_top_1pct": 0.5, "recall_top_1000": 0.5},
        "excessive_hours": {"recall_top_1pct": 0.0, "recall_top_1000": 1.0},
        "repeat_bankruptcy": {"recall_top_1pct": 1.0, "recall_top_1000": 1.0},
    }
    # the truth names 5 bad actors (A, worker 1, C, Dag, B): precision at 5. Of the 4 entries
    # A, Dag (members: A), B are true hits, G is not: 3 / 5
    assert result.precision_k == 5
    assert result.precision_at_100 == 0.6
    # one of three benign look-alikes is in the top 1 %
    assert result.benign_false_positive_rate == 0.3333
    assert result.benign_false_positive_rate > 0
    assert set(result.as_json()) == {"schemes", "precision_at_100",
                                     "benign_false_positive_rate"}
    # the file itself is accepted as well as its folder
    assert evaluate(store, truth / "schemes.json") == result


def test_evaluate_without_benign_entries(store: Store, tmp_path: Path,
                                         ranked: tuple[Scene, str, str]) -> None:
    _, g, _ = ranked
    truth = _truth(tmp_path / "truth", [
        {"scheme": "inspection", "benign": False, "organisasjonsnummer": [g], "persons": []}])

    result = evaluate(store, truth)

    assert result.schemes == {"inspection": {"recall_top_1pct": 0.0, "recall_top_1000": 1.0}}
    # one bad actor: precision at 1, and the first entry (A) is not it
    assert (result.precision_k, result.precision_at_100) == (1, 0.0)
    assert result.benign_false_positive_rate == 0.0
