"""Skatteetaten's own published examples (tests/fixtures/skatteetaten/, see its README) load
whole under their real names, with synthetic data allowed as for Tenor test data."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from akrim.ingest.registry import recognise
from akrim.store.engine import Store
from akrim.store.schema import TABLE_BY_NAME
from fixtures.shapes import write_jsonl
from fixtures.storeutil import load, rows

PUBLISHED = Path(__file__).parent.parent / "fixtures" / "skatteetaten"
SKATTEETATEN = "974761076"  # forespurteOrganisasjon in most examples: Skatteetaten itself

# The Arbeidsforhold responses do not name who was asked about; each line carries the request
# (docs/data-formats.md §1.10). The published request (arbeidstaker 09099617966) fails control
# digit k1, so the request is the a-melding example's Tenor virksomhet and its employee.
REQUEST = {"arbeidsgiver": "314768949", "arbeidstaker": "08842199736"}


def current(store: Store, table: str) -> list[dict[str, Any]]:
    """The register's own columns of every row, without history and bookkeeping."""
    columns = ", ".join(TABLE_BY_NAME[table].column_names)
    return rows(store, f"SELECT {columns} FROM {table} ORDER BY ALL")


@pytest.mark.parametrize(("name", "register"), [
    ("restanser.json", "skatteetaten.restanser"),
    ("arbeidsgiveravgift.json", "skatteetaten.arbeidsgiveravgift"),
    ("mva_meldingsopplysning.json", "skatteetaten.mva"),
    ("oppdragutenlandskevirksomheter.json", "skatteetaten.oppdrag"),
    ("arbeidsforhold.json", "skatteetaten.arbeidsforhold"),
    ("arbeidsforholdioppdrag.json", "skatteetaten.arbeidsforhold"),
    ("amelding_filopplasting.json", "skatteetaten.amelding"),
])
def test_each_example_is_recognised_under_its_name(name: str, register: str) -> None:
    reader = recognise(PUBLISHED / name)
    assert reader is not None and reader.register == register


def test_restanser_example(store: Store) -> None:
    assert not load(store, PUBLISHED / "restanser.json", synthetic=True).quarantine
    amounts = {r["kategori"]: (r["forfalt_og_ubetalt_oere"], r["krav_oere"], r["renter_oere"])
               for r in current(store, "restanse")}
    assert amounts == {
        "restskatt": (0, 0, 0),
        "forskuddstrekk": (13_370_700, 7_515_500, 5_855_200),
        "merverdiavgift": (100_000, 100_000, None),
        "arbeidsgiveravgift": (7_002_700, 3_995_600, 3_007_100),
        "gebyr": (2_957_900, 2_657_900, 300_000),
        "forskuddsskatt": (0, 0, 0),
    }
    assert {(r["organisasjonsnummer"], r["levert"]) for r in current(store, "restanse")} == {
        ("310111643", "2023-09-21T10:47:13.291069732")}


def test_arbeidsgiveravgift_example(store: Store) -> None:
    assert not load(store, PUBLISHED / "arbeidsgiveravgift.json", synthetic=True).quarantine
    assert current(store, "arbeidsgiveravgift_termin") == [
        {"organisasjonsnummer": SKATTEETATEN, "aar": "2020", "termin": term,
         "avgiftsgrunnlag_oere": oere, "levert": "2020-09-21T09:22:08"}
        for term, oere in (("jul-aug", 308_564_500), ("mai-jun", 454_477_900),
                           ("mar-apr", 526_931_800))
    ]


def test_mva_meldingsopplysning_example_has_no_amounts(store: Store) -> None:
    assert not load(store, PUBLISHED / "mva_meldingsopplysning.json", synthetic=True).quarantine
    found = current(store, "mva_termin")
    assert [(r["aar"], r["termin"], r["status"]) for r in found] == [
        ("2020", "jan-feb", "meldingLevertUnderBehandling"),
        ("2020", "mai-jun", "meldingIkkeLevert"),
        ("2020", "mar-apr", "meldingLevertUnderBehandling"),
    ]
    assert {(r["organisasjonsnummer"], r["termintype"], r["levert"]) for r in found} == {
        (SKATTEETATEN, "toMaanedlig", "2020-09-21T10:11:25.117551")}
    assert {r[column] for r in found for column in r if column.endswith("_oere")} == {None}
    assert {r["er_myndighetsfastsatt"] for r in found} == {None}


