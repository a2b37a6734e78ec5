"""PageRank and degree of an undirected multigraph given as two arrays of edge ends.

The same measure as igraph's `Graph.pagerank()` (PRPACK): a random walk that follows an edge with
probability `damping` and otherwise jumps to any vertex; a vertex without edges jumps anywhere;
a repeated edge counts once per copy and a self-loop twice towards its vertex's degree.

Solved as a linear system rather than by building a graph object: with A the adjacency matrix
and D the degrees, the ranks x of the walk that lets the rank of vertices without edges leak
solve (I - d A D^-1) x = (1 - d) / n, and scaled to sum to 1 they are PRPACK's ranks (spreading
the leaked rank evenly changes only the scale). For an undirected graph, x = D^1/2 y turns that
into (I - d D^-1/2 A D^-1/2) y = D^-1/2 (1 - d) / n, a symmetric system with eigenvalues in
[1 - d, 1 + d], which SciPy's conjugate gradients solve in about 40 steps to 1e-10 whatever the
graph (power iteration needs up to log(1e-10) / log(d), about 140). On a national-size network
(8.7 M random vertices, 15 M edges) 30-41 s, against 68 s for igraph's graph and PRPACK and
38 s for power iteration, which the random graph favours (it mixes fast).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.linalg import LinearOperator, cg

DAMPING = 0.85
TOLERANCE = 1e-10
"""Relative residual at which conjugate gradients stop."""
MAX_ITERATIONS = 1000


def degree_and_pagerank(sources: npt.NDArray[np.int64], targets: npt.NDArray[np.int64],
                        vertices: int, damping: float = DAMPING
                        ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """(degree, pagerank) of every vertex 0..vertices-1; the ranks sum to 1."""
    ends = np.concatenate([sources, targets]).astype(np.int32, copy=False)
    others = np.concatenate([targets, sources]).astype(np.int32, copy=False)
    degree = np.bincount(ends, minlength=vertices)
    if vertices == 0:
        return degree, np.zeros(0)
    has_edges = degree > 0
    root = np.sqrt(degree)
    inverse_root = np.zeros(vertices)
    inverse_root[has_edges] = 1.0 / root[has_edges]
    # damping * D^-1/2 A D^-1/2; a row of a vertex without edges is empty
    walk = csr_matrix((damping * inverse_root[ends] * inverse_root[others], (others, ends)),
                      shape=(vertices, vertices))
    del ends, others
    system = LinearOperator((vertices, vertices), matvec=lambda v: v - walk @ v,
                            dtype=np.float64)
    jump = (1.0 - damping) / vertices
    solution, info = cg(system, inverse_root * jump, rtol=TOLERANCE, maxiter=MAX_ITERATIONS)
    if info != 0:
        raise RuntimeError(f"PageRank did not converge in {MAX_ITERATIONS} steps")
    # a vertex without edges keeps only what jumps to it
    rank = np.where(has_edges, root * solution, jump)
    return degree, rank / rank.sum()
