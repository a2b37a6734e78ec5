"""akrim.ingest.readers.folkeregisteret: person documents, one a line (or bulk `oppslag`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akrim.ids import IdKind, InvalidIdentifier, parse_person_id
from akrim.ingest import sqlchecks as c
from akrim.ingest import sqlcodes
from akrim.ingest.readers.folkeregisteret import bruksenhetsnummer_note
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


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    c.register_identifier_checks(connection, allow_synthetic=False)
    sqlcodes.register_code_checks(connection)
    yield connection
    connection.close()


def _checked_dwelling(con: duckdb.DuckDBPyConnection, value: str) -> tuple[Any, Any]:
    """(the kept number, its note) for a bruksenhetsnummer given as the JSON string `value`."""
    source = (f"(SELECT json_transform({c.quote(json.dumps({'v': value}))}, "
              """'{"v": "JSON"}').v AS v)""")
    kept, note = con.execute(
        f"SELECT {c.value_of('b')}, {bruksenhetsnummer_note('b')} FROM ("
        f"SELECT {c.text(c.Leaf.columns('v'))} AS b FROM {c.leaf_layers(source, '1', {'v': 'v'})})"
    ).fetchall()[0]
    return kept, note


@settings(deadline=None)
@given(st.from_regex(r"\s?[HKLU][0-9]{4}\s?", fullmatch=True)
       | st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8))
def test_dwelling_number_noted_unless_a_floor_letter_and_four_digits(
    con: duckdb.DuckDBPyConnection, text: str
) -> None:
    given_text = text.strip()
    well_formed = len(given_text) == 5 and given_text[0] in "HKLU" \
        and given_text[1:].isascii() and given_text[1:].isdigit()
    kept, note = _checked_dwelling(con, text)
    assert kept == (given_text or None)
    assert note == (None if well_formed or not given_text else (
        f"\x00invalid_value\x1fbruksenhetsnummer {given_text!r} is not H, K, L or U and four "
        "digits"))


def _people(store: Store) -> dict[str, dict[str, Any]]:
    return {r["identifikasjonsnummer"]: r for r in rows(store, "SELECT * FROM person")}


def _quarantine(store: Store) -> list[tuple[Any, ...]]:
    return [tuple(r.values()) for r in rows(
        store, "SELECT line, field, kind, reason, record_kept FROM quarantine ORDER BY ALL")]


def test_the_current_record_else_the_last_an_object_as_it_is(store: Store, tmp_path: Path) -> None:
    """`erGjeldende` (any true value) picks the record, else the last one is current; an element
    given as one object (not a list) is that record whatever its `erGjeldende`."""
    first, last, single = (freg_person(person_id(born), "KARI", "HANSEN", born) for born in (
        dt.date(1980, 1, 2), dt.date(1981, 3, 4), dt.date(1982, 5, 6)))
    first["navn"] = [{"erGjeldende": "ja", "fornavn": "FØRSTE", "etternavn": "A"},
                     {"erGjeldende": True, "fornavn": "ANDRE", "etternavn": "B"}]
    last["navn"] = [{"erGjeldende": False, "fornavn": "FØRSTE", "etternavn": "A"}, "støy",
                    {"erGjeldende": 0, "fornavn": "SISTE", "etternavn": "C"}]
    last["kjoenn"] = [{"erGjeldende": False, "kjoenn": "mann"}, 7]  # a last non-object: none
    single["navn"] = {"erGjeldende": False, "fornavn": "ENESTE", "etternavn": "D"}
    single["status"] = "bosatt"  # text, not records: no status
    report = load(store, write_jsonl(tmp_path / "folkeregisteret.jsonl", [first, last, single]))
    assert report.quarantine == {}
    assert {r["fornavn"]: (r["etternavn"], r["kjoenn"], r["status"])
            for r in _people(store).values()} == {
        "FØRSTE": ("A", "kvinne", "bosatt"), "SISTE": ("C", None, "bosatt"),
        "ENESTE": ("D", "kvinne", None)}


def test_bulk_oppslag_fields_are_named_by_their_place(store: Store, tmp_path: Path) -> None:
    good = freg_person(FNR, "JONAS", "PETRAUSKAS", BORN, kommunenummer="9999")
    wrong = DNR[:-1] + str((int(DNR[-1]) + 1) % 10)
    bad = freg_person(wrong, "FEIL", "NUMMER", dt.date(1995, 6, 28), kind="dNummer")
    with pytest.raises(InvalidIdentifier) as caught:
        parse_person_id(wrong)
    reason = str(caught.value)  # akrim.ids words it
    bulk = {"oppslag": [{"folkeregisterperson": good}, None, {"foedselsEllerDNummer": DNR},
                        {"folkeregisterperson": bad}, {"folkeregisterperson": ["x"]}]}
    path = write_jsonl(tmp_path / "folkeregisteret.jsonl", [bulk, [1, 2], "tekst"])
    report = load(store, path)
    assert report.quarantine == {"invalid_value": 5, "invalid_identifier": 2, "unknown_code": 1}
    (person,) = rows(store, "SELECT identifikasjonsnummer, kommunenummer, unknown_fields "
                            "FROM person")
    assert person == {"identifikasjonsnummer": FNR, "kommunenummer": "9999", "unknown_fields": [
        "oppslag[0].folkeregisterperson.bostedsadresse.kommunenummer"]}
    prefix, invalid = "oppslag[{}].folkeregisterperson.", "expected a person document object"
    assert _quarantine(store) == [
        (1, prefix.format(0) + "bostedsadresse.kommunenummer", "unknown_code",
         "kommunenummer '9999' is not a known kommune", True),
        (1, prefix.format(1) + "-", "invalid_value", invalid, False),
        (1, prefix.format(2) + "-", "invalid_value", invalid, False),
        (1, prefix.format(3) + "identifikasjonsnummer.foedselsEllerDNummer",
         "invalid_identifier", reason, False),
        (1, prefix.format(3) + "identifikasjonsnummer[0]", "invalid_identifier", reason, False),
        (1, prefix.format(4) + "-", "invalid_value", invalid, False),
        (2, "-", "invalid_value", invalid, False),
        (3, "-", "invalid_value", invalid, False)]


def test_identifiers_numbered_among_the_objects(store: Store, tmp_path: Path) -> None:
    """Records that are not objects are skipped (and not counted in `identifikasjonsnummer[n]`);
    one without a number, or with an object for one, holds the person back."""
    missing, composite = (freg_person(number, "KARI", "HANSEN", born) for number, born in (
        (FNR, BORN), (DNR, dt.date(1995, 6, 28))))
    missing["identifikasjonsnummer"][:0] = ["støy", None, {"erGjeldende": False}]
    composite["identifikasjonsnummer"].insert(0, {"foedselsEllerDNummer": {"nr": 1}})
    report = load(store, write_jsonl(tmp_path / "folkeregisteret.jsonl", [missing, composite]))
    assert report.quarantine == {"missing_field": 1, "invalid_identifier": 1}
    assert rows(store, "SELECT count(*) AS n FROM person") == [{"n": 0}]
    assert _quarantine(store) == [
        (1, "identifikasjonsnummer[0]", "missing_field",
         "required field identifikasjonsnummer[0] is missing", False),
        (2, "identifikasjonsnummer[0]", "invalid_identifier",
         '''personal identifier "{'nr': 1}" must contain digits only''', False)]


def test_residence_and_address_fall_back(store: Store, tmp_path: Path) -> None:
    """An empty bostedsadresse record gives way to the oppholdsadresse (one with other keys
    does not); an empty vegadresse to the matrikkeladresse, whose kommune is in its
    matrikkelnummer; the street is the adressenavn, husnummer and husbokstav given (whatever
    their JSON type)."""
    other = person_id(dt.date(1970, 1, 2))
    stay, farm, kept = (freg_person(number, "KARI", "HANSEN", born) for number, born in (
        (FNR, BORN), (DNR, dt.date(1995, 6, 28)), (other, dt.date(1970, 1, 2))))
    kept["oppholdsadresse"] = kept["bostedsadresse"]
    kept["bostedsadresse"] = [{"kilde": "KILDE_DSF", "vegadresse": {"adressekode": "1"}}]
    stay["oppholdsadresse"] = stay["bostedsadresse"]
    stay["bostedsadresse"] = [{"erGjeldende": False, "vegadresse": {}}, {}]
    stay["oppholdsadresse"][0]["vegadresse"]["adressenummer"] = {"husnummer": 7,
                                                                 "husbokstav": ""}
    farm["bostedsadresse"][0]["vegadresse"] = {}
    farm["bostedsadresse"][0]["matrikkeladresse"] = {
        "matrikkelnummer": {"kommunenummer": "1103", "gaardsnummer": 4},
        "bruksenhetsnummer": "U0101", "poststed": {"postnummer": "4017"}}
    report = load(store, write_jsonl(tmp_path / "folkeregisteret.jsonl", [stay, farm, kept]))
    assert report.quarantine == {}
    assert {n: (p["adresse"], p["kommunenummer"], p["bruksenhetsnummer"], p["postnummer"])
            for n, p in _people(store).items()} == {
        FNR: ("Kirkeveien 7", "0301", "H0101", "0368"), DNR: (None, "1103", "U0101", "4017"),
        other: (None, None, None, None)}


def test_citizenships_current_distinct_sorted(store: Store, tmp_path: Path) -> None:
    """Citizenships that are current (or carry no `erGjeldende` at all), distinct and sorted;
    a null `erGjeldende` is not current."""
    doc = freg_person(FNR, "KARI", "HANSEN", BORN)
    doc["statsborgerskap"] = [
        {"erGjeldende": True, "statsborgerskap": "SWE"}, {"statsborgerskap": "NOR"},
        {"erGjeldende": None, "statsborgerskap": "DNK"}, {"erGjeldende": False,
                                                           "statsborgerskap": "FIN"},
        {"erGjeldende": True, "statsborgerskap": "SWE"}, {"erGjeldende": True,
                                                           "statsborgerskap": ""}, "ISL"]
    assert not load(store, write_jsonl(tmp_path / "folkeregisteret.jsonl", [doc])).quarantine
    assert [p["statsborgerskap"] for p in _people(store).values()] == ["NOR,SWE"]


def test_an_element_given_as_one_object_whatever_the_spelling_of_its_key(
    store: Store, tmp_path: Path
) -> None:
    """An element given as one object is read as its record: an oppholdsadresse when the
    bostedsadresse record is empty (not when it is not), and a key written with an escape
    (`\\u006eavn`) is the same key."""
    other = person_id(dt.date(1970, 1, 2))
    visitor = freg_person(DNR, "OLENA", "SHEVCHENKO", dt.date(1995, 6, 28), kind="dNummer")
    resident = freg_person(other, "KARI", "HANSEN", dt.date(1970, 1, 2))
    stay = visitor["bostedsadresse"][0]
    stay["vegadresse"] |= {"adressenavn": "Vestre gate", "adressenummer": {"husnummer": "15"}}
    visitor["bostedsadresse"], visitor["oppholdsadresse"] = [{}], stay
    resident["oppholdsadresse"] = stay
    navn = visitor.pop("navn")[0] | {"erGjeldende": False}
    escaped = json.dumps(visitor)[:-1] + ', "\\u006eavn": ' + json.dumps(navn) + "}"
    path = tmp_path / "folkeregisteret.jsonl"
    path.write_text(escaped + "\n" + json.dumps(resident) + "\n", encoding="utf-8")
    assert load(store, path).quarantine == {}
    assert {n: (p["fornavn"], p["adresse"]) for n, p in _people(store).items()} == {
        DNR: ("OLENA", "Vestre gate 15"), other: ("KARI", "Kirkeveien 12 B")}
