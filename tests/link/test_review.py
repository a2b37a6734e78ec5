"""akrim.link.review on the tiny linked store with a registered namesake planted (a conflict for
review, `fixtures.review`), and the pairs the model scored under the threshold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from akrim.link.judgements import judge
from akrim.link.review import (
    FOR_REVIEW,
    evidence,
    judged_pairs,
    judgements_in_force,
    open_count,
    review_queue,
)
from akrim.ops.db import connect
from akrim.pipeline import link
from akrim.settings import Settings
from akrim.store.engine import Store
from fixtures.review import Namesake, planted_copy

THRESHOLD = Settings().link_match_probability


@pytest.fixture(scope="module")
def planted(tiny_linked: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Namesake]:
    data = tmp_path_factory.mktemp("review") / "data"
    return data, planted_copy(tiny_linked.data_dir, data)


@pytest.fixture
def planted_store(planted: tuple[Path, Namesake]) -> Iterator[Store]:
    with Store(planted[0] / "akrim.duckdb", memory_limit="1GB", read_only=True) as opened:
        yield opened


def test_the_conflict_is_queued_with_its_evidence(planted_store: Store,
                                                   planted: tuple[Path, Namesake]) -> None:
    _, case = planted
    joined, apart = case.joined_and_apart(planted_store)
    queue = review_queue(planted_store, {}, THRESHOLD)
    [role] = [p for p in queue.pairs if {p.left.record_id, p.right.record_id}
              == {apart, case.role_record}]
    assert role.status == "conflict" and role.judgement is None
    assert role.match_probability is not None and role.match_probability >= THRESHOLD
    assert {"fornavn.exact", "etternavn.exact", "fodselsdato.exact"} <= set(role.reasons)
    # freg: sorts before rolle:, so the registered record is on the left
    assert (role.left.record_id, role.right.record_id) == (apart, case.role_record)
    assert not role.same_person
    assert role.left.person_id == apart.removeprefix("freg:")
    assert role.right.person_id == joined.removeprefix("freg:")
    assert role.left.source == "folkeregisteret" and role.right.source == "brreg.roller"
    assert role.left.identifier == apart.removeprefix("freg:")
    assert role.right.identifier is None
    assert (role.left.first_name, role.left.surname, role.left.birth_date) == (
        role.right.first_name, role.right.surname, role.right.birth_date)
    assert role.right.person_records == 2  # the register record it joined, and itself


def test_every_pair_left_for_review_is_listed_once_narrowest_first(
        planted_store: Store) -> None:
    expected = {tuple(sorted(row)) for row in planted_store.rows(
        "SELECT record_l, record_r FROM link_pair WHERE status IN (?, ?)", list(FOR_REVIEW))}
    assert len(expected) >= 2  # the planted conflict and the tiny bundle's near miss
    total = open_count(planted_store, {})
    pages = [review_queue(planted_store, {}, THRESHOLD, page, 1) for page in range(1, total + 2)]
    listed = [(p.left.record_id, p.right.record_id) for page in pages for p in page.pairs]
    assert total == len(expected) == len(listed) and set(listed) == expected
    assert pages[-1].pairs == [] and pages[0].pages == total
    statuses = [page.pairs[0].status for page in pages[:-1]]
    assert statuses == sorted(statuses, key=lambda s: s != "conflict")
    below = [abs(page.pairs[0].match_probability - THRESHOLD) for page in pages[:-1]
             if page.pairs[0].status == "below_threshold"]
    assert below == sorted(below)
    # Splink keeps pairs of match weight 0 or more: a pair under the threshold is even odds
    assert all(0.5 <= p.match_probability < THRESHOLD for page in pages for p in page.pairs
               if p.status == "below_threshold" and p.match_probability is not None)


def test_evidence_is_what_the_registers_wrote(planted_store: Store,
                                              planted: tuple[Path, Namesake],
                                              tiny_linked: Any) -> None:
    _, case = planted
    card = tiny_linked.cases["d_number_card"]
    found = evidence(planted_store,
                     {case.namesake, case.role_record, card.record_id, "freg:nobody"})
    assert set(found) == {case.namesake, case.role_record, card.record_id}
    assert found[case.namesake].address == "Planteskoleveien 99, 9990 BÅTSFJORD"
    companies = {row[0] for row in planted_store.rows(
        "SELECT organisasjonsnummer FROM rolle WHERE 'rolle:' || innehaver = ?",
        [case.role_record])}
    assert companies and all(any(orgnr in role for role in found[case.role_record].roles)
                             for orgnr in companies)
    assert found[case.role_record].address is None
    assert any(card.employer in employer for employer in found[card.record_id].employers)
    assert found[card.record_id].identifier == card.identifier


def test_judgements_leave_the_queue_and_apply_at_the_next_run(
        planted: tuple[Path, Namesake], tmp_path: Path) -> None:
    case = planted_copy(planted[0], tmp_path / "data")
    settings = Settings(data_dir=tmp_path / "data", memory_limit="1GB")
    engine = connect(settings)
    with Store(settings.analytical_db, memory_limit="1GB") as store:
        before = open_count(store, {})
        near = next(p for p in review_queue(store, {}, THRESHOLD, 1, before).pairs
                    if p.status == "below_threshold")
        joined, apart = case.joined_and_apart(store)
        judge(engine, case.role_record, apart, "same", note="same signature", user="anna")
        judge(engine, near.left.record_id, near.right.record_id, "unsure", user="bodil")
        judgements = judgements_in_force(engine)
        # "same" leaves the queue, "unsure" stays in it for someone else, with its verdict
        assert open_count(store, judgements) == before - 1
        queued = {(p.left.record_id, p.right.record_id): p
                  for p in review_queue(store, judgements, THRESHOLD, 1, before).pairs}
        assert (apart, case.role_record) not in queued
        unsure = queued[(near.left.record_id, near.right.record_id)]
        assert unsure.judgement is not None and unsure.judgement.made_by == "bodil"
        judged = judged_pairs(store, judgements)
        assert judged.total == 2
        latest = judged.pairs[0]  # the latest first
        assert latest.judgement is not None and latest.judgement.verdict == "unsure"
        same = judged.pairs[1]
        assert same.judgement is not None and same.judgement.note == "same signature"
        assert same.status == "conflict" and not same.applied and not same.same_person

        link(store, settings, force=True)
        same = next(p for p in judged_pairs(store, judgements).pairs
                    if p.left.record_id == apart)
        assert same.status == "confirmed" and same.applied and same.same_person
        assert same.right.person_id == apart.removeprefix("freg:")
        assert case.joined_and_apart(store) == (apart, joined)
