"""The actor network built by `akrim link` (akrim.network.build) on the tiny synthetic store,
checked against the schemes the bundle's truth file says were planted."""

from __future__ import annotations

from typing import Any

import pytest

from akrim.store.engine import Store


def person_node(store: Store, identifier: str) -> str:
    person = store.scalar("SELECT person_id FROM person_alias WHERE identifikator = ?",
                          [identifier])
    assert person is not None, identifier
    return f"p:{person}"


def test_summary_matches_tables(tiny_linked: Any, linked_store: Store) -> None:
    summary = tiny_linked.outcome.network
    assert summary.nodes == linked_store.scalar("SELECT count(*) FROM net_node") > 0
    assert summary.edges == linked_store.scalar("SELECT count(*) FROM net_edge") > 0
    assert summary.clusters == linked_store.scalar(
        "SELECT count(DISTINCT cluster_id) FROM net_cluster") > 0
    assert summary.largest_cluster == linked_store.scalar(
        "SELECT max(cluster_size) FROM net_cluster")


def test_edge_kinds(linked_store: Store) -> None:
    kinds = dict(linked_store.rows("SELECT kind, count(*) FROM net_edge GROUP BY 1"))
    assert set(kinds) == {"role", "accountant", "auditor", "estate", "employment", "hms_card",
                          "address", "part_of"}
    # the kinds one register row makes, counted in the registers (every role holder, card
    # holder and unit is resolved; the tiny store has no retired versions of these rows)
    roles = dict(linked_store.rows("SELECT rolle, count(*) FROM rolle GROUP BY 1"))
    assert kinds["accountant"] == roles["REGN"]
    assert kinds["auditor"] == roles["REVI"]
    assert kinds["estate"] == roles["KDEB"] + roles["BOBE"]
    assert kinds["role"] == sum(roles.values()) - roles["REGN"] - roles["REVI"] \
        - roles["KDEB"] - roles["BOBE"]
    assert kinds["part_of"] == linked_store.scalar(
        "SELECT count(*) FROM underenhet WHERE valid_to IS NULL AND overordnet_enhet IS NOT NULL")
    assert kinds["hms_card"] == linked_store.scalar(
        "SELECT count(*) FROM hms_kort WHERE valid_to IS NULL AND arbeidsgiver IS NOT NULL")


def test_every_edge_end_is_a_node(linked_store: Store) -> None:
    assert linked_store.scalar("""
        SELECT count(*) FROM net_edge e
        WHERE e.src NOT IN (SELECT node_id FROM net_node)
           OR e.dst NOT IN (SELECT node_id FROM net_node)""") == 0
    assert linked_store.scalar("SELECT count(*) FROM net_edge "
                               "WHERE src IS NULL OR dst IS NULL") == 0


def test_nodes_are_unique_numbered_and_typed(linked_store: Store) -> None:
    count, distinct, low, high = linked_store.rows(
        "SELECT count(*), count(DISTINCT node_id), min(vid), max(vid) FROM net_node")[0]
    assert count == distinct and (low, high) == (0, count - 1)  # igraph's vertex ids
    assert linked_store.scalar("""
        SELECT count(*) FROM net_node WHERE kind <> CASE left(node_id, 2)
            WHEN 'p:' THEN 'person' WHEN 'o:' THEN 'company' WHEN 'a:' THEN 'address' END
        """) == 0
    assert linked_store.scalar("SELECT count(*) FROM net_node WHERE label IS NULL "
                               "AND kind = 'address'") == 0
    # a person has a name unless it is known only by a number (an a-melding reference)
    assert linked_store.scalar("""
        SELECT count(*) FROM net_node n JOIN link_person p ON n.node_id = 'p:' || p.person_id
        WHERE n.label IS NULL AND p.records > 0""") == 0


def test_edge_directions(linked_store: Store) -> None:
    wrong = linked_store.rows("""
        SELECT kind, src, dst FROM net_edge WHERE NOT CASE kind
            WHEN 'employment' THEN src LIKE 'p:%' AND dst LIKE 'o:%'
            WHEN 'hms_card' THEN src LIKE 'p:%' AND dst LIKE 'o:%'
            WHEN 'address' THEN src SIMILAR TO '[po]:.*' AND dst LIKE 'a:%'
            WHEN 'part_of' THEN src LIKE 'o:%' AND dst LIKE 'o:%'
            ELSE src SIMILAR TO '[po]:.*' AND dst LIKE 'o:%' END LIMIT 5""")
    assert wrong == []


def test_every_person_node_is_a_resolved_person(linked_store: Store) -> None:
    assert linked_store.scalar("""
        SELECT count(*) FROM net_node n ANTI JOIN link_person p ON n.node_id = 'p:' || p.person_id
        WHERE n.kind = 'person'""") == 0


