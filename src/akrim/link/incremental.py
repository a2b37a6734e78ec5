"""Re-score only what an ingest changed.

After an ingest most person records are as they were, and so are their pairs' scores: the model
is fixed and a pair's score depends on its two records alone (no term-frequency adjustments).
So when few records changed, `akrim link` keeps the scored pairs among unchanged records from the
last run and scores again only the pairs that touch a changed or new record: it takes the records
that share a blocking key with a changed one, lets Splink score that subset with the same rules,
and keeps the pairs with a changed side. Persons are then clustered from all pairs as in a full
run, so judgements and the registered-person rules apply to everything. The result equals a full
run's (`tests/link/test_incremental.py` checks it).

A full run is made instead when the model, the comparison code or the blocking changed since
the last run (a fingerprint of `model.py` and the saved model, kept in `link_run`), or when more
than `Settings.link_rescore_up_to` of the records changed.
"""

from __future__ import annotations

import hashlib
import inspect
from pathlib import Path

import pyarrow as pa

from akrim.link import model as person_model
from akrim.link.model import PersonModel, blocking_rules_sql
from akrim.settings import Settings
from akrim.store.engine import Store

SCORED_COLUMNS = "record_id_l, record_id_r, match_weight, match_probability, reasons"


def fingerprint(model_file: Path) -> str:
    """What the scores depend on besides the records: the comparison and blocking code and the
    trained parameters."""
    digest = hashlib.sha1(inspect.getsource(person_model).encode())
    digest.update(model_file.read_bytes())
    return digest.hexdigest()[:16]


def _table_exists(store: Store, name: str) -> bool:
    return bool(store.scalar("SELECT count(*) FROM information_schema.tables "
                             "WHERE table_name = ?", [name]))


def changed_records(store: Store, records: pa.Table, model_file: Path) -> pa.Table | None:
    """The records of `records_in` (registered: `records`) that are new or differ from the
    last run's; None when the last run cannot be built on (none, or another fingerprint)."""
    if not all(_table_exists(store, t) for t in ("link_person_record", "link_pair", "link_run")):
        return None
    last = store.scalar("SELECT fingerprint FROM link_run ORDER BY run_at DESC LIMIT 1")
    if last != fingerprint(model_file):
        return None
    columns = ", ".join(records.column_names)
    return store.con.sql(f"""
        SELECT * FROM records_in WHERE record_id IN (
            SELECT record_id FROM (SELECT {columns} FROM records_in
                                   EXCEPT SELECT {columns} FROM link_person_record))
        """).to_arrow_table()


def rescore(store: Store, settings: Settings, changed: pa.Table) -> pa.Table:
    """All scored pairs of `records_in` (SCORED_COLUMNS), scoring again only those that touch
    a record of `changed`."""
    store.con.register("changed_in", changed)
    try:
        neighbours = " UNION ".join(
            f"SELECT r.record_id FROM changed_in l JOIN records_in r ON {rule} UNION "
            f"SELECT l.record_id FROM records_in l JOIN changed_in r ON {rule}"
            for rule in blocking_rules_sql())
        subset = store.con.sql(f"""
            SELECT * FROM records_in WHERE record_id IN (
                {neighbours} UNION SELECT record_id FROM changed_in)""").to_arrow_table()
        model = PersonModel(subset, memory_limit=settings.memory_limit,
                            temp_dir=settings.data_dir / "tmp")
        try:
            model.load(settings.link_model)
            fresh = model.predict(threshold_match_weight=0.0)
        finally:
            model.close()
        store.con.register("fresh_in", fresh)
        return store.con.sql(f"""
            WITH kept AS (
                SELECT record_l AS record_id_l, record_r AS record_id_r, match_weight,
                       match_probability, reasons
                FROM link_pair
                WHERE match_weight IS NOT NULL  -- scored, not only judged
                  AND record_l IN (SELECT record_id FROM records_in)
                  AND record_r IN (SELECT record_id FROM records_in)
                  AND record_l NOT IN (SELECT record_id FROM changed_in)
                  AND record_r NOT IN (SELECT record_id FROM changed_in))
            SELECT {SCORED_COLUMNS} FROM kept
            UNION ALL
            SELECT {SCORED_COLUMNS} FROM fresh_in
            WHERE record_id_l IN (SELECT record_id FROM changed_in)
               OR record_id_r IN (SELECT record_id FROM changed_in)""").to_arrow_table()
    finally:
        for name in ("changed_in", "fresh_in"):
            store.con.unregister(name)
