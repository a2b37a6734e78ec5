"""The network's serving table: each node with its edges, in SQLite, for point reads.

A neighbourhood is many small lookups by node. DuckDB answers a lookup of a few hundred keys by
scanning the whole edge table (0.2-0.5 s on the national network); SQLite's B-tree indexes answer
it in milliseconds. So, as design.md has it, point reads come from a serving store written after
the build: `publish` writes `DATA_DIR/akrim-serving.sqlite` through a temporary file renamed over
the old one, so a reader never sees half a network.

The file holds one table, `net_adjacency`: one row per node with its attributes (NODE_COLUMNS)
and every edge that touches it (EDGE_COLUMNS), each a JSON array that DuckDB builds. A
neighbourhood's hop is then one primary-key lookup per node. Why one row per node: every value
bound from Python costs about 0.4 µs and every row about 1 µs more, and a national network has
8.7 million nodes and 14.6 million edges, so three values a node cost a fifth of seven values an
edge and a node; and rows written in key order need no index built afterwards. The rows are
exported as Arrow (DuckDB, in parallel) in two halves of the key range, written into two SQLite
files by two processes (the first half while the second is exported), and the second file is
appended to the first inside SQLite.
"""

from __future__ import annotations

import itertools
import multiprocessing
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from akrim.store.engine import Store

NODE_COLUMNS = ("node_id", "kind", "label", "naeringskode", "kommunenummer",
                "organisasjonsform", "fodselsdato")
EDGE_COLUMNS = ("src", "dst", "kind", "rolle", "valid_from", "valid_to", "source")
SERVING_COLUMNS = ("node_id", "node", "edges")
"""`node`: NODE_COLUMNS after node_id; `edges`: a list of EDGE_COLUMNS (dates as ISO text)."""
_BATCH = 50_000
_WRITERS = 2
_PARALLEL_FROM_NODES = 300_000
"""Smaller networks are written in-process: starting the writers costs about a second."""


def _json_list(columns: tuple[str, ...], alias: str) -> str:
    # Dates travel as ISO text: SQLite and JSON have no date type.
    return "[" + ", ".join(f"CAST({alias}.{c} AS VARCHAR)" for c in columns) + "]"


_ADJACENCY_SQL = f"""
    WITH edge AS (
        SELECT src, dst, to_json({_json_list(EDGE_COLUMNS, 'e')})::VARCHAR AS edge
        FROM net_edge e
        WHERE (src >= $low AND src < $high) OR (dst >= $low AND dst < $high)
    ), touching AS (
        SELECT src AS node_id, edge FROM edge WHERE src >= $low AND src < $high
        UNION ALL
        SELECT dst, edge FROM edge WHERE dst >= $low AND dst < $high AND dst <> src
    ), grouped AS (
        -- string_agg of each edge's JSON: half the time of to_json(list(...)) per node.
        SELECT node_id, '[' || string_agg(edge, ',') || ']' AS edges
        FROM touching GROUP BY node_id
    )
    SELECT n.node_id, to_json({_json_list(NODE_COLUMNS[1:], 'n')})::VARCHAR AS node,
           coalesce(g.edges, '[]') AS edges
    FROM net_node n LEFT JOIN grouped g USING (node_id)
    WHERE n.node_id >= $low AND n.node_id < $high
    ORDER BY n.node_id"""


def _open_for_building(path: Path) -> sqlite3.Connection:
    path.unlink(missing_ok=True)
    target = sqlite3.connect(path)
    # A half-written file is thrown away, never read: no journal needed while building.
    target.execute("PRAGMA journal_mode = OFF")
    target.execute("PRAGMA synchronous = OFF")
    target.execute("CREATE TABLE net_adjacency (node_id TEXT PRIMARY KEY, node TEXT NOT NULL, "
                   "edges TEXT NOT NULL)")
    return target


def _write_part(path: Path, part: Path) -> None:
    """Write one exported part into the table of a new SQLite file (runs in a worker process)."""
    import pyarrow as pa

    target = _open_for_building(path)
    try:
        insert = "INSERT INTO net_adjacency VALUES (?, ?, ?)"
        with pa.memory_map(str(part)) as source:
            for batch in pa.ipc.open_stream(source):
                target.executemany(insert, zip(*(column.to_pylist()
                                                 for column in batch.columns), strict=True))
        target.commit()
    finally:
        target.close()


def _export(store: Store, folder: Path, nodes: int, parts: int) -> Iterator[Path]:
    """The serving rows as Arrow IPC streams (Parquet took longer to read back than SQLite took
    to write), `parts` of them, each a range of node ids in order, each yielded as soon as it is
    written so that its writer can start while the next is exported."""
    import pyarrow as pa

    # The node ids where each part starts, and one past the largest ('~' sorts after all
    # of 'a:', 'o:' and 'p:').
    bounds = [row[0] for row in store.rows(
        "SELECT node_id FROM (SELECT node_id, row_number() OVER (ORDER BY node_id) - 1 AS n "
        "FROM net_node) WHERE n % ? = 0 ORDER BY node_id", [max(1, -(-nodes // parts))])]
    bounds = ["", *bounds[1:], "~"]
    for index, (low, high) in enumerate(itertools.pairwise(bounds)):
        target = folder / f"net_adjacency-{index}.arrow"
        reader = store.con.sql(_ADJACENCY_SQL, params={"low": low, "high": high}
                               ).to_arrow_reader(_BATCH)
        with pa.OSFile(str(target), "wb") as sink, pa.ipc.new_stream(sink, reader.schema) as out:
            for batch in reader:
                out.write_batch(batch)
        yield target


def publish(store: Store, path: Path) -> None:
    """Write the store's network into the serving file at `path`, replacing it whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = path.with_name(path.name + ".parts")
    folder.mkdir(exist_ok=True)
    files = [path.with_name(f"{path.name}.building{i}") for i in range(_WRITERS)]
    nodes = store.scalar("SELECT count(*) FROM net_node")
    writers = _WRITERS if nodes >= _PARALLEL_FROM_NODES else 1
    written: list[Path] = []
    try:
        if writers == 1:
            for file, part in zip(files, _export(store, folder, nodes, 1), strict=False):
                _write_part(file, part)
                written.append(file)
        else:
            context = multiprocessing.get_context("spawn")  # no fork of a process with DuckDB
            with ProcessPoolExecutor(writers, mp_context=context) as pool:
                writing = []
                for file, part in zip(files, _export(store, folder, nodes, writers),
                                      strict=False):
                    writing.append(pool.submit(_write_part, file, part))
                    written.append(file)
                for done in writing:
                    done.result()
        target = sqlite3.connect(files[0])
        try:
            target.execute("PRAGMA journal_mode = OFF")
            target.execute("PRAGMA synchronous = OFF")
            for extra in written[1:]:  # a network smaller than its parts makes fewer
                target.execute("ATTACH DATABASE ? AS extra", [str(extra)])
                target.execute("INSERT INTO main.net_adjacency "
                               "SELECT * FROM extra.net_adjacency ORDER BY node_id")
                target.commit()
                target.execute("DETACH DATABASE extra")
        finally:
            target.close()
        files[0].replace(path)
    finally:
        for leftover in [*files, *folder.glob("*.arrow")]:
            leftover.unlink(missing_ok=True)
        folder.rmdir()


def open_serving(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the serving file; None before the first network build."""
    if not path.exists():
        return None
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