def test_every_role_becomes_an_edge(linked_store: Store) -> None:
    roles = linked_store.scalar("SELECT count(*) FROM rolle")
    assert linked_store.scalar(
        "SELECT count(*) FROM net_edge WHERE source = 'brreg.roller'") == roles > 0
    # a person's role hangs on the person it was resolved to
    assert linked_store.scalar("""
        SELECT count(*) FROM rolle r
        JOIN link_person_record lp ON lp.record_id = 'rolle:' || r.innehaver
        ANTI JOIN net_edge e ON e.src = 'p:' || lp.person_id
                            AND e.dst = 'o:' || r.organisasjonsnummer AND e.rolle = r.rolle
        """) == 0


def test_every_employment_becomes_an_edge(linked_store: Store) -> None:
    missing = linked_store.scalar("""
        SELECT count(*) FROM (
            SELECT DISTINCT a.person_id, m.opplysningspliktig FROM amelding_mottaker m
            JOIN person_alias a ON a.identifikator = m.norsk_identifikator
            WHERE m.valid_to IS NULL) w
        ANTI JOIN net_edge e ON e.kind = 'employment' AND e.src = 'p:' || w.person_id
                            AND e.dst = 'o:' || w.opplysningspliktig""")
    assert missing == 0


def test_phoenix_finds_the_repeat_bankruptcy_person(linked_store: Store,
                                                    truth: dict[str, Any]) -> None:
    planted = truth["repeat_bankruptcy"]
    assert planted["variant"] == "default"  # the operator leads every company of the chain
    [boss] = planted["persons"]
    firms = {r[0]: r[1:] for r in linked_store.rows(
        "SELECT organisasjonsnummer, registreringsdato, konkurs, konkursdato, "
        "substr(naeringskode1, 1, 5) FROM enhet WHERE valid_to IS NULL "
        "AND organisasjonsnummer IN (SELECT unnest(?))", [planted["organisasjonsnummer"]])}
    node = person_node(linked_store, boss)
    rows = linked_store.rows(
        "SELECT DISTINCT bankrupt_orgnr, next_orgnr, next_konkurs, nace, days_after "
        "FROM net_phoenix WHERE person = ?", [node])
    # each bankrupt company with every company of the chain in its NACE class registered
    # after it, once; days from the bankruptcy to the next registration
    expected = {(b, n): (firms[n][1], firms[b][3], (firms[n][0] - firms[b][2]).days)
                for b in firms if firms[b][1] for n in firms
                if firms[n][0] > firms[b][0] and firms[n][3] == firms[b][3]}
    assert len(expected) >= 2
    assert {(r[0], r[1]): (r[2], r[3], r[4]) for r in rows} == expected
    assert len(rows) == len(expected)


def test_phoenix_lists_only_bankrupt_firms_led_by_the_person(linked_store: Store) -> None:
    assert linked_store.scalar("""
        SELECT count(*) FROM net_phoenix p
        JOIN enhet b ON b.organisasjonsnummer = p.bankrupt_orgnr AND b.valid_to IS NULL
        JOIN enhet n ON n.organisasjonsnummer = p.next_orgnr AND n.valid_to IS NULL
        WHERE NOT b.konkurs OR n.registreringsdato <= b.registreringsdato
           OR substr(b.naeringskode1, 1, 5) <> substr(n.naeringskode1, 1, 5)""") == 0


def test_phoenix_has_no_duplicate_rows(linked_store: Store) -> None:
    total, distinct = linked_store.rows(
        "SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT * FROM net_phoenix)) "
        "FROM net_phoenix")[0]
    assert total == distinct


def test_address_hub(linked_store: Store, truth: dict[str, Any]) -> None:
    planted = truth["address_hub"]
    assert planted["variant"] == "mailbox"  # companies at a house, their leaders elsewhere
    companies = planted["organisasjonsnummer"]
    addresses = {r[0] for r in linked_store.rows(
        "SELECT dst FROM net_edge WHERE kind = 'address' AND src IN (SELECT unnest(?))",
        [[f"o:{c}" for c in companies]])}
    assert len(addresses) == 1
    [hub] = addresses
    n_companies, n_persons = linked_store.rows(
        "SELECT companies, persons FROM net_address_fact WHERE address_id = ?", [hub])[0]
    # the planted units, and whoever the registers already had at that address
    adresse, postnummer = linked_store.rows(
        "SELECT adresse, postnummer FROM enhet WHERE valid_to IS NULL "
        "AND organisasjonsnummer = ?", [companies[0]])[0]
    assert n_companies == len(companies) == linked_store.scalar("""
        SELECT count(*) FROM (SELECT adresse, postnummer FROM enhet WHERE valid_to IS NULL
                              UNION ALL
                              SELECT adresse, postnummer FROM underenhet WHERE valid_to IS NULL)
        WHERE adresse = ? AND postnummer = ?""", [adresse, postnummer])
    assert n_persons == linked_store.scalar(
        "SELECT count(*) FROM person WHERE valid_to IS NULL AND adresse = ? AND postnummer = ?",
        [adresse, postnummer])


