"""akrim.store.history: dated versions across snapshots, idempotent re-ingest."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import duckdb

from akrim.store.engine import Store, statement_text
from akrim.store.schema import TABLES
from fixtures.shapes import (
    enhet,
    orgnr,
    person_role,
    roles,
    rollegruppe,
    write_json_array,
    write_text,
)
from fixtures.storeutil import dump, load, rows

A, B, C, D = orgnr(1), orgnr(2), orgnr(3), orgnr(4)
MARCH, JUNE = dt.date(2026, 3, 31), dt.date(2026, 6, 30)

BOARD_ON = """
SELECT person_fornavn || ' ' || person_etternavn AS navn, rolle FROM rolle
WHERE organisasjonsnummer = ? AND rollegruppe = 'STYR' AND NOT fratraadt
  AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
ORDER BY rolle, navn
"""


def board_on(store: Store, number: str, day: dt.date) -> list[tuple[str, str]]:
    return [(r["navn"], r["rolle"]) for r in rows(store, BOARD_ON, [number, day, day])]


def first_snapshot(tmp: Path) -> list[Path]:
    return [
        write_json_array(tmp / "enheter_alle.json.gz", [
            enhet(A, "UENDRET AS"), enhet(B, "ENDRES AS", ansatte=4), enhet(C, "FORSVINNER AS")]),
        write_json_array(tmp / "roller_totalbestand.json.gz", [roles(A, rollegruppe("STYR", [
            person_role("LEDE", "Kari", "Nordmann", "1978-06-12"),
            person_role("MEDL", "Per", "Hansen", "1980-02-02", rekkefolge=1),
            person_role("VARA", "Ola", "Vara", "1981-03-03", rekkefolge=2),
        ]))]),
    ]


def second_snapshot(tmp: Path) -> list[Path]:
    return [
        write_json_array(tmp / "enheter_alle.json.gz", [
            enhet(A, "UENDRET AS"), enhet(B, "ENDRES AS", ansatte=None, konkurs=True,
                                          konkursdato="2026-05-04"),
            enhet(D, "NY AS")]),
        write_json_array(tmp / "roller_totalbestand.json.gz", [roles(A, rollegruppe("STYR", [
            person_role("LEDE", "Kari", "Nordmann", "1978-06-12"),
            person_role("MEDL", "Rūta", "Žemaitienė", "1984-04-04", rekkefolge=1),
            person_role("VARA", "Ola", "Vara", "1981-03-03", rekkefolge=2, avregistrert=True),
        ]))]),
    ]


def versions(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    found: dict[str, list[tuple[Any, ...]]] = {}
    for r in rows(store, "SELECT * FROM enhet ORDER BY valid_from"):
        found.setdefault(r["organisasjonsnummer"], []).append(
            (r["navn"], r["antall_ansatte"], r["valid_from"], r["valid_to"]))
    return found


def test_changed_removed_and_new_enhet(store: Store, tmp_path: Path) -> None:
    load(store, *first_snapshot(tmp_path / "1"), as_of=MARCH)
    report = load(store, *second_snapshot(tmp_path / "2"), as_of=JUNE)
    assert report.changes["enhet"] == (2, 2)  # B and C closed; B's new version and D opened
    assert versions(store) == {
        A: [("UENDRET AS", 5, MARCH, None)],
        B: [("ENDRES AS", 4, MARCH, JUNE), ("ENDRES AS", None, JUNE, None)],
        C: [("FORSVINNER AS", 5, MARCH, JUNE)],
        D: [("NY AS", 5, JUNE, None)],
    }
    snapshots = rows(store, "SELECT snapshot_id, as_of FROM snapshot ORDER BY snapshot_id")
    assert [s["as_of"] for s in snapshots] == [MARCH, JUNE]
    opened_in = {r["organisasjonsnummer"]: r["snapshot_id"] for r in rows(
        store, "SELECT organisasjonsnummer, snapshot_id FROM enhet WHERE valid_to IS NULL")}
    assert opened_in == {A: snapshots[0]["snapshot_id"], B: snapshots[1]["snapshot_id"],
                         D: snapshots[1]["snapshot_id"]}


def test_who_sat_on_the_board_on_a_date(store: Store, tmp_path: Path) -> None:
    load(store, *first_snapshot(tmp_path / "1"), as_of=MARCH)
    load(store, *second_snapshot(tmp_path / "2"), as_of=JUNE)
    assert board_on(store, A, dt.date(2026, 1, 1)) == []
    spring = [("Kari Nordmann", "LEDE"), ("Per Hansen", "MEDL"), ("Ola Vara", "VARA")]
    assert board_on(store, A, MARCH) == spring
    assert board_on(store, A, dt.date(2026, 5, 4)) == spring  # as last known before June
    assert board_on(store, A, JUNE) == [("Kari Nordmann", "LEDE"), ("Rūta Žemaitienė", "MEDL")]
    assert board_on(store, A, dt.date(2027, 1, 1)) == board_on(store, A, JUNE)


def test_bankruptcy_board_query_joins_konkursdato(store: Store, tmp_path: Path) -> None:
    """"Who sat on the board when the company went bankrupt": konkursdato from the enhet's
    current version, roles valid on that day."""
    files = first_snapshot(tmp_path / "1")
    load(store, *files, as_of=MARCH)
    second = second_snapshot(tmp_path / "2")
    second[0] = write_json_array(tmp_path / "2" / "enheter_alle.json.gz", [
        enhet(A, "UENDRET AS", konkurs=True, konkursdato="2026-05-04"), enhet(B, "ENDRES AS")])
    load(store, *second, as_of=JUNE)
    found = rows(store, """
        SELECT r.person_fornavn AS fornavn, r.rolle FROM enhet e JOIN rolle r
          ON r.organisasjonsnummer = e.organisasjonsnummer AND r.rollegruppe = 'STYR'
         AND r.valid_from <= e.konkursdato
         AND (r.valid_to IS NULL OR r.valid_to > e.konkursdato) AND NOT r.fratraadt
        WHERE e.valid_to IS NULL AND e.konkurs ORDER BY r.rolle""")
    assert found == [{"fornavn": "Kari", "rolle": "LEDE"}, {"fornavn": "Per", "rolle": "MEDL"},
                     {"fornavn": "Ola", "rolle": "VARA"}]


def test_reingesting_the_same_files_changes_nothing(store: Store, tmp_path: Path) -> None:
    files = first_snapshot(tmp_path / "1")
    load(store, *files, as_of=MARCH)
    before = dump(store)
    report = load(store, *files, as_of=JUNE)
    assert report.snapshot_id is None
    assert [f.skipped_reason for f in report.files] == ["already loaded in snapshot 1"] * len(files)
    assert dump(store) == before


def test_same_content_under_another_name_changes_no_versions(
    store: Store, tmp_path: Path
) -> None:
    files = first_snapshot(tmp_path / "1")
    load(store, *files, as_of=MARCH)
    registers = {spec.name for spec in TABLES}
    before = {k: v for k, v in dump(store).items() if k in registers}
    # the very same bytes under a dated name: recognised by content, skipped
    copy = tmp_path / "2" / "enheter_alle_2026-06-30.json.gz"
    copy.parent.mkdir()
    shutil.copy(files[0], copy)
    assert load(store, copy, as_of=JUNE).snapshot_id is None
    # the same content written differently (compact, not gzip'd): a new file, no new versions
    import gzip

    text = gzip.decompress(files[0].read_bytes()).decode()
    import json

    compact = write_text(tmp_path / "3" / "enheter_alle.json",
                         json.dumps(json.loads(text), ensure_ascii=False))
    roles_again = write_text(tmp_path / "3" / "roller_totalbestand.json",
                             gzip.decompress(files[1].read_bytes()).decode())
    report = load(store, compact, roles_again, as_of=JUNE)
    assert report.snapshot_id is not None
    assert report.changes["enhet"] == (0, 0) and report.changes["rolle"] == (0, 0)
    after = {k: v for k, v in dump(store).items() if k in registers}
    assert after == before


def test_a_load_with_no_current_row_in_scope_opens_without_comparing(
    store: Store, tmp_path: Path, monkeypatch: Any
) -> None:
    """Nothing current in scope (here a first load): no version can close, so the staged rows
    are opened as they are, without the comparison (an UPDATE) that would read them all."""
    run: list[str] = []
    execute = Store.execute

    def spy(self: Store, sql: str | duckdb.Statement, params: Any = None) -> Any:
        run.append(" ".join(statement_text(sql).split()))
        return execute(self, sql, params)

    monkeypatch.setattr(Store, "execute", spy)
    report = load(store, *first_snapshot(tmp_path / "1"), as_of=MARCH)
    assert report.changes["enhet"] == (0, 3)
    assert not [sql for sql in run if sql.startswith("UPDATE enhet")]
    run.clear()
    report = load(store, *second_snapshot(tmp_path / "2"), as_of=JUNE)
    assert report.changes["enhet"] == (2, 2)
    assert [sql for sql in run if sql.startswith("UPDATE enhet")]
