"""What a reader produces, and how a reader declares itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akrim.ingest.problems import RowProblem


@dataclass
class Record:
    """One source record (a JSON element, a JSON line, a CSV row) and what it yields.

    `rows` are typed register rows, in their table's column order. `problems` are parts that
    failed validation and go to quarantine. `held` are keys whose row was quarantined, so that
    the history does not read their absence as a deletion.
    """

    line: int
    raw: str
    rows: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    held: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)


@dataclass(frozen=True)
class ReadContext:
    """What a reader needs to know beyond the file itself."""

    allow_synthetic: bool = False


Read = Callable[[Path, ReadContext], Iterator[Record]]


@dataclass(frozen=True)
class ReaderSpec:
    """A register format: the file names it is recognised by, the tables it fills, its reader."""

    register: str
    patterns: tuple[str, ...]
    tables: tuple[str, ...]
    read: Read
    description: str = ""
    after_merge: tuple[str, ...] = ()
    """SQL run after the merge, with the snapshot date as its one parameter."""
