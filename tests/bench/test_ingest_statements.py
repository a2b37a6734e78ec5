"""The per-statement bench (`bench/ingest_statements.py`) accounts for a load statement by
statement, and leaves the store loaded."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from akrim.store.engine import Store
from fixtures import benchmodule

statements = benchmodule.load("ingest_statements")


def test_statements_are_grouped_by_their_first_words_largest_first() -> None:
    timed = [(0.5, "SELECT 1"), (0.25, "CREATE TABLE a"), (0.75, "CREATE TABLE a")]
    assert statements.by_statement(timed, top=5) == [
        {"statement": "CREATE TABLE a", "count": 2, "seconds": 1.0},
        {"statement": "SELECT 1", "count": 1, "seconds": 0.5}]
    assert [g["statement"] for g in statements.by_statement(timed, top=1)] == ["CREATE TABLE a"]


def test_a_load_is_accounted_for_and_kept(tiny_bundle: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    path = tiny_bundle / "arbeidsgiveravgift.jsonl.gz"
    monkeypatch.setattr(sys, "argv", ["ingest_statements", str(data), str(path), "--top", "3"])
    statements.main()
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    with Store(data / "akrim.duckdb") as store:
        loaded = store.scalar("SELECT count(*) FROM source_record")
        assert store.scalar("SELECT count(*) FROM arbeidsgiveravgift_termin") > 0
    assert result["records"] == loaded > 0
    assert len(result["statements"]) == 3
    seconds = [g["seconds"] for g in result["statements"]]
    assert seconds == sorted(seconds, reverse=True) and seconds[0] > 0
    assert all(g["count"] >= 1 for g in result["statements"])
