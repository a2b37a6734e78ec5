"""The public check's serving file: the public registers' rows in SQLite, for point reads.

Why: the check is a handful of point reads per request, and DuckDB answers point reads far too
slowly for a public API (design.md: about 1,300 req/s, p99 about 115 ms; SQLite 7,300 req/s,
p99 14 ms). So `publish` copies the rows the check reads — the tables of `PUBLIC_TABLES`, only
the columns its queries name — into `DATA_DIR/akrim-public.sqlite`, with the indexes those
queries need, and the check runs its same queries (`sql/seriousness.sql`) on that file.

Why a file of its own rather than tables in the network's `akrim-serving.sqlite`: that file is
rebuilt whole by `akrim link` and holds agency-internal data (persons, the network), while this
one holds public data only and changes with every load. A public server needs nothing else.

The file is written under a temporary name and renamed over the old one, so a reader sees the
old file or the new one, never half of one; a published file is never written again, which is
why readers open it `immutable` (no locking). It records the snapshot it was published from.
A server keeps one connection a thread (`connection`): opening one for each check cost 0.85 ms
of CPU (the schema read, a cold page cache) against 0.3 ms for the check on a warm one.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from akrim.store.engine import Store

PUBLIC_FILE = "akrim-public.sqlite"

PUBLIC_COLUMNS: dict[str, tuple[str, ...]] = {
    # The columns the check's queries read, and nothing else (tests run every query on a
    # published file). Booleans are marked: SQLite keeps them as 0/1.
    "enhet": ("organisasjonsnummer", "navn", "naeringskode1", "registreringsdato",
              "slettedato", "konkurs", "konkursdato", "under_avvikling",
              "under_tvangsavvikling", "registrert_i_mvaregisteret", "valid_from", "valid_to"),
    "underenhet": ("organisasjonsnummer", "navn", "naeringskode1", "registreringsdato",
                   "slettedato", "nedleggelsesdato", "overordnet_enhet", "valid_from",
                   "valid_to"),
    "rolle": ("organisasjonsnummer", "rolle", "innehaver", "fratraadt", "valid_from",
              "valid_to"),
    "godkjenning": ("register", "organisasjonsnummer", "overordnet_enhet", "status",
                    "status_dato", "valid_from", "valid_to"),
    "stansingsvedtak": ("vedtak_id", "organisasjonsnummer", "etat", "vedtaksdato",
                        "opphevet_dato", "valid_from", "valid_to"),
}

INDEXES = (
    # One for each lookup of the queries; valid_from for the registers query's max(). No
    # ANALYZE: with its statistics SQLite chose to scan `rolle` for a Bloom filter (12 ms a
    # check on a county); without them it follows the indexes (0.1 ms). A test reads the plans.
    "enhet (organisasjonsnummer)",
    "enhet (valid_from)",
    "underenhet (organisasjonsnummer)",
    "underenhet (valid_from)",
    "rolle (organisasjonsnummer)",
    "rolle (innehaver)",
    "rolle (valid_from)",
    "godkjenning (coalesce(overordnet_enhet, organisasjonsnummer))",
    "godkjenning (register, valid_from)",
    "stansingsvedtak (organisasjonsnummer)",
    "stansingsvedtak (valid_from)",
)

CONVERT: dict[str, Callable[[Any], Any]] = {
    # The queries' result columns that SQLite cannot type: dates (ISO text) and booleans (0/1).
    # tests/seriousness/test_serving.py checks this against the types DuckDB returns.
    **dict.fromkeys(("registreringsdato", "slettedato", "nedleggelsesdato", "valid_to",
                     "konkursdato", "status_dato", "vedtaksdato", "opphevet_dato", "newest"),
                    dt.date.fromisoformat),
    **dict.fromkeys(("konkurs", "under_avvikling", "under_tvangsavvikling",
                     "registrert_i_mvaregisteret"), bool),
}

_BATCH = 50_000


def public_file(data_dir: Path) -> Path:
    return data_dir / PUBLIC_FILE


def _column_types(store: Store, table: str) -> dict[str, str]:
    return {name: kind for name, kind in store.rows(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_name = ?", [table])}


def _copy(store: Store, target: sqlite3.Connection, table: str) -> None:
    columns = PUBLIC_COLUMNS[table]
    types = _column_types(store, table)
    target.execute(f"CREATE TABLE {table} (" + ", ".join(
        f"{c} {'INTEGER' if types[c] == 'BOOLEAN' else 'TEXT'}" for c in columns) + ")")
    # Dates travel as ISO text, which sorts and compares as the dates do.
    select = ", ".join(f"CAST({c} AS VARCHAR)" if types[c] == "DATE" else c for c in columns)
    cursor = store.con.execute(f"SELECT {select} FROM {table} ORDER BY {columns[0]}")
    insert = f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})"
    while batch := cursor.fetchmany(_BATCH):
        target.executemany(insert, batch)


def publish(store: Store, path: Path) -> int:
    """Write the public registers' rows from `store` into the serving file at `path`, replacing
    it whole; returns the snapshot id it speaks for."""
    snapshot = int(store.scalar("SELECT coalesce(max(snapshot_id), 0) FROM snapshot"))
    building = path.with_name(f"{path.name}.building-{os.getpid()}")
    building.unlink(missing_ok=True)
    try:
        target = sqlite3.connect(building)
        try:
            # A half-written file is thrown away, never read: no journal while building.
            target.execute("PRAGMA journal_mode = OFF")
            target.execute("PRAGMA synchronous = OFF")
            for table in PUBLIC_COLUMNS:
                _copy(store, target, table)
            for number, index in enumerate(INDEXES):
                target.execute(f"CREATE INDEX public_{number} ON {index}")
            target.execute("CREATE TABLE public_published (snapshot_id INTEGER NOT NULL, "
                           "published_at TEXT NOT NULL)")
            target.execute("INSERT INTO public_published VALUES (?, ?)",
                           [snapshot, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")])
            target.commit()
        finally:
            target.close()
        with building.open("rb+") as written:
            os.fsync(written.fileno())  # the rename must not outlive the rows on a crash
        building.replace(path)
    finally:
        building.unlink(missing_ok=True)
    return snapshot


def open_public(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the serving file; None when none has been published."""
    if not path.is_file():
        return None
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


