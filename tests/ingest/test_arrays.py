"""akrim.ingest.arrays: a JSON array's elements cut by msgspec and numpy, checked against
`sources.iter_json_array` with hypothesis: the same start lines and raw texts for random nested
arrays (pretty and compact, escaped quotes and backslashes, multi-byte characters, blocks and
batches so small that boundaries fall everywhere), and the same `FileError` for a broken one."""

from __future__ import annotations

import gzip
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akrim.ingest import arrays, sources
from akrim.ingest.arrays import iter_json_array_batches
from akrim.ingest.problems import FileError
from akrim.ingest.sources import iter_json_array
from fixtures.shapes import jackson

TRICKY = 'ab"\\/,:[]{} \t\n\r\u00e6\u00f8\u00e5\u20ac\U0001f600\x00\x1fNaN'
scalars = (st.none() | st.booleans() | st.integers(-10**20, 10**20)
           | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(alphabet=st.sampled_from(list(TRICKY)), max_size=12))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.text(alphabet=st.sampled_from(list(TRICKY)), max_size=6), inner, max_size=4),
    max_leaves=12)
WHITESPACE = st.lists(st.sampled_from([" ", "\t", "\r\n", "\n"]), max_size=3).map("".join)


def render(items: list[Any], style: str, gaps: list[str]) -> str:
    if style == "jackson":
        return jackson(items) if items else "[ ]\n"
    if style == "indent":
        return json.dumps(items, indent=2, ensure_ascii=False)
    if style == "ascii":
        return json.dumps(items)
    parts = [json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in items]
    text = "["
    for n, part in enumerate(parts):
        text += gaps[n % len(gaps)] + part + gaps[(n + 1) % len(gaps)] + (
            "," if n < len(parts) - 1 else "")
    return text + "]" + gaps[0]


def outcome(read: Callable[[], list[tuple[int, str]]]) -> Any:
    try:
        return read()
    except FileError as exc:
        return ("error", str(exc), exc.line, exc.offset)


def batched(path: Path, batch_bytes: int) -> list[tuple[int, str]]:
    return [(line, raw) for batch in iter_json_array_batches(path, batch_bytes)
            for line, raw in zip(batch["line"].to_pylist(), batch["raw"].to_pylist(),
                                 strict=True)]


def as_before(path: Path) -> list[tuple[int, str]]:
    return [(line, raw) for line, raw, _ in iter_json_array(path)]


def compare(data: bytes, batch_bytes: int, gzipped: bool, block: int = sources.CHUNK) -> Any:
    """Both readers' outcome, the file read `block` decompressed bytes at a time (at least 4:
    a gzip'd file is read a quarter of that at a time)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "enheter_alle.json"
        path.write_bytes(gzip.compress(data) if gzipped else data)
        with mock.patch.object(sources, "CHUNK", block):
            expected = outcome(lambda: as_before(path))
            assert outcome(lambda: batched(path, batch_bytes)) == expected
        return expected


@settings(max_examples=300, deadline=None)
@given(st.lists(values, max_size=6), st.sampled_from(["jackson", "indent", "ascii", "gaps"]),
       st.lists(WHITESPACE, min_size=1, max_size=3), st.integers(1, 80), st.booleans(),
       st.booleans(), st.integers(4, 64))
def test_elements_as_iter_json_array_gives_them(
    items: list[Any], style: str, gaps: list[str], batch_bytes: int, gzipped: bool, bom: bool,
    block: int,
) -> None:
    data = render(items, style, gaps).encode("utf-8")
    with mock.patch.object(arrays, "_python_batches", side_effect=AssertionError("fell back")):
        expected = compare((b"\xef\xbb\xbf" if bom else b"") + data, batch_bytes, gzipped,
                           block)
    assert not isinstance(expected, tuple)
    assert len(expected) == len(items)


MUTATIONS = list(',:[]{}"\\ \nNaI0-etu') + ["NaN", "Infinity", "nan", "inf", ",]", ",}",
                                              "\udcff", "\u00e6"]


@settings(max_examples=500, deadline=None)
@given(st.lists(values, min_size=1, max_size=4), st.sampled_from(["jackson", "gaps"]),
       st.data(), st.integers(1, 64), st.integers(4, 64))
def test_a_broken_array_fails_as_iter_json_array_fails(
    items: list[Any], style: str, data: st.DataObject, batch_bytes: int, block: int
) -> None:
    text = render(items, style, [" ", "\n"])
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 2))
    insert = data.draw(st.sampled_from(MUTATIONS + [""]))
    mutated = (text[:at] + insert + text[at + cut:]).encode("utf-8", "surrogateescape")
    compare(mutated, batch_bytes, gzipped=False, block=block)


@pytest.mark.parametrize("data", [
    b"", b"   ", b"{}", b"[", b"[1", b"[1,", b"[1,]", b"[,1]", b"[1,,2]", b"[1 2]", b"[1]x",
    b"[1] [2]", b"[]", b"[ ]", b"[\n]\n", b'[{"a": 1,}]', b'[{"a": [1,]}]', b"[NaN]",
    b"[-Infinity]", b'[{"a": nan}]', b"[1}", b'[{"a": 1]]', b"[\"\\\"\"]", b"[0.5]",
    b'["a\xe6"]', b'[1]\n\n', b'\xef\xbb\xbf[1]', b'[{"a":"b"} {"c":1}]',
])
def test_edge_cases(data: bytes) -> None:
    for batch_bytes in (1, 3, 1 << 20):
        for block in (4, sources.CHUNK):
            compare(data, batch_bytes, gzipped=False, block=block)


def test_a_missing_colon_names_the_line_of_the_error(tmp_path: Path) -> None:
    lines = jackson([{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]).splitlines()
    broken = next(n for n, line in enumerate(lines) if '"y"' in line)
    lines[broken] = lines[broken].replace(" : ", " ")
    path = tmp_path / "enheter_alle.json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FileError) as raised:
        batched(path, 1 << 20)
    assert raised.value.line == broken + 1
    assert str(raised.value) == str(outcome(lambda: as_before(path))[1])


def test_a_truncated_gzip_fails_as_before(tmp_path: Path) -> None:
    data = gzip.compress(jackson([{"a": n, "b": "x" * n} for n in range(2000)]).encode())
    path = tmp_path / "enheter_alle.json.gz"
    path.write_bytes(data[: len(data) // 2])
    expected = outcome(lambda: as_before(path))
    assert expected[0] == "error"
    assert outcome(lambda: batched(path, 1 << 12)) == expected


@pytest.mark.parametrize("batch_bytes", [1, 64, 1 << 20])
def test_every_batch_but_the_last_is_whole_however_the_file_is_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_bytes: int
) -> None:
    monkeypatch.setattr(arrays, "BATCH_ELEMENTS", 7)
    monkeypatch.setattr(arrays, "FIRST_BYTES", 64)
    monkeypatch.setattr(sources, "CHUNK", 50)  # read in small blocks: many chunks
    items = [{"organisasjonsnummer": f"{n:09d}", "navn": "x" * (n % 13)} for n in range(100)]
    path = tmp_path / "enheter_alle.json"
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    batches = list(iter_json_array_batches(path, batch_bytes))
    assert [batch.num_rows for batch in batches] == [7] * 14 + [2]
    assert [json.loads(raw) for batch in batches for raw in batch["raw"].to_pylist()] == items
