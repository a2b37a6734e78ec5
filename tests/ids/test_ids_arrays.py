"""The array checks accept exactly what the scalar validators return unchanged."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from akrim.ids import InvalidIdentifier, parse_person_id, validate_orgnr
from akrim.ids.arrays import accepted_orgnrs, accepted_person_ids
from akrim.ids.control import k1_for_remainder, k2_for


def scalar_person(value: str | None, allow: bool) -> bool:
    if value is None:
        return False
    try:
        return parse_person_id(value, allow_synthetic=allow).number == value
    except InvalidIdentifier:
        return False


def scalar_orgnr(value: str | None, allow: bool) -> bool:
    if value is None:
        return False
    try:
        return validate_orgnr(value, allow_synthetic=allow) == value
    except InvalidIdentifier:
        return False


def with_every_control_pair(bodies: list[str]) -> list[str]:
    """Each nine-digit body with all 100 pairs of control digits: right and wrong ones."""
    return [body + f"{pair:02d}" for body in bodies for pair in range(100)]


@pytest.mark.parametrize("allow", [False, True])
def test_person_ids_agree_with_the_scalar_check_on_every_control_pair(allow: bool) -> None:
    rng = random.Random(17)
    bodies = [f"{rng.randint(1, 79):02d}{rng.randint(1, 99):02d}{rng.randint(0, 99999):05d}"
              for _ in range(600)]
    values = with_every_control_pair(bodies)
    accepted = accepted_person_ids(pa.array(values), allow_synthetic=allow)
    expected = [scalar_person(v, allow) for v in values]
    assert accepted.tolist() == expected
    assert sum(expected) > 100  # the sample holds accepted numbers, not only rejected ones


@pytest.mark.parametrize("allow", [False, True])
def test_person_ids_agree_on_every_day_and_month_prefix(allow: bool) -> None:
    """Each DDMM prefix with classic and 2032-rule control digits, and year and individual
    numbers that make the century known, unknown, or a 29 February of a leap year or not."""
    values = []
    for prefix in (f"{p:04d}" for p in range(10_000)):
        for middle in ("00000", "00499", "00900", "60750", "85100"):
            first9 = prefix + middle
            for remainder in (0, 1, 3):
                k1 = k1_for_remainder(first9, remainder)
                k2 = None if k1 is None else k2_for(first9 + str(k1))
                if k2 is not None:
                    values.append(f"{first9}{k1}{k2}")
    accepted = accepted_person_ids(pa.array(values), allow_synthetic=allow)
    assert accepted.tolist() == [scalar_person(v, allow) for v in values]


def test_leap_days_follow_the_century_the_individual_number_gives() -> None:
    numbers = {
        "29029610086": True,   # 29.02.1996 (individual 100: the 1900s), a leap year
        "29020050088": True,   # 29.02.2000 (individual 500: the 2000s), a leap year
        "69020050071": True,   # the same day as a d-number
        "29020010027": False,  # 29.02.1900 (individual 100: the 1900s), not a leap year
        "29029710269": False,  # 29.02.1997, not a leap year
        "29020010035": True,   # 2032 rule: the century is not read, 29.02.2000 is checked
    }
    accepted = accepted_person_ids(pa.array(list(numbers)), allow_synthetic=False).tolist()
    assert accepted == list(numbers.values())
    assert accepted == [scalar_person(n, False) for n in numbers]


def test_what_the_scalar_check_would_change_or_explain_is_left_to_it() -> None:
    values = ["0101011234 5", " 01010112345", "", None, "abcdefghijk", "٠١٠١٠١١٢٣٤٥",
              "010101123456", "0101011234"]
    assert not accepted_person_ids(pa.array(values), allow_synthetic=True).any()
    assert not accepted_orgnrs(pa.array(["974 760 673", None, "", "97476067３"]),
                               allow_synthetic=True).any()


def test_positions_hold_in_a_sliced_array_with_nulls() -> None:
    valid = "15076500565"  # a classic fødselsnummer
    assert scalar_person(valid, False)
    values = pa.array(["x", valid, None, "bad", valid, "0101011234 5", valid])[1:]
    assert accepted_person_ids(values, allow_synthetic=False).tolist() == [
        True, False, False, True, False, True]
    large = pa.array(values.to_pylist(), pa.large_string())
    assert accepted_person_ids(large, allow_synthetic=False).tolist() == [
        True, False, False, True, False, True]


@pytest.mark.parametrize("allow", [False, True])
def test_orgnrs_agree_with_the_scalar_check(allow: bool) -> None:
    rng = random.Random(5)
    bodies = [f"{rng.randint(0, 99_999_999):08d}" for _ in range(3000)]
    values = [body + str(check) for body in bodies for check in range(10)]
    accepted = accepted_orgnrs(pa.array(values), allow_synthetic=allow)
    expected = [scalar_orgnr(v, allow) for v in values]
    assert accepted.tolist() == expected
    assert sum(expected) > 100


@given(st.lists(st.one_of(st.none(), st.text(max_size=12),
                          st.text(alphabet="0123456789 ", min_size=9, max_size=12)),
                max_size=30),
       st.booleans())
def test_any_text_is_accepted_only_where_the_scalar_checks_return_it(
    values: list[str | None], allow: bool
) -> None:
    array = pa.array(values, pa.string())
    assert accepted_person_ids(array, allow_synthetic=allow).tolist() == [
        scalar_person(v, allow) for v in values]
    assert accepted_orgnrs(array, allow_synthetic=allow).tolist() == [
        scalar_orgnr(v, allow) for v in values]
