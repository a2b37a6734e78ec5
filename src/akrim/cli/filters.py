"""The priority list's filters: a value given in any case is the catalogue's spelling of it; a
value the catalogue does not know is an error that lists the ones it does."""

from __future__ import annotations

from collections.abc import Iterable

import typer

from akrim.i18n import Lang, t
from akrim.indicators.catalogue import config, load

ACTOR_TYPES = ("company", "person", "cluster")
"""The kinds of entry the priority list holds (scoring/sql/priority.sql)."""


def valid_values() -> dict[str, tuple[str, ...]]:
    """Each filter option's values, as indicators/config.yaml and the catalogue spell them."""
    return {
        "--region": tuple(config()["regions"]),
        "--industry": tuple(config()["industries"]),
        "--agency": tuple(sorted({a for i in load() for a in i.agencies}, key=str.casefold)),
        "--type": ACTOR_TYPES,
    }


def canonical(option: str, given: str | None, valid: Iterable[str], lang: Lang) -> str | None:
    """`given` as the catalogue spells it (None: the option was not given)."""
    if given is None:
        return None
    choices = tuple(valid)
    for value in choices:
        if value.casefold() == given.strip().casefold():
            return value
    raise typer.BadParameter(t("error.unknown_value", lang, value=given,
                               valid=", ".join(choices)), param_hint=f"'{option}'")
