"""Comparison keys for person records: folded names, name skeletons, address keys."""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

from akrim.link.normalise import fold_name, line_address_key, name_skeleton


def _mapped(values: pa.ChunkedArray, fn: Callable[[str | None], str | None]) -> pa.ChunkedArray:
    """`fn` of each value, computed once per distinct value (Arrow maps the rest)."""
    distinct = pc.unique(values)
    keys = pa.array([fn(value) for value in distinct.to_pylist()], pa.string())
    return keys.take(pc.index_in(values, value_set=distinct))


def add_name_keys(records: pa.Table) -> pa.Table:
    """Add fornavn_n/_s and etternavn_n/_s. Names repeat a great deal (one person in several
    registers, a common name in thousands): each distinct name is normalised once."""
    for column in ("fornavn", "etternavn"):
        values = records.column(column)
        records = records.append_column(f"{column}_n", _mapped(values, fold_name))
        records = records.append_column(f"{column}_s", _mapped(values, name_skeleton))
    return records


def add_keys(records: pa.Table) -> pa.Table:
    """`add_name_keys`, and `adresse` replaced by its address key: for records from outside the
    store (the store's own come keyed from its `address_keys`, akrim.link.addresses)."""
    records = add_name_keys(records)
    streets = records.column("adresse").to_pylist()
    postnummer = records.column("postnummer").to_pylist()
    cache: dict[tuple[str | None, str | None], str | None] = {}
    keys = []
    for street, number in zip(streets, postnummer, strict=True):
        if (street, number) not in cache:
            cache[street, number] = line_address_key(street, number)
        keys.append(cache[street, number])
    index = records.schema.get_field_index("adresse")
    return records.set_column(index, "adresse", pa.array(keys, pa.string()))
