"""The elements of a top-level JSON array (Brønnøysund's bulk files) as Arrow batches, for
readers whose parsing DuckDB does (`akrim.ingest.sqlstage`).

`iter_json_array_batches` yields what `akrim.ingest.sources.iter_json_array` yields, (line the
element starts on, raw element text), but without a Python object per element: the decompressed
bytes are read a chunk at a time and cut at element boundaries, line numbers come from the
newlines' positions, and the elements go to Arrow as slices of one buffer.

A chunk is cut by msgspec (`_Reader._by_decoding`): it reads the chunk up to a likely depth-1
comma (where the last chunk's gap and first key were seen again) as a whole JSON array, strictly,
and gives each element's length; a cut it reads is a cut at depth 1, as a parse is determined by
its start. msgspec reads a national enheter file in 0.6 s, where the structural pass below took
10 s. The first chunk (to see the layout), and any chunk msgspec does not read or where no likely
cut reads, take the structural pass (`_scan`, as simdjson's: quotes escaped by an odd run of
backslashes, strings by the parity of the other quotes, depth by the brackets outside strings;
commas at depth 1 separate elements); its elements are then checked to be JSON by DuckDB's
`json_valid`, and the few things that check allows but Python's `json` refuses (trailing commas,
NaN and infinities in any spelling) are looked for at every value's first byte.

Anything neither path reads (not an array, garbage after it, a broken element, bad UTF-8, NaN, a
truncated gzip stream) goes to `iter_json_array` itself, from the first element not yet yielded,
so that its `FileError` is raised exactly as before (and NaN or Infinity, which Python's `json`
reads, read as before).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import duckdb
import msgspec
import numpy as np
import pyarrow as pa

from akrim.ingest.batches import BATCH_RECORDS
from akrim.ingest.problems import FileError
from akrim.ingest.sources import WithoutBom, iter_bytes, iter_json_array

BATCH_BYTES = 1 << 25
"""Decompressed bytes read at a time (an element longer than this is a batch of its own)."""
BATCH_ELEMENTS = BATCH_RECORDS
"""Elements per batch at most, as the Python readers batch their records."""
FIRST_BYTES = 1 << 20
"""Decompressed bytes of the first chunk: read by the structural pass, it shows how elements
are laid out (`_Reader.pattern`) before the large chunks are read by msgspec."""
CUT_TRIES = 3
"""Likely cuts msgspec tries in a chunk before the structural pass reads it."""
HEAD_BYTES = 80
"""An element's first bytes looked at for its first key (`_Reader._learn`)."""
ELEMENTS_SCHEMA = pa.schema([("line", pa.int64()), ("raw", pa.string())])

# byte classes of the structural pass
QUOTE, BACKSLASH, OPEN_LIST, OPEN_OBJECT, CLOSE_LIST, CLOSE_OBJECT, COMMA, COLON = range(1, 9)
_CLASS = np.zeros(256, np.uint8)
for _char, _kind in zip(b'"\\[{]},:', range(1, 9), strict=True):
    _CLASS[_char] = _kind
_CLASSES = _CLASS.tobytes()
"""`_CLASS` for `bytes.translate`, which maps a chunk's bytes faster than numpy indexing."""
_WHITESPACE = np.zeros(256, np.bool_)
_WHITESPACE[list(b" \t\r\n")] = True
_VALUE_START = np.zeros(256, np.bool_)
"""The first byte of a JSON value as Python's `json` reads it (NaN and Infinity left out)."""
_VALUE_START[list(b'"{[-0123456789tfn')] = True
_DIGIT = np.zeros(256, np.bool_)
_DIGIT[list(b"0123456789")] = True
_LITERALS = {ord("t"): b"true", ord("f"): b"false", ord("n"): b"null"}


class Cut(NamedTuple):
    """A chunk's elements, and where the chunk is cut after them."""

    starts: np.ndarray
    ends: np.ndarray
    comma: int
    """The depth-1 comma after the last element, or -1: the array ended in the chunk."""


