"""Input normalisation shared by the identifier validators.

Why: identifiers arrive from spreadsheets and PDFs with thin/no-break spaces between digit
groups ("974 760 673", "010101 12345"). We strip all whitespace but deliberately nothing
else, and accept only ASCII digits: ``str.isdigit`` would let Arabic-Indic or superscript
digits through, which no Norwegian register ever issues.
"""

from __future__ import annotations

from akrim.ids.errors import InvalidIdentifier

DIGIT_VALUES = bytes.maketrans(b"0123456789", bytes(range(10)))
"""``number.encode().translate(DIGIT_VALUES)`` turns ASCII digits into their values 0-9 in one
C call, so the checksums need no ``int()`` per digit."""


def strip_spaces(value: str) -> str:
    """Remove every whitespace character (incl. no-break and thin spaces)."""
    return "".join(value.split())


def is_ascii_digits(value: str) -> bool:
    """True when ``value`` is non-empty and consists of the characters 0-9 only."""
    return value.isascii() and value.isdigit()


def digits_of(value: str, length: int, label: str) -> str:
    """`value` without spaces, if it is exactly `length` ASCII digits; else InvalidIdentifier
    (`label`: the message key of the kind of number)."""
    # Almost every value is already exactly `length` digits: return it without splitting and
    # joining. Only a plain str (not a subclass) is returned as given, since stripping would
    # have made a plain str of it.
    if type(value) is str and len(value) == length and value.isascii() and value.isdigit():
        return value
    number = strip_spaces(value)
    if not is_ascii_digits(number):
        raise InvalidIdentifier(value, "ids.digits_only", label=label, given=value)
    if len(number) != length:
        raise InvalidIdentifier(value, "ids.length", label=label, number=number,
                                digits=len(number), length=length)
    return number
