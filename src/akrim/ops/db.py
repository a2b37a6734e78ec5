"""Tables of the operational store, declared once with SQLAlchemy Core."""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError

from akrim.ops.chain import GENESIS, entry_hash
from akrim.ops.migrate import upgrade
from akrim.settings import Settings

_APPEND_ATTEMPTS = 20
OPS_SQLITE = "akrim-ops.sqlite"
"""The operational store's file in the data directory, unless `ops_db_url` names a server."""

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
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("prev_hash", name="audit_one_successor"),
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


# --- Cases (akrim.cases): an actor followed up, its evidence, the instruments applied --------
case_file = Table(
    "case_file", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", String(200), nullable=False),
    Column("actor_type", String(20), nullable=False),
    Column("actor_id", String(200), nullable=False),
    Column("opened_by", String(100), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("status", String(20), nullable=False),
    Column("outcome", Text),
    Column("closed_at", DateTime(timezone=True)),
    CheckConstraint("status IN ('new', 'under_assessment', 'in_action', 'closed')",
                    name="case_status_known"),
)

case_agency = Table(
    "case_agency", metadata,
    Column("case_id", Integer, ForeignKey("case_file.id"), primary_key=True),
    Column("agency", String(40), primary_key=True),
)

case_note = Table(
    "case_note", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("case_file.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("written_by", String(100), nullable=False),
    Column("written_at", DateTime(timezone=True), nullable=False),
)

case_attachment = Table(
    "case_attachment", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("case_file.id"), nullable=False),
    Column("filename", String(255), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("added_by", String(100), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

case_evidence_link = Table(
    "case_evidence_link", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("case_file.id"), nullable=False),
    Column("indicator_id", String(20), nullable=False),
    Column("actor_id", String(200), nullable=False),
    Column("reference", String(400)),
    Column("period", String(40)),
    Column("detail", Text),
)

case_instrument = Table(
    "case_instrument", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("case_file.id"), nullable=False),
    Column("instrument_id", String(60), nullable=False),
    Column("agency", String(40), nullable=False),
    Column("applied_on", Date, nullable=False),
    Column("amount_oere", BigInteger),
    Column("outcome", Text),
    Column("recorded_by", String(100), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("amount_oere >= 0", name="case_amount_not_negative"),
)

case_event = Table(
    "case_event", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("case_file.id"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("made_by", String(100), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("detail", Text),
)


def connect(settings: Settings) -> Engine:
    url = settings.ops_db_url or f"sqlite:///{settings.data_dir / OPS_SQLITE}"
    if url.startswith("sqlite:///"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    upgrade(engine)
    return engine


def now() -> datetime:
    return datetime.now(UTC)


def current_user() -> str:
    return getpass.getuser()


def audit(engine: Engine, action: str, subject: str | None, purpose: str | None = None,
          user: str | None = None) -> None:
    """Append one entry (who, when, what, why) to the hash-chained audit log."""
    audit_all(engine, action, [subject], purpose, user)


def audit_all(engine: Engine, action: str, subjects: Sequence[str | None],
              purpose: str | None = None, user: str | None = None) -> None:
    """Append one entry per subject (a page showing twenty records is twenty reads), in one
    transaction: all of them or none.

    The entries take the places after the current last one; a writer that lost the race for
    a place (the unique `prev_hash`) tries again after the new last entry."""
    user_name = user or current_user()
    for _ in range(_APPEND_ATTEMPTS):
        try:
            with engine.begin() as con:
                last = con.execute(select(audit_log.c.id, audit_log.c.hash)
                                   .order_by(audit_log.c.id.desc()).limit(1)).first()
                entry_id, prev_hash = (last.id, last.hash) if last else (0, GENESIS)
                rows = []
                for subject in subjects:
                    at, entry_id = now(), entry_id + 1
                    entry = entry_hash(prev_hash, entry_id, at, user_name, action, subject,
                                       purpose)
                    rows.append({"id": entry_id, "at": at, "user_name": user_name,
                                 "action": action, "subject": subject, "purpose": purpose,
                                 "prev_hash": prev_hash, "hash": entry})
                    prev_hash = entry
                if rows:
                    con.execute(insert(audit_log), rows)
            return
        except IntegrityError:
            continue
    raise RuntimeError(f"audit log: no place after {_APPEND_ATTEMPTS} attempts")
