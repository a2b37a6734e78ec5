"""The instrument catalogue (`data/instruments.yaml`) and which instrument groups each
indicator calls for (`data/recommendations.yaml`), read once and checked whole.

Why checked at load: a typo in an agency or a speed would silently drop an instrument from
every recommendation; a bad file stops with the entry and field at fault instead."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from akrim.errors import AkrimError
from akrim.i18n import add_messages

AGENCIES = ("arbeidstilsynet", "nav", "politiet", "skatteetaten")
"""The agencies of the cooperation that apply instruments (the seed's columns)."""
FIELDS = ("id", "name", "group", "agencies", "speed", "goal", "seed", "inferred")

add_messages({
    "catalogue.invalid": ("{file}: oppføring {entry}, feltet {field}: {reason}",
                          "{file}: entry {entry}, field {field}: {reason}"),
})


class CatalogueError(AkrimError):
    """An entry of the catalogue's data files is incomplete or names an unknown value."""

    key = "catalogue.invalid"

    def __init__(self, file: str, entry: str, field: str, reason: str) -> None:
        super().__init__(file=file, entry=entry, field=field, reason=reason)


@dataclass(frozen=True)
class Instrument:
    id: str
    name: dict[str, str]
    group: str
    agencies: tuple[str, ...]
    speed: str
    goal: str
    seed: str
    inferred: bool
    money: bool
    """Applying it sets or takes an amount (a fine, a claim, a seizure)."""
    why: str | None

    def text(self, lang: str) -> str:
        return self.name.get(lang) or self.name["nb"]


@dataclass(frozen=True)
class Call:
    """The instrument groups an indicator's hit calls for, and why (nb, en)."""

    indicator: str
    groups: tuple[str, ...]
    why: dict[str, str]


@dataclass(frozen=True)
class Catalogue:
    goals: dict[str, dict[str, str]]
    groups: dict[str, dict[str, str]]
    speeds: dict[str, dict[str, str]]
    """Fastest first (the file's order)."""
    instruments: tuple[Instrument, ...]
    calls: dict[str, Call]

    def instrument(self, instrument_id: str) -> Instrument:
        for instrument in self.instruments:
            if instrument.id == instrument_id:
                return instrument
        raise KeyError(instrument_id)

    def speed_rank(self, speed: str) -> int:
        return list(self.speeds).index(speed)


def _read(name: str) -> Any:
    return yaml.safe_load((files("akrim.cases") / "data" / name).read_text(encoding="utf-8"))


def _instrument(entry: dict[str, Any], known: dict[str, Any], seen: set[str]) -> Instrument:
    where = str(entry.get("id", "?"))

    def fail(field: str, reason: str) -> CatalogueError:
        return CatalogueError("instruments.yaml", where, field, reason)

    for field in FIELDS:
        if entry.get(field) in (None, "", []):
            raise fail(field, "missing")
    if where in seen:
        raise fail("id", "given twice")
    if set(entry["name"]) != {"nb", "en"} or not all(entry["name"].values()):
        raise fail("name", "needs nb and en")
    for field in ("group", "speed", "goal"):
        if entry[field] not in known[f"{field}s"]:
            raise fail(field, f"unknown {entry[field]!r}; valid: {', '.join(known[f'{field}s'])}")
    unknown = [a for a in entry["agencies"] if a not in AGENCIES]
    if unknown or len(set(entry["agencies"])) != len(entry["agencies"]):
        raise fail("agencies", f"unknown or repeated {unknown or entry['agencies']}; valid: "
                               f"{', '.join(AGENCIES)}")
    if not isinstance(entry["inferred"], bool):
        raise fail("inferred", "true or false")
    if entry["inferred"] and not entry.get("why"):
        raise fail("why", "an inferred entry says what decided it")
    if not str(entry["seed"]).startswith("goal-and-results-management-nb.txt:"):
        raise fail("seed", "the seed file and line")
    return Instrument(where, dict(entry["name"]), entry["group"], tuple(entry["agencies"]),
                      entry["speed"], entry["goal"], entry["seed"], entry["inferred"],
                      bool(entry.get("money", False)), entry.get("why"))


def _calls(raw: dict[str, Any], groups: dict[str, Any]) -> dict[str, Call]:
    out = {}
    for indicator, entry in raw.items():
        def fail(field: str, reason: str, at: str = indicator) -> CatalogueError:
            return CatalogueError("recommendations.yaml", at, field, reason)

        unknown = [g for g in entry.get("groups") or [] if g not in groups]
        if not entry.get("groups") or unknown:
            raise fail("groups", f"missing or unknown {unknown}")
        why = entry.get("why") or {}
        if set(why) != {"nb", "en"} or not all(why.values()):
            raise fail("why", "needs nb and en")
        out[indicator] = Call(indicator, tuple(entry["groups"]), dict(why))
    return out


@cache
def catalogue() -> Catalogue:
    raw = _read("instruments.yaml")
    for kind in ("goals", "groups", "speeds"):
        for key, names in raw[kind].items():
            if set(names) != {"nb", "en"} or not all(names.values()):
                raise CatalogueError("instruments.yaml", f"{kind}.{key}", "name",
                                     "needs nb and en")
    seen: set[str] = set()
    instruments = []
    for entry in raw["instruments"]:
        instruments.append(_instrument(entry, raw, seen))
        seen.add(instruments[-1].id)
    return Catalogue(raw["goals"], raw["groups"], raw["speeds"], tuple(instruments),
                     _calls(_read("recommendations.yaml"), raw["groups"]))
