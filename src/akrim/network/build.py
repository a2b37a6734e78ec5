"""Build the actor network in the store and compute its clusters and centrality with igraph.

Clusters are connected components of the *control* graph: persons and companies joined by the
roles that steer a company (board, management, ownership, partners) and by an underenhet's link
to its enhet, active within the window. Accountants, auditors, addresses and employment are left
out of clustering: one accounting firm or one office block would otherwise join thousands of
unrelated companies; they stay in the network and in each actor's neighbourhood.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.resources import files

import igraph as ig
import numpy as np
import pyarrow as pa

from akrim.link.addresses import update_address_keys
from akrim.store.engine import Store

# Roles that run or own a company. Ordinary board seats (MEDL, VARA) are left out: board
# interlocks join most of a country's companies into one component and say little about control.
CONTROL_ROLES = ("DAGL", "LEDE", "INNH", "DTPR", "DTSO", "KOMP", "BEST", "REPR")


@dataclass(frozen=True)
class NetworkSummary:
    nodes: int
    edges: int
    clusters: int
    largest_cluster: int
    seconds: float


def _sql(name: str) -> str:
    return (files("akrim.network") / "sql" / name).read_text(encoding="utf-8")


def build_network(store: Store, as_of: date | None = None,
                  window_days: int = 3 * 365) -> NetworkSummary:
    started = time.perf_counter()
    as_of = as_of or store.scalar("SELECT max(as_of) FROM snapshot") or date.today()
    since = as_of - timedelta(days=window_days)
    update_address_keys(store)  # usually none new: person resolution keyed them
    with store.transaction():
        store.run_script(_sql("edges.sql"))
        store.run_script(_sql("facts.sql"))
        nodes = store.scalar("SELECT count(*) FROM net_node")
        summary = _graph_measures(store, nodes, since)
    return NetworkSummary(nodes, store.scalar("SELECT count(*) FROM net_edge"), summary[0],
                          summary[1], round(time.perf_counter() - started, 1))


def _edge_array(store: Store, where: str) -> np.ndarray:
    table = store.con.sql(f"""
        SELECT s.vid AS s, d.vid AS d FROM net_edge e
        JOIN net_node s ON s.node_id = e.src JOIN net_node d ON d.node_id = e.dst
        WHERE {where}""").to_arrow_table()
    return np.column_stack([table.column("s").to_numpy(), table.column("d").to_numpy()])


def _graph_measures(store: Store, nodes: int, since: date) -> tuple[int, int]:
    everything = ig.Graph(n=nodes, edges=_edge_array(store, "TRUE"), directed=False)
    pagerank = everything.pagerank()
    degree = everything.degree()
    roles = ", ".join(f"'{role}'" for role in CONTROL_ROLES)
    control = ig.Graph(n=nodes, edges=_edge_array(
        store,
        f"((e.kind = 'role' AND e.rolle IN ({roles})) OR e.kind = 'part_of') "
        f"AND (e.valid_to IS NULL OR e.valid_to >= DATE '{since.isoformat()}')"), directed=False)
    membership = np.asarray(control.connected_components().membership)
    sizes = np.bincount(membership)
    table = pa.table({
        "vid": np.arange(nodes), "cluster": membership, "cluster_size": sizes[membership],
        "degree": np.asarray(degree), "pagerank": np.asarray(pagerank),
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
