"""Load register files into the analytical store as one dated snapshot, all or nothing.

The whole `ingest` call is one transaction: files are read and validated into staging tables,
bad rows go to quarantine, and only when every file has been read are the staged rows folded into
the dated history. Any file that cannot be read rolls everything back, so a failed (or killed)
load leaves the store exactly as it was.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from akrim.ingest.changes import apply_role_changes, apply_unit_changes
from akrim.ingest.problems import FileError, RowProblem
from akrim.ingest.records import ReadContext
from akrim.ingest.registry import Recognised, recognise_all
from akrim.store import history
from akrim.store.engine import Store
from akrim.store.history import row_hash_sql
from akrim.store.schema import TABLE_BY_NAME, TableSpec

BATCH_ROWS = 50_000

ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "BOOLEAN": pa.bool_(),
    "DECIMAL(12,2)": pa.float64(),  # cast to DECIMAL(12,2) with rounding in SQL
}

QUARANTINE_SCHEMA = pa.schema([
    ("snapshot_id", pa.int32()), ("file_id", pa.int32()), ("line", pa.int64()),
    ("field", pa.string()), ("kind", pa.string()), ("reason", pa.string()), ("raw", pa.string()),
])

Progress = Callable[[str, int], None]
"""Called with (file name, records read since the last call)."""


@dataclass
class FileReport:
    path: Path
    register: str
    records: int = 0
    quarantined: int = 0
    skipped_reason: str | None = None


@dataclass
class IngestReport:
    snapshot_id: int | None
    as_of: date
    files: list[FileReport] = field(default_factory=list)
    quarantine: Counter[str] = field(default_factory=Counter)
    changes: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Per table: (versions closed, versions opened)."""


def _arrow_schema(spec: TableSpec) -> pa.Schema:
    fields = [
        pa.field(name, ARROW_TYPES[sqltype.replace(" NOT NULL", "")])
        for name, sqltype in spec.columns
    ]
    fields += [pa.field("record_id", pa.string()), pa.field("line", pa.int64())]
    return pa.schema(fields)


