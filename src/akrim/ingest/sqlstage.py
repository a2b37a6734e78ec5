"""Stage one file of a format that DuckDB reads (`SqlReader`), batch by batch.

Python only cuts the file into lines (`akrim.ingest.lines`: gzip, UTF-8 and line numbers as for
every reader); DuckDB hashes each line into its record id, types it, checks it
(`akrim.ingest.sqlchecks`) and writes the staged records and rows, held keys and quarantine rows
to the load's staging (`akrim.ingest.staging`), so that publishing, history, lineage and a killed
load's clean-up are the loader's own.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import itertools
import queue
import threading
from collections.abc import Callable, Generator, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from akrim.ingest.lines import broken_json_line
from akrim.ingest.staging import Staging
from akrim.store.engine import Store, marked, statements
from akrim.store.schema import TABLE_BY_NAME

EXTRA_BATCHES = 1
"""Batches staged at once beyond one per DuckDB thread: a batch leaves its core idle while it
writes its files or waits for the GIL (its Arrow hand-over, the identifier checks), and another
batch fills that time."""
ONLY_IF = "-- only if:"
"""A stage statement with a line `-- only if: CONDITION` runs only for a batch where `SELECT
CONDITION` is true: work that most batches have none of is then not even planned (DuckDB's
planning of a large statement costs ~0.1 s a batch even when it finds no rows)."""
ROW_NO_BATCH_SHIFT = 32
"""A staged row's `row_no` is its batch's number shifted left by this, plus its number in the
batch: unique and in file order, known while the batch is typed, before it knows how many rows
the batches before it had."""


@dataclass(frozen=True)
class SqlReader:
    """A format read by DuckDB. Its statements read `src_batch (line, record_id, raw)`.

    `stage` prepares a batch (its statements in order, but one whose `ONLY_IF` condition is
    false for the batch); `rows` gives, per table, the kept rows in the table's column
    order followed by `unknown_fields`, `record_id`, `line` and `row_no` (unique in the batch
    and in file order, from 0, gaps allowed);
    `held` the keys of rows held back; `quarantine` the problems as
    (line, field, kind, reason, record_kept).
    """

    batches: Callable[[Path], Iterator[pa.Table]]
    stage: str
    rows: Mapping[str, str]
    held: Mapping[str, str]
    quarantine: str

    @functools.cached_property
    def steps(self) -> list[tuple[str | None, duckdb.Statement]]:
        """`stage`'s statements, each with its `ONLY_IF` condition (None: always run), split
        and parsed once rather than for every batch: parsing the enheter reader's checks took
        31 ms a batch, a tenth of the batch's time."""
        return [(marked(statement, ONLY_IF), duckdb.extract_statements(statement)[0])
                for statement in statements(self.stage)]


def with_record_ids(batches: Iterator[pa.Table], register: str) -> Iterator[pa.Table]:
    """Each batch with `record_id`: sha1 of register, NUL and the line's text, as every reader's
    records are identified. Hashed here, in the read-ahead thread (hashlib lets go of the GIL
    on long input), rather than by DuckDB in the loading thread."""
    salted = hashlib.sha1(register.encode() + b"\x00")
    for batch in batches:
        raw = batch.column("raw").combine_chunks()
        _, offsets_buffer, data_buffer = raw.buffers()
        offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[
            raw.offset: raw.offset + len(raw) + 1].tolist()
        data = memoryview(data_buffer) if data_buffer is not None else memoryview(b"")
        ids = []
        for start, stop in itertools.pairwise(offsets):
            line = salted.copy()
            line.update(data[start:stop])
            ids.append(line.hexdigest())
        yield batch.append_column("record_id", pa.array(ids, pa.string()))


