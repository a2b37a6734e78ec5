"""Field validation shared by every reader: each check returns the clean value or records
a `RowProblem` naming the field and the reason, so a reader never drops a bad value silently.

Only a record that cannot be identified (a bad or missing key) or placed in time (no usable date
where its history needs one) is held back whole. A bad or unknown value in any other field marks
that field and the record is kept: nothing is lost for a bad field.
"""

from __future__ import annotations

import math
from collections.abc import Container
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any

from akrim.codes import kommune, naering
from akrim.ids import InvalidIdentifier, parse_person_id, validate_orgnr
from akrim.ingest.problems import RowProblem

DECIMAL_LIMIT = 1e10
"""Numbers are stored as DECIMAL(12,2): ten digits before the point."""
INTEGER_MAX = 2**31 - 1
"""Whole numbers are stored as INTEGER."""


@lru_cache(maxsize=1 << 20)
def _person_id(value: str, allow_synthetic: bool) -> tuple[str | None, str | None]:
    """(number, None) or (None, reason). Cached: a person recurs in every month's a-melding."""
    try:
        return parse_person_id(value, allow_synthetic=allow_synthetic).number, None
    except InvalidIdentifier as exc:
        return None, str(exc)


@lru_cache(maxsize=1 << 18)
def _orgnr(value: str, allow_synthetic: bool) -> tuple[str | None, str | None]:
    try:
        return validate_orgnr(value, allow_synthetic=allow_synthetic), None
    except InvalidIdentifier as exc:
        return None, str(exc)


@lru_cache(maxsize=1 << 16)
def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


