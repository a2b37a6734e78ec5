"""The authorisation matrix (issue 19): every route of the app, asked by every kind of user,
allowed or denied as the table below says, written by hand from akrim.ops.policy's rules. A
route the policy does not classify fails `test_every_route_is_classified`, and a route that
forgot its dependency fails the matrix (anonymous would get it)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route

from akrim.ops import policy
from akrim.ops.db import connect
from akrim.ops.users import add_user
from akrim.settings import Settings
from akrim.store.engine import Store
from akrim.web.app import create_app
from web.conftest import csrf_of

PASSWORD = "correct horse battery"
# (agency, role) per kind of user; None: not signed in (a public buyer is one).
USERS: dict[str, tuple[str, str] | None] = {
    "anonymous": None,
    "arbeidstilsynet": ("arbeidstilsynet", "analyst"),
    "nav": ("nav", "analyst"),
    "politiet": ("politiet", "analyst"),
    "skatteetaten": ("skatteetaten", "inspector"),
    "akrim-senter": ("akrim-senter", "analyst"),
    "steering": ("styringsgruppe", "steering"),
    "admin": ("akrim-senter", "admin"),
}
AGENCY_STAFF = {"arbeidstilsynet", "nav", "politiet", "skatteetaten", "akrim-senter"}
SIGNED_IN = set(USERS) - {"anonymous"}
ALLOWED: dict[policy.Level, set[str]] = {
    policy.Level.PUBLIC: set(USERS),
    policy.Level.AGGREGATE: SIGNED_IN,
    policy.Level.PERSON: AGENCY_STAFF,
    policy.Level.ADMIN: {"admin"},
}


def routes(app: FastAPI) -> Iterator[tuple[str, str]]:
    """(method, path) of every route, included routers and mounts too."""
    def walk(items: list[Any]) -> Iterator[tuple[str, str]]:
        for item in items:
            if isinstance(item, Mount):
                yield "GET", item.path
            elif isinstance(item, Route) or hasattr(item, "methods"):
                for method in sorted(set(item.methods or ()) - {"HEAD"}):
                    yield method, item.path
            else:  # FastAPI's included router
                yield from walk(item.original_router.routes)
    yield from walk(app.routes)


def test_every_route_is_classified(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path))
    unclassified = sorted(set(routes(app)) - set(policy.ROUTES))
    assert unclassified == [], f"classify these in akrim.ops.policy.ROUTES: {unclassified}"
    gone = sorted(set(policy.ROUTES) - set(routes(app)))
    assert gone == [], f"ROUTES names routes the app no longer has: {gone}"


@pytest.fixture(scope="module")
def matrix_dir(analysed_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    target = tmp_path_factory.mktemp("matrix") / "data"
    shutil.copytree(analysed_dir, target)
    engine = connect(Settings(data_dir=target))
    for name, user in USERS.items():
        if user is not None:
            add_user(engine, name, user[0], user[1], PASSWORD)
    return target


def sign_in(client: TestClient, name: str) -> None:
    signed = client.post("/login", data={"user": name, "password": PASSWORD,
                                         "csrf": csrf_of(client.get("/login").text)},
                         follow_redirects=False)
    assert signed.status_code == 303
    client.post("/analyst/purpose", data={
        "purpose": "prioritering", "csrf": csrf_of(client.get("/analyst/purpose").text)})


@pytest.fixture(scope="module")
def clients(matrix_dir: Path) -> dict[str, TestClient]:
    app = create_app(Settings(data_dir=matrix_dir, public_requests_per_second=0))
    made = {}
    for name, user in USERS.items():
        made[name] = client = TestClient(app)
        if user is not None:
            sign_in(client, name)
    return made


def example(path: str, orgnr: str) -> str:
    return (path.replace("{orgnr}", orgnr).replace("{actor}", orgnr)
            .replace("{node_id:path}", f"o:{orgnr}").replace("/static", "/static/akrim.css"))


def ask(client: TestClient, method: str, path: str) -> Any:
    if method == "GET":
        return client.get(path, follow_redirects=False)
    token = csrf_of(client.get("/login").text)  # any page with a form carries the token
    files = {"file": ("s.csv", io.BytesIO(b"organisasjonsnummer\n"), "text/csv")} \
        if "batch" in path else None
    data = {"csrf": token, "purpose": "prioritering", "user": "nobody", "password": "x" * 12,
            "left": "a", "right": "b", "verdict": "unsure"}
    return client.post(path, data=data, files=files, follow_redirects=False)


POLICY_ANSWERS = ("/problems/forbidden", "/problems/sign-in-required",
                  "/problems/purpose-required", "Ingen tilgang")


def denied(response: Any) -> bool:
    """The policy's answers: to the sign-in or purpose page, or 401/403 naming the policy (not
    a page's own 401, such as a wrong password on the sign-in form)."""
    location = response.headers.get("location", "")
    if response.status_code == 303:
        return location.startswith(("/login", "/analyst/purpose"))
    return response.status_code in (401, 403) and any(
        answer in response.text for answer in POLICY_ANSWERS)


CASES = [(method, path, who) for method, path in sorted(policy.ROUTES) for who in USERS]


@pytest.mark.parametrize(("method", "path", "who"), CASES)
def test_the_matrix(clients: dict[str, TestClient], matrix_dir: Path, method: str, path: str,
                    who: str) -> None:
    with Store(matrix_dir / "akrim.duckdb", read_only=True) as store:
        orgnr = store.scalar("SELECT id FROM priority_entry WHERE actor_type = 'company' "
                             "ORDER BY rank LIMIT 1")
    response = ask(clients[who], method, example(path, orgnr))
    if path in ("/logout", "/login") and USERS[who] is not None:
        sign_in(clients[who], who)  # the shared client is signed in again for the next cases
    expected = who in ALLOWED[policy.ROUTES[(method, path)]]
    assert denied(response) != expected, (response.status_code, response.text[:300])


def test_person_pages_wait_for_a_purpose(matrix_dir: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=matrix_dir)))
    client.post("/login", data={"user": "nav", "password": PASSWORD,
                                "csrf": csrf_of(client.get("/login").text)})
    answer = client.get("/analyst/priority", follow_redirects=False)
    assert answer.headers["location"] == "/analyst/purpose?next=%2Fanalyst%2Fpriority"
    api = client.get("/api/v1/network/o:123", follow_redirects=False)
    assert api.status_code == 403 and api.json()["type"] == "/problems/purpose-required"


def test_a_denied_user_is_told_who_may_and_whom_to_ask(clients: dict[str, TestClient]) -> None:
    html = clients["steering"].get("/analyst/priority").text
    assert "styringsgruppe" in html and "koordinatoren ved ditt a-krimsenter" in html
