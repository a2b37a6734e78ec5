"""Shared fixtures. Strategy (after yente): the smallest data that shows the behaviour, written
in the register's real shape inside the test (builders in `tests/fixtures/shapes.py`, store
helpers in `tests/fixtures/storeutil.py`); the demo bundle (`src/akrim/demo/bundle`) for
whole-pipeline tests. Unit tests need only a DuckDB file in `tmp_path`; PostgreSQL tests are
marked `postgres` and take the `postgres_url` fixture: they fail when the server is absent and
the environment variable `CI` is set, and are skipped (with the reason) only outside CI."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, make_url, text

from akrim.settings import Settings
from akrim.store.engine import Store
from fixtures.storeutil import Cli

POSTGRES_URL_VARIABLE = "AKRIM_TEST_POSTGRES_URL"
LOCAL_POSTGRES_URL = "postgresql://127.0.0.1:5432/test"  # the server on the test machines


def in_ci() -> bool:
    """CI=true (as CI services set it): tests that need a service must not skip there."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A libpq URL of a reachable PostgreSQL database: $AKRIM_TEST_POSTGRES_URL, else the local
    server. Unreachable: a failure in CI, so the postgres tests never skip there unnoticed; a
    skip with the reason elsewhere."""
    given = os.environ.get(POSTGRES_URL_VARIABLE)
    url = given or LOCAL_POSTGRES_URL
    try:
        with psycopg.connect(url, connect_timeout=5):
            pass
    except psycopg.Error as exc:
        source = f"${POSTGRES_URL_VARIABLE}" if given else \
            f"the default; set ${POSTGRES_URL_VARIABLE} for another"
        reason = f"no PostgreSQL at {url} ({source}): {exc}"
        if in_ci():
            pytest.fail(f"{reason}; CI is set, so the postgres tests must run", pytrace=False)
        pytest.skip(reason)
    return url


@pytest.fixture
def pg_settings(postgres_url: str, tmp_path: Path) -> Iterator[Settings]:
    """Settings whose operational store is a fresh schema of the `postgres_url` database."""
    schema = f"akrim_ops_test_{uuid.uuid4().hex[:12]}"
    url = make_url(postgres_url).set(drivername="postgresql+psycopg")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        in_schema = url.update_query_dict({"options": f"-csearch_path={schema}"})
        yield Settings(data_dir=tmp_path,
                       ops_db_url=in_schema.render_as_string(hide_password=False))
    finally:
        with admin.connect() as con:
            con.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "data" / "akrim.duckdb", memory_limit="1GB") as opened:
        yield opened


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data")


# --- A tiny synthetic store, ingested once and linked once per session -------------------------
# Used by tests/link, tests/network and tests/cli/test_network_cli.py. `tiny_ingested` is the
# store after ingest only (copy it before writing: the CLI tests link a copy themselves);
# `tiny_linked` is a copy with the hard cases below planted in the register tables, then linked.
# Tests read `linked_store` (read-only); a test that writes works on `copy_linked(tmp_path)`.

import datetime as _dt  # noqa: E402
import itertools  # noqa: E402
import shutil  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import Any  # noqa: E402

TINY_AS_OF = _dt.date(2026, 1, 10)  # akrim.synth.config.AS_OF: the bundle's snapshot date

# Ukrainian names as a Cyrillic document writes them (the register has them transliterated).
CYRILLIC = {
    "Oleksandr": "Олександр", "Serhii": "Сергій", "Andrii": "Андрій", "Volodymyr": "Володимир",
    "Mykola": "Микола", "Dmytro": "Дмитро", "Vasyl": "Василь", "Oleh": "Олег", "Yurii": "Юрій",
    "Ivan": "Іван", "Bohdan": "Богдан", "Taras": "Тарас", "Olena": "Олена",
    "Nataliia": "Наталія", "Iryna": "Ірина", "Tetiana": "Тетяна", "Oksana": "Оксана",
    "Yuliia": "Юлія", "Kateryna": "Катерина", "Svitlana": "Світлана", "Halyna": "Галина",
    "Anastasiia": "Анастасія", "Shevchenko": "Шевченко", "Tkachenko": "Ткаченко",
    "Kravchenko": "Кравченко", "Shevchuk": "Шевчук",
}
# The same surnames in Polish spelling: another transliteration scheme.
POLISH_SPELLING = {"Shevchenko": "Szewczenko", "Tkachenko": "Tkaczenko",
                   "Kravchenko": "Krawczenko", "Shevchuk": "Szewczuk"}


@dataclass(frozen=True)
class Planted:
    """One hard case: the record planted and the registered person it must resolve to."""

    record_id: str | None  # the planted person record ('hms:…'), None for a reference only
    person_id: str  # the Folkeregisteret person (its fødselsnummer)
    identifier: str | None = None  # the number the planted record uses, if any
    employer: str | None = None


@dataclass(frozen=True)
class LinkedTiny:
    data_dir: Path
    bundle: Path
    cases: dict[str, Planted]
    outcome: Any  # akrim.pipeline.LinkOutcome of the first run


@pytest.fixture(scope="session")
def tiny_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from akrim.synth.bundle import generate

    out = tmp_path_factory.mktemp("tiny-bundle")
    generate("tiny", 1, 2, out)
    return out


@pytest.fixture(scope="session")
def tiny_ingested(tiny_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from akrim.ingest.loader import ingest
    from akrim.ingest.records import ReadContext

    data = tmp_path_factory.mktemp("tiny-ingested")
    with Store(data / "akrim.duckdb", memory_limit="1GB") as opened:
        report = ingest(opened, [tiny_bundle], as_of=TINY_AS_OF,
                        context=ReadContext(allow_synthetic=False))
    assert sum(report.quarantine.values()) == 0, report.quarantine
    return data


_ROW_NUMBERS = itertools.count(1)


def _insert(store: Store, table: str, values: dict[str, Any]) -> None:
    """One current row in a register table, stamped with the latest snapshot."""
    snapshot, as_of = store.rows(
        "SELECT snapshot_id, as_of FROM snapshot ORDER BY snapshot_id DESC LIMIT 1")[0]
    row = {**values, "valid_from": as_of, "valid_to": None, "snapshot_id": snapshot,
           "record_id": f"test:{table}:{next(_ROW_NUMBERS)}",
           "row_hash": "test"}
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    store.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))


def _unique_person(store: Store, where: str, params: list[Any] | None = None) -> tuple[Any, ...]:
    """A current Folkeregisteret person no other person shares surname and birth date with."""
    found = store.rows(f"""
        SELECT identifikasjonsnummer, fornavn, etternavn, foedselsdato FROM person p
        WHERE valid_to IS NULL AND mellomnavn IS NULL AND ({where})
          AND (SELECT count(*) FROM person q WHERE q.valid_to IS NULL
               AND q.foedselsdato = p.foedselsdato AND q.etternavn = p.etternavn) = 1
          AND NOT EXISTS (SELECT 1 FROM hms_kort h WHERE h.foedselsdato = p.foedselsdato)
        ORDER BY identifikasjonsnummer LIMIT 1""", params)
    assert found, f"the tiny bundle has no person with {where}"
    return found[0]


def _free_d_number(store: Store, born: _dt.date, taken: set[str]) -> str:
    from akrim.ids import IdKind, make_person_id
    from akrim.ids.century import individual_ranges

    used = {r[0] for r in store.rows(
        "SELECT identifikator FROM person_identifikator UNION SELECT identifikasjonsnummer "
        "FROM hms_kort WHERE identifikasjonsnummer IS NOT NULL")} | taken
    for series in individual_ranges(born.year):
        for individual in series:
            number = make_person_id(born, individual, IdKind.D_NUMBER)
            if number and number not in used:
                return number
    raise AssertionError(f"no free d-number for {born}")


def plant_hard_cases(store: Store) -> dict[str, Planted]:
    """Person records that only a good resolver puts with their registered person."""
    from anyascii import anyascii

    employer = store.scalar("SELECT min(organisasjonsnummer) FROM enhet "
                            "WHERE valid_to IS NULL AND slettedato IS NULL AND NOT konkurs")
    cases: dict[str, Planted] = {}

    def card(kort: str, ident: str | None, fornavn: str, etternavn: str,
             born: _dt.date) -> None:
        _insert(store, "hms_kort", {
            "kortnummer": kort, "identifikasjonsnummer": ident, "fornavn": fornavn,
            "etternavn": etternavn, "foedselsdato": born, "arbeidsgiver": employer,
            "utstedt": TINY_AS_OF - _dt.timedelta(days=30),
            "gyldig_til": TINY_AS_OF + _dt.timedelta(days=700), "status": "Gyldig"})

    ukrainian = "statsborgerskap = 'UKR' AND etternavn IN ('Shevchenko', 'Tkachenko', " \
                "'Kravchenko', 'Shevchuk') AND fornavn IN (SELECT unnest(?))"
    # (a1) the card written in Cyrillic, no identifier
    fnr, fornavn, etternavn, born = _unique_person(store, ukrainian, [list(CYRILLIC)])
    card("HMSTEST01", None, CYRILLIC[fornavn], CYRILLIC[etternavn], born)
    cases["cyrillic"] = Planted("hms:HMSTEST01", fnr)
    # (a2) the surname in Polish spelling (Szewczenko for Shevchenko), no identifier
    fnr, fornavn, etternavn, born = _unique_person(
        store, f"{ukrainian} AND identifikasjonsnummer <> ?", [list(CYRILLIC), fnr])
    card("HMSTEST02", None, fornavn, POLISH_SPELLING[etternavn], born)
    cases["polish_spelling"] = Planted("hms:HMSTEST02", fnr)
    # (a3) a Polish name with its diacritics dropped (Łukasz Wiśniewski -> Lukasz Wisniewski)
    fnr, fornavn, etternavn, born = _unique_person(
        store, "statsborgerskap = 'POL' AND regexp_matches(fornavn || etternavn, "
               "'[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]')")
    assert anyascii(fornavn + etternavn) != fornavn + etternavn
    card("HMSTEST03", None, anyascii(fornavn), anyascii(etternavn), born)
    cases["diacritics"] = Planted("hms:HMSTEST03", fnr)
    # (b1) an earlier d-number in Folkeregisteret's history, used by an a-melding
    fnr, _, _, born = _unique_person(
        store, "identifikatortype = 'foedselsnummer' AND statsborgerskap = 'LTU'")
    dnr = _free_d_number(store, born, set())
    _insert(store, "person_identifikator", {
        "identifikasjonsnummer": fnr, "identifikator": dnr, "identifikatortype": "dNummer",
        "status": "opphoert"})
    _insert(store, "amelding_mottaker", {
        "opplysningspliktig": employer, "kalendermaaned": "2025-12",
        "meldings_id": "test-melding-1", "virksomhet": employer, "inntektsmottaker": dnr,
        "norsk_identifikator": dnr})
    cases["d_number_history"] = Planted(None, fnr, dnr, employer)
    # (b2) an HMS card on a d-number Folkeregisteret does not know, same name and birth date
    fnr, fornavn, etternavn, born = _unique_person(
        store, "identifikatortype = 'foedselsnummer' AND statsborgerskap = 'POL' "
               "AND identifikasjonsnummer <> ?", [cases["diacritics"].person_id])
    dnr = _free_d_number(store, born, {cases["d_number_history"].identifier or ""})
    card("HMSTEST04", dnr, fornavn, etternavn, born)
    cases["d_number_card"] = Planted("hms:HMSTEST04", fnr, dnr, employer)
    # (c) an a-melding on a fødselsnummer no register record explains: a person of its own
    from akrim.ids import IdKind, make_person_id

    known = {r[0] for r in store.rows("SELECT identifikator FROM person_identifikator")}
    unknown = next(n for i in range(100, 500) if (n := make_person_id(
        _dt.date(1981, 5, 17), i, IdKind.FODSELSNUMMER)) and n not in known)
    _insert(store, "amelding_mottaker", {
        "opplysningspliktig": employer, "kalendermaaned": "2025-12",
        "meldings_id": "test-melding-2", "virksomhet": employer, "inntektsmottaker": unknown,
        "norsk_identifikator": unknown})
    cases["reference_only"] = Planted(None, unknown, unknown, employer)
    return cases


@pytest.fixture(scope="session")
def tiny_linked(tiny_bundle: Path, tiny_ingested: Path,
                tmp_path_factory: pytest.TempPathFactory) -> LinkedTiny:
    from akrim.pipeline import link
    from akrim.settings import Settings

    data = tmp_path_factory.mktemp("tiny-linked") / "data"
    shutil.copytree(tiny_ingested, data)
    settings = Settings(data_dir=data, memory_limit="1GB")
    with Store(settings.analytical_db, memory_limit="1GB") as opened:
        cases = plant_hard_cases(opened)
        outcome = link(opened, settings)
    return LinkedTiny(data, tiny_bundle, cases, outcome)


@pytest.fixture(scope="session")
def linked_store(tiny_linked: LinkedTiny) -> Iterator[Store]:
    with Store(tiny_linked.data_dir / "akrim.duckdb", memory_limit="1GB",
               read_only=True) as opened:
        yield opened


@pytest.fixture(scope="session")
def serving(tiny_linked: LinkedTiny) -> Iterator[sqlite3.Connection]:
    """The linked store's serving file (network nodes and edges in SQLite)."""
    from akrim.network.serving import open_serving
    from akrim.settings import Settings

    connection = open_serving(Settings(data_dir=tiny_linked.data_dir).serving_db)
    assert connection is not None, "akrim link writes the serving file"
    with closing(connection):
        yield connection


