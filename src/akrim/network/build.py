"""Build the actor network in the store and compute its clusters and centrality.

Clusters are connected components of the *control* graph: persons and companies joined by the
roles that steer a company (board, management, ownership, partners) and by an underenhet's link
to its enhet, active within the window. Accountants, auditors, addresses and employment are left
out of clustering: one accounting firm or one office block would otherwise join thousands of
unrelated companies; they stay in the network and in each actor's neighbourhood.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib.resources import files

import numpy as np
import pyarrow as pa
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from akrim.network.pagerank import degree_and_pagerank
from akrim.store.engine import Store
from akrim.timing import Laps

# Roles that run or own a company. Ordinary board seats (MEDL, VARA) are left out: board
# interlocks join most of a country's companies into one component and say little about control.
CONTROL_ROLES = ("DAGL", "LEDE", "INNH", "DTPR", "DTSO", "KOMP", "BEST", "REPR")

# The most dwellings at an address of the kind `small_residential` (sql/facts.sql): Matrikkelen's
# houses, enebolig (bygningstype 111-113) and tomannsbolig (121-124), hold one or two.
SMALL_RESIDENTIAL_DWELLINGS = 2


@dataclass(frozen=True)
class NetworkSummary:
    nodes: int
    edges: int
    clusters: int
    largest_cluster: int
    seconds: float
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds of each phase: edges (and facts, in SQL), measures (graph algorithms)."""


def _sql(name: str) -> str:
    return (files("akrim.network") / "sql" / name).read_text(encoding="utf-8")


def build_network(store: Store, as_of: date | None = None,
                  window_days: int = 3 * 365) -> NetworkSummary:
    started = time.perf_counter()
    laps = Laps()
    as_of = as_of or store.scalar("SELECT max(as_of) FROM snapshot") or date.today()
    since = as_of - timedelta(days=window_days)
    with store.transaction():
        store.run_script(_sql("edges.sql"), {"control_roles": list(CONTROL_ROLES),
                                             "since": since})
        store.run_script(_sql("facts.sql"),
                         {"small_residential_dwellings": SMALL_RESIDENTIAL_DWELLINGS})
        nodes = store.scalar("SELECT count(*) FROM net_node")
        edges, numbered = store.rows("SELECT (SELECT count(*) FROM net_edge), "
                                     "(SELECT count(*) FROM net_edge_vid)")[0]
        if edges != numbered:  # an end missing from net_node: a person not in link_person
            raise RuntimeError(f"{edges - numbered} network edges have an end that is no node")
        laps("edges")
        summary = _graph_measures(store, nodes)
        store.execute("DROP TABLE net_edge_vid")
    laps("measures")
    return NetworkSummary(nodes, edges, summary[0], summary[1],
                          round(time.perf_counter() - started, 1), laps.seconds)


def _graph_measures(store: Store, nodes: int) -> tuple[int, int]:
    """Clusters (connected components of the control edges, `net_edge_vid.control`), degree
    and PageRank of the whole network, all on SciPy sparse matrices: no graph object to build,
    which on a national-size network took igraph longer than the algorithms themselves."""
    edges = store.con.sql("SELECT s, d, control FROM net_edge_vid").fetchnumpy()
    sources = np.asarray(edges["s"], dtype=np.int64)
    targets = np.asarray(edges["d"], dtype=np.int64)
    control = np.asarray(edges["control"], dtype=bool)
    del edges
    degree, pagerank = degree_and_pagerank(sources, targets, nodes)
    graph = coo_matrix((np.ones(int(control.sum()), dtype=np.int8),
                        (sources[control], targets[control])), shape=(nodes, nodes))
    membership = connected_components(graph, directed=False)[1]
    sizes = np.bincount(membership)
    table = pa.table({
        "vid": np.arange(nodes), "cluster": membership, "cluster_size": sizes[membership],
        "degree": degree, "pagerank": pagerank,
    })
    store.con.register("measures_in", table)
    store.execute("""
        CREATE OR REPLACE TABLE net_cluster AS
        SELECT n.node_id, 'C' || lpad(CAST(m.cluster AS VARCHAR), 7, '0') AS cluster_id,
               m.cluster_size
        FROM measures_in m JOIN net_node n USING (vid)
        WHERE m.cluster_size > 1 AND n.kind <> 'address'""")
    store.execute("""
        CREATE OR REPLACE TABLE net_centrality AS
        SELECT n.node_id, m.degree, m.pagerank FROM measures_in m JOIN net_node n USING (vid)""")
    store.con.unregister("measures_in")
    return int((sizes > 1).sum()), int(sizes.max(initial=0))
