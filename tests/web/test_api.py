"""`/api/v1/...`: the report as JSON, problems as problem+json, the batch as CSV, the health
check. The check's tests run twice: on the published serving file and, with none published, on
the DuckDB store."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from akrim.ids import InvalidIdentifier, validate_orgnr
from akrim.seriousness.serving import public_file, publish
from akrim.settings import Settings
from akrim.store.engine import Store
from akrim.web.app import create_app
from akrim.web.context import MAX_UPLOAD_BYTES
from indicators.toolkit import add_enhet, open_store, org, settle
from web.conftest import Serve, clean

BRREG = "Enhetsregisteret (Brønnøysundregistrene)"
MVA = "Merverdiavgiftsregisteret (via Enhetsregisteret)"
STOP = "Arbeidstilsynets publiserte stansingsvedtak"
PROBLEM = "application/problem+json"
CLEAN_NB = [
    {"key": "registration", "state": "ok",
     "text": "Registrert i Enhetsregisteret siden 2019-03-01", "source_register": BRREG,
     "source_date": "2026-01-10"},
    {"key": "bankruptcy", "state": "ok", "text": "Ingen konkurs registrert",
     "source_register": BRREG, "source_date": "2026-01-10"},
    {"key": "liquidation", "state": "ok", "text": "Ikke registrert under avvikling",
     "source_register": BRREG, "source_date": "2026-01-10"},
    {"key": "vat", "state": "ok", "text": "Registrert i Merverdiavgiftsregisteret",
     "source_register": MVA, "source_date": "2026-01-10"},
    {"key": "stop_decisions", "state": "ok",
     "text": "Ingen gjeldende publiserte stansingsvedtak i registeret per 2026-01-10",
     "source_register": STOP, "source_date": "2026-01-10"},
    {"key": "role_bankruptcies", "state": "ok",
     "text": "Ingen av personene i ledende roller har hatt ledende roller i andre foretak som er "
             "registrert konkurs", "source_register": BRREG, "source_date": "2026-01-10"},
]
CLEAN_EN = [
    "Registered in the Central Coordinating Register since 2019-03-01",
    "No bankruptcy registered",
    "Not registered as being wound up",
    "Registered in the VAT Register",
    "No standing published stop decisions in the register as of 2026-01-10",
    "None of the persons in leading roles has held leading roles in other companies registered "
    "bankrupt",
]
REPORT_KEYS = {"orgnr", "name", "lang", "facts", "advice"}
FACT_KEYS = {"key", "state", "text", "source_register", "source_date"}
ADVICE_KEYS = {"key", "text"}


@pytest.fixture(params=["serving file", "store"])
def serve(request: pytest.FixtureRequest, store: Store) -> Serve:
    """web.conftest's `serve`, with the check reading the serving file published from `store`,
    or (none published) `store` itself."""
    def start() -> TestClient:
        settle(store)
        if request.param == "serving file":
            publish(store, public_file(store.path.parent))
        store.close()
        return TestClient(create_app(Settings(data_dir=store.path.parent)))
    return start


def test_a_clean_unit_in_bokmaal(store: Store, serve: Serve) -> None:
    clean(store, org(1))
    response = serve().get(f"/api/v1/seriousness/{org(1)}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["facts"] == CLEAN_NB
    assert [a["key"] for a in body["advice"]] == [
        "tax_certificate", "inspection_reports", "hms_cards", "norgesmodellen",
        "generally_applicable_wages"]
    assert body["advice"][0]["text"] == ("Be om en ny skatteattest fra Skatteetaten som viser "
                                         "om skatter og avgifter er betalt.")
    assert (body["orgnr"], body["name"], body["lang"]) == (org(1), "BYGG OG BETONG AS", "nb")


def test_english_texts(store: Store, serve: Serve) -> None:
    clean(store, org(1))
    body = serve().get(f"/api/v1/seriousness/{org(1)}?lang=en").json()
    assert body["lang"] == "en"
    assert [f["text"] for f in body["facts"]] == CLEAN_EN
    assert body["advice"][0]["text"] == ("Ask for a recent tax certificate (skatteattest) from "
                                         "the Norwegian Tax Administration showing whether "
                                         "taxes and duties are paid.")


def test_a_wrong_check_digit_is_a_422_naming_the_check(store: Store, serve: Serve) -> None:
    bad = org(1)[:-1] + str((int(org(1)[-1]) + 1) % 10)
    response = serve().get(f"/api/v1/seriousness/{bad}")
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "/problems/invalid-orgnr", "title": "Ugyldig organisasjonsnummer",
        "status": 422, "detail": f"organisasjonsnummer {bad} stemmer ikke med "
                                 "kontrollsifferet (mod-11-kontrollen)"}


def test_a_number_of_the_wrong_length_is_a_422(store: Store, serve: Serve) -> None:
    response = serve().get("/api/v1/seriousness/12345?lang=en")
    assert (response.status_code, response.headers["content-type"]) == (422, PROBLEM)
    assert response.json() == {
        "type": "/problems/invalid-orgnr", "title": "Invalid organisation number",
        "status": 422, "detail": "organisation number 12345 has 5 digits, expected 9"}


def test_a_bad_lang_is_a_422(store: Store, serve: Serve) -> None:
    clean(store, org(1))
    response = serve().get(f"/api/v1/seriousness/{org(1)}?lang=de")
    assert (response.status_code, response.headers["content-type"]) == (422, PROBLEM)
    assert response.json()["type"] == "/problems/invalid-request"
    assert response.json()["detail"].startswith("query.lang: ")


def test_a_published_serving_file_is_read_without_the_store(store: Store) -> None:
    clean(store, org(1))
    settle(store)
    publish(store, public_file(store.path.parent))
    store.close()
    store.path.unlink()  # the check reads only the serving file
    client = TestClient(create_app(Settings(data_dir=store.path.parent)))
    body = client.get(f"/api/v1/seriousness/{org(1)}").json()
    assert body["facts"] == CLEAN_NB


def test_a_new_publish_is_read_from_the_next_request_on(store: Store) -> None:
    clean(store, org(1))
    settle(store)
    publish(store, public_file(store.path.parent))
    store.close()
    client = TestClient(create_app(Settings(data_dir=store.path.parent)))
    assert client.get(f"/api/v1/seriousness/{org(2)}").status_code == 404
    with Store(store.path) as loading:  # a later load, published as akrim ingest does
        add_enhet(loading, org(2), navn="NYTT FIRMA AS")
        settle(loading)
        publish(loading, public_file(store.path.parent))
    response = client.get(f"/api/v1/seriousness/{org(2)}")
    assert (response.status_code, response.json()["name"]) == (200, "NYTT FIRMA AS")


def test_health(tmp_path: Path) -> None:
    response = TestClient(create_app(Settings(data_dir=tmp_path))).get("/api/v1/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_a_wrong_method_is_a_405_naming_the_allowed_one(store: Store, serve: Serve) -> None:
    response = serve().delete("/api/v1/seriousness/batch")
    assert (response.status_code, response.headers["content-type"]) == (405, PROBLEM)
    assert response.headers["allow"] == "POST"


def test_an_unknown_unit_is_a_404(store: Store, serve: Serve) -> None:
    clean(store, org(1))
    response = serve().get(f"/api/v1/seriousness/{org(2)}?lang=en")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "/problems/unknown-unit", "title": "Unknown unit", "status": 404,
        "detail": f"Organisation number {org(2)} is not in the Central Coordinating Register "
                  f"as loaded here."}


def test_no_store_is_a_503_saying_so(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path / "none")))
    response = client.get(f"/api/v1/seriousness/{org(1)}?lang=en")
    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "/problems/store-unavailable", "title": "The check is not available",
        "status": 503,
        "detail": f"No store in {tmp_path / 'none'}: nothing has been loaded here yet. Run "
                  f"akrim ingest, or check --data-dir."}


def test_an_unknown_path_and_a_missing_upload_are_problems(store: Store, serve: Serve) -> None:
    client = serve()
    missing = client.get("/api/v1/nothing")
    assert (missing.status_code, missing.headers["content-type"]) == (404, PROBLEM)
    assert missing.json() == {"type": "about:blank", "title": "Not Found", "status": 404,
                              "detail": "Not Found"}
    no_file = client.post("/api/v1/seriousness/batch")
    assert (no_file.status_code, no_file.headers["content-type"]) == (422, PROBLEM)
    assert no_file.json() == {"type": "/problems/invalid-request", "title": "Invalid request",
                              "status": 422, "detail": "body.file: Field required"}


def test_the_openapi_document_lists_the_paths(store: Store, serve: Serve) -> None:
    client = serve()
    document = client.get("/api/v1/openapi.json").json()
    assert sorted(document["paths"]) == ["/api/v1/health", "/api/v1/network/{node_id}",
                                         "/api/v1/seriousness/batch",
                                         "/api/v1/seriousness/{orgnr}"]
    assert set(document["components"]["schemas"]["ReportOut"]["properties"]) == REPORT_KEYS
    assert set(document["components"]["schemas"]["FactOut"]["properties"]) == FACT_KEYS
    assert sorted(document["paths"]["/api/v1/seriousness/{orgnr}"]["get"]["responses"]) == [
        "200", "404", "422", "429", "503"]
    assert sorted(document["paths"]["/api/v1/seriousness/batch"]["post"]["responses"]) == [
        "200", "400", "422", "429", "503"]
    problem = document["paths"]["/api/v1/seriousness/{orgnr}"]["get"]["responses"]["422"]
    assert list(problem["content"]) == [PROBLEM]  # not application/json
    assert set(problem["content"][PROBLEM]["schema"]["properties"]) == {
        "type", "title", "status", "detail"}
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN's scripts


def _keys_of(value: Any) -> set[str]:
    """Every key anywhere in a JSON value."""
    if isinstance(value, dict):
        return set(value) | set().union(*(_keys_of(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys_of(v) for v in value))
    return set()


def test_a_report_has_no_field_outside_the_public_facts(store: Store, serve: Serve) -> None:
    clean(store, org(1))
    add_enhet(store, org(2), None, konkurs=True, konkursdato=dt.date(2025, 6, 1))
    client = serve()
    for orgnr in (org(1), org(2)):
        for lang in ("nb", "en"):
            body = client.get(f"/api/v1/seriousness/{orgnr}?lang={lang}").json()
            assert set(body) == REPORT_KEYS
            assert all(set(fact) == FACT_KEYS for fact in body["facts"])
            assert all(set(advice) == ADVICE_KEYS for advice in body["advice"])
            assert _keys_of(body) == REPORT_KEYS | FACT_KEYS | ADVICE_KEYS
    bankrupt = client.get(f"/api/v1/seriousness/{org(2)}").json()
    assert {f["key"]: f["state"] for f in bankrupt["facts"]} == {
        "registration": "ok", "bankruptcy": "not_ok", "liquidation": "unknown",
        "vat": "unknown", "approval": "unknown", "stop_decisions": "ok",
        "role_bankruptcies": "unknown"}


def test_the_batch_csv(store: Store, serve: Serve) -> None:
    clean(store, org(1))
    upload = f"leverandør;orgnr\nA;{org(1)}\nB;{org(2)}\nC;123\n".encode()
    response = serve().post("/api/v1/seriousness/batch",
                            files={"file": ("leverandorer.csv", upload, "text/csv")})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="seriousness.csv"'
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["orgnr", "name", "fact", "state", "text_nb", "text_en",
                       "source_register", "source_date"]
    assert rows[1:7] == [[org(1), "BYGG OG BETONG AS", f["key"], f["state"], f["text"],
                          english, f["source_register"], "2026-01-10"]
                         for f, english in zip(CLEAN_NB, CLEAN_EN, strict=True)]
    assert rows[7:] == [
        [org(2), "", "registration", "unknown", "Ikke funnet i Enhetsregisteret slik det er "
         "lastet", "Not found in the Central Coordinating Register as loaded", BRREG, ""],
        ["123", "", "input", "unknown", "Linje 4 ble ikke sjekket: organisation number 123 has "
         "3 digits, expected 9", "Line 4 was not checked: organisation number 123 has 3 "
         "digits, expected 9", "", ""],
    ]


def test_a_file_that_is_not_utf8_is_a_400(store: Store, serve: Serve) -> None:
    response = serve().post("/api/v1/seriousness/batch?lang=en", files={
        "file": ("liste.csv", "orgnr\n910000136 Ærlig\n".encode("latin-1"), "text/csv")})
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "/problems/invalid-file", "title": "The file cannot be read", "status": 400,
        "detail": "liste.csv: not UTF-8 text (invalid continuation byte at byte 16)"}


def test_a_file_over_the_limit_is_a_400(store: Store, serve: Serve) -> None:
    upload = b"orgnr\n" + b"910000136\n" * (MAX_UPLOAD_BYTES // 10)  # the limit plus 6 bytes
    response = serve().post("/api/v1/seriousness/batch", files={
        "file": ("stor.csv", upload, "text/csv")})
    assert response.status_code == 400
    assert response.json()["detail"] == f"stor.csv: larger than {MAX_UPLOAD_BYTES} bytes"


@pytest.fixture(scope="module")
def empty_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """The app on a store with one snapshot and no units: every valid number is unknown."""
    data = tmp_path_factory.mktemp("empty")
    open_store(data / "akrim.duckdb").close()
    return TestClient(create_app(Settings(data_dir=data)))


# No ".": an HTTP client drops a path segment of dots before it is sent.
@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789 -x,", min_size=1, max_size=12))
def test_any_number_is_a_report_or_a_problem_never_a_crash(empty_client: TestClient,
                                                           value: str) -> None:
    response = empty_client.get(f"/api/v1/seriousness/{quote(value, safe='')}")
    assert response.headers["content-type"] == PROBLEM
    try:
        number = validate_orgnr(value)
    except InvalidIdentifier as error:
        assert (response.status_code, response.json()["detail"]) == (422, error.message("nb"))
    else:
        assert (response.status_code, response.json()["type"]) == (404, "/problems/unknown-unit")
        assert number in response.json()["detail"]
