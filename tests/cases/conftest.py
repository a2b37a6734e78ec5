"""The operational store for the case tests, on SQLite and on PostgreSQL (a fresh schema)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from akrim.ops.db import connect
from akrim.settings import Settings


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "postgres":
        pg: Settings = request.getfixturevalue("pg_settings")
        return pg
    return Settings(data_dir=tmp_path)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    opened = connect(settings)
    yield opened
    opened.dispose()
