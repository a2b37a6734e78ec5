"""Load register files into the analytical store as one dated snapshot, all or nothing.

A load has two phases. Staging: files are read and validated into staging (`akrim.ingest.staging`:
records and rows in Parquet files seen through `stg_*` views, held keys in `held_*`, bad rows in
`stg_quarantine`), batch by batch. Publishing: only when every file has been read does one
transaction fold the staged rows into the dated history, the source records and the quarantine.
Any file that cannot be read ends the load before it publishes, and the staging is dropped, so a
failed (or killed) load leaves the register tables exactly as they were; a killed load's
leftovers are dropped by the next load.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from akrim.ingest import staging
from akrim.ingest.batches import CHANGE_SUFFIX, Batch
from akrim.ingest.changes import apply_role_changes, apply_unit_changes
from akrim.ingest.problems import FileError, RowProblem
from akrim.ingest.records import ReadContext
from akrim.ingest.registry import Recognised, recognise_all
from akrim.ingest.sqlchecks import register_identifier_checks
from akrim.ingest.sqlcodes import register_code_checks
from akrim.ingest.sqlstage import stage_sql_file
from akrim.ingest.staging import Staging
from akrim.ingest.workers import file_batches
from akrim.store import history
from akrim.store.bookkeeping import records_of
from akrim.store.engine import Store, size_bytes
from akrim.store.schema import TABLE_BY_NAME

QUARANTINE_SCHEMA = pa.schema([
    ("file_id", pa.int32()), ("line", pa.int64()),
    ("field", pa.string()), ("kind", pa.string()), ("reason", pa.string()), ("raw", pa.string()),
    ("record_kept", pa.bool_()),
])

CHECKPOINT_THRESHOLD = "1GB"
"""Write-ahead log a load lets grow before DuckDB checkpoints (peak RSS 4.6 GiB for a
national a-melding month, against 3.9 at DuckDB's 16 MB and 7.9 at 8 GB)."""

INGEST_MEMORY_SHARE = 0.75
"""DuckDB's share of the store's memory limit during a load. What a load holds outside DuckDB's
buffer pool (read-ahead and Arrow batches, identifier caches, DuckDB's own allocations outside
it) comes on top: a national year peaked at 8.84 GiB RSS with DuckDB allowed all of 8 GB."""

Progress = Callable[[str, int], None]
"""Called with (file name, records read since the last call)."""


@dataclass
class FileReport:
    path: Path
    register: str
    records: int = 0
    quarantined: int = 0
    unrecognised: bool = False
    loaded_in: int | None = None
    """The snapshot that already loaded this very file (same sha256): skipped."""

    @property
    def skipped_reason(self) -> str | None:
        if self.unrecognised:
            return "not recognised"
        if self.loaded_in is not None:
            return f"already loaded in snapshot {self.loaded_in}"
        return None


@dataclass
class IngestReport:
    snapshot_id: int | None
    as_of: date
    files: list[FileReport] = field(default_factory=list)
    quarantine: Counter[str] = field(default_factory=Counter)
    changes: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Per table: (versions closed, versions opened)."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _stage_file(
    store: Store,
    staging: Staging,
    item: Recognised,
    batches: Iterator[Batch],
    sha256: str,
    progress: Progress | None,
    changes: dict[str, list[Any]],
) -> FileReport:
    path, reader = item.path, item.reader
    report = FileReport(path, reader.register)
    file_id = int(store.scalar("SELECT nextval('source_file_seq')"))
    store.execute(
        "INSERT INTO stg_source_file VALUES (?, NULL, ?, ?, ?, ?, ?, 0, 0)",
        [file_id, str(path), path.name, reader.register, sha256, path.stat().st_size],
    )
    if reader.sql is not None:
        report.records, report.quarantined = stage_sql_file(
            store, staging, reader.sql, reader.register, path, file_id,
            progress=(lambda count: progress(path.name, count)) if progress else None)
        batches = iter(())
    for batch in batches:
        staging.add_records(batch.records, file_id)
        for table, rows in batch.rows.items():
            staging.add(table, rows, file_id)
        staging.hold(batch.held)
        for table, values, record_id, line in batch.changes:
            changes[table].append((values, record_id, file_id, line))
        if batch.problems:
            problems = pa.Table.from_pylist(
                [
                    {"file_id": file_id, "line": line, "field": field_name, "kind": kind,
                     "reason": reason, "raw": raw, "record_kept": kept}
                    for line, field_name, kind, reason, raw, kept in batch.problems
                ],
                schema=QUARANTINE_SCHEMA,
            )
            store.con.register("problem_batch", problems)
            store.execute("INSERT INTO stg_quarantine SELECT * FROM problem_batch")
            store.con.unregister("problem_batch")
        report.records += batch.count
        report.quarantined += len(batch.problems)
        if progress:
            progress(path.name, batch.count)
    store.execute(
        "UPDATE stg_source_file SET records = ?, quarantined = ? WHERE file_id = ?",
        [report.records, report.quarantined, file_id],
    )
    return report


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
        (snapshot_id, file_id, p.line, p.field, p.kind, p.reason, p.raw, p.record_kept)
        for file_id, found in problems for p in found
    ]
    if rows:
        store.execute_many("INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _publish(
    store: Store,
    loaded: list[tuple[Recognised, str]],
    tables: list[str],
    changes: dict[str, list[Any]],
    as_of: date,
    report: IngestReport,
) -> int:
    """Fold everything staged into the store as one new snapshot; return its id."""
    snapshot_id = int(store.scalar("SELECT nextval('snapshot_seq')"))
    store.execute(
        "INSERT INTO snapshot VALUES (?, ?, ?, ?)",
        [snapshot_id, as_of, datetime.now(), "load"],
    )
    store.execute(
        "INSERT INTO source_file SELECT * REPLACE (? AS snapshot_id) FROM stg_source_file",
        [snapshot_id],
    )
    store.execute("INSERT INTO quarantine SELECT ?, * FROM stg_quarantine", [snapshot_id])
    # A record seen before (same register, same content) keeps its first file and line. Only
    # the few records staged more than once are grouped, so the payloads never go through a
    # sort: a window over every staged record ran out of memory at the end of a national load.
    # (A file and line is no key: every element of a one-line JSON array is on line 1; the
    # payload is the same for every copy, the record id being its hash.) Records stored before
    # are found by their ids alone, so that the payloads do not go through a join against every
    # stored record (a national month: 7.9 s that way, 0.3 s + 3.1 s this way), and only among
    # the records of the load's registers (`records_of`).
    store.temp_table("stg_repeated", """AS
        SELECT record_id FROM stg_record GROUP BY record_id HAVING count(*) > 1""")
    known = records_of("SELECT register FROM stg_source_file")
    store.temp_table("stg_known", f"""AS
        SELECT DISTINCT record_id FROM stg_record SEMI JOIN (SELECT record_id FROM {known})
        USING (record_id)""")
    store.execute(
        """INSERT INTO source_record
        SELECT * FROM (
            SELECT record_id, file_id, line, payload
            FROM stg_record ANTI JOIN stg_repeated USING (record_id)
            UNION ALL
            SELECT record_id, first.file_id, first.line, payload FROM (
                SELECT record_id, min({'file_id': file_id, 'line': line}) AS first,
                       any_value(payload) AS payload
                FROM stg_record SEMI JOIN stg_repeated USING (record_id)
                GROUP BY record_id)
        ) s ANTI JOIN stg_known USING (record_id)"""
    )
    store.execute("DROP TABLE stg_repeated")
    store.execute("DROP TABLE stg_known")
    closed_if = {table: condition for item, _ in loaded
                 for table, condition in item.reader.closed_if}
    for name in tables:
        spec = TABLE_BY_NAME[name]
        kept = history.quarantine_duplicates(store, spec, snapshot_id)
        report.changes[name] = history.merge(store, spec, snapshot_id, as_of, staged=kept,
                                             closed_if=closed_if.get(name, "false"))
    for statement in dict.fromkeys(
        sql for item, _ in loaded for sql in item.reader.after_merge
    ):
        store.run_script(statement, {"as_of": as_of, "snapshot_id": snapshot_id})
    _apply_changes(store, changes, snapshot_id, report)
    for kind, count in store.rows(
        "SELECT kind, count(*) FROM quarantine WHERE snapshot_id = ? GROUP BY kind",
        [snapshot_id],
    ):
        report.quarantine[kind] = int(count)
    return snapshot_id


