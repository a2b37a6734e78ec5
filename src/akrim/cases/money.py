"""Amounts of fines, claims and seizures: whole øre in the store, kroner as the reader writes
them (12 500,50 in bokmål, 12,500.50 in English) in forms and pages."""

from __future__ import annotations

import re

from akrim.errors import AkrimError
from akrim.i18n import Lang, add_messages
from akrim.numbers import NARROW_NO_BREAK_SPACE

add_messages({
    "money.not_amount": ("«{text}» er ikke et beløp i kroner (for eksempel 12 500,50).",
                         "“{text}” is not an amount in kroner (for example 12,500.50)."),
    "money.grouping": ("«{text}»: tusener grupperes tre og tre.",
                       "“{text}”: thousands are grouped in threes."),
})


class NotAnAmount(AkrimError, ValueError):
    """Text that is not an amount in kroner; `key` says why."""

    def __init__(self, key: str, text: str) -> None:
        self.key = key  # type: ignore[misc]  # one class, two messages
        super().__init__(text=text)

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_KRONER = {"nb": re.compile(r"(\d+)(?:,(\d{1,2}))?"), "en": re.compile(r"(\d+)(?:\.(\d{1,2}))?")}
_GROUPED = {"nb": re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?"),
            "en": re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?")}
"""Thousands grouped by the separator the language may write besides spaces (1.000, 1,000)."""
_GROUPING = {"nb": ".", "en": ","}


def parse_kroner(text: str, lang: Lang = "nb") -> int:
    """Kroner as typed ("12 500,50", "12 500 kr", "12,500.50" in English) in øre; raises
    NotAnAmount (a ValueError) saying what is wrong."""
    cleaned = _SPACES.sub("", text.strip()).removesuffix("kr").removeprefix("kr")
    grouped = cleaned.replace(_GROUPING[lang], "")
    if _GROUPING[lang] in cleaned and not _GROUPED[lang].fullmatch(cleaned):
        raise NotAnAmount("money.grouping", text)
    found = _KRONER[lang].fullmatch(grouped)
    if not found:
        raise NotAnAmount("money.not_amount", text)
    kroner, oere = found.group(1), (found.group(2) or "0").ljust(2, "0")
    return int(kroner) * 100 + int(oere)


def format_oere(amount: int, lang: Lang = "nb") -> str:
    """`amount` øre as kroner with two decimals, grouped as the language writes them."""
    english = f"{amount // 100:,}.{amount % 100:02d}"
    if lang == "en":
        return english
    return english.replace(",", NARROW_NO_BREAK_SPACE).replace(".", ",")
