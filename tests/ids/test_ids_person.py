"""Personal identifiers: examples, failures, kinds, synthetic gating and the 2032 rule."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from stdnum.no import fodselsnummer as stdnum_fnr

from akrim.ids import IdKind, InvalidIdentifier, PersonId, is_valid_person_id, parse_person_id
from akrim.ids.control import k1_for_remainder, k2_for


def with_classic_control_digits(first9: str) -> str | None:
    """Append classic k1/k2 to any 9 digits (even an impossible date), or None."""
    k1 = k1_for_remainder(first9, 0)
    if k1 is None:
        return None
    k2 = k2_for(f"{first9}{k1}")
    return None if k2 is None else f"{first9}{k1}{k2}"


def first_valid(prefix6: str, individuals: range = range(1000)) -> str:
    """The first number with classic control digits for a 6-digit date prefix."""
    for individual in individuals:
        number = with_classic_control_digits(f"{prefix6}{individual:03d}")
        if number is not None:
            return number
    raise AssertionError(f"no valid number for {prefix6}")


def test_stdnum_documentation_example() -> None:
    person = parse_person_id("151086 95088")
    assert person == PersonId("15108695088", IdKind.FODSELSNUMMER, dt.date(1986, 10, 15), False)
    assert person.gender_digit == 0
    assert person.legacy_gender == "F" == stdnum_fnr.get_gender("15108695088")
    assert person.individual_number == 950


@pytest.mark.parametrize(
    ("number", "born"),
    [
        # Examples from Skatteetaten's "Nytt fødselsnummer fra 2032" page (classic k1).
        ("02013299997", dt.date(2032, 1, 2)),
        ("30108299920", dt.date(1982, 10, 30)),
    ],
)
def test_skatteetaten_classic_examples(number: str, born: dt.date) -> None:
    person = parse_person_id(number)
    assert person.birth_date == born
    assert not person.new_rule


def test_2032_rule_example_accepted_where_stdnum_rejects() -> None:
    # Skatteetaten's "Person 2 født 30.10.1982" example: k1 with remainder 1.
    number = "30108299939"
    assert not stdnum_fnr.is_valid(number)
    person = parse_person_id(number)
    assert person.new_rule
    assert person.kind is IdKind.FODSELSNUMMER
    assert person.birth_date is None  # individual no longer encodes the century
    assert person.legacy_gender is None  # new numbers are gender-neutral


def test_k1_remainder_outside_0_to_3_is_rejected() -> None:
    # 30108299920 has classic k1 = 2; remainder r gives k1 = 2 + r. Take r = 4 -> k1 = 6
    # and give it the k2 that would be right, so only k1 is wrong.
    k2 = k2_for("3010829996")
    assert k2 is not None
    number = f"3010829996{k2}"
    with pytest.raises(InvalidIdentifier, match="fails control digit k1"):
        parse_person_id(number)


def test_k2_failure_is_reported() -> None:
    good = "15108695088"
    bad = good[:10] + str((int(good[10]) + 1) % 10)
    with pytest.raises(InvalidIdentifier) as info:
        parse_person_id(bad)
    assert info.value.reason == f"fødselsnummer {bad} fails control digit k2"
    assert info.value.value == bad


def test_k1_failure_is_reported() -> None:
    with pytest.raises(InvalidIdentifier, match="fødselsnummer 01010112345 fails control digit k1"):
        parse_person_id("01010112345")


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("1510869508", "has 10 digits, expected 11"),
        ("151086950880", "has 12 digits, expected 11"),
        ("151086-95088", "digits only"),
        ("", "digits only"),
        ("１５１０８６９５０８８", "digits only"),  # full-width digits
    ],
)
def test_malformed_input(raw: str, fragment: str) -> None:
    with pytest.raises(InvalidIdentifier, match=fragment):
        parse_person_id(raw)
    assert not is_valid_person_id(raw)


@pytest.mark.parametrize(
    ("prefix6", "fragment"),
    [
        ("320190", "impossible day 32"),
        ("000190", "impossible day 00"),
        ("011390", "impossible month 13"),
        ("010090", "impossible month 00"),
        ("300290", "impossible date 30.02.1990"),
        ("310490", "impossible date 31.04.1990"),
        ("290290", "impossible date 29.02.1990"),
        ("720190", "impossible day 32"),  # D-number, day 72 - 40 = 32
        ("015390", "impossible month 13"),  # H-number, month 53 - 40 = 13
    ],
)
def test_impossible_dates_are_rejected_even_with_valid_control_digits(
    prefix6: str, fragment: str
) -> None:
    number = first_valid(prefix6, range(0, 500))
    with pytest.raises(InvalidIdentifier, match=re.escape(fragment)):
        parse_person_id(number, allow_synthetic=True)


def test_leap_day_depends_on_century_from_individual_number() -> None:
    in_1900 = first_valid("290200", range(0, 500))
    in_2000 = first_valid("290200", range(500, 1000))
    with pytest.raises(InvalidIdentifier, match=re.escape("impossible date 29.02.1900")):
        parse_person_id(in_1900)
    assert parse_person_id(in_2000).birth_date == dt.date(2000, 2, 29)


@pytest.mark.parametrize(
    ("individual", "yy", "year"),
    [
        (0, 85, 1985),
        (499, 5, 1905),
        (500, 60, 1860),
        (749, 99, 1899),
        (500, 10, 2010),
        (999, 39, 2039),
        (900, 40, 1940),
        (999, 99, 1999),
    ],
)
def test_century_from_individual_number(individual: int, yy: int, year: int) -> None:
    # Vary the day until this exact individual number has control digits.
    for day in range(1, 29):
        number = with_classic_control_digits(f"{day:02d}01{yy:02d}{individual:03d}")
        if number is not None:
            assert parse_person_id(number).birth_date == dt.date(year, 1, day)
            return
    raise AssertionError("no day gives control digits")


def test_individual_number_outside_classic_series_has_no_birth_date() -> None:
    # 800 was never used for years 40-99 before 2032; the date digits are still checked.
    number = first_valid("150160", range(800, 900))
    person = parse_person_id(number)
    assert person.birth_date is None
    assert not person.new_rule


def test_d_number() -> None:
    number = first_valid("550186", range(0, 500))
    person = parse_person_id(number)
    assert person.kind is IdKind.D_NUMBER
    assert person.birth_date == dt.date(1986, 1, 15)
    assert not person.synthetic


def test_h_number() -> None:
    number = first_valid("154586", range(0, 500))
    person = parse_person_id(number)
    assert person.kind is IdKind.H_NUMBER
    assert person.birth_date == dt.date(1986, 5, 15)


def test_synthetic_only_with_flag() -> None:
    number = first_valid("158586", range(0, 500))
    with pytest.raises(InvalidIdentifier, match="allow_synthetic=True"):
        parse_person_id(number)
    assert not is_valid_person_id(number)
    person = parse_person_id(number, allow_synthetic=True)
    assert person.kind is IdKind.SYNTHETIC
    assert person.synthetic
    assert person.birth_date == dt.date(1986, 5, 15)
    assert is_valid_person_id(number, allow_synthetic=True)


def test_synthetic_d_number_only_with_flag() -> None:
    number = first_valid("558586", range(0, 500))
    with pytest.raises(InvalidIdentifier, match="synthetic D-number"):
        parse_person_id(number)
    person = parse_person_id(number, allow_synthetic=True)
    assert (person.kind, person.synthetic) == (IdKind.D_NUMBER, True)
    assert person.birth_date == dt.date(1986, 5, 15)


def test_synthetic_with_impossible_month_reports_the_month() -> None:
    number = first_valid("159386", range(0, 500))  # month 93 - 80 = 13
    with pytest.raises(InvalidIdentifier, match="impossible month 13"):
        parse_person_id(number, allow_synthetic=True)


def test_fh_numbers_are_rejected() -> None:
    number = first_valid("812345")
    with pytest.raises(InvalidIdentifier, match="FH-number"):
        parse_person_id(number, allow_synthetic=True)


def test_d_and_h_combination_is_rejected() -> None:
    number = first_valid("554586", range(0, 500))
    with pytest.raises(InvalidIdentifier, match="D-number day"):
        parse_person_id(number, allow_synthetic=True)


def test_future_birth_dates_are_not_rejected_so_results_do_not_depend_on_the_clock() -> None:
    number = first_valid("010139", range(500, 1000))
    assert parse_person_id(number).birth_date == dt.date(2039, 1, 1)
