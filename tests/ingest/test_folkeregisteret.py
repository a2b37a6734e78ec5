"""akrim.ingest.readers.folkeregisteret: person documents, one a line (or bulk `oppslag`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from akrim.ids import IdKind
from akrim.store.engine import Store
from fixtures.shapes import freg_person, person_id, write_jsonl
from fixtures.storeutil import load, rows

BORN = dt.date(1986, 8, 21)
FNR = person_id(BORN)
OLD_DNR = person_id(BORN, IdKind.D_NUMBER, start=311)
DNR = person_id(dt.date(1995, 6, 28), IdKind.D_NUMBER)


def test_person_values(store: Store, tmp_path: Path) -> None:
    doc = freg_person(DNR, "GINTARĖ", "ŠIMKUTĖ", dt.date(1995, 6, 28), kind="dNummer",
                      status="midlertidig", statsborgerskap="LTU", kommunenummer="1103")
    assert not load(store, write_jsonl(tmp_path / "folkeregisteret.jsonl", [doc])).quarantine
    (person,) = rows(store, "SELECT * FROM person")
    assert person["identifikasjonsnummer"] == DNR
    assert person["identifikatortype"] == "dNummer"
    assert (person["fornavn"], person["etternavn"]) == ("GINTARĖ", "ŠIMKUTĖ")
    assert person["foedselsdato"] == dt.date(1995, 6, 28)
    assert (person["status"], person["statsborgerskap"], person["kjoenn"]) == (
        "midlertidig", "LTU", "kvinne")
    assert person["adresse"] == "Kirkeveien 12 B"
    assert (person["postnummer"], person["poststed"], person["kommunenummer"]) == (
        "0368", "OSLO", "1103")
    assert person["adresse_id"] == "300012345" and person["flyttedato"] == dt.date(2021, 6, 1)


def test_d_number_replaced_by_fodselsnummer(store: Store, tmp_path: Path) -> None:
    doc = freg_person(FNR, "JONAS", "PETRAUSKAS", BORN, statsborgerskap="LTU",
                      kommunenummer="1103", earlier=[(OLD_DNR, "dNummer")])
    assert not load(store, write_jsonl(tmp_path / "freg_2026.jsonl", [doc])).quarantine
    (person,) = rows(store, "SELECT * FROM person")
    assert person["identifikasjonsnummer"] == FNR
    assert person["identifikatortype"] == "foedselsnummer"
    idents = rows(store, "SELECT identifikasjonsnummer, identifikator, identifikatortype, status "
                         "FROM person_identifikator ORDER BY identifikator")
    assert sorted(idents, key=lambda r: r["status"]) == [
        {"identifikasjonsnummer": FNR, "identifikator": FNR,
         "identifikatortype": "foedselsnummer", "status": "iBruk"},
        {"identifikasjonsnummer": FNR, "identifikator": OLD_DNR,
         "identifikatortype": "dNummer", "status": "opphoert"},
    ]


def test_bulk_oppslag_line_holds_several_people(store: Store, tmp_path: Path) -> None:
    docs = [freg_person(FNR, "JONAS", "PETRAUSKAS", BORN),
            freg_person(DNR, "GINTARĖ", "ŠIMKUTĖ", dt.date(1995, 6, 28), kind="dNummer")]
    bulk = {"oppslag": [{"foedselsEllerDNummer": d["identifikasjonsnummer"][-1][
        "foedselsEllerDNummer"], "folkeregisterperson": d} for d in docs]}
    assert not load(store, write_jsonl(tmp_path / "folkeregisteret.jsonl", [bulk])).quarantine
    assert {r["identifikasjonsnummer"] for r in rows(store, "SELECT * FROM person")} == {FNR, DNR}


def test_bad_checksum_holds_the_person_back_an_unknown_kommune_is_kept(
    store: Store, tmp_path: Path
) -> None:
    bad = FNR[:-1] + str((int(FNR[-1]) + 1) % 10)
    path = write_jsonl(tmp_path / "folkeregisteret.jsonl", [
        freg_person(bad, "FEIL", "NUMMER", BORN),
        freg_person(DNR, "UKJENT", "KOMMUNE", dt.date(1995, 6, 28), kind="dNummer",
                    kommunenummer="9999"),
        freg_person(FNR, "JONAS", "PETRAUSKAS", BORN),
    ])
    report = load(store, path)
    assert report.quarantine == {"invalid_identifier": 2, "unknown_code": 1}
    assert [(r["identifikasjonsnummer"], r["kommunenummer"], r["unknown_fields"]) for r in rows(
        store, "SELECT * FROM person ORDER BY identifikasjonsnummer")] == [
        (FNR, "0301", None), (DNR, "9999", ["bostedsadresse.kommunenummer"])]
    found = rows(store, "SELECT line, field, kind, record_kept FROM quarantine "
                        "ORDER BY line, field")
    assert found == [
        {"line": 1, "field": "identifikasjonsnummer.foedselsEllerDNummer",
         "kind": "invalid_identifier", "record_kept": False},
        {"line": 1, "field": "identifikasjonsnummer[0]", "kind": "invalid_identifier",
         "record_kept": False},
        {"line": 2, "field": "bostedsadresse.kommunenummer", "kind": "unknown_code",
         "record_kept": True}]
