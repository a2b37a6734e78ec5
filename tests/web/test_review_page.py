"""The review queue's page (`/analyst/review`) on the analysed tiny store with a registered
namesake planted (`fixtures.review`): the pairs with their evidence, and the judgement form."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from akrim.link.review import judgements_in_force, pair_key
from akrim.ops.db import audit_log, connect
from akrim.settings import Settings
from akrim.store.engine import Store
from akrim.web.app import create_app
from akrim.web.pages.review import percent
from fixtures.review import Namesake, planted_copy
from web.conftest import ANALYST, csrf_of, signed_in_client


@pytest.fixture(scope="module")
def planted(analysed_dir: Path, tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[Path, str, str]:
    """The planted data directory, the role record and the registered record it was kept apart
    from (their pair is a conflict)."""
    data = tmp_path_factory.mktemp("review-page") / "data"
    case: Namesake = planted_copy(analysed_dir, data)
    with Store(data / "akrim.duckdb", memory_limit="1GB", read_only=True) as store:
        _, apart = case.joined_and_apart(store)
    return data, case.role_record, apart


@pytest.fixture
def writable(planted: tuple[Path, str, str], tmp_path: Path) -> Path:
    shutil.copytree(planted[0], tmp_path / "data")
    return tmp_path / "data"


def test_the_queue_needs_sign_in(planted: tuple[Path, str, str]) -> None:
    client = TestClient(create_app(Settings(data_dir=planted[0])))
    answer = client.get("/analyst/review", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")


def test_the_queue_shows_each_pair_with_its_evidence_and_audits_the_read(
        planted: tuple[Path, str, str]) -> None:
    data, role, apart = planted
    page = signed_in_client(data).get("/analyst/review")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert f'id="pair-{pair_key(apart, role)}"' in text
    assert role in text and apart in text
    assert "Konflikt" in text and "Under terskelen" in text  # the planted and the near miss
    assert text.index("Konflikt") < text.index("Under terskelen")  # conflicts first
    with Store(data / "akrim.duckdb", memory_limit="1GB", read_only=True) as store:
        street, postnummer = store.rows(
            "SELECT adresse, postnummer FROM person WHERE valid_to IS NULL "
            "AND identifikasjonsnummer = ?", [apart.removeprefix("freg:")])[0]
    assert f"{street}, {postnummer} " in text  # the register's address, not the key
    assert "samme fødselsdato" in text  # the model's reasons, in words
    assert "sannsynlighet for samme person: > 99,9 %" in text  # a conflict scores high
    assert "akrim link --force" in text  # when a judgement takes effect
    assert text.count('name="verdict" value="same"') == text.count('class="pair"') >= 2
    with connect(Settings(data_dir=data)).connect() as con:
        audited = {(user, subject) for user, subject in con.execute(
            select(audit_log.c.user_name, audit_log.c.subject)
            .where(audit_log.c.action == "review"))}
    assert {(ANALYST, role), (ANALYST, apart)} <= audited


def test_the_queue_in_english(planted: tuple[Path, str, str]) -> None:
    text = signed_in_client(planted[0]).get("/analyst/review?lang=en").text
    assert "Review queue" in text and "Conflict" in text and "same birth date" in text
    assert "changes the persons only at the next linkage run" in text


def test_a_judgement_is_saved_and_listed_with_its_verdict(writable: Path,
                                                          planted: tuple[Path, str, str]) -> None:
    _, role, apart = planted
    client = signed_in_client(writable)
    csrf = csrf_of(client.get("/analyst/review").text)
    answer = client.post("/analyst/review", data={
        "csrf": csrf, "left": role, "right": apart, "verdict": "same",
        "note": "  same signature  "}, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/analyst/review?show=open&page=1"
    [(pair, judgement)] = judgements_in_force(connect(Settings(data_dir=writable))).items()
    assert pair == (apart, role)  # stored in order, whatever the form's order
    assert (judgement.verdict, judgement.made_by, judgement.note) == (
        "same", ANALYST, "same signature")

    after = html.unescape(client.get(answer.headers["location"]).text)
    assert "Lagret:" in after and "neste koblingskjøring" in after
    assert f'id="pair-{pair_key(apart, role)}"' not in after  # no longer waiting
    judged = html.unescape(client.get("/analyst/review?show=judged").text)
    assert f'id="pair-{pair_key(apart, role)}"' in judged
    assert "Vurdert: Samme person, av analytiker" in judged and "«same signature»" in judged
    assert "Ikke brukt ennå" in judged  # the persons change at the next run


def test_refusals_save_nothing(writable: Path, planted: tuple[Path, str, str]) -> None:
    _, role, apart = planted
    client = signed_in_client(writable)
    csrf = csrf_of(client.get("/analyst/review").text)
    form = {"csrf": csrf, "left": role, "right": apart, "verdict": "same"}
    cases = [
        ({**form, "csrf": "forged"}, 403),
        ({**form, "right": "freg:00000000000"}, 404),
        ({**form, "verdict": "maybe"}, 422),
        ({**form, "right": role}, 422),
        ({**form, "note": "x" * 2001}, 422),
    ]
    for data, status in cases:
        answer = client.post("/analyst/review", data=data, follow_redirects=False)
        assert answer.status_code == status, (data, answer.text)
    assert "freg:00000000000" in client.post(
        "/analyst/review", data=cases[1][0]).text  # the error names the unknown record
    assert judgements_in_force(connect(Settings(data_dir=writable))) == {}
    assert client.get("/analyst/review?page=0").status_code == 422
    beyond = client.get("/analyst/review?page=99")
    assert beyond.status_code == 200 and 'class="pair"' not in beyond.text


@pytest.mark.parametrize(("probability", "nb", "en"), [
    (0.55989, "56,0", "56.0"), (0.95, "95,0", "95.0"), (0.9999, "> 99,9", "> 99.9"),
    (1.0, "100,0", "100.0"), (0.5, "50,0", "50.0")])
def test_probabilities_read_as_the_language_writes_them(probability: float, nb: str,
                                                         en: str) -> None:
    assert (percent(probability, "nb"), percent(probability, "en")) == (nb, en)
