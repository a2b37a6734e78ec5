"""A CSV file with a header row as Arrow batches of (line, raw), for readers whose checking DuckDB
does (`akrim.ingest.sqlstage`). A row's `raw` is the JSON object of its columns, the very text
the Python CSV readers stored (`orjson.dumps` of the row `akrim.ingest.sources.iter_csv` gave),
so its record id and `source_record` payload are what they were.

The file is read as `iter_csv` reads it: gzip, strict UTF-8, a byte-order mark and the
`FileError`s of every reader (`akrim.ingest.sources`); the header is line 1, and its delimiter
is `;` if it holds more `;` than `,`; a row runs on over line breaks while its quotes do not pair
up (an odd count so far), starts on the first line that is not blank, and must have as many
fields as the header. Python's `csv` module stays the rule for what a row holds, but only rows
with a quote, a control character or more than `FIELD_LIMIT` bytes go to it, one by one (few in
any register akrim reads); all others are cut with numpy, split and written as JSON by Arrow,
with no Python per row.

Where `iter_csv` let a problem through, this raises a `FileError`: an error of the `csv` module
(a carriage return inside an unquoted field, a field over `FIELD_LIMIT` characters: `iter_csv`
stopped the load with `csv.Error`), and a row whose quotes pair up only over lines that `csv`
reads as more than one row (a stray quote in an unquoted field: `iter_csv` kept the first row
and dropped the others without a word).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from akrim.ingest.lines import LINES_SCHEMA, utf8_error
from akrim.ingest.problems import FileError
from akrim.ingest.sources import TruncatedGzip, WithoutBom, iter_bytes

BATCH_BYTES = 1 << 21
"""Decompressed bytes of text a batch holds at least (a block as `iter_bytes` reads it, about
4 MB, at most): DuckDB stages a batch on one thread, several at once (`sqlstage`), so a file of
a few MB in batches of a block or two kept both cores busy where one batch kept one (a copy of
the county HMS cards ten times its size: 1.05-1.1 s against 1.25 s in one batch)."""
FIELD_LIMIT = csv.field_size_limit()
"""The `csv` module's longest field (characters): a row of at most this many bytes has none
longer, so only longer rows need `csv` to tell whether one is."""
NEWLINE, CR, QUOTE = 10, 13, 34
_SPECIAL = np.array([code < 32 or code == QUOTE for code in range(256)])
"""A byte that keeps a row off the plain path: a quote or a control character."""
_NO_INK = np.array([code >= 128 or chr(code).isspace() for code in range(256)])
"""A byte of a line that may be blank: ASCII whitespace, or part of a character beyond ASCII."""


@dataclass(frozen=True)
class Header:
    """A file's header: its delimiter, its column names (trimmed) and the keys of a row's JSON
    as `dict(zip(names, values))` has them: a name given twice keeps its first place and takes
    the value of its last column. `keys` gives each key as JSON with its value's column."""

    delimiter: str
    names: tuple[str, ...]
    keys: tuple[tuple[str, int], ...]

    @classmethod
    def parse(cls, path: Path, text: str, required: tuple[str, ...]) -> Header:
        line = text.rstrip("\r")
        delimiter = ";" if line.count(";") > line.count(",") else ","
        try:
            names = [name.strip() for name in next(csv.reader([line], delimiter=delimiter))]
        except csv.Error as exc:
            raise FileError(path, f"broken CSV ({exc})", line=1) from None
        missing = [name for name in required if name not in names]
        if missing:
            raise FileError(path, f"missing required column(s): {', '.join(missing)}", line=1)
        last = {name: index for index, name in enumerate(names)}
        return cls(delimiter, tuple(names),
                   tuple((orjson.dumps(name).decode(), index) for name, index in last.items()))

    def payload(self, values: list[str]) -> str:
        """A row's JSON as the Python readers wrote it."""
        return orjson.dumps(dict(zip(self.names, values, strict=True))).decode()

    def payloads(self, fields: pa.Array) -> pa.Array:
        """The JSON of rows split into `fields` (lists of values with nothing JSON escapes but
        a backslash, already doubled): the same text as `payload`."""
        if not self.keys:
            return pa.array(["{}"] * len(fields), pa.large_string())
        def text(piece: str) -> pa.Scalar:
            return pa.scalar(piece, pa.large_string())

        pieces: list[object] = []
        for n, (key, index) in enumerate(self.keys):
            pieces += [text(("{" if n == 0 else '",') + key + ':"'),
                       pc.list_element(fields, index)]
        return pc.binary_join_element_wise(*pieces, text('"}'), text(""))