_DECODER = msgspec.json.Decoder(list[msgspec.Raw])
_SPACE = re.compile(rb"[ \t\r\n]*")
_GAP = re.compile(rb"[ \t\r\n]*,[ \t\r\n]*")


class _Fallback(Exception):
    """The file is not a plain, well-formed array: `iter_json_array` reads it."""


def _skip_whitespace(codes: np.ndarray, positions: np.ndarray, step: int) -> np.ndarray:
    """Each position moved by `step` over JSON whitespace (to -1 or len(codes) at an end)."""
    positions = positions.copy()
    n = len(codes)
    active = np.arange(len(positions))
    while len(active):
        at = positions[active]
        inside = (at >= 0) & (at < n)
        at_ws = np.zeros(len(active), np.bool_)
        at_ws[inside] = _WHITESPACE[codes[at[inside]]]
        active = active[at_ws]
        positions[active] += step
    return positions


def _values_are_plain_json(codes: np.ndarray, starts: np.ndarray,
                           after_list: np.ndarray) -> bool:
    """True when every value starting at `starts` begins as Python's `json` allows: DuckDB's
    JSON also takes a trailing comma (a ']' or '}' where a value is due) and NaN or infinity
    in any case. `after_list` marks the positions right after a '[' (where ']' may follow)."""
    n = len(codes)
    if len(starts) and (starts.max() >= n):
        return False
    first = codes[starts]
    ok = _VALUE_START[first] | (after_list & (first == ord("]")))
    if not ok.all():
        return False
    minus = starts[first == ord("-")]
    if len(minus) and ((minus + 1 >= n).any() or not _DIGIT[codes[minus + 1]].all()):
        return False
    for char, word in _LITERALS.items():
        at = starts[first == char]
        for offset, expected in enumerate(word[1:], 1):
            if not len(at):
                break
            if (at + offset >= n).any() or (codes[at + offset] != expected).any():
                return False
    return True


def _scan(data: bytes, codes: np.ndarray) -> tuple[np.ndarray, int]:
    """The structural pass of a chunk that starts inside the array, outside any element:
    (the depth-1 commas, the position of the array's ']' or -1).

    Raises `_Fallback` for what cannot be a well-formed array (a '}' closing it, a value that
    starts as Python's `json` would not read it)."""
    kinds = np.frombuffer(data.translate(_CLASSES), np.uint8)
    special = np.flatnonzero(kinds != 0)
    kind = kinds[special]
    # a quote is escaped by an odd run of backslashes right before it
    is_backslash = kind == BACKSLASH
    if is_backslash.any():
        backslashes = special[is_backslash]
        quote_index = np.flatnonzero(kind == QUOTE)
        quotes = special[quote_index]
        breaks = np.flatnonzero(np.diff(backslashes) != 1)
        run_ends = np.append(backslashes[breaks], backslashes[-1])
        run_starts = np.insert(backslashes[breaks + 1], 0, backslashes[0])
        index = np.minimum(np.searchsorted(run_ends, quotes - 1), len(run_ends) - 1)
        escaped = (run_ends[index] == quotes - 1) & (
            (run_ends[index] - run_starts[index]) % 2 == 0)
        keep = ~is_backslash
        keep[quote_index[escaped]] = False
        special, kind = special[keep], kind[keep]
    is_quote = kind == QUOTE
    in_string = np.bitwise_xor.accumulate(is_quote.view(np.uint8)).view(np.bool_) & ~is_quote
    outside = ~(in_string | is_quote)
    position, kind = special[outside], kind[outside]
    opens = (kind == OPEN_LIST) | (kind == OPEN_OBJECT)
    closes = (kind == CLOSE_LIST) | (kind == CLOSE_OBJECT)
    depth = 1 + np.cumsum(opens.astype(np.int64) - closes)
    ended = np.flatnonzero(depth <= 0)
    end = -1
    if len(ended):
        first = ended[0]
        if kind[first] != CLOSE_LIST:
            raise _Fallback
        end = int(position[first])
        position, kind, depth = position[:first], kind[:first], depth[:first]
    separators = position[(kind == COMMA) & (depth == 1)]
    value_due = (kind == COLON) | (kind == OPEN_LIST) | ((kind == COMMA) & (depth > 1))
    due = position[value_due]
    starts = _skip_whitespace(codes, due + 1, 1)
    cut = end if end >= 0 else (int(separators[-1]) if len(separators) else -1)
    inside = due < cut
    if not _values_are_plain_json(codes, starts[inside], (kind[value_due] == OPEN_LIST)[inside]):
        raise _Fallback
    return separators, end


