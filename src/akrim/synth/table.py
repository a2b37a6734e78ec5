"""A columnar table of numpy arrays that planted schemes can append rows to."""

from __future__ import annotations

from typing import Any

import numpy as np

NODATE = -(2**31)
"""No date, in an int32 day-number column (columns named `*_day`)."""


class Table:
    """Named numpy columns of equal length; `add` queues rows that `seal` appends at once."""

    def __init__(self, columns: dict[str, np.ndarray]) -> None:
        lengths = {len(v) for v in columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of unequal length: {lengths}")
        self.columns = columns
        self._pending: list[dict[str, Any]] = []
        self._size = lengths.pop() if lengths else 0

    def __len__(self) -> int:
        return self._size + len(self._pending)

    def __getitem__(self, name: str) -> np.ndarray:
        if self._pending:
            self.seal()
        return self.columns[name]

    def add(self, **values: Any) -> int:
        """Queue one row (unnamed columns get their type's default); returns its index."""
        unknown = set(values) - set(self.columns)
        if unknown:
            raise KeyError(f"unknown columns {sorted(unknown)}")
        self._pending.append(values)
        return len(self) - 1

    def seal(self) -> None:
        if not self._pending:
            return
        rows, self._pending = self._pending, []
        for name, column in self.columns.items():
            fill = NODATE if name.endswith("_day") else _default(column)
            extra = np.array([row.get(name, fill) for row in rows], dtype=column.dtype)
            self.columns[name] = np.concatenate([column, extra])
        self._size += len(rows)

    def set(self, name: str, index: int, value: Any) -> None:
        self[name][index] = value


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
