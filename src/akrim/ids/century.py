"""Birth century from the individual number (pre-2032 allocation series).

Why this is its own module: the table is the only place where the meaning of the
individual number is encoded, it is used both for parsing and for generating, and it
stops being authoritative in 2032. Forskrift om folkeregistrering § 2-2-2 (quoted on
https://lovas.info/2013/12/01/identitetsnummer-i-norge/ and in stdnum's
``get_birth_date``) assigns individual numbers per birth year as:

* 1854-1899: 749-500
* 1900-1999: 499-000
* 1940-1999: also 999-900
* 2000-2039: 999-500

Skatteetaten, "Nytt fødselsnummer fra 2032": "Individnummeret vil ikke lenger angi
århundre" — numbers issued from 2032 start at 999 for everybody, so the century read
from this table is only reliable for numbers issued under the classic rule.
"""

from __future__ import annotations

FIRST_YEAR = 1854
LAST_YEAR = 2039


def century_for(individual: int, yy: int) -> int | None:
    """The century (1800, 1900 or 2000) for an individual number and two-digit year.

    ``None`` when the classic series never issued that combination (e.g. individual 800
    with year 60).
    """
    if individual < 500:
        return 1900
    if individual < 750 and yy >= 54:
        return 1800
    if yy < 40:
        return 2000
    if individual >= 900:
        return 1900
    return None


def individual_ranges(year: int) -> tuple[range, ...]:
    """The individual numbers the classic series uses for people born in ``year``."""
    if FIRST_YEAR <= year <= 1899:
        return (range(500, 750),)
    if 1900 <= year <= 1939:
        return (range(0, 500),)
    if 1940 <= year <= 1999:
        return (range(0, 500), range(900, 1000))
    if 2000 <= year <= LAST_YEAR:
        return (range(500, 1000),)
    return ()
