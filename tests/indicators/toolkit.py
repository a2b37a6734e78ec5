"""A small toolkit for indicator and scoring tests: register rows written straight into the
store (the shapes of `akrim.store.schema`), a deterministic stand-in for person resolution, and
readers for the runner's result tables.

Every row is current (`valid_to` NULL) and stamped with the one snapshot, `AS_OF`. Identifiers
are real-rule numbers: organisation numbers and fødselsnumre pass the mod-11 checks.

Speed: the writers batch their rows in one open transaction (a commit per row costs a WAL
sync); `link_identity` and `run` commit it first (`settle`), since the runner and the network
build open transactions of their own. Reads in between see the rows (same connection).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import shutil
import weakref
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

from akrim.ids import IdKind, make_orgnr, make_person_id, parse_person_id
from akrim.indicators.catalogue import by_id
from akrim.indicators.runner import IndicatorRun, run_indicators, state_of
from akrim.link.addresses import update_address_keys
from akrim.link.companies import resolve_company_mentions
from akrim.network.build import build_network
from akrim.store.engine import Store

AS_OF = dt.date(2026, 1, 10)  # the snapshot date: `SELECT max(as_of) FROM snapshot`

_RECORDS = itertools.count(1)
_WRITING: weakref.WeakSet[Store] = weakref.WeakSet()  # stores with an open write transaction
_AMELDING: weakref.WeakKeyDictionary[Store, dict[tuple[str, ...], int]] = \
    weakref.WeakKeyDictionary()  # a-melding rows written per store (lines per recipient)


# -- identifiers --------------------------------------------------------------------------------

def org(n: int) -> str:
    """The n-th organisation number of a deterministic series (valid mod-11 check digit)."""
    body = 91_000_000 + n * 13
    while (number := make_orgnr(body)) is None:
        body += 1
    return number


def born_of(n: int) -> dt.date:
    return dt.date(1960, 1, 1) + dt.timedelta(days=97 * n)


def fnr(n: int, born: dt.date | None = None, kind: IdKind = IdKind.FODSELSNUMMER) -> str:
    """A valid fødselsnummer (or d-number) for the n-th birth date of a series."""
    born = born or born_of(n)
    start = 0 if born.year < 2000 else 500
    for individual in range(start + 100, start + 500):
        number = make_person_id(born, individual, kind)
        if number is not None:
            return number
    raise AssertionError(f"no identifier for {born}")


def dnr(n: int, born: dt.date | None = None) -> str:
    return fnr(n, born, IdKind.D_NUMBER)


# -- the store ---------------------------------------------------------------------------------

def open_store(path: Path, template: Path | None = None) -> Store:
    """A fresh store with the schema (`Store` creates it) and one snapshot dated `AS_OF`.
    With `template` (an empty store made by this function and closed), a copy of it: creating
    the schema table by table costs more than copying the file."""
    if template is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, path)
        return Store(path, memory_limit="1GB")
    store = Store(path, memory_limit="1GB")
    store.execute("INSERT INTO snapshot VALUES (1, ?, ?, 'test')",
                  [AS_OF, dt.datetime(2026, 1, 10, 12, 0)])
    store.execute("CHECKPOINT")
    return store


def settle(store: Store) -> None:
    """Commit the rows the writers have batched, if any."""
    if store in _WRITING:
        store.execute("COMMIT")
        _WRITING.discard(store)


def insert(store: Store, table: str, values: dict[str, Any], *,
           valid_from: dt.date = AS_OF) -> None:
    """One current version of a register object."""
    if store not in _WRITING:
        store.execute("BEGIN TRANSACTION")
        _WRITING.add(store)
    row = {**values, "valid_from": valid_from, "valid_to": None, "snapshot_id": 1,
           "record_id": f"test:{table}:{next(_RECORDS)}", "row_hash": "test"}
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    store.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))


# -- Enhetsregisteret ----------------------------------------------------------------------------

def add_enhet(store: Store, orgnr: str, naeringskode1: str | None = "43.210", *,
              organisasjonsform: str = "AS", kommunenummer: str = "4601",
              adresse: str | None = "Testveien 1", postnummer: str | None = "5003",
              registreringsdato: dt.date = dt.date(2020, 1, 1), konkurs: bool = False,
              konkursdato: dt.date | None = None, navn: str | None = None,
              **extra: Any) -> str:
    insert(store, "enhet", {
        "organisasjonsnummer": orgnr, "navn": navn or f"FIRMA {orgnr} AS",
        "organisasjonsform": organisasjonsform, "naeringskode1": naeringskode1,
        "kommunenummer": kommunenummer, "adresse": adresse, "postnummer": postnummer,
        "poststed": "BERGEN", "landkode": "NO", "registreringsdato": registreringsdato,
        "konkurs": konkurs, "konkursdato": konkursdato, **extra})
    return orgnr


def add_underenhet(store: Store, orgnr: str, overordnet_enhet: str,
                   naeringskode1: str | None = "43.210", *, kommunenummer: str = "4601",
                   adresse: str | None = "Testveien 1", postnummer: str | None = "5003",
                   registreringsdato: dt.date = dt.date(2020, 1, 1),
                   organisasjonsform: str = "BEDR", navn: str | None = None,
                   **extra: Any) -> str:
    insert(store, "underenhet", {
        "organisasjonsnummer": orgnr, "navn": navn or f"AVDELING {orgnr}",
        "organisasjonsform": organisasjonsform, "naeringskode1": naeringskode1,
        "kommunenummer": kommunenummer, "adresse": adresse, "postnummer": postnummer,
        "poststed": "BERGEN", "landkode": "NO", "registreringsdato": registreringsdato,
        "overordnet_enhet": overordnet_enhet, "oppstartsdato": registreringsdato, **extra})
    return orgnr


ROLE_GROUPS = {"DAGL": "DAGL", "INNH": "INNH", "REGN": "REGN", "REVI": "REVI",
               "LEDE": "STYR", "MEDL": "STYR", "NEST": "STYR", "VARA": "STYR"}


def add_role(store: Store, orgnr: str, rolle: str, person: str | None = None, *,
             holder_org: str | None = None, fratraadt: bool = False,
             name: tuple[str, str] | None = None, born: dt.date | None = None) -> str:
    """A role in `orgnr`, held by a Folkeregisteret person (`person`: the fødselsnummer, its
    name and birth date looked up), by a person known only by `name`/`born`, or by a unit
    (`holder_org`). Returns the holder key as the Brønnøysund reader writes it."""
    values: dict[str, Any] = {"organisasjonsnummer": orgnr,
                              "rollegruppe": ROLE_GROUPS.get(rolle, rolle), "rolle": rolle,
                              "fratraadt": fratraadt}
    if holder_org is not None:
        holder = f"o:{holder_org}"
        values |= {"enhet_organisasjonsnummer": holder_org, "enhet_navn": f"FIRMA {holder_org}"}
    else:
        if person is not None:
            found = store.rows("SELECT fornavn, mellomnavn, etternavn, foedselsdato FROM person "
                               "WHERE identifikasjonsnummer = ? AND valid_to IS NULL", [person])
            assert found, f"add_person({person}) first"
            fornavn, mellomnavn, etternavn, born = found[0]
        else:
            assert name is not None and born is not None
            (fornavn, etternavn), mellomnavn = name, None
        full_name = " ".join(p for p in (fornavn, mellomnavn, etternavn) if p)
        holder = f"p:{born}|{full_name}"  # brreg_roller.role_rows
        values |= {"person_fodselsdato": born, "person_fornavn": fornavn,
                   "person_mellomnavn": mellomnavn, "person_etternavn": etternavn,
                   "person_er_doed": False}
    insert(store, "rolle", {**values, "innehaver": holder})
    return holder


# -- Folkeregisteret ----------------------------------------------------------------------------

def add_person(store: Store, number: str, fornavn: str = "Ola", etternavn: str = "Nordmann",
               foedselsdato: dt.date | None = None, adresse: str | None = "Testveien 1",
               postnummer: str | None = "5003", *, kommunenummer: str = "4601",
               mellomnavn: str | None = None, statsborgerskap: str = "NOR",
               bruksenhetsnummer: str | None = None) -> str:
    if foedselsdato is None:
        foedselsdato = parse_person_id(number).birth_date
    insert(store, "person", {
        "identifikasjonsnummer": number,
        "identifikatortype": "dNummer" if int(number[0]) >= 4 else "foedselsnummer",
        "fornavn": fornavn, "mellomnavn": mellomnavn, "etternavn": etternavn,
        "foedselsdato": foedselsdato, "status": "bosatt", "statsborgerskap": statsborgerskap,
        "adresse": adresse, "postnummer": postnummer, "poststed": "BERGEN",
        "kommunenummer": kommunenummer, "bruksenhetsnummer": bruksenhetsnummer})
    return number


# -- a-melding ----------------------------------------------------------------------------------

def _recipient(store: Store, employer: str, person: str, month: str,
               virksomhet: str) -> dict[str, str]:
    """The delivery and the recipient of `person`'s rows, written once; their key columns."""
    meldings_id = f"m-{employer}-{month}"
    written = _AMELDING.setdefault(store, {})  # what this store already holds, to skip lookups
    if (employer, month) not in written:
        insert(store, "amelding_leveranse", {
            "opplysningspliktig": employer, "kalendermaaned": month, "meldings_id": meldings_id,
            "kildesystem": "test", "leveringstidspunkt": f"{month}-05T12:00:00"})
        written[(employer, month)] = 0
    message = {"opplysningspliktig": employer, "kalendermaaned": month,
               "meldings_id": meldings_id, "virksomhet": virksomhet, "inntektsmottaker": person}
    if (employer, month, virksomhet, person) not in written:
        insert(store, "amelding_mottaker", {**message, "norsk_identifikator": person})
        written[(employer, month, virksomhet, person)] = 0
    return message


