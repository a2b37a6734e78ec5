"""akrim.ingest.readers.agency_csv: HMS cards, stop decisions, inspections and tips (CSV)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from akrim.ingest.readers.agency_csv import LAYOUTS
from akrim.store.engine import Store
from fixtures.shapes import orgnr, person_id, write_csv
from fixtures.storeutil import load, rows

A = orgnr(1)
WORKER = person_id(dt.date(1990, 2, 11))


def header(table: str) -> list[str]:
    return [column for column, _, _ in LAYOUTS[table]]


def test_hms_kort(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "hms_kort.csv", header("hms_kort"), [
        ("HMS-1043377", WORKER, "Krzysztof", "Dąbrowski", "1990-02-11", A, "2025-03-01",
         "2027-02-28", "aktiv"),
        ("HMS-3300120", None, "Dovydas", "Žukauskas", "1999-01-17", A, "2026-09-01", None,
         "midlertidig"),
    ])
    assert not load(store, path).quarantine
    cards = {r["kortnummer"]: r for r in rows(store, "SELECT * FROM hms_kort")}
    first = cards["HMS-1043377"]
    assert (first["identifikasjonsnummer"], first["etternavn"], first["arbeidsgiver"]) == (
        WORKER, "Dąbrowski", A)
    assert first["gyldig_til"] == dt.date(2027, 2, 28)
    assert cards["HMS-3300120"]["identifikasjonsnummer"] is None
    assert cards["HMS-3300120"]["gyldig_til"] is None


def test_stansingsvedtak_semicolon_separated(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "stansingsvedtak.csv", header("stansingsvedtak"), [
        ("AT-2026-0412", A, "Arbeidstilsynet", "2026-06-12", "arbeidsmiljøloven § 18-8",
         "Manglende HMS-kort; fare for liv og helse", None)], delimiter=";")
    assert not load(store, path).quarantine
    (row,) = rows(store, "SELECT * FROM stansingsvedtak")
    assert row["begrunnelse"] == "Manglende HMS-kort; fare for liv og helse"
    assert row["vedtaksdato"] == dt.date(2026, 6, 12) and row["opphevet_dato"] is None


def test_tilsyn_with_quotes_and_newlines_in_a_field(store: Store, tmp_path: Path) -> None:
    funn = 'Arbeidere uten HMS-kort; «stillas» uten rekkverk, sa "Tadeusz".\nFulgt opp 12.6.'
    path = write_csv(tmp_path / "tilsyn.csv", header("tilsyn"), [
        ("T-1", A, "Arbeidstilsynet", "2026-06-10", "Byggeplass", funn, "stansing", "Vei 7"),
        ("T-2", None, "Politiet", "2026-10-02", "Bolig", "Fem i én bolig", None, "Vei 4"),
    ])
    assert not load(store, path).quarantine
    found = {r["tilsyn_id"]: r for r in rows(store, "SELECT t.*, s.line FROM tilsyn t "
                                                    "JOIN source_record s USING (record_id)")}
    assert found["T-1"]["funn"] == funn
    assert (found["T-1"]["line"], found["T-2"]["line"]) == (2, 4)
    assert found["T-2"]["organisasjonsnummer"] is None


def test_tips_bad_id_or_date_holds_the_row_a_bad_orgnr_marks_it(
    store: Store, tmp_path: Path
) -> None:
    """The id identifies a tip and mottatt_dato places it in time; the orgnr is only a field."""
    path = write_csv(tmp_path / "tips.csv", header("tips"), [
        ("TIPS-1", "2026-03-01", "Arbeidstilsynet", A, "Kowalski", None, None, "lønn", "x"),
        ("TIPS-2", "2026-02-30", "Skatteetaten", None, None, None, None, "svart", "y"),
        ("TIPS-3", "2026-03-02", "NAV", "123456789", None, None, None, "svart", "z"),
        ("", "2026-03-03", "NAV", None, None, None, None, "svart", "z"),
    ])
    report = load(store, path)
    assert report.quarantine == {"impossible_date": 1, "invalid_identifier": 1,
                                 "missing_field": 1}
    assert {r["tips_id"]: (r["organisasjonsnummer"], r["unknown_fields"])
            for r in rows(store, "SELECT * FROM tips")} == {
        "TIPS-1": (A, None), "TIPS-3": (None, ["organisasjonsnummer"])}
    found = rows(store, "SELECT line, field, kind, record_kept FROM quarantine ORDER BY line")
    assert found == [
        {"line": 3, "field": "mottatt_dato", "kind": "impossible_date", "record_kept": False},
        {"line": 4, "field": "organisasjonsnummer", "kind": "invalid_identifier",
         "record_kept": True},
        {"line": 5, "field": "tips_id", "kind": "missing_field", "record_kept": False},
    ]


CARD = ("HMS-1043377", WORKER, "Krzysztof", "Dąbrowski", "1990-02-11", A, "2025-03-01",
        "2027-02-28", "aktiv")
OTHER_CARD = ("HMS-3300120", None, "Dovydas", "Žukauskas", "1999-01-17", A, "2026-09-01", None,
              "midlertidig")


def files_by_folder(store: Store) -> dict[str, int]:
    return {Path(r["path"]).parent.name: r["file_id"]
            for r in rows(store, "SELECT path, file_id FROM source_file")}


def stored_places(store: Store) -> list[tuple[int, int]]:
    """(file, line) of every stored source record, sorted."""
    return sorted((r["file_id"], r["line"])
                  for r in rows(store, "SELECT file_id, line FROM source_record"))


def test_a_record_staged_twice_keeps_its_first_file_and_line(store: Store,
                                                            tmp_path: Path) -> None:
    first = write_csv(tmp_path / "a" / "hms_kort.csv", header("hms_kort"),
                      [OTHER_CARD, CARD, CARD])
    second = write_csv(tmp_path / "b" / "hms_kort.csv", header("hms_kort"), [CARD])
    load(store, second, first)
    file_of = files_by_folder(store)
    kept = stored_places(store)
    # the card was staged three times (b line 2, a lines 3 and 4): one row, at its first place
    card_places = [(file_of["b"], 2), (file_of["a"], 3), (file_of["a"], 4)]
    assert kept == sorted([(file_of["a"], 2), min(card_places)])


def test_a_record_stored_by_an_earlier_load_is_not_stored_again(store: Store,
                                                                tmp_path: Path) -> None:
    load(store, write_csv(tmp_path / "a" / "hms_kort.csv", header("hms_kort"), [CARD]))
    load(store, write_csv(tmp_path / "b" / "hms_kort.csv", header("hms_kort"),
                          [OTHER_CARD, CARD]))
    file_of = files_by_folder(store)
    kept = stored_places(store)
    assert kept == [(file_of["a"], 2), (file_of["b"], 2)]
