"""akrim.link.model: the blocking rules find what they promise and no more."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from akrim.link.model import PersonModel, blocking_rules_sql
from akrim.link.prepare import add_keys
from akrim.settings import Settings

COLUMNS = ("record_id", "identifikator", "fodselsdato", "fornavn_s", "etternavn_s")


def candidates(left: tuple[str | None, ...], right: tuple[str | None, ...]) -> list[int]:
    """The blocking rules (by position) under which two records become a candidate pair."""
    with duckdb.connect() as con:
        con.execute(f"CREATE TABLE r ({', '.join(c + ' VARCHAR' for c in COLUMNS)})")
        con.executemany("INSERT INTO r VALUES (?, ?, ?, ?, ?)", [left, right])
        return [i for i, rule in enumerate(blocking_rules_sql()) if con.execute(
            f"SELECT count(*) FROM r AS l JOIN r AS r ON {rule} "
            "WHERE l.record_id < r.record_id").fetchall()[0][0]]


OLA = ("a", None, "19800112", "ola", "nordman")


@pytest.mark.parametrize("typo", ["19810112", "19800212", "19800113", "18800112"],
                         ids=["year", "month", "day", "century"])
def test_a_typo_in_one_part_of_the_birth_date_is_still_a_candidate(typo: str) -> None:
    assert candidates(OLA, ("b", None, typo, "ola", "nordman"))


def test_namesakes_born_the_same_year_on_another_day_are_no_candidates() -> None:
    # A common name and a birth year alone make blocks of 10^8 pairs nationally.
    assert candidates(OLA, ("b", None, "19800521", "ola", "nordman")) == []


@pytest.mark.parametrize("other", [("b", None, "19800112", "per", "nordman"),
                                   ("b", None, "19800112", "oli", "nordnes")],
                         ids=["another first name", "a typo in both names"])
def test_the_same_birth_date_with_the_surname_or_both_initials_is_a_candidate(
        other: tuple[str | None, ...]) -> None:
    assert candidates(OLA, other)


def test_strangers_born_the_same_day_with_surnames_alike_are_no_candidates() -> None:
    # Birth date and surname start alone: 29.6 M of 35 M candidate pairs nationally.
    assert candidates(OLA, ("b", None, "19800112", "kari", "nordnes")) == []


def test_the_same_identifier_is_a_candidate_whatever_the_names() -> None:
    assert candidates(("a", "01018012345", "19800101", "ola", "nordman"),
                      ("b", "01018012345", "19751224", "kari", "hansen")) == [0]


def test_a_record_without_birth_date_meets_its_namesakes() -> None:
    assert candidates(OLA, ("b", None, None, "ola", "nordman"))
    assert candidates(OLA, ("b", None, None, "kari", "nordman")) == []


def test_a_saved_model_scores_with_the_blocking_rules_of_the_code(tiny_linked: Any,
                                                                   tmp_path: Path) -> None:
    saved = json.loads(Settings(data_dir=tiny_linked.data_dir).link_model.read_text())
    # a model saved by code whose rules paired every two records of one source
    saved["blocking_rules_to_generate_predictions"] = [
        {"blocking_rule": "l.source = r.source", "sql_dialect": "duckdb"}]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(saved))
    records = add_keys(pa.table({
        "record_id": ["a", "b"], "source": ["hms_kort", "hms_kort"],
        "identifikator": [None, None], "fornavn": ["Ola", "Kari"],
        "etternavn": ["Nordmann", "Hansen"], "fodselsdato": ["19800112", "19751224"],
        "adresse": [None, None], "postnummer": [None, None]}))
    model = PersonModel(records, memory_limit="500MB", temp_dir=tmp_path / "tmp")
    try:
        model.load(path)
        assert model.predict(threshold_match_weight=-1000.0).num_rows == 0
    finally:
        model.close()
