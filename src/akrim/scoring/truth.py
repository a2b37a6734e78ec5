"""A synthetic bundle's truth file (`truth/schemes.json`), read and checked for `akrim evaluate`.

The file is a JSON list of planted instances (docs/synthetic-data.md §4). Each has "scheme"
(str), "benign" (bool), "organisasjonsnummer" and "persons" (lists of identifiers), and
optionally "variant" (str; absent: "default") and "core": {"organisasjonsnummer": [...],
"persons": [...]}, the actors through which the instance may be credited (a facilitator's firm
and its people, not its clients). Absent "core": every actor of the instance is core, so truth
files written without it keep their meaning. "period" and "evidence" are for people and are not
read here. A file that breaks these rules is refused with its path, the entry and the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ACTOR_FIELDS = ("organisasjonsnummer", "persons")


class TruthError(ValueError):
    """A truth file that cannot be evaluated against: the file, where in it (a JSON path such as
    `[3].core.persons`, the list counted from 0) and why."""

    def __init__(self, path: Path, entry: int | None, field: str | None, reason: str) -> None:
        where = "".join([f"[{entry}]" if entry is not None else "",
                         f".{field}" if field else ""]).lstrip(".")
        super().__init__(f"{path}: {where or '-'}: {reason}")


@dataclass(frozen=True)
class Instance:
    """One planted instance, its identifiers as the truth file writes them."""

    scheme: str
    variant: str
    benign: bool
    organisasjonsnummer: frozenset[str]
    persons: frozenset[str]
    core_organisasjonsnummer: frozenset[str]
    core_persons: frozenset[str]


def read_truth(truth_dir: Path) -> list[Instance]:
    """The instances of `truth_dir/schemes.json` (or of `truth_dir` itself, when a file)."""
    path = truth_dir / "schemes.json" if truth_dir.is_dir() else truth_dir
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise TruthError(path, None, None, f"not JSON: {error}") from error
    if not isinstance(data, list):
        raise TruthError(path, None, None, f"a list of instances expected, not "
                                           f"{type(data).__name__}")
    return [_instance(path, n, entry) for n, entry in enumerate(data)]


def _instance(path: Path, n: int, entry: Any) -> Instance:
    if not isinstance(entry, dict):
        raise TruthError(path, n, None, f"an object expected, not {type(entry).__name__}")
    scheme = _text(path, n, "scheme", entry.get("scheme"))
    variant = _text(path, n, "variant", entry.get("variant", "default"))
    if not isinstance(entry.get("benign"), bool):
        raise TruthError(path, n, "benign", f"true or false expected, not "
                                            f"{entry.get('benign')!r}")
    actors = {name: _identifiers(path, n, name, entry.get(name)) for name in ACTOR_FIELDS}
    core_actors = _core(path, n, entry["core"], actors) if "core" in entry else actors
    if not any(core_actors.values()):
        raise TruthError(path, n, "core", "no core actor: the instance could never be found")
    return Instance(scheme, variant, entry["benign"], actors["organisasjonsnummer"],
                    actors["persons"], core_actors["organisasjonsnummer"],
                    core_actors["persons"])


def _text(path: Path, n: int, field: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise TruthError(path, n, field, f"a non-empty string expected, not {value!r}")
    return value


def _core(path: Path, n: int, core: Any,
          actors: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    if not isinstance(core, dict):
        raise TruthError(path, n, "core", f"an object expected, not {type(core).__name__}")
    unknown = sorted(set(core) - set(ACTOR_FIELDS))
    if unknown:
        raise TruthError(path, n, "core", f"unknown keys {unknown}; the keys are "
                                          f"{list(ACTOR_FIELDS)}")
    # a core field left out holds no core actor of that kind
    core_actors = {name: _identifiers(path, n, f"core.{name}", core.get(name, []))
                   for name in ACTOR_FIELDS}
    for name in ACTOR_FIELDS:
        outside = sorted(core_actors[name] - actors[name])
        if outside:
            raise TruthError(path, n, f"core.{name}", f"{outside} not among the instance's "
                                                      f"{name}")
    return core_actors


def _identifiers(path: Path, n: int, label: str, value: Any) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise TruthError(path, n, label, f"a list of identifiers (strings) expected, not "
                                         f"{value!r}")
    return frozenset(value)
