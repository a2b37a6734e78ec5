"""Which reader reads which file: recognised by the file's name, as documented in
docs/data-formats.md. Brønnøysund's bulk files keep their own download names."""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from akrim.ingest.problems import FileError
from akrim.ingest.readers import READERS
from akrim.ingest.records import ReaderSpec

IGNORED_DIRS = frozenset({"truth"})
"""A synthetic bundle's ground truth: for evaluation only, never read by analysis."""

IGNORED_NAMES = ("readme*", ".*", "bundle.json")
"""Matched case-insensitively; hidden directories (`.git`) are not walked either."""


@dataclass(frozen=True)
class Recognised:
    path: Path
    reader: ReaderSpec


def recognise(path: Path) -> ReaderSpec | None:
    name = path.name.lower()
    for reader in READERS:
        if any(fnmatch.fnmatch(name, pattern) for pattern in reader.patterns):
            return reader
    return None


def _walk(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.exists():
        raise FileNotFoundError(path)
    found: list[Path] = []
    for child in sorted(path.iterdir()):
        if child.is_dir():
            if child.name not in IGNORED_DIRS and not child.name.startswith("."):
                found.extend(_walk(child))
        elif not any(fnmatch.fnmatch(child.name.lower(), pattern) for pattern in IGNORED_NAMES):
            found.append(child)
    return found


def recognise_all(paths: list[Path]) -> tuple[list[Recognised], list[Path]]:
    """Expand directories; return recognised files in load order and the unrecognised ones.

    Load order follows `READERS`: bulk registers first, change feeds after them.
    """
    recognised: list[Recognised] = []
    unknown: list[Path] = []
    for path in paths:
        for file in _walk(path):
            reader = recognise(file)
            if reader is None:
                unknown.append(file)
            else:
                recognised.append(Recognised(file, reader))
    order = {reader.register: i for i, reader in enumerate(READERS)}
    recognised.sort(key=lambda item: (order[item.reader.register], str(item.path)))
    return recognised, unknown


def declared_as_of(paths: list[Path]) -> date | None:
    """The snapshot date a bundle declares in its `bundle.json` (`{"as_of": "YYYY-MM-DD"}`)."""
    for path in paths:
        manifest = path / "bundle.json"
        if path.is_dir() and manifest.is_file():
            try:
                value = json.loads(manifest.read_text(encoding="utf-8")).get("as_of")
                return date.fromisoformat(str(value)) if value else None
            except (ValueError, AttributeError) as exc:
                raise FileError(manifest, f"bundle.json: no valid \"as_of\" date ({exc})") from exc
    return None
