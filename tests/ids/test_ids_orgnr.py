"""Organisation numbers: known numbers, normalisation, failures and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.no import orgnr as stdnum_orgnr

from akrim.ids import InvalidIdentifier, is_valid_orgnr, make_orgnr, validate_orgnr

KNOWN_VALID = [
    "974760673",  # Brønnøysundregistrene
    "923609016",  # Equinor ASA
    "988077917",  # python-stdnum documentation example
]


@pytest.mark.parametrize("number", KNOWN_VALID)
def test_known_organisation_numbers_are_valid(number: str) -> None:
    assert is_valid_orgnr(number)
    assert validate_orgnr(number) == number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("974 760 673", "974760673"),
        (" 923\u00a0609\u2009016 ", "923609016"),
        ("988077917\n", "988077917"),
    ],
)
def test_whitespace_is_stripped(raw: str, expected: str) -> None:
    assert validate_orgnr(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("974760674", "fails the mod-11 check"),
        ("923609017", "fails the mod-11 check"),
        ("97476067", "has 8 digits, expected 9"),
        ("9747606730", "has 10 digits, expected 9"),
        ("", "digits only"),
        ("974-760-673", "digits only"),
        ("NO974760673MVA", "digits only"),
        ("٩٧٤٧٦٠٦٧٣", "digits only"),  # Arabic-Indic digits are not ASCII digits
    ],
)
def test_invalid_organisation_numbers_explain_why(raw: str, fragment: str) -> None:
    assert not is_valid_orgnr(raw)
    with pytest.raises(InvalidIdentifier) as info:
        validate_orgnr(raw)
    assert fragment in info.value.reason
    assert info.value.value == raw
    assert str(info.value) == info.value.reason


def test_first_digit_must_be_8_or_9_even_with_a_good_checksum() -> None:
    for body in range(10_000_000, 10_000_050):
        number = f"{body:08d}"
        candidate = next(
            (f"{number}{d}" for d in "0123456789" if stdnum_orgnr.is_valid(f"{number}{d}")),
            None,
        )
        if candidate is not None:
            break
    assert candidate is not None and stdnum_orgnr.is_valid(candidate)
    with pytest.raises(InvalidIdentifier, match="must start with 8 or 9"):
        validate_orgnr(candidate)


def test_invalid_identifier_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        validate_orgnr("123")


def test_make_orgnr_reproduces_known_numbers() -> None:
    assert make_orgnr(97476067) == "974760673"
    assert make_orgnr(92360901) == "923609016"


def test_make_orgnr_returns_none_when_check_digit_would_be_10() -> None:
    assert make_orgnr(80000005) is None


@pytest.mark.parametrize("body", [0, 79_999_999, 100_000_000, -1])
def test_make_orgnr_rejects_bodies_outside_8_and_9_series(body: int) -> None:
    with pytest.raises(ValueError):
        make_orgnr(body)


bodies = st.integers(min_value=80_000_000, max_value=99_999_999)


@given(bodies)
def test_generated_orgnr_validates_and_agrees_with_stdnum(body: int) -> None:
    number = make_orgnr(body)
    if number is None:
        assert all(not stdnum_orgnr.is_valid(f"{body}{d}") for d in "0123456789")
        return
    assert validate_orgnr(number) == number
    assert stdnum_orgnr.is_valid(number)


@given(bodies, st.integers(min_value=0, max_value=8), st.integers(min_value=1, max_value=9))
def test_any_single_digit_change_invalidates(body: int, position: int, delta: int) -> None:
    number = make_orgnr(body)
    if number is None:
        return
    changed_digit = str((int(number[position]) + delta) % 10)
    mutated = number[:position] + changed_digit + number[position + 1 :]
    assert mutated != number
    assert not is_valid_orgnr(mutated)


@given(st.text(max_size=20))
def test_arbitrary_text_never_crashes(raw: str) -> None:
    try:
        number = validate_orgnr(raw)
    except InvalidIdentifier:
        return
    assert len(number) == 9 and number[0] in "89"


# -- Tenor test organisations (first digit 2 or 3), accepted only as synthetic data -------------

TENOR_EXAMPLES = [
    "310111643",  # Skatteetaten/api-dokumentasjon docs/api/restanser.md
    "210465472",  # docs/api/innrapportering-amelding-filopplasting.md, opplysningspliktig
    "314768949",  # the same example's virksomhet
]


@pytest.mark.parametrize("number", TENOR_EXAMPLES)
def test_tenor_examples_are_accepted_only_as_synthetic(number: str) -> None:
    assert validate_orgnr(number, allow_synthetic=True) == number
    with pytest.raises(InvalidIdentifier) as info:
        validate_orgnr(number)
    assert info.value.reason == (
        f"organisation number {number} is a Tenor test organisation number "
        f"(first digit {number[0]}); load with --synthetic")


def test_a_tenor_number_with_a_bad_check_digit_fails_the_check_not_the_series() -> None:
    with pytest.raises(InvalidIdentifier, match="310111644 fails the mod-11 check"):
        validate_orgnr("310111644", allow_synthetic=True)
    with pytest.raises(InvalidIdentifier, match="310111644 fails the mod-11 check"):
        validate_orgnr("310111644")


def test_synthetic_data_does_not_open_other_series() -> None:
    with pytest.raises(InvalidIdentifier, match="must start with 8 or 9, not 1"):
        validate_orgnr("135795310", allow_synthetic=True)  # mod-11 valid, first digit 1


nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


@given(nine_digits)
def test_the_rule_is_stdnum_checksum_plus_the_first_digit(number: str) -> None:
    """Model check: stdnum decides the check digit, the first digit decides the series."""
    checksum_ok = stdnum_orgnr.is_valid(number)
    assert is_valid_orgnr(number) == (checksum_ok and number[0] in "89")
    assert is_valid_orgnr(number, allow_synthetic=True) == (checksum_ok and number[0] in "2389")


@given(st.integers(min_value=20_000_000, max_value=39_999_999))
def test_every_tenor_body_with_a_check_digit_is_synthetic_only(body: int) -> None:
    number = next((f"{body}{d}" for d in "0123456789" if stdnum_orgnr.is_valid(f"{body}{d}")),
                  None)
    if number is None:  # remainder 1: no check digit exists, as for real numbers
        return
    assert validate_orgnr(number, allow_synthetic=True) == number
    assert not is_valid_orgnr(number)
