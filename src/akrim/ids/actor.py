"""An actor id as a person types it (`akrim explain`, `akrim network`): numbers are checked.

Why: a mistyped organisation number or fødselsnummer is almost always a valid-looking string
that the store simply does not hold, so without a check the answer would be "unknown actor"
(or an empty explanation) instead of "the check digit is wrong". Every other id akrim shows
starts with a letter (node ids `o:`/`p:`/`a:`, persons without a number `P…`, clusters `C…`),
so a value that starts with a digit is meant as a number and must pass the validators.
"""

from __future__ import annotations

from akrim.ids._text import strip_spaces
from akrim.ids.errors import InvalidIdentifier
from akrim.ids.orgnr import validate_orgnr
from akrim.ids.person import parse_person_id

ORGNR_DIGITS = 9
PERSON_ID_DIGITS = 11


def checked_actor_id(value: str) -> str:
    """`value` without surrounding spaces, or, when it starts with a digit, the validated
    organisation number (9 digits) or personal identifier (11); raises InvalidIdentifier.

    Test numbers (Tenor organisations, month + 80 persons) pass: a lookup only has to catch
    typos, and what a store holds was checked when it was loaded."""
    text = value.strip()
    if not text[:1].isdigit():
        return text
    number = strip_spaces(text)
    if len(number) == ORGNR_DIGITS:
        return validate_orgnr(number, allow_synthetic=True)
    if len(number) == PERSON_ID_DIGITS:
        return parse_person_id(number, allow_synthetic=True).number
    raise InvalidIdentifier(value, "ids.neither", given=value, orgnr=ORGNR_DIGITS,
                            person=PERSON_ID_DIGITS)
