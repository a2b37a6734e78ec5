"""Generators: exact construction edge cases and the synthetic data generator."""

from __future__ import annotations

import datetime as dt

import pytest

from akrim.ids import (
    IdKind,
    is_valid_person_id,
    make_person_id,
    parse_person_id,
    synthetic_person_ids,
)

BORN = dt.date(1986, 10, 15)


def test_make_person_id_reproduces_stdnum_example() -> None:
    assert make_person_id(BORN, 950, IdKind.FODSELSNUMMER) == "15108695088"


def test_make_person_id_kinds_shift_day_or_month() -> None:
    assert make_person_id(BORN, 950, IdKind.D_NUMBER) == "55108695071"
    assert make_person_id(BORN, 950, IdKind.H_NUMBER) == "15508695060"
    synthetic = make_person_id(BORN, 950, IdKind.SYNTHETIC)
    assert synthetic is not None and synthetic[2:4] == "90"


def test_make_person_id_returns_none_without_control_digits() -> None:
    assert make_person_id(BORN, 2, IdKind.FODSELSNUMMER) is None


def test_make_person_id_new_rule_matches_skatteetaten_example() -> None:
    # "Person 2 født 30.10.1982": individual 999, remainder 1 -> 30108299939.
    assert make_person_id(dt.date(1982, 10, 30), 999, IdKind.FODSELSNUMMER, new_rule=True) == (
        "30108299939"
    )


@pytest.mark.parametrize(
    ("born", "individual"),
    [
        (BORN, 500),  # 500-899 not used for 1986
        (dt.date(2010, 1, 1), 100),  # 000-499 are 1900s
        (dt.date(1880, 1, 1), 800),
        (BORN, 1000),
        (BORN, -1),
        (dt.date(1853, 12, 31), 600),
        (dt.date(2040, 1, 1), 600),
    ],
)
def test_make_person_id_rejects_impossible_arguments(born: dt.date, individual: int) -> None:
    with pytest.raises(ValueError):
        make_person_id(born, individual, IdKind.FODSELSNUMMER)


def test_synthetic_person_ids_are_reproducible_distinct_and_synthetic() -> None:
    first = synthetic_person_ids(200, seed=7)
    assert first == synthetic_person_ids(200, seed=7)
    assert first != synthetic_person_ids(200, seed=8)
    assert len(set(first)) == 200
    for number in first:
        assert not is_valid_person_id(number)
        person = parse_person_id(number, allow_synthetic=True)
        assert person.kind is IdKind.SYNTHETIC
        assert person.birth_date is not None
        assert dt.date(1940, 1, 1) <= person.birth_date <= dt.date(2020, 12, 31)


def test_synthetic_person_ids_respect_the_date_window() -> None:
    window = (dt.date(1870, 3, 1), dt.date(1870, 3, 31))
    for number in synthetic_person_ids(20, seed=1, earliest=window[0], latest=window[1]):
        born = parse_person_id(number, allow_synthetic=True).birth_date
        assert born is not None and window[0] <= born <= window[1]


def test_synthetic_person_ids_reject_bad_arguments() -> None:
    with pytest.raises(ValueError):
        synthetic_person_ids(-1)
    with pytest.raises(ValueError):
        synthetic_person_ids(1, earliest=dt.date(2000, 1, 1), latest=dt.date(1999, 1, 1))
    assert synthetic_person_ids(0) == []
