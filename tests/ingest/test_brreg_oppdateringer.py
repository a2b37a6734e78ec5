"""akrim.ingest.readers.brreg_oppdateringer + akrim.ingest.changes: the change feeds applied on
top of the last snapshot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from akrim.store.engine import Store
from fixtures.shapes import (
    enhet,
    orgnr,
    person_role,
    roles,
    rollegruppe,
    underenhet,
    write_enheter_csv,
    write_json,
    write_json_array,
    write_jsonl,
)
from fixtures.storeutil import load, rows

A, B, C, D = orgnr(1), orgnr(2), orgnr(3), orgnr(4)
FIRST = dt.date(2026, 10, 1)


def event(oid: int, number: str, kind: str, when: str, changes: list[dict[str, Any]] | None
          ) -> dict[str, Any]:
    item: dict[str, Any] = {"oppdateringsid": oid, "dato": f"{when}T00:20:10.625Z",
                            "organisasjonsnummer": number, "endringstype": kind}
    if changes is not None:
        item["endringer"] = changes
    item["_links"] = {"enhet": {"href": f"https://data.brreg.no/enhetsregisteret/api/enheter/"
                                        f"{number}"}}
    return item


def page(key: str, *items: dict[str, Any]) -> dict[str, Any]:
    return {"_embedded": {key: list(items)},
            "page": {"size": 10000, "totalElements": len(items), "totalPages": 1, "number": 0}}


def versions(store: Store, table: str, number: str) -> list[dict[str, Any]]:
    return rows(store, f"SELECT * FROM {table} WHERE organisasjonsnummer = ? "
                       "ORDER BY valid_from, valid_to NULLS LAST", [number])


def test_endring_sletting_and_ny(store: Store, tmp_path: Path) -> None:
    load(store, write_json_array(tmp_path / "enheter_alle.json.gz",
                                 [enhet(A, "GAMMELT NAVN AS"), enhet(B, "SNART SLETTET AS")]),
         as_of=FIRST)
    feed = write_json(tmp_path / "oppdateringer_enheter_2026-10-20.json", page(
        "oppdaterteEnheter",
        event(24720423, A, "Endring", "2026-10-15", [
            {"op": "replace", "path": "/navn", "value": "NYTT NAVN AS"},
            {"op": "replace", "path": "/forretningsadresse/postnummer", "value": "0151"},
            {"op": "add", "path": "/naeringskode2",
             "value": {"kode": "43.220", "beskrivelse": "VVS-arbeid"}}]),
        event(24720424, B, "Sletting", "2026-10-16", []),
        event(24720425, C, "Ny", "2026-10-17", [
            {"op": "add", "path": "/organisasjonsnummer", "value": C},
            {"op": "add", "path": "/navn", "value": "HELT NY AS"},
            {"op": "add", "path": "/organisasjonsform",
             "value": {"kode": "AS", "beskrivelse": "Aksjeselskap"}}]),
    ))
    report = load(store, feed)
    assert not report.quarantine
    old, new = versions(store, "enhet", A)
    assert (old["navn"], old["valid_from"], old["valid_to"]) == (
        "GAMMELT NAVN AS", FIRST, dt.date(2026, 10, 15))
    assert (new["navn"], new["valid_from"], new["valid_to"]) == (
        "NYTT NAVN AS", dt.date(2026, 10, 15), None)
    assert new["postnummer"] == "0151" and new["naeringskode2"] == "43.220"
    assert new["kommunenummer"] == old["kommunenummer"]  # untouched fields carried over
    before, deleted = versions(store, "enhet", B)
    assert before["valid_to"] == dt.date(2026, 10, 16) and before["slettedato"] is None
    assert deleted["slettedato"] == dt.date(2026, 10, 16) and deleted["valid_to"] is None
    (created,) = versions(store, "enhet", C)
    assert created["navn"] == "HELT NY AS" and created["valid_from"] == dt.date(2026, 10, 17)


def test_a_second_feed_patches_the_patched_document(store: Store, tmp_path: Path) -> None:
    load(store, write_json_array(tmp_path / "enheter_alle.json.gz", [enhet(A, "EN AS")]),
         as_of=FIRST)
    load(store, write_json(tmp_path / "oppdateringer_enheter_1.json", page(
        "oppdaterteEnheter", event(1, A, "Endring", "2026-10-10", [
            {"op": "replace", "path": "/navn", "value": "TO AS"}]))))
    load(store, write_json(tmp_path / "oppdateringer_enheter_2.json", page(
        "oppdaterteEnheter", event(2, A, "Endring", "2026-10-20", [
            {"op": "replace", "path": "/forretningsadresse/poststed", "value": "BERGEN"}]))))
    names = [(v["navn"], v["poststed"], v["valid_to"]) for v in versions(store, "enhet", A)]
    assert names == [("EN AS", "OSLO", dt.date(2026, 10, 10)),
                     ("TO AS", "OSLO", dt.date(2026, 10, 20)),
                     ("TO AS", "BERGEN", None)]


def test_ny_without_data_goes_to_quarantine_as_incomplete_change(
    store: Store, tmp_path: Path
) -> None:
    feed = write_jsonl(tmp_path / "oppdateringer_enheter.jsonl", [
        page("oppdaterteEnheter", event(7, D, "Ny", "2026-10-17", None))])
    report = load(store, feed)
    assert report.quarantine == {"incomplete_change": 1}
    (problem,) = rows(store, "SELECT q.*, f.name FROM quarantine q JOIN source_file f "
                             "USING (file_id)")
    assert problem["name"] == feed.name and problem["line"] == 1
    assert D in problem["reason"] and problem["field"] == "endringer"
    assert versions(store, "enhet", D) == []


def test_underenhet_feed(store: Store, tmp_path: Path) -> None:
    load(store, write_json_array(tmp_path / "underenheter_alle.json.gz",
                                 [underenhet(B, "AVD BERGEN", A)]), as_of=FIRST)
    report = load(store, write_json(tmp_path / "oppdateringer_underenheter.json", page(
        "oppdaterteUnderenheter", event(3, B, "Endring", "2026-10-12", [
            {"op": "add", "path": "/nedleggelsesdato", "value": "2026-10-12"}]))))
    assert not report.quarantine
    old, new = versions(store, "underenhet", B)
    assert old["valid_to"] == dt.date(2026, 10, 12)
    assert new["nedleggelsesdato"] == dt.date(2026, 10, 12) and new["overordnet_enhet"] == A


def cloud_event(eid: int, number: str, when: str, groups: list[dict[str, Any]] | None
                ) -> dict[str, Any]:
    data: dict[str, Any] = {"organisasjonsnummer": number}
    if groups is not None:
        data["rollegrupper"] = groups
    return {"specversion": "1.0", "id": str(eid),
            "source": f"https://data.brreg.no/enhetsregisteret/api/enheter/{number}/roller",
            "type": "no.brreg.enhetsregisteret.rolle.oppdatert",
            "time": f"{when}T10:30:00.000Z", "data": data}


def load_roles(store: Store, tmp_path: Path, *more: dict[str, Any]) -> None:
    """The roles download: A with a board of two, B with a daglig leder, and `more`."""
    load(store, write_json_array(tmp_path / "roller_totalbestand.json.gz", [
        roles(A, rollegruppe("STYR", [person_role("LEDE", "Kari", "Nordmann", "1978-06-12"),
                                      person_role("MEDL", "Per", "Hansen", "1980-02-02")])),
        roles(B, rollegruppe("DAGL", [person_role("DAGL", "Siv", "Hægeland", "1970-12-12")])),
        *more]), as_of=FIRST)


def test_roles_cloud_event_with_rollegrupper_replaces_the_role_set(
    store: Store, tmp_path: Path
) -> None:
    load_roles(store, tmp_path)
    report = load(store, write_json_array(tmp_path / "oppdateringer_roller.json", [
        cloud_event(4577230, A, "2026-10-15", [rollegruppe("STYR", [
            person_role("LEDE", "Kari", "Nordmann", "1978-06-12"),
            person_role("MEDL", "Rūta", "Žemaitienė", "1984-04-04")])]),
        cloud_event(4577231, B, "2026-10-16", None),
    ]))
    assert report.quarantine == {"incomplete_change": 1}
    board = {(r["rolle"], r["person_fornavn"]): (r["valid_from"], r["valid_to"])
             for r in rows(store, "SELECT * FROM rolle WHERE organisasjonsnummer = ?", [A])}
    assert board == {
        ("LEDE", "Kari"): (FIRST, None),  # unchanged: kept, not reopened
        ("MEDL", "Per"): (FIRST, dt.date(2026, 10, 15)),
        ("MEDL", "Rūta"): (dt.date(2026, 10, 15), None),
    }
    untouched = rows(store, "SELECT valid_to FROM rolle WHERE organisasjonsnummer = ?", [B])
    assert untouched == [{"valid_to": None}]


def test_a_change_patches_the_unit_as_its_bulk_file_gave_it_csv_or_json(
    store: Store, tmp_path: Path
) -> None:
    """The current version's document is found among the records of the unit's own registers
    (bulk JSON, bulk CSV, change feed), however many other registers' records the store holds."""
    load(store, write_enheter_csv(tmp_path / "enheter_alle.csv.gz", [enhet(A, "CSV AS")]),
         write_json_array(tmp_path / "underenheter_alle.json.gz", [underenhet(B, "FILIAL", A)]),
         as_of=FIRST)
    rename = [{"op": "replace", "path": "/navn", "value": "NYTT NAVN AS"}]
    report = load(
        store,
        write_json(tmp_path / "oppdateringer_enheter.json", page(
            "oppdaterteEnheter", event(24720423, A, "Endring", "2026-10-15", rename))),
        write_json(tmp_path / "oppdateringer_underenheter.json", page(
            "oppdaterteUnderenheter", event(13100000, B, "Endring", "2026-10-15", rename))))
    assert not report.quarantine
    for table, number in (("enhet", A), ("underenhet", B)):
        old, new = versions(store, table, number)
        assert (new["navn"], new["valid_from"]) == ("NYTT NAVN AS", dt.date(2026, 10, 15))
        assert new["kommunenummer"] == old["kommunenummer"] == "0301"
        assert new["naeringskode1"] == old["naeringskode1"] is not None


