"""Fixtures for the scoring tests: a store (as in tests/indicators) and the scene of
`scoring.scene`, linked, assessed and scored."""

from __future__ import annotations

import pytest

from akrim.store.engine import Store
from indicators import conftest as indicator_fixtures
from scoring.scene import Scene, plant, score

# The same store fixtures as tests/indicators (a template file copied per test).
empty_store_file = indicator_fixtures.empty_store_file
store = indicator_fixtures.store


@pytest.fixture
def scene(store: Store) -> Scene:
    planted = plant(store)
    score(store)
    return planted
