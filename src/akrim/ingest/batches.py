"""Turn a reader's records into Arrow batches, ready for the store.

This is the CPU-bound half of a load (parsing, validation, hashing). It runs in the loading
process or in worker processes (`akrim.ingest.workers`); either way its output is the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from akrim.ingest.records import ReadContext
from akrim.store.schema import TABLE_BY_NAME, UNKNOWN_FIELDS, TableSpec

BATCH_RECORDS = 40_000
"""Records per batch at most, for the JSON-array readers too (`arrays.BATCH_ELEMENTS`). Each
batch plans its statements again (enheter's check statement: 24 ms of 140 ms for 20,000
elements): national enheter loaded in 17.1 and 17.3 s at 20,000, 15.1 and 15.8 s at 40,000,
14.8 and 16.4 s at 80,000 (alternated, one process each)."""
BATCH_ROWS = 100_000
CHANGE_SUFFIX = "_change"
"""Rows of `<table>_change` are change-feed events, applied after the bulk merge."""

ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "BOOLEAN": pa.bool_(),
    "DECIMAL(12,2)": pa.float64(),  # rounded and cast to DECIMAL(12,2) in SQL
    "VARCHAR[]": pa.list_(pa.string()),
}

RECORD_SCHEMA = pa.schema([("record_id", pa.string()), ("line", pa.int64()),
                           ("payload", pa.string())])
Problem = tuple[int, str | None, str, str, str | None, bool]
"""(line, field, kind, reason, raw, record kept) of one quarantine row."""


def arrow_schema(spec: TableSpec) -> pa.Schema:
    fields = [
        pa.field(name, ARROW_TYPES[sqltype.replace(" NOT NULL", "")])
        for name, sqltype in spec.columns + (UNKNOWN_FIELDS,)
    ]
    fields += [pa.field("record_id", pa.string()), pa.field("line", pa.int64()),
               pa.field("row_no", pa.int64())]
    return pa.schema(fields)


@dataclass
class Batch:
    """Up to BATCH_RECORDS source records of one file, and what they yield."""

    records: pa.Table
    rows: dict[str, pa.Table] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    held: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    changes: list[tuple[str, tuple[Any, ...], str, int]] = field(default_factory=list)
    """(change table, event values, record id, line)."""

    @property
    def count(self) -> int:
        return int(self.records.num_rows)


class _Builder:
    def __init__(self) -> None:
        self.records: list[tuple[str, int, str]] = []
        self.rows: dict[str, list[tuple[Any, ...]]] = {}
        self.row_count = 0
        self.problems: list[Problem] = []
        self.held: list[tuple[str, tuple[Any, ...]]] = []
        self.changes: list[tuple[str, tuple[Any, ...], str, int]] = []

    @property
    def full(self) -> bool:
        return len(self.records) >= BATCH_RECORDS or self.row_count >= BATCH_ROWS

    def build(self) -> Batch:
        records = pa.Table.from_arrays(
            [pa.array(column, type=f.type)
             for column, f in zip(zip(*self.records, strict=True), RECORD_SCHEMA, strict=True)],
            schema=RECORD_SCHEMA,
        ) if self.records else RECORD_SCHEMA.empty_table()
        rows = {}
        for table, values in self.rows.items():
            schema = arrow_schema(TABLE_BY_NAME[table])
            rows[table] = pa.Table.from_arrays(
                [pa.array(column, type=f.type)
                 for column, f in zip(zip(*values, strict=True), schema, strict=True)],
                schema=schema,
            )
        return Batch(records, rows, self.problems, self.held, self.changes)


def parse_file(register: str, path: Path, context: ReadContext) -> Iterator[Batch]:
    """Read one file with the reader of `register`, yielding batches; raises `FileError`."""
    from akrim.ingest.readers import READER_BY_REGISTER

    reader = READER_BY_REGISTER[register]
    if reader.sql is not None:
        raise ValueError(f"{register} is read by DuckDB (akrim.ingest.sqlstage), not parsed here")
    read: Any = reader.read
    salt = register.encode() + b"\x00"
    builder = _Builder()
    row_numbers: dict[str, int] = {}  # per table, running over the whole file
    for record in read(path, context):
        record_id = hashlib.sha1(salt + record.raw.encode()).hexdigest()
        builder.records.append((record_id, record.line, record.raw))
        for n, (table, values) in enumerate(record.rows):
            if table.endswith(CHANGE_SUFFIX):
                builder.changes.append((table, values, record_id, record.line))
            else:
                row_no = row_numbers.get(table, 0)
                row_numbers[table] = row_no + 1
                builder.rows.setdefault(table, []).append(
                    (*values, record.unknown.get(n), record_id, record.line, row_no))
                builder.row_count += 1
        builder.held.extend(record.held)
        builder.problems.extend(
            (p.line, p.field, p.kind, p.reason, p.raw, p.record_kept) for p in record.problems
        )
        if builder.full:
            yield builder.build()
            builder = _Builder()
    if builder.records:
        yield builder.build()
