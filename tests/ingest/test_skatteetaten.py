"""akrim.ingest.readers.skatteetaten: the seriousness services, one JSON response a line."""

from __future__ import annotations

import datetime as dt
import json
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


MVA_TERMS = "mvaAlminneligNaering.samletFastsattOgReskontrofoertForTermin"


def quarantined(store: Store) -> list[tuple[Any, ...]]:
    return [tuple(r.values()) for r in rows(
        store, "SELECT line, field, kind, reason, record_kept FROM quarantine ORDER BY ALL")]


def test_lines_that_are_no_response_are_quarantined_by_their_type(store: Store,
                                                                   tmp_path: Path) -> None:
    good = {"forespurteOrganisasjon": A, "arbeidsgiveravgifter": [
        {"arbeidsgiveravgift": {"termin": "jan-feb", "aar": "2025"}}]}
    path = tmp_path / "arbeidsgiveravgift.jsonl"
    path.write_text("\n".join([json.dumps(good), "[1]", "5", "1.5", "true", "null", '"x"',
                               "100000000000000000000",
                               "  " + json.dumps({**good, "forespurteOrganisasjon": B})]) + "\n")
    load(store, path)
    found = "expected a JSON object, found "
    assert quarantined(store) == [
        (n, "-", "invalid_value", found + name, False)
        for n, name in enumerate(("list", "int", "float", "bool", "NoneType", "str", "float"), 2)]
    assert len(table(store, "arbeidsgiveravgift_termin")) == 2


def test_a_response_of_the_wrong_shape_names_each_part(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mva_meldingsopplysning.jsonl", [
        {"forespurteOrganisasjon": A, "mvaAlminneligNaering": {
            "skattemeldingsplikt": "toMaanedlig",
            "samletFastsattOgReskontrofoertForTermin": [None, 7, {"gjelderTermin": "mai-jun"}]}},
        {"forespurteOrganisasjon": B, "mvaAlminneligNaering": {
            "samletFastsattOgReskontrofoertForTermin": {"gjelderTermin": {}}}},
    ])
    load(store, path)
    where = f"{MVA_TERMS}["
    missing = "required field {} is missing"
    assert quarantined(store) == sorted([
        (1, "mvaAlminneligNaering.skattemeldingsplikt", "invalid_value",
         "expected a JSON object, found str", False),
        (1, f"{where}1]", "invalid_value", "expected a JSON object, found int", False),
        (1, f"{where}2].gjelderTermin", "invalid_value", "expected a JSON object, found str",
         False),
        *((1, f"{where}{n}].gjelderTermin.{key}", "missing_field",
           missing.format(f"{where}{n}].gjelderTermin.{key}"), False)
          for n in range(3) for key in ("termin", "aar")),
        (2, MVA_TERMS, "invalid_value", "expected a JSON array, found dict", False),
    ])
    assert table(store, "mva_termin") == []
    assert rows(store, "SELECT count(*) AS n FROM source_record") == [{"n": 2}]


def test_aar_and_termin_are_read_as_the_python_reader_read_them(store: Store,
                                                                tmp_path: Path) -> None:
    entries = [("jan-feb", 2021), ("mar-apr", "2022.0"), ("mai-jun", 2023.0), (" jul-aug", "2024"),
               ("sep-okt", " 2025"), (0, "2026"), ("nov-des", "")]
    path = write_jsonl(tmp_path / "arbeidsgiveravgift.jsonl", [
        {"forespurteOrganisasjon": orgnr(n + 1), "arbeidsgiveravgifter": [
            {"arbeidsgiveravgift": {"termin": termin, "aar": aar}}]}
        for n, (termin, aar) in enumerate(entries)])
    load(store, path)
    assert [r["aar"] for r in table(store, "arbeidsgiveravgift_termin")] == ["2021"]
    where = "arbeidsgiveravgifter[0].arbeidsgiveravgift."
    assert [(line, field, reason) for line, field, _, reason, _ in quarantined(store)] == [
        (2, where + "aar", "'2022.0' is not a year"),
        (3, where + "aar", "2023.0 is not a year"),
        (4, where + "termin", "unknown termin ' jul-aug'"),
        (5, where + "aar", "' 2025' is not a year"),
        # A falsy termin that is no text stopped the Python reader's whole load (a number in
        # a text column); it is an unknown termin like any other.
        (6, where + "termin", "unknown termin 0"),
        (7, where + "aar", f"required field {where}aar is missing"),
    ]
    held = rows(store, "SELECT count(*) AS n FROM quarantine WHERE NOT record_kept")
    assert held == [{"n": 6}]


