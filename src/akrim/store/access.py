"""Opening a data directory's store for a command, checked for what the command needs.

Why not `Store(...)` directly: a read-only `Store` on a missing file is an empty in-memory
store, so a mistyped --data-dir would silently show nothing (and a writing one would create a
new store there). Only loading creates a store (`create_store`); everything else opens an
existing one (`open_store`) and says which step has not run yet.
"""

from __future__ import annotations

from typing import Literal

import duckdb

from akrim.errors import (
    NoStore,
    NotAnalysed,
    NothingLoaded,
    NotLinked,
    StoreOutdated,
    StoreUnavailable,
)
from akrim.settings import Settings
from akrim.store.engine import Store
from akrim.store.schema import TABLES

Need = Literal["store", "loaded", "linked", "analysed"]
"""What a command reads: the store only, a loaded snapshot, persons and the network
(`akrim link`), or the indicators and priority list (`akrim analyse`)."""

_BUILT_BY: dict[Need, tuple[tuple[str, ...], type[NotLinked | NotAnalysed]]] = {
    "linked": (("link_person_record", "net_node"), NotLinked),
    "analysed": (("priority_entry",), NotAnalysed),
}


def create_store(settings: Settings) -> Store:
    """The store for loading: created, with its data directory, when there is none."""
    return _connect(settings, read_only=False)


def open_store(settings: Settings, need: Need = "store", *, read_only: bool = True) -> Store:
    """The data directory's existing store; raises NoStore when there is none, StoreOutdated
    when a read-only store lacks a declared register table, and NothingLoaded, NotLinked or
    NotAnalysed when the step `need` depends on has not run."""
    if not settings.analytical_db.is_file():
        raise NoStore(settings.data_dir)
    store = _connect(settings, read_only=read_only)
    try:
        _check(store, settings, need)
    except BaseException:
        store.close()
        raise
    return store


def _connect(settings: Settings, *, read_only: bool) -> Store:
    try:
        return Store(settings.analytical_db, memory_limit=settings.memory_limit,
                     read_only=read_only)
    except duckdb.IOException as error:  # locked by another process, or not a DuckDB file
        raise StoreUnavailable(settings.analytical_db, str(error)) from error


def _tables(store: Store) -> set[str]:
    return {name for (name,) in store.rows(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_catalog = current_database()")}


def _check(store: Store, settings: Settings, need: Need) -> None:
    present = _tables(store)
    # A writing open creates missing tables itself (Store.create_schema); a read-only one cannot.
    missing = sorted(spec.name for spec in TABLES if spec.name not in present)
    if missing:
        raise StoreOutdated(settings.data_dir, missing)
    if need != "store" and not store.scalar("SELECT count(*) FROM snapshot"):
        raise NothingLoaded(settings.data_dir)
    if need in _BUILT_BY:
        tables, error = _BUILT_BY[need]
        if not present.issuperset(tables):
            raise error(settings.data_dir)