_kept = threading.local()


def connection(path: Path) -> sqlite3.Connection | None:
    """This thread's connection to the serving file at `path`, kept between calls; reopened
    when a publish has replaced the file (a new inode), so the next check reads the new one;
    None when none is published. One a thread: sqlite3 connections stay in their thread."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    identity = (str(path), found.st_ino, found.st_mtime_ns, found.st_size)
    kept: tuple[tuple[str, int, int, int], sqlite3.Connection] | None = getattr(
        _kept, "connection", None)
    if kept is not None and kept[0] == identity:
        return kept[1]
    if kept is not None:
        kept[1].close()
    opened = open_public(path)
    _kept.connection = None if opened is None else (identity, opened)
    return opened


def published_snapshot(path: Path) -> int | None:
    """The snapshot id the serving file at `path` speaks for; None when there is none."""
    connection = open_public(path)
    if connection is None:
        return None
    try:
        return int(connection.execute("SELECT snapshot_id FROM public_published").fetchone()[0])
    except sqlite3.DatabaseError:  # not a serving file, or one of an older layout
        return None
    finally:
        connection.close()


def is_current(store: Store, path: Path) -> bool:
    """True when the serving file speaks for the store's newest snapshot."""
    newest = store.scalar("SELECT coalesce(max(snapshot_id), 0) FROM snapshot")
    return bool(published_snapshot(path) == newest)


def refresh(store: Store, data_dir: Path) -> bool:
    """Publish the data directory's serving file unless it already speaks for the store's
    newest snapshot; True when it was written."""
    path = public_file(data_dir)
    if is_current(store, path):
        return False
    publish(store, path)
    return True


def rows(connection: sqlite3.Connection, sql: str, params: Mapping[str, Any]
         ) -> list[tuple[Any, ...]]:
    """A query's rows from the serving file, dates and booleans typed as DuckDB returns them."""
    cursor = connection.execute(sql, params)
    convert = [CONVERT.get(column[0]) for column in cursor.description]
    return [tuple(value if value is None or to is None else to(value)
                  for value, to in zip(row, convert, strict=True))
            for row in cursor.fetchall()]
