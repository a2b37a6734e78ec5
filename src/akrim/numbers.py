"""Numbers as the reader's language writes them: 28 648 and 0,25 in bokmål, 28,648 and 0.25 in
English (the user interface's texts, never data files or JSON)."""

from __future__ import annotations

from akrim.i18n import Lang

NARROW_NO_BREAK_SPACE = "\u202f"
"""Bokmål groups thousands with a space (Språkrådet); a no-break one keeps a number on one
line."""

_BOKMAAL = str.maketrans({",": NARROW_NO_BREAK_SPACE, ".": ","})


def number(value: float, lang: Lang = "nb", decimals: int | None = None) -> str:
    """`value` with thousands grouped, and `decimals` places (None: as many as it has)."""
    if decimals is not None:
        english = f"{value:,.{decimals}f}"
    elif isinstance(value, int) or float(value).is_integer():
        english = f"{int(value):,}"
    else:
        english = f"{value:,.15g}"  # 15 digits: 0.1 + 0.2 is 0.3, not 0.30000000000000004
    return english.translate(_BOKMAAL) if lang == "nb" else english
