"""Person resolution over the whole store: records -> Splink pairs -> persons.

Output tables (all rebuilt by every run; judgements live in the operational store):
- `link_person_record`: every person record with its comparison keys and `person_id`;
- `link_pair`: scored candidate pairs with match weight, probability, reasons and what was done
  (merged, confirmed, rejected, conflict, shared_identifier, below_threshold);
- `person_alias`: identifier -> person, for the records that name a person only by number;
- `link_person`: one row per resolved person, with the identifiers it is known by;
- `link_signal`: identifiers used by more than one person (a signal, never a merge);
- `link_run`: when, on which snapshot, and the counts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from importlib.resources import files

import pyarrow as pa

from akrim.link import cluster as clusters
from akrim.link import incremental
from akrim.link.components import cluster_records, pair_status_sql
from akrim.link.judgements import Judgements
from akrim.link.model import PersonModel
from akrim.link.prepare import add_name_keys
from akrim.link.shipped import shipped_model
from akrim.settings import Settings
from akrim.store.engine import Store, statements
from akrim.timing import Laps

NO_PAIRS = pa.table({
    "record_id_l": pa.array([], pa.string()), "record_id_r": pa.array([], pa.string()),
    "match_weight": pa.array([], pa.float64()), "match_probability": pa.array([], pa.float64()),
    "reasons": pa.array([], pa.list_(pa.string())),
})


def _sql(name: str) -> str:
    return (files("akrim.link") / "sql" / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class LinkSummary:
    records: int
    pairs: int
    persons: int
    merged: int
    conflicts: int
    shared_identifiers: int
    trained: bool
    seconds: float
    rescored: int | None = None
    """Records scored again in an incremental run; None for a full run."""
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds of each phase: records (read and keyed), scoring (training included),
    clustering, writing."""
    shipped_model: str | None = None
    """Why the model shipped with akrim was used instead of one trained on this store, and
    where that model came from; None when the store's own model scored."""


def person_records(store: Store) -> pa.Table:
    """Every person record in the store, with its comparison keys (the addresses keyed first:
    `akrim.link.addresses`)."""
    return add_name_keys(store.con.sql(_sql("person_records.sql")).to_arrow_table())


def claim_numbers(contested: pa.Table) -> pa.Table:
    """Person ids for persons whose numbers other persons hold too (`contested`: root, number,
    kind_rank). Persons claim in turn, best claim first: the person with a Folkeregisteret
    fødselsnummer, then its d-number, then numbers on other registers' records (ties by root);
    each takes the first of its numbers no earlier person took, in the same order. So a number
    shared by several persons stays with its registered holder. Returns root -> person_id, None
    when every number of a person was taken (it gets a hash id)."""
    numbers: dict[str, list[tuple[int, str]]] = {}
    for root, number, kind_rank in zip(*(contested.column(c).to_pylist()
                                         for c in ("root", "number", "kind_rank")), strict=True):
        numbers.setdefault(root, []).append((kind_rank, number))
    claimed: set[str] = set()
    roots, person_ids = [], []
    for root, held in sorted(numbers.items(), key=lambda item: (min(item[1]), item[0])):
        person = next((n for _, n in sorted(held) if n not in claimed), None)
        if person is not None:
            claimed.add(person)
        roots.append(root)
        person_ids.append(person)
    return pa.table({"root": pa.array(roots, pa.string()),
                     "person_id": pa.array(person_ids, pa.string())})


def run_linkage(store: Store, settings: Settings, judgements: Judgements,
                retrain: bool = False, full: bool = False) -> LinkSummary:
    """Resolve every person record of the store into persons. The saved model is used unless
    `retrain` (or there is none); only changed records are scored again when few changed
    (`akrim.link.incremental`), unless `full`."""
    started = time.perf_counter()
    laps = Laps()
    shipped: str | None = None
    records = person_records(store)
    laps("records")
    trained = retrain or not settings.link_model.exists()
    store.con.register("records_in", records)
    try:
        changed = None if trained or full else incremental.changed_records(store, records,
                                                                   settings.link_model)
        if changed is not None and changed.num_rows <= (settings.link_rescore_up_to
                                                        * records.num_rows):
            scored = incremental.rescore(store, settings, changed)
        else:
            changed = None
            scored, trained, shipped = _score_all(records, settings, train=trained)
        laps("scoring")
        store.con.register("scored_in", scored)
        cluster_records(store, judgements, settings.link_match_probability)
        laps("clustering")
        _write(store, settings.link_match_probability)
        laps("writing")
    finally:
        for name in ("records_in", "scored_in", "status_in", "contested_in"):
            store.con.unregister(name)
    own_model = shipped is None and settings.link_model.exists()
    return _summary(store, records.num_rows, scored.num_rows, trained,
                    None if changed is None else changed.num_rows,
                    incremental.fingerprint(settings.link_model) if own_model else None,
                    time.perf_counter() - started, laps.seconds, shipped)


