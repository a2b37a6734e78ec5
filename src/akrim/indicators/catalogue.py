"""The indicator catalogue and its configuration, read from the package's data files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

POPULATIONS = ("employers", "enheter", "persons")
SEVERITIES = ("low", "medium", "high")
SIGNALS = ("strong", "weak")


@dataclass(frozen=True)
class Indicator:
    key: str
    id: str
    title: dict[str, str]
    description: dict[str, str]
    legal_basis: str
    seed: str
    agencies: tuple[str, ...]
    severity: str
    requires: tuple[str, ...]
    populations: tuple[str, ...]  # who it can judge: employers, enheter, persons
    sql: str
    weight: float
    params: dict[str, Any] = field(default_factory=dict)
    second_pass: bool = False
    weak: bool = False
    """A weak signal: enough to score, not enough alone to enter the priority list."""
    check_sql: str | None = None
    """`<key>.check.sql`, when there is one: beyond its registers being loaded and fresh, what
    the indicator needs of the data (one value: NULL when enough, else the reason)."""

    def text(self, lang: str) -> str:
        return self.title.get(lang) or self.title["nb"]


@cache
def config() -> dict[str, Any]:
    text = (files("akrim.indicators") / "config.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


@cache
def load() -> tuple[Indicator, ...]:
    folder = files("akrim.indicators") / "catalogue"
    settings = config()["indicators"]
    out = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        key = entry.name.removesuffix(".yaml")
        check = folder / f"{key}.check.sql"
        meta = yaml.safe_load(entry.read_text(encoding="utf-8"))
        if key not in settings:
            raise ValueError(f"indicators/config.yaml has no entry for indicator {key!r}")
        params = dict(settings[key])
        weight = float(params.pop("weight"))
        populations = meta["population"]
        populations = (populations,) if isinstance(populations, str) else tuple(populations)
        signal = meta.get("signal", "strong")
        if (not set(populations) <= set(POPULATIONS) or meta["severity"] not in SEVERITIES
                or signal not in SIGNALS):
            raise ValueError(f"{entry.name}: unknown population, severity or signal")
        out.append(Indicator(
            key=key, id=meta["id"], title=meta["title"], description=meta["description"],
            legal_basis=meta["legal_basis"], seed=meta["seed"],
            agencies=tuple(meta["agencies"]), severity=meta["severity"],
            requires=tuple(meta["requires"]), populations=populations,
            sql=(folder / f"{key}.sql").read_text(encoding="utf-8"),
            weight=weight, params=params, second_pass=bool(meta.get("second_pass", False)),
            weak=signal == "weak",
            check_sql=check.read_text(encoding="utf-8") if check.is_file() else None,
        ))
    return tuple(out)


def by_id(indicator_id: str) -> Indicator:
    for indicator in load():
        if indicator_id in (indicator.id, indicator.key):
            return indicator
    raise KeyError(indicator_id)