class _Stager:
    """Buffers typed rows per table and appends them to `stg_<table>` in Arrow batches."""

    def __init__(self, store: Store, tables: set[str]) -> None:
        self.store = store
        self.specs = {name: TABLE_BY_NAME[name] for name in sorted(tables)}
        self.buffers: dict[str, list[tuple[Any, ...]]] = {name: [] for name in self.specs}
        self.held: dict[str, list[tuple[Any, ...]]] = {name: [] for name in self.specs}
        self.schemas = {name: _arrow_schema(spec) for name, spec in self.specs.items()}
        for spec in self.specs.values():
            store.execute(spec.staging_ddl())
            keys = ", ".join(f"{name} {sqltype.replace(' NOT NULL', '')}"
                             for name, sqltype in spec.columns if name in spec.key)
            store.execute(f"CREATE OR REPLACE TEMP TABLE held_{spec.name} ({keys})")

    def add(self, table: str, values: tuple[Any, ...], record_id: str, line: int) -> None:
        buffer = self.buffers[table]
        buffer.append((*values, record_id, line))
        if len(buffer) >= BATCH_ROWS:
            self.flush_table(table, file_id=None)

    def hold(self, table: str, key: tuple[Any, ...]) -> None:
        self.held[table].append(key)

    def flush_table(self, table: str, file_id: int | None) -> None:
        rows = self.buffers[table]
        if not rows:
            return
        schema = self.schemas[table]
        columns = list(zip(*rows, strict=True))
        batch = pa.Table.from_arrays(
            [pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)],
            schema=schema,
        )
        spec = self.specs[table]
        names = ", ".join(spec.column_names)
        self.store.con.register("stage_batch", batch)
        selected = ", ".join(
            f"round({name}, 2)::DECIMAL(12,2) AS {name}" if sqltype.startswith("DECIMAL")
            else name for name, sqltype in spec.columns
        )
        self.store.execute(
            f"INSERT INTO stg_{table} ({names}, record_id, line, file_id, row_hash) "
            f"SELECT *, {row_hash_sql(spec)} FROM ("
            f"SELECT {selected}, record_id, line, ? AS file_id FROM stage_batch)",
            [file_id if file_id is not None else self.current_file],
        )
        self.store.con.unregister("stage_batch")
        rows.clear()

    current_file: int = 0

    def flush(self) -> None:
        for table in self.specs:
            self.flush_table(table, file_id=None)
            held = self.held[table]
            if held:
                spec = self.specs[table]
                marks = ", ".join("?" for _ in spec.key)
                self.store.execute_many(f"INSERT INTO held_{table} VALUES ({marks})", held)
                held.clear()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _load_file(
    store: Store,
    stager: _Stager,
    item: Recognised,
    snapshot_id: int,
    sha256: str,
    context: ReadContext,
    progress: Progress | None,
    changes: dict[str, list[Any]],
) -> FileReport:
    path, reader = item.path, item.reader
    report = FileReport(path, reader.register)
    file_id = int(store.scalar("SELECT nextval('source_file_seq')"))
    store.execute(
        "INSERT INTO source_file VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)",
        [file_id, snapshot_id, str(path), path.name, reader.register, sha256,
         path.stat().st_size],
    )
    stager.current_file = file_id
    records: list[tuple[str, int, str]] = []
    problems: list[tuple[int, int, int, str | None, str, str, str | None]] = []
    pending = 0
    register = reader.register.encode()

    def flush_records() -> None:
        if records:
            batch = pa.table(
                {
                    "record_id": [r[0] for r in records],
                    "line": pa.array([r[1] for r in records], pa.int64()),
                    "payload": [r[2] for r in records],
                }
            )
            store.con.register("record_batch", batch)
            store.execute(
                "INSERT INTO stg_record SELECT record_id, ?, line, payload FROM record_batch",
                [file_id],
            )
            store.con.unregister("record_batch")
            records.clear()
        if problems:
            names = ("snapshot_id", "file_id", "line", "field", "kind", "reason", "raw")
            table = pa.table(
                {name: list(column) for name, column in zip(names, zip(*problems, strict=True),
                                                              strict=True)},
                schema=QUARANTINE_SCHEMA,
            )
            store.con.register("problem_batch", table)
            store.execute("INSERT INTO quarantine SELECT * FROM problem_batch")
            store.con.unregister("problem_batch")
            problems.clear()

    for record in reader.read(path, context):
        record_id = hashlib.sha1(register + b"\x00" + record.raw.encode()).hexdigest()
        records.append((record_id, record.line, record.raw))
        for table, values in record.rows:
            if table in changes:
                changes[table].append((values, record_id, file_id, record.line))
            else:
                stager.add(table, values, record_id, record.line)
        for table, key in record.held:
            stager.hold(table, key)
        for problem in record.problems:
            problems.append((snapshot_id, file_id, problem.line, problem.field, problem.kind,
                             problem.reason, problem.raw))
        report.quarantined += len(record.problems)
        report.records += 1
        pending += 1
        if len(records) >= BATCH_ROWS:
            flush_records()
        if progress and pending >= 10_000:
            progress(path.name, pending)
            pending = 0
    flush_records()
    stager.flush()
    if progress and pending:
        progress(path.name, pending)
    store.execute(
        "UPDATE source_file SET records = ?, quarantined = ? WHERE file_id = ?",
        [report.records, report.quarantined, file_id],
    )
    return report


CHANGE_SUFFIX = "_change"


