"""Hypothesis properties: generated numbers round-trip, random input never crashes, and every
outcome and reason follows the documented rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from stdnum.no import fodselsnummer as stdnum_fnr
from stdnum.no import orgnr as stdnum_orgnr

from akrim.ids import (
    IdKind,
    InvalidIdentifier,
    make_person_id,
    parse_person_id,
    validate_orgnr,
)
from akrim.ids import person as person_module
from akrim.ids.century import individual_ranges
from akrim.ids.control import ControlResult, check_control_digits, control_result, k1_remainder


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


# -- The rules as a model: every outcome, and the first reason, for any 11-character input -------
#
# parse_person_id is written for speed (a prefix table, control sums written out on digit values);
# these properties pin it to the rules as the module docstrings state them, with stdnum's
# control-digit weights and the century table of individual_ranges.


def expected_person(number: str, allow_synthetic: bool) -> tuple[object, ...]:
    """("ok", kind, synthetic, new_rule, birth_date) or (reason key, reported values)."""
    if not (number.isascii() and number.isdigit()):
        return ("ids.digits_only", {})
    day, month, yy = int(number[0:2]), int(number[2:4]), int(number[4:6])
    if day >= 80:
        return ("ids.fh_number", {"first": number[0]})
    d_number, h_number, synthetic = day > 40, 40 < month <= 80, month > 80
    if d_number and h_number:
        return ("ids.d_and_h", {})
    day -= 40 if d_number else 0
    month -= 80 if synthetic else 40 if h_number else 0
    if not 1 <= month <= 12:
        return ("ids.month", {"month": month})
    if not 1 <= day <= 31:
        return ("ids.day", {"day": day})
    if synthetic and not allow_synthetic:
        return ("ids.synthetic", {})
    remainder = (int(number[9]) - int(stdnum_fnr.calc_check_digit1(number[:9]))) % 11
    if remainder not in (0, 1, 2, 3):
        return ("ids.k1", {})
    if number[10] != stdnum_fnr.calc_check_digit2(number[:10]):
        return ("ids.k2", {})
    individual = int(number[6:9])
    years = [] if remainder else [
        century + yy for century in (1800, 1900, 2000)
        if any(individual in series for series in individual_ranges(century + yy))
    ]
    year = years[0] if years else 2000 + yy
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return ("ids.date", {"day": day, "month": month, "year": year})
    kind = (IdKind.D_NUMBER if d_number else IdKind.SYNTHETIC if synthetic
            else IdKind.H_NUMBER if h_number else IdKind.FODSELSNUMMER)
    return ("ok", kind, synthetic, remainder != 0, born if years else None)


def outcome(number: str, allow_synthetic: bool) -> tuple[object, ...]:
    try:
        person = parse_person_id(number, allow_synthetic=allow_synthetic)
    except InvalidIdentifier as error:
        reported = {k: v for k, v in error.values.items()
                    if k not in ("label", "number", "given", "digits", "length")}
        return (error.key, reported)
    assert person.number == "".join(number.split())
    return ("ok", person.kind, person.synthetic, person.new_rule, person.birth_date)


@st.composite
def eleven_digit_numbers(draw: st.DrawFn) -> str:
    """Mostly numbers that pass or fail late: date fields of every series (and some not), any
    year and individual number, control digits right (classic or 2032 rule) or not."""
    offsets = st.sampled_from([0, 0, 40, 80])
    day = draw(st.one_of(st.integers(1, 31).map(lambda d: d + draw(offsets)), st.integers(0, 99)))
    month = draw(st.one_of(st.integers(1, 12).map(lambda m: m + draw(offsets)),
                           st.integers(0, 99)))
    first9 = f"{day % 100:02d}{month % 100:02d}{draw(st.integers(0, 99)):02d}"
    first9 += f"{draw(st.integers(0, 999)):03d}"
    k1 = (int(stdnum_fnr.calc_check_digit1(first9)) + draw(st.integers(0, 10))) % 11
    k1 = k1 if k1 < 10 else draw(st.integers(0, 9))
    k2 = stdnum_fnr.calc_check_digit2(f"{first9}{k1}")
    if len(k2) > 1 or draw(st.integers(0, 9)) == 0:
        k2 = str(draw(st.integers(0, 9)))
    return f"{first9}{k1}{k2}"


@settings(max_examples=1500)
@given(st.one_of(eleven_digit_numbers(), st.text(alphabet="0123456789", min_size=11,
                                                 max_size=11), st.text(min_size=11, max_size=11)),
       st.booleans())
def test_any_eleven_characters_follow_the_documented_rules(number: str, allow: bool) -> None:
    assume(number == "".join(number.split()))  # whitespace: see the next test
    assert outcome(number, allow) == expected_person(number, allow)


@given(eleven_digit_numbers(), st.lists(st.sampled_from(" \u00a0\u2009\t\n"), max_size=3),
       st.integers(0, 11), st.booleans())
def test_whitespace_anywhere_changes_nothing_but_the_value_reported(
    number: str, spaces: list[str], at: int, allow: bool
) -> None:
    spaced = number[:at] + "".join(spaces) + number[at:]
    assert outcome(spaced, allow) == outcome(number, allow)
    try:
        parse_person_id(spaced, allow_synthetic=allow)
    except InvalidIdentifier as error:
        assert error.value == spaced
        assert error.values["number"] == number


def test_the_prefix_table_agrees_with_the_explaining_classifier_on_every_day_and_month() -> None:
    accepted = 0
    for prefix in (f"{p:04d}" for p in range(10_000)):
        number = f"{prefix}8600000"
        try:
            classified = person_module._classify(number, number)
        except InvalidIdentifier:
            assert prefix not in person_module.PREFIXES
            continue
        assert person_module.PREFIXES[prefix] == classified
        accepted += 1
    assert accepted == len(person_module.PREFIXES) == 1860


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_written_out_control_sums_use_stdnums_weights(number: str) -> None:
    remainder = (int(number[9]) - int(stdnum_fnr.calc_check_digit1(number[:9]))) % 11
    k2_ok = number[10] == stdnum_fnr.calc_check_digit2(number[:10])
    expected = (ControlResult.K1_FAILS if remainder > 3 else ControlResult.K2_FAILS if not k2_ok
                else ControlResult.CLASSIC if remainder == 0 else ControlResult.NEW_RULE)
    assert control_result([int(d) for d in number]) is expected
    assert check_control_digits(number) is expected
    assert k1_remainder(number) == remainder


def test_a_str_subclass_comes_back_as_a_plain_str() -> None:
    class Text(str):
        pass

    assert type(parse_person_id(Text("15108695088")).number) is str
    assert type(validate_orgnr(Text("974760673"))) is str


@given(st.one_of(st.text(alphabet="0123456789", min_size=9, max_size=9), st.text(max_size=10)),
       st.booleans())
def test_orgnr_reasons_come_in_the_documented_order(raw: str, allow: bool) -> None:
    number = "".join(raw.split())
    if not (number.isascii() and number.isdigit()):
        key = "ids.digits_only"
    elif len(number) != 9:
        key = "ids.length"
    elif number[0] not in "2389":
        key = "ids.orgnr_first_digit"
    elif not stdnum_orgnr.is_valid(number):
        key = "ids.orgnr_checksum"
    elif number[0] in "23" and not allow:
        key = "ids.orgnr_tenor"
    else:
        assert validate_orgnr(raw, allow_synthetic=allow) == number
        return
    with pytest.raises(InvalidIdentifier) as info:
        validate_orgnr(raw, allow_synthetic=allow)
    assert info.value.key == key
    assert info.value.value == raw
