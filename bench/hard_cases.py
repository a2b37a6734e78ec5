"""Linkage quality on the hard cases, with truth known by construction from a loaded store.

    .venv/bin/python bench/hard_cases.py DATA_DIR [--sample 1500] [--seed 1]

From the store's Folkeregisteret persons, derive records the way the hard cases arise, add them to
all the store's person records, and link everything with the same model, training and clustering
as `akrim link`:
- `transliterated`: the name as another register writes it: diacritics dropped, Polish
  spellings (sz, cz, w), or Cyrillic script; same birth date, no identifier (a role or a tip);
- `d_to_f`: the same person under a d-number issued before the fødselsnummer, same name and
  birth date (an HMS card or a role from the d-number years);
- `shared_identifier`: a lent or sold identity: the holder's number on a record of the person who
  uses it, with that person's name and birth date. The user is a stranger to the holder (another
  surname) or, as often, a relative (the holder's surname, another first name), where names no
  longer tell the two apart.
Every derived record is counted the same way: *found* when linked to the registered person it
describes (for a shared identifier: the user, not the holder), else *missed*; every other
registered person in its person is a *false merge* (for a shared identifier, above all the
holder). Precision = found / (found + false merges), recall = found / records. A shared
identifier used to be counted right whenever it stayed apart from the holder, so it could not
miss; that share is still printed (the shared-identifier signal needs it), but no longer as
recall. Prints one row per case and ends with one JSON line; exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa

from akrim.ids import IdKind, make_person_id
from akrim.link.addresses import update_address_keys
from akrim.link.prepare import add_name_keys
from akrim.link.resolve import person_records
from akrim.store.engine import Store
from linkage import link  # bench/linkage.py: the same training, scoring and clustering
from quality import HEADER, Counts

CASES = ("transliterated", "d_to_f", "shared_identifier")
SHARED_KINDS = ("stranger", "relative")

_CYRILLIC = (("shch", "щ"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
             ("yu", "ю"), ("ya", "я"), ("a", "а"), ("b", "б"), ("v", "в"), ("h", "г"),
             ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("y", "и"), ("i", "і"),
             ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
             ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("j", "й"),
             ("c", "ц"), ("w", "в"), ("x", "кс"), ("q", "к"))
_POLISH = (("sh", "sz"), ("ch", "ch"), ("v", "w"), ("ts", "c"))


def _cyrillic(name: str) -> str:
    out, text = [], name.lower()
    while text:
        for latin, letter in _CYRILLIC:
            if text.startswith(latin):
                out.append(letter)
                text = text[len(latin):]
                break
        else:
            out.append(text[0])
            text = text[1:]
    return "".join(out).title()


def _variant(name: str, rng: random.Random) -> str:
    from anyascii import anyascii

    style = rng.choice(("ascii", "polish", "cyrillic"))
    plain = anyascii(name)
    if style == "ascii":
        return plain
    if style == "polish":
        text = plain.lower()
        for a, b in _POLISH:
            text = text.replace(a, b)
        return text.title()
    return _cyrillic(plain)


Record = dict[str, object]


@dataclass(frozen=True)
class Truth:
    case: str
    """A case of `CASES`; a shared identifier with its kind: `shared_identifier.relative`."""
    person: str
    """The registered person the derived record describes (Folkeregisteret record id)."""
    holder: str = ""
    """A shared identifier's registered holder, someone else than `person`."""


def _d_number(person: Record, rng: random.Random) -> str:
    born = str(person["fodselsdato"])
    birth = date(int(born[:4]), int(born[4:6]), int(born[6:]))
    number = None
    while number is None:  # None: no valid control digits for this individual number
        try:
            number = make_person_id(birth, rng.randrange(0, 1000), IdKind.D_NUMBER)
        except ValueError:  # an individual number outside the birth year's series
            continue
    return number


def _user(holder: Record, kind: str, people: list[Record], by_surname: dict[object, list[Record]],
          rng: random.Random) -> tuple[str, Record]:
    """Who uses the holder's number, and whether a relative (the holder's surname, another first
    name) or a stranger (another surname); a stranger when the holder has no relative."""
    if kind == "relative":
        relatives = [p for p in by_surname[holder["etternavn"]]
                     if p["fornavn"] != holder["fornavn"]]
        if relatives:
            return kind, rng.choice(relatives)
    while True:
        user = rng.choice(people)
        if user["etternavn"] != holder["etternavn"]:
            return "stranger", user


