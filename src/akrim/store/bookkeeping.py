"""The analytical store's bookkeeping tables, all append-only: snapshots, source files, source
records and the quarantine.

`quarantine` has one row per problem with a record, with its file, line, field, kind and reason.
`record_kept` is true for a field problem of a record that was kept (its rows list the field in
`unknown_fields`) and false for a problem of a record held back (docs/data-formats.md §1.3).

`source_record.payload` holds every record's text as read: in DuckDB it is compressed with
Zstandard (`DUCKDB_STORAGE`). DuckDB's own choice for text, FSST over a dictionary, cost a
million Folkeregisteret records 3.65 s of CPU to store in 243 MiB; Zstandard costs 1.88 s and
79 MiB, a point read is as fast and a full scan 0.15 s against 0.11.
"""

from __future__ import annotations

_SOURCE_RECORD = """CREATE TABLE IF NOT EXISTS source_record (
  record_id VARCHAR NOT NULL,
  file_id INTEGER NOT NULL,
  line BIGINT NOT NULL,
  payload VARCHAR{payload_storage} NOT NULL
)"""

_DDL = (
    """CREATE SEQUENCE IF NOT EXISTS snapshot_seq START 1""",
    """CREATE TABLE IF NOT EXISTS snapshot (
  snapshot_id INTEGER PRIMARY KEY,
  as_of DATE NOT NULL,
  loaded_at TIMESTAMP NOT NULL,
  kind VARCHAR NOT NULL
)""",
    """CREATE SEQUENCE IF NOT EXISTS source_file_seq START 1""",
    """CREATE TABLE IF NOT EXISTS source_file (
  file_id INTEGER PRIMARY KEY,
  snapshot_id INTEGER NOT NULL,
  path VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  register VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  size_bytes BIGINT NOT NULL,
  records BIGINT NOT NULL,
  quarantined BIGINT NOT NULL
)""",
    _SOURCE_RECORD,
    """CREATE TABLE IF NOT EXISTS quarantine (
  snapshot_id INTEGER NOT NULL,
  file_id INTEGER NOT NULL,
  line BIGINT NOT NULL,
  field VARCHAR,
  kind VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  raw VARCHAR,
  record_kept BOOLEAN NOT NULL
)""",
)

DUCKDB_STORAGE = {"payload_storage": " USING COMPRESSION zstd"}
"""How DuckDB stores the bookkeeping's columns (PostgreSQL stores large text compressed itself)."""
BOOKKEEPING_DDL = tuple(statement.format(payload_storage="") for statement in _DDL)
"""The bookkeeping tables, portable (PostgreSQL, Spark)."""
DUCKDB_BOOKKEEPING_DDL = tuple(statement.format(**DUCKDB_STORAGE) for statement in _DDL)
"""The same, with DuckDB's storage of the columns."""
DUCKDB_SOURCE_RECORD_DDL = _SOURCE_RECORD.format(**DUCKDB_STORAGE)


def records_of(registers: str) -> str:
    """`source_record` as a relation, only the records of `registers` (SQL: a subquery of
    register names, or a list of them). A record id is salted with its register, so a record
    is only ever looked for among its own register's. The store's records lie in load order,
    so DuckDB skips the other registers' row groups rather than reading every stored record's
    id: ~0.3 s a load on a national store, however small the load; 1.4-1.7 s against 0.33 s to
    find 3,000 enheter's documents beside a national Folkeregisteret."""
    return (f"(SELECT * FROM source_record WHERE file_id IN "
            f"(SELECT file_id FROM source_file WHERE register IN ({registers})))")
