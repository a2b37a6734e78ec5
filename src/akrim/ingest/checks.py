"""Field validation shared by every reader: each check returns the clean value or records
a `RowProblem` naming the field and the reason, so a reader never drops a bad value silently."""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache
from typing import Any

from akrim.codes import kommune, naering
from akrim.ids import InvalidIdentifier, parse_person_id, validate_orgnr
from akrim.ingest.problems import RowProblem


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
    """Collects the problems of one record (or one part of it)."""

    def __init__(self, line: int, *, allow_synthetic: bool = False, prefix: str = "") -> None:
        self.line = line
        self.allow_synthetic = allow_synthetic
        self.prefix = prefix
        self.problems: list[RowProblem] = []

    def child(self, prefix: str) -> Checker:
        """A checker for a nested part (e.g. one inntektsmottaker) with its own problems."""
        return Checker(self.line, allow_synthetic=self.allow_synthetic,
                       prefix=f"{self.prefix}{prefix}")

    @property
    def ok(self) -> bool:
        return not self.problems

    def fail(self, field: str, kind: str, reason: str) -> None:
        self.problems.append(RowProblem(self.line, self.prefix + field, kind, reason))

    def required(self, value: Any, field: str) -> Any:
        if value is None or value == "":
            self.fail(field, "missing_field", f"required field {self.prefix + field} is missing")
        return value

    def _absent(self, value: Any, field: str, required: bool) -> bool:
        """True for a missing value, which is a problem only when the field is required."""
        if value is None or value == "":
            if required:
                self.required(None, field)
            return True
        return False

    def is_object(self, value: Any) -> bool:
        """A register record must be a JSON object; anything else is a problem."""
        if isinstance(value, dict):
            return True
        self.fail("-", "invalid_value", f"expected a JSON object, found {type(value).__name__}")
        return False

    def text(self, value: Any, field: str) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, (dict, list)):
            self.fail(field, "invalid_value", f"expected text, found {type(value).__name__}")
            return None
        return str(value).strip()

    def orgnr(self, value: Any, field: str, *, required: bool = False) -> str | None:
        if self._absent(value, field, required):
            return None
        number, reason = _orgnr(str(value), self.allow_synthetic)
        if reason:
            self.fail(field, "invalid_identifier", reason)
        return number

    def person_id(self, value: Any, field: str, *, required: bool = False) -> str | None:
        if self._absent(value, field, required):
            return None
        number, reason = _person_id(str(value), self.allow_synthetic)
        if reason:
            self.fail(field, "invalid_identifier", reason)
        return number

    def date(self, value: Any, field: str, *, required: bool = False) -> date | None:
        if self._absent(value, field, required):
            return None
        parsed = _date(str(value)[:10])
        if parsed is None:
            self.fail(field, "impossible_date", f"{value!r} is not a valid date (YYYY-MM-DD)")
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
            self.fail(field, "impossible_date", f"{value!r} is not a valid month (YYYY-MM)")
            return None
        if len(text) != 7:
            self.fail(field, "impossible_date", f"{value!r} is not a valid month (YYYY-MM)")
            return None
        return text

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
        self.fail(field, "invalid_value", f"{value!r} is not a yes/no value")
        return None

    def integer(self, value: Any, field: str, *, minimum: int | None = 0) -> int | None:
        if value is None or value == "":
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            self.fail(field, "invalid_value", f"{value!r} is not a whole number")
            return None
        if minimum is not None and number < minimum:
            self.fail(field, "invalid_value", f"{number} is below {minimum}")
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
            self.fail(field, "invalid_value", f"{value!r} is not a number")
            return None
        if isinstance(value, (int, float)):
            number = float(value)
        else:
            try:
                number = float(str(value).strip().replace(",", "."))
            except ValueError:
                self.fail(field, "invalid_value", f"{value!r} is not a number")
                return None
        if not math.isfinite(number):
            self.fail(field, "invalid_value", f"{value!r} is not a finite number")
            return None
        return number

    def oere(self, value: Any, field: str) -> int | None:
        """An amount in kroner (JSON number or decimal text) as whole øre."""
        amount = self.decimal(value, field)
        return None if amount is None else round(amount * 100)

    def naeringskode(self, value: Any, field: str) -> str | None:
        code = self.text(value, field)
        if code is None:
            return None
        if not naering.is_known(code):
            self.fail(field, "unknown_code",
                      f"næringskode {code!r} is in neither SN2007 nor SN2025")
            return None
        return naering.normalize(code) or code

    def kommunenummer(self, value: Any, field: str) -> str | None:
        nr = self.text(value, field)
        if nr is None:
            return None
        if not (kommune.is_valid_2024(nr) or kommune.to_2024(nr)):
            self.fail(field, "unknown_code", f"kommunenummer {nr!r} is not a known kommune")
            return None
        return nr
