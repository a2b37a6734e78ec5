"""akrim.ingest.readers.skatteetaten: the seriousness services, one JSON response a line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from akrim.store.engine import Store
from fixtures.shapes import orgnr, person_id, write_jsonl
from fixtures.storeutil import load, rows

A, B = orgnr(1), orgnr(2)
WORKER = person_id(dt.date(1990, 2, 11))


def table(store: Store, name: str) -> list[dict[str, Any]]:
    return rows(store, f"SELECT * EXCLUDE (valid_from, valid_to, snapshot_id, record_id, "
                       f"row_hash) FROM {name} ORDER BY ALL")


def test_restanser(store: Store, tmp_path: Path) -> None:
    response = {"restanser": {
        "restskatt": {"forfaltOgUbetaltRenter": 0, "forfaltOgUbetaltKrav": 0,
                      "forfaltOgUbetalt": 0},
        "forskuddstrekk": {"forfaltOgUbetaltRenter": 58552, "forfaltOgUbetaltKrav": 75155,
                           "forfaltOgUbetalt": 133707},
        "merverdiavgift": {"forfaltOgUbetaltKrav": 1000, "forfaltOgUbetalt": 1000}},
        "levert": "2023-09-21T10:47:13.291069732", "forespurteOrganisasjon": A}
    assert not load(store, write_jsonl(tmp_path / "restanser.jsonl", [response])).quarantine
    found = {r["kategori"]: r for r in table(store, "restanse")}
    assert set(found) == {"restskatt", "forskuddstrekk", "merverdiavgift"}
    assert found["forskuddstrekk"]["forfalt_og_ubetalt_oere"] == 13_370_700
    assert found["forskuddstrekk"]["krav_oere"] == 7_515_500
    assert found["forskuddstrekk"]["renter_oere"] == 5_855_200
    assert found["merverdiavgift"]["renter_oere"] is None
    assert found["restskatt"]["levert"] == "2023-09-21T10:47:13.291069732"


def test_arbeidsgiveravgift(store: Store, tmp_path: Path) -> None:
    response = {"levert": "2020-09-21T09:22:08", "forespurteOrganisasjon": A,
                "arbeidsgiveravgifter": [
                    {"arbeidsgiveravgift": {"termin": "mar-apr", "aar": "2020",
                                            "sumavgiftsgrunnlagBeloep": 5269318}},
                    {"arbeidsgiveravgift": {"termin": "mai-jun", "aar": "2020",
                                            "sumavgiftsgrunnlagBeloep": 4544779}}]}
    assert not load(store, write_jsonl(tmp_path / "arbeidsgiveravgift.jsonl",
                                       [response])).quarantine
    assert table(store, "arbeidsgiveravgift_termin") == [
        {"organisasjonsnummer": A, "aar": "2020", "termin": "mai-jun",
         "avgiftsgrunnlag_oere": 454_477_900, "levert": "2020-09-21T09:22:08"},
        {"organisasjonsnummer": A, "aar": "2020", "termin": "mar-apr",
         "avgiftsgrunnlag_oere": 526_931_800, "levert": "2020-09-21T09:22:08"},
    ]


def test_mva_meldingsopplysning(store: Store, tmp_path: Path) -> None:
    response = {"levert": "2020-09-21T10:11:25.117551", "forespurteOrganisasjon": A,
                "mvaAlminneligNaering": {
                    "skattemeldingsplikt": {"termintype": "toMaanedlig",
                                            "foersteTermin": {"termin": "mar-apr", "aar": "2004"},
                                            "sisteTermin": {"termin": None, "aar": None}},
                    "samletFastsattOgReskontrofoertForTermin": [
                        {"gjelderTermin": {"termin": "mai-jun", "aar": "2020"},
                         "fastsettingsperiodeStatus": "meldingIkkeLevert",
                         "erMyndighetsfastsatt": None, "grunnMyndighetsfastsatt": None,
                         "mvaAvgift": None, "mvaGrunnlag": None},
                        {"gjelderTermin": {"termin": "jul-aug", "aar": "2020"},
                         "fastsettingsperiodeStatus": "meldingLevertUnderBehandling",
                         "erMyndighetsfastsatt": False, "mvaAvgift": 602500,
                         "mvaGrunnlag": 2410000}]}}
    assert not load(store, write_jsonl(tmp_path / "mva_meldingsopplysning.jsonl",
                                       [response])).quarantine
    found = {r["termin"]: r for r in table(store, "mva_termin")}
    assert found["mai-jun"]["status"] == "meldingIkkeLevert"
    assert found["mai-jun"]["mva_grunnlag_oere"] is None
    assert found["jul-aug"]["mva_grunnlag_oere"] == 241_000_000
    assert found["jul-aug"]["er_myndighetsfastsatt"] is False
    assert found["jul-aug"]["termintype"] == "toMaanedlig"


def test_arbeidsforhold_three_answer_shapes(store: Store, tmp_path: Path) -> None:
    other = person_id(dt.date(1987, 5, 9))
    path = write_jsonl(tmp_path / "arbeidsforhold.jsonl", [
        {"arbeidsgiver": A, "arbeidstaker": WORKER, "svar": {"aktiv": "JA"}},
        {"arbeidsgiver": A, "arbeidstaker": other, "kode": "ARBEIDSFORHOLD-007",
         "melding": "Fant ikke aktivt arbeidsforhold"},
        {"arbeidsgiver": B, "arbeidstaker": WORKER, "aktiv": "JA", "perioder": [
            {"startdato": "2023-10-04", "sluttdato": "2023-10-11"},
            {"startdato": "2023-10-17", "sluttdato": "2023-10-20"}]},
    ])
    assert not load(store, path).quarantine
    found = {(r["arbeidsgiver"], r["arbeidstaker"], r["periode"]): r
             for r in table(store, "skatt_arbeidsforhold")}
    assert found[(A, WORKER, 0)]["aktiv"] is True
    assert found[(A, other, 0)]["aktiv"] is False
    assert found[(B, WORKER, 1)]["startdato"] == dt.date(2023, 10, 17)
    assert len(found) == 4


def test_oppdrag_utenlandske_virksomheter(store: Store, tmp_path: Path) -> None:
    response = {"forespurteOrganisasjon": A, "oppdrag": {
        "antallAktiveOppdragSomArbeidsgiver": 44, "antallAktiveArbeidstakere": 64,
        "antallRegistrerteOppdragSomOppdragsgiver": 14}, "levert": "2020-09-17T09:44:42.877055"}
    assert not load(store, write_jsonl(tmp_path / "oppdrag_utenlandske_virksomheter.jsonl",
                                       [response])).quarantine
    assert table(store, "oppdrag_utenlandsk") == [{
        "organisasjonsnummer": A, "aktive_oppdrag_som_arbeidsgiver": 44,
        "aktive_arbeidstakere": 64, "registrerte_oppdrag_som_oppdragsgiver": 14,
        "levert": "2020-09-17T09:44:42.877055"}]


def test_unknown_termin_and_category_are_quarantined(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "arbeidsgiveravgift.jsonl", [
        {"forespurteOrganisasjon": A, "arbeidsgiveravgifter": [
            {"arbeidsgiveravgift": {"termin": "des-jan", "aar": "2020",
                                    "sumavgiftsgrunnlagBeloep": 1}}]},
        {"forespurteOrganisasjon": B, "arbeidsgiveravgifter": [
            {"arbeidsgiveravgift": {"termin": "jan-feb", "aar": "2020",
                                    "sumavgiftsgrunnlagBeloep": 1}}]},
    ])
    report = load(store, path)
    assert report.quarantine == {"unknown_code": 1}
    assert [r["organisasjonsnummer"] for r in table(store, "arbeidsgiveravgift_termin")] == [B]
