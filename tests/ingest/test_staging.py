"""akrim.ingest.staging: staged batches are Parquet files seen through views of the store, typed
as the staging columns say, never half-read, and gone once dropped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from akrim.ingest import staging
from akrim.ingest.batches import RECORD_SCHEMA, arrow_schema
from akrim.ingest.staging import Staging
from akrim.store.engine import Store
from akrim.store.history import row_hash_sql
from akrim.store.schema import TABLE_BY_NAME
from fixtures.storeutil import staging_tables

SPEC = TABLE_BY_NAME["amelding_inntekt"]


def _inntekt(n: int, antall: float) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(arrow_schema(SPEC).names)
    row |= {"opplysningspliktig": "912345009", "kalendermaaned": "2026-08",
            "meldings_id": f"m{n}", "virksomhet": "912345076", "inntektsmottaker": "x",
            "linje": n, "beloep_oere": 100 * n, "antall": antall,
            "utloeser_arbeidsgiveravgift": True,
            "unknown_fields": ["inntekt[0].fordel"] if n == 1 else None,
            "record_id": f"r{n}", "line": n + 1, "row_no": n}
    return row


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "data" / "akrim.duckdb", memory_limit="1GB") as opened:
        yield opened


def test_batches_are_read_through_the_view_with_the_staging_types(store: Store) -> None:
    stage = Staging(store, {SPEC.name})
    assert store.scalar(f"SELECT count(*) FROM stg_{SPEC.name}") == 0  # the schema file alone
    rows = [_inntekt(0, 7.126), _inntekt(1, 10.0)]
    stage.add(SPEC.name, pa.Table.from_pylist(rows, arrow_schema(SPEC)), file_id=7)
    stage.add(SPEC.name, pa.Table.from_pylist([_inntekt(2, 0.5)], arrow_schema(SPEC)), 7)
    stage.add_records(pa.Table.from_pylist(
        [{"record_id": "r0", "line": 1, "payload": "{}"}], RECORD_SCHEMA), file_id=7)

    staged = store.rows(f"SELECT linje, beloep_oere, antall, unknown_fields, file_id, row_hash, "
                        f"{row_hash_sql(SPEC)} FROM stg_{SPEC.name} ORDER BY row_no")
    assert [row[:5] for row in staged] == [
        (0, 0, Decimal("7.13"), None, 7), (1, 100, Decimal("10.00"), ["inntekt[0].fordel"], 7),
        (2, 200, Decimal("0.50"), None, 7)]
    assert all(row[5] == row[6] for row in staged)  # the hash of the row as it reads back
    columns = dict(store.rows("SELECT column_name, data_type FROM information_schema.columns "
                              f"WHERE table_name = 'stg_{SPEC.name}'"))
    assert columns["antall"] == "DECIMAL(12,2)" and columns["file_id"] == "INTEGER"
    assert store.rows("SELECT * FROM stg_record") == [("r0", 7, 1, "{}")]


def test_a_file_is_seen_only_once_it_is_whole(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    stage = Staging(store, {SPEC.name})
    stage.add(SPEC.name, pa.Table.from_pylist([_inntekt(0, 1.0)], arrow_schema(SPEC)), 1)

    def killed(*args: object) -> None:  # the process dies after writing, before the rename
        raise KeyboardInterrupt

    monkeypatch.setattr("akrim.ingest.staging.os.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        stage.add(SPEC.name, pa.Table.from_pylist([_inntekt(1, 1.0)], arrow_schema(SPEC)), 1)
    assert len(list((store.staging_folder / f"stg_{SPEC.name}").glob("*.partial"))) == 1
    assert store.scalar(f"SELECT count(*) FROM stg_{SPEC.name}") == 1


def test_drop_removes_the_views_tables_and_files(store: Store) -> None:
    stage = Staging(store, {SPEC.name})
    stage.add(SPEC.name, pa.Table.from_pylist([_inntekt(0, 1.0)], arrow_schema(SPEC)), 1)
    assert sorted(staging_tables(store)) == sorted(
        ["stg_record", f"stg_{SPEC.name}", f"held_{SPEC.name}", "stg_source_file",
         "stg_quarantine"])
    staging.drop(store, files=False)
    assert staging_tables(store) == [] and store.staging_folder.exists()
    staging.drop(store)
    assert not store.staging_folder.exists()


def test_a_memory_store_stages_in_a_folder_of_its_own() -> None:
    with Store(":memory:", memory_limit="1GB") as store:
        folder = store.staging_folder
        assert folder != Path("staging") and folder == store.staging_folder
        Staging(store, {SPEC.name})
        assert (folder / "stg_record").is_dir()
        staging.drop(store)
        assert not folder.exists()


def test_dates_and_booleans_keep_their_types(store: Store) -> None:
    stage = Staging(store, {SPEC.name})
    row = _inntekt(0, 1.0) | {"startdato_opptjening": dt.date(2026, 8, 1)}
    stage.add(SPEC.name, pa.Table.from_pylist([row], arrow_schema(SPEC)), 1)
    assert store.rows("SELECT startdato_opptjening, utloeser_arbeidsgiveravgift "
                      f"FROM stg_{SPEC.name}") == [(dt.date(2026, 8, 1), True)]


@pytest.mark.parametrize("folder", ["akrim[2]", "data*", "[x]*"])  # "?": see test_robust
def test_a_data_directory_named_like_a_glob_stages_its_own_files(
    tmp_path: Path, folder: str
) -> None:
    (tmp_path / "akrim2" / "data" / "staging" / "stg_record").mkdir(parents=True)  # a decoy
    (tmp_path / "akrim2" / "data" / "staging" / "stg_record" / "000000000.parquet"
     ).write_bytes(b"not parquet")
    with Store(tmp_path / folder / "data" / "akrim.duckdb", memory_limit="1GB") as store:
        stage = Staging(store, {SPEC.name})
        stage.add_records(pa.Table.from_pylist(
            [{"record_id": "r0", "line": 1, "payload": "{}"}], RECORD_SCHEMA), file_id=7)
        assert store.rows("SELECT * FROM stg_record") == [("r0", 7, 1, "{}")]
