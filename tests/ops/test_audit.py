"""The audit log is a hash chain: `verify` finds an edited, deleted or inserted entry (and an
end cut off, against a recorded head), on SQLite and PostgreSQL; racing writers keep it whole;
`akrim audit verify` and `export` answer as their interface says."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, insert, select, update
from typer.testing import CliRunner

from akrim.cli.main import app
from akrim.ops.audit import verify
from akrim.ops.db import audit, audit_log, connect
from akrim.settings import Settings


def written(engine: Engine, n: int = 5) -> Engine:
    for i in range(n):
        audit(engine, "profile", f"person:{i}", purpose=f"sak {i}", user="kari")
    return engine


def tampering_is_found(engine: Engine) -> None:
    intact = verify(written(engine))
    assert intact.intact and intact.entries == 5
    with engine.begin() as con:
        con.execute(update(audit_log).where(audit_log.c.id == 3).values(subject="person:99"))
    changed = verify(engine)
    assert (changed.broken_at, changed.reason) == (3, "audit.reason.changed")
    with engine.begin() as con:
        con.execute(update(audit_log).where(audit_log.c.id == 3).values(subject="person:2"))
    assert verify(engine).intact
    with engine.begin() as con:
        con.execute(delete(audit_log).where(audit_log.c.id == 2))
    deleted = verify(engine)
    assert (deleted.broken_at, deleted.reason) == (2, "audit.reason.missing")


def test_tampering_is_found_in_sqlite(tmp_path: Path) -> None:
    tampering_is_found(connect(Settings(data_dir=tmp_path)))


@pytest.mark.postgres
def test_tampering_is_found_in_postgres(pg_settings: Settings) -> None:
    engine = connect(pg_settings)
    try:
        tampering_is_found(engine)
    finally:
        engine.dispose()


def test_an_entry_rewritten_whole_with_a_new_hash_breaks_its_successor(tmp_path: Path) -> None:
    engine = written(connect(Settings(data_dir=tmp_path)))
    with engine.begin() as con:
        row = con.execute(select(audit_log).where(audit_log.c.id == 2)).one()
        con.execute(delete(audit_log).where(audit_log.c.id == 2))
        con.execute(insert(audit_log).values(
            id=2, at=row.at, user_name="someone", action=row.action, subject=row.subject,
            purpose=row.purpose, prev_hash=row.prev_hash, hash="f" * 64))
    assert verify(engine).broken_at == 2  # its own hash no longer matches its fields


def test_an_end_cut_off_is_found_against_the_recorded_head(tmp_path: Path) -> None:
    engine = written(connect(Settings(data_dir=tmp_path)))
    head = verify(engine).head
    with engine.begin() as con:
        con.execute(delete(audit_log).where(audit_log.c.id == 5))
    assert verify(engine).intact  # a shorter chain is still a chain ...
    cut = verify(engine, expect_head=head)
    assert (cut.broken_at, cut.reason) == (5, "audit.reason.cut")  # ... but not the one recorded


def test_racing_writers_keep_one_chain(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    connect(settings)

    def write() -> None:
        engine = connect(settings)
        for i in range(15):
            audit(engine, "search", f"q{i}", user=threading.current_thread().name)

    threads = [threading.Thread(target=write, name=f"w{i}") for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    verdict = verify(connect(settings))
    assert verdict.intact and verdict.entries == 60


def test_the_commands(tmp_path: Path) -> None:
    engine = written(connect(Settings(data_dir=tmp_path)))
    runner = CliRunner()
    ok = runner.invoke(app, ["audit", "verify", "--data-dir", str(tmp_path), "--lang", "en"])
    assert ok.exit_code == 0 and "intact: 5 entries" in ok.output
    exported = runner.invoke(app, ["audit", "export", "--data-dir", str(tmp_path),
                                   "--from", "2000-01-01", "--to", "2999-12-31"])
    rows = [json.loads(line) for line in exported.output.splitlines()]
    assert [row["id"] for row in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["user"] == "kari" and rows[0]["purpose"] == "sak 0"
    assert rows[1]["prev_hash"] == rows[0]["hash"]
    none = runner.invoke(app, ["audit", "export", "--data-dir", str(tmp_path),
                               "--to", "2000-01-01"])
    assert none.exit_code == 0 and none.output == ""
    with engine.begin() as con:
        con.execute(update(audit_log).where(audit_log.c.id == 4).values(user_name="x"))
    broken = runner.invoke(app, ["audit", "verify", "--data-dir", str(tmp_path)])
    assert broken.exit_code == 1
    assert "oppføring 4 er endret etter at den ble skrevet" in broken.output
