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
from akrim.ingest.sources import TruncatedGzip, iter_bytes, read_json_document

BATCH_BYTES = 1 << 25
"""Decompressed bytes of text per batch (a line longer than this is a batch of its own)."""
BOM = b"\xef\xbb\xbf"
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


def _batch(path: Path, data: bytes, offset: int, lines_before: int) -> tuple[pa.Table, int]:
    """The non-blank lines of `data` (whole lines), numbered from `lines_before` + 1, and the
    number of newlines in `data`."""
    codes = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(codes == 10)
    ends = newlines if data.endswith(b"\n") else np.append(newlines, len(data))
    starts = np.concatenate(([0], newlines[: len(ends) - 1] + 1)).astype(np.int64)
    stops = ends.astype(np.int64)
    # A line's trailing carriage returns are dropped, as `iter_lines` drops them.
    with_cr = np.flatnonzero((stops > starts) & (codes[np.maximum(stops - 1, 0)] == 13))
    for index in with_cr.tolist():
        while stops[index] > starts[index] and codes[stops[index] - 1] == 13:
            stops[index] -= 1
    if len(with_cr):
        values = b"".join(data[a:b] for a, b in zip(starts.tolist(), stops.tolist(),
                                                     strict=True))
    else:  # the lines lie back to back once their newlines are cut out (in C, one pass)
        values = data.replace(b"\n", b"")
    offsets = np.concatenate(([0], np.cumsum(stops - starts))).astype(np.int64)
    raw = pa.LargeStringArray.from_buffers(
        len(starts), pa.py_buffer(offsets), pa.py_buffer(values))
    try:
        raw.validate(full=True)
    except pa.ArrowInvalid:
        raise utf8_error(path, data, offset, lines_before) from None
    lengths = stops - starts
    keep = lengths > 0
    for index in np.flatnonzero(keep & (lengths <= 16)).tolist():
        keep[index] = bool(raw[index].as_py().strip())  # blank lines are skipped, as before
    numbers = np.arange(lines_before + 1, lines_before + 1 + len(starts), dtype=np.int64)
    table = pa.table([pa.array(numbers), raw.cast(pa.string())], schema=LINES_SCHEMA)
    return (table if keep.all() else table.filter(pa.array(keep))), len(newlines)


def iter_line_batches(path: Path, batch_bytes: int | None = None) -> Iterator[pa.Table]:
    """Yield tables of (line, raw): the file's non-blank lines, in order, about `batch_bytes`
    (default `BATCH_BYTES`) of text a table."""
    batch_bytes = batch_bytes or BATCH_BYTES
    # The blocks of a batch are joined once it is whole: adding each block to the bytes so far
    # copied them again for every block (a fifth of this reader's time at national scale).
    blocks_held: list[bytes] = []
    held = 0
    offset = 0  # of the held text in the decompressed stream
    lines_before = 0
    blocks = iter_bytes(path)
    first = True
    while True:
        try:
            block = next(blocks, b"")
        except TruncatedGzip as exc:
            newlines = sum(part.count(b"\n") for part in blocks_held)
            raise FileError(path, exc.reason, line=lines_before + newlines + 1,
                            offset=exc.offset) from exc
        if first and block:
            first = False
            if block.startswith(BOM):
                block, offset = block[len(BOM):], len(BOM)
        blocks_held.append(block)
        held += len(block)
        if block and held < batch_bytes:
            continue
        pending = b"".join(blocks_held)
        cut = len(pending) if not block else pending.rfind(b"\n") + 1
        if cut:
            data, pending = pending[:cut], pending[cut:]
            table, newlines = _batch(path, data, offset, lines_before)
            yield table
            offset += len(data)
            lines_before += newlines
        blocks_held, held = [pending], len(pending)
        if not block:
            if pending:
                yield _batch(path, pending, offset, lines_before)[0]
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
