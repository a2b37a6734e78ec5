"""Deterministic streaming writers: gzip with a fixed header (no file name, mtime 0), so the same
seed gives byte-identical files, and nothing is held in memory beyond one record."""

from __future__ import annotations

import csv
import gzip
import io
from abc import ABC, abstractmethod
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import orjson

LEVEL = 1
"""gzip level: speed over size (≈25 % larger than level 6, several times faster)."""


def open_gz(path: Path) -> io.TextIOWrapper:
    raw = path.open("wb")
    gz = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=LEVEL, mtime=0)
    return io.TextIOWrapper(gz, encoding="utf-8", newline="\n", write_through=False)


class _Base(ABC):
    """A record writer over a plain or gzip'd text file that counts what it writes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stream = open_gz(path) if path.name.endswith(".gz") else path.open(
            "w", encoding="utf-8", newline="\n")
        self.count = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @abstractmethod
    def write(self, record: Any) -> None:
        """Write one record (a JSON value, or a CSV row as a dict)."""

    def close(self) -> None:
        self.stream.close()


class JsonArrayWriter(_Base):
    """A top-level JSON array, one element a line (Brønnøysund's bulk files are a JSON array)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.stream.write("[\n")

    def write(self, record: Any) -> None:
        self.write_raw(orjson.dumps(record).decode())

    def write_raw(self, text: str) -> None:
        if self.count:
            self.stream.write(",\n")
        self.stream.write(text)
        self.count += 1

    def close(self) -> None:
        self.stream.write("\n]\n")
        super().close()


class JsonLinesWriter(_Base):
    def write(self, record: Any) -> None:
        self.write_raw(orjson.dumps(record).decode())

    def write_raw(self, text: str) -> None:
        self.stream.write(text)
        self.stream.write("\n")
        self.count += 1


class CsvWriter(_Base):
    def __init__(self, path: Path, header: tuple[str, ...]) -> None:
        super().__init__(path)
        self.header = header
        self.csv = csv.writer(self.stream, lineterminator="\n")
        self.csv.writerow(header)

    def write(self, record: dict[str, Any]) -> None:
        self.csv.writerow(["" if record.get(h) is None else record[h] for h in self.header])
        self.count += 1
