"""The public seriousness check in Chromium: a number typed and checked, English by toggle,
a typo's reason shown, and a batch file uploaded, read as a page and downloaded as CSV."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from akrim.store.engine import Store
from web.browser.conftest import screenshot


def units(data_dir: Path, n: int) -> list[tuple[str, str]]:
    with Store(data_dir / "akrim.duckdb", read_only=True) as store:
        return [(orgnr, name) for orgnr, name in store.rows(
            "SELECT organisasjonsnummer, navn FROM enhet WHERE valid_to IS NULL "
            "ORDER BY organisasjonsnummer LIMIT ?", [n])]


def test_a_supplier_is_checked_in_the_browser(public_page: Any, analysed_dir: Path) -> None:
    page = public_page
    orgnr, name = units(analysed_dir, 1)[0]
    page.goto("/seriousness")
    screenshot(page, "seriousness-form")
    page.get_by_label("Organisasjonsnummer (9 siffer)").fill(orgnr)
    page.keyboard.press("Enter")  # the form works from the keyboard
    page.wait_for_url(f"**/seriousness/{orgnr}")
    assert page.get_by_role("heading", level=1).inner_text().startswith(name)
    assert page.locator("table tbody tr").count() >= 5
    assert page.locator(".state").first.inner_text() in ("OK", "Ikke OK",
                                                         "Ikke kjent (for lite data)")
    screenshot(page, "seriousness-report")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_text("What to ask the supplier for").count() == 1


def test_a_typo_is_answered_with_its_reason(public_page: Any, analysed_dir: Path) -> None:
    page = public_page
    orgnr, _ = units(analysed_dir, 1)[0]
    wrong = orgnr[:8] + str((int(orgnr[8]) + 1) % 10)
    page.goto("/seriousness")
    page.get_by_label("Organisasjonsnummer (9 siffer)").fill(wrong)
    page.get_by_role("button", name="Sjekk").click()
    page.wait_for_url(f"**/seriousness/{wrong}")
    assert "mod-11" in page.locator("main").inner_text()  # the failed check is named
    screenshot(page, "seriousness-typo")


def test_a_batch_file_is_read_as_a_page_and_downloaded(public_page: Any, analysed_dir: Path,
                                                       tmp_path: Path) -> None:
    page = public_page
    suppliers = units(analysed_dir, 3)
    upload = tmp_path / "leverandorer.csv"
    upload.write_text("organisasjonsnummer\n" + "".join(f"{o}\n" for o, _ in suppliers)
                      + "12345\n", encoding="utf-8")
    page.goto("/seriousness/batch")
    page.get_by_label("CSV-fil med leverandører").set_input_files(str(upload))
    page.get_by_role("button", name="Last opp og sjekk").click()
    page.wait_for_selector("table tbody tr")
    shown = page.locator("table tbody tr td:first-child").all_inner_texts()
    assert {o for o, _ in suppliers} <= set(shown)
    screenshot(page, "seriousness-batch")
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned resultatet som CSV").click()
    saved = tmp_path / "result.csv"
    download.value.save_as(saved)
    with saved.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert {row["orgnr"] for row in rows} >= {o for o, _ in suppliers}
    assert any(row["fact"] == "input" and "12345" in row["text_en"] for row in rows)
    assert len(rows) == len(shown)