def test_oppdrag_utenlandske_virksomheter_example(store: Store) -> None:
    path = PUBLISHED / "oppdragutenlandskevirksomheter.json"
    assert not load(store, path, synthetic=True).quarantine
    assert current(store, "oppdrag_utenlandsk") == [{
        "organisasjonsnummer": SKATTEETATEN, "aktive_oppdrag_som_arbeidsgiver": 44,
        "aktive_arbeidstakere": 64, "registrerte_oppdrag_som_oppdragsgiver": 14,
        "levert": "2020-09-17T09:44:42.877055"}]


def test_arbeidsforhold_examples_with_the_request_beside_them(store: Store,
                                                              tmp_path: Path) -> None:
    lines = [{**REQUEST, **json.loads((PUBLISHED / name).read_text(encoding="utf-8"))}
             for name in ("arbeidsforhold.json", "arbeidsforholdioppdrag.json")]
    lines[1]["arbeidsgiver"] = "210465472"  # another firm: the a-melding's opplysningspliktig
    path = write_jsonl(tmp_path / "arbeidsforhold.jsonl", lines)
    assert not load(store, path, synthetic=True).quarantine
    assert [(r["arbeidsgiver"], r["periode"], r["aktiv"], r["startdato"], r["sluttdato"])
            for r in current(store, "skatt_arbeidsforhold")] == [
        ("210465472", 0, True, dt.date(2023, 10, 4), dt.date(2023, 10, 11)),
        ("210465472", 1, True, dt.date(2023, 10, 17), dt.date(2023, 10, 20)),
        ("210465472", 2, True, dt.date(2023, 10, 31), dt.date(2023, 11, 3)),
        ("314768949", 0, True, None, None),
    ]


def test_amelding_upload_example(store: Store) -> None:
    assert not load(store, PUBLISHED / "amelding_filopplasting.json", synthetic=True).quarantine
    head = {"opplysningspliktig": "210465472", "kalendermaaned": "2025-12",
            "meldings_id": "60656973-9df0-4e93-9e8e-9cf48d812be2"}
    assert current(store, "amelding_leveranse") == [{
        **head, "erstatter_meldings_id": None, "kildesystem": "EDAG Testutvikling",
        "leveringstidspunkt": "2026-01-23T14:50:35.920+00:00",
        "sum_arbeidsgiveravgift_oere": 3_460_500, "sum_forskuddstrekk_oere": 17_848_500}]
    person = {**head, "virksomhet": "314768949", "inntektsmottaker": "08842199736"}
    assert current(store, "amelding_mottaker") == [{
        **person, "norsk_identifikator": "08842199736", "navn": None, "foedselsdato": None,
        "internasjonal_identifikator": None, "internasjonal_land": None,
        "forskuddstrekk_oere": -1_702_200}]
    assert current(store, "amelding_arbeidsforhold") == [{
        **person, "arbeidsforhold_id": "ORDINAERT",
        "type_arbeidsforhold": "ordinaertArbeidsforhold",
        "startdato": dt.date(2026, 1, 31), "sluttdato": dt.date(2026, 2, 28),
        "timer_per_uke_full_stilling": Decimal("33.60"), "stillingsprosent": Decimal("74.00"),
        "avloenningstype": None, "yrke": "3411101", "arbeidstidsordning": "offshore336",
        "form_for_ansettelse": "midlertidig"}]
    assert [(r["linje"], r["inntektstype"], r["beskrivelse"], r["fordel"], r["beloep_oere"],
             r["utloeser_arbeidsgiveravgift"], r["skatte_og_avgiftsregel"])
            for r in current(store, "amelding_inntekt")] == [
        (0, "loennsinntekt", "fastloenn", "kontantytelse", 2_398_950, True, "svalbard"),
        (1, "pensjonEllerTrygd", "avtalefestetPensjon", "naturalytelse", 156_950, False, None),
    ]


def test_tenor_organisations_are_refused_without_synthetic(store: Store) -> None:
    report = load(store, PUBLISHED / "restanser.json", PUBLISHED / "amelding_filopplasting.json")
    assert report.quarantine == {"invalid_identifier": 2}
    assert rows(store, "SELECT field, reason FROM quarantine ORDER BY field") == [
        {"field": "forespurteOrganisasjon",
         "reason": "organisation number 310111643 is a Tenor test organisation number "
                   "(first digit 3); load with --synthetic"},
        {"field": "leveranse.opplysningspliktig.norskIdentifikator",
         "reason": "organisation number 210465472 is a Tenor test organisation number "
                   "(first digit 2); load with --synthetic"},
    ]
    assert current(store, "restanse") == current(store, "amelding_leveranse") == []
