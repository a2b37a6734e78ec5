"""The review queue in Chromium: an analyst judges the planted conflict "same person", and the
next linkage run puts the two records in one person."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from akrim.link.review import pair_key
from akrim.pipeline import link
from akrim.settings import Settings
from akrim.store.engine import Store
from fixtures.review import person_of, planted_copy
from web.browser.conftest import browser_page, screenshot, serve_in_thread
from web.conftest import ANALYST, ANALYST_PASSWORD


@pytest.fixture
def served(analysed_dir: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The app on a writable copy of the analysed store with a namesake planted."""
    data = tmp_path / "data"
    planted_copy(analysed_dir, data)
    url, server, thread = serve_in_thread(data)
    yield url, data
    server.should_exit = True
    thread.join(10)


def test_a_judgement_changes_the_persons_after_the_next_link(
        chromium: Any, served: tuple[str, Path]) -> None:
    url, data = served
    settings = Settings(data_dir=data, memory_limit="1GB")
    with Store(settings.analytical_db, memory_limit="1GB", read_only=True) as store:
        conflict = store.rows("""
            SELECT least(record_l, record_r), greatest(record_l, record_r) FROM link_pair
            WHERE status = 'conflict' AND (record_l LIKE 'rolle:%' OR record_r LIKE 'rolle:%')
            ORDER BY 1, 2 LIMIT 1""")
        assert conflict, "the planted namesake makes a conflict"
        left, right = conflict[0]
        assert person_of(store, left) != person_of(store, right)

    for page in browser_page(chromium, url):
        page.goto("/login?next=/analyst/review")
        page.get_by_label("Brukernavn").fill(ANALYST)
        page.get_by_label("Passord").fill(ANALYST_PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_url("**/analyst/purpose**")  # person-level pages ask the purpose first
        page.get_by_label("Kvalitetskontroll av personkobling (vurderingskøen)").check()
        page.get_by_role("button", name="Bruk dette formålet").click()
        page.wait_for_url("**/analyst/review**")
        pair = page.locator(f"#pair-{pair_key(left, right)}")
        assert "Konflikt" in pair.get_by_role("heading").inner_text()
        assert left in pair.inner_text() and right in pair.inner_text()
        screenshot(page, "review")
        pair.get_by_label("Samme person").check()
        pair.get_by_label("Merknad (valgfri)").fill("Samme signatur i begge registre")
        pair.get_by_role("button", name="Lagre vurdering").click()
        page.wait_for_url("**/analyst/review?show=open**")
        assert "Lagret:" in page.get_by_role("status").first.inner_text()
        assert page.locator(f"#pair-{pair_key(left, right)}").count() == 0

        # the next linkage run applies it (the server closes the store after each request)
        with Store(settings.analytical_db, memory_limit="1GB") as store:
            link(store, settings, force=True)
            assert person_of(store, left) == person_of(store, right)

        page.goto("/analyst/review?show=judged")
        judged = page.locator(f"#pair-{pair_key(left, right)}")
        assert "Bekreftet av analytiker" in judged.get_by_role("heading").inner_text()
        assert "Brukt i siste koblingskjøring" in judged.inner_text()
        assert "Nå: samme person" in judged.inner_text()
        screenshot(page, "review-judged")
