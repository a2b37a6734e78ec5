"""The operational store's migrations run forward on an empty database and on the first
release's schema (tables made directly, judgements and audit entries in them), on SQLite and
PostgreSQL, and end where the declared tables are."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    insert,
    select,
)

from akrim.link.judgements import in_force
from akrim.ops.audit import verify
from akrim.ops.db import audit_log, connect, metadata
from akrim.ops.migrate import current_revision
from akrim.settings import Settings

HEAD = "0004"

# The first release's tables, as its akrim/ops/db.py declared them (commit e0fded8).
first_release = MetaData()
Table("link_judgement", first_release,
      Column("id", Integer, primary_key=True, autoincrement=True),
      Column("left_id", String(200), nullable=False),
      Column("right_id", String(200), nullable=False),
      Column("verdict", String(10), nullable=False),
      Column("made_by", String(100), nullable=False),
      Column("made_at", DateTime(timezone=True), nullable=False),
      Column("note", Text),
      Column("retracted_at", DateTime(timezone=True)),
      CheckConstraint("verdict IN ('same', 'different', 'unsure')", name="verdict_known"))
first_audit = Table("audit_log", first_release,
                    Column("id", Integer, primary_key=True, autoincrement=True),
                    Column("at", DateTime(timezone=True), nullable=False),
                    Column("user_name", String(100), nullable=False),
                    Column("action", String(100), nullable=False),
                    Column("subject", String(200)),
                    Column("purpose", Text))


def url_of(settings: Settings) -> str:
    return settings.ops_db_url or f"sqlite:///{settings.data_dir / 'akrim-ops.sqlite'}"


def schema_matches_the_declared_tables(engine: Engine) -> None:
    assert current_revision(engine) == HEAD
    with engine.connect() as con:
        differences = compare_metadata(MigrationContext.configure(con), metadata)
    assert differences == []


def from_the_first_release(settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    old = create_engine(url_of(settings))
    first_release.create_all(old)
    with old.begin() as con:
        con.execute(insert(first_release.tables["link_judgement"]).values(
            left_id="freg:A", right_id="hms:B", verdict="same", made_by="anna",
            made_at=datetime(2026, 11, 1, tzinfo=UTC)))
        for i in range(3):
            con.execute(insert(first_audit).values(
                at=datetime(2026, 11, 2, 12, i, tzinfo=UTC), user_name="anna",
                action="explain", subject=f"91234567{i}", purpose=None))
    old.dispose()
    engine = connect(settings)
    try:
        schema_matches_the_declared_tables(engine)
        assert in_force(engine).same == [("freg:A", "hms:B")]  # the judgement is kept
        verdict = verify(engine)  # the old entries are chained in id order
        assert verdict.intact and verdict.entries == 3
        with engine.connect() as con:
            subjects = [row.subject for row in con.execute(
                select(audit_log).order_by(audit_log.c.id))]
        assert subjects == ["912345670", "912345671", "912345672"]
    finally:
        engine.dispose()


def test_an_empty_sqlite_store(tmp_path: Path) -> None:
    schema_matches_the_declared_tables(connect(Settings(data_dir=tmp_path)))


def test_the_first_release_in_sqlite(tmp_path: Path) -> None:
    from_the_first_release(Settings(data_dir=tmp_path / "data"))


@pytest.mark.postgres
def test_an_empty_postgres_store(pg_settings: Settings) -> None:
    engine = connect(pg_settings)
    try:
        schema_matches_the_declared_tables(engine)
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_the_first_release_in_postgres(pg_settings: Settings) -> None:
    from_the_first_release(pg_settings)
