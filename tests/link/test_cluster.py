"""akrim.link.cluster.cluster: persons from scored pairs, judgements and registered anchors."""

from __future__ import annotations

import pytest
from tests.fixtures.pairs import AGREE, D_AND_F, ONLY_ID

from akrim.link.cluster import (
    BELOW_THRESHOLD,
    CONFIRMED,
    CONFLICT,
    MERGED,
    REJECTED,
    SHARED_IDENTIFIER,
    Clustering,
    Pair,
    cluster,
    only_identifier_agrees,
)


def pair(left: str, right: str, probability: float, reasons: tuple[str, ...] = AGREE) -> Pair:
    return Pair(left, right, probability, reasons)


def same(result: Clustering, left: str, right: str) -> bool:
    return result.find(left) == result.find(right)


def status(result: Clustering, left: str, right: str) -> str:
    return result.status[(min(left, right), max(left, right))]


def test_high_pairs_merge_transitively() -> None:
    result = cluster("abcd", [pair("a", "b", 0.99), pair("b", "c", 0.97)], threshold=0.95)
    assert same(result, "a", "c") and not same(result, "a", "d")
    assert status(result, "a", "b") == status(result, "b", "c") == MERGED
    assert sorted(sorted(g) for g in result.groups().values()) == [["a", "b", "c"], ["d"]]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
@pytest.mark.parametrize(("ac", "cb"), [(0.99, 0.98), (0.98, 0.99)])
def test_rejection_holds_through_a_third_record(order: tuple[int, int], ac: float,
                                                cb: float) -> None:
    pairs = [pair("A", "C", ac), pair("C", "B", cb)]
    result = cluster(["A", "B", "C"], [pairs[i] for i in order], threshold=0.95,
                     rejected=[("A", "B")])
    assert not same(result, "A", "B")
    assert status(result, "A", "B") == REJECTED
    # the stronger pair merges, the weaker one would join A and B and is kept as a conflict
    stronger, weaker = (("A", "C"), ("C", "B")) if ac > cb else (("C", "B"), ("A", "C"))
    assert status(result, *stronger) == MERGED and same(result, *stronger)
    assert status(result, *weaker) == CONFLICT and not same(result, *weaker)


def test_rejection_holds_after_both_sides_grew() -> None:
    # A-X and B-Y merge first; then a pair X-Y would join the groups of A and B
    pairs = [pair("A", "X", 0.999), pair("B", "Y", 0.998), pair("X", "Y", 0.997)]
    result = cluster(["A", "B", "X", "Y"], pairs, threshold=0.95, rejected=[("B", "A")])
    assert same(result, "A", "X") and same(result, "B", "Y")
    assert not same(result, "A", "B")
    assert status(result, "X", "Y") == CONFLICT


def test_rejected_pair_with_a_high_score_is_not_merged() -> None:
    result = cluster(["a", "b"], [pair("a", "b", 0.9999)], threshold=0.5, rejected=[("b", "a")])
    assert not same(result, "a", "b")
    assert status(result, "a", "b") == REJECTED


def test_confirmed_pair_merges_below_threshold_and_without_a_score() -> None:
    result = cluster(["a", "b", "c", "d"], [pair("a", "b", 0.10)], threshold=0.95,
                     confirmed=[("b", "a"), ("c", "d")])
    assert same(result, "a", "b") and same(result, "c", "d")
    assert status(result, "a", "b") == status(result, "c", "d") == CONFIRMED


def test_confirmation_against_a_rejection_is_a_conflict() -> None:
    result = cluster(["a", "b", "c"], [], threshold=0.95, rejected=[("a", "b")],
                     confirmed=[("a", "c"), ("c", "b")])
    assert same(result, "a", "c") and not same(result, "a", "b")
    assert status(result, "a", "c") == CONFIRMED
    assert status(result, "b", "c") == CONFLICT


@pytest.mark.parametrize("probability", [0.0, 0.5, 0.9499])
def test_pairs_below_threshold_are_not_merged(probability: float) -> None:
    result = cluster(["a", "b"], [pair("a", "b", probability)], threshold=0.95)
    assert not same(result, "a", "b")
    assert status(result, "a", "b") == BELOW_THRESHOLD


def test_pair_at_threshold_merges() -> None:
    result = cluster(["a", "b"], [pair("a", "b", 0.95)], threshold=0.95)
    assert same(result, "a", "b")


def test_only_identifier_agreeing_is_a_signal_not_a_merge() -> None:
    result = cluster(["hms:1", "hms:2"], [pair("hms:1", "hms:2", 0.999, ONLY_ID)],
                     threshold=0.95)
    assert not same(result, "hms:1", "hms:2")
    assert status(result, "hms:1", "hms:2") == SHARED_IDENTIFIER


@pytest.mark.parametrize(("reasons", "expected"), [
    (ONLY_ID, True),
    (("identifikator.exact", "fornavn.missing", "etternavn.missing", "fodselsdato.missing"),
     True),
    (("identifikator.exact", "fornavn.different", "etternavn.exact", "fodselsdato.different"),
     False),
    (("identifikator.exact", "fornavn.transliterated", "etternavn.different",
      "fodselsdato.different"), False),
    (("identifikator.exact", "fornavn.different", "etternavn.different", "fodselsdato.typo"),
     False),
    (("identifikator.exact", "fornavn.different", "etternavn.different", "fodselsdato.exact"),
     False),
    (("identifikator.d_and_f", "fornavn.different", "etternavn.different",
      "fodselsdato.different"), False),
    (AGREE, False),
])
def test_only_identifier_agrees(reasons: tuple[str, ...], expected: bool) -> None:
    assert only_identifier_agrees(reasons) is expected


