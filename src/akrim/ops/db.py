"""Tables of the operational store, declared once with SQLAlchemy Core."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime

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
)

from akrim.settings import Settings

metadata = MetaData()

link_judgement = Table(
    "link_judgement", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("left_id", String(200), nullable=False),
    Column("right_id", String(200), nullable=False),
    Column("verdict", String(10), nullable=False),
    Column("made_by", String(100), nullable=False),
    Column("made_at", DateTime(timezone=True), nullable=False),
    Column("note", Text),
    Column("retracted_at", DateTime(timezone=True)),
    CheckConstraint("verdict IN ('same', 'different', 'unsure')", name="verdict_known"),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_name", String(100), nullable=False),
    Column("action", String(100), nullable=False),
    Column("subject", String(200)),
    Column("purpose", Text),
)


user_account = Table(
    "user_account", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("agency", String(40), nullable=False),
    Column("role", String(40), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled_at", DateTime(timezone=True)),
)


def connect(settings: Settings) -> Engine:
    url = settings.ops_db_url or f"sqlite:///{settings.data_dir / 'akrim-ops.sqlite'}"
    if url.startswith("sqlite:///"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    metadata.create_all(engine)
    return engine


def now() -> datetime:
    return datetime.now(UTC)


def current_user() -> str:
    return getpass.getuser()


def audit(engine: Engine, action: str, subject: str | None, purpose: str | None = None,
          user: str | None = None) -> None:
    """Record one read of personal data (who, when, what, why)."""
    with engine.begin() as con:
        con.execute(insert(audit_log).values(
            at=now(), user_name=user or current_user(), action=action, subject=subject,
            purpose=purpose))
