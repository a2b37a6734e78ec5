"""akrim.ingest.readers.skatteetaten: the seriousness services, one JSON response a line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from akrim.store.engine import Store
from akrim.store.schema import TABLE_BY_NAME
from fixtures.shapes import orgnr, person_id, write_jsonl
from fixtures.storeutil import load, rows

A, B = orgnr(1), orgnr(2)
WORKER = person_id(dt.date(1990, 2, 11))


def table(store: Store, name: str) -> list[dict[str, Any]]:
    """The register's own columns of every row, without history and bookkeeping."""
    columns = ", ".join(TABLE_BY_NAME[name].column_names)
    return rows(store, f"SELECT {columns} FROM {name} ORDER BY ALL")


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


def mva_response(*terms: dict[str, Any]) -> dict[str, Any]:
    """A Mva meldingsopplysning response; each term gives `termin` and its amounts."""
    return {"levert": "2025-11-03T10:11:25.117551", "forespurteOrganisasjon": A,
            "mvaAlminneligNaering": {
                "skattemeldingsplikt": {"termintype": "toMaanedlig"},
                "samletFastsattOgReskontrofoertForTermin": [
                    {"gjelderTermin": {"termin": term["termin"], "aar": "2025"},
                     "fastsettingsperiodeStatus": "meldingLevertUnderBehandling",
                     "erMyndighetsfastsatt": False,
                     **{key: value for key, value in term.items() if key != "termin"}}
                    for term in terms]}}


def per_rate(hoey: float | None, middels: float | None, lav: float | None, *,
             fradrag: tuple[float, ...] = ()) -> dict[str, float | None]:
    amounts: dict[str, float | None] = {"innlandOmsetningUttakHoeySats": hoey,
                                        "innlandOmsetningUttakMiddelsSats": middels,
                                        "innlandOmsetningUttakLavSats": lav}
    amounts.update(zip(("fradragInnlandInngaaendeHoeySats", "fradragInnlandInngaaendeMiddelsSats",
                        "fradragInnlandInngaaendeLavSats"), fradrag, strict=False))
    return amounts


AMOUNT_COLUMNS = ("mva_grunnlag_oere", "mva_avgift_oere",
                  "grunnlag_hoey_oere", "grunnlag_middels_oere", "grunnlag_lav_oere",
                  "avgift_hoey_oere", "avgift_middels_oere", "avgift_lav_oere",
                  "fradrag_hoey_oere", "fradrag_middels_oere", "fradrag_lav_oere")


def mva_amounts(store: Store) -> dict[str, tuple[Any, ...]]:
    return {r["termin"]: tuple(r[c] for c in AMOUNT_COLUMNS) for r in table(store, "mva_termin")}


def test_mva_amounts_per_rate_sum_to_the_turnover(store: Store, tmp_path: Path) -> None:
    """The object shape public clients model (data-altinn-no/plugin-skatteetaten,
    Models/VATReportModel.cs): kroner per rate, and deductions in `mvaAvgift`."""
    path = write_jsonl(tmp_path / "mva_meldingsopplysning.jsonl", [mva_response(
        {"termin": "mai-jun", "mvaGrunnlag": per_rate(200_000, 40_000, 12_000.5),
         "mvaAvgift": per_rate(50_000, 6_000, 1_440, fradrag=(20_000, 1_500, 0))},
        {"termin": "jul-aug", "mvaGrunnlag": per_rate(80_000, 0, 0),
         "mvaAvgift": per_rate(20_000, 0, 0, fradrag=(-4_000, -250, 0))},
    )])
    assert not load(store, path).quarantine
    assert mva_amounts(store) == {
        "mai-jun": (25_200_050, 3_594_000, 20_000_000, 4_000_000, 1_200_050,
                    5_000_000, 600_000, 144_000, 2_000_000, 150_000, 0),
        # deductions given negative lower the VAT just the same; the parts keep their sign
        "jul-aug": (8_000_000, 1_575_000, 8_000_000, 0, 0,
                    2_000_000, 0, 0, -400_000, -25_000, 0),
    }