class Checker:
    """Collects the problems of one record (or one part of it: one role set, one
    inntektsmottaker, one register unit).

    A problem holds the record back (`ok` false) when it is with a field the record cannot be
    used without: one the reader declares `required` (its key, or the date its history needs) or
    `key` (may be absent, but a value given must be good), or one the reader `fail`s outright.
    A problem with any other field is a field problem: the record is kept, with that value as
    given (a code akrim's lists lack) or empty (a value that is not of its column's type), and
    the problem is reported with `record_kept` set.
    """

    def __init__(self, line: int, *, allow_synthetic: bool = False, prefix: str = "") -> None:
        self.line = line
        self.allow_synthetic = allow_synthetic
        self.prefix = prefix
        self._problems: list[RowProblem] = []
        self._holding = False
        self._keys: set[str] = set()

    def child(self, prefix: str) -> Checker:
        """A checker for a nested part (e.g. one inntektsmottaker) with its own problems."""
        return Checker(self.line, allow_synthetic=self.allow_synthetic,
                       prefix=f"{self.prefix}{prefix}")

    @property
    def ok(self) -> bool:
        """True when nothing holds the record back (field problems may have been noted)."""
        return not self._holding

    @property
    def problems(self) -> list[RowProblem]:
        """Every problem found, each marked with whether the record is kept."""
        return [replace(p, record_kept=self.ok) for p in self._problems]

    @property
    def unknown_fields(self) -> list[str] | None:
        """The `unknown_fields` of the rows of a kept part: every field with a problem."""
        return [p.field or "-" for p in self._problems] or None

    def fail(self, field: str, kind: str, reason: str) -> None:
        """A problem that holds the whole record back."""
        self._holding = True
        self._problems.append(RowProblem(self.line, self.prefix + field, kind, reason))

    def note(self, field: str, kind: str, reason: str) -> None:
        """A problem with one field of a record that is kept all the same."""
        self._problems.append(RowProblem(self.line, self.prefix + field, kind, reason))

    def _problem(self, field: str, kind: str, reason: str) -> None:
        """A value that failed its check: it holds the record back only if the field is a key."""
        if field in self._keys:
            self.fail(field, kind, reason)
        else:
            self.note(field, kind, reason)

    def required(self, value: Any, field: str) -> Any:
        """Declare `field` a key (or needed date) and check that it is present."""
        self._keys.add(field)
        if value is None or value == "":
            self.fail(field, "missing_field", f"required field {self.prefix + field} is missing")
        return value

    def _absent(self, value: Any, field: str, required: bool) -> bool:
        """True for a missing value, which is a problem only when the field is required."""
        if required:
            self.required(value, field)
        return value is None or value == ""

    def is_object(self, value: Any) -> bool:
        """A register record must be a JSON object; anything else is a problem."""
        if isinstance(value, dict):
            return True
        self.fail("-", "invalid_value", f"expected a JSON object, found {type(value).__name__}")
        return False

    def text(self, value: Any, field: str) -> str | None:
        """Trimmed text; blank text is absent (not an empty, unknown code)."""
        if value is None or value == "":
            return None
        if isinstance(value, (dict, list)):
            self._problem(field, "invalid_value", f"expected text, found {type(value).__name__}")
            return None
        return str(value).strip() or None

    def orgnr(self, value: Any, field: str, *, required: bool = False) -> str | None:
        if self._absent(value, field, required):
            return None
        number, reason = _orgnr(str(value), self.allow_synthetic)
        if reason:
            self._problem(field, "invalid_identifier", reason)
        return number

    def person_id(
        self, value: Any, field: str, *, required: bool = False, key: bool = False
    ) -> str | None:
        """`key`: the number identifies the record when given (a bad one holds it back)."""
        if key:
            self._keys.add(field)
        if self._absent(value, field, required):
            return None
        number, reason = _person_id(str(value), self.allow_synthetic)
        if reason:
            self._problem(field, "invalid_identifier", reason)
        return number

    def date(self, value: Any, field: str, *, required: bool = False) -> date | None:
        if self._absent(value, field, required):
            return None
        parsed = _date(str(value)[:10])
        if parsed is None:
            self._problem(field, "impossible_date", f"{value!r} is not a valid date (YYYY-MM-DD)")
        return parsed

    def month(self, value: Any, field: str) -> str | None:
        """A calendar month 'YYYY-MM' (a-melding's `kalendermaaned`)."""
        self.required(value, field)
        if value is None or value == "":
            return None
        text = str(value)
        try:
            date.fromisoformat(text + "-01")
        except ValueError:
            self._problem(field, "impossible_date", f"{value!r} is not a valid month (YYYY-MM)")
            return None
        if len(text) != 7:
            self._problem(field, "impossible_date", f"{value!r} is not a valid month (YYYY-MM)")
            return None
        return text

    def year(self, value: Any, field: str) -> str:
        """A year (Skatteetaten's `aar`, required): digits, given as text or a number; kept as
        Python's `str` of it."""
        self.required(value, field)
        if value and not str(value).isdigit():
            self._problem(field, "invalid_value", f"{value!r} is not a year")
        return str(value)

    def boolean(self, value: Any, field: str) -> bool | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "ja", "j", "1"):
            return True
        if text in ("false", "nei", "n", "0"):
            return False
        self._problem(field, "invalid_value", f"{value!r} is not a yes/no value")
        return None

    def integer(self, value: Any, field: str, *, minimum: int | None = 0,
                maximum: int | None = INTEGER_MAX) -> int | None:
        """A whole number; `maximum` None for one that is never stored in an INTEGER column."""
        if value is None or value == "":
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            self._problem(field, "invalid_value", f"{value!r} is not a whole number")
            return None
        if minimum is not None and number < minimum:
            self._problem(field, "invalid_value", f"{number} is below {minimum}")
            return None
        if maximum is not None and not -maximum <= number <= maximum:
            self._problem(field, "invalid_value", f"{number} is out of range (beyond ±{maximum})")
            return None
        return number

    def decimal(self, value: Any, field: str) -> float | None:
        """A number with at most two decimals (hours, percentages).

        Carried as a float only from the parser to the store, where it is rounded to two
        decimals and cast to DECIMAL(12,2): compared there exactly, on every engine.
        """
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            self._problem(field, "invalid_value", f"{value!r} is not a number")
            return None
        if isinstance(value, (int, float)):
            number = float(value)
        else:
            try:
                number = float(str(value).strip().replace(",", "."))
            except ValueError:
                self._problem(field, "invalid_value", f"{value!r} is not a number")
                return None
        if not math.isfinite(number):
            self._problem(field, "invalid_value", f"{value!r} is not a finite number")
            return None
        if abs(round(number, 2)) >= DECIMAL_LIMIT:
            # Beyond DECIMAL(12,2) (and øre beyond BIGINT): the store would refuse the whole
            # load rather than this one value.
            self._problem(field, "invalid_value",
                          f"{value!r} is out of range (at most 10 digits before the decimal point)")
            return None
        return number

    def oere(self, value: Any, field: str) -> int | None:
        """An amount in kroner (JSON number or decimal text) as whole øre."""
        amount = self.decimal(value, field)
        return None if amount is None else round(amount * 100)

    # An unknown code never holds a record back: a real register can carry a code akrim's lists
    # lack. It is kept as given (so SQL grouping by code simply does not match it) and noted.

    def naeringskode(self, value: Any, field: str) -> str | None:
        code = self.text(value, field)
        if code is None:
            return None
        if not naering.is_known(code):
            self.note(field, "unknown_code",
                      f"næringskode {code!r} is in neither SN2007 nor SN2025")
            return code
        return naering.normalize(code) or code

    def kommunenummer(self, value: Any, field: str) -> str | None:
        nr = self.text(value, field)
        if nr is not None and not (kommune.is_valid_2024(nr) or kommune.to_2024(nr)):
            self.note(field, "unknown_code", f"kommunenummer {nr!r} is not a known kommune")
        return nr

    def code(self, value: Any, field: str, known: Container[str], what: str) -> str | None:
        """A code from one of akrim's lists (`what` names the list in the reason)."""
        code = self.text(value, field)
        if code is not None and code not in known:
            self.note(field, "unknown_code", f"unknown {what} {code!r}")
        return code
