"""The priority list (docs/indicators.md §3): transparent sums of indicator weights, a share of
the companies' scores for the persons who run them, clusters, filters and the JSON shape."""

from __future__ import annotations

import json

from akrim.indicators.catalogue import by_id, config
from akrim.scoring.explain import explain
from akrim.scoring.priority import build_priority, top
from akrim.store.engine import Store
from indicators.toolkit import (
    add_enhet,
    add_pay,
    add_person,
    add_restanse,
    add_role,
    add_stansingsvedtak,
    add_tips,
    fnr,
    org,
)
from scoring.scene import Scene, score


def weight(key: str) -> float:
    return float(config()["indicators"][key]["weight"])


SHARE = float(config()["scoring"]["person_share_of_company_score"])


def test_the_scene_hits_what_it_should(store: Store, scene: Scene) -> None:
    assert set(store.rows("SELECT indicator_id, actor_type, actor_id FROM indicator_hit")) == {
        ("IND-01", "company", scene.a), ("IND-02", "company", scene.a),
        ("IND-15", "company", scene.b), ("IND-17", "company", scene.b),
        ("IND-17", "company", scene.d), ("IND-15", "company", scene.e),
        ("IND-17", "company", scene.e)}


def test_company_scores_are_sums_of_weights_and_rank_the_list(store: Store, scene: Scene) -> None:
    entries = top(store, 10)

    # first the cluster of Dag, A and E (85: A's 60 and E's 25), then its parts and B
    assert [(e.actor_type, e.id) for e in entries[1:]] == [
        ("company", scene.a), ("person", scene.dag), ("company", scene.b), ("company", scene.e)]
    cluster, a, dag, b, _ = entries
    assert (cluster.actor_type, cluster.score, sorted(cluster.members)) == (
        "cluster", 85, sorted([scene.a, scene.e]))
    assert a.score == weight("minimum_wage") + weight("working_time") == 60
    assert b.score == weight("tips") + weight("stop_decision") == 25
    assert a.indicators == ["IND-01", "IND-02"] and b.indicators == ["IND-15", "IND-17"]
    assert a.name == "A BYGG AS" and dag.name == "Dag Leder"
    assert [r["indicator"] for r in a.reasons] == ["IND-01", "IND-02"]  # strongest first
    assert [r["weight"] for r in a.reasons] == [30, 30]


def test_a_person_carries_a_share_of_the_companies_they_run(store: Store, scene: Scene) -> None:
    entries = {(e.actor_type, e.id): e for e in top(store, 10)}
    a, dag = entries[("company", scene.a)], entries[("person", scene.dag)]

    e = entries[("company", scene.e)]
    assert SHARE == 0.5
    assert dag.score == SHARE * (a.score + e.score) == 42.5
    assert sorted(dag.members) == [scene.a, scene.e]
    assert dag.indicators == ["IND-01", "IND-02", "IND-15", "IND-17"]
    assert {(r["indicator"], r["weight"], tuple(r["via"])) for r in dag.reasons} == {
        ("IND-01", 15, (scene.a,)), ("IND-02", 15, (scene.a,)), ("IND-15", 10, (scene.e,)),
        ("IND-17", 2.5, (scene.e,))}
    # a board seat is not a control role; a role given up is not current; C has no hits
    for person in (scene.siri, scene.frida, scene.hans):
        assert ("person", person) not in entries
    assert ("company", scene.c) not in entries
    assert ("company", scene.d) not in entries  # one weak signal alone
    assert build_priority(store) == 5  # rebuilt from the same hits: the same five entries


def test_filters(store: Store, scene: Scene) -> None:
    def ids(**filters: str) -> list[str]:
        return [e.id for e in top(store, 10, **filters)]

    cluster = top(store, 1)[0].id  # Dag with A and E
    # kommune 4601 is in fylke 46: the Bergen centre; a person is where their companies are
    assert ids(region="Bergen") == [cluster, scene.a, scene.dag, scene.e]
    assert ids(region="Oslo") == [scene.b]
    assert ids(region="Stavanger") == []
    assert ids(industry="construction") == [cluster, scene.a, scene.dag, scene.b, scene.e]
    assert ids(industry="cleaning") == []
    # only tips is Nav's among the hits listed (Dag carries E's)
    assert ids(agency="Nav") == [cluster, scene.dag, scene.b, scene.e]
    assert ids(agency="Arbeidstilsynet") == [cluster, scene.a, scene.dag, scene.b, scene.e]
    assert ids(actor_type="person") == [scene.dag]
    assert ids(region="Bergen", actor_type="company") == [scene.a, scene.e]
    assert [e.id for e in top(store, 2)] == [cluster, scene.a]


def test_json_shape(store: Store, scene: Scene) -> None:
    entries = top(store, 10)

    for entry in entries:
        document = entry.as_json()
        assert set(document) == {"actor_type", "id", "score", "indicators", "members"}
        json.dumps(document)
    document = next(e for e in entries if e.id == scene.dag).as_json()
    assert sorted(document.pop("members")) == [scene.a, scene.e]
    assert document == {"actor_type": "person", "id": scene.dag, "score": 42.5,
                        "indicators": ["IND-01", "IND-02", "IND-15", "IND-17"]}