def test_mva_plain_amounts_still_read(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mva_meldingsopplysning.jsonl", [mva_response(
        {"termin": "mai-jun", "mvaGrunnlag": 2_410_000, "mvaAvgift": 602_500.25},
        {"termin": "jul-aug", "mvaGrunnlag": None, "mvaAvgift": None},
    )])
    assert not load(store, path).quarantine
    assert mva_amounts(store) == {
        "mai-jun": (241_000_000, 60_250_025, *(None,) * 9),
        "jul-aug": (None,) * 11,
    }


def test_mva_unknown_rate_is_a_field_problem_and_the_term_loads(store: Store,
                                                                tmp_path: Path) -> None:
    grunnlag = {**per_rate(100_000, 0, 0), "innlandOmsetningUttakNullSats": 5_000}
    path = write_jsonl(tmp_path / "mva_meldingsopplysning.jsonl", [mva_response(
        {"termin": "mai-jun", "mvaGrunnlag": grunnlag, "mvaAvgift": per_rate(25_000, 0, 0)},
        {"termin": "jul-aug", "mvaGrunnlag": per_rate(None, None, None),
         "mvaAvgift": {"innlandOmsetningUttakHoeySats": "mange"}},
    )])
    report = load(store, path)
    assert report.quarantine == {"unknown_field": 1, "invalid_value": 1}
    where = "mvaAlminneligNaering.samletFastsattOgReskontrofoertForTermin"
    unknown = [f"{where}[0].mvaGrunnlag.innlandOmsetningUttakNullSats",
               f"{where}[1].mvaAvgift.innlandOmsetningUttakHoeySats"]
    assert rows(store, "SELECT field, reason, record_kept FROM quarantine ORDER BY field") == [
        {"field": unknown[0], "record_kept": True,
         "reason": f"unknown amount 'innlandOmsetningUttakNullSats' in {where}[0].mvaGrunnlag "
                   "(known: innlandOmsetningUttakHoeySats, innlandOmsetningUttakMiddelsSats, "
                   "innlandOmsetningUttakLavSats)"},
        {"field": unknown[1], "record_kept": True, "reason": "'mange' is not a number"},
    ]
    assert rows(store, "SELECT DISTINCT unknown_fields FROM mva_termin") == [
        {"unknown_fields": unknown}]
    # A total that would leave out an amount is unknown (NULL); the parts read stay.
    assert mva_amounts(store) == {
        "mai-jun": (None, 2_500_000, 10_000_000, 0, 0, 2_500_000, 0, 0, None, None, None),
        "jul-aug": (None,) * 11,
    }


@pytest.mark.parametrize(("name", "response", "field"), [
    ("restanser.jsonl", {"forespurteOrganisasjon": A, "restanser": {"gebyr": 5}},
     "restanser.gebyr"),
    ("arbeidsgiveravgift.jsonl", {"forespurteOrganisasjon": A, "arbeidsgiveravgifter": {}},
     "arbeidsgiveravgifter"),
    ("mva_meldingsopplysning.jsonl", {"forespurteOrganisasjon": A, "mvaAlminneligNaering": []},
     "mvaAlminneligNaering"),
    ("arbeidsforhold.jsonl", {"arbeidsgiver": A, "arbeidstaker": WORKER, "aktiv": "JA",
                              "perioder": ["2023-10-04"]}, "perioder[0]"),
    ("oppdrag_utenlandske_virksomheter.jsonl", {"forespurteOrganisasjon": A, "oppdrag": 3},
     "oppdrag"),
])
def test_a_response_of_the_wrong_shape_is_quarantined_not_a_crash(
        store: Store, tmp_path: Path, name: str, response: dict[str, Any], field: str) -> None:
    report = load(store, write_jsonl(tmp_path / name, [response]), synthetic=True)
    assert report.quarantine == {"invalid_value": 1}
    assert rows(store, "SELECT line, field FROM quarantine") == [{"line": 1, "field": field}]
