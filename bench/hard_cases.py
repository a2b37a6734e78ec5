"""Linkage quality on the hard cases, with truth known by construction from a loaded store.

    .venv/bin/python bench/hard_cases.py DATA_DIR [--sample 1500] [--seed 1]

From the store's Folkeregisteret persons, derive records the way the hard cases arise, add them to
all the store's person records, and link everything with the same model, training and clustering
as `akrim link`:
- `transliterated`: the name as another register writes it: diacritics dropped, Polish
  spellings (sz, cz, w), or Cyrillic script; same birth date, no identifier (a role or a tip);
- `d_to_f`: the same person under a d-number issued before the fødselsnummer, same name and
  birth date (an HMS card or a role from the d-number years);
- `shared_identifier`: the person's number on a record with another person's name and birth
  date (a lent or sold identity): a signal, never a merge with the holder.
For the first two: precision, recall and F1 of the links from derived records to their true
person (a link to any other registered person is a false positive). For `shared_identifier`: a
record kept apart from the holder is a true positive, one merged with the holder a false
positive; how many were linked to the person they describe is reported on its own. Ends with
one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date
from pathlib import Path

import pyarrow as pa

from akrim.ids import IdKind, make_person_id
from akrim.link.addresses import update_address_keys
from akrim.link.prepare import add_name_keys
from akrim.link.resolve import person_records
from akrim.store.engine import Store
from linkage import link  # bench/linkage.py: the same training, scoring and clustering

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


def derive(base: list[dict[str, object]], sample: int, seed: int
           ) -> tuple[list[dict[str, object]], dict[str, tuple[str, str, str]]]:
    """Derived records and, per derived record, (case, the person it describes, the holder
    of the number when it is someone else's)."""
    rng = random.Random(seed)
    people = [r for r in base if r["fornavn"] and r["etternavn"] and r["fodselsdato"]]
    chosen = rng.sample(people, min(sample, len(people)))
    fnr_people = [p for p in people if str(p["identifikator"] or "")[:1] < "4"]
    derived, truth = [], {}
    for n, person in enumerate(chosen):
        case = ("transliterated", "d_to_f", "shared_identifier")[n % 3]
        record = dict(person, record_id=f"derived:{n}", source="derived", adresse=None,
                      postnummer=None)
        if case == "transliterated":
            record.update(identifikator=None,
                          fornavn=_variant(str(person["fornavn"]), rng),
                          etternavn=_variant(str(person["etternavn"]), rng))
        elif case == "d_to_f":
            if str(person["identifikator"] or "")[:1] >= "4":  # already a d-number holder
                person = rng.choice(fnr_people)
            record = dict(person, record_id=f"derived:{n}", source="derived", adresse=None,
                          postnummer=None)
            born = str(person["fodselsdato"])
            birth = date(int(born[:4]), int(born[4:6]), int(born[6:]))
            number = None
            while number is None:
                try:
                    number = make_person_id(birth, rng.randrange(0, 1000), IdKind.D_NUMBER)
                except ValueError:  # an individual number outside the birth year's series
                    continue
            record.update(identifikator=number)
        else:
            other = rng.choice([p for p in people if p is not person])
            record.update(fornavn=other["fornavn"], etternavn=other["etternavn"],
                          fodselsdato=other["fodselsdato"])
            truth[str(record["record_id"])] = (case, str(other["record_id"]),
                                               str(person["record_id"]))
            derived.append(record)
            continue
        derived.append(record)
        truth[str(record["record_id"])] = (case, str(person["record_id"]), "")
    return derived, truth


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
    groups = result.groups()
    member_of = {m: root for root, members in groups.items() for m in members}
    tally: dict[str, dict[str, int]] = {}
    described: list[bool] = []
    for record, (case, source, holder) in truth.items():
        t = tally.setdefault(case, {"n": 0, "tp": 0, "fp": 0, "fn": 0})
        t["n"] += 1
        together = [m for m in groups[member_of[record]] if m.startswith("freg:")]
        if holder:
            # A signal, not a merge: right when the record stays apart from the holder.
            t["tp"] += holder not in together
            t["fp"] += holder in together
            described.append(source in together)
            continue
        t["tp"] += source in together
        t["fn"] += source not in together
        t["fp"] += len([m for m in together if m != source])
    out: dict[str, object] = {"dataset": f"synthetic:{args.data_dir}", "records": len(rows),
                              "seconds": round(seconds, 1)}
    total = {"tp": 0, "fp": 0, "fn": 0}
    for case, t in sorted(tally.items()):
        precision = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 0.0
        recall = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[case] = {"n": t["n"], "precision": round(precision, 4), "recall": round(recall, 4),
                     "f1": round(f1, 4)}
        for key in total:
            total[key] += t[key]
    precision = total["tp"] / (total["tp"] + total["fp"])
    recall = total["tp"] / (total["tp"] + total["fn"])
    out["f1"] = round(2 * precision * recall / (precision + recall), 4)
    if described:
        out["shared_identifier_linked_to_described_person"] = round(
            sum(described) / len(described), 4)
    print(json.dumps(out), file=sys.stdout)


if __name__ == "__main__":
    main()
