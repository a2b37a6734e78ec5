"""akrim.link.incremental: after a small change, scoring only what changed gives what a full run
gives."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from akrim.pipeline import link
from akrim.settings import Settings
from akrim.store.engine import Store


@pytest.fixture
def copy(tiny_linked: Any, tmp_path: Path) -> Settings:
    data = tmp_path / "data"
    shutil.copytree(tiny_linked.data_dir, data)
    return Settings(data_dir=data, memory_limit="1GB")


def _result(store: Store) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    persons = set(store.rows("SELECT record_id, person_id FROM link_person_record"))
    pairs = set(store.rows("SELECT record_l, record_r, status, round(match_weight, 9), "
                           "CAST(reasons AS VARCHAR) FROM link_pair"))
    return persons, pairs


def _change_a_few_records(store: Store) -> None:
    # A new HMS card for someone already on a card, under a typo of the surname; a registered
    # person moves; another's surname changes; a tip disappears.
    store.execute("""
        INSERT INTO hms_kort SELECT * REPLACE ('HMS-NEW-1' AS kortnummer,
                                               etternavn || 'n' AS etternavn)
        FROM hms_kort WHERE valid_to IS NULL AND etternavn IS NOT NULL
        ORDER BY kortnummer LIMIT 1""")
    store.execute("""
        UPDATE person SET adresse = 'Nyveien 3', postnummer = '5003'
        WHERE identifikasjonsnummer = (SELECT min(identifikasjonsnummer) FROM person)""")
    store.execute("""
        UPDATE person SET etternavn = etternavn || '-Berg'
        WHERE identifikasjonsnummer = (SELECT max(identifikasjonsnummer) FROM person)""")
    store.execute("DELETE FROM tips WHERE tips_id = (SELECT min(tips_id) FROM tips "
                  "WHERE personnavn IS NOT NULL)")


def test_an_incremental_run_equals_a_full_run(copy: Settings, tiny_linked: Any,
                                              tmp_path: Path) -> None:
    full_copy = tmp_path / "full"
    shutil.copytree(tiny_linked.data_dir, full_copy)
    with Store(copy.analytical_db, memory_limit="1GB") as store:
        before = _result(store)
        _change_a_few_records(store)
        changed = link(store, copy, force=True).linkage
        assert changed is not None and changed.rescored == 3  # the card and the two persons
        incremental = _result(store)
        new_card = store.scalar("SELECT person_id FROM link_person_record "
                                "WHERE record_id = 'hms:HMS-NEW-1'")
        assert store.scalar("SELECT count(*) FROM link_person_record WHERE person_id = ?",
                            [new_card]) > 1  # found its person despite the typo
    assert incremental != before

    with Store(full_copy / "akrim.duckdb", memory_limit="1GB") as store:
        _change_a_few_records(store)
        full = link(store, Settings(data_dir=full_copy, memory_limit="1GB",
                                    link_rescore_up_to=0.0), force=True).linkage
        assert full is not None and full.rescored is None
        assert _result(store) == incremental


def test_nothing_changed_rescores_nothing(copy: Settings) -> None:
    with Store(copy.analytical_db, memory_limit="1GB") as store:
        before = _result(store)
        again = link(store, copy, force=True).linkage
        assert again is not None and again.rescored == 0
        assert _result(store) == before
        full = link(store, copy, full=True).linkage  # `akrim link --full`
        assert full is not None and full.rescored is None
        assert _result(store) == before


def test_another_model_means_a_full_run(copy: Settings) -> None:
    with Store(copy.analytical_db, memory_limit="1GB") as store:
        copy.link_model.write_text(copy.link_model.read_text(encoding="utf-8") + "\n",
                                   encoding="utf-8")
        again = link(store, copy, force=True).linkage
        assert again is not None and again.rescored is None
