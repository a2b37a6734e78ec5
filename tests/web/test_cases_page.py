"""The case pages on the analysed tiny store: a case opened on the top of the priority list
with its hits as evidence and its agencies preselected, moved along with forms (CSRF), an
instrument recorded with its amount, an attachment up and down, closed; refusals in words;
every read audited."""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from akrim.cases.read import get_case
from akrim.cases.recommend import agencies_for
from akrim.ops.db import audit_log, connect
from akrim.settings import Settings
from akrim.store.engine import Store
from akrim.web.app import create_app
from web.conftest import ANALYST, csrf_of, signed_in_client


def top_entry(data: Path) -> tuple[str, str, list[str]]:
    """The first entry of the priority list: its id, type and indicators."""
    with Store(data / "akrim.duckdb", memory_limit="1GB", read_only=True) as store:
        actor_id, actor_type, internal = store.rows(
            "SELECT id, actor_type, internal_id FROM priority_entry ORDER BY rank LIMIT 1")[0]
        indicators = [r[0] for r in store.rows(
            "SELECT DISTINCT indicator_id FROM priority_reason WHERE actor_type = ? AND id = ?"
            " ORDER BY 1", [actor_type, internal])]
    return actor_id, actor_type, indicators


@pytest.fixture
def client(analysed_copy: Path) -> TestClient:
    return signed_in_client(analysed_copy)


