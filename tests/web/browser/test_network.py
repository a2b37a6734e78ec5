"""Name search to profile to network expansion in Chromium: a click on a node in the drawing
fetches its neighbours and adds them; a link kind switched off leaves the drawing."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from akrim.store.engine import Store
from web.browser.conftest import screenshot
from web.conftest import ANALYST, ANALYST_PASSWORD

PROFILE_PAGE = Path(__file__).parents[3] / "src" / "akrim" / "web" / "pages" / "profile.py"

# A listed company, and a person in one of its roles with links outside the company's own
# neighbourhood (so that expanding the person must add nodes).
_COMPANY_AND_PERSON = """
    WITH ranked AS (SELECT 'o:' || id AS company, name, rank FROM priority_entry
                    WHERE actor_type = 'company'),
    hood AS (SELECT company, dst AS node FROM ranked JOIN net_edge ON src = company
             UNION SELECT company, src FROM ranked JOIN net_edge ON dst = company
             UNION SELECT company, company FROM ranked),
    beyond AS (SELECT r.company, e.src AS person, o.dst AS other
               FROM ranked r JOIN net_edge e ON e.dst = r.company AND e.kind = 'role'
                    AND e.src LIKE 'p:%'
               JOIN net_edge o ON o.src = e.src
               WHERE o.dst NOT IN (SELECT node FROM hood h WHERE h.company = r.company))
    SELECT r.company, r.name, b.person, b.other FROM ranked r JOIN beyond b USING (company)
    WHERE (SELECT count(*) FROM ranked x WHERE x.name = r.name) = 1
    ORDER BY r.rank, b.person, b.other LIMIT 1"""

_CENTRE = """id => {
    const cy = document.getElementById("network-graph").cy;
    const box = cy.container().getBoundingClientRect();
    const at = cy.getElementById(id).renderedPosition();
    return [box.left + at.x, box.top + at.y];
}"""

_NODES = """() => document.getElementById("network-graph").cy.nodes().map(n => n.id())"""


def test_name_search_to_profile_to_network_expansion(analyst_page: Any,
                                                     analysed_dir: Path) -> None:
    page = analyst_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with Store(analysed_dir / "akrim.duckdb", read_only=True) as store:
        company, name, person, other = store.rows(_COMPANY_AND_PERSON)[0]
    network = f"/analyst/network/{company}"

    page.goto(f"/analyst?q={quote(name.lower())}")
    profile = f"/analyst/actor/{company[2:]}"
    if PROFILE_PAGE.exists():  # search -> profile -> network
        page.locator(f'a[href="{profile}"]').first.click()
        page.wait_for_url(f"**{profile}")
        page.locator(f'a[href="{network}"]').first.click()
    else:
        page.goto(network)
    page.wait_for_url(f"**{network}")
    graph = page.locator("#network-graph")
    graph.scroll_into_view_if_needed()
    page.wait_for_selector('#network-graph[data-ready="true"]')
    before = set(page.evaluate(_NODES))
    assert person in before and other not in before

    x, y = page.evaluate(_CENTRE, person)
    page.mouse.move(x, y)  # as a hand does: Chromium 156.0.8078.114 sends no tap without it
    page.mouse.click(x, y)
    page.wait_for_selector('#network-graph[data-expanded="2"]')
    after = set(page.evaluate(_NODES))
    assert before < after and other in after  # the person's other links came in
    assert page.locator("#network-panel-label").inner_text() == page.evaluate(
        "id => document.getElementById('network-graph').cy.getElementById(id).data('label')",
        person)
    assert "nye noder" in page.locator("#network-status").inner_text()
    screenshot(page, "network")

    # switching the roles off takes their links out of the drawing, and on again back in
    shown = int(graph.get_attribute("data-edges") or 0)
    page.get_by_label("Roller (styre, ledelse, eiere)").uncheck()
    assert int(graph.get_attribute("data-edges") or 0) < shown
    page.get_by_label("Roller (styre, ledelse, eiere)").check()
    assert int(graph.get_attribute("data-edges") or 0) == shown
    assert errors == []


def test_without_javascript_the_tables_are_the_view(chromium: Any, live_server: str,
                                                    analysed_dir: Path) -> None:
    with Store(analysed_dir / "akrim.duckdb", read_only=True) as store:
        company, _, person, other = store.rows(_COMPANY_AND_PERSON)[0]
    context = chromium.new_context(base_url=live_server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("Brukernavn").fill(ANALYST)
        page.get_by_label("Passord").fill(ANALYST_PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.get_by_label("Felles oversikt og prioritering av sentrale trusselaktører").check()
        page.get_by_role("button", name="Bruk dette formålet").click()
        page.wait_for_url("**/analyst")
        page.goto(f"/analyst/network/{company}")
        assert not page.locator("#network-view").is_visible()  # an empty drawing helps no one
        # the node's row leads to its own network page: the expansion without a script
        page.locator(f'a[href="/analyst/network/{person}"]').click()
        page.wait_for_url(f"**/analyst/network/{person}")
        assert page.locator(f'a[href="/analyst/network/{quote(other, safe=":")}"]').count()
        screenshot(page, "network-no-javascript")
    finally:
        context.close()
