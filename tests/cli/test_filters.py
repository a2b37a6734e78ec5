"""`akrim top --region/--industry/--agency/--type`: values in any case; an unknown value is a
usage error that lists the valid ones, as the catalogue spells them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from akrim.cli.filters import canonical, valid_values
from akrim.cli.main import app
from akrim.i18n import t
from akrim.indicators.catalogue import config, load


def top(data: Path, *args: str) -> Any:
    return CliRunner().invoke(app, ["top", "--json", "-n", "100", "--data-dir", str(data),
                                    *args], catch_exceptions=False)


def test_the_valid_values_are_the_catalogues() -> None:
    valid = valid_values()
    assert valid["--region"] == tuple(config()["regions"])
    assert valid["--industry"] == tuple(config()["industries"])
    assert set(valid["--agency"]) == {a for i in load() for a in i.agencies}


@pytest.mark.parametrize("option", ["--region", "--agency", "--type"])
def test_a_value_in_any_case_filters_as_the_catalogue_spells_it(analysed: Path,
                                                                option: str) -> None:
    kept = 0
    for value in valid_values()[option]:
        exact = top(analysed, option, value)
        assert exact.exit_code == 0, exact.output
        kept += len(json.loads(exact.stdout))
        for given_as in (value.upper(), value.lower(), f" {value.swapcase()} "):
            other = top(analysed, option, given_as)
            assert other.exit_code == 0, other.output
            assert other.stdout == exact.stdout
    assert kept, f"no value of {option} keeps an entry of the demo's list: nothing compared"


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("option", ["--region", "--industry", "--agency", "--type"])
def test_an_unknown_value_is_an_error_listing_the_valid_ones(analysed: Path, option: str,
                                                            lang: str) -> None:
    result = CliRunner().invoke(app, ["top", option, "Atlantis", "--lang", lang,
                                      "--data-dir", str(analysed)], env={"COLUMNS": "1000"})
    assert result.exit_code == 2
    message = t("error.unknown_value", lang, value="Atlantis",
                valid=", ".join(valid_values()[option]))
    assert f"Invalid value for '{option}': {message}" in " ".join(result.output.split())


@given(st.text(max_size=12))
def test_canonical_is_a_valid_value_or_an_error(given_as: str) -> None:
    valid = ("Oslo", "Bodø", "construction")
    try:
        found = canonical("--region", given_as, valid, "en")
    except typer.BadParameter as error:
        assert "valid values: Oslo, Bodø, construction" in str(error)
        assert given_as.strip().casefold() not in {v.casefold() for v in valid}
    else:
        assert found in valid and found.casefold() == given_as.strip().casefold()
