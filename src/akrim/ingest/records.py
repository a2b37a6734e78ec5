"""What a reader produces, and how a reader declares itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from akrim.ingest.checks import Checker
from akrim.ingest.problems import RowProblem

if TYPE_CHECKING:
    from akrim.ingest.sqlstage import SqlReader

Rows = list[tuple[str, tuple[Any, ...]]]
"""(table, values) pairs: typed rows, or keys of held rows."""


@dataclass
class Record:
    """One source record (a JSON element, a JSON line, a CSV row) and what it yields.

    `rows` are typed register rows, in their table's column order. `problems` go to quarantine:
    those of parts held back, and field problems of parts kept (`RowProblem.record_kept`).
    `unknown` gives, by index in `rows`, the fields with a problem of the part a kept row was
    read from (its `unknown_fields`). `held` are keys whose row was held back, so that the
    history does not read their absence as a deletion.
    """

    line: int
    raw: str
    rows: Rows = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    held: Rows = field(default_factory=list)
    unknown: dict[int, list[str]] = field(default_factory=dict)

    def add(self, check: Checker, rows: Rows, held: Sequence[tuple[str, tuple[Any, ...]]] = ()
            ) -> None:
        """Keep the `rows` of one checked part (an enhet, one role set, one person, one
        inntektsmottaker), unless `check` found a problem that holds it back: then hold the keys
        `held` instead. Every problem is reported either way."""
        self.problems += check.problems
        if not check.ok:
            self.held.extend(held)
            return
        fields = check.unknown_fields
        if fields:
            self.unknown.update((len(self.rows) + n, fields) for n in range(len(rows)))
        self.rows += rows


@dataclass(frozen=True)
class ReadContext:
    """What a reader needs to know beyond the file itself."""

    allow_synthetic: bool = False


Read = Callable[[Path, ReadContext], Iterator[Record]]


@dataclass(frozen=True)
class ReaderSpec:
    """A register format: the file names it is recognised by, the tables it fills, its reader
    (records read in Python, or a format DuckDB reads)."""

    register: str
    patterns: tuple[str, ...]
    tables: tuple[str, ...]
    read: Read | SqlReader
    description: str = ""
    after_merge: tuple[str, ...] = ()
    """SQL run after the merge, given `$as_of` (the snapshot's date) and `$snapshot_id`."""
    closed_if: tuple[tuple[str, str], ...] = ()
    """(table, condition) pairs: the condition on a staged row `s` under which its new version
    opens closed (`akrim.store.history.merge`), asked once the tables before it in `tables`
    are merged."""

    @property
    def sql(self) -> SqlReader | None:
        """The reader when DuckDB reads this format (`akrim.ingest.sqlstage`)."""
        from akrim.ingest.sqlstage import SqlReader

        return self.read if isinstance(self.read, SqlReader) else None
