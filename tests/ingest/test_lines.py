"""akrim.ingest.lines: line batches cut by numpy, checked against `sources.iter_lines` with
hypothesis (random lines, CRLF, blank lines, a byte order mark, multi-byte characters cut at
block and batch borders)."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akrim.ingest import lines, sources
from akrim.ingest.lines import iter_json_record_batches, iter_line_batches
from akrim.ingest.problems import FileError
from akrim.ingest.sources import iter_lines

line_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"],
                                           exclude_characters="\n"), max_size=30)
line_ends = st.sampled_from(["\n", "\r\n"])


def _lines(path: Path, batch_bytes: int) -> list[tuple[int, str]]:
    return [(line, raw) for batch in iter_line_batches(path, batch_bytes)
            for line, raw in zip(batch["line"].to_pylist(), batch["raw"].to_pylist(),
                                 strict=True)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(line_text, line_ends), max_size=12), st.booleans(),
       st.integers(1, 64), st.booleans(), st.booleans(), st.integers(4, 64))
def test_line_batches_are_the_non_blank_lines_of_iter_lines(
    lines: list[tuple[str, str]], last_line_end: bool, batch_bytes: int, gzipped: bool,
    bom: bool, block: int,
) -> None:
    text = "".join(line + end for line, end in lines)
    if lines and not last_line_end:
        text = text.removesuffix(lines[-1][1])
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(sources, "CHUNK", block):
        path = Path(tmp) / "lines.jsonl"
        path.write_bytes(gzip.compress(data) if gzipped else data)
        expected = [(n, line) for n, line in iter_lines(path) if line.strip()]
        assert _lines(path, batch_bytes) == expected


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"a": 1}\n{"b": 2}\n')
    assert _lines(path, 1 << 20) == [(1, '{"a": 1}'), (2, '{"b": 2}')]


def test_bad_utf8_names_the_line_and_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"a": 1}\n{"b": "\xe6"}\n')
    with pytest.raises(FileError) as raised:
        _lines(path, 4)
    with pytest.raises(FileError) as as_before:
        list(iter_lines(path))
    assert (raised.value.line, raised.value.offset) == (2, 16)
    assert str(raised.value) == str(as_before.value)


def test_a_truncated_gzip_names_the_line_after_the_last_whole_one(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(b"".join(b'{"n": %d}\n' % n for n in range(20_000)))
    path.write_bytes(data[: len(data) // 2])
    for batch_bytes in (1 << 16, 1 << 20):
        with pytest.raises(FileError) as raised:
            _lines(path, batch_bytes)
        with pytest.raises(FileError) as as_before:
            list(iter_lines(path))
        assert "truncated" in raised.value.reason
        assert raised.value.line is not None and raised.value.line > 1
        assert (raised.value.line, raised.value.offset) == (as_before.value.line,
                                                            as_before.value.offset)


def test_one_pretty_printed_document_is_one_record_on_line_1(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text('{\n  "leveranse": {\n    "meldingsId": "m"\n  }\n}\n', encoding="utf-8")
    (batch,) = iter_json_record_batches(path)
    assert batch["line"].to_pylist() == [1]
    assert batch["raw"].to_pylist() == [path.read_text(encoding="utf-8")]


def test_batches_start_small_and_double_up_to_the_batch_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "many.jsonl"
    path.write_bytes(b"".join(b'{"n": %05d}\n' % n for n in range(2_000)))  # 13 bytes a line
    monkeypatch.setattr(sources, "CHUNK", 13)
    monkeypatch.setattr(lines, "FIRST_BATCH_BYTES", 130)
    sizes = [batch.num_rows for batch in iter_line_batches(path, 1_300)]
    assert sizes[:5] == [10, 20, 40, 80, 100]
    assert sizes[4:] == [100] * 18 + [50]  # 2,000 lines: 150, then 18 whole batches, then 50
