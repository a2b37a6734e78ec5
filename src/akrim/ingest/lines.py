"""A file's lines as Arrow batches, for readers whose parsing DuckDB does.

The same reading as `akrim.ingest.sources` (gzip recognised by its magic bytes, strict UTF-8, a
leading byte-order mark dropped, line numbers from 1, blank lines skipped, a CRLF's carriage
return dropped) and the same `FileError`s, but a batch's lines are cut out of the decompressed
bytes by numpy and handed to Arrow without a Python string per line: at national scale (2.6 GB
of text a month) per-line Python alone cost more than DuckDB's whole reading of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import orjson
import pyarrow as pa

from akrim.ingest.problems import FileError
from akrim.ingest.sources import TruncatedGzip, WithoutBom, iter_bytes, read_json_document

BATCH_BYTES = 1 << 25
"""Decompressed bytes of text per batch (a line longer than this is a batch of its own)."""
FIRST_BATCH_BYTES = 1 << 22
"""The first batch's size; each next batch doubles it, up to `BATCH_BYTES` (a batch is at least
one decompressed block: a MiB of gzip, 4-15 MB of text). Nothing is checked before the first
batch is read, so small first batches set both cores to work sooner: a national
Arbeidsgiveravgift file (99 MB of text, three batches at 32 MiB) loaded in 2.5-2.75 s at 32 MiB
batches, 2.1-2.2 s at 8 MiB and 2.3-2.5 s growing from 4 MiB, while a file of many batches
gains nothing from small ones (each plans its statements again)."""
LINES_SCHEMA = pa.schema([("line", pa.int64()), ("raw", pa.string())])


def utf8_error(path: Path, data: bytes, offset: int, lines_before: int) -> FileError:
    """The error for text (`data`, at `offset` after `lines_before` lines) that Arrow found not
    to be UTF-8: the first bad byte, its line and offset, worded as every reader words it."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return FileError(
            path, f"not valid UTF-8: byte 0x{data[exc.start]:02x} ({exc.reason})",
            line=lines_before + data.count(b"\n", 0, exc.start) + 1, offset=offset + exc.start,
        )
    raise AssertionError("Arrow found invalid UTF-8 that Python decodes")  # pragma: no cover


def _batch(path: Path, text: np.ndarray, newlines: np.ndarray, offset: int, lines_before: int
           ) -> pa.Table:
    """The non-blank lines of `text` (whole lines, their newlines at `newlines`), numbered from
    `lines_before` + 1. Arrow copies each line out of `text` (`take`), so the table holds none
    of it."""
    size = len(text)
    ends = newlines if size and text[-1] == 10 else np.append(newlines, size)
    starts = np.concatenate(([0], newlines[: len(ends) - 1] + 1)).astype(np.int64)
    stops = ends.astype(np.int64)
    # A line's trailing carriage returns are dropped, as `iter_lines` drops them.
    with_cr = np.flatnonzero((stops > starts) & (text[np.maximum(stops - 1, 0)] == 13))
    for index in with_cr.tolist():
        while stops[index] > starts[index] and text[stops[index] - 1] == 13:
            stops[index] -= 1
    bounds = np.empty(2 * len(starts), np.int64)
    bounds[0::2], bounds[1::2] = starts, stops
    spans = pa.LargeStringArray.from_buffers(
        len(bounds) - 1, pa.py_buffer(bounds), pa.py_buffer(text))
    raw = spans.take(pa.array(np.arange(0, len(bounds) - 1, 2)))
    try:
        raw.validate(full=True)
    except pa.ArrowInvalid:
        raise utf8_error(path, text.tobytes(), offset, lines_before) from None
    lengths = stops - starts
    keep = lengths > 0
    for index in np.flatnonzero(keep & (lengths <= 16)).tolist():
        keep[index] = bool(raw[index].as_py().strip())  # blank lines are skipped, as before
    numbers = np.arange(lines_before + 1, lines_before + 1 + len(starts), dtype=np.int64)
    table = pa.table([pa.array(numbers), raw.cast(pa.string())], schema=LINES_SCHEMA)
    return table if keep.all() else table.filter(pa.array(keep))


