"""akrim.ingest.csvlines: a CSV file's rows as `sources.iter_csv` reads them (line numbers,
blank lines, quoted fields over lines, delimiter, header, `FileError`s), each as the JSON the
Python readers stored (`orjson.dumps` of the row), held to `iter_csv` with hypothesis on text
that is CSV and text that is not, cut into batches anywhere."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akrim.ingest import sources
from akrim.ingest.csvlines import iter_csv_batches
from akrim.ingest.problems import FileError
from fixtures.shapes import write_bytes

REQUIRED = ("a",)
cells = st.text(alphabet=st.sampled_from(list('ab æ,;"\n\r\t\\\x00\x0b\x1c\u00a0\u2028€')),
                max_size=6)


def written(row: list[str], delimiter: str, quoting: int) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="").writerow(row)
    return buffer.getvalue()


lines = st.one_of(
    st.lists(cells, min_size=1, max_size=4).map(",".join),  # CSV or not
    st.tuples(st.lists(cells, min_size=3, max_size=3), st.sampled_from([",", ";"]),
              st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])).map(lambda t: written(*t)),
    st.sampled_from(["", "  ", "\r", "\u00a0", '"', 'x,"y', 'p"q,r,s', "1,2,3", "1;2;3"]),
)
headers = st.sampled_from(["a,b,c", "a;b;c", ' a ,"b",c', "a,b,a", "a", "b,c", "", "a,b,c\r",
                           "a;b,c", 'a,"b\rc",d', "\ufeffa,b,c"])


def iter_csv_rows(path: Path) -> list[tuple[int, str]]:
    return [(line, orjson.dumps(row).decode())
            for line, row in sources.iter_csv(path, required=REQUIRED)]


def csv_batch_rows(path: Path, batch_bytes: int) -> list[tuple[int, str]]:
    return [(line, raw) for table in iter_csv_batches(path, required=REQUIRED,
                                                      batch_bytes=batch_bytes)
            for line, raw in zip(table["line"].to_pylist(), table["raw"].to_pylist(),
                                 strict=True)]


def outcome(read: Any, path: Path) -> tuple[Any, ...]:
    try:
        return ("rows", read(path))
    except FileError as exc:
        assert exc.file == str(path)
        return ("error", exc.line, exc.offset, exc.reason)
    except csv.Error as exc:
        return ("csv", str(exc))


def more_than_one_row(text: str, delimiter: str) -> bool:
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    next(rows)
    try:
        return next(rows, None) is not None
    except csv.Error:
        return True


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=headers, body=st.lists(lines, max_size=8),
       terminator=st.sampled_from(["\n", "\r\n"]), end=st.booleans(), gz=st.booleans(),
       chunk=st.integers(3, 40), batch=st.integers(1, 80))
def test_rows_as_iter_csv(tmp_path_factory: pytest.TempPathFactory, header: str,
                          body: list[str], terminator: str, end: bool, gz: bool, chunk: int,
                          batch: int) -> None:
    text = terminator.join([header, *body]) + (terminator if end else "")
    path = write_bytes(tmp_path_factory.mktemp("csv") / ("t.csv.gz" if gz else "t.csv"),
                       text.encode())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "CHUNK", chunk)
        old = outcome(iter_csv_rows, path)
        new = outcome(lambda p: csv_batch_rows(p, batch), path)
    if new[0] == "error" and new[3].startswith("unbalanced quotes"):
        # lines whose quotes pair up only together, which csv reads as more than one row:
        # iter_csv kept the first row, dropped the others and read on
        first, last = map(int, new[3].split()[3].split("-"))
        joined = "\n".join(text.split("\n")[first - 1:last])
        delimiter = ";" if header.count(";") > header.count(",") else ","
        assert more_than_one_row(joined, delimiter)
        assert old[0] in ("rows", "csv") or old[1] > first
    elif old[0] == "csv":  # iter_csv stopped with csv's own error: now a FileError
        assert new[0] == "error" and new[3] == f"broken CSV ({old[1]})"
    else:
        assert new == old


def test_a_stray_quote_that_would_drop_rows_stops_the_load(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "t.csv", b'a,b\n1,x"y\n2,z\n3,w"v\n4,u\n')
    assert [line for line, _ in iter_csv_rows(path)] == [2, 5]  # rows 3 and 4 were lost
    with pytest.raises(FileError) as caught:
        csv_batch_rows(path, 1 << 20)
    assert caught.value.line == 2
    assert caught.value.reason == "unbalanced quotes: lines 2-4 hold more than one row"


@pytest.mark.parametrize(("data", "line", "reason"), [
    (b"a,b\n1,2\n3,4\xe5\n", 3, "not valid UTF-8: byte 0xe5 (invalid continuation byte)"),
    (b"", 1, "empty file: no header row"),
    (b"\xef\xbb\xbf", 1, "empty file: no header row"),
    (b"b,c\n1,2\n", 1, "missing required column(s): a"),
    (b"a,b\n1,2\n3\n", 3, "row has 1 fields where the header has 2"),
    (b'a,b\n1,2\n3,"4\n', 3, "unterminated quoted field at end of file"),
    (b"a,b\n1,x\ry\n", 2, "broken CSV (new-line character seen in unquoted field - do you need "
                         "to open the file in universal-newline mode?)"),
])
def test_file_errors(tmp_path: Path, data: bytes, line: int, reason: str) -> None:
    path = write_bytes(tmp_path / "t.csv", data)
    with pytest.raises(FileError) as caught:
        csv_batch_rows(path, 1 << 20)
    assert (caught.value.line, caught.value.reason) == (line, reason)


def test_a_truncated_gzip_names_the_line_after_the_last_whole_one(tmp_path: Path) -> None:
    text = "a,b\n" + "".join(f"{n},{'x' * (n % 50)}\n" for n in range(20_000))
    data = gzip.compress(text.encode(), mtime=0)
    path = write_bytes(tmp_path / "t.csv", data[: len(data) // 2])
    with pytest.raises(FileError) as old:
        iter_csv_rows(path)
    with pytest.raises(FileError) as new:
        csv_batch_rows(path, 1 << 12)
    assert (new.value.line, new.value.offset, new.value.reason) == (
        old.value.line, old.value.offset, old.value.reason)
    assert "truncated" in new.value.reason


def test_rows_in_many_batches_as_in_one(tmp_path: Path) -> None:
    """Batches cut between rows, never inside a quoted field; every row once, in order."""
    rows = [[str(n), "x" * (n % 7), f'"{n}"\n,{n}' if n % 5 == 0 else "", "ø\\"]
            for n in range(2_000)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([["a", "b", "c", "d"], *rows])
    path = write_bytes(tmp_path / "t.csv", buffer.getvalue().encode())
    whole = csv_batch_rows(path, 1 << 24)
    assert whole == iter_csv_rows(path)
    assert csv_batch_rows(path, 100) == whole
    assert [orjson.loads(raw)["a"] for _, raw in whole] == [row[0] for row in rows]
