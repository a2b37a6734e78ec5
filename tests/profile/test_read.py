"""An actor's profile reads what the store holds about it: register versions, roles from both
sides, employees per month as a-melding counts them, and the explanation of its rank."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from akrim.profile import profile
from akrim.store.engine import Store


@pytest.fixture(scope="module")
def store(analysed_dir: Path) -> Iterator[Store]:
    with Store(analysed_dir / "akrim.duckdb", read_only=True) as opened:
        yield opened


def test_a_company_profile(store: Store) -> None:
    # The listed company with the most employees: it has roles, employees and reasons.
    orgnr = store.scalar("""
        SELECT opplysningspliktig FROM amelding_arbeidsforhold
        WHERE opplysningspliktig IN (SELECT id FROM priority_entry WHERE actor_type = 'company')
        GROUP BY 1 ORDER BY count(DISTINCT inntektsmottaker) DESC, 1 LIMIT 1""")
    found = profile(store, orgnr)
    assert found is not None and found.kind == "company" and found.node_id == f"o:{orgnr}"
    assert found.name == store.scalar("SELECT navn FROM enhet WHERE organisasjonsnummer = ? "
                                      "AND valid_to IS NULL", [orgnr])
    assert [row["navn"] for row in found.history] == [found.name]
    months = dict(store.rows("SELECT kalendermaaned, count(DISTINCT inntektsmottaker) "
                             "FROM amelding_arbeidsforhold WHERE opplysningspliktig = ? "
                             "GROUP BY 1", [orgnr]))
    assert {row["month"]: row["employees"] for row in found.employees_per_month} == months
    roles = store.scalar("SELECT count(*) FROM net_edge WHERE dst = ? AND kind IN "
                         "('role', 'accountant', 'auditor', 'estate')", [f"o:{orgnr}"])
    assert len(found.roles) == roles
    assert found.explanation.rank is not None and found.explanation.reasons
    assert found.shows_persons


def test_a_person_profile_shows_the_roles_held(store: Store) -> None:
    person = store.scalar("SELECT substr(src, 3) FROM net_edge WHERE kind = 'role' "
                          "AND src LIKE 'p:%' GROUP BY src ORDER BY count(*) DESC, src LIMIT 1")
    found = profile(store, person)
    assert found is not None and found.kind == "person"
    assert found.roles and all(row["other_kind"] == "company" for row in found.roles)
    assert found.identity is not None and found.history


def test_an_underenhet_names_its_legal_unit(store: Store) -> None:
    child, parent = store.rows("SELECT organisasjonsnummer, overordnet_enhet FROM underenhet "
                               "WHERE valid_to IS NULL ORDER BY 1 LIMIT 1")[0]
    found = profile(store, child)
    assert found is not None and found.legal_unit is not None
    assert found.legal_unit["node_id"] == f"o:{parent}"


def test_a_cluster_profile_lists_its_members(store: Store) -> None:
    cluster, members = store.rows("SELECT id, members FROM priority_entry "
                                  "WHERE actor_type = 'cluster' ORDER BY rank LIMIT 1")[0]
    found = profile(store, cluster)
    assert found is not None and found.kind == "cluster"
    assert found.explanation.members == members


def test_an_unknown_actor_has_no_profile(store: Store) -> None:
    assert profile(store, "C9999999") is None
