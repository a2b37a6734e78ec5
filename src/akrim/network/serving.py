"""The network's serving tables: its nodes and edges in SQLite, for point reads.

A neighbourhood is many small lookups by node. DuckDB answers a lookup of a few hundred keys by
scanning the whole edge table (0.2-0.5 s on the national network); SQLite's B-tree indexes answer
it in milliseconds. So, as design.md has it, point reads come from a serving store written after
the build: `publish` copies `net_node` and `net_edge` into `DATA_DIR/akrim-serving.sqlite`,
through a temporary file renamed over the old one, so a reader never sees half a network.

Writing rows into SQLite from Python costs a few microseconds a row, most of it in SQLite itself,
and a national network has over 20 million rows. So the rows are exported to Parquet (DuckDB,
in parallel), written into two SQLite files by two processes at once, and the second file is
copied into the first inside SQLite (no Python per row) before the indexes are built.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from akrim.store.engine import Store

NODE_COLUMNS = ("node_id", "kind", "label", "naeringskode", "kommunenummer",
                "organisasjonsform", "fodselsdato")
EDGE_COLUMNS = ("src", "dst", "kind", "rolle", "valid_from", "valid_to", "source")
TABLES = {"net_node": NODE_COLUMNS, "net_edge": EDGE_COLUMNS}
_BATCH = 200_000
_WRITERS = 2
_PARALLEL_FROM_ROWS = 1_000_000
"""Smaller networks are written in-process: starting the writers costs about a second."""

_INDEXES = (
    "CREATE UNIQUE INDEX net_node_id ON net_node (node_id)",
    "CREATE INDEX net_edge_src ON net_edge (src)",
    "CREATE INDEX net_edge_dst ON net_edge (dst)",
)


def _open_for_building(path: Path) -> sqlite3.Connection:
    path.unlink(missing_ok=True)
    target = sqlite3.connect(path)
    # A half-written file is thrown away, never read: no journal needed while building.
    target.execute("PRAGMA journal_mode = OFF")
    target.execute("PRAGMA synchronous = OFF")
    for table, columns in TABLES.items():
        target.execute(f"CREATE TABLE {table} ({', '.join(c + ' TEXT' for c in columns)})")
    return target


def _write_part(path: Path, parts: list[tuple[str, Path]]) -> None:
    """Write Parquet files into the tables of a new SQLite file (runs in a worker process)."""
    import pyarrow.parquet as pq

    target = _open_for_building(path)
    try:
        for table, parquet in parts:
            insert = f"INSERT INTO {table} VALUES ({', '.join('?' for _ in TABLES[table])})"
            for batch in pq.ParquetFile(parquet).iter_batches(_BATCH):
                target.executemany(insert, zip(*(column.to_pylist()
                                                 for column in batch.columns), strict=True))
        target.commit()
    finally:
        target.close()


def _export(store: Store, folder: Path) -> list[list[tuple[str, Path]]]:
    """The network as Parquet, in one part per writer, each of about equal rows."""
    counts = {table: store.scalar(f"SELECT count(*) FROM {table}") for table in TABLES}
    writers = _WRITERS if sum(counts.values()) >= _PARALLEL_FROM_ROWS else 1
    share = -(-sum(counts.values()) // writers)
    parts: list[list[tuple[str, Path]]] = [[] for _ in range(writers)]
    writer, room = 0, share
    for table, columns in TABLES.items():
        # Dates travel as ISO text: SQLite has no date type.
        selected = ", ".join(f"CAST({c} AS VARCHAR) AS {c}" for c in columns)
        done = 0
        while done < counts[table]:
            take = min(room, counts[table] - done)
            target = folder / f"{table}-{done}.parquet"
            store.execute(f"COPY (SELECT {selected} FROM {table} LIMIT {take} OFFSET {done}) "
                          f"TO '{target}' (FORMAT parquet)")
            parts[writer].append((table, target))
            done += take
            room -= take
            if room == 0 and writer < writers - 1:
                writer, room = writer + 1, share
    return parts


def publish(store: Store, path: Path) -> None:
    """Write the store's network into the serving file at `path`, replacing it whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = path.with_name(path.name + ".parts")
    folder.mkdir(exist_ok=True)
    files = [path.with_name(f"{path.name}.building{i}") for i in range(_WRITERS)]
    try:
        parts = _export(store, folder)
        if len(parts) == 1:
            _write_part(files[0], parts[0])
        else:
            context = multiprocessing.get_context("spawn")  # no fork of a process with DuckDB
            with ProcessPoolExecutor(len(parts), mp_context=context) as pool:
                for done in [pool.submit(_write_part, f, p)
                             for f, p in zip(files, parts, strict=False)]:
                    done.result()
        target = sqlite3.connect(files[0])
        try:
            target.execute("PRAGMA journal_mode = OFF")
            target.execute("PRAGMA synchronous = OFF")
            for extra in files[1:len(parts)]:
                target.execute("ATTACH DATABASE ? AS extra", [str(extra)])
                for table in TABLES:
                    target.execute(f"INSERT INTO main.{table} SELECT * FROM extra.{table}")
                target.commit()
                target.execute("DETACH DATABASE extra")
            for statement in _INDEXES:
                target.execute(statement)
            target.commit()
        finally:
            target.close()
        files[0].replace(path)
    finally:
        for leftover in [*files, *folder.glob("*.parquet")]:
            leftover.unlink(missing_ok=True)
        folder.rmdir()


def open_serving(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the serving file; None before the first network build."""
    if not path.exists():
        return None
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
