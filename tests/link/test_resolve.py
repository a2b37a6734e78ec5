"""Person resolution on the tiny synthetic store (akrim.pipeline.link), with hard cases
planted in the register tables before linking (see `plant_hard_cases` in tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from akrim.link.judgements import judge
from akrim.link.resolve import claim_numbers
from akrim.network.neighbourhood import node_id_for
from akrim.ops.db import connect
from akrim.pipeline import is_current, link
from akrim.settings import Settings
from akrim.store.engine import Store


def person_of(store: Store, record_id: str) -> str:
    person = store.scalar("SELECT person_id FROM link_person_record WHERE record_id = ?",
                          [record_id])
    assert person is not None, f"{record_id} is not a person record"
    return str(person)


def pair_rows(store: Store, left: str, right: str) -> list[tuple[Any, ...]]:
    return store.rows(
        "SELECT status, reasons, match_probability FROM link_pair "
        "WHERE least(record_l, record_r) = least(?, ?) "
        "AND greatest(record_l, record_r) = greatest(?, ?)", [left, right, left, right])


def test_first_run_trains_and_saves_the_model(tiny_linked: Any, linked_store: Store) -> None:
    summary = tiny_linked.outcome.linkage
    assert summary is not None and tiny_linked.outcome.network is not None
    assert summary.trained is True
    assert Settings(data_dir=tiny_linked.data_dir).link_model.is_file()
    assert summary.records == linked_store.scalar("SELECT count(*) FROM link_person_record")
    assert summary.persons == linked_store.scalar("SELECT count(*) FROM link_person")
    assert 0 < summary.persons < summary.records
    assert linked_store.scalar("SELECT max(snapshot_id) FROM link_run") == \
        linked_store.scalar("SELECT max(snapshot_id) FROM snapshot")
    assert is_current(linked_store)


@pytest.mark.parametrize(("case", "reason"), [
    ("cyrillic", None),
    ("polish_spelling", "etternavn.transliterated"),
    ("diacritics", None),
    ("d_number_card", "identifikator.d_and_f_same_birth"),
])
def test_hard_case_resolves_to_the_registered_person(tiny_linked: Any, linked_store: Store,
                                                     case: str, reason: str | None) -> None:
    planted = tiny_linked.cases[case]
    assert person_of(linked_store, planted.record_id) == planted.person_id
    assert person_of(linked_store, f"freg:{planted.person_id}") == planted.person_id
    [(status, reasons, probability)] = pair_rows(linked_store, planted.record_id,
                                                 f"freg:{planted.person_id}")
    assert status == "merged" and probability >= 0.95
    assert "fodselsdato.exact" in reasons
    if reason is not None:
        assert reason in reasons


def test_cyrillic_card_really_is_cyrillic(tiny_linked: Any, linked_store: Store) -> None:
    fornavn, etternavn = linked_store.rows(
        "SELECT fornavn, etternavn FROM hms_kort WHERE kortnummer = 'HMSTEST01'")[0]
    assert all("\u0400" <= ch <= "\u04ff" for ch in fornavn + etternavn)
    registered = linked_store.rows(
        "SELECT fornavn, etternavn FROM person WHERE identifikasjonsnummer = ?",
        [tiny_linked.cases["cyrillic"].person_id])[0]
    assert registered[1] != etternavn


def test_old_d_number_from_folkeregisteret_maps_to_the_fodselsnummer(
        tiny_linked: Any, linked_store: Store) -> None:
    planted = tiny_linked.cases["d_number_history"]
    assert planted.identifier[0] >= "4" and planted.person_id[0] < "4"
    alias = linked_store.scalar("SELECT person_id FROM person_alias WHERE identifikator = ?",
                                [planted.identifier])
    assert alias == planted.person_id
    # the d-number is not a person of its own
    assert linked_store.scalar("SELECT count(*) FROM link_person WHERE person_id = ?",
                               [planted.identifier]) == 0
    # the a-melding on the old number is the registered person's employment
    assert linked_store.scalar(
        "SELECT count(*) FROM net_edge WHERE kind = 'employment' AND src = ? AND dst = ?",
        [f"p:{planted.person_id}", f"o:{planted.employer}"]) == 1
    assert node_id_for(linked_store, planted.identifier) == f"p:{planted.person_id}"


def test_d_number_on_a_card_maps_to_the_fodselsnummer(tiny_linked: Any,
                                                       linked_store: Store) -> None:
    planted = tiny_linked.cases["d_number_card"]
    assert linked_store.scalar("SELECT person_id FROM person_alias WHERE identifikator = ?",
                               [planted.identifier]) == planted.person_id
    identifiers = linked_store.scalar(
        "SELECT identifikatorer FROM link_person WHERE person_id = ?", [planted.person_id])
    assert set(identifiers) == {planted.person_id, planted.identifier}
    assert linked_store.scalar("SELECT count(*) FROM link_signal WHERE identifikator = ?",
                               [planted.identifier]) == 0


def test_number_only_reference_is_a_person_of_its_own(tiny_linked: Any,
                                                       linked_store: Store) -> None:
    planted = tiny_linked.cases["reference_only"]
    assert linked_store.scalar("SELECT person_id FROM person_alias WHERE identifikator = ?",
                               [planted.identifier]) == planted.identifier
    assert linked_store.rows(
        "SELECT identifikatorer, sources, records FROM link_person WHERE person_id = ?",
        [planted.identifier]) == [([planted.identifier], ["reference"], 0)]
    assert linked_store.scalar(
        "SELECT count(*) FROM net_edge WHERE kind = 'employment' AND src = ? AND dst = ?",
        [f"p:{planted.identifier}", f"o:{planted.employer}"]) == 1
    assert node_id_for(linked_store, planted.identifier) == f"p:{planted.identifier}"


def test_shared_identifier_is_a_signal_not_a_merge(linked_store: Store,
                                                   truth: dict[str, Any]) -> None:
    [holder] = truth["shared_identity"]["persons"]
    people = linked_store.scalar(
        "SELECT person_ids FROM link_signal WHERE identifikator = ?", [holder])
    assert people is not None and len(people) >= 2
    registered = person_of(linked_store, f"freg:{holder}")
    assert registered == holder and holder in people
    assert linked_store.scalar("SELECT person_id FROM person_alias WHERE identifikator = ?",
                               [holder]) == holder
    cards = linked_store.rows(
        "SELECT h.kortnummer, h.fornavn, h.etternavn FROM hms_kort h JOIN person p "
        "ON p.identifikasjonsnummer = h.identifikasjonsnummer AND p.valid_to IS NULL "
        "WHERE h.identifikasjonsnummer = ? AND h.valid_to IS NULL "
        "AND (h.fornavn <> p.fornavn OR h.etternavn <> p.etternavn)", [holder])
    assert len(cards) >= 2
    card_persons = {person_of(linked_store, f"hms:{kort}") for kort, _, _ in cards}
    assert registered not in card_persons
    assert card_persons <= set(people)


def test_every_registered_person_keeps_its_number(linked_store: Store) -> None:
    assert linked_store.scalar(
        "SELECT count(*) FROM link_person_record WHERE record_id LIKE 'freg:%' "
        "AND person_id <> identifikator") == 0
    # no two registered persons in one person (no d-number/fødselsnummer pair is registered)
    assert linked_store.scalar(
        "SELECT count(*) FROM (SELECT person_id FROM link_person_record "
        "WHERE record_id LIKE 'freg:%' GROUP BY 1 HAVING count(*) > 1)") == 0


def test_pair_statuses_agree_with_persons(linked_store: Store) -> None:
    rows = linked_store.rows("""
        SELECT p.status, l.person_id = r.person_id AS together, count(*)
        FROM link_pair p
        JOIN link_person_record l ON l.record_id = p.record_l
        JOIN link_person_record r ON r.record_id = p.record_r
        GROUP BY ALL""")
    seen = {(status, together) for status, together, _ in rows}
    assert ("merged", True) in seen
    for status, together in seen:
        if status in ("merged", "confirmed"):
            assert together, status
        if status in ("rejected", "conflict", "shared_identifier"):
            assert not together, status
    assert linked_store.scalar("SELECT count(*) FROM link_pair WHERE match_probability < 0.95 "
                               "AND status = 'merged'") == 0


def test_every_record_has_one_person_and_every_person_a_record(linked_store: Store) -> None:
    assert linked_store.scalar("SELECT count(*) FROM link_person_record "
                               "WHERE person_id IS NULL") == 0
    assert linked_store.scalar("SELECT count(*) - count(DISTINCT record_id) "
                               "FROM link_person_record") == 0
    assert linked_store.scalar("""
        SELECT count(*) FROM link_person p
        WHERE p.records > 0 AND p.records <> (SELECT count(*) FROM link_person_record r
                                              WHERE r.person_id = p.person_id)""") == 0
    # every identifier an a-melding names has a person
    assert linked_store.scalar("""
        SELECT count(*) FROM amelding_mottaker m ANTI JOIN person_alias a
          ON a.identifikator = m.norsk_identifikator
        WHERE m.norsk_identifikator IS NOT NULL""") == 0


# -- judgements and rebuilds (on a writable copy) -----------------------------------------------

@pytest.fixture
def copy(tiny_linked: Any, tmp_path: Path) -> Settings:
    data = tmp_path / "data"
    shutil.copytree(tiny_linked.data_dir, data)
    return Settings(data_dir=data, memory_limit="1GB")


def test_judgements_survive_rebuilds(copy: Settings) -> None:
    model_written = copy.link_model.stat().st_mtime_ns
    with Store(copy.analytical_db, memory_limit="1GB") as store:
        # a card the model put with a registered person who also has a role record
        hms, freg, rolle = store.rows("""
            SELECT h.record_id, f.record_id, min(r.record_id) FROM link_person_record h
            JOIN link_person_record f ON f.person_id = h.person_id AND f.record_id LIKE 'freg:%'
            JOIN link_person_record r ON r.person_id = h.person_id AND r.record_id LIKE 'rolle:%'
            WHERE h.record_id LIKE 'hms:HMS0%'
            GROUP BY ALL ORDER BY 1 LIMIT 1""")[0]
        assert {pair_rows(store, a, b)[0][0]
                for a, b in ((hms, freg), (hms, rolle), (rolle, freg))} == {"merged"}
        judge(connect(copy), hms, freg, "different", note="two people", user="tester")
        # judgements wait for --force (link's docstring); nothing is rebuilt without it
        assert link(store, copy).linkage is None

        first = link(store, copy, force=True).linkage
        assert first is not None and first.trained is False
        assert person_of(store, hms) != person_of(store, freg)
        assert [row[0] for row in pair_rows(store, hms, freg)] == ["rejected"]
        # the role record joins one side; its pair with the other is kept as a conflict
        with_card, with_freg = pair_rows(store, hms, rolle)[0][0], pair_rows(store, rolle,
                                                                            freg)[0][0]
        assert sorted([with_card, with_freg]) == ["conflict", "merged"]
        joined = freg if with_freg == "merged" else hms
        assert person_of(store, rolle) == person_of(store, joined)
        # the card still carries the registered number: now a shared-identifier signal
        assert store.scalar("SELECT count(*) FROM link_signal WHERE identifikator = ?",
                            [freg.removeprefix("freg:")]) == 1

        again = link(store, copy, force=True).linkage  # and the next rebuild too
        assert again is not None and again.trained is False
        assert person_of(store, hms) != person_of(store, freg)
        assert [row[0] for row in pair_rows(store, hms, freg)] == ["rejected"]
        assert store.scalar("SELECT count(*) FROM link_run") == 3

        judge(connect(copy), freg, hms, "same", user="tester")  # the latest judgement wins
        link(store, copy, force=True)
        assert person_of(store, hms) == person_of(store, freg)
        assert [row[0] for row in pair_rows(store, hms, freg)] == ["confirmed"]
    assert copy.link_model.stat().st_mtime_ns == model_written


def test_confirmed_pair_without_a_score_joins_and_is_listed(copy: Settings,
                                                             truth: dict[str, Any]) -> None:
    [holder] = truth["shared_identity"]["persons"]
    with Store(copy.analytical_db, memory_limit="1GB") as store:
        left, right = store.rows(
            "SELECT record_id FROM link_person_record WHERE identifikator = ? "
            "AND record_id LIKE 'hms:%' ORDER BY record_id LIMIT 2", [holder])
        left, right = left[0], right[0]
        assert person_of(store, left) != person_of(store, right)
        judge(connect(copy), left, right, "same")
        link(store, copy, force=True)
        assert person_of(store, left) == person_of(store, right) != holder
        [(status, reasons, probability)] = pair_rows(store, left, right)
        # the model never scored the pair (only the identifier agrees): listed as judged
        assert status == "confirmed" and probability is None and list(reasons) == []


def test_contested_numbers_go_to_the_registered_holder_first() -> None:
    # Person "b" is registered with 01017012345 (kind 0); "a" carries it on an HMS card (kind 2)
    # and has a d-number of its own on another card; "c" has only the shared number.
    contested = pa.table({
        "root": ["a", "a", "b", "c"],
        "number": ["01017012345", "41017012345", "01017012345", "01017012345"],
        "kind_rank": [2, 3, 0, 2],
    })
    claimed = dict(zip(*claim_numbers(contested).to_pydict().values(), strict=True))
    assert claimed == {"b": "01017012345", "a": "41017012345", "c": None}