def _validate_utf8(path: Path, data: bytes, offset: int, lines_before: int) -> None:
    whole = pa.LargeStringArray.from_buffers(
        1, pa.py_buffer(np.array([0, len(data)], np.int64)), pa.py_buffer(data))
    try:
        whole.validate(full=True)
    except pa.ArrowInvalid:
        raise utf8_error(path, data, offset, lines_before) from None


def _within(positions: np.ndarray, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """How many of the sorted `positions` lie in each range [start, stop)."""
    return np.searchsorted(positions, stops) - np.searchsorted(positions, starts)


def _plain_text(codes: np.ndarray, starts: np.ndarray, stops: np.ndarray) -> pa.Array:
    """The byte ranges [start, stop) of `codes` as strings, cut out without a Python loop."""
    mark = np.zeros(len(codes) + 1, np.int8)
    mark[starts] = 1
    mark[stops] = -1  # ranges never touch: a newline lies between any two
    values = codes[np.cumsum(mark[:-1], dtype=np.int8).astype(bool)]
    offsets = np.concatenate(([0], np.cumsum(stops - starts))).astype(np.int64)
    return pa.LargeStringArray.from_buffers(len(starts), pa.py_buffer(offsets),
                                            pa.py_buffer(values.tobytes()))


class _Rows:
    """Cuts one piece of a file (whole lines from line `first_line` on) into rows."""

    def __init__(self, path: Path, header: Header, data: bytes, first_line: int,
                 final: bool) -> None:
        self.path, self.header, self.data, self.first_line = path, header, data, first_line
        self.codes = codes = np.frombuffer(data, np.uint8)
        newlines = np.flatnonzero(codes == NEWLINE)
        ends = newlines
        if final and len(data) and data[-1] != NEWLINE:
            ends = np.append(newlines, len(data))
        line_starts = np.concatenate(([0], newlines + 1))[: len(ends)]
        quotes = np.searchsorted(newlines, np.flatnonzero(codes == QUOTE))
        # A row ends with the first line where its quotes pair up (`iter_csv`'s rule).
        closing = np.flatnonzero(np.cumsum(np.bincount(quotes, minlength=len(ends))) % 2 == 0)
        self.firsts = np.concatenate(([0], closing[:-1] + 1)).astype(np.int64)[: len(closing)]
        self.starts = line_starts[self.firsts].astype(np.int64)
        self.stops = ends[closing].astype(np.int64)
        self.used = min(int(self.stops[-1]) + 1, len(data)) if len(closing) else 0
        self.open_line = first_line + (int(closing[-1]) + 1 if len(closing) else 0)
        self.unterminated = final and self.open_line < first_line + len(ends)

    def _kinds(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(plain, blank, content stops): a plain row has no quote and no control character
        but a carriage return at its end (left out of its content) and is short enough."""
        codes, starts, stops = self.codes, self.starts, self.stops
        content = stops - ((stops > starts) & (codes[np.maximum(stops - 1, 0)] == CR))
        plain = (_within(np.flatnonzero(_SPECIAL[codes]), starts, content) == 0) & (
            stops - starts <= FIELD_LIMIT)
        no_ink = _within(np.flatnonzero(_NO_INK[codes]), starts, stops) == stops - starts
        blank = np.zeros(len(starts), bool)
        for index in np.flatnonzero(no_ink).tolist():  # few: lines without ASCII ink
            blank[index] = not self.data[starts[index]:stops[index]].decode().strip()
        return plain & ~blank, blank, content

    def table(self) -> pa.Table:
        """The rows as (line, raw); raises the first `FileError` among them."""
        lines = self.first_line + self.firsts
        plain, blank, content = self._kinds()
        text = _plain_text(self.codes, self.starts[plain], content[plain])
        if b"\\" in self.data:  # JSON doubles a backslash
            text = pc.replace_substring(text, "\\", "\\\\")
        fields = pc.split_pattern(text, self.header.delimiter)
        counts = pc.list_value_length(fields).to_numpy(zero_copy_only=False)
        errors: list[tuple[int, FileError]] = []
        wrong = np.flatnonzero(counts != len(self.header.names))
        if len(wrong):
            line = int(lines[plain][wrong[0]])
            errors.append((line, self._count_error(int(counts[wrong[0]]), line)))
        odd = np.flatnonzero(~plain & ~blank)
        odd_lines, odd_raw = [], []
        for index in odd.tolist():
            line = int(lines[index])
            if errors and line > errors[0][0]:
                break
            try:
                odd_raw.append(self._odd(index, line))
            except FileError as exc:
                errors.append((line, exc))
                break
            odd_lines.append(line)
        if errors:
            raise min(errors, key=lambda error: error[0])[1]
        if self.unterminated:
            raise FileError(self.path, "unterminated quoted field at end of file",
                            line=self.open_line)
        raw = self.header.payloads(fields)
        numbers = lines[plain]
        if odd_lines:
            numbers = np.concatenate((numbers, odd_lines))
            order = np.argsort(numbers, kind="stable")
            numbers = numbers[order]
            raw = pa.concat_arrays([raw, pa.array(odd_raw, pa.large_string())]).take(order)
        return pa.table([pa.array(numbers, pa.int64()), raw.cast(pa.string())],
                        schema=LINES_SCHEMA)

    def _count_error(self, count: int, line: int) -> FileError:
        return FileError(self.path, f"row has {count} fields where the header has "
                                    f"{len(self.header.names)}", line=line)

    def _odd(self, index: int, line: int) -> str:
        """A row `csv` reads, as `iter_csv` read it, with its errors."""
        text = self.data[self.starts[index]:self.stops[index]].decode()
        rows = csv.reader(io.StringIO(text), delimiter=self.header.delimiter)
        try:
            values = next(rows, [])
        except csv.Error as exc:
            raise FileError(self.path, f"broken CSV ({exc})", line=line) from None
        if len(values) != len(self.header.names):
            raise self._count_error(len(values), line)
        try:
            more = next(rows, None) is not None
        except csv.Error:
            more = True
        if more:  # what `iter_csv` dropped
            last = line + text.count("\n")
            raise FileError(self.path, f"unbalanced quotes: lines {line}-{last} hold more than "
                                       "one row", line=line)
        return self.header.payload(values)


def iter_csv_batches(path: Path, *, required: tuple[str, ...],
                     batch_bytes: int | None = None) -> Iterator[pa.Table]:
    """Yield tables of (line, raw) for the rows of a CSV file, in order, about `batch_bytes`
    (default `BATCH_BYTES`) of text a table; a required column missing aborts the load."""
    batch_bytes = batch_bytes or BATCH_BYTES
    want = batch_bytes
    header: Header | None = None
    pending, offset, line = b"", 0, 1  # `pending` starts at `offset` after a byte order mark
    unmarked = WithoutBom(iter_bytes(path))  # (`unmarked.skipped`), on line `line`
    blocks = iter(unmarked)
    while True:
        truncated: TruncatedGzip | None = None
        try:
            block = next(blocks, b"")
        except TruncatedGzip as exc:
            block, truncated = b"", exc
        pending += block
        if block and len(pending) < want:
            continue
        final = not block and truncated is None
        data = pending if final else pending[: pending.rfind(b"\n") + 1]
        _validate_utf8(path, data, unmarked.skipped + offset, line - 1)
        used = 0
        if header is None and (data or final):
            if not data:
                raise FileError(path, "empty file: no header row", line=1)
            newline = data.find(b"\n")
            cut = len(data) if newline < 0 else newline + 1
            header = Header.parse(path, data[: cut - (newline >= 0)].decode(), required)
            data, pending, offset, line = data[cut:], pending[cut:], offset + cut, line + 1
            used = cut
        if header is not None and data:
            rows = _Rows(path, header, data, line, final)
            table = rows.table()
            if table.num_rows:
                yield table
            used += rows.used
            pending, offset = pending[rows.used:], offset + rows.used
            line += data.count(b"\n", 0, rows.used)
        # A row still open (or a header line unfinished) waits for more text: ask for twice as
        # much, so that a long quoted field is not scanned again for every block.
        want = batch_bytes if used else max(want, 2 * len(pending))
        if truncated is not None:
            raise FileError(path, truncated.reason, line=line + pending.count(b"\n"),
                            offset=truncated.offset)
        if not block:
            return
