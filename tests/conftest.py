"""Shared fixtures. Strategy (after yente): the smallest data that shows the behaviour, written
in the register's real shape inside the test (builders in `tests/fixtures/shapes.py`, store
helpers in `tests/fixtures/storeutil.py`); the demo bundle (`src/akrim/demo/bundle`) for
whole-pipeline tests. Unit tests need only a DuckDB file in `tmp_path`; PostgreSQL tests are
marked `postgres` and skipped when the server is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from akrim.store.engine import Store
from fixtures.storeutil import Cli


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "data" / "akrim.duckdb", memory_limit="1GB") as opened:
        yield opened


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data")
