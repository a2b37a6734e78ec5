"""The network's serving tables: its nodes and edges in SQLite, for point reads.

A neighbourhood is many small lookups by node. DuckDB answers a lookup of a few hundred keys by
scanning the whole edge table (0.2-0.5 s on the national network); SQLite's B-tree indexes answer
it in milliseconds. So, as design.md has it, point reads come from a serving store written after
the build: `publish` copies `net_node` and `net_edge` into `DATA_DIR/akrim-serving.sqlite`,
through a temporary file renamed over the old one, so a reader never sees half a network.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from akrim.store.engine import Store

NODE_COLUMNS = ("node_id", "kind", "label", "naeringskode", "kommunenummer",
                "organisasjonsform", "fodselsdato")
EDGE_COLUMNS = ("src", "dst", "kind", "rolle", "valid_from", "valid_to", "source")
_BATCH = 200_000

_DDL = (
    f"CREATE TABLE net_node ({', '.join(c + ' TEXT' for c in NODE_COLUMNS)})",
    f"CREATE TABLE net_edge ({', '.join(c + ' TEXT' for c in EDGE_COLUMNS)})",
)
_INDEXES = (
    "CREATE UNIQUE INDEX net_node_id ON net_node (node_id)",
    "CREATE INDEX net_edge_src ON net_edge (src)",
    "CREATE INDEX net_edge_dst ON net_edge (dst)",
)


def _copy(store: Store, target: sqlite3.Connection, table: str,
          columns: tuple[str, ...]) -> None:
    # Dates travel as ISO text: SQLite has no date type.
    selected = ", ".join(f"CAST({c} AS VARCHAR)" for c in columns)
    reader = store.con.sql(f"SELECT {selected} FROM {table}").to_arrow_reader(_BATCH)
    insert = f"INSERT INTO {table} VALUES ({', '.join('?' for _ in columns)})"
    for batch in reader:
        target.executemany(insert, zip(*(column.to_pylist() for column in batch.columns),
                                       strict=True))


def publish(store: Store, path: Path) -> None:
    """Write the store's network into the serving file at `path`, replacing it whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    building.unlink(missing_ok=True)
    target = sqlite3.connect(building)
    try:
        # A half-written file is thrown away, never read: no journal needed while building.
        target.execute("PRAGMA journal_mode = OFF")
        target.execute("PRAGMA synchronous = OFF")
        for statement in _DDL:
            target.execute(statement)
        _copy(store, target, "net_node", NODE_COLUMNS)
        _copy(store, target, "net_edge", EDGE_COLUMNS)
        for statement in _INDEXES:
            target.execute(statement)
        target.commit()
    finally:
        target.close()
    building.replace(path)


def open_serving(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the serving file; None before the first network build."""
    if not path.exists():
        return None
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
