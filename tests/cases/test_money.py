"""Amounts in kroner as the reader types them, stored in whole øre."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akrim.cases.money import NotAnAmount, format_oere, parse_kroner
from akrim.i18n import Lang


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["nb", "en"]))
def test_an_amount_written_is_read_back(amount: int, lang: Lang) -> None:
    assert parse_kroner(format_oere(amount, lang), lang) == amount


@pytest.mark.parametrize(("text", "lang", "oere"), [
    ("12 500,50", "nb", 1_250_050), ("12500", "nb", 1_250_000), ("12.500,5", "nb", 1_250_050),
    ("7 kr", "nb", 700), ("kr 7,05", "nb", 705), ("1,000.25", "en", 100_025),
    ("1,000,000", "en", 100_000_000), ("0", "en", 0),
])
def test_kroner_as_typed(text: str, lang: Lang, oere: int) -> None:
    assert parse_kroner(text, lang) == oere


@pytest.mark.parametrize(("text", "lang"), [
    ("", "nb"), ("abc", "nb"), ("-5", "nb"), ("12,505", "nb"), ("1.00,00", "nb"),
    ("1.000.00", "nb"), ("12,50", "en"), ("1e5", "en"),
])
def test_what_is_not_an_amount_is_refused(text: str, lang: Lang) -> None:
    with pytest.raises(NotAnAmount) as refused:
        parse_kroner(text, lang)
    assert text in refused.value.message("en") and text in refused.value.message("nb")


def test_bokmaal_groups_thousands_with_a_space_and_writes_a_decimal_comma() -> None:
    assert format_oere(123_456_789) == "1\u202f234\u202f567,89"
    assert format_oere(5, "en") == "0.05"
