"""The one exception type raised by :mod:`akrim.ids`.

Why a single type: callers validating register extracts want one ``except`` clause and a
sentence they can put straight into a data-quality report, not a hierarchy of checksum,
length and date errors. The offending input is kept separately from the reason so that
reports can mask or group by value without parsing the message.
"""

from __future__ import annotations


class InvalidIdentifier(ValueError):
    """An identifier failed validation.

    ``value`` is the input exactly as given (before normalisation); ``reason`` is a human
    sentence such as ``"fødselsnummer 01010112345 fails control digit k2"``.
    Subclasses :class:`ValueError` so generic input-validation handlers also catch it.
    """

    def __init__(self, value: str, reason: str) -> None:
        super().__init__(reason)
        self.value = value
        self.reason = reason

    def __str__(self) -> str:
        return self.reason

    def __repr__(self) -> str:
        return f"InvalidIdentifier({self.value!r}, {self.reason!r})"
