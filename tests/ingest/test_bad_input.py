"""Bad input: a file that cannot be read aborts the whole load and changes nothing; bad rows in
a good file go to quarantine with file, line, field and reason, and the rest loads."""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from akrim.demo import bundle_dir
from akrim.ingest.problems import FileError
from akrim.store.engine import Store
from fixtures.shapes import enhet, orgnr, write_bytes, write_csv, write_json_array, write_jsonl
from fixtures.storeutil import Cli, load, rows, staging_tables

A, B, C, D = orgnr(1), orgnr(2), orgnr(3), orgnr(4)


def truncated_gzip(tmp: Path) -> tuple[Path, int | None]:
    path = write_json_array(tmp / "enheter_alle.json.gz",
                            [enhet(orgnr(50 + n), f"FIRMA {n} AS") for n in range(400)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path, None


def broken_json_array(tmp: Path) -> tuple[Path, int | None]:
    path = write_json_array(tmp / "underenheter_alle.json", [enhet(A, "EN AS"), enhet(B, "TO AS")])
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if B in line)
    lines[number - 1] = lines[number - 1].replace('" : "', '" "', 1)  # a missing colon
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, number


def broken_json_lines(tmp: Path) -> tuple[Path, int | None]:
    path = write_jsonl(tmp / "restanser.jsonl", [
        {"forespurteOrganisasjon": A, "restanser": {}},
        {"forespurteOrganisasjon": B, "restanser": {}},
        {"forespurteOrganisasjon": C, "restanser": {}},
    ])
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][:-5]  # cut off, as by a failed copy
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, 3


def latin1(tmp: Path) -> tuple[Path, int | None]:
    text = ("tips_id,mottatt_dato,etat,organisasjonsnummer,virksomhetsnavn,personnavn,adresse,"
            "kategori,beskrivelse\n"
            f"T1,2026-03-01,NAV,{A},Bygg AS,,,lønn,x\n"
            f"T2,2026-03-02,NAV,{B},Bjørnstad bilpleie,,,svart,y\n")
    return write_bytes(tmp / "tips.csv", text.encode("latin-1")), 2


def missing_column(tmp: Path) -> tuple[Path, int | None]:
    path = write_csv(tmp / "stansingsvedtak.csv",
                     ("organisasjonsnummer", "etat", "vedtaksdato"),
                     [(A, "Arbeidstilsynet", "2026-06-12")])
    return path, 1