def _apply_changes(
    store: Store, changes: dict[str, list[Any]], snapshot_id: int, report: IngestReport
) -> None:
    """Change-feed events go on top of what the bulk files of this load gave."""
    problems: list[tuple[int, list[RowProblem]]] = []
    for name, events in changes.items():
        if not events:
            continue
        table = name.removesuffix(CHANGE_SUFFIX)
        if table == "rolle":
            result = apply_role_changes(store, events, snapshot_id, problems)
        else:
            result = apply_unit_changes(store, table, events, snapshot_id, problems)
        before = report.changes.get(table, (0, 0))
        report.changes[table] = (before[0] + result[0], before[1] + result[1])
    rows = [
        (snapshot_id, file_id, p.line, p.field, p.kind, p.reason, p.raw)
        for file_id, found in problems for p in found
    ]
    if rows:
        store.execute_many("INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def ingest(
    store: Store,
    paths: list[Path],
    *,
    as_of: date | None = None,
    context: ReadContext | None = None,
    skip_unknown: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    """Load files and bundle directories as one snapshot; raise `FileError` if any file fails."""
    as_of = as_of or date.today()
    context = context or ReadContext()
    recognised, unknown = recognise_all(paths)
    if unknown and not skip_unknown:
        names = ", ".join(str(p) for p in unknown)
        raise FileError(names, "not a recognised register file (see docs/data-formats.md)")
    report = IngestReport(snapshot_id=None, as_of=as_of)
    for path in unknown:
        report.files.append(FileReport(path, "?", skipped_reason="not recognised"))
    to_load: list[tuple[Recognised, str]] = []
    for item in recognised:
        sha = file_sha256(item.path)
        earlier = store.rows(
            "SELECT snapshot_id FROM source_file WHERE sha256 = ? LIMIT 1", [sha]
        )
        if earlier:
            report.files.append(
                FileReport(item.path, item.reader.register,
                           skipped_reason=f"already loaded in snapshot {earlier[0][0]}")
            )
        else:
            to_load.append((item, sha))
    if not to_load:
        return report
    tables = {
        table for item, _ in to_load for table in item.reader.tables
        if not table.endswith(CHANGE_SUFFIX)
    }
    changes: dict[str, list[Any]] = {
        table: [] for item, _ in to_load for table in item.reader.tables
        if table.endswith(CHANGE_SUFFIX)
    }
    with store.transaction():
        snapshot_id = int(store.scalar("SELECT nextval('snapshot_seq')"))
        store.execute(
            "INSERT INTO snapshot VALUES (?, ?, ?, ?)",
            [snapshot_id, as_of, datetime.now(), "load"],
        )
        stager = _Stager(store, tables)
        store.execute("CREATE OR REPLACE TEMP TABLE stg_record AS "
                      "SELECT * FROM source_record LIMIT 0")
        for item, sha in to_load:
            report.files.append(
                _load_file(store, stager, item, snapshot_id, sha, context, progress, changes)
            )
        # A record seen before (same register, same content) keeps its first file and line.
        store.execute(
            """INSERT INTO source_record
            SELECT record_id, file_id, line, payload FROM (
              SELECT *, row_number() OVER (PARTITION BY record_id ORDER BY file_id, line) AS n
              FROM stg_record) s
            WHERE n = 1 AND NOT EXISTS (
              SELECT 1 FROM source_record r WHERE r.record_id = s.record_id)"""
        )
        for name in sorted(tables):
            spec = TABLE_BY_NAME[name]
            history.quarantine_duplicates(store, spec, snapshot_id)
            report.changes[name] = history.merge(store, spec, snapshot_id, as_of)
        for statement in dict.fromkeys(
            sql for item, _ in to_load for sql in item.reader.after_merge
        ):
            store.execute(statement, [as_of])
        _apply_changes(store, changes, snapshot_id, report)
        for kind, count in store.rows(
            "SELECT kind, count(*) FROM quarantine WHERE snapshot_id = ? GROUP BY kind",
            [snapshot_id],
        ):
            report.quarantine[kind] = int(count)
    report.snapshot_id = snapshot_id
    return report
