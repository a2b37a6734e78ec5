"""akrim.numbers: 28 648 in bokmål, 28,648 in English, read back to the same value."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akrim.numbers import NARROW_NO_BREAK_SPACE, number


@pytest.mark.parametrize(("value", "decimals", "nb", "en"), [
    (28648, None, "28 648", "28,648"),
    (1234567.891, 2, "1 234 567,89", "1,234,567.89"),
    (0.25, None, "0,25", "0.25"),
    (0.1 + 0.2, None, "0,3", "0.3"),
    (12.0, None, "12", "12"),
    (999, None, "999", "999"),
    (-4500, None, "-4 500", "-4,500"),
])
def test_examples(value: float, decimals: int | None, nb: str, en: str) -> None:
    assert number(value, "nb", decimals) == nb.replace(" ", NARROW_NO_BREAK_SPACE)
    assert number(value, "en", decimals) == en


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_an_integer_reads_back_and_groups_by_three(value: int) -> None:
    nb, en = number(value, "nb"), number(value, "en")
    assert int(nb.replace(NARROW_NO_BREAK_SPACE, "")) == value
    assert int(en.replace(",", "")) == value
    groups = en.lstrip("-").split(",")
    assert 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    assert nb == en.replace(",", NARROW_NO_BREAK_SPACE)


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(0, 4))
def test_decimals_follow_the_language(value: float, decimals: int) -> None:
    nb, en = number(value, "nb", decimals), number(value, "en", decimals)
    assert float(en.replace(",", "")) == float(f"{value:.{decimals}f}")
    assert nb == en.replace(",", NARROW_NO_BREAK_SPACE).replace(".", ",")
    assert ("," in nb) == (decimals > 0) and " " not in nb
