"""Hypothesis properties: generated numbers round-trip, random input never crashes."""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum.no import fodselsnummer as stdnum_fnr

from akrim.ids import IdKind, InvalidIdentifier, make_person_id, parse_person_id
from akrim.ids.century import individual_ranges


@st.composite
def births_and_individuals(draw: st.DrawFn) -> tuple[dt.date, int]:
    born = draw(st.dates(min_value=dt.date(1854, 1, 1), max_value=dt.date(2039, 12, 31)))
    series = draw(st.sampled_from(individual_ranges(born.year)))
    return born, draw(st.integers(min_value=series.start, max_value=series.stop - 1))


@given(births_and_individuals(), st.sampled_from(list(IdKind)))
def test_generated_classic_numbers_round_trip(
    birth_and_individual: tuple[dt.date, int], kind: IdKind
) -> None:
    born, individual = birth_and_individual
    number = make_person_id(born, individual, kind)
    assume(number is not None)
    assert number is not None
    person = parse_person_id(number, allow_synthetic=True)
    assert person.number == number
    assert person.kind is kind
    assert person.birth_date == born
    assert person.synthetic is (kind is IdKind.SYNTHETIC)
    assert not person.new_rule
    assert person.individual_number == individual
    assert person.legacy_gender == ("M" if individual % 2 else "F")
    if kind is not IdKind.SYNTHETIC and born <= dt.date.today():
        # stdnum (classic rule only) agrees, except it cannot read month + 80.
        assert stdnum_fnr.is_valid(number)


@given(
    st.dates(min_value=dt.date(1854, 1, 1), max_value=dt.date(2039, 12, 31)),
    st.integers(min_value=0, max_value=999),
    st.sampled_from(list(IdKind)),
)
def test_generated_2032_rule_numbers_validate_only_with_the_wrapper(
    born: dt.date, individual: int, kind: IdKind
) -> None:
    number = make_person_id(born, individual, kind, new_rule=True)
    assume(number is not None)
    assert number is not None
    person = parse_person_id(number, allow_synthetic=True)
    assert person.kind is kind
    assert person.new_rule
    assert person.birth_date is None
    assert person.individual_number == individual
    assert not stdnum_fnr.is_valid(number)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.booleans())
def test_random_eleven_digit_strings_never_crash(number: str, allow_synthetic: bool) -> None:
    try:
        person = parse_person_id(number, allow_synthetic=allow_synthetic)
    except InvalidIdentifier as error:
        assert error.value == number
        assert number in error.reason
        return
    assert person.number == number
    assert allow_synthetic or not person.synthetic


@given(st.text(max_size=15))
def test_arbitrary_text_never_crashes(raw: str) -> None:
    try:
        person = parse_person_id(raw, allow_synthetic=True)
    except InvalidIdentifier as error:
        assert error.value == raw
        return
    assert len(person.number) == 11 and person.number.isascii()


@given(
    st.dates(min_value=dt.date(1854, 1, 1), max_value=dt.date.today()),
    st.integers(min_value=0, max_value=999),
    st.sampled_from([(0, 0), (40, 0), (0, 40)]),
)
def test_agrees_with_stdnum_on_classic_numbers(
    born: dt.date, individual: int, offsets: tuple[int, int]
) -> None:
    day_offset, month_offset = offsets
    yy = born.year % 100
    first9 = f"{born.day + day_offset:02d}{born.month + month_offset:02d}{yy:02d}{individual:03d}"
    for k1 in range(10):
        for k2 in range(10):
            number = f"{first9}{k1}{k2}"
            if stdnum_fnr.is_valid(number):
                person = parse_person_id(number)
                assert person.birth_date == stdnum_fnr.get_birth_date(number)
                assert person.legacy_gender == stdnum_fnr.get_gender(number)
