"""PageRank by conjugate gradients against igraph's PRPACK, the measure it replaces."""

from __future__ import annotations

import igraph as ig
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akrim.network.pagerank import degree_and_pagerank

graphs = st.integers(min_value=1, max_value=30).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(
        st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=80)))


@settings(max_examples=200, deadline=None)
@given(graphs)
def test_equal_to_igraph(graph: tuple[int, list[tuple[int, int]]]) -> None:
    """Repeated edges, self-loops and isolated vertices included."""
    vertices, edges = graph
    ends = np.array(edges, dtype=np.int64).reshape(-1, 2)
    degree, rank = degree_and_pagerank(ends[:, 0], ends[:, 1], vertices)
    reference = ig.Graph(n=vertices, edges=edges, directed=False)
    assert degree.tolist() == reference.degree()
    assert rank == pytest.approx(reference.pagerank(), rel=1e-8, abs=1e-12)


def test_a_hub_outranks_its_leaves_and_isolated_vertices_share_the_jumps() -> None:
    hub_edges = np.array([[0, leaf] for leaf in range(1, 6)], dtype=np.int64)
    degree, rank = degree_and_pagerank(hub_edges[:, 0], hub_edges[:, 1], 8)
    assert degree.tolist() == [5, 1, 1, 1, 1, 1, 0, 0]
    # by hand, d = 17/20, n = 8: an isolated vertex z = (1 - d)/n + d 2z/n gives z = 1/42 (and
    # so every vertex also gets 1/42 from jumps and the isolated pair); a leaf l = 1/42 + d h/5,
    # the hub h = 1/42 + 5 d l, so h (1 - d^2) = (1 + 5 d)/42: h = 50/111, l = 26/259
    assert rank.tolist() == pytest.approx([50 / 111, *[26 / 259] * 5, 1 / 42, 1 / 42],
                                          rel=1e-9)
    assert rank.sum() == pytest.approx(1.0)


def test_no_vertices() -> None:
    empty = np.zeros(0, dtype=np.int64)
    degree, rank = degree_and_pagerank(empty, empty, 0)
    assert len(degree) == len(rank) == 0