def opened(client: TestClient, actor: str, agencies: list[str] | None = None) -> int:
    form = client.get(f"/analyst/cases/new?actor={actor}")
    assert form.status_code == 200, form.text
    chosen = agencies if agencies is not None else re.findall(
        r'name="agencies" value="([a-z]+)" checked', form.text)
    answer = client.post("/analyst/cases", data={
        "csrf": csrf_of(form.text), "actor": actor, "title": "Oppfølging",
        "agencies": chosen}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return int(answer.headers["location"].rsplit("/", 1)[1])


def test_the_case_pages_need_sign_in(analysed_dir: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=analysed_dir)))
    for path in ("/analyst/cases", "/analyst/cases/new?actor=1", "/analyst/cases/1"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_the_priority_list_and_the_profile_link_to_a_new_case(analyst: TestClient,
                                                              analysed_dir: Path) -> None:
    actor, _, _ = top_entry(analysed_dir)
    assert f'href="/analyst/cases/new?actor={actor}"' in analyst.get("/analyst/priority").text
    profile = analyst.get(f"/analyst/actor/{actor}").text
    assert f'href="/analyst/cases/new?actor={actor}"' in profile
    assert 'href="/analyst/cases">Saker</a>' in profile  # the nav


def test_a_new_case_form_preselects_the_agencies_its_indicators_name(
        analyst: TestClient, analysed_dir: Path) -> None:
    actor, _, indicators = top_entry(analysed_dir)
    page = analyst.get(f"/analyst/cases/new?actor={actor}")
    checked = re.findall(r'name="agencies" value="([a-z]+)" checked', page.text)
    assert checked == agencies_for(indicators) and checked
    for indicator in indicators:
        assert indicator in page.text


def test_a_case_is_opened_with_its_evidence_and_recommendations(
        client: TestClient, analysed_copy: Path) -> None:
    actor, actor_type, indicators = top_entry(analysed_copy)
    case_id = opened(client, actor)
    engine = connect(Settings(data_dir=analysed_copy))
    case = get_case(engine, case_id)
    assert (case.summary.actor_id, case.summary.actor_type) == (actor, actor_type)
    assert set(case.indicators) == set(indicators)
    page = client.get(f"/analyst/cases/{case_id}")
    text = html.unescape(page.text)
    assert "Oppfølging" in text and "Ny" in text
    assert 'id="rec-' in page.text  # recommendations grouped by agency
    assert f'href="/analyst/actor/{actor}"' in page.text
    with engine.connect() as con:
        reads = con.execute(select(audit_log.c.action, audit_log.c.subject, audit_log.c.user_name)
                            .where(audit_log.c.action == "case")).all()
    assert reads == [("case", f"case:{case_id}", ANALYST)]
    english = client.get(f"/analyst/cases/{case_id}?lang=en").text
    assert "Recommended instruments" in english and "Record the instrument" in english
    listed = client.get("/analyst/cases?status=new").text
    assert f'href="/analyst/cases/{case_id}"' in listed
    assert f'href="/analyst/cases/{case_id}"' not in client.get(
        "/analyst/cases?status=closed").text


def test_an_instrument_a_note_an_attachment_and_closing(client: TestClient,
                                                        analysed_copy: Path) -> None:
    actor, _, _ = top_entry(analysed_copy)
    case_id = opened(client, actor, ["politiet"])
    csrf = csrf_of(client.get(f"/analyst/cases/{case_id}").text)
    answer = client.post(f"/analyst/cases/{case_id}/instruments", data={
        "csrf": csrf, "instrument": "politiet/bot", "applied_on": "2026-01-05",
        "amount": "25 000,50", "outcome": "Forelegg vedtatt"}, follow_redirects=False)
    assert answer.status_code == 303
    client.post(f"/analyst/cases/{case_id}/notes", data={"csrf": csrf, "text": "Ringte"})
    content = "Kontrollrapport fra Bærum\n".encode()
    client.post(f"/analyst/cases/{case_id}/attachments", data={"csrf": csrf},
                files={"upload": ("rapport.txt", content, "text/plain")})
    page = client.get(f"/analyst/cases/{case_id}")
    text = html.unescape(page.text)
    assert "Bot (domfellelse)" in text and "25\u202f000,50" in text and "Tiltak pågår" in text
    assert "Ringte" in text and hashlib.sha256(content).hexdigest() in text
    link = re.search(rf'href="(/analyst/cases/{case_id}/attachments/\d+)"', page.text)
    assert link is not None
    download = client.get(link.group(1))
    assert download.content == content
    assert "rapport.txt" in download.headers["content-disposition"]
    answer = client.post(f"/analyst/cases/{case_id}/status", data={
        "csrf": csrf, "status": "closed", "outcome": "Bot betalt"}, follow_redirects=False)
    assert answer.status_code == 303
    closed = html.unescape(client.get(f"/analyst/cases/{case_id}").text)
    assert "Bot betalt" in closed and "Saken er lukket" in closed
    assert 'action="/analyst/cases/' not in closed.split("<main", 1)[1]  # no forms left


@pytest.mark.parametrize(("path", "data", "status", "words"), [
    ("status", {"status": "closed", "outcome": ""}, 422, "utfall"),
    ("status", {"status": "in_action"}, 422, "kan ikke få status «in_action»"),
    ("instruments", {"instrument": "nav/bot", "applied_on": "2026-01-05"}, 422,
     "nav kan ikke bruke"),
    ("instruments", {"instrument": "politiet/bot", "applied_on": "2026-01-05",
                     "amount": "tolv"}, 422, "«tolv» er ikke et beløp"),
    ("instruments", {"instrument": "politiet/bot", "applied_on": "5.1.2026"}, 422,
     "«5.1.2026» er ikke en dato"),
    ("agencies", {}, 422, "minst én etat"),
])
def test_a_refused_change_says_why(client: TestClient, analysed_copy: Path, path: str,
                                   data: dict[str, str], status: int, words: str) -> None:
    case_id = opened(client, top_entry(analysed_copy)[0], ["politiet"])
    csrf = csrf_of(client.get(f"/analyst/cases/{case_id}").text)
    answer = client.post(f"/analyst/cases/{case_id}/{path}", data={"csrf": csrf, **data})
    assert answer.status_code == status
    assert words in html.unescape(answer.text)


def test_forms_need_the_csrf_token_and_an_unknown_case_is_404(client: TestClient) -> None:
    assert client.post("/analyst/cases", data={"actor": "x", "title": "t"}).status_code == 403
    assert client.get("/analyst/cases/999").status_code == 404
    assert client.get("/analyst/cases?status=done").status_code == 422
