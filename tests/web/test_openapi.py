"""The OpenAPI document against the app: schemathesis generates requests from the document
(a bounded number per operation) and checks every answer against it — status, media type and
body schema — on the ASGI app, with no network."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from akrim.seriousness.serving import public_file, publish
from akrim.settings import Settings
from akrim.web.app import create_app
from indicators.toolkit import add_enhet, add_role, add_stansingsvedtak, open_store, org, settle

KNOWN = "974760673"
"""The orgnr example in the document (Brønnøysundregistrene's own number), known here."""


# The document does not depend on the data, so the app is made when the module is imported
# (schemathesis reads the document then); the fixture below points it at its data directory.
# Not schemathesis.pytest.from_fixture: it reads `request.node._nodeid`, gone in pytest 9. No
# rate limit: the test sends more requests a second than a buyer may.
app = create_app(Settings(data_dir=Path("not-yet"), public_requests_per_second=0,
                          secret_key="test"))
CONFIG = SchemathesisConfig.from_dict({"operations": [
    # What JSON Schema cannot say: a number with a wrong check digit is schema-valid, and the
    # API's contract answers it with 422; any bytes are a schema-valid file, and one that is
    # not a supplier CSV is answered with 400.
    {"include-path": "/api/v1/seriousness/{orgnr}",
     "checks": {"positive_data_acceptance": {"expected-statuses": ["200", "404", "422"]}}},
    {"include-path": "/api/v1/seriousness/batch",
     "checks": {"positive_data_acceptance": {"expected-statuses": ["200", "400"]}}},
]})
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)


@pytest.fixture(scope="module", autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A published store with a cleaning firm (the document's example number) and a bankrupt
    unit without an industry code."""
    data = tmp_path_factory.mktemp("openapi")
    store = open_store(data / "akrim.duckdb")
    add_enhet(store, KNOWN, "81.210", navn="RENT OG PENT AS")
    add_enhet(store, org(2), None, konkurs=True)
    add_role(store, KNOWN, "DAGL", name=("Kari", "Hansen"), born=dt.date(1975, 4, 2))
    add_stansingsvedtak(store, "S1", KNOWN)
    settle(store)
    publish(store, public_file(data))
    store.close()
    app.state.settings = Settings(data_dir=data, public_requests_per_second=0,
                                  secret_key="test")
    return data


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_answer_is_what_the_document_says(case: schemathesis.Case) -> None:
    case.call_and_validate()


def test_both_addresses_serve_the_same_document(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path)))
    versioned = client.get("/api/v1/openapi.json")
    plain = client.get("/openapi.json")
    assert (versioned.status_code, plain.status_code) == (200, 200)
    assert plain.json() == versioned.json()
    assert "/openapi.json" not in plain.json()["paths"]