BAD_FILES: dict[str, Callable[[Path], tuple[Path, int | None]]] = {
    "truncated_gzip": truncated_gzip,
    "broken_json_array": broken_json_array,
    "broken_json_lines": broken_json_lines,
    "latin1": latin1,
    "missing_column": missing_column,
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_unreadable_file_raises_file_error_naming_file_and_place(
    case: str, store: Store, tmp_path: Path
) -> None:
    path, line = BAD_FILES[case](tmp_path / "in")
    with pytest.raises(FileError) as caught:
        load(store, path)
    error = caught.value
    assert error.file == str(path) and path.name in str(error)
    assert error.line is not None or error.offset is not None
    if line is not None:
        assert error.line == line, str(error)
    if case == "truncated_gzip":
        assert error.offset is not None and error.offset > 0
        assert "truncated" in error.reason
    if case == "missing_column":
        assert "tips_id" not in error.reason and "vedtak_id" in error.reason
    if case == "latin1":
        assert error.offset is not None and "UTF-8" in error.reason


@pytest.mark.parametrize("case", BAD_FILES)
def test_failed_load_leaves_the_store_exactly_as_before(
    case: str, cli: Cli, tmp_path: Path
) -> None:
    assert cli.ingest(bundle_dir()).exit_code == 0
    before_status, before_tables = cli.status(), cli.dump()
    # a good file with real changes beside the bad one: none of it may land
    changed = write_json_array(tmp_path / "good" / "enheter_alle.json.gz",
                               [enhet(A, "HELT NYTT AS")])
    bad, _ = BAD_FILES[case](tmp_path / "bad")
    result = cli("ingest", str(changed), str(bad), "--data-dir", str(cli.data_dir),
                 "--as-of", "2026-11-30", "--quiet", env={"COLUMNS": "400"})
    assert result.exit_code != 0
    assert bad.name in result.output.replace("\n", "")
    assert cli.status() == before_status
    assert cli.dump() == before_tables
    assert cli.staging_tables() == []


def test_bad_records_are_held_back_bad_fields_marked_and_the_rest_loads(
    store: Store, tmp_path: Path
) -> None:
    bad_checksum = A[:-1] + str((int(A[-1]) + 1) % 10)
    path = write_json_array(tmp_path / "enheter_alle.json.gz", [
        enhet(bad_checksum, "FEIL SJEKKSIFFER AS"),
        enhet(B, "UMULIG DATO AS", stiftelsesdato="2026-02-30"),
        enhet(C, "UKJENT KODE AS", naeringskode="99.999"),
        enhet(D, "GOD AS"),
        enhet(D, "DUPLIKAT AS"),
    ])
    report = load(store, path)
    assert report.quarantine == {"invalid_identifier": 1, "impossible_date": 1,
                                 "unknown_code": 1, "duplicate": 1}
    # only the unit that cannot be identified is held back; a bad date or code marks a field
    assert [(r["organisasjonsnummer"], r["navn"], r["stiftelsesdato"], r["naeringskode1"],
             r["unknown_fields"])
            for r in rows(store, "SELECT * FROM enhet ORDER BY organisasjonsnummer")] == [
        (B, "UMULIG DATO AS", None, "43.210", ["stiftelsesdato"]),
        (C, "UKJENT KODE AS", None, "99.999", ["naeringskode1.kode"]),
        (D, "GOD AS", None, "43.210", None)]
    found = rows(store, "SELECT f.name, q.line, q.field, q.kind, q.reason, q.record_kept "
                        "FROM quarantine q JOIN source_file f USING (file_id) ORDER BY q.line")
    assert all(r["name"] == path.name for r in found)
    starts = [n for n, text in enumerate(gzip.decompress(path.read_bytes()).decode()
                                         .splitlines(), 1) if text in ("[ {", "}, {")]
    assert [r["line"] for r in found] == starts[:3] + [starts[4]]
    by_kind: dict[str, dict[str, Any]] = {r["kind"]: r for r in found}
    assert by_kind["invalid_identifier"]["field"] == "organisasjonsnummer"
    assert "mod-11" in by_kind["invalid_identifier"]["reason"]
    assert by_kind["impossible_date"]["field"] == "stiftelsesdato"
    assert by_kind["unknown_code"]["field"] == "naeringskode1.kode"
    assert "99.999" in by_kind["unknown_code"]["reason"]
    assert by_kind["duplicate"]["field"] == "organisasjonsnummer"
    assert str(starts[3]) in by_kind["duplicate"]["reason"]
    assert {kind: r["record_kept"] for kind, r in by_kind.items()} == {
        "invalid_identifier": False, "impossible_date": True, "unknown_code": True,
        "duplicate": False}
    assert staging_tables(store) == []  # published: nothing staged is left behind


def test_enhet_with_a_bad_field_in_a_later_snapshot_stays_current(
    store: Store, tmp_path: Path
) -> None:
    first = dt.date(2026, 9, 30)
    load(store, write_json_array(tmp_path / "1" / "enheter_alle.json.gz",
                                 [enhet(A, "EN AS"), enhet(B, "TO AS"), enhet(C, "TRE AS")]),
         as_of=first)
    report = load(store, write_json_array(tmp_path / "2" / "enheter_alle.json.gz", [
        enhet(A, "EN AS", stiftelsesdato="2026-13-01"),  # a bad field: kept, not closed
        enhet(B, "TO AS"),                                # C is gone: closed
    ]), as_of=dt.date(2026, 10, 31))
    assert report.quarantine == {"impossible_date": 1}
    assert store.scalar("SELECT record_kept FROM quarantine") is True
    found = {r["organisasjonsnummer"]: r for r in rows(store, "SELECT * FROM enhet")}
    assert found[A]["valid_to"] is None and found[A]["valid_from"] == first
    assert found[B]["valid_to"] is None
    assert found[C]["valid_to"] == dt.date(2026, 10, 31)
    assert len(found) == 3
