"""Reading the packaged CSV files."""

from __future__ import annotations

import csv
import io
from importlib import resources


def read_rows(filename: str) -> list[dict[str, str]]:
    """Return the rows of ``data/<filename>`` as dicts keyed by the header row."""
    text = resources.files("akrim.codes").joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))
