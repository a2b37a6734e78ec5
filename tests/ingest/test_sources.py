"""akrim.ingest.sources: the stream parsers, checked against the standard library with
hypothesis (random JSON arrays and CSV files, tiny read chunks so that every element and every
multi-byte character gets cut at a chunk border somewhere)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import tempfile
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from akrim.ingest import sources
from akrim.ingest.problems import FileError

TRICKY = "[]{},:\"\\\n\t ærøåÆØÅłŁżŻėĖšŠ€😀"
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])
               | st.sampled_from(list(TRICKY)), max_size=20)
scalars = (st.none() | st.booleans() | st.integers(-10**12, 10**12)
           | st.floats(allow_nan=False, allow_infinity=False) | text)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(text, inner, max_size=4), max_leaves=12)
whitespace = st.text(alphabet=" \t\r\n", max_size=4)


@st.composite
def json_array_files(draw: st.DrawFn) -> tuple[str, list[Any], list[int]]:
    """(file text, elements, line each element starts on)."""
    elements = draw(st.lists(values, max_size=8))
    parts = ["[", draw(whitespace)]
    starts = []
    for n, element in enumerate(elements):
        if n:
            parts += [draw(whitespace), ",", draw(whitespace)]
        indent = draw(st.sampled_from([None, 0, 1, 2, 4]))
        separators = draw(st.sampled_from([None, (",", ":"), (", ", " : ")]))
        before = "".join(parts)
        starts.append(before.count("\n") + 1)
        parts.append(json.dumps(element, indent=indent, separators=separators,
                                ensure_ascii=draw(st.booleans())))
    parts += [draw(whitespace), "]", draw(whitespace)]
    return "".join(parts), elements, starts


def write(data: bytes, name: str, gzipped: bool) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="akrim-sources-"))
    path = folder / (name + (".gz" if gzipped else ""))
    path.write_bytes(gzip.compress(data, mtime=0) if gzipped else data)
    return path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=json_array_files(), chunk=st.integers(4, 64), gzipped=st.booleans())
def test_iter_json_array_yields_what_json_loads_does(
    case: tuple[str, list[Any], list[int]], chunk: int, gzipped: bool
) -> None:
    content, elements, starts = case
    path = write(content.encode("utf-8"), "array.json", gzipped)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "CHUNK", chunk)
        found = list(sources.iter_json_array(path))
    assert [value for _, _, value in found] == json.loads(content) == elements
    assert [line for line, _, _ in found] == starts
    for _, raw, value in found:
        assert json.loads(raw) == value


@pytest.mark.parametrize("number", ["1.5", "-0.25", "1e5", "2.5E-3", "12345.678e+2"])
@pytest.mark.parametrize("chunk", [3, 4, 5, 6, 7])
def test_numbers_cut_by_a_chunk_border(number: str, chunk: int, tmp_path: Path) -> None:
    content = f"[{number},{number}]"
    path = tmp_path / "numbers.json"
    path.write_text(content)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "CHUNK", chunk)
        found = [value for _, _, value in sources.iter_json_array(path)]
    assert found == json.loads(content)


def test_iter_json_array_rejects_a_non_array(tmp_path: Path) -> None:
    path = tmp_path / "object.json"
    path.write_text('\n\n{"a": 1}')
    with pytest.raises(FileError) as caught:
        list(sources.iter_json_array(path))
    assert caught.value.line == 3


cells = st.text(alphabet=st.sampled_from(list('abcæøåŁż ,;"\'\n\r\t{}[]€')), max_size=12)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(cells, min_size=3, max_size=3), max_size=8),
       delimiter=st.sampled_from([",", ";"]), chunk=st.integers(4, 64),
       quoting=st.sampled_from([0, 1]), terminator=st.sampled_from(["\n", "\r\n"]))
def test_iter_csv_round_trips_csv_writer(
    rows: list[list[str]], delimiter: str, chunk: int, quoting: Literal[0, 1], terminator: str
) -> None:
    # csv.writer leaves a bare "\r" unquoted under QUOTE_MINIMAL: that file really ends a row.
    assume(quoting == csv.QUOTE_ALL or not any("\r" in cell for row in rows for cell in row))
    header = ["kol_a", "kol_b", "kol_c"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=terminator)
    writer.writerow(header)
    starts = []
    for row in rows:
        starts.append(buffer.getvalue().count("\n") + 1)
        writer.writerow(row)
    path = write(buffer.getvalue().encode("utf-8"), "table.csv", False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "CHUNK", chunk)
        found = list(sources.iter_csv(path, required=("kol_a",)))
    assert [list(row.values()) for _, row in found] == rows
    assert [line for line, _ in found] == starts
