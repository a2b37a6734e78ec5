"""Dated history: fold a load's staged rows into a register table (type-2 history).

A staged row whose key and content match the current version changes nothing, so loading the
same data twice is a no-op. A changed object gets its current version closed (`valid_to`) and a
new version opened. Within the load's scope, a current object that the load no longer contains
is closed too, unless its row was quarantined in this load (`held_<table>`): a bad row must not
pass for a deletion. A held key may leave trailing key columns NULL to hold a whole group (all
roles of one enhet).
"""

from __future__ import annotations

from datetime import date

from akrim.store.engine import Store
from akrim.store.schema import TableSpec


def _match(spec: TableSpec, left: str, right: str, columns: tuple[str, ...]) -> str:
    return " AND ".join(f"{left}.{c} = {right}.{c}" for c in columns) or "TRUE"


def row_hash_sql(spec: TableSpec) -> str:
    """The content hash of a row: equal hashes mean an unchanged version."""
    parts = ", ".join(f"coalesce(CAST({c} AS VARCHAR), '\u2400')" for c in spec.column_names)
    return f"md5(concat_ws('\u241f', {parts}))"


def quarantine_duplicates(store: Store, spec: TableSpec, snapshot_id: int) -> str:
    """Quarantine all but the first staged row of each key; return the relation of the staged
    rows kept: `stg_<table>`, or when it had duplicates the temporary view `kept_<table>`
    without them (staged rows are files, not a table to delete from: `akrim.ingest.staging`).

    Only the keys staged more than once are ranked (a grouping first), so that a year of
    a-melding is not sorted whole to find its few duplicates."""
    keys = ", ".join(spec.key)
    same_key = " AND ".join(f"s.{c} IS NOT DISTINCT FROM r.{c}" for c in spec.key)
    store.temp_table(
        f"dup_{spec.name}",
        f"""AS
        SELECT row_no, line, file_id, first_line, first_file FROM (
          SELECT row_no, line, file_id,
                 first_value(line) OVER w AS first_line,
                 first_value(file_id) OVER w AS first_file,
                 row_number() OVER w AS n
          FROM stg_{spec.name} s
          WHERE EXISTS (SELECT 1 FROM (SELECT {keys} FROM stg_{spec.name}
                                      GROUP BY {keys} HAVING count(*) > 1) r
                        WHERE {same_key})
          WINDOW w AS (PARTITION BY {keys} ORDER BY file_id, row_no)
        ) d WHERE n > 1
        """,
    )
    if not store.scalar(f"SELECT count(*) FROM dup_{spec.name}"):
        return f"stg_{spec.name}"
    store.execute(
        f"""
        INSERT INTO quarantine (snapshot_id, file_id, line, field, kind, reason, raw, record_kept)
        SELECT ?, d.file_id, d.line, '{"+".join(spec.key)}', 'duplicate',
               'duplicate {spec.name} key: first given at ' || f.name || ':' || d.first_line,
               NULL, false
        FROM dup_{spec.name} d JOIN source_file f ON f.file_id = d.first_file
        """,
        [snapshot_id],
    )
    store.execute(
        f"CREATE OR REPLACE TEMP VIEW kept_{spec.name} AS SELECT * FROM stg_{spec.name} s "
        f"WHERE NOT EXISTS (SELECT 1 FROM dup_{spec.name} d "
        "WHERE d.file_id = s.file_id AND d.row_no = s.row_no)"
    )
    return f"kept_{spec.name}"


def merge(store: Store, spec: TableSpec, snapshot_id: int, as_of: date,
          staged: str | None = None, closed_if: str = "false") -> tuple[int, int]:
    """Fold the staged rows (`staged`, by default `stg_<table>`) into the table; return
    (versions closed, versions opened). A new version whose staged row `s` meets `closed_if`
    (an SQL condition; none by default) opens closed, valid to `as_of`: closing it afterwards
    with an UPDATE would make DuckDB write every row the load inserted into the table to its
    write-ahead log, and again at the next checkpoint (1.4 GB for a national a-melding month).

    Only the current rows within the load's scope are compared: for a scoped table (one
    a-melding message, say) the load's scopes are collected first, so that a load's cost follows
    its own size rather than the table's (a month's a-melding on top of a year of them). When no
    current row is in scope (a first load, a new month), nothing can close and every staged row
    is new, so the staged rows are not compared at all: building that comparison over a year's
    staged a-melding cost ~8 s a table even against an empty table. A table with no current row
    at all (a register's first load) needs not even its scopes collected (0.8 s of
    Folkeregisteret's first load).
    """
    name = spec.name
    staged = staged or f"stg_{name}"
    key_match = _match(spec, "t", "s", spec.key)
    held_match = " AND ".join(f"(h.{c} IS NULL OR h.{c} = {name}.{c})" for c in spec.key)
    scope = ", ".join(spec.scope)
    in_scope = (f"AND EXISTS (SELECT 1 FROM scope_{name} c WHERE "
                f"{_match(spec, 'c', name, spec.scope)})" if spec.scope else "")
    compared = bool(store.scalar(f"SELECT EXISTS (SELECT 1 FROM {name} WHERE valid_to IS NULL)"))
    scoped = compared and bool(spec.scope)
    if scoped:
        store.temp_table(f"scope_{name}", f"AS SELECT DISTINCT {scope} FROM {staged}")
        compared = bool(store.scalar(
            f"SELECT EXISTS (SELECT 1 FROM {name} WHERE {name}.valid_to IS NULL {in_scope})"))
    closed = 0
    if compared:
        result = store.execute(
            f"""
            UPDATE {name} SET valid_to = ?
            WHERE {name}.valid_to IS NULL {in_scope}
              AND NOT EXISTS (SELECT 1 FROM {staged} s
                              WHERE {_match(spec, name, "s", spec.key)}
                                AND s.row_hash = {name}.row_hash)
              AND NOT EXISTS (SELECT 1 FROM held_{name} h WHERE {held_match})
            """,
            [as_of],
        ).fetchone()
        closed = int(result[0]) if result else 0
    columns = ", ".join(spec.column_names)
    keys = ", ".join(spec.key)
    unchanged = "" if not compared else f"""WHERE NOT EXISTS (
          SELECT 1 FROM (SELECT {keys}, row_hash FROM {name}
                         WHERE valid_to IS NULL {in_scope}) t
          WHERE {key_match} AND t.row_hash = s.row_hash)"""
    opened = store.execute(
        f"""
        INSERT INTO {name} ({columns}, unknown_fields, valid_from, valid_to, snapshot_id,
                            record_id, row_hash)
        SELECT {", ".join("s." + c for c in spec.column_names)}, s.unknown_fields, ?,
               CASE WHEN {closed_if} THEN CAST(? AS DATE) END, ?, s.record_id, s.row_hash
        FROM {staged} s
        {unchanged}
        """,
        [as_of, as_of, snapshot_id],
    ).fetchone()
    if scoped:
        store.execute(f"DROP TABLE scope_{name}")
    return closed, int(opened[0]) if opened else 0