def add_pay(store: Store, employer: str, person: str, month: str,
            beskrivelse: str = "timeloenn", antall: Decimal | str | None = "150.00",
            beloep_oere: int = 4_500_000, *, virksomhet: str | None = None,
            stillingsprosent: Decimal | str = "100.00",
            timer_per_uke_full_stilling: Decimal | str = "37.50",
            employment: bool = True) -> None:
    """One income line for `person` at `employer` in `month` ('YYYY-MM'), with the delivery
    and the recipient it belongs to; a salaried line (fastloenn) also writes the employment
    with its position share and full-time week (no start date), unless `employment` is False
    (none, or one written by `add_employment`)."""
    virksomhet = virksomhet or employer
    message = _recipient(store, employer, person, month, virksomhet)
    written = _AMELDING[store]
    person_key = (employer, month, virksomhet, person)
    arbeidsforhold_id = f"af-{person}"
    if beskrivelse == "fastloenn" and employment and ("af", *person_key) not in written:
        insert(store, "amelding_arbeidsforhold", {
            **message, "arbeidsforhold_id": arbeidsforhold_id,
            "type_arbeidsforhold": "ordinaertArbeidsforhold",
            "timer_per_uke_full_stilling": Decimal(timer_per_uke_full_stilling),
            "stillingsprosent": Decimal(stillingsprosent), "avloenningstype": "fast"})
        written[("af", *person_key)] = 0
    written[person_key] += 1
    insert(store, "amelding_inntekt", {
        **message, "linje": written[person_key], "arbeidsforhold_id": arbeidsforhold_id,
        "inntektstype": "loennsinntekt", "beskrivelse": beskrivelse, "fordel": "kontantytelse",
        "beloep_oere": beloep_oere, "antall": None if antall is None else Decimal(antall),
        "utloeser_arbeidsgiveravgift": True, "inngaar_i_grunnlag_for_trekk": True})


