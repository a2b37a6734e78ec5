"""akrim.ingest.readers.brreg_enheter: enheter/underenheter bulk downloads, JSON and CSV."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from akrim.store.engine import Store
from fixtures.shapes import (
    address,
    enhet,
    orgnr,
    underenhet,
    write_enheter_csv,
    write_json_array,
)
from fixtures.storeutil import Cli, load, rows

A, B, C, D = orgnr(1), orgnr(2), orgnr(3), orgnr(4)


def full_enhet() -> dict[str, Any]:
    return enhet(
        A, "SOLHEIM BYGG AS", naeringskode="41.000", ansatte=14, kommunenummer="0301",
        naeringskode2={"kode": "43.210", "beskrivelse": "Elektrisk installasjonsarbeid"},
        postadresse=address(["Postboks 32", "", None], "0102", "OSLO", "0301", "OSLO"),  # type: ignore[list-item]
        stiftelsesdato="2009-04-16", hjemmeside="www.solheimbygg.no",
        sisteInnsendteAarsregnskap="2025", historiskeNavn=[
            {"navn": "SOLHEIM OG SØNN AS", "fraDato": "2009-04-16 10:00:00",
             "tilDato": "2015-01-01 12:00:00"}],
        kapital={"belop": 30000.00, "antallAksjer": 300, "type": "Aksjekapital",
                 "valuta": "NOK", "innfortDato": "2009-04-16"},
        ukjentNyttFelt={"noe": [1, 2]},
    )


def one(store: Store, table: str, number: str) -> dict[str, Any]:
    found = rows(store, f"SELECT * FROM {table} WHERE organisasjonsnummer = ?", [number])
    assert len(found) == 1, found
    return found[0]


def test_enhet_values_land_in_their_columns(store: Store, tmp_path: Path) -> None:
    path = write_json_array(tmp_path / "enheter_alle.json.gz", [full_enhet()])
    report = load(store, path)
    assert not report.quarantine
    row = one(store, "enhet", A)
    assert row["navn"] == "SOLHEIM BYGG AS"
    assert row["organisasjonsform"] == "AS"
    assert (row["naeringskode1"], row["naeringskode2"], row["naeringskode3"]) == (
        "41.000", "43.210", None)
    assert row["antall_ansatte"] == 14 and row["har_registrert_antall_ansatte"] is True
    assert row["adresse"] == "Storgata 1"
    assert (row["postnummer"], row["poststed"], row["kommunenummer"], row["landkode"]) == (
        "0150", "OSLO", "0301", "NO")
    assert row["postadresse"] == "Postboks 32"  # "" and null padding dropped
    assert (row["post_postnummer"], row["post_kommunenummer"]) == ("0102", "0301")
    assert row["registreringsdato"] == dt.date(2015, 3, 2)
    assert row["stiftelsesdato"] == dt.date(2009, 4, 16)
    assert row["hjemmeside"] == "www.solheimbygg.no"
    assert row["registrert_i_mvaregisteret"] is True
    assert row["registrert_i_foretaksregisteret"] is True
    assert row["konkurs"] is False and row["konkursdato"] is None
    assert row["institusjonell_sektorkode"] == "2100"
    assert row["siste_innsendte_aarsregnskap"] == "2025"
    assert row["slettedato"] is None
    assert row["valid_from"] == dt.date(2026, 10, 31) and row["valid_to"] is None


def test_source_record_keeps_the_pretty_printed_element_and_its_line(
    store: Store, tmp_path: Path
) -> None:
    path = write_json_array(tmp_path / "enheter_alle.json.gz",
                            [enhet(A, "EN AS"), enhet(B, "TO AS")])
    load(store, path)
    text = path.read_bytes()
    import gzip

    lines = gzip.decompress(text).decode().splitlines()
    second = next(n for n, line in enumerate(lines, 1) if B in line)
    found = rows(store, "SELECT r.line, r.payload FROM enhet e JOIN source_record r "
                        "USING (record_id) WHERE e.organisasjonsnummer = ?", [B])
    assert len(found) == 1
    payload = found[0]["payload"]
    assert payload.startswith("{") and '"organisasjonsnummer" : "' + B in payload
    # the element starts on the line of its "{", two lines above its organisasjonsnummer
    assert found[0]["line"] == second - 2


def test_antall_ansatte_absent_is_null_not_zero(store: Store, tmp_path: Path) -> None:
    path = write_json_array(tmp_path / "enheter_alle.json.gz", [
        enhet(A, "INGEN REGISTRERT AS", ansatte=None),
        enhet(B, "NULL ANSATTE AS", ansatte=0),
    ])
    load(store, path)
    absent, zero = one(store, "enhet", A), one(store, "enhet", B)
    assert absent["antall_ansatte"] is None
    assert absent["har_registrert_antall_ansatte"] is False
    assert zero["antall_ansatte"] == 0


def test_konkurs_konkursbo_and_deleted_unit(store: Store, tmp_path: Path) -> None:
    path = write_json_array(tmp_path / "enheter_alle.json.gz", [
        enhet(A, "FJELLHEIM ELEKTRO AS", konkurs=True, konkursdato="2026-05-04"),
        enhet(B, "FJELLHEIM ELEKTRO AS KONKURSBO", "KBO", naeringskode=None, ansatte=None),
        {"links": [], "organisasjonsnummer": C, "navn": "GAMLE SNEKKERI AS",
         "organisasjonsform": {"links": [], "kode": "AS", "beskrivelse": "Aksjeselskap"},
         "slettedato": "2025-12-01", "respons_klasse": "Enhet"},
    ])
    report = load(store, path)
    assert not report.quarantine
    bankrupt, estate, deleted = (one(store, "enhet", n) for n in (A, B, C))
    assert bankrupt["konkurs"] is True and bankrupt["konkursdato"] == dt.date(2026, 5, 4)
    assert estate["organisasjonsform"] == "KBO" and estate["naeringskode1"] is None
    assert deleted["slettedato"] == dt.date(2025, 12, 1)
    assert deleted["valid_to"] is None  # deleted in the register, still a known unit


def test_foreign_address_keeps_landkode_without_kommune(store: Store, tmp_path: Path) -> None:
    nuf = enhet(A, "BALTIC STATYBA UAB", "NUF", naeringskode="43.990")
    nuf["forretningsadresse"] = address(["Gedimino pr. 9"], None, "VILNIUS", None, None,
                                        land="Litauen", landkode="LT")
    load(store, write_json_array(tmp_path / "enheter_alle.json.gz", [nuf]))
    row = one(store, "enhet", A)
    assert (row["landkode"], row["kommunenummer"], row["poststed"]) == ("LT", None, "VILNIUS")


def test_underenhet_values(store: Store, tmp_path: Path) -> None:
    path = write_json_array(tmp_path / "underenheter_alle.json.gz", [
        underenhet(B, "SOLHEIM BYGG AS AVD BERGEN", A, naeringskode="41.000", ansatte=None,
                   kommunenummer="4601", nedleggelsesdato="2026-05-04"),
    ])
    report = load(store, path)
    assert not report.quarantine
    row = one(store, "underenhet", B)
    assert row["overordnet_enhet"] == A
    assert row["organisasjonsform"] == "BEDR"
    assert row["kommunenummer"] == "4601" and row["adresse"] == "Storgata 1"
    assert row["antall_ansatte"] is None
    assert row["oppstartsdato"] == dt.date(2015, 3, 1)
    assert row["nedleggelsesdato"] == dt.date(2026, 5, 4)


def test_csv_download_has_the_real_90_column_header(store: Store, tmp_path: Path) -> None:
    path = write_enheter_csv(tmp_path / "enheter_alle.csv.gz", [
        enhet(A, "ÅSGÅRD MALERSERVICE AS", naeringskode="43.340", ansatte=None,
              kommunenummer="3403", vedtektsfestetFormaal=["Maling, tapetsering,", "og annet"]),
        enhet(B, "SOLHEIM BYGG AS", ansatte=14, konkurs=True, konkursdato="2026-05-04"),
    ])
    report = load(store, path)
    assert not report.quarantine
    first, second = one(store, "enhet", A), one(store, "enhet", B)
    assert first["navn"] == "ÅSGÅRD MALERSERVICE AS"
    assert first["naeringskode1"] == "43.340" and first["kommunenummer"] == "3403"
    assert first["antall_ansatte"] is None and first["har_registrert_antall_ansatte"] is False
    assert second["antall_ansatte"] == 14
    assert second["konkurs"] is True and second["konkursdato"] == dt.date(2026, 5, 4)


def test_csv_and_json_downloads_give_the_same_rows(tmp_path: Path) -> None:
    """The CSV header spells `registreringsdatoenhetsregisteret` and `registrertIMvaRegisteret`
    differently from the JSON (brreg notes §3); both downloads must give the same values, or
    switching between them opens new versions of every unit."""
    from akrim.store.engine import Store as Opened

    items = [enhet(A, "EN AS", stiftelsesdato="2001-02-03"), enhet(B, "TO AS", ansatte=None)]
    results = []
    for name, write in (("enheter_alle.json.gz", write_json_array),
                        ("enheter_alle.csv.gz", write_enheter_csv)):
        with Opened(tmp_path / name / "akrim.duckdb") as opened:
            load(opened, write(tmp_path / "in" / name, items))
            results.append(rows(opened, "SELECT * EXCLUDE (record_id, row_hash, snapshot_id) "
                                        "FROM enhet ORDER BY organisasjonsnummer"))
    from_json, from_csv = results
    for left, right in zip(from_json, from_csv, strict=True):
        differing = {k: (left[k], right[k]) for k in left if left[k] != right[k]}
        assert not differing, differing


@pytest.mark.parametrize("name", ["enheter_alle.json", "enheter_alle_2026-10-31.json.gz",
                                  "ENHETER_ALLE.JSON.GZ"])
def test_file_names_recognised(name: str) -> None:
    from akrim.ingest.registry import recognise

    spec = recognise(Path(name))
    assert spec is not None and spec.register == "brreg.enheter"


def test_the_same_element_twice_on_one_line_is_one_source_record(store: Store,
                                                                 tmp_path: Path) -> None:
    # a minified download: every element starts on line 1
    same = enhet(A, "SOLHEIM BYGG AS")
    path = tmp_path / "enheter_alle.json"
    path.write_text(json.dumps([same, enhet(B, "FJORD RENHOLD AS"), same]), encoding="utf-8")
    load(store, path)
    assert [r["line"] for r in rows(store, "SELECT line FROM source_record")] == [1, 1]


# -- a record is held back only for its key; a bad or unknown field is marked -------------------

def quarantine(store: Store) -> list[dict[str, Any]]:
    return rows(store, "SELECT f.name, q.line, q.field, q.kind, q.reason, q.record_kept "
                       "FROM quarantine q JOIN source_file f USING (file_id) ORDER BY q.line")


def test_unknown_naeringskode_keeps_the_enhet_with_the_code_as_given(
    cli: Cli, tmp_path: Path
) -> None:
    path = write_json_array(tmp_path / "enheter_alle.json.gz", [
        enhet(A, "UKJENT NÆRING AS", naeringskode="99.999"), enhet(B, "KJENT NÆRING AS")])
    assert cli.ingest(path).exit_code == 0
    with Store(cli.data_dir / "akrim.duckdb", read_only=True) as store:
        kept, known = one(store, "enhet", A), one(store, "enhet", B)
        problems = quarantine(store)
    assert (kept["navn"], kept["naeringskode1"], kept["unknown_fields"]) == (
        "UKJENT NÆRING AS", "99.999", ["naeringskode1.kode"])
    assert (known["naeringskode1"], known["unknown_fields"]) == ("43.210", None)
    assert problems == [{
        "name": "enheter_alle.json.gz", "line": 1, "field": "naeringskode1.kode",
        "kind": "unknown_code", "reason": "næringskode '99.999' is in neither SN2007 nor SN2025",
        "record_kept": True}]
    status = cli.status()
    assert status["quarantine"] == {"unknown_code": 1}
    assert status["tables"]["enhet"] == 2
    assert [f["quarantined"] for f in status["snapshots"][0]["files"]] == [1]


def test_kommunenummer_from_before_2020_keeps_the_underenhet(store: Store, tmp_path: Path) -> None:
    path = write_json_array(tmp_path / "underenheter_alle.json.gz", [
        underenhet(B, "SOLHEIM BYGG AS AVD BERGEN", A, kommunenummer="1201")])  # Bergen to 2019
    assert load(store, path).quarantine == {"unknown_code": 1}
    row = one(store, "underenhet", B)
    assert (row["kommunenummer"], row["unknown_fields"]) == (
        "1201", ["beliggenhetsadresse.kommunenummer"])
    assert quarantine(store) == [{
        "name": "underenheter_alle.json.gz", "line": 1,
        "field": "beliggenhetsadresse.kommunenummer", "kind": "unknown_code",
        "reason": "kommunenummer '1201' is not a known kommune", "record_kept": True}]


def test_unknown_organisasjonsform_keeps_the_enhet(store: Store, tmp_path: Path) -> None:
    path = write_json_array(tmp_path / "enheter_alle.json.gz", [enhet(A, "NY FORM", "XYZ")])
    assert load(store, path).quarantine == {"unknown_code": 1}
    row = one(store, "enhet", A)
    assert (row["organisasjonsform"], row["unknown_fields"]) == ("XYZ", ["organisasjonsform.kode"])
    assert quarantine(store) == [{
        "name": "enheter_alle.json.gz", "line": 1, "field": "organisasjonsform.kode",
        "kind": "unknown_code", "reason": "unknown organisasjonsform 'XYZ'", "record_kept": True}]


def test_several_bad_fields_are_all_marked_and_the_enhet_kept(store: Store, tmp_path: Path) -> None:
    path = write_enheter_csv(tmp_path / "enheter_alle.csv", [enhet(
        A, "MANGE FEIL AS", naeringskode="00.000", ansatte=-3, kommunenummer="0000",
        stiftelsesdato="2019-02-30", overordnetEnhet="123456789")])
    report = load(store, path)
    assert report.quarantine == {"unknown_code": 2, "invalid_value": 1, "impossible_date": 1,
                                 "invalid_identifier": 1}
    row = one(store, "enhet", A)
    assert (row["naeringskode1"], row["antall_ansatte"], row["kommunenummer"],
            row["stiftelsesdato"], row["overordnet_enhet"]) == ("00.000", None, "0000", None, None)
    assert sorted(row["unknown_fields"]) == [
        "antallAnsatte", "forretningsadresse.kommunenummer", "naeringskode1.kode",
        "overordnetEnhet", "stiftelsesdato"]
    assert {r["line"] for r in quarantine(store)} == {2}
    assert all(r["record_kept"] for r in quarantine(store))


def test_bad_orgnr_holds_the_enhet_back_whole(cli: Cli, tmp_path: Path) -> None:
    bad = A[:-1] + str((int(A[-1]) + 1) % 10)
    path = write_json_array(tmp_path / "enheter_alle.json.gz", [
        enhet(bad, "FEIL NUMMER AS", naeringskode="99.999"), enhet(B, "GOD AS")])
    assert cli.ingest(path).exit_code == 0
    with Store(cli.data_dir / "akrim.duckdb", read_only=True) as store:
        assert [r["organisasjonsnummer"] for r in rows(store, "SELECT * FROM enhet")] == [B]
        problems = quarantine(store)
    assert [(r["line"], r["field"], r["kind"], r["record_kept"]) for r in problems] == [
        (1, "organisasjonsnummer", "invalid_identifier", False),
        (1, "naeringskode1.kode", "unknown_code", False)]
    assert cli.status()["quarantine"] == {"invalid_identifier": 1, "unknown_code": 1}


def test_antall_ansatte_too_large_for_the_store_is_quarantined_not_fatal(
    store: Store, tmp_path: Path
) -> None:
    path = write_json_array(tmp_path / "enheter_alle.json", [
        enhet(A, "MANGE AS", ansatte=99_999_999_999), enhet(B, "FÅ AS", ansatte=3)])
    report = load(store, path)
    assert report.quarantine == {"invalid_value": 1}
    assert one(store, "enhet", A)["antall_ansatte"] is None
    assert one(store, "enhet", A)["unknown_fields"] == ["antallAnsatte"]
    assert one(store, "enhet", B)["antall_ansatte"] == 3


ODD = [{"a": 1}, [1, "x"], 7, 1.5, True, "", "  ", " O'Brien \\ ", "19780612", "2019-02-30",
       "ja", None]
ODD_FIELDS = ("navn", "antallAnsatte", "harRegistrertAntallAnsatte", "hjemmeside", "konkurs",
              "stiftelsesdato", "slettedato", "overordnetEnhet", "oppstartsdato",
              "sisteInnsendteAarsregnskap", "registreringsdatoEnhetsregisteret")
CODED = ("organisasjonsform", "naeringskode1", "naeringskode2", "institusjonellSektorkode")
ADDRESSES = [
    {"adresse": ["A 1", "", "  B  "], "kommunenummer": "0301", "landkode": "NO"},
    {"adresse": "Gate 2", "kommunenummer": "1201"}, "not an address", None,
    {"adresse": [], "landkode": "SE", "kommunenummer": " 99 "},
    {"adresse": ["x", 5, None, True], "landkode": {"a": 1}, "kommunenummer": "0000"},
    {"adresse": {"k": 1}, "postnummer": 150, "poststed": {"a": 1}, "kommunenummer": 301},
    {"adresse": [" ", "\u00a0"], "kommunenummer": " 0301 ", "landkode": " NO "},
]


def _tricky_units(table: str) -> list[Any]:
    street = "forretningsadresse" if table == "enhet" else "beliggenhetsadresse"
    numbers = iter(range(100, 1000))

    def unit(**changes: Any) -> dict[str, Any]:
        number = orgnr(next(numbers))
        made = enhet(number, "EN AS") if table == "enhet" else underenhet(number, "EN AS", A)
        return made | changes

    items: list[Any] = [unit()]
    for value in ODD:
        items += [unit(**{field: value}) for field in ODD_FIELDS]
        items += [unit(**{field: {"kode": value}}) for field in CODED]
        items += [unit(**{field: value}) for field in CODED[:2]]
        items += [unit(organisasjonsnummer=value), value]
    for value in ADDRESSES:
        items += [unit(**{street: value}), unit(postadresse=value)]
    items += [items[0] | {"navn": "DUPLIKAT AS"}, [], "x", 5, {}]
    return items


@pytest.mark.parametrize("table", ["enhet", "underenhet"])
def test_the_sql_reader_reads_as_the_python_reading(
    table: str, store: Store, tmp_path: Path
) -> None:
    """`ENHETER` and `UNDERENHETER` (DuckDB) against `to_record` (Python), unit by unit."""
    from akrim.ingest.readers.brreg_enheter import to_record
    from akrim.ingest.records import ReadContext
    from akrim.ingest.sources import iter_json_array
    from akrim.store.schema import TABLE_BY_NAME

    name = "enheter_alle.json.gz" if table == "enhet" else "underenheter_alle.json.gz"
    path = write_json_array(tmp_path / name, _tricky_units(table))
    load(store, path, synthetic=True)
    expected: dict[Any, tuple[Any, ...]] = {}
    problems = []
    for line, raw, obj in iter_json_array(path):
        record = to_record(table, line, raw, obj, ReadContext(allow_synthetic=True))
        for n, (_, row) in enumerate(record.rows):
            expected.setdefault(row[0], (*row, record.unknown.get(n)))
        problems += [(p.line, p.field, p.kind, p.reason, p.record_kept) for p in record.problems]
    names = [*TABLE_BY_NAME[table].column_names, "unknown_fields"]
    stored = [tuple(r[name] for name in names) for r in rows(store, f"SELECT * FROM {table}")]
    assert len(stored) > 50 and sorted(map(repr, stored)) == sorted(map(repr, expected.values()))
    found = [tuple(r.values()) for r in rows(
        store, "SELECT line, field, kind, reason, record_kept FROM quarantine "
               "WHERE kind <> 'duplicate'")]
    assert len(found) > 50 and sorted(map(repr, found)) == sorted(map(repr, problems))
