"""akrim.ingest.readers.brreg_roller: `roller_totalbestand.json.gz`."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from akrim.ingest.readers.brreg_roller import roles_record
from akrim.ingest.records import ReadContext
from akrim.ingest.sources import iter_json_array
from akrim.store.engine import Store
from akrim.store.schema import TABLE_BY_NAME
from fixtures.shapes import orgnr, person_role, roles, rollegruppe, unit_role, write_json_array
from fixtures.storeutil import load, rows

A, B, C = orgnr(1), orgnr(2), orgnr(3)


def test_person_and_unit_holders_land_in_their_columns(store: Store, tmp_path: Path) -> None:
    path = write_json_array(tmp_path / "roller_totalbestand.json.gz", [roles(
        A,
        rollegruppe("DAGL", [person_role("DAGL", "Małgorzata", "Kowalska", "1979-09-17")]),
        rollegruppe("STYR", [
            person_role("LEDE", "Ola", "Bjørnstad", "1975-11-02", mellomnavn="Kristian",
                        valgtAv={"kode": "AREP", "beskrivelse": "Representant for de ansatte"}),
        ]),
        rollegruppe("REVI", [unit_role("REVI", B, "REVISJON ØST AS")]),
    )])
    report = load(store, path)
    assert not report.quarantine
    found = {r["rolle"]: r for r in rows(store, "SELECT * FROM rolle")}
    assert set(found) == {"DAGL", "LEDE", "REVI"}
    dagl = found["DAGL"]
    assert dagl["rollegruppe"] == "DAGL"
    assert dagl["innehaver"] == "p:1979-09-17|Małgorzata Kowalska"
    assert dagl["person_fodselsdato"] == dt.date(1979, 9, 17)
    assert (dagl["person_fornavn"], dagl["person_etternavn"]) == ("Małgorzata", "Kowalska")
    assert dagl["person_er_doed"] is False and dagl["fratraadt"] is False
    lede = found["LEDE"]
    assert lede["person_mellomnavn"] == "Kristian" and lede["valgt_av"] == "AREP"
    assert lede["innehaver"] == "p:1975-11-02|Ola Kristian Bjørnstad"
    revi = found["REVI"]
    assert revi["innehaver"] == f"o:{B}"
    assert (revi["enhet_organisasjonsnummer"], revi["enhet_navn"]) == (B, "REVISJON ØST AS")
    assert revi["person_fodselsdato"] is None


def test_fratraadt_and_avregistrert_both_end_a_role(store: Store, tmp_path: Path) -> None:
    path = write_json_array(tmp_path / "roller_totalbestand.json.gz", [roles(
        A, rollegruppe("STYR", [
            person_role("LEDE", "Aktiv", "Leder", "1970-01-01"),
            # an older payload: only `fratraadt`
            person_role("MEDL", "Gammel", "Form", "1971-01-01", avregistrert=None,
                        fratraadt=True),
            # a newer payload: `avregistrert` (with `fratraadt` false beside it)
            person_role("VARA", "Ny", "Form", "1972-01-01", avregistrert=True, fratraadt=False),
        ]))])
    load(store, path)
    ended = {r["rolle"]: r["fratraadt"] for r in rows(store, "SELECT rolle, fratraadt FROM rolle")}
    assert ended == {"LEDE": False, "MEDL": True, "VARA": True}
    sitting = rows(store, "SELECT rolle FROM rolle WHERE valid_to IS NULL AND NOT fratraadt")
    assert [r["rolle"] for r in sitting] == ["LEDE"]


def test_konkursbo_with_kdeb_and_bobe(store: Store, tmp_path: Path) -> None:
    path = write_json_array(tmp_path / "roller_totalbestand.json.gz", [roles(
        B,
        rollegruppe("BOBE", [person_role("BOBE", "Tor", "Ødegård", "1981-01-30")], "2026-05-05"),
        rollegruppe("KDEB", [unit_role("KDEB", A, "FJELLHEIM ELEKTRO AS")], "2026-05-05"),
    )])
    assert not load(store, path).quarantine
    found = rows(store, "SELECT rollegruppe, rolle, innehaver, enhet_organisasjonsnummer "
                        "FROM rolle WHERE organisasjonsnummer = ? ORDER BY rolle", [B])
    assert found == [
        {"rollegruppe": "BOBE", "rolle": "BOBE", "innehaver": "p:1981-01-30|Tor Ødegård",
         "enhet_organisasjonsnummer": None},
        {"rollegruppe": "KDEB", "rolle": "KDEB", "innehaver": f"o:{A}",
         "enhet_organisasjonsnummer": A},
    ]


def test_a_bad_holder_holds_the_enhets_roles_an_unknown_role_type_is_kept(
    store: Store, tmp_path: Path
) -> None:
    path = write_json_array(tmp_path / "roller_totalbestand.json.gz", [
        roles(A, rollegruppe("STYR", [person_role("LEDE", "Kari", "Nordmann", "1978-06-12"),
                                      person_role("XXXX", "Per", "Ukjent", "1980-01-01")])),
        roles(C, rollegruppe("STYR", [person_role("LEDE", "Per", "Nordmann", "1978-13-12")])),
        roles(B, rollegruppe("DAGL", [person_role("DAGL", "Kari", "Nordmann", "1978-06-12")])),
    ])
    report = load(store, path)
    assert report.quarantine == {"unknown_code": 1, "impossible_date": 1}
    # the birth date is part of the holder key: C's roles are held back; A's role type is only
    # unknown to akrim, so A's roles load with it as given, marked on the enhet's role set
    unknown = ["rollegrupper[0].roller[1].type.kode"]
    assert [(r["organisasjonsnummer"], r["rolle"], r["unknown_fields"]) for r in rows(
        store, "SELECT * FROM rolle ORDER BY organisasjonsnummer, rolle")] == [
        (A, "LEDE", unknown), (A, "XXXX", unknown), (B, "DAGL", None)]
    problems = rows(store, "SELECT q.line, q.field, q.kind, q.reason, q.record_kept, f.name "
                           "FROM quarantine q JOIN source_file f USING (file_id) ORDER BY q.line")
    assert [(p["field"], p["kind"], p["reason"], p["record_kept"]) for p in problems] == [
        ("rollegrupper[0].roller[1].type.kode", "unknown_code", "unknown role type 'XXXX'", True),
        ("rollegrupper[0].roller[0].person.fodselsdato", "impossible_date",
         "'1978-13-12' is not a valid date (YYYY-MM-DD)", False)]
    assert problems[0]["name"] == path.name
    assert problems[0]["line"] < problems[1]["line"]


def test_roles_held_back_in_a_later_snapshot_stay_current(store: Store, tmp_path: Path) -> None:
    first = dt.date(2026, 9, 30)
    load(store, write_json_array(tmp_path / "1" / "roller_totalbestand.json.gz", [
        roles(A, rollegruppe("DAGL", [person_role("DAGL", "Kari", "Nordmann", "1978-06-12")])),
        roles(B, rollegruppe("DAGL", [person_role("DAGL", "Per", "Olsen", "1980-01-01")])),
    ]), as_of=first)
    report = load(store, write_json_array(tmp_path / "2" / "roller_totalbestand.json.gz", [
        roles(A, rollegruppe("DAGL", [person_role("DAGL", "Kari", "Nordmann", "1978-06-31")])),
    ]), as_of=dt.date(2026, 10, 31))
    assert report.quarantine == {"impossible_date": 1}
    assert [(r["organisasjonsnummer"], r["valid_from"], r["valid_to"]) for r in rows(
        store, "SELECT * FROM rolle ORDER BY organisasjonsnummer")] == [
        (A, first, None),                   # held back: not read as a resignation
        (B, first, dt.date(2026, 10, 31))]  # gone from the whole register: ended


def _tricky_roles() -> list[Any]:
    """Elements with every kind of problem `role_rows` knows, and a few it only tolerates."""
    person = person_role("LEDE", "Kari", "Nordmann", "1978-06-12")
    unit = unit_role("REVI", B, "REVISJON ØST AS")

    def with_(role: dict[str, Any], **changes: Any) -> dict[str, Any]:
        changed = copy.deepcopy(role)
        for path, value in changes.items():
            target = changed
            *parents, last = path.split("__")
            for part in parents:
                target = target[part]
            target[last] = value
        return changed

    odd = [{"a": 1}, [1], 7, 1.5, True, "", " O'Brien \\ ", "19780612", "1978-13-12"]
    items: list[Any] = [roles(A, rollegruppe("STYR", [person, unit]))]
    for value in odd:
        items += [
            roles(A, rollegruppe("STYR", [with_(person, person__fodselsdato=value)])),
            roles(A, rollegruppe("STYR", [with_(person, person__navn__fornavn=value)])),
            roles(A, rollegruppe("STYR", [with_(person, person__erDoed=value)])),
            roles(A, rollegruppe("STYR", [with_(person, rekkefolge=value, avregistrert=value)])),
            roles(A, rollegruppe("STYR", [with_(unit, enhet__organisasjonsnummer=value)])),
            roles(A, rollegruppe("STYR", [with_(  # (a list of names is joined as it is)
                unit, enhet__navn=["A", "", "B "] if value == [1] else value, fratraadt=value)])),
            # (a blank role type would be a role without one: the store refuses it)
            roles(A, rollegruppe("STYR", [with_(person, type={"kode": value or "X"})])),
            roles(value, rollegruppe("STYR", [person])),  # type: ignore[arg-type]
            value,
        ]
    items += [
        roles(A, rollegruppe("STYR", [with_(person, type={"kode": "XXXX"}), unit])),
        roles(A, rollegruppe("STYR", [with_(person, person="x")])),
        roles(A, rollegruppe("STYR", [with_(person, person={}, valgtAv={"kode": " AREP "})])),
        roles(A, {"type": None, "roller": [person]}),
        {"organisasjonsnummer": C, "rollegrupper": "x"}, {"organisasjonsnummer": C},
        {"organisasjonsnummer": C, "rollegrupper": []}, None, [], {},
        roles(C, rollegruppe("DAGL", [person]), rollegruppe("STYR", [person, unit])),
    ]
    return items


def test_the_sql_reader_reads_as_the_python_reading(store: Store, tmp_path: Path) -> None:
    """`READER` (DuckDB) against `roles_record` (Python), element by element."""
    path = write_json_array(tmp_path / "roller_totalbestand.json.gz", _tricky_roles())
    load(store, path, synthetic=True)
    expected_rows, expected_problems = [], []
    for line, raw, obj in iter_json_array(path):
        record = roles_record(line, raw, obj, ReadContext(allow_synthetic=True))
        expected_rows += [(*row, record.unknown.get(n)) for n, (_, row) in enumerate(record.rows)]
        expected_problems += [(p.line, p.field, p.kind, p.reason, p.record_kept)
                              for p in record.problems]
    names = [name for name, _ in TABLE_BY_NAME["rolle"].columns]
    stored = [tuple(r[name] for name in [*names, "unknown_fields"]) for r in rows(
        store, f"SELECT * FROM rolle ORDER BY {', '.join(names)}")]
    first: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for row in expected_rows:  # the loader keeps the first of a key
        first.setdefault(row[:4], row)
    assert len(stored) > 10 and sorted(map(repr, stored)) == sorted(map(repr, first.values()))
    problems = [tuple(r.values()) for r in rows(
        store, "SELECT line, field, kind, reason, record_kept FROM quarantine "
               "WHERE kind <> 'duplicate'")]
    assert len(problems) > 50
    assert sorted(map(repr, problems)) == sorted(map(repr, expected_problems))
