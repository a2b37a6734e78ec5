"""What can go wrong with input: a whole file (abort the load), one record (hold it back), or one
field of a record that is kept (mark the field). The last two are quarantine rows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RowProblem:
    """One problem with a record in an otherwise good file; it is written to the quarantine
    table."""

    line: int
    field: str | None
    kind: str
    """A short category for summaries: invalid_identifier, impossible_date, unknown_code,
    unknown_field (a key inside an object of amounts akrim would otherwise leave out of a sum),
    missing_field, invalid_value, duplicate."""
    reason: str
    """The full sentence for a person: "orgnr 912345678 fails the mod-11 check"."""
    raw: str | None = None
    record_kept: bool = False
    """True for a field problem of a record that was kept: the record was identified and placed
    in time, so it loads with this field marked (`unknown_fields`) instead of being held back."""

    def describe(self, file: Path | str) -> str:
        return f"{file}:{self.line}: {self.field or '-'}: {self.reason}"


class FileError(Exception):
    """A file that cannot be read at all: its load, and the whole ingest, is aborted."""

    def __init__(
        self,
        file: Path | str,
        reason: str,
        *,
        line: int | None = None,
        offset: int | None = None,
    ) -> None:
        self.file = str(file)
        self.reason = reason
        self.line = line
        self.offset = offset
        where = self.file
        if line is not None:
            where += f":{line}"
        if offset is not None:
            where += f" (byte {offset})"
        super().__init__(f"{where}: {reason}")