def test_an_empty_role_set_ends_every_role_of_that_enhet_only(
    store: Store, tmp_path: Path
) -> None:
    load_roles(store, tmp_path,
               roles(C, rollegruppe("DAGL", [person_role("DAGL", "Ola", "Berg", "1966-01-01")])))
    report = load(store, write_json_array(tmp_path / "oppdateringer_roller.json", [
        cloud_event(4577230, A, "2026-10-15", []),
        cloud_event(4577231, B, "2026-10-16", [rollegruppe("DAGL", [
            person_role("DAGL", "Rūta", "Žemaitienė", "1984-04-04")])]),
    ]))
    assert not report.quarantine
    assert report.changes["rolle"] == (3, 1)  # A's two roles and B's leader; B's new leader
    ended = {(r["organisasjonsnummer"], r["person_fornavn"]): r["valid_to"]
             for r in rows(store, "SELECT * FROM rolle")}
    assert ended == {(A, "Kari"): dt.date(2026, 10, 15), (A, "Per"): dt.date(2026, 10, 15),
                     (B, "Siv"): dt.date(2026, 10, 16), (B, "Rūta"): None, (C, "Ola"): None}


def test_an_unknown_code_in_a_patch_keeps_the_new_version(store: Store, tmp_path: Path) -> None:
    load(store, write_json_array(tmp_path / "enheter_alle.json.gz", [enhet(A, "BYGG AS")]),
         as_of=FIRST)
    feed = write_json(tmp_path / "oppdateringer_enheter.json", page(
        "oppdaterteEnheter", event(24720423, A, "Endring", "2026-10-15", [
            {"op": "replace", "path": "/naeringskode1",
             "value": {"kode": "99.999", "beskrivelse": "Ukjent"}}])))
    report = load(store, feed)
    assert report.quarantine == {"unknown_code": 1}
    old, new = versions(store, "enhet", A)
    assert (old["naeringskode1"], old["unknown_fields"], old["valid_to"]) == (
        "43.210", None, dt.date(2026, 10, 15))
    assert (new["naeringskode1"], new["unknown_fields"], new["valid_to"]) == (
        "99.999", ["naeringskode1.kode"], None)
    assert rows(store, "SELECT q.line, q.field, q.kind, q.record_kept, f.name FROM quarantine q "
                       "JOIN source_file f USING (file_id)") == [
        {"line": 1, "field": "naeringskode1.kode", "kind": "unknown_code", "record_kept": True,
         "name": "oppdateringer_enheter.json"}]


def test_an_unknown_role_type_in_a_roles_event_is_kept(store: Store, tmp_path: Path) -> None:
    feed = write_json_array(tmp_path / "oppdateringer_roller.json", [{
        "specversion": "1.0", "id": 4577230, "time": "2026-10-12T10:30:00.000Z",
        "type": "no.brreg.enhetsregisteret.rolle.oppdatert",
        "data": {"organisasjonsnummer": A, "rollegrupper": [
            rollegruppe("XYZG", [person_role("XYZR", "Siri", "Strand", "1995-09-30")])]}}])
    assert load(store, feed).quarantine == {"unknown_code": 1}
    assert [(r["rolle"], r["unknown_fields"], r["valid_from"]) for r in versions(
        store, "rolle", A)] == [("XYZR", ["rollegrupper[0].roller[0].type.kode"],
                                 dt.date(2026, 10, 12))]
    assert store.scalar("SELECT record_kept FROM quarantine") is True
