"""Actor ids as typed to `akrim explain` and `akrim network`: numbers checked, other ids kept."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from akrim.ids import IdKind, InvalidIdentifier, make_orgnr, make_person_id
from akrim.ids.actor import checked_actor_id


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("974760673", "974760673"),
        (" 974 760 673 ", "974760673"),
        ("15108695088", "15108695088"),  # python-stdnum's example fødselsnummer
        ("o:974760673", "o:974760673"),
        ("  C0000012 ", "C0000012"),
        ("Pa02e3760c4c3", "Pa02e3760c4c3"),
        ("a:akers gt 1|0150", "a:akers gt 1|0150"),
    ],
)
def test_valid_numbers_and_other_ids(typed: str, expected: str) -> None:
    assert checked_actor_id(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("974760674", "organisation number 974760674 fails the mod-11 check"),
        ("15108695089", "fødselsnummer 15108695089 fails control digit k2"),
        ("97476067X", "organisation number '97476067X' must contain digits only"),
        ("974760673X", "'974760673X' is neither an organisation number (9 digits) nor a "
                       "fødselsnummer or d-number (11 digits)"),
        ("1234", "'1234' is neither an organisation number (9 digits) nor a fødselsnummer or "
                 "d-number (11 digits)"),
    ],
)
def test_bad_numbers_name_the_check(typed: str, reason: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        checked_actor_id(typed)
    assert str(caught.value) == reason


def test_test_numbers_are_looked_up() -> None:
    number = make_person_id(dt.date(1985, 3, 4), 123, IdKind.SYNTHETIC)
    assert number is not None and number[2:4] == "83"
    assert checked_actor_id(number) == number
    assert checked_actor_id("310111643") == "310111643"  # a Tenor test organisation


@given(st.integers(80_000_000, 99_999_999), st.integers(0, 8), st.integers(1, 9))
def test_every_single_digit_typo_in_an_orgnr_is_refused(body: int, place: int,
                                                        shift: int) -> None:
    number = make_orgnr(body)
    assume(number is not None)
    assert number is not None
    typo = number[:place] + str((int(number[place]) + shift) % 10) + number[place + 1:]
    with pytest.raises(InvalidIdentifier):
        checked_actor_id(typo)
