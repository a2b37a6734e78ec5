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

import hashlib
import time
from dataclasses import dataclass
from importlib.resources import files

import pyarrow as pa

from akrim.link import cluster as clusters
from akrim.link.judgements import Judgements
from akrim.link.model import COMPARISONS, PersonModel, reasons
from akrim.link.prepare import add_keys
from akrim.settings import Settings
from akrim.store.engine import Store


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


def person_records(store: Store) -> pa.Table:
    return add_keys(store.con.sql(_sql("person_records.sql")).to_arrow_table())


def _person_ids(groups: dict[str, list[str]], identifier: dict[str, str | None]) -> dict[str, str]:
    """A stable id per person: the fødselsnummer it is known by in Folkeregisteret, else its
    d-number there, else an identifier on its records that no other person has claimed, else a
    hash of its first record. Folkeregisteret's persons claim their numbers first, so a number
    shared by several persons stays with its registered holder."""
    def rank(record: str) -> tuple[int, int, str]:
        number = identifier.get(record) or ""
        registry = 0 if record.startswith("freg:") else 1
        return (0 if number else 1, registry * 2 + (1 if number[:1] >= "4" else 0), number)

    ordered = []
    for members in groups.values():
        if len(members) > 1:  # most persons have one record: no sort, one rank
            members = sorted(members, key=rank)
        ordered.append((rank(members[0]), members))
    ordered.sort(key=lambda item: item[0])
    out: dict[str, str] = {}
    claimed: set[str] = set()
    for _, members in ordered:
        numbers = [identifier.get(r) for r in members if identifier.get(r)]
        person = next((n for n in numbers if n and n not in claimed), None)
        if person is None:
            person = "P" + hashlib.sha1(min(members).encode()).hexdigest()[:12]
        claimed.add(person)
        for record in members:
            out[record] = person
    return out


def run_linkage(store: Store, settings: Settings, judgements: Judgements,
                retrain: bool = False) -> LinkSummary:
    started = time.perf_counter()
    records = person_records(store)
    model = PersonModel(records, memory_limit=settings.memory_limit,
                        temp_dir=settings.data_dir / "tmp")
    try:
        trained = retrain or not settings.link_model.exists()
        if trained:
            model.train()
            model.save(settings.link_model)
        else:
            model.load(settings.link_model)
        scored = model.predict(threshold_match_weight=0.0)
    finally:
        model.close()
    gamma_columns = [f"gamma_{c}" for c in COMPARISONS]
    pairs = [
        clusters.Pair(row["record_id_l"], row["record_id_r"], row["match_probability"],
                      tuple(reasons({c: row[f"gamma_{c}"] for c in COMPARISONS})))
        for row in scored.select(["record_id_l", "record_id_r", "match_probability",
                                  *gamma_columns]).to_pylist()
    ]
    ids = records.column("record_id").to_pylist()
    result = clusters.cluster(ids, pairs, threshold=settings.link_match_probability,
                              confirmed=judgements.same, rejected=judgements.different,
                              anchor_prefix="freg:")
    identifier = dict(zip(ids, records.column("identifikator").to_pylist(), strict=True))
    person_of = _person_ids(result.groups(), identifier)
    _write(store, records, scored, pairs, result, person_of)
    summary = _summary(store, len(ids), len(pairs), trained, time.perf_counter() - started)
    return summary


def _write(store: Store, records: pa.Table, scored: pa.Table, pairs: list[clusters.Pair],
           result: clusters.Clustering, person_of: dict[str, str]) -> None:
    ids = records.column("record_id").to_pylist()
    with_person = records.append_column(
        "person_id", pa.array([person_of[r] for r in ids], pa.string()))
    statuses = [result.status.get(clusters._key(p.left, p.right), clusters.BELOW_THRESHOLD)
                for p in pairs]
    pair_table = pa.table({
        "record_l": [p.left for p in pairs], "record_r": [p.right for p in pairs],
        "match_weight": scored.column("match_weight"),
        "match_probability": [p.match_probability for p in pairs],
        "reasons": pa.array([list(p.reasons) for p in pairs], pa.list_(pa.string())),
        "status": statuses,
    })
    judged = [(k, s) for k, s in result.status.items() if s in (clusters.CONFIRMED,
                                                                  clusters.REJECTED)]
    judged_table = pa.table({"record_l": [k[0] for k, _ in judged],
                             "record_r": [k[1] for k, _ in judged],
                             "status": [s for _, s in judged]})
    with store.transaction():
        store.con.register("records_in", with_person)
        store.con.register("pairs_in", pair_table)
        store.con.register("judged_in", judged_table)
        store.execute("CREATE OR REPLACE TABLE link_person_record AS SELECT * FROM records_in")
        store.execute("""
            CREATE OR REPLACE TABLE link_pair AS
            SELECT * FROM pairs_in
            UNION ALL BY NAME
            SELECT j.record_l, j.record_r, NULL AS match_weight, NULL AS match_probability,
                   []::VARCHAR[] AS reasons, j.status
            FROM judged_in j ANTI JOIN pairs_in p
              ON least(p.record_l, p.record_r) = j.record_l
             AND greatest(p.record_l, p.record_r) = j.record_r""")
        for name in ("records_in", "pairs_in", "judged_in"):
            store.con.unregister(name)
        for statement in _sql("persons.sql").split(";"):
            if statement.strip():
                store.execute(statement)


def _summary(store: Store, records: int, pairs: int, trained: bool,
             seconds: float) -> LinkSummary:
    counts = dict(store.rows("SELECT status, count(*) FROM link_pair GROUP BY ALL"))
    persons = store.scalar("SELECT count(*) FROM link_person")
    shared = store.scalar("SELECT count(*) FROM link_signal")
    summary = LinkSummary(records, pairs, persons, counts.get(clusters.MERGED, 0),
                          counts.get(clusters.CONFLICT, 0), shared, trained, round(seconds, 1))
    store.execute("CREATE TABLE IF NOT EXISTS link_run (run_at TIMESTAMP, snapshot_id INTEGER, "
                  "records BIGINT, pairs BIGINT, persons BIGINT, trained BOOLEAN, seconds DOUBLE)")
    store.execute("INSERT INTO link_run SELECT now(), (SELECT max(snapshot_id) FROM snapshot), "
                  "?, ?, ?, ?, ?", [records, pairs, persons, trained, summary.seconds])
    return summary
