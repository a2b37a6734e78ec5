"""Name and address keys that survive diacritics, transliteration and Norwegian abbreviations.

Names: `fold_name` gives lower-case ASCII (anyascii transliterates Cyrillic, Polish, Lithuanian,
Romanian, ...), with the Norwegian digraphs written for ø/æ/å folded the same way as the letters
("Ødegaard", "Oedegaard" and "Odegard" fold alike). `name_skeleton` goes further and merges the
spellings that transliteration schemes disagree on (sz/sh, cz/ch, w/v, j/y/i, kh/h, ts/c, and
g/h: Ukrainian Г is H, Russian G), so that "Szewczenko" and "Shevchenko" share a skeleton.

Addresses: `address_key` writes a street address in one form: gate/gata/gt./g. -> "gt",
vei/veien/veg/vn./v. -> "vn", house letter joined to its number, postnummer appended.
"""

from __future__ import annotations

import re

from anyascii import anyascii

# The letters as their digraphs first, so that "Øen" and "Oeen" meet at "oen" after folding.
_NORWEGIAN_LETTERS = str.maketrans({"ø": "oe", "æ": "ae", "å": "aa", "Ø": "oe", "Æ": "ae",
                                    "Å": "aa"})
_STREET_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "å": "a", "Ø": "o", "Æ": "ae", "Å": "a"})
_DIGRAPHS = (("aa", "a"), ("oe", "o"), ("ae", "a"), ("ue", "u"))
_SKELETON = (
    ("g", "h"),  # first, so that "th" written "тг" (Matgisen) meets "th" (Mathisen) below
    ("ts", "c"), ("tz", "c"),  # Ц: Knutsen, Knucen
    ("sch", "s"), ("sz", "s"), ("sh", "s"), ("cz", "c"), ("ch", "c"), ("kh", "h"), ("zh", "z"),
    ("ck", "k"), ("ph", "f"), ("th", "t"), ("w", "v"), ("y", "i"), ("j", "i"), ("q", "k"),
    ("x", "ks"),
)
_NON_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")


def fold_name(name: str | None) -> str | None:
    """Lower-case ASCII letters and single spaces; None for a name with no letters."""
    if not name:
        return None
    text = anyascii(name.translate(_NORWEGIAN_LETTERS)).lower()
    text = _NON_LETTERS.sub(" ", text.replace("-", " "))
    folded = None
    while folded != text:  # to a fixed point, so that folding a folded name changes nothing
        folded = text
        for written, letter in _DIGRAPHS:
            text = text.replace(written, letter)
    text = _SPACES.sub(" ", text).strip()
    return text or None


def name_skeleton(name: str | None) -> str | None:
    """`fold_name` with transliteration variants merged and doubled letters collapsed."""
    folded = fold_name(name)
    if folded is None:
        return None
    for spelling, sound in _SKELETON:
        folded = folded.replace(spelling, sound)
    return re.sub(r"(.)\1+", r"\1", folded)


_STREET_SUFFIXES = (
    (re.compile(r"(gata|gaten|gate|gt)$"), "gt"),
    (re.compile(r"(veien|vegen|veg|vei|vn)$"), "vn"),
    (re.compile(r"(plassen|plass|pl)$"), "pl"),
    (re.compile(r"(alleen|alle)$"), "alle"),
)
_STANDALONE = {
    "gata": "gt", "gaten": "gt", "gate": "gt", "gt": "gt", "g": "gt",
    "veien": "vn", "vegen": "vn", "veg": "vn", "vei": "vn", "vn": "vn", "v": "vn",
    "plassen": "pl", "plass": "pl", "pl": "pl", "alleen": "alle", "alle": "alle",
}
_NUMBER = re.compile(r"^(\d+)\s*([a-z]?)$")


def _street(words: list[str]) -> str:
    if not words:
        return ""
    last = words[-1]
    if last in _STANDALONE:
        return " ".join([*words[:-1], _STANDALONE[last]])
    for suffix, short in _STREET_SUFFIXES[:2]:
        # A compound street name ("Storgata", "Kongsvn") keeps its first part.
        stem = suffix.sub("", last)
        if stem != last and len(stem) >= 3:
            return " ".join([*words[:-1], stem, short])
    return " ".join(words)


_COMPOUND_GATE = re.compile(r"(\w{3,})g\.")
_COMPOUND_VEI = re.compile(r"(\w{3,})v\.")
_PUNCTUATION = re.compile(r"[.,/]")
_HOUSE_LETTER = re.compile(r"(\d+)\s+([a-z])\b")


def address_key(street: str | None, postnummer: str | None = None) -> str | None:
    """One key per address: "stor gt 12b|0155". None when there is no street."""
    if not street:
        return None
    text = street.translate(_STREET_LETTERS)
    text = (text if text.isascii() else anyascii(text)).lower()
    # "Storg." and "Bjølsenv." abbreviate a compound; a bare final g or v elsewhere does not.
    text = _COMPOUND_GATE.sub(r"\1gt ", text)
    text = _COMPOUND_VEI.sub(r"\1vn ", text)
    text = _PUNCTUATION.sub(" ", text)
    text = _HOUSE_LETTER.sub(r"\1\2", text)
    words = _SPACES.sub(" ", text).strip().split(" ")
    number = ""
    if words and _NUMBER.match(words[-1]):
        number = words.pop()
    street_part = _street([w for w in words if w])
    if not street_part:
        return None
    key = f"{street_part} {number}".strip()
    return f"{key}|{postnummer.strip()}" if postnummer else key


# "Storgata 5, 0155 Oslo", "Storgata 5 0155 OSLO", "Storgt. 5, 0155": a postnummer is four
# digits after a comma, or four digits followed by a place name (a street may end in a number).
_POSTAL_TAIL = re.compile(r"(?:,\s*([0-9]{4})(?:\s+[^\d,]+)?|(?:^|\s+)([0-9]{4})\s+[^\d,]+)\s*$")


def split_address(text: str | None) -> tuple[str | None, str | None]:
    """A one-line address as (street, postnummer); postnummer None when it has none."""
    if not text or not text.strip():
        return None, None
    match = _POSTAL_TAIL.search(text)
    street = text if match is None else text[:match.start()]
    street = street.strip().rstrip(",").strip()
    return street or None, None if match is None else match.group(1) or match.group(2)


def line_address_key(adresse: str | None, postnummer: str | None = None) -> str | None:
    """`address_key` of a register's address (street and postnummer apart) or, when there is no
    postnummer, of a one-line address ("Storgata 5, 0155 Oslo", as tips write it)."""
    if postnummer is None:
        adresse, postnummer = split_address(adresse)
    return address_key(adresse, postnummer)