class _Held:
    """Decompressed text held until a batch of whole lines is read: one buffer, reused batch
    after batch. Joining a batch's blocks into new `bytes`, cutting it at its last newline
    and taking its newlines out (three copies) cost 5.1 s of CPU a national a-melding month,
    mostly the kernel mapping each new 32 MiB object in page by page."""

    def __init__(self) -> None:
        self.buffer = np.empty(0, np.uint8)
        self.size = 0

    def add(self, block: bytes) -> None:
        end = self.size + len(block)
        if end > len(self.buffer):
            grown = np.empty(max(end, 2 * len(self.buffer)), np.uint8)
            grown[: self.size] = self.buffer[: self.size]
            self.buffer = grown
        self.buffer[self.size:end] = np.frombuffer(block, np.uint8)
        self.size = end

    @property
    def text(self) -> np.ndarray:
        return self.buffer[: self.size]

    def drop(self, count: int) -> None:
        """Forget the first `count` bytes (a batch read), keeping the rest (a partial line)."""
        rest = self.size - count
        self.buffer[:rest] = self.buffer[count: self.size]
        self.size = rest


def iter_line_batches(path: Path, batch_bytes: int | None = None) -> Iterator[pa.Table]:
    """Yield tables of (line, raw): the file's non-blank lines, in order, about `batch_bytes`
    (default `BATCH_BYTES`) of text a table, the first ones less (`FIRST_BATCH_BYTES`)."""
    batch_bytes = batch_bytes or BATCH_BYTES
    size = min(FIRST_BATCH_BYTES, batch_bytes)
    held = _Held()
    offset = 0  # of the held text in the text after a byte order mark (`unmarked.skipped`)
    lines_before = 0
    unmarked = WithoutBom(iter_bytes(path))
    blocks = iter(unmarked)
    while True:
        try:
            block = next(blocks, b"")
        except TruncatedGzip as exc:
            counted = int(np.count_nonzero(held.text == 10))
            raise FileError(path, exc.reason, line=lines_before + counted + 1,
                            offset=exc.offset) from exc
        held.add(block)
        if block and held.size < size:
            continue
        newlines = np.flatnonzero(held.text == 10)
        cut = held.size if not block else (int(newlines[-1]) + 1 if len(newlines) else 0)
        if cut:
            yield _batch(path, held.text[:cut], newlines, unmarked.skipped + offset,
                         lines_before)
            offset += cut
            lines_before += len(newlines)
            held.drop(cut)
            size = min(size * 2, batch_bytes)
        if not block:
            return


def iter_json_record_batches(path: Path, batch_bytes: int | None = None
                             ) -> Iterator[pa.Table]:
    """Batches of (line, raw) JSON records: one document, or JSON lines, decided as
    `akrim.ingest.sources.iter_json_records` decides (by whether line 1 is a whole value).

    Lines are not parsed here: whoever reads them reports a broken line (`broken_json_line`).
    """
    batches = iter_line_batches(path, batch_bytes)
    head = next(batches, None)
    if head is None or not head.num_rows:
        yield from batches
        return
    try:
        orjson.loads(head["raw"][0].as_py())
    except orjson.JSONDecodeError:
        raw, _ = read_json_document(path)
        yield pa.table([pa.array([1], pa.int64()), pa.array([raw], pa.string())],
                       schema=LINES_SCHEMA)
        return
    yield head
    yield from batches


def broken_json_line(path: Path, line: int, raw: str) -> FileError:
    """The error for a JSON line that does not parse, worded as `iter_json_lines` words it."""
    try:
        orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return FileError(path, f"broken JSON ({exc})", line=line)
    return FileError(path, "broken JSON", line=line)