def _score_all(records: pa.Table, settings: Settings, *,
               train: bool) -> tuple[pa.Table, bool, str | None]:
    """Scored pairs of every record, whether a model was trained on them (when `train`), and
    why the shipped model scored them instead (None: this store's own model). The shipped
    model is not saved, so a later run trains again once the store can."""
    if records.num_rows < 2:
        return NO_PAIRS, False, None
    model = PersonModel(records, memory_limit=settings.memory_limit,
                        temp_dir=settings.data_dir / "tmp")
    shipped = None
    try:
        shortfall = model.training_shortfall() if train else None
        if shortfall is not None:
            parameters, source = shipped_model(records.num_rows)
            model.use(parameters)
            shipped = f"{shortfall}; {source}"
        elif train:
            model.train()
            model.save(settings.link_model)
        else:
            model.load(settings.link_model)
        return model.predict(threshold_match_weight=0.0), shortfall is None and train, shipped
    finally:
        model.close()


def _write(store: Store, threshold: float) -> None:
    """Persons (stable ids, `person_ids.sql`), records with their person, and every pair
    with what was done to it, from `records_in`, `scored_in` and the clustering's `roots_in`
    and `status_in` (`akrim.link.components`)."""
    with store.transaction():
        *prepare, person_of = statements(_sql("person_ids.sql"))
        for statement in prepare:
            store.execute(statement)
        store.con.register("contested_in", claim_numbers(
            store.con.sql("SELECT * FROM link_contested").to_arrow_table()))
        store.execute(person_of)
        store.execute("""
            CREATE OR REPLACE TABLE link_person_record AS
            SELECT r.*, p.person_id
            FROM records_in r JOIN roots_in g USING (record_id)
            JOIN link_person_of p USING (root)""")
        store.execute(f"""
            CREATE OR REPLACE TABLE link_pair AS
            SELECT s.record_id_l AS record_l, s.record_id_r AS record_r, s.match_weight,
                   s.match_probability, s.reasons,
                   coalesce(j.status, {pair_status_sql(threshold)}) AS status
            FROM scored_in s
            LEFT JOIN status_in j ON j.record_l = least(s.record_id_l, s.record_id_r)
                                 AND j.record_r = greatest(s.record_id_l, s.record_id_r)
            UNION ALL BY NAME
            SELECT j.record_l, j.record_r, NULL AS match_weight, NULL AS match_probability,
                   []::VARCHAR[] AS reasons, j.status
            FROM status_in j ANTI JOIN scored_in s
              ON least(s.record_id_l, s.record_id_r) = j.record_l
             AND greatest(s.record_id_l, s.record_id_r) = j.record_r
            WHERE j.status IN ('{clusters.CONFIRMED}', '{clusters.REJECTED}')""")
        store.run_script(_sql("persons.sql"))
        for table in ("link_member", "link_group_number", "link_contested", "link_person_of",
                      "roots_in", "link_constrained"):
            store.execute(f"DROP TABLE {table}")


def _summary(store: Store, records: int, pairs: int, trained: bool, rescored: int | None,
             fingerprint: str | None, seconds: float, phases: dict[str, float],
             shipped: str | None) -> LinkSummary:
    counts = dict(store.rows("SELECT status, count(*) FROM link_pair GROUP BY ALL"))
    persons = store.scalar("SELECT count(*) FROM link_person")
    shared = store.scalar("SELECT count(*) FROM link_signal")
    summary = LinkSummary(records, pairs, persons, counts.get(clusters.MERGED, 0),
                          counts.get(clusters.CONFLICT, 0), shared, trained, round(seconds, 1),
                          rescored, phases, shipped)
    store.execute("CREATE TABLE IF NOT EXISTS link_run (run_at TIMESTAMP, snapshot_id INTEGER, "
                  "records BIGINT, pairs BIGINT, persons BIGINT, trained BOOLEAN, seconds DOUBLE)")
    for column, kind in (("rescored", "BIGINT"), ("fingerprint", "VARCHAR")):
        store.execute(f"ALTER TABLE link_run ADD COLUMN IF NOT EXISTS {column} {kind}")
    store.execute("INSERT INTO link_run (run_at, snapshot_id, records, pairs, persons, trained, "
                  "seconds, rescored, fingerprint) SELECT now(), "
                  "(SELECT max(snapshot_id) FROM snapshot), ?, ?, ?, ?, ?, ?, ?",
                  [records, pairs, persons, trained, summary.seconds, rescored, fingerprint])
    return summary
