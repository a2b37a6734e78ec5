"""The one exception type raised by :mod:`akrim.ids`.

Why a single type: callers validating register extracts want one ``except`` clause and a
sentence they can put straight into a data-quality report, not a hierarchy of checksum,
length and date errors. The offending input is kept separately from the reason so that
reports can mask or group by value without parsing the message.
"""

from __future__ import annotations

import akrim.ids.messages  # noqa: F401  (registers the reasons' texts)
from akrim.i18n import Lang, t


class InvalidIdentifier(ValueError):
    """An identifier failed validation.

    ``value`` is the input exactly as given (before normalisation); ``key`` names the reason in
    :mod:`akrim.ids.messages` (filled in with ``values``; a value named ``label`` is itself a
    message key, the kind of number); ``reason`` is the English sentence, such as
    ``"fødselsnummer 01010112345 fails control digit k2"``, and ``message(lang)`` the sentence in
    the user's language. Subclasses :class:`ValueError` so generic input-validation handlers
    also catch it.
    """

    def __init__(self, value: str, key: str, **values: object) -> None:
        self.value = value
        self.key = key
        self.values = values
        self.reason = self.message("en")
        super().__init__(self.reason)

    def message(self, lang: Lang = "en") -> str:
        values = dict(self.values)
        if "label" in values:
            values["label"] = t(str(values["label"]), lang)
        return t(self.key, lang, **values)

    def __str__(self) -> str:
        return self.reason

    def __repr__(self) -> str:
        return f"InvalidIdentifier({self.value!r}, {self.reason!r})"
