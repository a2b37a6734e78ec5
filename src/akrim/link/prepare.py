"""Comparison keys for person records: folded names, name skeletons, address keys."""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa

from akrim.link.normalise import address_key, fold_name, name_skeleton


def _mapped(values: list[str | None], fn: Callable[[str | None], str | None]) -> pa.Array:
    cache: dict[str | None, str | None] = {}
    out = []
    for value in values:
        if value not in cache:
            cache[value] = fn(value)
        out.append(cache[value])
    return pa.array(out, pa.string())


def add_keys(records: pa.Table) -> pa.Table:
    """Add fornavn_n/_s, etternavn_n/_s; replace `adresse` by its address key.

    Names and addresses repeat a great deal (one person in several registers, a household at
    one address): each distinct value is normalised once."""
    for column in ("fornavn", "etternavn"):
        values = records.column(column).to_pylist()
        records = records.append_column(f"{column}_n", _mapped(values, fold_name))
        records = records.append_column(f"{column}_s", _mapped(values, name_skeleton))
    streets = records.column("adresse").to_pylist()
    postnummer = records.column("postnummer").to_pylist()
    cache: dict[tuple[str | None, str | None], str | None] = {}
    keys = []
    for street, number in zip(streets, postnummer, strict=True):
        if (street, number) not in cache:
            cache[street, number] = address_key(street, number)
        keys.append(cache[street, number])
    index = records.schema.get_field_index("adresse")
    return records.set_column(index, "adresse", pa.array(keys, pa.string()))
