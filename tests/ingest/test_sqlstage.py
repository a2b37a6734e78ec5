"""akrim.ingest.sqlstage: a file staged batch by batch, several batches at once, is staged as
one batch would stage it, written in file order; the first bad line in file order is the one
reported."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from akrim.ingest import lines, sources, sqlstage
from akrim.ingest.loader import ingest
from akrim.ingest.problems import FileError
from akrim.store.engine import Store
from fixtures.shapes import inntekt, leveranse, mottaker, orgnr, person_id, write_jsonl
from fixtures.storeutil import dump, load

MONTH = "2026-08"


def _leveranser(count: int) -> list[dict[str, Any]]:
    """`count` leveranser: some with a bad recipient, one message id given twice."""
    items = []
    for n in range(count):
        people = [mottaker(person_id(dt.date(1980 + n % 20, 1 + n % 12, 1 + k), start=100 + k),
                           [inntekt(1000.0 * (k + 1), "fastloenn")]) for k in range(3)]
        if n % 7 == 3:
            people.append(mottaker("12345678901", [inntekt(5.0, "fastloenn")]))
        items.append(leveranse(orgnr(1), MONTH, f"m-{n % 37}",
                               {orgnr(100 + n): people}))
    return items


def _small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """A few lines a batch (read in small blocks: a batch ends at the end of a block)."""
    monkeypatch.setattr(sources, "CHUNK", 4_000)
    monkeypatch.setattr(lines, "BATCH_BYTES", 2_000)


def _stable(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """The store's contents without the load's own clock."""
    tables = dump(store)
    tables.pop("snapshot")
    return tables


def test_many_batches_stage_what_one_batch_stages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / f"amelding_{MONTH}.jsonl", _leveranser(60))
    with Store(tmp_path / "one" / "akrim.duckdb", memory_limit="1GB") as one:
        whole = load(one, path)
        expected = _stable(one)
    _small_batches(monkeypatch)
    assert len(list(lines.iter_json_record_batches(path))) >= 20
    with Store(tmp_path / "many" / "akrim.duckdb", memory_limit="1GB") as many:
        batched = load(many, path)
        assert _stable(many) == expected
    assert batched.quarantine == whole.quarantine
    assert whole.quarantine["duplicate"] > 0 and whole.quarantine["invalid_identifier"] > 0
    assert [(f.records, f.quarantined) for f in batched.files] == [
        (f.records, f.quarantined) for f in whole.files]


def test_the_first_broken_line_is_reported_whichever_batch_finishes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = [json.dumps(item) for item in _leveranser(40)]
    text[11] = text[11][:-5]
    text[30] = "{not json"
    path = tmp_path / f"amelding_{MONTH}.jsonl"
    path.write_text("\n".join(text) + "\n")
    _small_batches(monkeypatch)
    assert len(list(lines.iter_line_batches(path))) >= 20
    with Store(tmp_path / "data" / "akrim.duckdb", memory_limit="1GB") as store:
        before = _stable(store)
        with pytest.raises(FileError) as caught:
            load(store, path)
        assert caught.value.line == 12
        assert _stable(store) == before


def test_the_memory_limit_is_lowered_during_a_load_and_restored_after(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / f"amelding_{MONTH}.jsonl", _leveranser(3))
    seen: list[str] = []
    with Store(tmp_path / "data" / "akrim.duckdb", memory_limit="2GB") as store:
        ingest(store, [path], progress=lambda name, count: seen.append(
            store.scalar("SELECT current_setting('memory_limit')")))
        after = store.scalar("SELECT current_setting('memory_limit')")
    assert seen and all(limit == "1.3 GiB" for limit in seen)  # 3/4 of 2 GB
    assert after == "1.8 GiB"  # 2 GB


def test_batches_write_in_file_order_whichever_is_typed_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / f"amelding_{MONTH}.jsonl", _leveranser(40))
    _small_batches(monkeypatch)
    prepare, write = sqlstage._prepare, sqlstage._write
    written: list[int] = []

    def slow_on_even_lines(store: Store, reader: Any, at: Path, batch: pa.Table) -> None:
        if batch.column("line")[0].as_py() % 2 == 0:
            time.sleep(0.05)
        prepare(store, reader, at, batch)

    def noted(store: Store, stager: Any, reader: Any, file_id: int, index: int) -> Any:
        written.append(index)
        return write(store, stager, reader, file_id, index)

    monkeypatch.setattr(sqlstage, "_prepare", slow_on_even_lines)
    monkeypatch.setattr(sqlstage, "_write", noted)
    with Store(tmp_path / "data" / "akrim.duckdb", memory_limit="1GB") as store:
        threads = store.scalar("SELECT current_setting('threads')")
        load(store, path)
        assert store.scalar("SELECT current_setting('threads')") == threads
    assert len(written) >= 20 and written == sorted(written)


def test_a_failing_batch_is_reported_and_the_batches_after_it_give_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / f"amelding_{MONTH}.jsonl", _leveranser(40))
    _small_batches(monkeypatch)
    prepare = sqlstage._prepare
    bad = list(lines.iter_json_record_batches(path))[5].column("line")[0].as_py()

    def failing(store: Store, reader: Any, at: Path, batch: pa.Table) -> None:
        if batch.column("line")[0].as_py() == bad:
            raise RuntimeError(f"batch at line {bad}")
        prepare(store, reader, at, batch)

    monkeypatch.setattr(sqlstage, "_prepare", failing)
    with Store(tmp_path / "data" / "akrim.duckdb", memory_limit="1GB") as store:
        before = _stable(store)
        with pytest.raises(RuntimeError, match=f"batch at line {bad}"):
            load(store, path)
        assert _stable(store) == before


@pytest.mark.parametrize(("lines", "inserted"), [([1, 2], False), ([1, 2, 3], True)])
def test_a_statement_only_if_its_condition_holds_for_the_batch(
    tmp_path: Path, lines: list[int], inserted: bool
) -> None:
    reader = sqlstage.SqlReader(
        batches=lambda path: iter(()),
        stage="CREATE OR REPLACE TEMP TABLE t AS SELECT line FROM src_batch;\n"
              f"{sqlstage.ONLY_IF} EXISTS (SELECT 1 FROM t WHERE line > 2)\n"
              "INSERT INTO t VALUES (100);\n",
        rows={}, held={}, quarantine="")
    with Store(tmp_path / "data" / "akrim.duckdb", memory_limit="1GB") as store:
        store.execute("CREATE TEMP TABLE src_batch AS SELECT unnest(?::BIGINT[]) AS line",
                      [lines])
        sqlstage._stage_batch(store, reader, tmp_path / "x.jsonl")
        assert [r[0] for r in store.rows("SELECT line FROM t ORDER BY line")] == (
            [*lines, 100] if inserted else lines)
