"""A columnar table of numpy arrays that planted schemes can append rows to."""

from __future__ import annotations

from typing import Any

import numpy as np

NODATE = -(2**31)
"""No date, in an int32 day-number column (columns named `*_day`)."""


class Table:
    """Named numpy columns of equal length. ``add`` appends one row in amortised constant time
    (the arrays keep spare capacity), so planting thousands of rows into a national-scale table
    stays cheap. ``table[name]`` and ``table.columns[name]`` are views of the live rows: write
    through them freely, but fetch them again after an ``add``."""

    def __init__(self, columns: dict[str, np.ndarray]) -> None:
        lengths = {len(v) for v in columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of unequal length: {lengths}")
        self._data = dict(columns)
        self._size = lengths.pop() if lengths else 0

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, name: str) -> np.ndarray:
        return self._data[name][: self._size]

    @property
    def columns(self) -> dict[str, np.ndarray]:
        return {name: data[: self._size] for name, data in self._data.items()}

    def add(self, **values: Any) -> int:
        """Append one row (unnamed columns get their type's default); returns its index."""
        unknown = set(values) - set(self._data)
        if unknown:
            raise KeyError(f"unknown columns {sorted(unknown)}")
        row = self._size
        for name, data in list(self._data.items()):
            if row >= len(data):
                grown = np.empty(row + row // 4 + 16, dtype=data.dtype)
                grown[:row] = data[:row]
                self._data[name] = data = grown
            data[row] = values.get(name, NODATE if name.endswith("_day") else _default(data))
        self._size += 1
        return row


def _default(column: np.ndarray) -> Any:
    kind = column.dtype.kind
    if kind == "b":
        return False
    if kind in "iu":
        return -1 if kind == "i" else 0
    if kind == "f":
        return 0.0
    if kind == "S":
        return b""
    return None
