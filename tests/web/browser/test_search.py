"""Search in Chromium: results come while typing (htmx), and a hit leads to the profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from akrim.store.engine import Store
from web.browser.conftest import screenshot


def test_typing_a_name_lists_hits_that_lead_to_the_profile(analyst_page: Any,
                                                           analysed_dir: Path) -> None:
    page = analyst_page
    with Store(analysed_dir / "akrim.duckdb", read_only=True) as store:
        orgnr, name = store.rows("SELECT id, name FROM priority_entry WHERE actor_type = "
                                 "'company' ORDER BY rank LIMIT 1")[0]
    page.goto("/analyst")
    page.get_by_label("Organisasjonsnummer, fødselsnummer, d-nummer, navn eller adresse") \
        .press_sequentially(name.lower(), delay=20)
    link = page.locator(f'#results a[href="/analyst/actor/{orgnr}"]')
    link.wait_for()  # no Enter pressed: the results came as the name was typed
    assert "q=" in page.url  # the address names the search, for the back button and sharing
    screenshot(page, "search")
    link.click()
    page.wait_for_url(f"**/analyst/actor/{orgnr}")
    assert page.get_by_role("heading", level=1).inner_text() == name
    screenshot(page, "profile")
