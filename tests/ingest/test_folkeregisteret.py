"""akrim.ingest.readers.folkeregisteret: person documents, one a line (or bulk `oppslag`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from akrim.ids import IdKind
from akrim.ingest.checks import Checker
from akrim.ingest.readers.folkeregisteret import _bruksenhetsnummer
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
    assert person["bruksenhetsnummer"] == "H0101"


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


def test_dwelling_number_absent_or_not_in_the_registers_form(store: Store, tmp_path: Path) -> None:
    flat, block, house = (freg_person(number, "KARI", "HANSEN", born) for number, born in (
        (FNR, BORN), (DNR, dt.date(1995, 6, 28)),
        (person_id(dt.date(1970, 1, 2)), dt.date(1970, 1, 2))))
    flat["bostedsadresse"][0]["vegadresse"]["bruksenhetsnummer"] = "H0203"
    block["bostedsadresse"][0]["vegadresse"]["bruksenhetsnummer"] = "2. etg"
    del house["bostedsadresse"][0]["vegadresse"]["bruksenhetsnummer"]
    report = load(store, write_jsonl(tmp_path / "folkeregisteret.jsonl", [flat, block, house]))
    assert report.quarantine == {"invalid_value": 1}
    assert {r["identifikasjonsnummer"]: (r["bruksenhetsnummer"], r["unknown_fields"]) for r in rows(
        store, "SELECT * FROM person")} == {
        FNR: ("H0203", None), DNR: ("2. etg", ["bostedsadresse.bruksenhetsnummer"]),
        person_id(dt.date(1970, 1, 2)): (None, None)}


def test_a_d_number_holder_lives_at_the_oppholdsadresse(store: Store, tmp_path: Path) -> None:
    """A d-number holder has no bostedsadresse; Folkeregisteret gives where they stay in
    Norway as the oppholdsadresse, in the same shape."""
    resident, visitor = freg_person(FNR, "KARI", "HANSEN", BORN), freg_person(
        DNR, "OLENA", "SHEVCHENKO", dt.date(1995, 6, 28), kind="dNummer", status="midlertidig")
    stay = visitor.pop("bostedsadresse")[0]
    stay["vegadresse"] |= {"adressenavn": "Vestre gate", "bruksenhetsnummer": "H0201",
                           "adressenummer": {"husnummer": "15"}}
    visitor["oppholdsadresse"] = [stay]
    report = load(store, write_jsonl(tmp_path / "folkeregisteret.jsonl", [resident, visitor]))
    assert report.quarantine == {}
    assert {r["identifikasjonsnummer"]: (r["adresse"], r["postnummer"], r["bruksenhetsnummer"])
            for r in rows(store, "SELECT * FROM person")} == {
        FNR: ("Kirkeveien 12 B", "0368", "H0101"), DNR: ("Vestre gate 15", "0368", "H0201")}


@given(st.from_regex(r"\s?[HKLU][0-9]{4}\s?", fullmatch=True) | st.text(max_size=8))
def test_dwelling_number_noted_unless_a_floor_letter_and_four_digits(text: str) -> None:
    check = Checker(1)
    given_text = text.strip()
    well_formed = len(given_text) == 5 and given_text[0] in "HKLU" \
        and given_text[1:].isascii() and given_text[1:].isdigit()
    assert _bruksenhetsnummer(check, text, "bostedsadresse.bruksenhetsnummer") == (
        given_text or None)
    assert [p.kind for p in check.problems] == (
        [] if well_formed or not given_text else ["invalid_value"])