def add_employment(store: Store, employer: str, person: str, month: str, *,
                   virksomhet: str | None = None, arbeidsforhold_id: str | None = None,
                   stillingsprosent: Decimal | str | None = "100.00",
                   timer_per_uke_full_stilling: Decimal | str | None = "37.50",
                   startdato: dt.date | None = dt.date(2020, 1, 1),
                   sluttdato: dt.date | None = None) -> None:
    """An employment (arbeidsforhold) of `person` at `employer` in `month`: the position share
    of a full-time week, from `startdato` to `sluttdato`. Its id defaults to the one `add_pay`'s
    lines name; pass `employment=False` to `add_pay` for the salary it pays."""
    message = _recipient(store, employer, person, month, virksomhet or employer)
    insert(store, "amelding_arbeidsforhold", {
        **message, "arbeidsforhold_id": arbeidsforhold_id or f"af-{person}",
        "type_arbeidsforhold": "ordinaertArbeidsforhold", "startdato": startdato,
        "sluttdato": sluttdato,
        "timer_per_uke_full_stilling": _decimal(timer_per_uke_full_stilling),
        "stillingsprosent": _decimal(stillingsprosent), "avloenningstype": "fast"})


def _decimal(value: Decimal | str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


# -- other registers ----------------------------------------------------------------------------

def add_godkjenning(store: Store, orgnr: str, status: str = "Godkjent", register: str = "renhold",
                    *, overordnet_enhet: str | None = None) -> None:
    insert(store, "godkjenning", {
        "register": register, "organisasjonsnummer": orgnr, "navn": f"FIRMA {orgnr}",
        "overordnet_enhet": overordnet_enhet, "status": status,
        "status_dato": dt.date(2024, 1, 1)})


def add_hms_kort(store: Store, kortnummer: str, person: str | None, employer: str | None, *,
                 gyldig_til: dt.date | None = dt.date(2035, 12, 31), status: str = "Gyldig",
                 fornavn: str | None = None, etternavn: str | None = None,
                 foedselsdato: dt.date | None = None) -> None:
    """An HMS card; names and birth date default to the Folkeregisteret person's."""
    if person is not None and fornavn is None:
        found = store.rows("SELECT fornavn, etternavn, foedselsdato FROM person "
                           "WHERE identifikasjonsnummer = ? AND valid_to IS NULL", [person])
        if found:
            fornavn, etternavn, foedselsdato = found[0]
    insert(store, "hms_kort", {
        "kortnummer": kortnummer, "identifikasjonsnummer": person, "fornavn": fornavn,
        "etternavn": etternavn, "foedselsdato": foedselsdato, "arbeidsgiver": employer,
        "utstedt": dt.date(2024, 1, 1), "gyldig_til": gyldig_til, "status": status})


def add_restanse(store: Store, orgnr: str, forfalt_og_ubetalt_oere: int,
                 kategori: str = "forskuddstrekk") -> None:
    insert(store, "restanse", {
        "organisasjonsnummer": orgnr, "kategori": kategori,
        "forfalt_og_ubetalt_oere": forfalt_og_ubetalt_oere,
        "krav_oere": forfalt_og_ubetalt_oere, "renter_oere": 0, "levert": "2026-01-05"})


def add_mva_termin(store: Store, orgnr: str, aar: str, termin: str,
                   mva_grunnlag_oere: int | None, *, fradrag_hoey_oere: int | None = None,
                   fradrag_middels_oere: int | None = None) -> None:
    """A term's VAT return; with a deduction, the amounts per rate (all sales at 25 %)."""
    parts = fradrag_hoey_oere is not None or fradrag_middels_oere is not None
    gross = None if mva_grunnlag_oere is None else mva_grunnlag_oere // 4
    insert(store, "mva_termin", {
        "organisasjonsnummer": orgnr, "aar": aar, "termin": termin,
        "termintype": "alminnelig", "status": "fastsatt", "er_myndighetsfastsatt": False,
        "mva_grunnlag_oere": mva_grunnlag_oere,
        "mva_avgift_oere": None if gross is None else gross - (fradrag_hoey_oere or 0)
        - (fradrag_middels_oere or 0),
        **({"grunnlag_hoey_oere": mva_grunnlag_oere, "avgift_hoey_oere": gross,
            "fradrag_hoey_oere": fradrag_hoey_oere or 0,
            "fradrag_middels_oere": fradrag_middels_oere or 0} if parts else {}),
        "levert": f"{aar}-12-01"})


def add_stansingsvedtak(store: Store, vedtak_id: str, orgnr: str | None, *,
                        vedtaksdato: dt.date = dt.date(2025, 9, 1),
                        opphevet_dato: dt.date | None = None,
                        begrunnelse: str | None = "Manglende godkjenning") -> None:
    insert(store, "stansingsvedtak", {
        "vedtak_id": vedtak_id, "organisasjonsnummer": orgnr, "etat": "Arbeidstilsynet",
        "vedtaksdato": vedtaksdato, "hjemmel": "aml. § 18-8", "begrunnelse": begrunnelse,
        "opphevet_dato": opphevet_dato})


def add_tilsyn(store: Store, tilsyn_id: str, orgnr: str | None, funn: str | None,
               reaksjon: str | None = None, *,
               tilsynsdato: dt.date = dt.date(2025, 10, 1), adresse: str | None = None) -> None:
    insert(store, "tilsyn", {
        "tilsyn_id": tilsyn_id, "organisasjonsnummer": orgnr, "etat": "Arbeidstilsynet",
        "tilsynsdato": tilsynsdato, "tema": "arbeidstid", "funn": funn, "reaksjon": reaksjon,
        "adresse": adresse})


def add_tips(store: Store, tips_id: str, orgnr: str | None, kategori: str = "svart arbeid",
             beskrivelse: str = "Arbeidere uten kontrakt", *,
             mottatt_dato: dt.date = dt.date(2025, 12, 1), valid_from: dt.date = AS_OF,
             virksomhetsnavn: str | None = None, adresse: str | None = None) -> None:
    insert(store, "tips", {
        "tips_id": tips_id, "mottatt_dato": mottatt_dato, "etat": "Arbeidstilsynet",
        "organisasjonsnummer": orgnr, "virksomhetsnavn": virksomhetsnavn, "personnavn": None,
        "adresse": adresse, "kategori": kategori, "beskrivelse": beskrivelse},
           valid_from=valid_from)


# -- person resolution, deterministic ----------------------------------------------------------

def _person_records_sql() -> str:
    return (files("akrim.link") / "sql" / "person_records.sql").read_text(encoding="utf-8")


def link_identity(store: Store) -> None:
    """What `akrim link` leaves behind, without Splink: every person record of the store
    (`akrim/link/sql/person_records.sql`) resolved by exact keys — one person per
    Folkeregisteret number; a role or HMS card joins the registered person with the same
    number, or else the same birth date and full name; anything else is a person of its own
    (`P` + hash). Then `person_alias`, `link_person`, an empty `link_signal`, and the network.
    """
    settle(store)
    update_address_keys(store)
    records = store.rows(f"SELECT record_id, source, identifikator, fornavn, etternavn, "
                         f"fodselsdato, adresse, postnummer FROM ({_person_records_sql()})")
    registered = {r[2] for r in records if r[0].startswith("freg:")}
    by_name = {(r[5], r[3], r[4]): r[2] for r in records if r[0].startswith("freg:")}
    resolved = []
    for record in records:
        record_id, _, identifikator, fornavn, etternavn, fodselsdato = record[:6]
        person = (identifikator if identifikator in registered else None) \
            or by_name.get((fodselsdato, fornavn, etternavn)) \
            or identifikator \
            or "P" + hashlib.sha1(record_id.encode()).hexdigest()[:12]
        resolved.append((*record, person))
    with store.transaction():
        store.execute("""CREATE OR REPLACE TABLE link_person_record (
            record_id VARCHAR, source VARCHAR, identifikator VARCHAR, fornavn VARCHAR,
            etternavn VARCHAR, fodselsdato VARCHAR, adresse VARCHAR, postnummer VARCHAR,
            person_id VARCHAR)""")
        store.execute_many("INSERT INTO link_person_record VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           resolved)
        store.execute("""
            CREATE OR REPLACE TABLE person_alias AS
            SELECT identifikator, min(person_id) AS person_id FROM (
                SELECT identifikator, person_id FROM link_person_record
                WHERE identifikator IS NOT NULL
                UNION ALL
                SELECT pi.identifikator, r.person_id FROM person_identifikator pi
                JOIN link_person_record r ON r.record_id = 'freg:' || pi.identifikasjonsnummer
                WHERE pi.valid_to IS NULL)
            GROUP BY identifikator""")
        store.execute("""
            INSERT INTO person_alias
            SELECT DISTINCT norsk_identifikator, norsk_identifikator FROM amelding_mottaker
            WHERE norsk_identifikator IS NOT NULL
              AND norsk_identifikator NOT IN (SELECT identifikator FROM person_alias)""")
        store.execute("""
            CREATE OR REPLACE TABLE link_person AS
            SELECT person_id,
                   first(fornavn ORDER BY record_id LIKE 'freg:%' DESC, record_id) AS fornavn,
                   first(etternavn ORDER BY record_id LIKE 'freg:%' DESC, record_id) AS etternavn,
                   first(fodselsdato ORDER BY record_id LIKE 'freg:%' DESC, record_id)
                       AS fodselsdato,
                   list_sort(list_distinct(list(identifikator))) AS identifikatorer,
                   list_sort(list_distinct(list(source))) AS sources, count(*) AS records
            FROM link_person_record GROUP BY person_id
            UNION ALL
            SELECT a.person_id, NULL, NULL, NULL, [a.identifikator], ['reference'], 0
            FROM person_alias a WHERE a.person_id NOT IN (SELECT person_id FROM link_person_record)
        """)
        store.execute("CREATE OR REPLACE TABLE link_signal (identifikator VARCHAR, kind VARCHAR, "
                      "person_ids VARCHAR[])")
    build_network(store)
    resolve_company_mentions(store)


# -- running and reading -----------------------------------------------------------------------

def run(store: Store, *keys: str, link: bool = True) -> dict[str, IndicatorRun]:
    """Link (unless told not to) and run the indicators `keys`; their runs by key."""
    settle(store)
    if link:
        link_identity(store)
    return {r.key: r for r in run_indicators(store, only=keys)}


def hits(store: Store, key: str) -> set[tuple[str, str]]:
    """(actor_type, actor_id) of every hit of one indicator."""
    return set(store.rows("SELECT actor_type, actor_id FROM indicator_hit "
                          "WHERE indicator_id = ?", [by_id(key).id]))


def companies_hit(store: Store, key: str) -> set[str]:
    return {actor for kind, actor in hits(store, key) if kind == "company"}


def persons_hit(store: Store, key: str) -> set[str]:
    return {actor for kind, actor in hits(store, key) if kind == "person"}


def evidence(store: Store, key: str) -> list[dict[str, Any]]:
    cursor = store.execute("SELECT * FROM indicator_evidence WHERE indicator_id = ? "
                           "ORDER BY actor_type, actor_id, period, source_key", [by_id(key).id])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def status(store: Store, key: str) -> tuple[str, str | None]:
    found = store.rows("SELECT status, reason FROM indicator_status WHERE key = ?", [key])
    assert len(found) == 1, found
    return found[0][0], found[0][1]


def state(store: Store, key: str, actor_type: str, actor_id: str) -> str:
    return state_of(store, by_id(key), actor_type, actor_id)
