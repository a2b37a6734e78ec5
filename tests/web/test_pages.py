"""The seriousness check's pages: bokmål by default, English by toggle, labelled and
keyboard-reachable, showing the same facts as the API."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from akrim.store.engine import Store
from indicators.toolkit import add_enhet, org
from web.conftest import Serve, clean

BRREG = "Enhetsregisteret (Brønnøysundregistrene)"


def test_the_form_in_bokmaal(store: Store, serve: Serve) -> None:
    response = serve().get("/seriousness")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="nb">' in html
    assert '<a class="skip" href="#main">Hopp til innholdet</a>' in html
    assert '<main id="main" tabindex="-1">' in html
    assert "<h1>Seriøsitetssjekk</h1>" in html
    assert '<label for="orgnr">Organisasjonsnummer (9 siffer)</label>' in html
    assert '<input id="orgnr" name="orgnr"' in html
    assert '<button type="submit">Sjekk</button>' in html
    assert '<a href="/seriousness?lang=en" lang="en" hreflang="en">English</a>' in html


def test_the_english_toggle_is_remembered(store: Store, serve: Serve) -> None:
    client = serve()
    html = client.get("/seriousness?lang=en").text
    assert '<html lang="en">' in html
    assert "<h1>Seriousness check</h1>" in html
    assert '<label for="orgnr">Organisation number (9 digits)</label>' in html
    assert '<a class="skip" href="#main">Skip to content</a>' in html
    assert client.cookies["akrim_lang"] == "en"
    again = client.get("/seriousness").text
    assert '<html lang="en">' in again
    assert "Norsk (bokmål)</a>" in again


def test_home_and_the_form_lead_to_the_result_page(store: Store, serve: Serve) -> None:
    client = serve()
    home = client.get("/", follow_redirects=False)
    assert (home.status_code, home.headers["location"]) == (307, "/seriousness")
    asked = client.get("/seriousness", params={"orgnr": f" {org(1)} "}, follow_redirects=False)
    assert (asked.status_code, asked.headers["location"]) == (303, f"/seriousness/{org(1)}")


def test_the_result_page(store: Store, serve: Serve) -> None:
    clean(store, org(1))
    add_enhet(store, org(2), "43.210", konkurs=True, konkursdato=dt.date(2025, 6, 1),
              navn="KONKURS AS")
    client = serve()
    html = client.get(f"/seriousness/{org(1)}").text
    assert "<h1>BYGG OG BETONG AS</h1>" in html
    assert "<caption>Opplysninger</caption>" in html
    assert html.count('<span class="state ok">OK</span>') == 6
    assert "<td>Registrert i Enhetsregisteret siden 2019-03-01</td>" in html
    assert f"<td>{BRREG}</td>" in html
    assert "<td class=\"date\">2026-01-10</td>" in html
    assert "<h2>Dette bør du be leverandøren om</h2>" in html
    bankrupt = client.get(f"/seriousness/{org(2)}?lang=en").text
    assert '<span class="state not_ok">Not OK</span>' in bankrupt
    assert '<span class="state unknown">Not known (insufficient data)</span>' in bankrupt
    assert "score" not in html.lower() and "score" not in bankrupt.lower()


def test_a_bad_number_shows_the_check_that_failed(store: Store, serve: Serve) -> None:
    response = serve().get("/seriousness/910000137")
    assert response.status_code == 422
    html = response.text
    assert "<h1>Ugyldig organisasjonsnummer</h1>" in html
    assert ('<p id="problem" class="problem" role="alert">organisasjonsnummer 910000137 '
            'stemmer ikke med kontrollsifferet (mod-11-kontrollen)</p>') in html
    assert 'aria-invalid="true" aria-describedby="problem"' in html


def test_an_unknown_unit_page_is_a_404(store: Store, serve: Serve) -> None:
    response = serve().get(f"/seriousness/{org(2)}")
    assert response.status_code == 404
    assert (f'role="alert">Organisasjonsnummer {org(2)} finnes ikke i Enhetsregisteret slik '
            f"det er lastet her.</p>") in response.text


def test_the_batch_page(store: Store, serve: Serve) -> None:
    clean(store, org(1))
    client = serve()
    form = client.get("/seriousness/batch").text
    assert '<label for="file">CSV-fil med leverandører</label>' in form
    assert '<form method="post" action="/seriousness/batch" enctype="multipart/form-data">' \
        in form
    upload = {"file": ("l.csv", f"orgnr\n{org(1)}\n91000013\n".encode(), "text/csv")}
    html = client.post("/seriousness/batch", files=upload).text
    expected_csv = client.post("/api/v1/seriousness/batch", files=upload).text
    assert "<h2>Resultat for 1 leverandører (1 linjer ikke sjekket)</h2>" in html
    assert (f'<a href="data:text/csv;charset=utf-8,{quote(expected_csv)}" '
            f'download="seriousness.csv">Last ned resultatet som CSV</a>') in html
    assert html.count(f"<td>{org(1)}</td><td>BYGG OG BETONG AS</td>") == 6
    assert ("<td>91000013</td><td></td>\n      <td><span class=\"state unknown\">Ikke kjent "
            "(for lite data)</span></td>\n      <td>Linje 3 ble ikke sjekket: organisation "
            "number 91000013 has 8 digits, expected 9</td>") in html


def test_a_file_without_a_number_column_shows_the_upload_form_again(store: Store,
                                                                    serve: Serve) -> None:
    upload = {"file": ("navn.csv", b"navn;by\nBygg AS;Bergen\n", "text/csv")}
    response = serve().post("/seriousness/batch?lang=en", files=upload)
    assert response.status_code == 400
    html = response.text
    assert "<h1>The file cannot be read</h1>" in html
    assert ("role=\"alert\">navn.csv: line 1: no column named organisasjonsnummer (or orgnr), "
            "and &#39;navn&#39; is not an organisation number</p>") in html  # autoescaped quotes
    assert 'aria-describedby="batch-help problem" aria-invalid="true"' in html
    assert 'id="orgnr"' not in html