def ingest(
    store: Store,
    paths: list[Path],
    *,
    as_of: date | None = None,
    context: ReadContext | None = None,
    skip_unknown: bool = False,
    progress: Progress | None = None,
    workers: int = 1,
) -> IngestReport:
    """Load files and bundle directories as one snapshot; raise `FileError` if any file fails.

    `workers` > 1 parses that many large files at once in worker processes.
    """
    as_of = as_of or date.today()
    context = context or ReadContext()
    recognised, unknown = recognise_all(paths)
    if unknown and not skip_unknown:
        names = ", ".join(str(p) for p in unknown)
        raise FileError(names, "not a recognised register file (see docs/data-formats.md)")
    report = IngestReport(snapshot_id=None, as_of=as_of)
    for path in unknown:
        report.files.append(FileReport(path, "?", unrecognised=True))
    to_load: list[tuple[Recognised, str]] = []
    for item in recognised:
        sha = file_sha256(item.path)
        earlier = store.rows(
            "SELECT snapshot_id FROM source_file WHERE sha256 = ? LIMIT 1", [sha]
        )
        if earlier:
            report.files.append(
                FileReport(item.path, item.reader.register,
                           loaded_in=int(earlier[0][0]))
            )
        else:
            to_load.append((item, sha))
    if not to_load:
        return report
    tables = list(dict.fromkeys(  # each reader's tables in its order (`closed_if`)
        table for item, _ in to_load for table in item.reader.tables
        if not table.endswith(CHANGE_SUFFIX)
    ))
    changes: dict[str, list[Any]] = {
        table: [] for item, _ in to_load for table in item.reader.tables
        if table.endswith(CHANGE_SUFFIX)
    }
    staging.drop(store)
    # While staged batches were appended to tables of the store, each committed, and at DuckDB's
    # default (16 MB of WAL) nearly every batch of a national file also checkpointed, a fifth of
    # a month's load. Batches now stage in files and commit only their few held keys and
    # quarantine rows; the threshold was kept, not measured again.
    share = int(size_bytes(store.memory_limit) * INGEST_MEMORY_SHARE)
    try:
        store.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
        store.execute(f"SET memory_limit = '{share}B'")
        if any(item.reader.sql for item, _ in to_load):
            register_identifier_checks(store.con, context.allow_synthetic)
            register_code_checks(store.con)
        stage = Staging(store, tables)
        work = [(item.reader.register, item.path) for item, _ in to_load]
        for index, batches in file_batches(work, context, workers):
            item, sha = to_load[index]
            report.files.append(
                _stage_file(store, stage, item, batches, sha, progress, changes)
            )
        with store.transaction():
            snapshot_id = _publish(store, to_load, tables, changes, as_of, report)
            staging.drop(store, files=False)
    finally:
        staging.drop(store)  # the files, and after a failure the views and tables too
        store.execute("RESET checkpoint_threshold")
        store.execute(f"SET memory_limit = '{store.memory_limit}'")
    report.snapshot_id = snapshot_id
    return report