def _framed(data: bytes, stop: int, closing: bytes) -> bytearray:
    """`[`, data[:stop] and `closing`: a whole array for msgspec, in one copy of the data."""
    framed = bytearray(b"[")
    framed += memoryview(data)[:stop]
    framed += closing
    return framed


def _element_lengths(framed: bytearray) -> list[int] | None:
    """The byte length of each element of `framed`, a whole JSON array, or None when msgspec
    does not read it. msgspec reads strictly: it refuses all Python's `json` refuses (NaN and
    infinities too, which Python reads: they take the structural pass, then `iter_json_array`)
    but bad UTF-8, which the Arrow batch's validation finds (`_Reader.batch`)."""
    try:
        return [len(raw) for raw in _DECODER.decode(framed)]
    except (msgspec.DecodeError, RecursionError):
        return None


def _after_gap(data: bytes, at: int) -> int:
    """Where the next element starts, after the element ending at `at`: past whitespace, one
    comma and whitespace (msgspec read the comma; anything else would be a fault here)."""
    gap = _GAP.match(data, at)
    if gap is None:
        raise _Fallback
    return gap.end()


def _offsets(data: bytes, codes: np.ndarray, lengths: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Where the elements msgspec read (of `lengths` bytes each) lie in `data`: the first after
    whitespace, each next after the one before and a gap of whitespace and one comma. The gaps
    of a file are mostly alike: one gap is taken for all and checked at once (its bytes after
    every element, and no whitespace right after it); otherwise each gap is matched."""
    sizes = np.asarray(lengths, np.int64)
    space = _SPACE.match(data)
    first = space.end() if space else 0
    if len(sizes) < 2:
        starts = np.full(len(sizes), first, np.int64)
        return starts, starts + sizes
    end = first + int(sizes[0])
    sep = codes[end:_after_gap(data, end)]
    starts = first + np.concatenate(([0], np.cumsum(sizes[:-1] + len(sep))))
    ends = starts + sizes
    if ends[-1] <= len(data) and all(
            (codes[ends[:-1] + j] == byte).all() for j, byte in enumerate(sep)) and not (
            _WHITESPACE[codes[starts[1:]]].any()):
        return starts, ends
    at = [first]
    for size in lengths[:-1]:
        at.append(_after_gap(data, at[-1] + size))
    starts = np.asarray(at, np.int64)
    return starts, starts + sizes


class _Reader:
    """The fast path's state over one file."""

    def __init__(self, path: Path, batch_bytes: int) -> None:
        self.path = path
        self.batch_bytes = max(1, batch_bytes)
        self.yielded = 0
        """Elements given out so far in batches (the slow path goes on after them)."""
        self.held: list[pa.Table] = []
        """Elements cut but not yet given out: a chunk's last few wait for the next chunk's
        first, so that every batch but the file's last holds `BATCH_ELEMENTS`."""
        self.pattern: bytes | None = None
        """A gap between two elements and the next element's first bytes, as last seen: where
        a chunk is likely to be cut at depth 1 (`_by_decoding`)."""
        self.con = duckdb.connect()

    def _by_decoding(self, data: bytes, codes: np.ndarray, final: bool) -> Cut | None:
        """The chunk's elements as msgspec reads them (`_element_lengths`), up to the last
        likely depth-1 comma (`pattern`), or to the array's end in the file's last chunk; None
        when msgspec cannot tell (the structural pass then reads the chunk)."""
        if final:
            lengths = _element_lengths(_framed(data, len(data), b""))
            if lengths is None or (not lengths and self.read):
                return None  # a broken end, or `,]`: the structural pass finds out which
            return Cut(*_offsets(data, codes, lengths), -1)
        if self.pattern is None:
            return None
        comma = self.pattern.index(b",")
        at = len(data)
        for _ in range(CUT_TRIES):
            at = data.rfind(self.pattern, 0, at)
            if at < 0:
                return None
            lengths = _element_lengths(_framed(data, at + comma, b"]"))
            if lengths:
                return Cut(*_offsets(data, codes, lengths), at + comma)
        return None

    def _by_scanning(self, data: bytes, codes: np.ndarray, final: bool) -> Cut | None:
        """The chunk's elements by the structural pass (`_scan`), up to its last depth-1 comma
        or the array's end; None when no comma is in it yet (more must be read)."""
        separators, end = _scan(data, codes)
        if end >= 0:
            starts = np.concatenate(([0], separators + 1))
            ends = np.append(separators, end)
            if not len(separators) and not self.read and not data[:end].strip(b" \t\r\n"):
                starts = ends = starts[:0]  # `[ ]`
            if data[end + 1:].strip(b" \t\r\n"):
                raise _Fallback  # something after the array
            cut = -1
        elif final:
            raise _Fallback  # the array is not closed
        elif not len(separators):
            return None
        else:
            cut = int(separators[-1])
            starts, ends = np.concatenate(([0], separators[:-1] + 1)), separators
        starts = _skip_whitespace(codes, starts, 1)
        ends = _skip_whitespace(codes, ends - 1, -1) + 1
        if (starts >= ends).any():
            raise _Fallback  # an empty element: `[1,,2]`, `[1, ]`
        if not _values_are_plain_json(codes, starts, np.zeros(len(starts), np.bool_)):
            raise _Fallback
        return Cut(starts, ends, cut)

    def _learn(self, data: bytes, starts: np.ndarray, ends: np.ndarray) -> None:
        if len(starts) < 2:
            return
        start = int(starts[-1])
        head = data[start:start + HEAD_BYTES]
        colon = head.find(b":") if head.startswith(b"{") else -1
        self.pattern = data[int(ends[-2]):start] + head[:colon + 1 if colon > 0 else 1]

    def batch(self, data: bytes, starts: np.ndarray, ends: np.ndarray, numbers: np.ndarray,
              checked: bool) -> pa.Table:
        """The elements data[starts[i]:ends[i]] as a checked Arrow table. `checked`: msgspec
        has read them; otherwise DuckDB checks that each is JSON."""
        bounds = np.empty(2 * len(starts), np.int64)
        bounds[0::2], bounds[1::2] = starts, ends
        spans = pa.LargeStringArray.from_buffers(
            len(bounds) - 1, pa.py_buffer(bounds), pa.py_buffer(data))
        raw = spans.take(pa.array(np.arange(0, len(bounds) - 1, 2)))
        try:
            raw.validate(full=True)
        except pa.ArrowInvalid:
            raise _Fallback from None
        table = pa.table([pa.array(numbers, pa.int64()), raw.cast(pa.string())],
                         schema=ELEMENTS_SCHEMA)
        if not checked and not self.con.from_arrow(table).aggregate(
                "coalesce(bool_and(json_valid(raw)), true)").fetchall()[0][0]:
            raise _Fallback
        return table

    def groups(self, data: bytes, cut: Cut, numbers: np.ndarray, checked: bool
               ) -> Iterator[pa.Table]:
        """The whole batches of `BATCH_ELEMENTS` that the elements of one chunk (starting on
        lines `numbers`) complete; the rest are held for the next chunk (`held`)."""
        first, count = 0, len(cut.starts)
        while first < count:
            room = BATCH_ELEMENTS - self.holding
            last = min(first + room, count)
            self.held.append(self.batch(data, cut.starts[first:last], cut.ends[first:last],
                                        numbers[first:last], checked))
            if last - first == room:
                yield self.release()
            first = last

    @property
    def holding(self) -> int:
        """Elements held."""
        return sum(int(table.num_rows) for table in self.held)

    @property
    def read(self) -> int:
        """Elements cut so far: those given out and those held."""
        return self.yielded + self.holding

    def release(self) -> pa.Table:
        """The held elements as one batch."""
        table = pa.concat_tables(self.held)
        self.held = []
        self.yielded += table.num_rows
        return table

    def batches(self) -> Iterator[pa.Table]:
        blocks = iter(WithoutBom(iter_bytes(self.path)))
        parts: list[bytes] = []
        size = 0
        target = min(self.batch_bytes, FIRST_BYTES)
        lines_before = 0
        started = ended = False
        while True:
            try:
                block = next(blocks, b"")
            except FileError:
                raise _Fallback from None
            if ended:
                if block.strip(b" \t\r\n"):
                    raise _Fallback  # something after the array
                if not block:
                    return
                continue
            if block:
                parts.append(block)
                size += len(block)
                if size < target:
                    continue
            data = b"".join(parts)
            parts, size = [], 0
            if not started:
                body = data.lstrip(b" \t\r\n")
                if not body:
                    if not block:
                        raise _Fallback  # an empty file
                    lines_before += data.count(b"\n")
                    continue
                if not body.startswith(b"["):
                    raise _Fallback
                skipped = len(data) - len(body) + 1
                lines_before += data.count(b"\n", 0, skipped)
                data = data[skipped:]
                started = True
            codes = np.frombuffer(data, np.uint8)
            cut = self._by_decoding(data, codes, final=not block)
            checked = cut is not None
            if cut is None:
                cut = self._by_scanning(data, codes, final=not block)
            if cut is None:
                parts, size, target = [data], len(data), max(target, len(data)) * 2
                continue
            newlines = np.flatnonzero(codes == 10)
            numbers = lines_before + 1 + np.searchsorted(newlines, cut.starts)
            yield from self.groups(data, cut, numbers, checked)
            self._learn(data, cut.starts, cut.ends)
            if cut.comma < 0:
                if self.held:
                    yield self.release()
                ended = True
                if not block:
                    return
                continue
            lines_before += int(np.searchsorted(newlines, cut.comma))
            rest = data[cut.comma + 1:]
            parts, size, target = [rest], len(rest), self.batch_bytes


def _python_batches(path: Path, skip: int) -> Iterator[pa.Table]:
    """`iter_json_array`'s elements after the first `skip`, in batches (or its error)."""
    lines: list[int] = []
    raws: list[str] = []
    for index, (line, raw, _) in enumerate(iter_json_array(path)):
        if index < skip:
            continue
        lines.append(line)
        raws.append(raw)
        if len(lines) >= BATCH_ELEMENTS:
            yield pa.table([pa.array(lines, pa.int64()), pa.array(raws, pa.string())],
                           schema=ELEMENTS_SCHEMA)
            lines, raws = [], []
    if lines:
        yield pa.table([pa.array(lines, pa.int64()), pa.array(raws, pa.string())],
                       schema=ELEMENTS_SCHEMA)


def iter_json_array_batches(path: Path, batch_bytes: int = BATCH_BYTES) -> Iterator[pa.Table]:
    """Tables of (line, raw): the elements of the file's top-level JSON array, in order, as
    `iter_json_array` gives them (and its `FileError` for a file it cannot read)."""
    reader = _Reader(path, batch_bytes)
    try:
        yield from reader.batches()
    except _Fallback:
        yield from _python_batches(path, reader.yielded)
    finally:
        reader.con.close()
