"""The profile and search pages for a signed-in analyst: what they show, that person reads are
audited, and how bad numbers and unknown actors are answered."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from akrim.ops.db import audit_log, connect
from akrim.settings import Settings
from akrim.store.engine import Store
from web.conftest import ANALYST, signed_in_client


def listed_company(data_dir: Path) -> tuple[str, str, list[str]]:
    with Store(data_dir / "akrim.duckdb", read_only=True) as store:
        orgnr, name = store.rows("SELECT id, name FROM priority_entry WHERE actor_type = "
                                 "'company' ORDER BY rank LIMIT 1")[0]
        indicators = [row[0] for row in store.rows(
            "SELECT DISTINCT indicator_id FROM priority_reason WHERE id = ?", [orgnr])]
    return orgnr, name, indicators


def audited(data_dir: Path, action: str) -> list[tuple[str, str | None]]:
    with connect(Settings(data_dir=data_dir)).connect() as con:
        return [(row.user_name, row.subject) for row in con.execute(
            select(audit_log).where(audit_log.c.action == action))]


def test_the_profile_shows_the_reasons_and_every_indicator(analysed_copy: Path) -> None:
    client = signed_in_client(analysed_copy)
    orgnr, name, indicators = listed_company(analysed_copy)
    html = client.get(f"/analyst/actor/{orgnr}").text
    assert f"<h1>{name.replace('&', '&amp;')}</h1>" in html
    assert "Begrunnelse for plassen" in html and "Alle indikatorer" in html
    for indicator in indicators:
        assert f"<td>{indicator}</td>" in html
    assert html.count('class="state ') == 17  # every indicator of the catalogue, with its state
    assert f'href="/analyst/network/o:{orgnr}"' in html
    assert (ANALYST, f"company:{orgnr}") in audited(analysed_copy, "profile")


def test_the_profile_in_english(analyst: TestClient, analysed_dir: Path) -> None:
    orgnr, _, _ = listed_company(analysed_dir)
    html = analyst.get(f"/analyst/actor/{orgnr}?lang=en").text
    assert "Reasons for the rank" in html and "Every indicator" in html


def test_a_bad_number_and_an_unknown_actor(analyst: TestClient) -> None:
    bad = analyst.get("/analyst/actor/123456789")
    assert bad.status_code == 422 and "123456789" in bad.text
    assert analyst.get("/analyst/actor/C9999999").status_code == 404


def test_a_number_searched_leads_to_its_profile(analysed_copy: Path) -> None:
    client = signed_in_client(analysed_copy)
    orgnr, _, _ = listed_company(analysed_copy)
    answer = client.get(f"/analyst?q={orgnr}", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/analyst/actor/{orgnr}"


def test_a_search_that_shows_persons_is_audited(analysed_copy: Path) -> None:
    client = signed_in_client(analysed_copy)
    with Store(analysed_copy / "akrim.duckdb", read_only=True) as store:
        first, last = store.rows("SELECT fornavn, etternavn FROM link_person WHERE fornavn "
                                 "IS NOT NULL ORDER BY person_id LIMIT 1")[0]
    html = client.get("/analyst", params={"q": f"{first} {last}"}).text
    assert "treff på" in html and f"{first} {last}" in html
    assert (ANALYST, f"{first} {last}") in audited(analysed_copy, "search")
    assert client.get("/analyst", params={"q": "123456789"}).status_code == 422


def test_a_tip_is_shown_only_to_the_agency_that_received_it(analysed_copy: Path) -> None:
    from akrim.ops.users import add_user

    with Store(analysed_copy / "akrim.duckdb", read_only=True) as store:
        actor, key, agency = store.rows(
            "SELECT e.actor_id, e.source_key, t.etat FROM indicator_evidence e JOIN tips t "
            "ON t.tips_id = e.source_key WHERE e.source_table = 'tips' ORDER BY 1 LIMIT 1")[0]
    other = "nav" if agency.lower() != "nav" else "politiet"
    engine = connect(Settings(data_dir=analysed_copy))
    add_user(engine, "holder", agency.lower(), "analyst", "correct horse battery")
    add_user(engine, "other", other, "analyst", "correct horse battery")
    holder_page = signed_in_client(analysed_copy, user="holder").get(f"/analyst/actor/{actor}")
    other_page = signed_in_client(analysed_copy, user="other").get(f"/analyst/actor/{actor}")
    assert key in holder_page.text and "holdt tilbake" not in holder_page.text
    assert key not in other_page.text
    assert f"eies av {agency}" in other_page.text
