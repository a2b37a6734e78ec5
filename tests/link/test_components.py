"""akrim.link.components: connected components with the greedy clustering where needed give
exactly the persons and pair statuses of `cluster.cluster` over everything."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.fixtures.pairs import AGREE, D_AND_F, ONLY_ID

from akrim.link.cluster import BELOW_THRESHOLD, Pair, cluster
from akrim.link.components import ANCHOR_PREFIX, cluster_records, pair_status_sql
from akrim.link.judgements import Judgements
from akrim.store.engine import Store

THRESHOLD = 0.95
# Registered persons: fødselsnummer-like (first digit 0-3) and d-number-like (4-7) ids.
RECORDS = [f"{ANCHOR_PREFIX}{n}" for n in ("01", "02", "03", "41", "42")] + [
    f"hms:{n}" for n in range(6)] + [f"rolle:{n}" for n in range(5)]


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with Store(":memory:", memory_limit="500MB") as memory:
        yield memory


def greedy(pairs: list[Pair], judgements: Judgements) -> tuple[set[frozenset[str]],
                                                               dict[tuple[str, str], str]]:
    result = cluster(RECORDS, pairs, threshold=THRESHOLD, confirmed=judgements.same,
                     rejected=judgements.different, anchor_prefix=ANCHOR_PREFIX)
    groups = {frozenset(m for m in members if m in RECORDS)
              for members in result.groups().values()}
    status = {key: result.status.get(key, BELOW_THRESHOLD)
              for key in {(min(p.left, p.right), max(p.left, p.right)) for p in pairs}}
    status.update({k: v for k, v in result.status.items() if k not in status})
    return groups - {frozenset()}, status


def by_components(store: Store, pairs: list[Pair], judgements: Judgements
                  ) -> tuple[set[frozenset[str]], dict[tuple[str, str], str]]:
    con = store.con
    con.register("records_in", pa.table({"record_id": pa.array(RECORDS, pa.string())}))
    con.register("scored_in", pa.table({
        "record_id_l": pa.array([p.left for p in pairs], pa.string()),
        "record_id_r": pa.array([p.right for p in pairs], pa.string()),
        "match_probability": pa.array([p.match_probability for p in pairs], pa.float64()),
        "reasons": pa.array([list(p.reasons) for p in pairs], pa.list_(pa.string()))}))
    cluster_records(store, judgements, THRESHOLD)
    roots = store.rows("SELECT root, list(record_id) FROM roots_in GROUP BY root")
    statuses = store.rows(f"""
        SELECT least(record_id_l, record_id_r), greatest(record_id_l, record_id_r),
               coalesce(j.status, {pair_status_sql(THRESHOLD)})
        FROM scored_in s LEFT JOIN status_in j
          ON j.record_l = least(s.record_id_l, s.record_id_r)
         AND j.record_r = greatest(s.record_id_l, s.record_id_r)
        UNION ALL
        SELECT record_l, record_r, status FROM status_in j ANTI JOIN scored_in s
          ON least(s.record_id_l, s.record_id_r) = j.record_l
         AND greatest(s.record_id_l, s.record_id_r) = j.record_r""")
    for name in ("records_in", "scored_in", "status_in"):
        con.unregister(name)
    for table in ("roots_in", "link_constrained"):
        con.execute(f"DROP TABLE {table}")
    assert all(root == min(members) for root, members in roots)
    return {frozenset(members) for _, members in roots}, {(a, b): s for a, b, s in statuses}


record = st.sampled_from(RECORDS)
scored_pair = st.tuples(record, record, st.sampled_from([0.5, 0.95, 0.96, 0.99, 0.999]),
                        st.sampled_from([AGREE, AGREE, ONLY_ID, D_AND_F]))
judged = st.lists(st.tuples(record, record), max_size=3)


@settings(max_examples=150, deadline=None)
@given(st.lists(scored_pair, max_size=25), judged, judged)
def test_same_persons_and_statuses_as_the_greedy_clustering(
        store: Store, raw: list[tuple[str, str, float, tuple[str, ...]]],
        same: list[tuple[str, str]], different: list[tuple[str, str]]) -> None:
    seen: set[tuple[str, str]] = set()
    pairs = []
    for left, right, probability, reasons in raw:  # Splink: one pair per two records, l < r
        key = (min(left, right), max(left, right))
        if left != right and key not in seen:
            seen.add(key)
            pairs.append(Pair(*key, probability, reasons))
    judgements = Judgements([(a, b) for a, b in same if a != b],
                            [(a, b) for a, b in different if a != b], [])
    assert by_components(store, pairs, judgements) == greedy(pairs, judgements)


def test_a_component_without_constraints_never_reaches_the_greedy_clustering(
        store: Store) -> None:
    pairs = [Pair("hms:0", "hms:1", 0.99, AGREE), Pair("hms:1", "rolle:0", 0.97, AGREE),
             Pair(f"{ANCHOR_PREFIX}01", "hms:2", 0.99, AGREE),
             Pair(f"{ANCHOR_PREFIX}02", "hms:2", 0.98, AGREE)]
    store.con.register("records_in", pa.table({"record_id": pa.array(RECORDS, pa.string())}))
    store.con.register("scored_in", pa.table({
        "record_id_l": [p.left for p in pairs], "record_id_r": [p.right for p in pairs],
        "match_probability": [p.match_probability for p in pairs],
        "reasons": [list(p.reasons) for p in pairs]}))
    greedy_records = cluster_records(store, Judgements([], [], []), THRESHOLD)
    constrained = {r for (r,) in store.rows("SELECT record_id FROM link_constrained")}
    for name in ("records_in", "scored_in", "status_in"):
        store.con.unregister(name)
    for table in ("roots_in", "link_constrained"):
        store.execute(f"DROP TABLE {table}")
    # two registered persons meet through hms:2; hms:0, hms:1 and rolle:0 are one person
    assert constrained == {f"{ANCHOR_PREFIX}01", f"{ANCHOR_PREFIX}02", "hms:2"}
    assert greedy_records == 3
