"""Fixtures for the web tests: the store of tests/indicators (one snapshot, 2026-01-10),
filled with `indicators.toolkit`'s register writers, then closed and served by the app."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from akrim.settings import Settings
from akrim.store.engine import Store
from akrim.web.app import create_app
from conftest import ANALYST, ANALYST_PASSWORD
from indicators import conftest as indicator_fixtures
from indicators.toolkit import add_enhet, add_role, add_stansingsvedtak, org, settle

empty_store_file = indicator_fixtures.empty_store_file
store = indicator_fixtures.store

Serve = Callable[[], TestClient]


@pytest.fixture
def serve(store: Store, tmp_path: Path) -> Serve:
    """The app on `store`'s data directory, once the test has written its rows (a read-only
    open of the file needs the writing connection closed)."""
    def start() -> TestClient:
        settle(store)
        store.close()
        return TestClient(create_app(Settings(data_dir=tmp_path)))
    return start


def clean(store: Store, orgnr: str, navn: str = "BYGG OG BETONG AS", **extra: object) -> str:
    """A registered building firm with its VAT and winding-up fields, a daglig leder, and the
    stop decisions register loaded (with another unit's decision)."""
    add_enhet(store, orgnr, "43.210", registreringsdato=dt.date(2019, 3, 1), navn=navn,
              registrert_i_mvaregisteret=True, under_avvikling=False,
              under_tvangsavvikling=False, **extra)
    add_role(store, orgnr, "DAGL", name=("Kari", "Hansen"), born=dt.date(1975, 4, 2))
    add_stansingsvedtak(store, "other", org(99))
    return orgnr


# --- The analysts' pages: an analysed tiny store and a signed-in analyst ------------------------

def signed_in_client(data_dir: Path, purpose: str | None = "prioritering",
                     user: str = ANALYST, password: str = ANALYST_PASSWORD) -> TestClient:
    """A client of the app on `data_dir`, signed in as `user` (the analyst), with `purpose`
    stated (akrim.ops.policy: person-level pages need one; None: none stated)."""
    client = TestClient(create_app(Settings(data_dir=data_dir)))
    answer = client.post("/login", data={"user": user, "password": password,
                                         "csrf": csrf_of(client.get("/login").text)},
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text
    if purpose is not None:
        stated = client.post("/analyst/purpose", data={
            "purpose": purpose, "csrf": csrf_of(client.get("/analyst/purpose").text)},
            follow_redirects=False)
        assert stated.status_code == 303, stated.text
    return client


@pytest.fixture
def analyst(analysed_dir: Path) -> TestClient:
    return signed_in_client(analysed_dir)


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF field"
    return found.group(1)
