"""Persons from scored pairs at national scale: connected components first, the greedy
clustering of `akrim.link.cluster` only where a component needs it.

The greedy clustering takes pairs strongest first and refuses a union that would put a rejected
pair, or two registered persons, in one person. Within a component of the graph of mergeable
pairs (at or above the threshold, not only the identifier agreeing, and the pairs analysts
confirmed) that holds at most one registered record and no judged record, no union can be
refused: the component is one person and every pair in it is merged, whatever the order. Only the
other components (two registered namesakes, a d-number beside a fødselsnummer, a judgement) go
through `cluster.cluster`, with their own pairs; unions never cross components, so the result is
the greedy clustering of everything (`tests/link/test_components.py` compares the two).
Components come from scipy's sparse graph routines: a national run has millions of pairs, and
the pure-Python union-find took minutes over them.

Output on the store's connection: `roots_in` (record_id -> root, the smallest record id of its
person), `status_in` (record_l, record_r, status) for the pairs whose status the greedy
clustering decided — every other pair's status follows from the pair alone (`pair_status_sql`) —
and `link_constrained` (the records that went through the greedy clustering, with their
component). The caller drops them when it has written persons and pairs.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from akrim.link import cluster as clusters
from akrim.link.judgements import Judgements
from akrim.store.engine import Store

ANCHOR_PREFIX = "freg:"
"""Records of Folkeregisteret: registered persons (`cluster.cluster`'s anchors)."""


def pair_status_sql(threshold: float) -> str:
    """The status of a scored pair (columns match_probability, reasons) that the greedy
    clustering did not need to decide: below the threshold, a shared identifier, or merged."""
    return (f"CASE WHEN match_probability < {float(threshold)!r} "
            f"THEN '{clusters.BELOW_THRESHOLD}' "
            f"WHEN {clusters.only_identifier_sql('reasons')} "
            f"THEN '{clusters.SHARED_IDENTIFIER}' ELSE '{clusters.MERGED}' END")


def _judgement_table(judgements: Judgements) -> pa.Table:
    pairs = [(left, right, verdict) for verdict, judged in
             (("same", judgements.same), ("different", judgements.different))
             for left, right in judged]
    return pa.table({"record_l": pa.array([p[0] for p in pairs], pa.string()),
                     "record_r": pa.array([p[1] for p in pairs], pa.string()),
                     "verdict": pa.array([p[2] for p in pairs], pa.string())})


def cluster_records(store: Store, judgements: Judgements, threshold: float) -> int:
    """Cluster `records_in` by the pairs of `scored_in` into `roots_in` and `status_in`;
    returns how many records the greedy clustering had to see."""
    con = store.con
    con.register("judged_in", _judgement_table(judgements))
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE link_vertex AS
        SELECT record_id, row_number() OVER (ORDER BY record_id) - 1 AS vid,
               record_id LIKE '{ANCHOR_PREFIX}%' AS anchor
        FROM records_in""")
    edges = con.sql(f"""
        SELECT l.vid AS l, r.vid AS r FROM (
            SELECT record_id_l AS record_l, record_id_r AS record_r FROM scored_in
            WHERE match_probability >= {float(threshold)!r}
              AND NOT {clusters.only_identifier_sql('reasons')}
            UNION ALL
            SELECT record_l, record_r FROM judged_in WHERE verdict = 'same') e
        JOIN link_vertex l ON l.record_id = e.record_l
        JOIN link_vertex r ON r.record_id = e.record_r""").to_arrow_table()
    vertices = int(con.sql("SELECT count(*) FROM link_vertex").fetchall()[0][0])
    left = edges.column("l").to_numpy()
    right = edges.column("r").to_numpy()
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)),
                       shape=(vertices, vertices))
    _, component = connected_components(graph, directed=False)
    con.register("component_in", pa.table({"vid": np.arange(vertices), "comp": component}))
    con.execute("""
        CREATE OR REPLACE TEMP TABLE link_component AS
        SELECT v.record_id, v.anchor, c.comp FROM link_vertex v JOIN component_in c USING (vid)""")
    con.unregister("component_in")
    # Components where a union may be refused: two registered records, or a judged record.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE link_constrained AS
        SELECT record_id, comp FROM link_component WHERE comp IN (
            SELECT comp FROM link_component GROUP BY comp HAVING count(*) FILTER (anchor) >= 2
            UNION
            SELECT comp FROM link_component
            WHERE record_id IN (SELECT record_l FROM judged_in
                                UNION SELECT record_r FROM judged_in))""")
    records = con.sql("SELECT record_id FROM link_constrained ORDER BY record_id"
                      ).to_arrow_table().column(0).to_pylist()
    pairs = pairs_within(store, threshold)
    result = clusters.cluster(records, pairs, threshold=threshold, confirmed=judgements.same,
                              rejected=judgements.different, anchor_prefix=ANCHOR_PREFIX)
    groups = result.groups()
    root_of = {record: min(members) for members in groups.values() for record in members}
    con.register("greedy_roots_in", pa.table({
        "record_id": pa.array(records, pa.string()),
        "root": pa.array([root_of[r] for r in records], pa.string())}))
    con.execute("""
        CREATE OR REPLACE TEMP TABLE roots_in AS
        SELECT record_id, min(record_id) OVER (PARTITION BY comp) AS root
        FROM link_component ANTI JOIN link_constrained USING (record_id)
        UNION ALL
        SELECT record_id, root FROM greedy_roots_in""")
    status = list(result.status.items())
    con.register("status_in", pa.table({
        "record_l": pa.array([k[0] for k, _ in status], pa.string()),
        "record_r": pa.array([k[1] for k, _ in status], pa.string()),
        "status": pa.array([v for _, v in status], pa.string())}))
    for name in ("judged_in", "greedy_roots_in"):
        con.unregister(name)
    for table in ("link_vertex", "link_component"):
        con.execute(f"DROP TABLE {table}")
    return len(records)


def pairs_for_clustering(con: duckdb.DuckDBPyConnection, scored: str,
                         threshold: float) -> list[clusters.Pair]:
    """The pairs of relation `scored` (Splink's output) that may join persons: at or above the
    threshold, strongest first, with their reasons. Lower pairs are recorded, never clustered."""
    table = con.sql(f"""
        SELECT record_id_l, record_id_r, match_probability, reasons
        FROM {scored} WHERE match_probability >= {float(threshold)!r}
        ORDER BY match_probability DESC, record_id_l, record_id_r""").to_arrow_table()
    columns = [table.column(i).to_pylist() for i in range(4)]
    return [clusters.Pair(left, right, p, tuple(why))
            for left, right, p, why in zip(*columns, strict=True)]


def pairs_within(store: Store, threshold: float) -> list[clusters.Pair]:
    """`pairs_for_clustering` of `scored_in`, both records in `link_constrained`."""
    return pairs_for_clustering(store.con, """(
        SELECT s.* FROM scored_in s
        SEMI JOIN link_constrained l ON l.record_id = s.record_id_l
        SEMI JOIN link_constrained r ON r.record_id = s.record_id_r)""", threshold)
