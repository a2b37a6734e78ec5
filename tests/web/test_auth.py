"""Sign-in: analyst pages lead to the sign-in page and back, analyst API routes answer 401,
forms need the session's CSRF token, and the public check needs no sign-in but is rate-limited."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from akrim.ops.db import audit_log, connect
from akrim.ops.users import add_user
from akrim.settings import Settings
from akrim.store.engine import Store
from akrim.web.app import create_app
from web.conftest import Serve

PASSWORD = "correct horse battery"


def token(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the form has no CSRF field"
    return found.group(1)


def sign_in(client: TestClient, user: str, password: str, next: str = "/analyst"
            ) -> TestClient:
    form = client.get(f"/login?next={next}").text
    client.post("/login", data={"user": user, "password": password, "next": next,
                                "csrf": token(form)}, follow_redirects=False)
    return client


def test_an_analyst_page_leads_to_sign_in_and_back(store: Store, serve: Serve,
                                                   tmp_path: Path) -> None:
    client = serve()
    add_user(connect(Settings(data_dir=tmp_path)), "kari", "nav", "analyst", PASSWORD)
    first = client.get("/analyst?q=bygg+og+betong", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/login?next=%2Fanalyst%3Fq%3Dbygg%2Bog%2Bbetong"
    form = client.get(first.headers["location"]).text
    assert '<label for="password">Passord</label>' in form
    answer = client.post("/login", data={"user": "kari", "password": PASSWORD,
                                         "next": "/analyst?q=bygg+og+betong",
                                         "csrf": token(form)}, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/analyst?q=bygg+og+betong"
    assert "kari" in client.get("/seriousness").text  # the header names the user


def test_a_wrong_password_is_refused_and_logged(store: Store, serve: Serve,
                                                tmp_path: Path) -> None:
    client = serve()
    engine = connect(Settings(data_dir=tmp_path))
    add_user(engine, "kari", "nav", "analyst", PASSWORD)
    form = client.get("/login").text
    answer = client.post("/login", data={"user": "kari", "password": "wrong password!",
                                         "csrf": token(form)}, follow_redirects=False)
    assert answer.status_code == 401
    assert "Feil brukernavn eller passord." in answer.text
    assert "akrim_session" not in answer.cookies or "user" not in answer.text
    with engine.connect() as con:
        actions = [row.action for row in con.execute(audit_log.select())]
    assert actions == ["sign_in_failed"]
    assert client.get("/analyst", follow_redirects=False).status_code == 303


def test_a_form_without_the_session_token_is_refused(store: Store, serve: Serve,
                                                     tmp_path: Path) -> None:
    client = serve()
    add_user(connect(Settings(data_dir=tmp_path)), "kari", "nav", "analyst", PASSWORD)
    client.get("/login")
    answer = client.post("/login", data={"user": "kari", "password": PASSWORD,
                                         "csrf": "guessed"}, follow_redirects=False)
    assert answer.status_code == 403
    assert client.get("/analyst", follow_redirects=False).status_code == 303


def test_the_next_address_never_leaves_the_site(store: Store, serve: Serve,
                                                tmp_path: Path) -> None:
    client = serve()
    add_user(connect(Settings(data_dir=tmp_path)), "kari", "nav", "analyst", PASSWORD)
    form = client.get("/login").text
    answer = client.post("/login", data={"user": "kari", "password": PASSWORD,
                                         "next": "//evil.example/", "csrf": token(form)},
                         follow_redirects=False)
    assert answer.headers["location"] == "/analyst"


def test_signing_out_ends_the_session(store: Store, serve: Serve, tmp_path: Path) -> None:
    client = serve()
    add_user(connect(Settings(data_dir=tmp_path)), "kari", "nav", "analyst", PASSWORD)
    sign_in(client, "kari", PASSWORD)
    page = client.get("/seriousness").text
    client.post("/logout", data={"csrf": token(page)}, follow_redirects=False)
    assert client.get("/analyst", follow_redirects=False).status_code == 303


def test_the_public_check_is_rate_limited_per_client(store: Store, tmp_path: Path) -> None:
    store.close()
    client = TestClient(create_app(Settings(data_dir=tmp_path, public_requests_per_second=1,
                                            public_burst=3)))
    statuses = [client.get("/api/v1/seriousness/123").status_code for _ in range(5)]
    assert statuses[:3] != [429, 429, 429] and statuses[3:] == [429, 429]
    limited = client.get("/api/v1/seriousness/123")
    assert limited.headers["content-type"] == "application/problem+json"
    assert limited.headers["retry-after"] == "1"
    assert client.get("/login").status_code == 200  # the analyst part is not limited
