"""akrim.link.judgements on the operational store: SQLite (default) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from akrim.link.judgements import in_force, judge
from akrim.ops.db import audit, audit_log, connect, link_judgement
from akrim.settings import Settings


def _round_trip(engine: Engine) -> None:
    assert in_force(engine).same == []
    judge(engine, "hms:B", "freg:A", "same", note="same card photo", user="anna")
    judge(engine, "freg:C", "hms:D", "unsure", user="anna")
    judged = in_force(engine)
    # stored in a stable order (smaller id first), whatever order the analyst typed
    assert judged.same == [("freg:A", "hms:B")]
    assert judged.unsure == [("freg:C", "hms:D")]
    assert judged.different == []

    judge(engine, "freg:A", "hms:B", "different", user="bodil")  # changes her mind: replaces
    judged = in_force(engine)
    assert judged.same == [] and judged.different == [("freg:A", "hms:B")]
    assert judged.unsure == [("freg:C", "hms:D")]

    with engine.connect() as con:
        history = con.execute(
            select(link_judgement.c.verdict, link_judgement.c.made_by,
                   link_judgement.c.retracted_at.is_not(None), link_judgement.c.note)
            .where(link_judgement.c.left_id == "freg:A")
            .order_by(link_judgement.c.id)).all()
    assert [tuple(row) for row in history] == [
        ("same", "anna", True, "same card photo"), ("different", "bodil", False, None)]


def _refusals(engine: Engine) -> None:
    before = in_force(engine)
    with pytest.raises(ValueError, match="verdict"):
        judge(engine, "freg:A", "hms:B", "maybe")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="itself"):
        judge(engine, "freg:A", "freg:A", "same")
    assert in_force(engine) == before  # nothing written, nothing retracted


def test_sqlite_round_trip(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    engine = connect(settings)
    assert engine.url.get_backend_name() == "sqlite"
    assert (tmp_path / "data" / "akrim-ops.sqlite").is_file()
    _round_trip(engine)
    # a second engine on the same file sees the judgements
    assert in_force(connect(settings)).different == [("freg:A", "hms:B")]


def test_sqlite_refusals(tmp_path: Path) -> None:
    _refusals(connect(Settings(data_dir=tmp_path)))


def test_audit_row(tmp_path: Path) -> None:
    engine = connect(Settings(data_dir=tmp_path))
    audit(engine, "network", "912345678", "tips 2026-17", user="anna")
    with engine.connect() as con:
        rows = con.execute(select(audit_log.c.action, audit_log.c.subject, audit_log.c.purpose,
                                  audit_log.c.user_name, audit_log.c.at)).all()
    [(action, subject, purpose, user, at)] = rows
    assert (action, subject, purpose, user) == ("network", "912345678", "tips 2026-17", "anna")
    assert at is not None


# -- PostgreSQL ------------------------------------------------------------------------------

@pytest.mark.postgres
def test_postgres_round_trip(pg_settings: Settings) -> None:
    engine = connect(pg_settings)
    try:
        assert engine.url.get_backend_name() == "postgresql"
        with engine.connect() as con:
            schema = con.execute(text("SELECT current_schema()")).scalar()
            tables = set(con.execute(text(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                "current_schema()")).scalars())
        assert schema is not None and schema.startswith("akrim_ops_test_")
        assert {"link_judgement", "audit_log"} <= tables
        _round_trip(engine)
        _refusals(engine)
        # the database itself refuses a verdict it does not know
        with pytest.raises(Exception, match="verdict_known"), engine.begin() as con:
            con.execute(text(
                "INSERT INTO link_judgement (left_id, right_id, verdict, made_by, made_at) "
                "VALUES ('a', 'b', 'maybe', 'x', now())"))
        assert not (pg_settings.data_dir / "akrim-ops.sqlite").exists()
    finally:
        engine.dispose()
    # connect() again on the same schema: create_all is idempotent, the data is kept
    again = connect(pg_settings)
    try:
        assert in_force(again).different == [("freg:A", "hms:B")]
    finally:
        again.dispose()