def prefetched(batches: Iterator[pa.Table], depth: int = 2) -> Generator[pa.Table, None, None]:
    """The same batches, read ahead in a thread: decompressing and cutting lines (zlib and
    numpy release the GIL) overlaps DuckDB's work on the batch before. An error reading the
    file is raised where the batch it stopped would have come."""
    ahead: queue.Queue[tuple[pa.Table | None, BaseException | None]] = queue.Queue(depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for batch in batches:
                while not stop.is_set():
                    try:
                        ahead.put((batch, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            ahead.put((None, None))
        except BaseException as exc:
            ahead.put((None, exc))

    thread = threading.Thread(target=produce, name="akrim-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            batch, error = ahead.get()
            if error is not None:
                raise error
            if batch is None:
                return
            yield batch
    finally:
        stop.set()
        thread.join()


def _stage_batch(store: Store, reader: SqlReader, path: Path) -> None:
    try:
        for condition, statement in reader.steps:
            if condition is None or store.scalar(f"SELECT {condition}"):
                store.execute(statement)
    except duckdb.InvalidInputException as exc:
        if "Malformed JSON" not in str(exc):
            raise
        line, raw = store.rows(
            "SELECT line, raw FROM src_batch WHERE NOT json_valid(raw) ORDER BY line LIMIT 1")[0]
        raise broken_json_line(path, line, raw) from None


class _Turns:
    """Batches write their staged rows in file order, so that what a killed load staged is
    always the file's first batches. A batch after one that failed gives up its turn."""

    def __init__(self) -> None:
        self.next = 0
        self.failed: int | None = None
        self.changed = threading.Condition()

    def wait_for(self, index: int) -> None:
        with self.changed:
            while self.next != index:
                if self.failed is not None and self.failed < index:
                    raise _GaveUp
                self.changed.wait()

    def done(self, index: int, failed: bool) -> None:
        with self.changed:
            if failed:
                self.failed = index if self.failed is None else min(self.failed, index)
            else:
                self.next = index + 1
            self.changed.notify_all()


class _GaveUp(Exception):
    """A batch's turn to write never came: a batch before it failed (and is the one reported)."""


def _prepare(store: Store, reader: SqlReader, path: Path, batch: pa.Table) -> None:
    """Type and check a batch into the reader's temporary tables on `store`."""
    store.con.register("src_lines", batch)
    store.execute("CREATE OR REPLACE TEMP TABLE src_batch AS "
                  "SELECT line, record_id, raw FROM src_lines")
    store.con.unregister("src_lines")
    _stage_batch(store, reader, path)


def _write(store: Store, staging: Staging, reader: SqlReader, file_id: int, index: int) -> int:
    """Stage the prepared batch number `index`; return its problems."""
    staging.write("stg_record",
                  f"(SELECT record_id, {file_id} AS file_id, line, raw AS payload FROM src_batch)",
                  store)
    for table, select in reader.rows.items():
        spec = TABLE_BY_NAME[table]
        names = ", ".join((*spec.column_names, "unknown_fields", "record_id", "line", "row_no"))
        staging.write(
            f"stg_{table}",
            f"(SELECT * REPLACE (row_no + {index << ROW_NO_BATCH_SHIFT} AS row_no), "
            f"{file_id} AS file_id FROM ({select}) s({names}))", store)
    for table, select in reader.held.items():
        store.execute(f"INSERT INTO held_{table} {select}")
    problems = store.execute(
        f"INSERT INTO stg_quarantine SELECT {file_id}, line, field, kind, reason, NULL, "
        f"record_kept FROM ({reader.quarantine})")
    return int(problems.fetchall()[0][0])


def stage_sql_file(
    store: Store, staging: Staging, reader: SqlReader, register: str, path: Path, file_id: int,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Stage every batch of `path`; return (records, quarantined).

    Batches are staged several at once (one per DuckDB thread, and `EXTRA_BATCHES` more), each
    on a connection of its own with DuckDB held to one thread meanwhile: a batch's tables are
    one or two of DuckDB's row groups, over which DuckDB can hardly run a statement in parallel,
    and its threads waited on each other's. Batches are typed and checked at once but write
    their staged rows in file order (`_Turns`), and results are taken in file order, so the
    first failing batch's error is the one raised.
    """
    _ = reader.steps  # parsed here, once, rather than by whichever batch's thread comes first
    threads = int(store.scalar("SELECT current_setting('threads')"))
    parallel = threads + EXTRA_BATCHES
    cursors: queue.Queue[Store] = queue.Queue()
    for _ in range(parallel):
        cursors.put(store.cursor())

    turns = _Turns()

    def stage(index: int, batch: pa.Table) -> tuple[int, int]:
        cursor = cursors.get()
        failed = True
        try:
            _prepare(cursor, reader, path, batch)
            turns.wait_for(index)
            problems = _write(cursor, staging, reader, file_id, index)
            failed = False
            return batch.num_rows, problems
        finally:
            turns.done(index, failed)
            cursors.put(cursor)

    records = quarantined = 0
    pending: collections.deque[Future[tuple[int, int]]] = collections.deque()

    def take_oldest() -> None:
        nonlocal records, quarantined
        count, problems = pending.popleft().result()
        records, quarantined = records + count, quarantined + problems
        if progress:
            progress(count)

    batches = prefetched(with_record_ids(reader.batches(path), register))
    store.execute("SET threads = 1")
    try:
        with ThreadPoolExecutor(parallel, thread_name_prefix="akrim-stage") as pool:
            try:
                for index, batch in enumerate(batches):
                    while len(pending) >= parallel:
                        take_oldest()
                    pending.append(pool.submit(stage, index, batch))
                while pending:
                    take_oldest()
            finally:
                for future in pending:
                    future.cancel()
    finally:
        store.execute(f"SET threads = {threads}")
        batches.close()  # stops the read-ahead thread at once when a batch failed
        while not cursors.empty():
            cursors.get().close()
    return records, quarantined
