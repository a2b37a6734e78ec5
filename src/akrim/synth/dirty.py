"""`--dirty`: realistic errors in a documented share of background records, and the exact number
of quarantined rows they must cause (written to truth/manifest.json).

Kinds (each injected into a different record; a planted scheme's records get name typos at the
same rate as the background but never an error that quarantines them, which would hide the
scheme from the evaluation):
- bad_checksum: the last digit of an organisation number or fødselsnummer changed
  (one `invalid_identifier` quarantine row each);
- impossible_date: a registration date such as 2023-02-30 (one `impossible_date` row);
- duplicate: an enhet object repeated in the bulk file (one `duplicate` row);
- name_typo: two letters of a name swapped or a diacritic dropped — not a quarantine reason:
  names are free text, so these load and are only counted.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

RATE = 0.004
"""Share of eligible background records that get an error (0.4 %)."""
DIACRITICS = str.maketrans("æøåÆØÅąćęłńóśźżĄĆĘŁŃÓŚŹŻėįšųūžĖĮŠŲŪŽăâîșțĂÂÎȘȚ",
                           "aoaAOAacelnoszzACELNOSZZeisuuzEISUUZaaistAAIST")


def _bad_digit(number: str) -> str:
    last = int(number[-1])
    return number[:-1] + str((last + 1 + int(number[2]) % 8) % 10)


class Dirt:
    def __init__(self, rng: np.random.Generator | None) -> None:
        self.rng = rng
        self.expected: Counter[str] = Counter()
        self.injected: Counter[str] = Counter()

    @property
    def on(self) -> bool:
        return self.rng is not None

    def _roll(self) -> int:
        """0: no error; otherwise 1-4 chooses the kind."""
        if self.rng is None or self.rng.random() >= RATE:
            return 0
        return int(self.rng.integers(1, 5))

    def enhet(self, obj: dict[str, Any], *, planted: bool) -> list[dict[str, Any]]:
        kind = 0 if "slettedato" in obj else self._roll()
        if planted and kind != 4:
            kind = 0
        if kind == 1:
            obj["organisasjonsnummer"] = _bad_digit(obj["organisasjonsnummer"])
            self._count("bad_checksum", "invalid_identifier")
        elif kind == 2:
            obj["registreringsdatoEnhetsregisteret"] = obj[
                "registreringsdatoEnhetsregisteret"][:5] + "02-30"
            self._count("impossible_date", "impossible_date")
        elif kind == 3:
            self._count("duplicate", "duplicate")
            return [obj, dict(obj)]
        elif kind == 4:
            obj["navn"] = _typo(obj["navn"])
            self._count("name_typo", None)
        return [obj]

    def person(self, doc: dict[str, Any], *, planted: bool) -> dict[str, Any]:
        kind = self._roll()
        if planted and kind == 1:
            kind = 0
        if kind == 1:
            ident = doc["identifikasjonsnummer"][0]
            ident["foedselsEllerDNummer"] = _bad_digit(ident["foedselsEllerDNummer"])
            # the same bad number is both the document's key and its identifier list entry
            self._count("bad_checksum", "invalid_identifier", rows=2)
        elif kind in (2, 4):
            navn = doc["navn"][0]
            navn["etternavn"] = _typo(navn["etternavn"])
            self._count("name_typo", None)
        return doc

    def _count(self, injected: str, quarantine_kind: str | None, rows: int = 1) -> None:
        self.injected[injected] += 1
        if quarantine_kind:
            self.expected[quarantine_kind] += rows

    def merge(self, other: Dirt) -> None:
        """Add the counts of a Dirt used in another process."""
        self.injected.update(other.injected)
        self.expected.update(other.expected)

    def manifest(self) -> dict[str, Any]:
        return {
            "dirty": self.on,
            "error_rate": RATE if self.on else 0.0,
            "injected": dict(sorted(self.injected.items())),
            "expected_quarantine": sum(self.expected.values()),
            "expected_quarantine_by_kind": dict(sorted(self.expected.items())),
        }


def _typo(name: str) -> str:
    plain = name.translate(DIACRITICS)
    if plain != name:
        return plain
    if len(name) > 4:
        return name[:2] + name[3] + name[2] + name[4:]
    return name + name[-1]