def derive(base: list[Record], sample: int, seed: int) -> tuple[list[Record], dict[str, Truth]]:
    """Derived records, and the truth of each by its record id."""
    rng = random.Random(seed)
    people = [r for r in base if r["fornavn"] and r["etternavn"] and r["fodselsdato"]]
    chosen = rng.sample(people, min(sample, len(people)))
    fnr_people = [p for p in people if str(p["identifikator"] or "")[:1] < "4"]
    by_surname: dict[object, list[Record]] = {}
    for person in people:
        by_surname.setdefault(person["etternavn"], []).append(person)
    derived, truth = [], {}
    for n, person in enumerate(chosen):
        case, holder = CASES[n % 3], ""
        if case == "transliterated":
            described = person
            record = dict(person, identifikator=None,
                          fornavn=_variant(str(person["fornavn"]), rng),
                          etternavn=_variant(str(person["etternavn"]), rng))
        elif case == "d_to_f":
            if str(person["identifikator"] or "")[:1] >= "4":  # already a d-number holder
                person = rng.choice(fnr_people)
            described = person
            record = dict(person, identifikator=_d_number(person, rng))
        else:
            kind, described = _user(person, SHARED_KINDS[n // 3 % 2], people, by_surname, rng)
            case, holder = f"{case}.{kind}", str(person["record_id"])
            record = dict(described, identifikator=person["identifikator"])
        record_id = f"derived:{n}"
        record.update(record_id=record_id, source="derived", adresse=None, postnummer=None)
        derived.append(record)
        truth[record_id] = Truth(case, str(described["record_id"]), holder)
    return derived, truth


def count(truth: dict[str, Truth], groups: dict[str, list[str]]
          ) -> tuple[dict[str, Counts], list[bool]]:
    """Counts per case (and per kind of shared identifier), and for each shared identifier
    whether it stayed apart from its holder."""
    member_of = {m: root for root, members in groups.items() for m in members}
    counts: dict[str, Counts] = {}
    kept_apart: list[bool] = []
    for record, t in truth.items():
        registered = {m for m in groups[member_of[record]] if m.startswith("freg:")}
        found = t.person in registered
        one = Counts(records=1, found=int(found), missed=int(not found),
                     false=len(registered - {t.person}))
        for label in {t.case, t.case.split(".")[0]}:
            counts.setdefault(label, Counts()).add(one)
        if t.holder:
            kept_apart.append(t.holder not in registered)
    return counts, kept_apart


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--sample", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threshold", type=float, default=0.95)
    args = parser.parse_args()
    with Store(args.data_dir / "akrim.duckdb") as store:
        update_address_keys(store)  # new addresses, if any
        records = person_records(store)
    everything = records.to_pylist()
    base = [r for r in everything if r["source"] == "folkeregisteret"]
    derived, truth = derive(base, args.sample, args.seed)
    columns = ("record_id", "source", "identifikator", "fornavn", "etternavn", "fodselsdato",
               "adresse", "postnummer")
    rows = everything + derived  # the store's own records too: the model trains on real mixes
    # Addresses come keyed from the store (derived records have none); names are keyed again.
    table = add_name_keys(pa.table({c: [r[c] for r in rows] for c in columns}))
    result, seconds = link(table, args.threshold, anchor_prefix="freg:")
    counts, kept_apart = count(truth, result.groups())
    total = Counts()
    for case in CASES:
        total.add(counts.get(case, Counts()))
    labels = [label for case in CASES
              for label in (case, *(f"{case}.{k}" for k in SHARED_KINDS))
              if label in counts]
    out: dict[str, object] = {"dataset": f"synthetic:{args.data_dir}", "records": len(rows),
                              "seconds": round(seconds, 1)}
    print(f"{'case':<30}{HEADER}")
    for label in labels:
        c = counts[label]
        print(f"{label:<30}{c.row()}")
        out[label] = {"n": c.records, "found": c.found, "missed": c.missed,
                      "false_merges": c.false, **c.figures()}
    print(f"{'all':<30}{total.row()}")
    out.update(total.figures())
    if kept_apart:
        shared = counts["shared_identifier"]
        print(f"shared identifiers kept apart from their holder (the signal): "
              f"{sum(kept_apart)} of {len(kept_apart)}; linked to the person they describe: "
              f"{shared.found} of {shared.records}")
        out["shared_identifier_linked_to_described_person"] = round(shared.recall, 4)
        out["shared_identifier_kept_apart_from_holder"] = round(
            sum(kept_apart) / len(kept_apart), 4)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