def test_levert_is_checked_once_per_term_and_values_are_read_as_python_reads_them(
        store: Store, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mva_meldingsopplysning.jsonl", [
        {**mva_response({"termin": "mai-jun", "mvaGrunnlag": "1234,5", "mvaAvgift": " 12 ",
                         "fastsettingsperiodeStatus": 1e16, "erMyndighetsfastsatt": "Ja"},
                        {"termin": "jul-aug", "mvaGrunnlag": 0.285, "mvaAvgift": "1e3",
                         "fastsettingsperiodeStatus": "\x00x"}),
         "levert": {"dato": "2025-11-03"}},
        {**mva_response(), "forespurteOrganisasjon": B, "levert": ["no terms, no check"]},
    ])
    load(store, path)
    assert quarantined(store) == [(1, "levert", "invalid_value", "expected text, found dict",
                                   True)] * 2
    found = {r["termin"]: r for r in table(store, "mva_termin")}
    assert {t: (r["mva_grunnlag_oere"], r["mva_avgift_oere"], r["status"], r["levert"])
            for t, r in found.items()} == {
        "mai-jun": (123_450, 1_200, "1e+16", None), "jul-aug": (28, 100_000, "\x00x", None)}
    assert found["mai-jun"]["er_myndighetsfastsatt"] is True
    assert rows(store, "SELECT DISTINCT unknown_fields FROM mva_termin") == [
        {"unknown_fields": ["levert", "levert"]}]


def test_an_odd_amount_key_is_quoted_as_python_quotes_it(store: Store, tmp_path: Path) -> None:
    grunnlag = {**per_rate(1, 2, 3), "Å'\"": 5, "": None, "innlandOmsetningUttakHoeySats": 1}
    path = write_jsonl(tmp_path / "mva_meldingsopplysning.jsonl", [mva_response(
        {"termin": "mai-jun", "mvaGrunnlag": grunnlag,
         "mvaAvgift": {**per_rate(True, {"a": 1}, "nan")}})])
    load(store, path)
    where = f"{MVA_TERMS}[0]."
    known = ", ".join(("innlandOmsetningUttakHoeySats", "innlandOmsetningUttakMiddelsSats",
                       "innlandOmsetningUttakLavSats"))
    assert [(field, reason) for _, field, _, reason, _ in quarantined(store)] == sorted([
        (f"{where}mvaGrunnlag.", f"unknown amount '' in {where}mvaGrunnlag (known: {known})"),
        (f"{where}mvaGrunnlag.Å'\"",
         f"unknown amount 'Å\\'\"' in {where}mvaGrunnlag (known: {known})"),
        (f"{where}mvaAvgift.innlandOmsetningUttakHoeySats", "True is not a number"),
        (f"{where}mvaAvgift.innlandOmsetningUttakMiddelsSats", "{'a': 1} is not a number"),
        (f"{where}mvaAvgift.innlandOmsetningUttakLavSats", "'nan' is not a finite number"),
    ])
    assert mva_amounts(store) == {"mai-jun": (None, None, 100, 200, 300, *(None,) * 6)}
    assert table(store, "mva_termin")[0]["er_myndighetsfastsatt"] is False
