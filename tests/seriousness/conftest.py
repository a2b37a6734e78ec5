"""Fixtures for the seriousness tests: the store of tests/indicators (one snapshot,
2026-01-10, copied from a template), filled with `indicators.toolkit`'s register writers."""

from __future__ import annotations

from indicators import conftest as indicator_fixtures

empty_store_file = indicator_fixtures.empty_store_file
store = indicator_fixtures.store