def test_identifier_and_name_agreeing_merges() -> None:
    reasons = ("identifikator.exact", "fornavn.exact", "etternavn.exact",
               "fodselsdato.different", "adresse.missing")
    result = cluster(["freg:1", "hms:1"], [pair("freg:1", "hms:1", 0.99, reasons)],
                     threshold=0.95, anchor_prefix="freg:")
    assert same(result, "freg:1", "hms:1")


@pytest.mark.parametrize(("first", "second"), [(0.99, 0.98), (0.98, 0.99)])
def test_registered_namesakes_are_not_joined_through_a_third_record(first: float,
                                                                      second: float) -> None:
    records = ["freg:01", "freg:02", "rolle:x"]
    pairs = [pair("rolle:x", "freg:01", first), pair("rolle:x", "freg:02", second)]
    result = cluster(records, pairs, threshold=0.95, anchor_prefix="freg:")
    assert not same(result, "freg:01", "freg:02")
    better, worse = ("freg:01", "freg:02") if first > second else ("freg:02", "freg:01")
    assert same(result, "rolle:x", better)
    assert status(result, "rolle:x", better) == MERGED
    assert status(result, "rolle:x", worse) == CONFLICT


def test_registered_d_number_and_fodselsnummer_of_one_person_merge() -> None:
    records = ["freg:41010199999", "freg:01010199999", "rolle:x"]
    pairs = [pair("freg:41010199999", "freg:01010199999", 0.99, D_AND_F),
             pair("rolle:x", "freg:01010199999", 0.995)]
    result = cluster(records, pairs, threshold=0.95, anchor_prefix="freg:")
    assert same(result, "freg:41010199999", "freg:01010199999")
    assert same(result, "rolle:x", "freg:41010199999")
    assert status(result, "freg:01010199999", "freg:41010199999") == MERGED
    assert sorted(result.anchors[result.find("rolle:x")]) == [
        "freg:01010199999", "freg:41010199999"]


def test_one_d_number_never_joins_two_registered_fodselsnummer_persons() -> None:
    # triplets born the same day, one of them only on a d-number: each d/f pair encodes the
    # same birth date, but two fødselsnummer persons are never one person
    records = ["freg:41010199999", "freg:01010199999", "freg:01010188888"]
    pairs = [pair("freg:41010199999", "freg:01010199999", 0.997, D_AND_F),
             pair("freg:41010199999", "freg:01010188888", 0.996, D_AND_F)]
    result = cluster(records, pairs, threshold=0.95, anchor_prefix="freg:")
    assert same(result, "freg:41010199999", "freg:01010199999")
    assert not same(result, "freg:01010199999", "freg:01010188888")
    assert status(result, "freg:41010199999", "freg:01010188888") == CONFLICT


def test_two_registered_persons_without_d_and_f_stay_apart() -> None:
    result = cluster(["freg:1", "freg:2"], [pair("freg:1", "freg:2", 0.999)], threshold=0.95,
                     anchor_prefix="freg:")
    assert not same(result, "freg:1", "freg:2")
    assert status(result, "freg:1", "freg:2") == CONFLICT


def test_analyst_may_join_two_registered_persons() -> None:
    result = cluster(["freg:1", "freg:2"], [], threshold=0.95, anchor_prefix="freg:",
                     confirmed=[("freg:1", "freg:2")])
    assert same(result, "freg:1", "freg:2")


def test_without_anchor_prefix_records_are_not_anchors() -> None:
    pairs = [pair("rolle:x", "freg:01", 0.99), pair("rolle:x", "freg:02", 0.98)]
    result = cluster(["freg:01", "freg:02", "rolle:x"], pairs, threshold=0.95)
    assert same(result, "freg:01", "freg:02")
    assert not result.anchors


def test_records_without_pairs_are_persons_of_their_own() -> None:
    result = cluster(["a", "b", "c"], [], threshold=0.95)
    assert sorted(result.groups()) == ["a", "b", "c"]
    assert result.status == {}


@pytest.mark.parametrize("names", [("fornavn.different", "etternavn.exact"),
                                   ("fornavn.exact", "etternavn.different"),
                                   ("fornavn.resembles", "etternavn.exact")])
def test_registered_d_number_and_fodselsnummer_with_other_names_stay_apart(
        names: tuple[str, str]) -> None:
    # Grzegorz Woźniak on a fødselsnummer and Magdalena Woźniak on a d-number, born the same day
    reasons = ("identifikator.d_and_f_same_birth", *names, "fodselsdato.exact", "adresse.missing")
    result = cluster(["freg:41010199999", "freg:01010199999"],
                     [pair("freg:41010199999", "freg:01010199999", 0.99, reasons)],
                     threshold=0.95, anchor_prefix="freg:")
    assert not same(result, "freg:41010199999", "freg:01010199999")
    assert status(result, "freg:41010199999", "freg:01010199999") == CONFLICT
