"""The actor network: persons, companies and addresses with dated edges, built after linkage.

`build.build_network(store)` writes `net_node`, `net_edge`, `net_residence`, `net_cluster`,
`net_centrality` and the derived facts (`net_address_fact`, `net_phoenix`);
`neighbourhood.neighbourhood` reads an actor's surroundings; `export` writes them as
FollowTheMoney entities, GraphML or JSON.
"""
