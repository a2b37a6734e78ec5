"""The analytical store's bookkeeping tables, all append-only: snapshots, source files, source
records and the quarantine.

`quarantine` has one row per problem with a record, with its file, line, field, kind and reason.
`record_kept` is true for a field problem of a record that was kept (its rows list the field in
`unknown_fields`) and false for a problem of a record held back (docs/data-formats.md §1.3).
"""

from __future__ import annotations

BOOKKEEPING_DDL = (
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
    """CREATE TABLE IF NOT EXISTS source_record (
  record_id VARCHAR NOT NULL,
  file_id INTEGER NOT NULL,
  line BIGINT NOT NULL,
  payload VARCHAR NOT NULL
)""",
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
