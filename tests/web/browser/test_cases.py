"""A case in Chromium, end to end: opened from the priority list, an instrument recorded with
its amount, closed with an outcome; the list of cases shows it closed (screenshots cases.png
and case.png)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from akrim.store.engine import Store
from web.browser.conftest import browser_page, screenshot, serve_in_thread
from web.conftest import ANALYST, ANALYST_PASSWORD


@pytest.fixture
def served(analysed_copy: Path) -> Iterator[str]:
    """The app on a writable copy of the analysed store (cases are written)."""
    url, server, thread = serve_in_thread(analysed_copy)
    yield url
    server.should_exit = True
    thread.join(10)


def signed_in(page: Any) -> None:
    """Sign in as the analyst and state the general purpose (as `analyst_page` does)."""
    page.goto("/login")
    page.get_by_label("Brukernavn").fill(ANALYST)
    page.get_by_label("Passord").fill(ANALYST_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/analyst/purpose**")
    page.get_by_label("Felles oversikt og prioritering av sentrale trusselaktører").check()
    page.get_by_role("button", name="Bruk dette formålet").click()
    page.wait_for_url("**/analyst")


def test_a_case_from_the_priority_list_to_closed(chromium: Any, served: str,
                                                 analysed_copy: Path) -> None:
    with Store(analysed_copy / "akrim.duckdb", memory_limit="1GB", read_only=True) as store:
        actor = store.scalar("SELECT id FROM priority_entry ORDER BY rank LIMIT 1")
    for page in browser_page(chromium, served):
        signed_in(page)
        page.goto("/analyst/priority")
        page.get_by_role("link", name=f"Opprett sak på {actor}").click()
        page.wait_for_url("**/analyst/cases/new?actor=*")
        assert page.get_by_label("Tittel").input_value()  # the actor's name or id
        page.get_by_label("Tittel").fill("Oppfølging etter kontroll")
        page.get_by_label("politiet").check()
        page.get_by_role("button", name="Opprett sak").click()
        page.wait_for_url(re.compile(r".*/analyst/cases/\d+$"))
        assert page.get_by_role("heading", level=1).inner_text() == "Oppfølging etter kontroll"
        assert page.locator("#recommended + p").count() == 1  # recommendations shown
        assert "Ny" in page.locator("p.kind .status").inner_text()

        page.get_by_label("Virkemiddel (etat)").select_option("politiet/beslag")
        page.get_by_label("Dato brukt").fill("2026-01-05")
        page.get_by_label("Beløp i kroner (bøter, krav og beslag)").fill("12 500")
        page.get_by_label("Utfall (valgfritt)").fill("Kontanter beslaglagt")
        page.get_by_role("button", name="Registrer virkemiddel").click()
        page.wait_for_url("**#applied")
        applied = page.locator("#applied + table").inner_text()
        assert "Beslag (politiloven/påtalevedtak)" in applied
        assert "12\u202f500,00" in applied and "Kontanter beslaglagt" in applied
        assert page.locator("p.kind .status").inner_text() == "Tiltak pågår"

        page.get_by_label("Ny status").select_option("closed")
        page.get_by_label("Utfall (kreves for å lukke)").fill("Beslaget opprettholdt")
        page.get_by_role("button", name="Endre status").click()
        page.wait_for_load_state()
        assert page.locator("p.kind .status").inner_text() == "Lukket"
        assert "Beslaget opprettholdt" in page.get_by_role("status").inner_text()
        timeline = page.locator("table.timeline").inner_text()
        assert "Tiltak pågår → Lukket" in timeline and "Beslag" in timeline
        screenshot(page, "case")

        page.get_by_role("navigation").get_by_role("link", name="Saker").click()
        page.get_by_label("Status").select_option("closed")
        page.get_by_role("button", name="Vis").click()
        row = page.locator("table.cases tbody tr")
        assert row.count() == 1 and "Oppfølging etter kontroll" in row.inner_text()
        assert "Lukket" in row.inner_text()
        screenshot(page, "cases")