def test_address_fact_counts_current_registrations(linked_store: Store) -> None:
    wrong = linked_store.scalar("""
        SELECT count(*) FROM net_address_fact f JOIN (
            SELECT dst, count(DISTINCT src) FILTER (WHERE src LIKE 'o:%') AS c,
                   count(DISTINCT src) FILTER (WHERE src LIKE 'p:%') AS p
            FROM net_edge WHERE kind = 'address' AND valid_to IS NULL GROUP BY 1) e
          ON e.dst = f.address_id
        WHERE e.c <> f.companies OR e.p <> f.persons""")
    assert wrong == 0
    assert linked_store.scalar("SELECT count(*) FROM net_address_fact "
                               "WHERE address_id NOT LIKE 'a:%'") == 0


def test_address_fact_dwellings_and_kinds(linked_store: Store) -> None:
    """Dwellings are the distinct bruksenhetsnumre of an address's residents (NULL when none
    has one), and the kind follows from residents and dwellings."""
    expected = linked_store.rows("""
        SELECT 'a:' || k.address_key, count(DISTINCT p.bruksenhetsnummer),
               count(*) FILTER (WHERE p.bruksenhetsnummer IS NULL)
        FROM person p JOIN address_keys k USING (adresse, postnummer)
        WHERE p.valid_to IS NULL GROUP BY ALL ORDER BY 1""")
    found = linked_store.rows("""
        SELECT address_id, coalesce(dwellings, 0), kind FROM net_address_fact
        WHERE persons > 0 ORDER BY 1""")
    assert [(a, d) for a, d, _ in expected] == [(a, d) for a, d, _ in found]
    assert {(d == 0, kind) for _, d, kind in found} <= {
        (True, "residential_units_unknown"), (False, "small_residential"),
        (False, "multi_dwelling")}
    assert {r[0] for r in linked_store.rows(
        "SELECT DISTINCT kind FROM net_address_fact WHERE persons = 0")} == {"non_residential"}
    small = linked_store.scalar("SELECT max(dwellings) FROM net_address_fact "
                                "WHERE kind = 'small_residential'")
    assert small is None or small <= 2


def test_clusters_join_a_person_and_the_companies_they_run(linked_store: Store,
                                                          truth: dict[str, Any]) -> None:
    planted = truth["repeat_bankruptcy"]
    node = person_node(linked_store, planted["persons"][0])
    cluster = linked_store.scalar("SELECT cluster_id FROM net_cluster WHERE node_id = ?", [node])
    assert cluster is not None
    members = {r[0] for r in linked_store.rows(
        "SELECT node_id FROM net_cluster WHERE cluster_id = ?", [cluster])}
    # the live company is inside the three-year window: it must be in the person's cluster
    assert f"o:{planted['organisasjonsnummer'][-1]}" in members
    # sizes agree with members; addresses never join a cluster
    assert linked_store.scalar("""
        SELECT count(*) FROM (SELECT cluster_id, count(*) AS n, min(cluster_size) AS lo,
                                     max(cluster_size) AS hi FROM net_cluster GROUP BY 1)
        WHERE n <> lo OR lo <> hi OR n < 2""") == 0
    assert linked_store.scalar("SELECT count(*) FROM net_cluster WHERE node_id LIKE 'a:%'") == 0


def test_centrality_for_every_node(linked_store: Store) -> None:
    nodes = linked_store.scalar("SELECT count(*) FROM net_node")
    count, distinct, total = linked_store.rows(
        "SELECT count(*), count(DISTINCT node_id), sum(pagerank) FROM net_centrality")[0]
    assert count == distinct == nodes
    assert total == pytest.approx(1.0, abs=1e-6)
    # degree is the number of edges at the node (igraph counts both ends)
    assert linked_store.scalar("""
        SELECT count(*) FROM net_centrality c JOIN (
            SELECT node, count(*) AS d FROM (SELECT src AS node FROM net_edge
                                             UNION ALL SELECT dst FROM net_edge) GROUP BY 1) e
          ON e.node = c.node_id
        WHERE e.d <> c.degree""") == 0
