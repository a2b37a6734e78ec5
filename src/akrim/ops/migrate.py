"""Bring an operational store to the current schema with Alembic (SQLite or PostgreSQL).

A store made by the first release (tables created directly, no `alembic_version`) is stamped
with the baseline revision first, then upgraded like any other.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

BASELINE = "0001"
HEAD = "0004"
"""The newest revision (tests/ops/test_migrations.py checks it is Alembic's head): a store
already there is opened without importing Alembic, which costs a command 0.2 s of start."""
_ONE_AT_A_TIME = threading.Lock()
"""Alembic keeps its running migration in module globals: two threads (a web server's first
requests) must not run it at once."""


def _config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["connection"] = connection
    return config


def _at_head(connection: Connection) -> bool:
    if "alembic_version" not in inspect(connection).get_table_names():
        return False
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD


def upgrade(engine: Engine) -> None:
    with _ONE_AT_A_TIME, engine.begin() as connection:
        if _at_head(connection):
            return
        from alembic import command

        config = _config(connection)
        tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables and "link_judgement" in tables:
            command.stamp(config, BASELINE)
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