def test_a_cluster_of_a_person_and_a_company_with_different_hits(store: Store) -> None:
    boss = add_person(store, fnr(1), "Kari", "Klynge")
    firm = add_enhet(store, org(1), "43.210", navn="K AS")
    add_role(store, firm, "DAGL", boss)
    add_tips(store, "T1", firm)
    # the boss also works impossible hours for two other employers
    x, y = add_enhet(store, org(2), "62.100"), add_enhet(store, org(3), "62.100")
    add_pay(store, x, boss, "2025-11", "timeloenn", "200.00", 6_000_000)
    add_pay(store, y, boss, "2025-11", "timeloenn", "190.01", 6_000_000)

    score(store)

    entries = {(e.actor_type, e.id): e for e in top(store, 20)}
    # the firm's tip alone does not list it, so the boss carries nothing of it ...
    assert ("company", firm) not in entries
    assert entries[("person", boss)].score == weight("combined_hours")
    assert entries[("company", x)].score == weight("combined_hours")
    # ... but the cluster of the two is listed: two different indicators, one of them strong
    (cluster,) = [e for e in entries.values() if e.actor_type == "cluster"]
    assert cluster.score == weight("combined_hours") + weight("tips")
    assert cluster.members == [boss, firm]  # strongest first
    assert cluster.indicators == ["IND-03", "IND-17"]
    assert cluster.name == "Kari Klynge, K AS"


def test_nothing_to_list(store: Store) -> None:
    add_enhet(store, org(1))

    assert score(store) == 0
    assert top(store) == []


def test_explain_gives_every_indicator_a_state(store: Store, scene: Scene) -> None:
    explanation = explain(store, scene.a)

    assert explanation is not None
    states = {indicator.key: state for indicator, state in explanation.states}
    assert states["minimum_wage"] == "hit"
    assert states["tips"] == "no_hit"
    assert states["bankruptcy_quarantine"] == "insufficient_data"
    assert by_id("tips").populations == ("enheter",)
    assert explain(store, scene.c) is not None  # in the register, not on the list
    assert explain(store, "974760673") is None  # a valid number the store does not know


def test_a_person_in_two_control_roles_carries_a_company_once(store: Store) -> None:
    boss = add_person(store, fnr(1), "Kari", "Begge")
    firm, other = add_enhet(store, org(1), "43.210"), add_enhet(store, org(2), "43.210")
    add_role(store, firm, "DAGL", boss)
    add_role(store, firm, "LEDE", boss)
    add_role(store, other, "DAGL", boss)
    for n, company in enumerate((firm, other)):
        add_tips(store, f"T{n}", company)
        add_stansingsvedtak(store, f"S{n}", company)

    score(store)

    entries = {(e.actor_type, e.id): e for e in top(store, 20)}
    person = entries[("person", boss)]
    each = weight("tips") + weight("stop_decision")
    assert person.score == SHARE * 2 * each == 25
    assert [(r["indicator"], r["weight"], sorted(r["via"])) for r in person.reasons] == [
        ("IND-15", SHARE * 2 * weight("stop_decision"), sorted([firm, other])),
        ("IND-17", SHARE * 2 * weight("tips"), sorted([firm, other]))]


def test_the_leader_of_one_listed_company_is_named_by_its_entry(store: Store) -> None:
    boss = add_person(store, fnr(1), "Ola", "Ettfirma")
    firm = add_enhet(store, org(1), "43.210")
    add_role(store, firm, "DAGL", boss)
    add_tips(store, "T1", firm)
    add_stansingsvedtak(store, "S1", firm)

    score(store)

    assert [(e.actor_type, e.id) for e in top(store, 20)] == [("company", firm)]


def test_a_persons_reasons_agree_with_its_states(store: Store, scene: Scene) -> None:
    explanation = explain(store, scene.dag)

    assert explanation is not None
    hits = {indicator.id for indicator, state in explanation.states if state == "hit"}
    assert hits == {r["indicator"] for r in explanation.reasons} == {
        "IND-01", "IND-02", "IND-15", "IND-17"}


def test_one_weak_signal_alone_does_not_enter_the_list(store: Store) -> None:
    """The entry rule (config.yaml scoring.weak_signals_to_enter): arrears at a paying employer,
    or a tip, score nothing alone; a person running such a company is not listed either."""
    boss = add_person(store, fnr(1), "Rita", "Restanse")
    arrears, both = add_enhet(store, org(1), "43.210"), add_enhet(store, org(2), "43.210")
    add_role(store, arrears, "DAGL", boss)
    for firm, worker in ((arrears, fnr(11)), (both, fnr(12))):
        add_pay(store, firm, worker, "2025-11", "timeloenn", "150.00", 4_500_000)
        add_restanse(store, firm, 10_000_000)
    add_tips(store, "T1", both)

    score(store)

    assert {(e.actor_type, e.id) for e in top(store, 20)} == {("company", both)}