@pytest.fixture(scope="session")
def truth(tiny_bundle: Path) -> dict[str, dict[str, Any]]:
    """The first planted instance of each scheme, by name (tiny scale plants each scheme in
    two variants; the first is the plain one: repeat_bankruptcy's operator leads every company,
    shared_identity's number is on HMS cards)."""
    import json

    records = json.loads((tiny_bundle / "truth" / "schemes.json").read_text(encoding="utf-8"))
    return {r["scheme"]: r for r in reversed(records)}



# --- The tiny store analysed (search, profiles, the analysts' pages) ---------------------------

ANALYST = "analytiker"
ANALYST_PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def analysed_dir(tiny_ingested: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny bundle loaded, linked and analysed, with one analyst user; read-only for tests
    (a test that writes judgements or cases works on `analysed_copy`)."""
    from akrim.ops.db import connect
    from akrim.ops.users import add_user
    from akrim.pipeline import analyse

    data = tmp_path_factory.mktemp("tiny-analysed")
    shutil.copy(tiny_ingested / "akrim.duckdb", data / "akrim.duckdb")
    settings = Settings(data_dir=data)
    with Store(settings.analytical_db, memory_limit="1GB") as opened:
        analyse(opened, settings)
    add_user(connect(settings), ANALYST, "akrim-senter", "analyst", ANALYST_PASSWORD)
    return data


@pytest.fixture
def analysed_copy(analysed_dir: Path, tmp_path: Path) -> Path:
    """A copy of `analysed_dir` a test may change."""
    target = tmp_path / "analysed"
    shutil.copytree(analysed_dir, target)
    return target


